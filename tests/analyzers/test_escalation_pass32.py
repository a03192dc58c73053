"""Thirty-second pass (``THREAT_PASSES.md`` "Thirty-second pass"; the guide's "Thirty-second pass"). ``fresh47_dev`` (40 new
blind-written short calls) had no error under either policy, so the pass took the thirty-first pass's open items the guide
decides clearly, **in-sample**:

- 已经 / 早就 before someone else's **intention** (我妈已经要去消协了, 我老公已经准备去消协了) is still their intended step
  (``someone_else``), not a step taken; 已经 before their **说** (我老公已经说了要去消协) is still their words (``reported``).
- A step told as taken and then **settled** in the same sentence (我妈去消协了，后来你们给退了; 我同学打了12315才退的) is a finished
  episode (``resolved``), whoever took it, unless it is taken up again (这次我还要去).

Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, reasons


def test_the_version_is_rules_32_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 32


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion)


# 1. 已经 before someone else's intention: their intended step (a threat on main, rules-31)
@pytest.mark.parametrize("text", [
    "我妈已经要去消协了",
    "我老公已经准备去消协了",
    "他早就想找你们经理了",
    "我老婆已经打算去市场监管局举报你们了",
])
def test_already_before_someone_elses_intention_is_their_step(text):
    assert reasons(text) == ["someone_else"]
    assert not _alerts(text, None)
    assert not _alerts(text)


# 2. 已经 before their 说: their words
@pytest.mark.parametrize("text", [
    "我老公已经说了要去消协",
    "我妈早就说要打12315了",
])
def test_already_before_their_words_is_reported(text):
    assert reasons(text) == ["reported"]
    assert not _alerts(text, None)


# 3. a step taken, then settled in the same sentence
@pytest.mark.parametrize("text", [
    "我妈去消协了，后来你们给退了",
    "我同学打了12315才退的，我这个还没到那一步",
    "我老公打了12345以后才给赔的",
    "我去消协了，后来你们给退了，今天是问别的事",
])
def test_a_step_taken_then_settled_is_calm(text):
    assert reasons(text) == ["resolved"]
    assert not _alerts(text, None)
    assert not _alerts(text)


# contrasts and near misses: unchanged threats
@pytest.mark.parametrize("text", [
    "我已经要去消协了",                           # the caller's own step
    "我和我妈已经要去消协了",                     # the caller in the subject
    "我妈已经要去消协了，我陪她去",               # the caller joins it
    "我妈已经去消协了",                           # their step taken (thirty-first pass)
    "他已经投诉你们了",
    "他已经投诉你们",
    "我妈去消协了，后来也没退",                   # not settled
    "我妈去消协了，后来你们给退了，这次我还要去",   # taken up again
    # (我同学打了12315, no settling told, was here: a classmate's step taken is their own matter from the thirty-third pass,
    # test_escalation_pass33.py)
    "我打了12315了，你们赶紧给退",
    "你们已经说了要退款，再不退我就投诉",           # the agent's words, then the caller's own step
])
def test_contrasts_stay_threats(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)
