"""``qa train sentiment``'s negative-score step reproduces the shipped ``negative_score``
(needs the shared datasets for the hand-labelled turns' texts; skipped without them)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _data_available() -> bool:
    try:
        from training.data import data_dir

        data_dir()
        return True
    except Exception:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not _data_available(), reason="shared datasets not available")
def test_refit_negative_score_reproduces_the_shipped_spec(tmp_path):
    from training.sentiment import refit_negative_score

    shutil.copytree(ROOT / "models" / "sentiment", tmp_path / "sentiment")
    meta_path = tmp_path / "sentiment" / "metadata.json"
    shipped = json.loads(meta_path.read_text(encoding="utf-8"))["families"]["neutral"]["negative_score"]
    spec = refit_negative_score(str(tmp_path))
    assert spec == shipped
