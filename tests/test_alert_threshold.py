"""The shipped alert threshold: probability-only alerts are held to the target precision in
``training.complaint.TARGET_PRECISION`` (0.5 → 0.6: eval/alert_threshold_protocol.md; 0.6 → 0.7:
eval/alert_threshold_07_protocol.md), while an explicit threat alerts whatever the probability."""

from __future__ import annotations

import pytest

from qa_engine.alerts import AlertPolicy
from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer
from qa_engine.analyzers.escalation import EscalationAnalyzer
from qa_engine.conversation import Conversation
from qa_engine.models import load_metadata
from tests.shared_data import requires_shared_data

# The first target (precision 0.5 on the calibration pool) gave this threshold.
OLD_THRESHOLD = 0.2423
# The second target (0.6) gives this one on the shipped model (stacker refit, 2026-11-28).
TARGET_06_THRESHOLD = 0.3661
ANGRY = [("agent", "您好请问有什么可以帮您"),
         ("customer", "你们这个快递怎么回事啊一个礼拜了还没到我都急死了"),
         ("agent", "非常抱歉我帮您查一下"),
         ("customer", "每次都这样真是烦透了你们到底能不能送啊"),
         ("agent", "我这边帮您催一下网点"),
         ("customer", "你们效率也太低了吧")]


def _findings(turns):
    conv = Conversation(id="angry-1", utterances=[{"speaker": s, "text": t} for s, t in turns])
    return conv, {"complaint_risk": ComplaintRiskAnalyzer().analyze(conv),
                  "escalation": EscalationAnalyzer().analyze(conv)}


def test_metadata_threshold_is_for_the_training_target():
    from training.complaint import TARGET_PRECISION

    alert = load_metadata("complaint")["alert"]
    assert alert["target_precision"] == TARGET_PRECISION == 0.7
    assert alert["calibration_pool"]["precision"] >= TARGET_PRECISION
    assert AlertPolicy.default().threshold == alert["threshold"] > TARGET_06_THRESHOLD > OLD_THRESHOLD


# An annoyed caller who takes no step: the 0.6 target alerted on this probability, the 0.7 one does not.
ANNOYED_BROADBAND = [("agent", "您好请问有什么可以帮您"),
                     ("customer", "我那个宽带又断了这个月第三次了你们到底怎么弄的"),
                     ("agent", "非常抱歉给您添麻烦了我帮您报修"),
                     ("customer", "每次报修都说马上来结果一等就是两三天我在家办公根本没法干活"),
                     ("agent", "我这边给您加急处理"),
                     ("customer", "算了算了你们这服务真是太差了我都不想说了")]


@pytest.mark.parametrize("turns, earlier_threshold", [
    (ANGRY, OLD_THRESHOLD),                       # between the first target's threshold and today's
    (ANNOYED_BROADBAND, TARGET_06_THRESHOLD),     # between the second target's and today's
])
def test_annoyed_call_without_a_step_no_longer_alerts_on_a_middling_probability(turns, earlier_threshold):
    conv, found = _findings(turns)
    p = found["complaint_risk"].items["risk"].probability
    assert earlier_threshold <= p < AlertPolicy.default().threshold, p
    assert AlertPolicy(earlier_threshold).evaluate(found, conversation=conv) is not None
    assert AlertPolicy.default().evaluate(found, conversation=conv) is None
    assert found["escalation"].items["threat"].value != 0.0  # no explicit threat read


def test_the_same_call_with_an_explicit_threat_alerts_and_cites_it():
    conv, found = _findings([*ANGRY, ("agent", "我再帮您催一下"), ("customer", "明天再不到我就打12315投诉你们")])
    alert = AlertPolicy.default().evaluate(found, conversation=conv)
    assert alert is not None and "explicit_threat" in alert.reasons
    assert "12315" in alert.evidence[0].text


@pytest.mark.slow
@requires_shared_data
def test_recomputed_threshold_matches_the_shipped_one():
    """``python -m training.complaint --only alert`` rebuilds the threshold the metadata holds. The
    pool's threat-count feature reads the current threat rules, so a rule change that moves an STC3
    count fails this until the stacker is refitted (eval/complaint_refit_protocol.md)."""
    from pathlib import Path

    from training.complaint import recompute_alert

    shipped = load_metadata("complaint")["alert"]
    again = recompute_alert(Path(__file__).resolve().parents[1] / "models")
    assert again["threshold"] == shipped["threshold"]
    assert again["calibration_pool"] == shipped["calibration_pool"]
    assert again["calibration_pool"]["precision"] >= again["target_precision"]


def test_trade_off_table_counts_alerts_per_threshold():
    import sys
    from pathlib import Path

    import numpy as np

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
    from alert_threshold import table

    pool = (np.array([0.9, 0.5, 0.3, 0.1]), np.array([1, 0, 1, 0]))
    stc3 = (np.array([0.2, 0.6]), np.array([True, False]), np.array([1, 0]))
    short = (np.array([0.1, 0.35, 0.5]), np.array([True, False, False]), np.array([True, False, False]))
    low, high = table(pool, stc3, short, grid=(0.3, 0.4))
    assert low["pool_probability_alone"] == {"alerts": 3, "precision": 0.6667, "recall": 1.0}
    assert high["pool_probability_alone"] == {"alerts": 2, "precision": 0.5, "recall": 0.5}
    # A threat alerts whatever the probability; the calm call at 0.35 alerts only under 0.3.
    assert low["stc3_test_probability_or_threat"] == {"alerts": 2, "precision": 0.5, "recall": 1.0}
    assert low["short_calls"]["threat_alerting"] == high["short_calls"]["threat_alerting"] == 1
    assert (low["short_calls"]["calm_alerting_on_probability_alone"],
            high["short_calls"]["calm_alerting_on_probability_alone"]) == (2, 1)
