"""``eval/threat_blind_baseline.py``: one blind set scored by the shipped policy and the old cue list in one run."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.scripts import REPO


def test_one_blind_set_is_counted_by_both_readers():
    done = subprocess.run([sys.executable, "eval/threat_blind_baseline.py", "--first", "177", "--last", "177"],
                          cwd=REPO, capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    assert (report["threat_calls"], report["calm_calls"]) == (30, 50)
    for reader in ("shipped", "old cue list"):
        assert 0 <= report[reader]["threat_alerting"] <= 30 and 0 <= report[reader]["calm_alerting"] <= 50
