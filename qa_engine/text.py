"""Text normalisation for rule matching, with a way back to the original characters.

Rules match on *normalised* text: NFKC (full width → half width, ① → 1), Traditional →
Simplified (zhconv, character by character), lower case, and punctuation, symbols,
spaces and control characters removed. Every normalised character remembers the index
of the original character it came from, so evidence spans point into the text the user
actually has.

Homophone-tolerant matching works on *syllable keys*: every Chinese character of the
normalised text is replaced by one private-use character standing for its tone-less
pinyin syllable (``pinyin_key``), or for a syllable with common ASR/dialect confusions
merged (``fuzzy_key``: zh/z, ch/c, sh/s, n/l, f/h, an/ang, en/eng, in/ing). Keys have the
length of the normalised text, so an offset in a key is an offset in the text.

Speed: the per-character mappings are lookup tables (numpy arrays indexed by code
point) built once for the common blocks (Latin, punctuation, CJK, full-width forms) and
extended on first sight of any other character, so normalising a whole conversation is
a handful of vectorised operations instead of a Python loop per character.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "NormalizedText",
    "normalize",
    "normalize_many",
    "normalize_with_offsets",
    "pinyin_key",
    "fuzzy_key",
    "syllables",
    "fuzzy_syllable",
    "confusion_variants",
    "SEPARATOR",
]

# Joins utterances in ``normalize_many``; a Unicode noncharacter, never in real text.
SEPARATOR = "\ufdd0"
_SEP = 0xFDD0
_DROP = 0  # NUL is dropped by normalisation anyway, so 0 can mean "drop"
_UNKNOWN = 0xFFFFFFFF  # not computed yet
_EXPANDS = 0xFFFFFFFE  # normalises to several characters (e.g. ㈠ → (一)): slow path
_KEEP = frozenset("LNM")  # Unicode category initials kept: letters, numbers, marks
_TOKEN_BASE = 0xE000  # syllable tokens live in the Private Use Area, which input loses
_PRECOMPUTED = ((0x0000, 0x3100), (0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0xFF00, 0xFFF0))


def _import_zhconv():
    """Import zhconv without pkg_resources, which it only uses to locate its data file.

    Importing pkg_resources costs ~0.2 s and warns; zhconv falls back to a plain path.
    """
    import sys

    if "zhconv" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import fail fast
        try:
            import zhconv
        finally:
            del sys.modules["pkg_resources"]
    import zhconv

    return zhconv


def _normalize_char(ch: str) -> str:
    """The one definition of normalisation, per character ('' = dropped)."""
    zhconv = _import_zhconv()  # lazy: loads a large conversion table

    out = []
    for c in unicodedata.normalize("NFKC", ch):
        for d in zhconv.convert(c, "zh-cn").lower():
            if unicodedata.category(d)[0] in _KEEP:
                out.append(d)
    return "".join(out)


def _is_hanzi(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


# Initials and finals that ASR or regional accents commonly confuse, merged one way.
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("f", "h"))
_FUZZY_FINALS = (("iang", "ian"), ("uang", "uan"), ("ang", "an"), ("eng", "en"), ("ing", "in"))


@functools.cache
def fuzzy_syllable(syllable: str) -> str:
    """The representative of ``syllable``'s fuzzy class, e.g. ``zhang`` → ``zan``, ``feng`` → ``hen``."""
    initial, final = "", syllable
    for a, b in _FUZZY_INITIALS:
        if syllable.startswith(a) and len(syllable) > len(a):
            initial, final = b, syllable[len(a):]
            break
    else:
        for i, c in enumerate(syllable):
            if c in "aeiouv":
                initial, final = syllable[:i], syllable[i:]
                break
    for a, b in _FUZZY_FINALS:
        if final.endswith(a):
            final = final[: -len(a)] + b
            break
    return initial + final


