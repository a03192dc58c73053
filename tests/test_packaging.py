"""Packaging: the wheel carries every subpackage and the bundled models."""

from __future__ import annotations

import tomllib

from qa_engine.models import models_dir
from tests.conftest import REPO


def test_packaging_every_python_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {str(p.parent.relative_to(REPO)).replace("/", ".")
             for top in ("qa_engine", "service") for p in (REPO / top).rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_packaging_models_dir_resolves_env_then_checkout(monkeypatch, tmp_path):
    monkeypatch.setenv("QA_MODELS_DIR", str(tmp_path))
    assert models_dir() == tmp_path
    monkeypatch.delenv("QA_MODELS_DIR")
    assert (models_dir() / "scorecard.toml").is_file()
