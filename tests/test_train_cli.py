"""``qa train``: every shipped model can be rebuilt from the command line, byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.shared_data import requires_shared_data

ROOT = Path(__file__).resolve().parents[1]


def _train(target: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa_engine.cli", "train", target, "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_help_names_every_target():
    result = subprocess.run([sys.executable, "-m", "qa_engine.cli", "train", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    for target in ("sentiment", "complaint", "service-acts"):
        assert target in result.stdout


def test_unknown_target_is_refused(tmp_path):
    result = _train("types", tmp_path)
    assert result.returncode == 2
    assert not any(tmp_path.iterdir())


@requires_shared_data
def test_service_acts_rebuilds_the_shipped_files(tmp_path):
    result = _train("service-acts", tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    for name in ("problem_report.npz", "problem_report_v2.npz", "confirm_need.npz"):
        rebuilt = (tmp_path / "service_acts" / name).read_bytes()
        assert rebuilt == (ROOT / "models" / "service_acts" / name).read_bytes(), f"{name} differs from the shipped file"
