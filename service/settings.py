"""Service settings, read from the environment with the ``QA_`` prefix (pydantic-settings)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every option of the service; e.g. ``QA_DATABASE_URL``, ``QA_MAX_UPLOAD_BYTES``."""

    model_config = SettingsConfigDict(env_prefix="QA_", env_file=None, extra="ignore")

    data_dir: Path = Field(default=Path("qa-data"),
                           description="Holds the SQLite database and stored uploads.")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default sqlite:///<data_dir>/qa.sqlite3. "
                                  "PostgreSQL: postgresql+psycopg://user:pw@host/db")
    sqlite_busy_timeout_seconds: float = Field(
        default=30.0, gt=0, description="SQLite: how long a write waits for another "
                                        "connection's write lock before failing.")
    scorecard: Path | None = Field(default=None, description="Scorecard TOML; None = bundled.")
    rulebook: Path | None = Field(default=None, description="Rulebook TOML; None = bundled.")
    max_upload_bytes: int = Field(default=200 * 1024 * 1024, gt=0,
                                  description="Largest recording accepted (413 above).")
    max_body_bytes: int = Field(default=5 * 1024 * 1024, gt=0,
                                description="Largest JSON/CSV body accepted (413 above).")
    max_utterances: int = Field(default=5000, gt=0,
                                description="Work budget: most utterances in one conversation "
                                            "(413 above).")
    max_characters: int = Field(default=200_000, gt=0,
                                description="Work budget: most characters of text in one "
                                            "conversation (413 above).")
    max_audio_seconds: float = Field(default=4 * 3600.0, gt=0,
                                     description="Work budget: longest call in seconds, "
                                                 "transcript or recording (413 above).")
    max_in_flight: int = Field(default=48, ge=1,
                               description="API requests in progress per server process; "
                                           "beyond it 503 with Retry-After at once.")
    model_queue: int = Field(default=64, ge=1,
                             description="Most inspections waiting for a model thread; "
                                         "beyond it requests get 503 with Retry-After.")
    model_queue_timeout_seconds: float = Field(
        default=30.0, gt=0, description="A request waiting this long for a model thread gets "
                                        "503 with Retry-After.")
    shutdown_grace_seconds: float = Field(
        default=10.0, gt=0, description="On shutdown, how long running work may finish before "
                                        "it is abandoned (jobs are taken up again later).")
    keep_uploads: bool = Field(default=False,
                               description="Keep a recording after its job has finished "
                                           "(default: deleted once succeeded or failed).")
    model_concurrency: int = Field(default=2, ge=1,
                                   description="Model threads (inspections, transcriptions) "
                                               "running at once.")
    max_batch: int = Field(default=8, ge=1, description="Most conversations one model thread "
                                                        "inspects together when requests queue up.")
    job_workers: int = Field(default=1, ge=0, description="Threads working the upload job queue.")
    job_lease_seconds: float = Field(
        default=60.0, gt=0, description="A running job whose worker stops renewing its lease "
                                        "for this long (crash) is taken up again.")
    job_max_attempts: int = Field(default=3, ge=1,
                                  description="A job taken up this often (it keeps crashing "
                                              "the worker) is marked failed.")
    poll_interval_seconds: float = Field(default=1.0, gt=0,
                                         description="How often idle workers look for work.")
    appeal_window_days: float = Field(default=7.0, ge=0,
                                      description="Days after scoring during which an agent may appeal.")
    appeal_max_per_finding: int = Field(
        default=2, ge=1, description="Appeals an agent may file on one finding of a call "
                                     "(a rejected appeal may be followed by this many - 1 more).")
    alert_max_attempts: int = Field(default=8, ge=1, description="Webhook delivery attempts.")
    alert_backoff_seconds: float = Field(default=2.0, gt=0,
                                         description="First retry delay; doubles per attempt.")
    alert_backoff_max_seconds: float = Field(default=600.0, gt=0,
                                             description="Longest wait between attempts.")
    webhook_timeout_seconds: float = Field(default=10.0, gt=0,
                                           description="Per webhook request.")
    outbound_allow: list[str] = Field(
        default_factory=list,
        description="Hosts and CIDRs webhooks and job callbacks may reach although they are "
                    "loopback, private, link-local or metadata addresses (JSON list, e.g. "
                    "QA_OUTBOUND_ALLOW='[\"10.1.2.0/24\", \"hooks.corp.lan\"]'); by default "
                    "only public addresses are called.")
    webhook_lease_seconds: float = Field(
        default=120.0, gt=0, description="A webhook being sent by a deliverer that stops "
                                         "(crash) is sent again after this long.")
    deliverers: int = Field(default=1, ge=0, description="Threads delivering the outbox.")
    auth_cache_seconds: float = Field(
        default=0.0, ge=0, description="How long a checked API key is trusted without a "
                                       "database lookup. 0 (default): every request checks "
                                       "the database, so a revocation holds at once in every "
                                       "worker process; above 0, another process may accept "
                                       "a revoked key for up to this long.")
    pii_redaction: bool = Field(
        default=True, description="Mask personal data (phone, ID and card numbers, e-mail, "
                                  "addresses) in stored transcripts, inspections and alerts.")
    pii_originals_for: list[str] = Field(
        default_factory=list, description="Roles shown the original, unmasked transcript "
                                          "(e.g. '[\"admin\"]'); empty: originals are not kept.")
    audit_key: SecretStr | None = Field(
        default=None, description="HMAC key of the audit chain (16+ characters); prefer "
                                  "QA_AUDIT_KEY_FILE. Keep it away from the database.")
    audit_key_file: Path | None = Field(
        default=None, description="File holding the audit chain's HMAC key; default "
                                  "<data_dir>/audit.key, created (0600) when missing.")
    backtest_report: Path | None = Field(
        default=None, description="The latest `qa rules backtest --save` report shown on the "
                                  "workbench's Rules page; default <data_dir>/backtest.json.")
    rollup_interval: float | None = Field(
        default=None, gt=0, lt=1, description="Credible-interval mass of agent scorecards; "
                                              "default: the scorecard's agent_rollup.interval.")

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'qa.sqlite3').resolve()}"

    @property
    def resolved_backtest_report(self) -> Path:
        return self.backtest_report or self.data_dir / "backtest.json"

    @property
    def upload_dir(self) -> Path:
        return self.data_dir / "uploads"
