"""A mark for tests that read the datasets in ../shared/data (skipped where they are absent)."""

from __future__ import annotations

import pytest


def _data_available() -> bool:
    try:
        from training.data import data_dir

        data_dir()
        return True
    except Exception:
        return False


requires_shared_data = pytest.mark.skipif(not _data_available(), reason="shared datasets not available")
