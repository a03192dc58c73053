"""``qa_engine.pii``: written and spoken personal data is found and masked in place; the
numbers of an ordinary call (amounts, work ids, dates, hotlines) are left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa_engine.pii import find_pii, id_card_valid, luhn_valid, redact_json, redact_text

FIXTURES = Path(__file__).resolve().parent.parent / "eval" / "pii" / "fixtures.jsonl"


@pytest.mark.parametrize("text, kind", [
    ("我的手机是13812345678", "mobile"),
    ("手机号138 1234 5678，谢谢", "mobile"),
    ("我的手机是幺三八一二三四五六七八", "mobile"),
    ("一三八，一二三四，五六七八", "mobile"),
    ("号码是幺三八呃幺二三四五六七八", "mobile"),
    ("座机010-62345678", "landline"),
    ("座机是(0755)86689999", "landline"),
    ("身份证号是11010119900307002X", "id_card"),
    ("卡号6222 0212 3456 7890 128", "bank_card"),
    ("邮箱zhangsan@example.com", "email"),
    ("邮箱是zhangsan艾特qq点com", "email"),
    ("地址是北京市朝阳区建国路88号3单元502室", "address"),
])
def test_personal_data_is_found_and_masked_in_place(text, kind):
    spans = find_pii(text)
    assert [s.kind for s in spans] == [kind]
    masked = redact_text(text)
    assert len(masked) == len(text)
    span = spans[0]
    assert all(c in "* " for c in masked[span.start:span.end])
    assert masked[:span.start] == text[:span.start] and masked[span.end:] == text[span.end:]


@pytest.mark.parametrize("text", [
    "您这个月的话费是八十六元，其中流量费二十元", "工号1024为您服务", "我们的客服热线是400-820-8820",
    "请问您是2026年11月2日办理的吗", "验证码是482913", "快递单号SF1234567890123", "坐一路公交到人民广场"])
def test_ordinary_numbers_are_left_alone(text):
    assert redact_text(text) == text


def test_checksums():
    assert id_card_valid("11010119900307002X") and not id_card_valid("110101199003074571")
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")


def test_redact_json_keeps_ids():
    data = {"id": "13812345678", "utterances": [{"text": "打13812345678"}]}
    assert redact_json(data) == {"id": "13812345678", "utterances": [{"text": "打***********"}]}


def test_fixture_recall_is_at_least_99_percent():
    rows = [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines()]
    spans = found = 0
    for row in rows:
        masked = redact_text(row["text"])
        for span in row["spans"]:
            spans += 1
            found += all(masked[i] == "*" for i in range(span["start"], span["end"])
                         if row["text"][i].isalnum())
        if not row["spans"]:
            assert masked == row["text"], row["text"]
    assert found / spans >= 0.99, f"recall {found}/{spans}"
