"""`qa transcribe FILE [--json]` as registered by qa_engine.commands.asr."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from qa_engine.commands import asr as asr_commands
from qa_engine.conversation import Conversation, Utterance


def app() -> typer.Typer:
    application = typer.Typer()
    asr_commands.register(application)

    @application.callback()
    def main() -> None:  # keeps "transcribe" a sub-command, as in the real `qa` app
        pass

    return application


def fake_transcribe(path, options=None):
    return Conversation(id="c1", utterances=[
        Utterance(speaker="agent", start=0.0, end=2.0, text="您好，请问有什么可以帮您", confidence=0.91),
        Utterance(speaker="customer", start=2.5, end=4.0, text="我想问一下", confidence=0.42,
                  flags=["asr_low_confidence"])],
        attributes={"quality_gate": {"sentiment": "customer channel (right) clipped (3.0% of samples at full scale)"}})


def test_commands_transcribe_json(monkeypatch, tmp_path):
    monkeypatch.setattr("qa_engine.asr.transcribe_file", fake_transcribe)
    result = CliRunner().invoke(app(), ["transcribe", str(tmp_path / "a.wav"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [u["speaker"] for u in data["utterances"]] == ["agent", "customer"]
    assert data["utterances"][1]["confidence"] == 0.42


def test_commands_transcribe_text_shows_flags_and_gate(monkeypatch, tmp_path):
    monkeypatch.setattr("qa_engine.asr.transcribe_file", fake_transcribe)
    result = CliRunner().invoke(app(), ["transcribe", str(tmp_path / "a.wav")])
    assert result.exit_code == 0
    assert "customer" in result.stdout and "[asr_low_confidence]" in result.stdout
    assert "quality gate: sentiment" in result.output


def test_commands_transcribe_bad_file_is_one_line_error(tmp_path):
    bad = tmp_path / "empty.wav"
    bad.write_bytes(b"")
    result = CliRunner().invoke(app(), ["transcribe", str(bad)])
    assert result.exit_code == 2
    assert "error: empty.wav: empty file (0 bytes)" in result.output
