"""Settings come from QA_* environment variables; the default database is a SQLite file
in the data directory."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from service.settings import Settings


def test_settings_read_the_qa_prefix(monkeypatch, tmp_path):
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("QA_MAX_UPLOAD_BYTES", "12345")
    monkeypatch.setenv("QA_APPEAL_WINDOW_DAYS", "3")
    monkeypatch.delenv("QA_DATABASE_URL", raising=False)
    settings = Settings()
    assert settings.max_upload_bytes == 12345 and settings.appeal_window_days == 3
    assert settings.resolved_database_url == f"sqlite:///{(tmp_path / 'qa.sqlite3').resolve()}"


def test_database_url_overrides_the_default(monkeypatch):
    monkeypatch.setenv("QA_DATABASE_URL", "postgresql+psycopg://u:p@db/qa")
    assert Settings().resolved_database_url == "postgresql+psycopg://u:p@db/qa"


def test_bad_value_names_the_setting(monkeypatch):
    monkeypatch.setenv("QA_MAX_UPLOAD_BYTES", "lots")
    with pytest.raises(ValidationError, match="max_upload_bytes"):
        Settings()
