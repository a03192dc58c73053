"""Ninety-first pass (``THREAT_PASSES.md`` "Ninety-first pass"), **in-sample**: the rule error of ``fresh154`` …
``fresh157``, scored once this stop before the pass.

- someone's "爱 / 要 X 就 (去) X" told (他说你爱投诉就投诉去): the second cue is the same words, so it carries the report; the
  caller's own 我要投诉就投诉到底 stays a threat.

The first sentence is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, assert_calm, assert_threat


def test_the_version_is_rules_91_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 91


@pytest.mark.parametrize("told", [
    "外卖少送了一杯饮料，我给骑手打电话，他说你爱投诉就投诉去，然后就挂了。",
    "商家说你要投诉就去投诉，我也懒得跟他吵，你们给我退了就行",
])
def test_someones_dare_to_complain_told_is_their_words(told):
    assert_calm(told)
    assert not alerts(told, CHOSEN_OPINION)


@pytest.mark.parametrize("threat", [
    "我要投诉就投诉到底",
    "他说要投诉你们 我就投诉他",
])
def test_the_callers_own_repeated_step_stays_a_threat(threat):
    assert_threat(threat)
