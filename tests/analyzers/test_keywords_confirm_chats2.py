"""confirm_need 2026.11.12: what the second chat round (eval/labels/confirm_chats_protocol.md, round 2)
added and guarded.

Hand-made probes of each family (not evidence of accuracy: the labelled chats are)."""

from __future__ import annotations

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.analyzers.service_acts import Restatement, RestatementOptions
from tests.analyzers.confirm_probes import confirm


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


@pytest.mark.parametrize(("customer", "agent"), [
    ("吃的里面有头发", "异物吗？"),                    # only the harm and a check, in the agent's words
    ("食物有虫", "亲亲 是有2只虫子吗"),                # a count before the harm
    ("我要投诉", "亲亲，是有蚊子吗"),
    ("商品质量问题", "是变质了吗亲亲"),
])
def test_confirm_need_finds_short_checks_of_the_harm(default, customer, agent):
    f = confirm(default, ("C", customer), ("A", agent))
    assert f.value == 1.0
    (ev,) = [e for e in f.evidence if e.text]
    assert ev.utterance == 2 and ev.note.startswith("confirm_need.restated")


def test_a_question_particle_sent_as_its_own_line_completes_the_line_before(default):
    lines = [("C", "商家补偿太慢了我不满意"), ("A", "亲亲这边是对商家给的补偿不满意")]
    assert confirm(default, *lines).value == 0.0                     # the line alone checks nothing
    f = confirm(default, *lines, ("A", "吗"))
    assert f.value == 1.0
    (ev,) = [e for e in f.evidence if e.text]
    assert ev.utterance == 2 and ev.text == "亲亲这边是对商家给的补偿不满意"  # cited on the restating line
    assert "sent as its own line, #3" in ev.note


def test_a_lone_particle_after_a_line_that_restates_nothing_stays_a_miss(default):
    f = confirm(default, ("C", "饭里有头发"), ("A", "亲亲请问是这个订单"), ("A", "吗"))
    assert f.value == 0.0, f.evidence


def test_joining_lone_tags_is_off_unless_the_rulebook_asks():
    base = dict(tags=["是吗", "吗"], topics=["不满意"], echo_max_chars=2)
    texts, roles = ["不满意", "是不满意", "吗"], ["customer", "agent", "agent"]
    assert Restatement(RestatementOptions(**base)).find(texts, [1, 2], roles) == []
    (hit,) = Restatement(RestatementOptions(**base, join_lone_tags=True)).find(texts, [1, 2], roles)
    assert hit.utterance == 1 and (hit.start, hit.end) == (0, 4)


def test_a_restated_omission_of_the_merchant_is_found(default):
    f = confirm(default, ("C", "商家一直没退款"), ("A", "这边商家是没有为您操作是吗亲亲"))
    assert f.value == 1.0


@pytest.mark.parametrize(("customer", "agent"), [
    ("退款了吗", "亲亲 小美联系商家表示已经给您退款了是吗"),   # a status check of what the merchant reported
    ("是的", "亲亲，是这个问题是吗"),                         # points at an unnamed problem (the record's opener)
    ("这样不就可以退款了", "商家不认可退款;"),                # reports the merchant's answer: not an echo
    ("商家怎么说", "商家不同意退款"),
    # LABELLING.md false hits stay misses
    ("饭里有头发", "我明白您的意思是这样"),
    ("饭里有头发", "我帮您核实一下"),
    ("饭里有头发", "是这个订单吗"),
])
def test_confirm_need_ignores_status_checks_and_reports(default, customer, agent):
    f = confirm(default, ("C", customer), ("A", agent))
    assert f.value == 0.0, f.evidence


def test_a_line_that_names_the_problem_beside_this_problem_still_counts(default):
    f = confirm(default, ("C", "转食品部门"), ("A", "您之前是反馈过这个餐品有异物这个问题是吗"))
    assert f.value == 1.0
