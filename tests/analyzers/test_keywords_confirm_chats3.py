"""confirm_need after the third chat round (eval/labels/confirm_chats_protocol.md, round 3): no rule
changed (rulebook 2026.11.12 already agreed with every judged round-3 dev chat), so these pin the
round-3 judgement cases (GUIDE.md, "Round 3") and the phone-register forms the issue names against
later tuning, and check that the round-3 label file is well formed and its split is the fixed one.

Probes are hand-made in the style of round-3 **dev** chats only (not evidence of accuracy: the labelled
chats are); no test-split chat is used here."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from tests.analyzers.confirm_probes import confirm

LABELS = Path(__file__).resolve().parents[2] / "eval" / "labels"


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


@pytest.mark.parametrize(("customer", "agent"), [
    ("我昨晚吃了一个不熟的", "餐品不熟是吗亲"),
    ("异物", "虫子是吗亲亲"),                                       # a harm close to the one reported
    ("怎么处理？", "亲亲请问是吃出了异物对吗"),                     # read from the record
    ("商家说遇热才会这样", "亲亲是说菜变质了吗？"),
    ("你看下记录", "亲亲这边是要退款是吗"),                        # a guessed request, checked
    ("看上面的记录", "您好，请问是之前反馈的商品少送，现在需要商家退款是吗？"),  # an earlier complaint restated
])
def test_round3_checks_of_the_need_are_found(default, customer, agent):
    f = confirm(default, ("C", customer), ("A", agent))
    assert f.value == 1.0, f.evidence
    (ev,) = [e for e in f.evidence if e.text]
    assert ev.utterance == 2 and ev.note.startswith("confirm_need.")


@pytest.mark.parametrize(("customer", "agent"), [
    ("变质了", "您这边食用后有没有身体不适呢亲亲"),                  # asks a fact not yet reported
    ("拉肚子有点", "亲您这边是否就医呢 现在身体怎么样了？"),          # what the customer did; wellbeing
    ("现在肚子好痛", "亲亲，您这边有去看医生吗"),
    ("胃还是有些不舒服", "亲亲您现在身体好些了吗"),
    ("恩", "亲亲，小美查看到专员给您回电承诺您24小时回复对吗"),    # a callback status
    ("食品安全", "具体是什么问题呢亲亲"),                             # open questions
    ("有头发", "亲亲 您现在的诉求是什么呢"),
    # LABELLING.md false hits stay misses
    ("饭里有头发", "我明白您的意思是这样"),
    ("饭里有头发", "我帮您核实一下"),
    ("饭里有头发", "亲请问是这个订单吗"),
])
def test_round3_questions_that_check_no_need_stay_misses(default, customer, agent):
    f = confirm(default, ("C", customer), ("A", agent))
    assert f.value == 0.0, f.evidence


@pytest.mark.parametrize(("customer", "agent"), [
    ("那个奶都已经坏了", "就是说变质了是吗"),
    ("饭菜里面有头发", "您的意思是饭菜里面有头发对吧"),
    ("商家他不给我退", "您是说商家不给您退款吗"),
    ("我要退掉", "您是要求把这个牛奶退掉是吧"),
    ("吃了以后一直拉肚子", "那就是吃了以后拉肚子了是吧"),
])
def test_phone_register_restatements_with_a_tag_are_found(default, customer, agent):
    # ASR text: no punctuation, 您 as written by the recogniser
    f = confirm(default, ("C", customer), ("A", agent), channel="phone")
    assert f.value == 1.0, f.evidence


def test_round3_label_file_is_well_formed_and_split_by_the_fixed_rule():
    rows = [json.loads(line) for line in (LABELS / "confirm_chats3.jsonl").read_text(encoding="utf-8").splitlines()]
    meta, rows = rows[0]["_meta"], rows[1:]
    assert meta["acts"] == ["confirm_need"] and meta["calls_format"] == "musied"
    assert len(rows) == 115 and len({r["doc_id"] for r in rows}) == 115
    earlier = set()
    for name in ("confirm_chats.jsonl", "confirm_chats2.jsonl"):
        earlier |= {json.loads(line).get("doc_id") for line in (LABELS / name).read_text(encoding="utf-8").splitlines()}
    assert not earlier & {r["doc_id"] for r in rows}                      # no chat labelled twice
    for r in rows:
        digest = hashlib.sha256(f"confirm-chats-split:{r['doc_id']}".encode()).digest()
        assert r["split"] == ("test" if digest[0] < 128 else "dev")
        cn = r["acts"]["confirm_need"]
        assert (cn["done"] is True) == bool(cn["utterances"])           # every "done" cites its lines
    counts = {(s, d): sum(r["split"] == s and r["acts"]["confirm_need"]["done"] is d for r in rows)
              for s in ("dev", "test") for d in (True, False, None)}
    assert [counts[("dev", d)] for d in (True, False, None)] == [8, 43, 2]
    assert [counts[("test", d)] for d in (True, False, None)] == [13, 42, 7]
