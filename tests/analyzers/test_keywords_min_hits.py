"""`min_hits`: a rule (or a group) that counts only once hits stand in N distinct utterances."""

from __future__ import annotations

import tomllib

import pytest

from qa_engine.analyzers.keywords import KeywordAnalyzer
from qa_engine.conversation import Conversation, Utterance
from qa_engine.errors import ConfigError
from qa_engine.rulebook import parse_rulebook

_SPEAKERS = {"A": "agent", "C": "customer"}


def conv(*lines: tuple[str, str]) -> Conversation:
    return Conversation(id="t", utterances=[
        Utterance(speaker=_SPEAKERS[spk], start=2.5 * i, end=2.5 * i + 2, text=text)
        for i, (spk, text) in enumerate(lines)])


def book(rule: str, extra: str = "") -> KeywordAnalyzer:
    text = f'version = "t"\n[[rules]]\nid = "dont_know"\nkind = "forbidden"\n{rule}\n{extra}'
    return KeywordAnalyzer(parse_rulebook(tomllib.loads(text), source="rb.toml"))


ONCE = conv(("A", "这个我不知道"), ("C", "那怎么办"), ("A", "我帮您查一下"))
TWICE = conv(("A", "这个我不知道"), ("C", "那怎么办"), ("A", "我不知道啊"), ("C", "你问谁"), ("A", "我也不知道"))
SAME_LINE = conv(("A", "我不知道我不知道"), ("C", "那怎么办"))


@pytest.mark.parametrize(("min_hits", "call", "value"), [
    ("", ONCE, 0.0),            # default 1: today's behaviour, one hit fires
    ("min_hits = 1", ONCE, 0.0),
    ("min_hits = 2", ONCE, 1.0),      # said once, then checking: not a habit
    ("min_hits = 2", TWICE, 0.0),
    ("min_hits = 2", SAME_LINE, 1.0),  # two hits in one utterance are one utterance
    ("min_hits = 3", TWICE, 0.0),
    ("min_hits = 4", TWICE, 1.0),
])
def test_min_hits_counts_distinct_utterances(min_hits: str, call: Conversation, value: float) -> None:
    f = book(f'phrases = ["我不知道", "我也不知道"]\n{min_hits}').analyze(call).items["dont_know"]
    assert f.value == value


def test_min_hits_evidence_lists_every_hit_utterance() -> None:
    f = book('phrases = ["我不知道", "我也不知道"]\nmin_hits = 2').analyze(TWICE).items["dont_know"]
    assert [e.utterance for e in f.evidence] == [0, 2, 4]
    assert [e.text for e in f.evidence] == ["我不知道", "我不知道", "我也不知道"]
    assert f.detail["min_hits"] == 2 and f.detail["hit_utterances"] == [0, 2, 4]


def test_min_hits_below_threshold_is_kept_as_partial_not_evidence() -> None:
    f = book('phrases = ["我不知道"]\nmin_hits = 2').analyze(ONCE).items["dont_know"]
    assert f.value == 1.0
    assert all(e.utterance is None for e in f.evidence)  # only the miss note
    assert "hits in 1 utterance(s) (#0), min_hits = 2" in f.evidence[0].note
    assert [h["utterance"] for h in f.detail["partial_hits"]] == [0]
    assert "hits in 1 utterance(s), needs 2" in f.detail["below_min_hits"][0]


GROUPS = '''exclusions = ["不知道为什么"]
not_followed_by = ["帮您查"]
[[rules.groups]]
id = "refusal"
phrases = ["不归我管"]
[[rules.groups]]
id = "dont_know"
phrases = ["我不知道"]
min_hits = 2
'''


@pytest.mark.parametrize(("call", "value"), [
    (conv(("A", "这个不归我管")), 0.0),                                    # the other group: one hit fires
    (conv(("A", "我不知道")), 1.0),
    (conv(("A", "我不知道"), ("C", "啊"), ("A", "我不知道")), 0.0),
    # the rule's not_followed_by and exclusions apply to the group: one counted utterance left
    (conv(("A", "我不知道我帮您查"), ("C", "啊"), ("A", "我不知道")), 1.0),
    (conv(("A", "我不知道为什么"), ("C", "啊"), ("A", "我不知道")), 1.0),
])
def test_min_hits_on_a_group(call: Conversation, value: float) -> None:
    assert book("", GROUPS).analyze(call).items["dont_know"].value == value


def test_min_hits_on_a_group_is_searched_after_an_earlier_group_matches() -> None:
    """With `any`, a later group still runs: its hits are evidence when it counts."""
    call = conv(("A", "不归我管"), ("C", "啊"), ("A", "我不知道"), ("C", "啊"), ("A", "我不知道"))
    f = book("", GROUPS).analyze(call).items["dont_know"]
    assert f.value == 0.0
    assert [e.utterance for e in f.evidence] == [0, 2, 4]


@pytest.mark.parametrize(("line", "message"), [
    ("min_hits = 0", "min_hits must be a whole number ≥ 1"),
    ("min_hits = -1", "min_hits must be a whole number ≥ 1"),
    ("min_hits = 1.5", "got 1.5"),
    ('min_hits = "2"', "got '2'"),
    ("min_hits = true", "got True"),
])
def test_min_hits_bad_values_are_clear_errors(line: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        book(f'phrases = ["我不知道"]\n{line}')
    text = str(info.value)
    assert text.startswith("rb.toml: rules[0] 'dont_know'.min_hits: ") and message in text


def test_min_hits_not_with_gap_or_none() -> None:
    with pytest.raises(ConfigError, match="min_hits does not apply to a gap rule"):
        book('phrases = ["稍等"]\nmin_hits = 2\ngap = { min_seconds = 10, side = "before" }')
    with pytest.raises(ConfigError, match="min_hits does not apply with quantifier = 'none'"):
        book('quantifier = "none"\nmin_hits = 2\n[[rules.groups]]\nphrases = ["我不知道"]')


def test_default_dismissive_needs_two_dont_know_utterances() -> None:
    default = KeywordAnalyzer()
    once = default.analyze(conv(("A", "这个我不知道"), ("C", "那怎么办"))).items["forbidden_dismissive"]
    assert once.value == 1.0
    twice = default.analyze(conv(("A", "这个我不知道"), ("C", "那怎么办"), ("A", "我也不知道")))
    f = twice.items["forbidden_dismissive"]
    assert f.value == 0.0
    assert [e.utterance for e in f.evidence if e.utterance is not None] == [0, 2]
    assert {h["group"] for h in f.detail["hits"]} == {"forbidden_dismissive.dont_know"}
