"""Thirty-first pass (``THREAT_PASSES.md`` "Thirty-first pass"; the guide's "Thirty-first pass"), **in-sample**: no new
held-out calls were scored; the consistency item the thirtieth pass left open, and two of its smaller open items.

- A step **already taken** by someone of the caller's household or 他 / 她 on the caller's matter (我妈已经投诉你们了,
  他已经投诉你们了, 他去消协了) read ``reported`` through the older third-person frames while 我妈去消协了 and 他投诉你们了 read
  as threats (the guide's fourteenth-pass rule: the household's escalation under way). It now reads as the caller's own
  step in the same words: a threat, or ``prior`` where the caller's own words are (我老公投诉了你们 as 我投诉了你们).
- A proxy call told after the step (我老公要投诉你们，我替他打的) relays it, as one told before it already did.
- 老爸 / 老妈 without 我 read as 我爸 / 我妈 (STC3 3418343321329763: 老爸投诉说网络不好用 is the father's grumble, reported).

Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import assert_calm as _calm
from tests.analyzers.threat_probes import alerts, reasons


def test_the_version_is_rules_31_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 31


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion)


# 1. a household step already taken: a threat (reported on main, rules-30)
_TAKEN = [
    "我妈已经投诉你们了",
    "他已经投诉你们了",
    "他去消协了",
    "她已经举报你们了",
    "我老婆去市场监管局举报你们了",
    "他已经打了12315了",
    "我老公已经起诉你们了",
    "她已经曝光你们了",
    "老爸已经投诉你们了",
    "我老公已经投诉你们了，今天必须给我退",
    "我和他已经投诉你们了",
]


@pytest.mark.parametrize("text", _TAKEN)
def test_a_household_step_already_taken_is_a_threat(text):
    assert set(reasons(text)) == {"threat"}
    assert _alerts(text, None)


# 2. the household's step reads as the caller's own in the same words
@pytest.mark.parametrize(("theirs", "own"), [
    ("我老公投诉了你们", "我投诉了你们"),
    ("我爸投诉过你们了", "我投诉过你们了"),
    ("他已经投诉过了", "我已经投诉过了"),
    ("我妈已经投诉你们了", "我已经投诉你们了"),
    ("他去消协了", "我去消协了"),
])
def test_a_household_step_taken_reads_as_the_callers_own(theirs, own):
    assert reasons(theirs) == reasons(own)
    assert "reported" not in reasons(theirs)


# 3. the contrasts keep their reading (calm): an intended step, their words with 说, a step aimed at someone else or the
# caller, a negated / withdrawn / settled step, a friend's or a group's step, a question
_CALM = {
    "我妈要去消协": "someone_else",
    "他投诉你们": "someone_else",
    "我老公要投诉你们": "reported",
    "我老公投诉你们": "reported",
    "我老公说要投诉你们": "reported",
    "我老公说他已经投诉你们了": "reported",
    "我妈本来要投诉后来没投": "negated",
    "我妈没投诉你们": "negated",
    "他没去消协": "negated",
    "邻居投诉我了": "reported",
    "他已经投诉我了": "reported",
    "我老公已经投诉了他们公司": "reported",
    "我爸已经投诉你们了，但是后来撤了": "reported",
    "我妈已经投诉你们了，后来解决了": "reported",
    "他打了12315以后你们给赔了": "reported",
    "我妈去年投诉过你们，后来解决了": "resolved",
    "我朋友已经投诉你们了": "reported",
    "我同事已经投诉你们了": "reported",
    "他去消协了吗": "question",
}


@pytest.mark.parametrize("text", sorted(_CALM))
def test_contrasts_keep_their_reading(text):
    _calm(text)
    assert set(reasons(text)) == {_CALM[text]}


# 4. a proxy call told after the step relays it (reported / someone_else on main)
@pytest.mark.parametrize("text", ["我老公要投诉你们，我替他打的", "他要找你们经理，我替他打的", "我老公要投诉你们，我替我老公打的电话"])
def test_a_proxy_call_told_after_the_step_relays_it(text):
    assert set(reasons(text)) == {"threat"}


@pytest.mark.parametrize("text", ["我老公要投诉你们。我替他打的", "我老公说要投诉你们，我替他打的"])
def test_a_proxy_call_in_another_sentence_or_their_words_with_shuo_stay_reported(text):
    assert set(reasons(text)) == {"reported"}


# 5. 老爸 / 老妈 without 我, as 我爸 / 我妈 (threats on main)
@pytest.mark.parametrize("text", ["老爸投诉说网络不好用", "老爸投诉你们", "老爸说要投诉你们", "老妈说要去消协", "爸爸说要投诉你们"])
def test_a_parent_without_wo_reads_as_with_it(text):
    assert set(reasons(text)) == {"reported"}
    assert not _alerts(text, None)


@pytest.mark.parametrize("text", ["我和老爸去消协投诉你们", "我爸要去消协，我陪他去", "老妈去消协了"])
def test_the_caller_with_a_parent_stays_a_threat(text):
    assert "threat" in reasons(text)
