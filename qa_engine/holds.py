"""What a hold is: one definition shared by the keyword hold rules and the acoustics analyzer.

A silence is a **hold** when the agent announced it (a ``hold_notice`` phrase in the agent's
last utterances before it) or thanked the customer for waiting (a ``hold_thanks`` phrase in
the agent's first utterances after it). It is **asked for** when the utterance right before
it asks for the wait (``hold_asked``: 你稍等, 我找一下 …). Any other silence is dead air.

The phrases are the rulebook's ``[lexicons]`` table, so the keyword rules (``@hold_notice``)
and ``AcousticsAnalyzer`` read one list, and one silence is charged once: as dead air
(acoustics) when nobody announced or thanked, as a missing notice or thanks (keywords,
rules with ``gap.holds_only``) when it was a hold.
"""

from __future__ import annotations

import functools
import tomllib
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The agent utterances looked at on each side of a silence.
HOLD_WITHIN = 2
#: ... and only those ending (starting) this close to the silence, in seconds.
HOLD_WINDOW_S = 15.0
#: Lexicon names read from the rulebook.
LEXICONS = ("hold_notice", "hold_thanks", "hold_asked")


def _key(text: str) -> str:
    from qa_engine.text import fuzzy_key, normalize

    return fuzzy_key(normalize(text))


@dataclass(frozen=True)
class Silence:
    """A gap where nobody speaks, and what makes it a hold (utterance indices, or None)."""

    start: float
    end: float
    after: int | None          # utterance that ends at ``start``
    notice: int | None = None  # agent utterance announcing the hold
    thanks: int | None = None  # agent utterance thanking for the wait
    asked: int | None = None   # utterance asking for the wait

    @property
    def seconds(self) -> float:
        return round(self.end - self.start, 2)

    @property
    def is_hold(self) -> bool:
        return self.notice is not None or self.thanks is not None

    @property
    def excused(self) -> bool:
        """A hold, or a wait someone asked for: not dead air."""
        return self.is_hold or self.asked is not None


@dataclass(frozen=True)
class HoldLexicon:
    """The hold phrases; matching tolerates ASR homophones (fuzzy pinyin, e.g. 亲稍等)."""

    notice: tuple[str, ...]
    thanks: tuple[str, ...]
    asked: tuple[str, ...]

    @functools.cached_property
    def _keys(self) -> dict[str, tuple[str, ...]]:
        return {name: tuple(k for k in map(_key, getattr(self, name)) if k)
                for name in ("notice", "thanks", "asked")}

    def says(self, which: str, text: str) -> bool:
        """Whether ``text`` contains one of the ``which`` (notice | thanks | asked) phrases."""
        keys = self._keys[which]
        if not keys or not text:
            return False
        key = _key(text)
        return any(k in key for k in keys)

    @functools.cached_property
    def _sound_keys(self) -> dict[str, list[tuple[str, tuple]]]:
        from qa_engine.analyzers._resemble import key

        return {name: [(p, k) for p in getattr(self, name) if (k := key(p))] for name in ("notice", "thanks")}

    def resembles(self, which: str, text: str) -> tuple[float, str]:
        """(similarity, phrase): how closely some span of ``text`` sounds like one of the
        ``which`` (notice | thanks) phrases (``qa_engine.analyzers._resemble``)."""
        from qa_engine.analyzers._resemble import best_resemblance, key

        return best_resemblance(self._sound_keys[which], key(text)) if text else (0.0, "")

    @staticmethod
    def around(utts: list, agent_order: list[int], agent_starts: list[float], start: float,
               end: float) -> tuple[list[int], list[int]]:
        """The agent utterances that may announce the silence [start, end] (nearest first) and
        those that may thank for it afterwards (in order)."""
        cut = bisect_left(agent_starts, start)
        before = [i for i in reversed(agent_order[max(0, cut - HOLD_WITHIN):cut])
                  if utts[i].end >= start - HOLD_WINDOW_S]
        first = bisect_left(agent_starts, end - 1e-6)
        after = [i for i in agent_order[first:first + HOLD_WITHIN] if utts[i].start <= end + HOLD_WINDOW_S]
        return before, after

    def classify(self, utts: list, agent_order: list[int], agent_starts: list[float], start: float,
                 end: float, after: int | None) -> Silence:
        """The silence [start, end] with its notice, thanks and request, if any.

        ``agent_order`` holds the agent utterance indices sorted by start time and
        ``agent_starts`` their start times (built once per conversation by the caller).
        """
        before, later = self.around(utts, agent_order, agent_starts, start, end)
        notice = next((i for i in before if self.says("notice", utts[i].text)), None)
        thanks = next((i for i in later if self.says("thanks", utts[i].text)), None)
        asked = after if after is not None and self.says("asked", utts[after].text) else None
        return Silence(start=start, end=end, after=after, notice=notice, thanks=thanks, asked=asked)


