"""``qa serve``, ``qa keys create`` and ``qa verify-audit-log`` (the HTTP service's CLI).

Imports of the service stack (FastAPI, SQLAlchemy) happen inside the commands, so that
``qa --help`` stays fast and works without the ``service`` extra.
"""

from __future__ import annotations

from typing import Annotated

import typer

SERVICE_EXTRA = "pip install 'qa-engine[service]'"


def _settings():
    try:
        from service.settings import Settings
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise typer.BadParameter(f"the service is not installed ({exc}); {SERVICE_EXTRA}") from None
    return Settings()


def _session_factory(settings):
    from service import audit
    from service.db import make_engine, make_sessionmaker, upgrade

    engine = make_engine(settings.resolved_database_url)
    if engine.dialect.name == "sqlite":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(engine)
    try:
        key = audit.load_key(settings)
    except audit.AuditKeyError as exc:
        raise typer.BadParameter(str(exc)) from None
    return make_sessionmaker(engine, info=audit.session_info(key))


def serve(host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
          workers: Annotated[int, typer.Option(
              min=1, help="Server processes (each loads the models; they share the "
                          "database and the job queue safely).")] = 1,
          log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info") -> None:
    """Start the HTTP service (settings from QA_* environment variables)."""
    import uvicorn

    settings = _settings()
    # In-flight requests get the same bounded grace as the app's own workers on SIGTERM.
    uvicorn.run("service.main:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level=log_level,
                timeout_graceful_shutdown=max(1, round(settings.shutdown_grace_seconds)))


def keys_create(
        role: Annotated[str, typer.Option(help="admin | qa | supervisor | agent")],
        agent_id: Annotated[str | None, typer.Option(help="Required for (only) agent keys.")] = None,
        name: Annotated[str | None, typer.Option(help="Who or what holds the key.")] = None,
) -> None:
    """Create an API key and print it once (only its salted hash is stored)."""
    from service import audit
    from service.auth import Role, create_key

    if role not in {r.value for r in Role}:
        raise typer.BadParameter(f"unknown role '{role}'; expected one of: "
                                 f"{', '.join(r.value for r in Role)}", param_hint="--role")
    factory = _session_factory(_settings())
    with factory() as session:
        try:
            row, key = create_key(session, role, agent_id=agent_id, name=name)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--agent-id") from None
        audit.append(session, actor="cli", action="key.created", subject=f"key:{row.id}",
                     payload={"role": row.role, "agent_id": row.agent_id, "name": row.name})
        session.commit()
    typer.echo(key)
    typer.echo(f"key id {row.id}, role {row.role}"
               + (f", agent {row.agent_id}" if row.agent_id else "")
               + " — store it now: it cannot be shown again", err=True)


def verify_audit_log() -> None:
    """Recompute the audit log's keyed hash chain (HMAC, key from QA_AUDIT_KEY_FILE or
    QA_AUDIT_KEY); exit 1 if it was tampered with."""
    from service import audit

    factory = _session_factory(_settings())
    with factory() as session:
        result = audit.verify(session)
    if result.ok:
        typer.echo(f"audit log OK: {result.entries} entries, hash chain intact")
        return
    for problem in result.problems:
        typer.echo(f"TAMPERED: {problem}", err=True)
    raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``serve``, ``keys create`` and ``verify-audit-log`` to the ``qa`` app."""
    app.command("serve")(serve)
    keys = typer.Typer(help="Manage API keys of the HTTP service.", no_args_is_help=True)
    keys.command("create")(keys_create)
    app.add_typer(keys, name="keys")
    app.command("verify-audit-log")(verify_audit_log)
