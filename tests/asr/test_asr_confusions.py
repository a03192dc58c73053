"""The measured ASR confusion list in the default rulebook (issue 11, deliverable 6) and the
alignment that measures it (eval/asr_confusions.py)."""

from __future__ import annotations


import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.conversation import Conversation, Utterance
from qa_engine.rulebook import load_rulebook
from tests.scripts import load_script


def call(*lines: tuple[str, str]) -> Conversation:
    utts, t = [], 0.0
    for who, text in lines:
        utts.append(Utterance(speaker="agent" if who == "A" else "customer", start=t, end=t + 3.0, text=text,
                              confidence=0.8))
        t += 3.5
    return Conversation(id="tel", channel="phone", utterances=utts)


# The recogniser's words on the constructed telephone calls (eval/asr_calls.py --telephone caches):
# 您是想 came back as 零是想 / 林事向 / 临时向, a charged confirm_need miss before 2026.11.7.
HEARD = [
    ("A", "零号公号一千零二十四省道线为零服务千万有什么可以帮零"),
    ("C", "还是对他们是很大的刺激的这些事情"),
    ("A", "{confirm}"),
    ("A", "一千帮零查到了明天就可以处理好"),
    ("C", "作为一个男人最起码的这个单单"),
    ("A", "好的请问还有什么可以帮您"),
    ("A", "感谢您的来电祝您生活愉快再见"),
]


@pytest.fixture(scope="module")
def default() -> KeywordAnalyzer:
    return KeywordAnalyzer()


@pytest.fixture(scope="module")
def nin_ni_only() -> KeywordAnalyzer:
    return KeywordAnalyzer(load_rulebook().model_copy(update={"asr_confusions": {"您": ["你"]}}))


@pytest.mark.parametrize("confirm", ["零是想查询这个问题对吗我帮零合适一下", "林事向察员这个问题对吗我发林合适一下",
                                     "临时向插云这个问题对吗", "灵是想查询这个问题对吗我帮灵合适一下"])
def test_confirm_need_tolerates_nin_heard_as_ling_or_lin(default, nin_ni_only, confirm):
    c = call(*[(w, t.format(confirm=confirm)) for w, t in HEARD])
    found = default.analyze(c).items["confirm_need"]
    assert found.value == 1.0
    # 零是想 is a declared variant as written; 林事向 / 临时向 match the variant 林是想 by its pinyin.
    assert found.detail["match_mode"] in ("asr_confusion", "pinyin")
    assert nin_ni_only.analyze(c).items["confirm_need"].value == 0.0  # the 您 → 你 table alone misses it


def test_forbidden_phrases_never_use_the_confusions(default):
    c = call(("A", "您好请问有什么可以帮您"), ("C", "我的外卖没到"), ("A", "这是零自己的问题"), ("A", "感谢您的来电再见"))
    assert default.analyze(c).items["forbidden_blame"].value == 1.0
    c = call(("A", "您好请问有什么可以帮您"), ("C", "我的外卖没到"), ("A", "这是您自己的问题"), ("A", "感谢您的来电再见"))
    assert default.analyze(c).items["forbidden_blame"].value == 0.0


def test_other_syllables_are_not_bridged(default):
    """Only nin → ling / lin / ni is declared: 您是想 heard as 是想 or 金是想 stays a miss."""
    for heard in ("是想查询这个问题对吗", "金是想查询这个问题对吗"):
        c = call(*[(w, t.format(confirm=heard)) for w, t in HEARD])
        assert default.analyze(c).items["confirm_need"].value == 0.0


def _confusions_module():
    return load_script("eval/asr_confusions.py", "asr_confusions")


def test_alignment_counts_substitutions_and_deletions_inside_service_phrases():
    m = _confusions_module()
    assert m.align("您是想", "林是想") == [("您", "林"), ("是", "是"), ("想", "想")]
    assert m.align("您是想", "是想") == [("您", ""), ("是", "是"), ("想", "想")]
    assert m.align("好的", "好的吧") == [("好", "好"), ("的", "的"), ("", "吧")]
    ref = "好的您是想查询"
    found = m.count([("c/stereo/tel/agent", [True] * len(ref), ref, "好的林是想查询")], ["您是想"])
    assert found == {("您", "林"): [("c/stereo/tel/agent", True, True)]}
    assert m.in_phrase_mask("好您是想", ["您是想"]) == [False, True, True, True]