def _plain_syllable(reading: str) -> str:
    """``hái`` → ``hai``, ``lǜ`` → ``lv`` (pypinyin's tone-less NORMAL style)."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pinyin_readings():
    """char → its most common tone-less syllable ('' if none), from pypinyin's data.

    Reads pypinyin's per-character table directly: importing pypinyin itself also loads
    its phrase dictionaries (~0.3 s) that per-character keys never use. Same readings as
    ``lazy_pinyin(char, style=Style.NORMAL)``.
    """
    import importlib.util
    import json

    spec = importlib.util.find_spec("pypinyin")
    locations = list(spec.submodule_search_locations or []) if spec else []
    path = Path(locations[0]) / "pinyin_dict.json" if locations else None
    if path is None or not path.is_file():  # a pypinyin without the JSON table
        from pypinyin import Style, lazy_pinyin

        def via_pypinyin(ch: str) -> str:
            syllable = lazy_pinyin(ch, style=Style.NORMAL, errors="default")[0]
            return "" if syllable == ch else syllable

        return via_pypinyin
    table = json.loads(path.read_text(encoding="utf-8"))

    def lookup(ch: str) -> str:
        reading = table.get(str(ord(ch)))
        return _plain_syllable(reading.split(",")[0]) if reading else ""

    return lookup


class _Tables:
    """Code point → normalised code point, → syllable token, → fuzzy token."""

    def __init__(self) -> None:
        self._readings = _pinyin_readings()
        self.lock = threading.Lock()
        self.tokens: dict[str, int] = {}
        self.syllable_of: dict[int, str] = {}
        self.norm = np.full(0x110000, _UNKNOWN, dtype=np.uint32)
        self.pinyin = np.arange(0x110000, dtype=np.uint32)
        self.fuzzy = np.arange(0x110000, dtype=np.uint32)
        self.expansions: dict[int, str] = {}
        hanzi: list[str] = []
        for lo, hi in _PRECOMPUTED:
            for code in range(lo, hi):
                self._set_norm(code, _normalize_char(chr(code)), hanzi)
        self.norm[_SEP] = _SEP
        self._learn_pinyin(hanzi)

    def _token(self, syllable: str) -> int:
        token = self.tokens.get(syllable)
        if token is None:
            token = self.tokens[syllable] = _TOKEN_BASE + len(self.tokens)
            self.syllable_of[token] = syllable
        return token

    def _set_norm(self, code: int, value: str, hanzi: list[str]) -> None:
        if not value:
            self.norm[code] = _DROP
        elif len(value) == 1:
            self.norm[code] = ord(value)
        else:
            self.norm[code] = _EXPANDS
            self.expansions[code] = value
        hanzi.extend(c for c in value if _is_hanzi(c) and self.pinyin[ord(c)] == ord(c))

    def _learn_pinyin(self, hanzi: list[str]) -> None:
        hanzi = sorted(set(hanzi))
        if not hanzi:
            return
        for ch in hanzi:
            syllable = self._readings(ch)
            if syllable:
                token = self._token(syllable)
                self.pinyin[ord(ch)] = token
                self.fuzzy[token] = self._token("~" + fuzzy_syllable(syllable))

    def learn(self, codes: np.ndarray) -> None:
        """Compute the entries of code points seen for the first time."""
        with self.lock:
            hanzi: list[str] = []
            for code in np.unique(codes).tolist():
                if self.norm[code] == _UNKNOWN:
                    self._set_norm(code, _normalize_char(chr(code)), hanzi)
            self._learn_pinyin(hanzi)


_TABLES: _Tables | None = None
_TABLES_LOCK = threading.Lock()


def _tables() -> _Tables:
    global _TABLES
    if _TABLES is None:
        with _TABLES_LOCK:
            if _TABLES is None:
                _TABLES = _Tables()
    return _TABLES


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text with its offsets back to the original.

    ``offsets[i]`` is the index in the original text of the character that produced
    normalised character ``i``.
    """

    text: str
    offsets: np.ndarray

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The [start, end) span of the original text that normalised [start, end) came from."""
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _decode(codes: np.ndarray) -> str:
    return codes.astype(np.uint32, copy=False).tobytes().decode("utf-32-le", "surrogatepass")


def _normalize_codes(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(normalised code points, original index of each)."""
    t = _tables()
    codes = _codes(text)
    mapped = t.norm[codes]
    if (mapped >= _EXPANDS).any():
        if (mapped == _UNKNOWN).any():
            t.learn(codes[mapped == _UNKNOWN])
            mapped = t.norm[codes]
        if (mapped == _EXPANDS).any():
            return _normalize_slow(codes, mapped, t)
    keep = np.flatnonzero(mapped)
    return mapped[keep], keep


