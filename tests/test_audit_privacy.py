"""`qa audit` masks personal data in what it writes, as the service does (qa_engine.privacy)."""

from __future__ import annotations

import json

import pytest

from qa_engine.audit import run_audit
from qa_engine.audit.work import InspectorSpec

PHONE_SPOKEN = "幺三八一二三四五六七八"
PHONE_DIGITS = "13812345678"
STREET = "建国路88号3号楼"


@pytest.fixture(scope="module")
def calls_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("calls")
    call = {"id": "pii-1", "utterances": [
        {"speaker": "agent", "text": "您好，很高兴为您服务，请问有什么可以帮您"},
        {"speaker": "customer", "text": f"我的手机是{PHONE_SPOKEN}，你们送错了，我要投诉到12315"},
        {"speaker": "agent", "text": f"非常抱歉，您的电话是{PHONE_DIGITS}对吗"},
        {"speaker": "customer", "text": f"对，地址是北京市朝阳区{STREET}"},
        {"speaker": "agent", "text": "好的，还有其他可以帮您的吗，再见"}]}
    (folder / "call.json").write_text(json.dumps(call, ensure_ascii=False), encoding="utf-8")
    return folder


def _written(out) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in sorted(out.iterdir()) if p.suffix in {".jsonl", ".csv", ".json"})


def test_audit_masks_personal_data_in_rows_and_alerts(calls_dir, tmp_path):
    alerts = []
    result = run_audit(InspectorSpec(), calls_dir, tmp_path / "out", on_inspection=alerts.append)
    assert result.scored == 1
    written = _written(tmp_path / "out")
    for secret in (PHONE_SPOKEN, PHONE_DIGITS, STREET):
        assert secret not in written
        assert secret not in alerts[0].model_dump_json()
    row = json.loads((tmp_path / "out" / "calls.jsonl").read_text(encoding="utf-8"))
    quoted = [e["text"] for item in row["items"] for e in item["evidence"] if e.get("text")]
    assert any("*" * len(PHONE_DIGITS) in text for text in quoted)  # masked, same length


def test_audit_keeps_personal_data_when_asked_and_scores_alike(calls_dir, tmp_path):
    masked = run_audit(InspectorSpec(), calls_dir, tmp_path / "masked")
    kept = run_audit(InspectorSpec(), calls_dir, tmp_path / "kept", mask_pii=False)
    assert PHONE_DIGITS in _written(tmp_path / "kept")
    assert masked.summary.first_calls[0]["score"] == kept.summary.first_calls[0]["score"]
