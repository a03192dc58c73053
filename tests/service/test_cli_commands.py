"""`qa keys create` prints a key once; the service accepts it; bad roles are refused."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from qa_engine.commands.service import register


def cli():
    app = typer.Typer()
    register(app)
    return app


def env_of(service):
    settings = service.app.state.settings
    return {"QA_DATA_DIR": str(settings.data_dir), "COLUMNS": "300",
            "QA_DATABASE_URL": settings.resolved_database_url}


def test_keys_create_prints_a_working_key_once(service):
    result = CliRunner().invoke(cli(), ["keys", "create", "--role", "agent", "--agent-id", "A7"],
                                env=env_of(service))
    assert result.exit_code == 0, result.output
    key = result.stdout.strip().splitlines()[0]
    assert key.startswith("qa_")
    response = service.client.get("/api/v1/conversations", headers={"X-API-Key": key})
    assert response.status_code == 200
    listed = service.client.get("/api/v1/keys", headers=service.as_("admin")).json()
    assert any(k["agent_id"] == "A7" and k["role"] == "agent" for k in listed)


def test_keys_create_refuses_unknown_role_and_unbound_agent(service):
    bad = CliRunner().invoke(cli(), ["keys", "create", "--role", "boss"], env=env_of(service))
    assert bad.exit_code != 0 and "admin, qa, supervisor, agent" in bad.output
    unbound = CliRunner().invoke(cli(), ["keys", "create", "--role", "agent"],
                                 env=env_of(service))
    assert unbound.exit_code != 0 and "agent-id" in unbound.output


def test_fresh_database_is_migrated_by_the_cli(tmp_path):
    result = CliRunner().invoke(cli(), ["verify-audit-log"], env={
        "QA_DATA_DIR": str(tmp_path / "fresh"), "QA_DATABASE_URL": ""})
    assert result.exit_code == 0 and "0 entries" in result.output
    assert (tmp_path / "fresh" / "qa.sqlite3").exists()


def test_register_adds_the_service_commands():
    result = CliRunner().invoke(cli(), ["--help"], env={"COLUMNS": "200"})
    for command in ("serve", "keys", "verify-audit-log"):
        assert command in result.output
