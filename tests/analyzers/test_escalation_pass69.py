"""Sixty-ninth pass (``THREAT_PASSES.md`` "Sixty-ninth pass"), **in-sample**: the rule errors of ``fresh100`` and
``fresh101`` (a lifestyle platform's line in the Meituan register), scored once this stop before the pass.

- a review announced with 都 after its targets (这面不退，我就给这家店和骑手都打差评);
- a police report announced after what the caller does first (这肯定是被人盗了 我挂了电话就去报警): announced, so not read as
  the incident the caller suffered — told as done (我昨天就报警了) it still is.

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

from qa_engine.analyzers.escalation import VERSION, detect_threats
from tests.analyzers.threat_probes import alerts, assert_threat, call


def test_the_version_is_rules_69_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 69


def test_a_review_announced_with_dou_after_its_targets_is_a_threat():
    text = "订单号尾号7702。我先把话放这：这面不退，我就给这家店和骑手都打差评。"
    assert_threat(text)
    assert alerts(text, None)


def test_a_police_report_announced_after_an_incident_is_a_threat():
    conversation = call(("A", "您好，请问有什么可以帮您？"), ("C", "我的账号这几天莫名其妙骑了十几单，我根本没出门。"),
                        ("A", "您是说账号在您没用车的时候产生了多笔订单，对吗？"),
                        ("C", "这肯定是被人盗了，我挂了电话就去报警，你们把记录给我留着。"))
    assert any(h.threat for h in detect_threats(conversation))


def test_a_police_report_told_as_done_after_an_incident_is_the_incident():
    conversation = call(("A", "您好，请问有什么可以帮您？"), ("C", "我家被偷了，我昨天就报警了，想挂失银行卡。"))
    assert not any(h.threat for h in detect_threats(conversation))
