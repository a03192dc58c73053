"""Read a declarative TOML file (scorecard, rulebook, performance plan) with one-line errors."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from qa_engine.errors import ConfigError


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """Parse ``path``; a missing file, non-UTF-8 bytes or bad TOML is a ``ConfigError``
    naming the file and ``what`` it should have been (e.g. "scorecard")."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: {what} file not found") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
