"""``eval/threat_pass_check.py``: the labelled short calls it reads, and one tree's readings of a threat and a calm call."""

from __future__ import annotations

from tests.scripts import REPO, load_script

check = load_script("eval/threat_pass_check.py", "threat_pass_check")


def test_every_labelled_short_call_is_read_once_with_its_label():
    calls = check.labelled_calls()
    keys = [c["key"] for c in calls]
    assert len(keys) == len(set(keys))
    calm_file = [c for c in calls if c["key"].startswith("calm_calls.jsonl|")]
    assert calm_file and not any(c["threat"] for c in calm_file)
    assert any(c["threat"] for c in calls if c["key"].startswith("complaint_threat_fresh"))


def test_a_tree_reads_a_threat_and_a_calm_call_four_ways():
    calls = [{"key": "k1", "threat": True, "id": "t1",
              "turns": [["A", "您好，请问有什么可以帮您？"], ["C", "你们再不退款我就去12315投诉你们"]]},
             {"key": "k2", "threat": False, "id": "t2",
              "turns": [["A", "您好，请问有什么可以帮您？"], ["C", "我想问一下我的快递到哪了"]]}]
    readings = check.read_in(REPO, calls)
    threat, calm = readings["k1"], readings["k2"]
    assert threat["rules"] and threat["opinion"] and threat["alert"] and threat["alert_without_call_model"]
    assert not calm["rules"] and not calm["opinion"] and not calm["alert"]
    assert all(0.0 <= r["probability"] <= 1.0 for r in (threat, calm))