@dataclass(frozen=True)
class Doubt:
    """When an ASR line is doubtful, and when it may hold a phrase it does not read as: the
    rulebook's ``low_confidence*`` and ``review_flags`` (models/rulebook.md, "Rulebook-level")."""

    low_confidence: float = 0.6
    review_flags: tuple[str, ...] = ("asr_low_confidence", "asr_doubtful")
    similarity: float = 0.0
    unread_flags: tuple[str, ...] = ()

    def doubtful(self, u: Any) -> bool:
        """Below the confidence line, or flagged doubtful upstream; typed text never is."""
        if u.confidence is not None and u.confidence < self.low_confidence:
            return True
        return any(f.startswith(self.review_flags) for f in u.flags)

    def unread(self, u: Any) -> bool:
        """No text, or a text that is no reading of the speech (a loop, too sparse)."""
        return not u.text.strip() or any(x in f for f in u.flags for x in self.unread_flags)


_DOUBT_FIELDS = {"low_confidence": "low_confidence", "review_flags": "review_flags",
                 "low_confidence_similarity": "similarity", "low_confidence_unread_flags": "unread_flags"}


def doubt(rulebook: Any = None) -> Doubt:
    """The ``Doubt`` settings of ``rulebook`` (a ``Rulebook``, a path, or None = the shipped one);
    for a path only the top-level keys are read, missing ones take the schema's defaults."""
    from qa_engine.rulebook import DEFAULT_RULEBOOK_PATH, Rulebook

    if isinstance(rulebook, Rulebook):
        values = {name: getattr(rulebook, key) for key, name in _DOUBT_FIELDS.items()}
    else:
        values = dict(_doubt_from_path(str(rulebook if rulebook is not None else DEFAULT_RULEBOOK_PATH)))
    return Doubt(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


@functools.cache
def _doubt_from_path(path: str) -> tuple[tuple[str, Any], ...]:
    from qa_engine.errors import ConfigError
    from qa_engine.rulebook import Rulebook

    try:
        table = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the rulebook ({exc})") from None
    fields = Rulebook.model_fields
    return tuple((name, table[key] if key in table else fields[key].get_default(call_default_factory=True))
                 for key, name in _DOUBT_FIELDS.items())


def agent_timeline(utts: list) -> tuple[list[int], list[float]]:
    """(agent utterance indices sorted by start, their start times) for ``classify``."""
    from qa_engine.conversation import Speaker

    order = sorted((i for i, u in enumerate(utts) if u.speaker == Speaker.AGENT), key=lambda i: utts[i].start)
    return order, [utts[i].start for i in order]


def from_rulebook(book: Any) -> HoldLexicon:
    """The hold lexicon of a loaded ``Rulebook``."""
    return _from_table(book.lexicons)


@functools.cache
def _from_path(path: str) -> HoldLexicon:
    from qa_engine.errors import ConfigError

    try:
        table = tomllib.loads(Path(path).read_text(encoding="utf-8")).get("lexicons", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the rulebook's [lexicons] ({exc})") from None
    return _from_table(table)


def hold_lexicon(rulebook: Any = None) -> HoldLexicon:
    """The hold lexicon of ``rulebook`` (a ``Rulebook``, a path, or None = the shipped one).

    For a path only the ``[lexicons]`` table is read (cheap; no rule compilation).
    """
    if rulebook is None:
        from qa_engine.rulebook import DEFAULT_RULEBOOK_PATH

        rulebook = DEFAULT_RULEBOOK_PATH
    if isinstance(rulebook, (str, Path)):
        return _from_path(str(rulebook))
    return from_rulebook(rulebook)


def _from_table(table: dict) -> HoldLexicon:
    return HoldLexicon(notice=tuple(table.get("hold_notice", ())), thanks=tuple(table.get("hold_thanks", ())),
                       asked=tuple(table.get("hold_asked", ())))