def _normalize_slow(codes: np.ndarray, mapped: np.ndarray, t: _Tables) -> tuple[np.ndarray, np.ndarray]:
    out: list[int] = []
    offsets: list[int] = []
    for i, (code, m) in enumerate(zip(codes.tolist(), mapped.tolist(), strict=True)):
        if m == _EXPANDS:
            value = [ord(c) for c in t.expansions[code]]
            out.extend(value)
            offsets.extend([i] * len(value))
        elif m != _DROP:
            out.append(m)
            offsets.append(i)
    return np.array(out, dtype=np.uint32), np.array(offsets, dtype=np.int64)


def normalize_with_offsets(text: str) -> NormalizedText:
    """``text`` normalised, with the original index of every normalised character."""
    codes, offsets = _normalize_codes(text)
    return NormalizedText(_decode(codes), offsets)


def normalize(text: str) -> str:
    """``text`` normalised for matching: NFKC, Simplified, lower case, no punctuation or spaces."""
    return _decode(_normalize_codes(text)[0])


def pinyin_key(normalised: str) -> str:
    """One token per character: its tone-less pinyin syllable (Chinese) or itself (other)."""
    return _decode(_tables().pinyin[_codes(normalised)])


def confusion_variants(text: str, confusions: dict[str, list[str]], limit: int = 16) -> list[str]:
    """``text`` with every combination of its confusable characters substituted (您稍等 → 你稍等).

    ``confusions`` is a rulebook's ``[asr_confusions]`` (character → what ASR writes
    instead). The variants exclude ``text`` itself; at most ``limit - 1`` of them, so a
    phrase with many confusable characters cannot blow up the automaton.
    """
    out = [text]
    for i, ch in enumerate(text):
        subs = confusions.get(ch)
        if subs:
            out = out + [v[:i] + s + v[i + 1:] for v in out for s in subs][: limit - len(out)]
    return out[1:]


def fuzzy_key(normalised: str) -> str:
    """Like ``pinyin_key`` with commonly confused initials and finals merged."""
    t = _tables()
    return _decode(t.fuzzy[t.pinyin[_codes(normalised)]])


def syllables(text: str) -> list[str]:
    """The tone-less syllables of ``text`` after normalisation (non-Chinese characters as is)."""
    t = _tables()
    return [t.syllable_of.get(c, chr(c)) for c in t.pinyin[_normalize_codes(text)[0]].tolist()]


@dataclass(frozen=True, slots=True)
class NormalizedMany:
    """Several texts normalised and joined by ``SEPARATOR``, with their keys and offsets.

    ``starts[i]`` is where text ``i`` begins in ``text``; ``offsets`` maps every
    normalised character to its index in the *joined* original (separators included).
    """

    text: str
    fuzzy: str
    starts: list[int]
    offsets: np.ndarray
    pinyin_codes: np.ndarray

    @property
    def pinyin(self) -> str:
        """The pinyin key of ``text`` (same length)."""
        return _decode(self.pinyin_codes)

    def pinyin_slice(self, start: int, end: int) -> str:
        """The pinyin key of ``text[start:end]``, decoded only when a candidate needs it."""
        return _decode(self.pinyin_codes[start:end])

    def original_span(self, index: int, start: int, end: int) -> tuple[int, int]:
        """Map joined normalised [start, end) inside text ``index`` to a span of that original text."""
        # The separator before text `index` survives normalisation, so its offset is known.
        offsets = self.offsets.item  # .item: a Python int, several times cheaper than int(array[i])
        base = offsets(self.starts[index] - 1) + 1 if index else 0
        return offsets(start) - base, offsets(end - 1) + 1 - base


def normalize_many(texts: list[str]) -> NormalizedMany:
    """Normalise ``texts`` in one vectorised pass; used to scan a whole conversation at once."""
    t = _tables()
    joined = SEPARATOR.join(texts)
    if joined.count(SEPARATOR) != len(texts) - 1:  # a text contains the separator itself
        texts = [x.replace(SEPARATOR, "\ufffd") for x in texts]
        joined = SEPARATOR.join(texts)
    codes, offsets = _normalize_codes(joined)
    starts = [0, *(np.flatnonzero(codes == _SEP) + 1).tolist()]
    pin = t.pinyin[codes]
    return NormalizedMany(_decode(codes), _decode(t.fuzzy[pin]), starts, offsets, pin)
