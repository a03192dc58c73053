"""What the service accepts to store and to score: field bounds and the work budget.

Field bounds keep rows storable and reachable (an id with ``/`` cannot be addressed in a
URL path; a megabyte agent id or a time of 1.7e308 s poisons lists and arithmetic); the
work budget keeps one request from occupying a model thread for minutes. Both answer
with one line naming the field and the bound: 422 for a value out of bounds, 413 for a
request over the work budget.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import HTTPException

from qa_engine.conversation import Conversation

MAX_ID_LENGTH = 200
MAX_NAME_LENGTH = 128  # agent ids, queues, channels, KPI names
MAX_SECONDS = 7 * 24 * 3600.0  # an utterance time beyond a week is an error, not a call
MAX_KPI_VALUE = 1e12
MIN_YEAR, MAX_YEAR = 1900, 2200
# Characters that make an id unreachable in a URL path or unprintable in a log line.
_BAD_ID_CHARS = re.compile(r"[/\\\x00-\x1f\x7f]")


def check_id(value: str, where: str) -> None:
    """422 unless ``value`` can be used as an id in a URL path."""
    if not value or len(value) > MAX_ID_LENGTH:
        raise HTTPException(422, f"{where}: must be 1–{MAX_ID_LENGTH} characters")
    if _BAD_ID_CHARS.search(value):
        raise HTTPException(422, f"{where}: must not contain '/', '\\' or control characters")


def check_name(value: str | None, where: str) -> None:
    """422 for an agent id, queue or channel that is too long or holds a ``/``."""
    if value is None:
        return
    if len(value) > MAX_NAME_LENGTH:
        raise HTTPException(422, f"{where}: longer than {MAX_NAME_LENGTH} characters")
    if _BAD_ID_CHARS.search(value):
        raise HTTPException(422, f"{where}: must not contain '/', '\\' or control characters")


def check_time(value: datetime | None, where: str) -> None:
    """422 for a timestamp outside years 1900–2200 (converting it to UTC may overflow)."""
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise HTTPException(422, f"{where}: year must be within {MIN_YEAR}–{MAX_YEAR}")


def check_kpis(kpis: dict[str, float], where: str) -> None:
    """422 for a KPI name that is too long or a value that is not a finite, bounded number."""
    for name, value in kpis.items():
        if len(name) > MAX_NAME_LENGTH:
            raise HTTPException(422, f"{where}: KPI name longer than {MAX_NAME_LENGTH} "
                                     "characters")
        if not math.isfinite(value) or abs(value) > MAX_KPI_VALUE:
            raise HTTPException(422, f"{where}.{name}: must be a finite number within "
                                     f"±{MAX_KPI_VALUE:g}")


def check_conversation(conversation: Conversation) -> None:
    """422 for a conversation the service could not store, address or compute with."""
    check_id(conversation.id, "id")
    check_name(conversation.agent_id, "agent_id")
    check_name(conversation.queue, "queue")
    check_name(conversation.channel, "channel")
    check_time(conversation.started_at, "started_at")
    check_kpis(conversation.kpis, "kpis")
    for i, u in enumerate(conversation.utterances):
        if u.timed and (not (math.isfinite(u.start) and math.isfinite(u.end)) or u.end > MAX_SECONDS):
            raise HTTPException(422, f"utterances[{i}]: start and end must be finite seconds "
                                     f"within 0–{MAX_SECONDS:g}")


@dataclass(frozen=True)
class WorkBudget:
    """The most work one conversation may ask of the model threads."""

    utterances: int
    characters: int
    audio_seconds: float

    def check(self, conversation: Conversation) -> None:
        """413 naming the measure over budget (nothing is scored or stored)."""
        n = len(conversation.utterances)
        if n > self.utterances:
            raise over_budget(f"{n} utterances exceed the work budget of {self.utterances} "
                              "(QA_MAX_UTTERANCES)")
        chars = sum(len(u.text) for u in conversation.utterances)
        if chars > self.characters:
            raise over_budget(f"{chars} characters of text exceed the work budget of "
                              f"{self.characters} (QA_MAX_CHARACTERS)")
        seconds = max((u.end for u in conversation.utterances if u.timed), default=0.0)
        if seconds > self.audio_seconds:
            raise over_budget(f"{seconds:.0f} s of call exceed the work budget of "
                              f"{self.audio_seconds:.0f} s (QA_MAX_AUDIO_SECONDS)")


class CodedError(HTTPException):
    """An HTTP error whose body names a specific ``code`` (e.g. ``over_budget``)."""

    def __init__(self, status: int, detail: str, code: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(status, detail, headers=headers)
        self.code = code


def over_budget(message: str) -> HTTPException:
    return CodedError(413, message, "over_budget")


def lone_surrogate_path(value: Any, path: str = "body") -> str | None:
    """Where in a decoded JSON value a lone UTF-16 surrogate sits (unstorable), or None."""
    if isinstance(value, str):
        return path if _has_surrogate(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            if _has_surrogate(key):
                return f"{path} (a key)"
            found = lone_surrogate_path(item, f"{path}.{key}")
            if found:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = lone_surrogate_path(item, f"{path}[{i}]")
            if found:
                return found
    return None


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
