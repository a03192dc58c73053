"""The error hierarchy: every failure a user can cause is a ``QAEngineError``.

Messages name the bad value and, where there is a closed set, the valid choices, so a
user can fix the input without reading code. Each class carries a short ``code`` that
stays stable across releases and can be grepped in logs and ``errors.jsonl``.
"""

from __future__ import annotations

from collections.abc import Iterable


class QAEngineError(Exception):
    """Base class of every error qa-engine raises on purpose."""

    code = "QA000"


class InputError(QAEngineError):
    """A conversation file or body cannot be read: encoding, syntax, content."""

    code = "QA100"

    def __init__(self, problem: str, *, source: str | None = None) -> None:
        self.problem = problem
        self.source = source
        super().__init__(f"{source}: {problem}" if source else problem)


class KPIError(InputError):
    """A KPI CSV cannot be used: encoding, columns, cells, values out of range, repeated ids."""

    code = "QA110"


class AuditOutputError(QAEngineError):
    """An audit's output folder cannot be used (e.g. ``--out`` names a file)."""

    code = "QA120"


class ConfigError(QAEngineError):
    """A scorecard, rulebook or settings file is invalid."""

    code = "QA200"


class UnknownNameError(ConfigError):
    """A name (key, component, item, KPI) is not among the valid ones."""

    code = "QA201"

    def __init__(self, kind: str, name: str, valid: Iterable[str], *, where: str = "") -> None:
        self.kind, self.name, self.valid = kind, name, sorted(set(valid))
        place = f" in {where}" if where else ""
        super().__init__(
            f"Unknown {kind} '{name}'{place}; expected one of: {', '.join(self.valid) or '(none)'}"
        )


class ModelNotInstalledError(QAEngineError):
    """A model's weights are missing; the message says what to install."""

    code = "QA300"


class AudioError(QAEngineError):
    """A recording cannot be decoded or fails the quality gate entirely."""

    code = "QA400"
