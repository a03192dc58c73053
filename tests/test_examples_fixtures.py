"""The bundled examples are valid fixtures: calls load, KPIs agree, bad inputs stay bad."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from qa_engine.conversation import Conversation, Speaker

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CALLS = sorted((EXAMPLES / "calls").glob("*.json"))
KPI_COLUMNS = ["conversation_id", "aht_seconds", "answer_rate_20s", "fcr", "csat", "nps_score",
               "response_time_seconds"]


def _kpi_rows() -> dict[str, dict[str, str]]:
    with open(EXAMPLES / "kpis.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == KPI_COLUMNS
        return {row["conversation_id"]: row for row in reader}


def test_examples_calls_are_many_enough():
    assert len(CALLS) >= 34


@pytest.mark.parametrize("path", CALLS, ids=lambda p: p.stem)
def test_examples_call_validates_and_is_well_formed(path: Path):
    conv = Conversation.model_validate_json(path.read_bytes())
    assert conv.id == path.stem
    assert conv.queue == path.stem.split("-")[0]
    assert 15 <= len(conv.utterances) <= 60
    assert conv.has_speech(Speaker.AGENT) and conv.has_speech(Speaker.CUSTOMER)
    starts = [u.start for u in conv.utterances]
    assert starts == sorted(starts)
    assert conv.started_at is not None and conv.started_at.utcoffset().total_seconds() == 8 * 3600


def test_examples_json_kpis_equal_csv_rows():
    rows = _kpi_rows()
    ids = {p.stem for p in CALLS}
    assert set(rows) <= ids
    for path in CALLS:
        conv = Conversation.model_validate_json(path.read_bytes())
        for key, value in conv.kpis.items():
            assert float(rows[conv.id][key]) == value, (conv.id, key)


def test_examples_kpi_values_are_in_range():
    bounds = {"aht_seconds": (0, 7200), "answer_rate_20s": (0, 1), "fcr": (0, 1), "csat": (1, 5),
              "nps_score": (0, 10), "response_time_seconds": (0, 3600)}
    for row in _kpi_rows().values():
        for key, (lo, hi) in bounds.items():
            if row[key] != "":
                assert lo <= float(row[key]) <= hi, (row["conversation_id"], key)


@pytest.mark.parametrize("name", ["malformed.json", "empty.json", "unknown-speaker.json", "bad-times.json"])
def test_examples_bad_inputs_fail_validation(name: str):
    with pytest.raises(ValidationError):
        Conversation.model_validate_json((EXAMPLES / "bad" / name).read_bytes())


def test_examples_no_agent_is_valid_but_has_no_agent_speech():
    conv = Conversation.model_validate_json((EXAMPLES / "bad" / "no-agent.json").read_bytes())
    assert not conv.has_speech(Speaker.AGENT)
    assert conv.has_speech(Speaker.CUSTOMER)


def test_examples_transcripts_decode_in_their_declared_encodings():
    tx = EXAMPLES / "transcripts"
    gbk = (tx / "gbk-export.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert gbk.decode("gbk").startswith("客服: ")
    utf16 = (tx / "utf16-export.txt").read_bytes()
    assert utf16[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert utf16.decode("utf-16").startswith("坐席：")


def test_examples_timestamped_transcript_repeats_its_call():
    lines = (EXAMPLES / "transcripts" / "timestamped.txt").read_text(encoding="utf-8").splitlines()
    call = json.loads((EXAMPLES / "calls" / "billing-007.json").read_text(encoding="utf-8"))
    assert len(lines) == len(call["utterances"])
    for line, utt in zip(lines, call["utterances"]):
        stamp, rest = line.split("] ", 1)
        h, m, s = (int(x) for x in stamp.lstrip("[").split(":"))
        assert h * 3600 + m * 60 + s == int(utt["start"])
        assert rest.split(": ", 1)[1] == utt["text"]
