"""Alembic environment: uses the connection handed over by ``service.db.upgrade`` or, run
by hand, ``QA_DATABASE_URL`` (via the service settings)."""

from __future__ import annotations

from alembic import context

from service import models  # noqa: F401  (registers the tables)
from service import perf_models  # noqa: F401  (the performance tables)
from service.db import Base, make_engine

target_metadata = Base.metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
        return
    from service.settings import Settings

    engine = make_engine(Settings().resolved_database_url)
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata,
                          render_as_batch=conn.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()


run()
