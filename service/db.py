"""Engine, sessions and migrations: SQLite by default, PostgreSQL by URL (psycopg 3)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, create_engine, event, select, text, update
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

SERVICE_DIR = Path(__file__).resolve().parent
ALEMBIC_INI = SERVICE_DIR / "alembic.ini"


class Base(DeclarativeBase):
    """Declarative base of every table."""


class UTCDateTime(TypeDecorator):
    """Stored as naive UTC in every database; read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        return value.replace(tzinfo=UTC) if value is not None else None


def utcnow() -> datetime:
    return datetime.now(UTC)


# Execution option naming how a SQLite transaction begins (``IMMEDIATE`` unless told).
SQLITE_BEGIN = "qa_sqlite_begin"


def make_engine(url: str, *, busy_timeout: float = 30.0) -> Engine:
    """Create the engine; SQLite gets WAL, a busy timeout, foreign keys and write
    transactions that take the write lock when they begin (see ``read_only``)."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        engine = create_engine(url, pool_size=20, max_overflow=20, connect_args={
            "check_same_thread": False, "timeout": busy_timeout})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):  # pragma: no cover - trivial
            # The driver's own implicit BEGIN (DEFERRED) is switched off; ``_begin`` below
            # emits the BEGIN, so that a transaction that will write takes SQLite's write
            # lock first. A deferred one that reads and then writes cannot wait for the
            # lock (SQLite answers "database is locked" at once when another connection
            # wrote since its read began), and holding a Python lock while waiting for
            # SQLite's deadlocked against a thread doing the reverse.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL survives application crashes; only a power cut may lose
            # the last commits. It saves an fsync per request.
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection):  # pragma: no cover - trivial
            mode = connection.get_execution_options().get(SQLITE_BEGIN, "IMMEDIATE")
            connection.exec_driver_sql(f"BEGIN {mode}")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def make_sessionmaker(engine: Engine, *, read_only: bool = False,
                     info: dict[str, Any] | None = None) -> sessionmaker[Session]:
    """Sessions on ``engine``; ``read_only`` ones begin SQLite transactions DEFERRED (no
    write lock, readers never wait) — a write in such a session may fail when busy.
    ``info`` is every session's ``Session.info`` (e.g. the audit key)."""
    if read_only:
        engine = engine.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
    return sessionmaker(engine, expire_on_commit=False, info=dict(info or {}))


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commits on success, rolls everything back on any error."""
    with factory() as session, session.begin():
        yield session


def claim_rows(session: Session, model: type, claimable: Any, order_by: Any,
               values: dict[str, Any], *, candidates: int = 8) -> Iterator[Any]:
    """Yield rows of ``model`` that this transaction has exclusively claimed.

    A claim is an UPDATE guarded by the same ``claimable`` condition, so of several
    workers racing for one row exactly one sees ``rowcount == 1``; the others move on to
    the next candidate. Used by the job queue and the alert outbox.
    """
    ids = session.scalars(select(model.id).where(claimable).order_by(order_by)
                          .limit(candidates)).all()
    for row_id in ids:
        taken = session.execute(update(model).where(model.id == row_id, claimable).values(**values))
        if taken.rowcount == 1:
            row = session.get(model, row_id)
            session.refresh(row)
            yield row


MIGRATION_LOCK_ID = 0x5141_0001  # PostgreSQL advisory lock key ("QA", 1)


def upgrade(engine: Engine) -> None:
    """Run the Alembic migrations up to ``head`` on ``engine`` (idempotent).

    Several server processes may start at once (``qa serve --workers N``): a lock (an
    advisory lock on PostgreSQL, a file lock beside a SQLite database) lets one migrate
    while the others wait and then find nothing to do.
    """
    from alembic import command
    from alembic.config import Config

    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(SERVICE_DIR / "migrations"))
    with _sqlite_file_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": MIGRATION_LOCK_ID})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    import fcntl

    with open(f"{database}.migrate-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
