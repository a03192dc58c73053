"""A fast "does any of these regexes match?" test: their alternation behind a first-character check.

Python's ``re`` tries every branch of an alternation at every position of the text; with a
hundred cue patterns that is most of the cost of a text holding no cue. Every match of a
pattern that cannot match the empty string starts with a character from a set read off the
pattern (its *first characters*), so ``(?=[those])(?:p1|p2|…)`` finds a match exactly where
the plain alternation does, and skips every other position with one class test.
"""

from __future__ import annotations

import re

try:  # the parser behind re.compile (sre_parse before Python 3.11)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older or other Pythons: no gate, same results
    _p = _c = None

__all__ = ["first_chars", "any_of"]

_WIDEST_RANGE = 256  # a class like [一-龥] says nothing useful: no gate


class _Unknown(Exception):
    """A construct whose first characters are not a small known set (\\d, ., [^…], (?i) …)."""


def first_chars(pattern: str) -> frozenset[str] | None:
    """Characters every non-empty match of ``pattern`` starts with; None when not known
    (or when the pattern can match the empty string)."""
    if _p is None:
        return None
    try:
        parsed = _p.parse(pattern)
        if parsed.state.flags & re.IGNORECASE:
            return None
        chars, nullable = _first_of_sequence(parsed)
    except (_Unknown, re.error):
        return None
    return None if nullable else frozenset(chars)


def any_of(patterns: list[str]) -> re.Pattern[str]:
    """One regex that matches where any of ``patterns`` matches (gated when possible)."""
    alternation = "|".join(f"(?:{p})" for p in patterns)
    firsts = [first_chars(p) for p in patterns]
    if not patterns or any(f is None for f in firsts):
        return re.compile(alternation)
    chars = "".join(sorted(set().union(*firsts)))
    return re.compile(f"(?=[{re.escape(chars)}])(?:{alternation})")


def _first_of_sequence(items) -> tuple[set[str], bool]:
    """(first characters, whether the sequence can match empty)."""
    chars: set[str] = set()
    for op, av in items:
        first, nullable = _first_of_item(op, av)
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


def _first_of_item(op, av) -> tuple[set[str], bool]:
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        return _class_chars(av), False
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):  # zero-width: the next item consumes
        return set(), True
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unknown
        return _first_of_sequence(sub)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        chars, nullable = _first_of_sequence(sub)
        return chars, nullable or low == 0
    if op is _c.BRANCH:
        chars, nullable = set(), False
        for branch in av[1]:
            first, empty = _first_of_sequence(branch)
            chars |= first
            nullable = nullable or empty
        return chars, nullable
    raise _Unknown


def _class_chars(items) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _WIDEST_RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:  # [^…], \d, \s, a wide range
            raise _Unknown
    return chars
