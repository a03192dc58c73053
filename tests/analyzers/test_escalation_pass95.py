"""Ninety-fifth pass (``THREAT_PASSES.md`` "Ninety-fifth pass"), **in-sample**: the rule errors of ``fresh170`` …
``fresh173``, scored once this stop before the pass.

- materials handed up to a consumer association addressed with 向, as to a court (我已经向消费者协会递交材料了);
- the matter printed in the paper (我就找他把这事登到报上), a rule-only cue.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, assert_threat, reasons


def test_the_version_is_rules_95_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 95


@pytest.mark.parametrize("threat", [
    "我已经向消费者协会递交材料了，退费的事到底什么时候办？",
    "我提醒你们，我表哥就是晚报的记者，老人要是饿出个好歹，我就找他把这事登到报上。",
    "再不给我退，我就把你们这事捅到报纸上",
])
def test_a_filing_with_a_consumer_body_and_the_paper_are_steps(threat):
    assert_threat(threat)
    assert alerts(threat, CHOSEN_OPINION)


@pytest.mark.parametrize("calm", [
    "我在报纸上看到你们的招聘广告，想问问还招人吗",
    "我要去工商局递交材料，办营业执照要带什么",
])
def test_the_paper_read_and_an_errand_stay_calm(calm):
    assert "threat" not in reasons(calm)
