"""`qa rules check` and `qa rules test`: validate a rulebook, dry-run it with evidence."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from qa_engine.commands.rules import register
from qa_engine.conversation import Conversation, Utterance
from qa_engine.rulebook import DEFAULT_RULEBOOK_PATH

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """qa"""

    register(app)
    return app


def _call(tmp_path: Path) -> Path:
    c = Conversation(id="cli-1", utterances=[
        Utterance(speaker="agent", start=0, end=2, text="您好，工号1024，请问有什么可以帮您？"),
        Utterance(speaker="customer", start=2.5, end=4, text="我要投诉"),
        Utterance(speaker="agent", start=4.5, end=6, text="这个我也不知道"),
        Utterance(speaker="customer", start=6.5, end=7, text="那怎么办"),
        # said again: 我不知道 counts as 推诿 from the second utterance (min_hits = 2)
        Utterance(speaker="agent", start=7.5, end=8, text="我不知道"),
    ])
    path = tmp_path / "call.json"
    path.write_text(c.model_dump_json(), encoding="utf-8")
    return path


def test_rulebook_cli_check_ok_and_error(tmp_path: Path) -> None:
    result = runner.invoke(_app(), ["rules", "check", str(DEFAULT_RULEBOOK_PATH)])
    assert result.exit_code == 0, result.output
    assert "ok" in result.stdout and "18 rules" in result.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('version = "1"\n[[rules]]\nid = "g"\nkind = "required"\nphrses = ["x"]\n', encoding="utf-8")
    result = runner.invoke(_app(), ["rules", "check", str(bad)])
    assert result.exit_code == 2
    assert "unknown key 'phrses'" in result.output and "expected one of" in result.output


def test_rulebook_cli_test_json_prints_findings(tmp_path: Path) -> None:
    result = runner.invoke(_app(), ["rules", "test", str(DEFAULT_RULEBOOK_PATH), str(_call(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["analyzer"] == "keywords"
    dismissive = data["items"]["forbidden_dismissive"]
    assert dismissive["value"] == 0.0
    assert dismissive["evidence"][0]["utterance"] == 2 and dismissive["evidence"][0]["text"] == "我也不知道"
    assert [e["utterance"] for e in dismissive["evidence"] if e["utterance"] is not None] == [2, 4]
    assert data["items"]["apology_on_complaint"]["value"] == 0.0


def test_rulebook_cli_test_table_shows_hits_misses_and_na(tmp_path: Path) -> None:
    result = runner.invoke(_app(), ["rules", "test", str(DEFAULT_RULEBOOK_PATH), str(_call(tmp_path))],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "greeting" in out and "pass" in out and "FAIL" in out and "N/A" in out
    assert "「我也不知道」" in out
    assert "no silence longer than 10 s" in out


def test_rulebook_cli_test_bad_inputs_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(_app(), ["rules", "test", str(tmp_path / "none.toml"), str(_call(tmp_path))])
    assert result.exit_code == 2 and "not found" in result.output
    bad_call = tmp_path / "bad.json"
    bad_call.write_text("{", encoding="utf-8")
    result = runner.invoke(_app(), ["rules", "test", str(DEFAULT_RULEBOOK_PATH), str(bad_call)])
    assert result.exit_code == 2 and "bad.json" in result.output
