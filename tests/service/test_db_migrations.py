"""Alembic migrations build exactly the tables the models declare, and re-running is a no-op."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect as sa_inspect

from service.db import Base, make_engine, upgrade


def test_upgrade_head_matches_the_models_and_is_idempotent(database_url):
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        upgrade(engine)  # every start runs it again
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
        tables = set(sa_inspect(engine).get_table_names())
        assert {"conversations", "inspections", "jobs", "outbox", "audit_log"} <= tables
    finally:
        engine.dispose()
