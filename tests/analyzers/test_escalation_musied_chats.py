"""The MUSIED chat threat labels and their scorer: indices line up with the conversation the product reads."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from qa_engine.backtest import musied_chat
from qa_engine.conversation import Speaker
from tests.shared_data import requires_shared_data

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "eval" / "labels" / "complaint_threats_musied_chats.jsonl"


def _script():
    spec = importlib.util.spec_from_file_location("escalation_musied_chats", ROOT / "eval" / "escalation_musied_chats.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_chat_labels_shape_and_split():
    import hashlib

    rows = [json.loads(x) for x in LABELS.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) == len({r["id"] for r in rows}) == 377
    for r in rows:
        first = hashlib.sha256(("threat-chats-split:" + r["id"]).encode()).digest()[0]
        assert r["split"] == ("test" if first < 128 else "dev")
        assert r["register"] == "chat" and r["threat"] == int(bool(r["utterances"]))


def test_content_index_follows_musied_chat():
    mod = _script()
    doc = {"id": "x", "content": ["客服:您好,", "", "用户:我要投诉,", "RULE:转接中,", "不带冒号的一行", "用户:  ,",
                                  "用户******:投诉商家,"]}
    conv = musied_chat(doc)
    where = mod.content_index(doc)
    assert len(where) == len(conv.utterances) == 4
    assert [doc["content"][i].split(":")[1].rstrip(",，").strip() for i in where] == [u.text for u in conv.utterances]
    assert mod.customer_lines(doc) == {2: "我要投诉", 6: "投诉商家"}


@requires_shared_data
def test_every_label_points_at_a_customer_utterance():
    mod = _script()
    docs = mod.chat_docs()
    for r in mod.load_labels():
        doc = docs[r["id"]]
        conv, where = musied_chat(doc), mod.content_index(doc)
        for i in r["utterances"]:
            assert i in mod.customer_lines(doc)
            assert conv.utterances[where.index(i)].speaker == Speaker.CUSTOMER
