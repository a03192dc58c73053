"""Read and validate declarative TOML files (scorecard, rulebook, performance plan) with
one-line errors that name the file, the bad key and the valid choices."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from qa_engine.errors import ConfigError, UnknownNameError

Document = TypeVar("Document", bound=BaseModel)


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


def validate_document(model: type[Document], data: Mapping[str, Any], source: str) -> Document:
    """Validate a parsed document (TOML or a JSON body) as ``model``; every error is one line
    that starts with ``source``: a bad key or value as a ``ConfigError``, an unknown name
    (item, KPI, tier …) as an ``UnknownNameError`` keeping the place it was found."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{source}: {explain_validation_error(exc, model)}") from None
    except UnknownNameError as exc:
        located = UnknownNameError(exc.kind, exc.name, exc.valid)
        located.args = (f"{source}: {exc}",)
        raise located from None


def explain_validation_error(exc: ValidationError, root: type[BaseModel]) -> str:
    """One line for the first validation error of a ``root`` document: an unknown key lists
    the valid keys at its place, a bad value says where and why."""
    errors = exc.errors()
    # A typo shows up twice (unknown key + missing required key): name the typo.
    error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = error["loc"]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    if error["type"] == "extra_forbidden":
        model = _model_at(root, loc[:-1])
        valid = ", ".join(model.model_fields) if model else ""
        return f"unknown key '{loc[-1]}' at {where}; expected one of: {valid}"
    if error["type"] == "literal_error":
        return f"{where}: {error['msg']}, got {error['input']!r}"
    cause = error.get("ctx", {}).get("error")
    return f"{where or 'document'}: {cause if cause else error['msg']}"


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model that validates the object at ``loc`` (to list its valid keys)."""
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        annotation = field.annotation
        inner = getattr(annotation, "__args__", (annotation,))
        candidates = [a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)]
        if not candidates:
            return None
        model = candidates[0]
    return model
