"""The offline model resolver: shipped artifacts live in a directory, never on a hub.

Order: an explicit ``models_dir`` argument, then ``$QA_MODELS_DIR``, then the ``models/``
folder of a source checkout, then the copy a wheel installs as ``qa_engine/bundled_models``. A missing artifact raises
``ModelNotInstalledError`` naming the file and how to get it; nothing is downloaded and
nothing is ever replaced by random weights.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from qa_engine.errors import ModelNotInstalledError

INSTALL_HINT = (
    "install qa-engine with its trained models (`pip install 'qa-engine[models]'` from a "
    "checkout that contains models/), point QA_MODELS_DIR at a models directory, or "
    "rebuild them with `qa train {name}`")


def models_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The directory holding shipped model artifacts."""
    if override is not None:
        return Path(override)
    env = os.environ.get("QA_MODELS_DIR")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parent
    checkout = package.parent / "models"  # this file is qa_engine/models.py in a checkout
    return checkout if checkout.is_dir() else package / "bundled_models"


def model_path(name: str, filename: str, override: str | os.PathLike[str] | None = None) -> Path:
    """Path of ``models/<name>/<filename>``; raises ``ModelNotInstalledError`` if absent."""
    path = models_dir(override) / name / filename
    if not path.is_file():
        raise ModelNotInstalledError(
            f"model artifact '{path}' is missing; " + INSTALL_HINT.format(name=name))
    return path


def load_metadata(name: str, override: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The ``metadata.json`` of model ``name``."""
    return json.loads(model_path(name, "metadata.json", override).read_text(encoding="utf-8"))
