"""Personal data in call text (PII): find it and mask it in place.

Finds Chinese mobile numbers, landline numbers, 身份证 numbers (checksum), bank-card
numbers (Luhn), e-mail addresses and street addresses, written or spoken: digits may be
ASCII, full-width or Chinese numerals (``幺三八一二三四五六七八`` or ``一三八 1234 5678``),
separated by spaces, dashes or commas as ASR output and agents write them.

Masking replaces each character of a span with ``*``: the text keeps its length, so
evidence character spans computed on the original text still point at the same
characters of the masked one.

    >>> redact_text("我的手机是幺三八一二三四五六七八")
    '我的手机是***********'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MASK = "*"
KINDS = ("mobile", "landline", "id_card", "bank_card", "email", "address")

_DIGIT_VALUES = {**{str(d): str(d) for d in range(10)},
                 **{chr(0xFF10 + d): str(d) for d in range(10)},
                 "零": "0", "〇": "0", "洞": "0", "幺": "1", "一": "1", "二": "2", "两": "2",
                 "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_DIGIT = "[0-9０-９零〇洞幺一二两三四五六七八九]"
_SEP = r"[ \t\-—–·,，、()（）呃额嗯]"
# A run of at least 7 digits, single separators allowed between them; an ID's final X.
_RUN = re.compile(rf"{_DIGIT}(?:{_SEP}{{0,2}}{_DIGIT}){{6,}}(?:{_SEP}?[xX])?")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_EMAIL_SPOKEN = re.compile(
    r"[A-Za-z0-9._\-]+\s*(?:艾特|at|圈a|@)\s*[A-Za-z0-9\-]+\s*(?:点|dot|\.)\s*"
    r"(?:com|cn|net|org|edu|com\s*(?:点|dot|\.)\s*cn)", re.IGNORECASE)
_EMAIL_CUE = re.compile(r"艾特|圈a|\bat\b|@", re.IGNORECASE)
# The address pattern is costly; it runs only on text holding one of its markers.
_ADDRESS_CUE_CHARS = re.compile(r"[路街道巷弄胡同村区苑园寓厦场]")
_CJK_NUM = "0-9０-９一二三四五六七八九十百零〇幺两"
_ADDRESS = re.compile(
    rf"(?:[\u4e00-\u9fff]{{2,7}}(?:省|自治区))?"
    rf"(?:[\u4e00-\u9fff]{{2,7}}(?:市|州|盟))?"
    rf"(?:[\u4e00-\u9fff]{{1,7}}(?:区|县|旗))?"
    rf"(?:[\u4e00-\u9fff]{{1,7}}(?:镇|乡|街道))?"
    rf"[\u4e00-\u9fff{_CJK_NUM}]{{1,10}}?(?:路|街|大道|巷|弄|胡同|村|小区|花园|公寓|大厦|广场|新村|苑)"
    rf"(?:[{_CJK_NUM}]{{1,3}}段)?"
    rf"(?:[{_CJK_NUM}a-zA-Z\-]{{1,6}}(?:号楼|号院|号|栋|幢|座|单元|室|层|楼|弄))+")
# Words a greedy match may take in front of the address itself.
_ADDRESS_CUE = re.compile(r"(?:我|您|他|她)?(?:家)?(?:住在|寄到|送到|发到|搬到|在)"
                          r"|(?:我家|我的|您的)?(?:家庭|收货|联系|寄送)?(?:地址|住址)(?:是|在|为)?")
_ADDRESS_HEAD = re.compile(r"(?:省|自治区|市|区|县|镇|乡|街道)")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# Words just before a number that say what it is, when its digits alone cannot.
_PHONE_CONTEXT = re.compile(r"(电话|座机|号码|手机|联系方式|打|拨|回电|分机)[^，。？！]{0,6}$")
_CARD_CONTEXT = re.compile(r"(卡号|银行卡|储蓄卡|信用卡|账号|帐号|卡)[^，。？！]{0,6}$")
_ID_CONTEXT = re.compile(r"(身份证|证件号|身份证号)[^，。？！]{0,6}$")


@dataclass(frozen=True)
class PiiSpan:
    """One piece of personal data: ``text[start:end]`` is of ``kind``."""

    start: int
    end: int
    kind: str


def id_card_valid(digits: str) -> bool:
    """An 18-character 身份证 number with a valid birth date and check character."""
    if len(digits) != 18 or not digits[:17].isdigit():
        return False
    year, month, day = int(digits[6:10]), int(digits[10:12]), int(digits[12:14])
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17].upper()


def luhn_valid(digits: str) -> bool:
    """The Luhn check of a card number."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _classify(digits: str, before: str) -> str | None:
    """The kind of a digit string (with the text just before it), or None."""
    n = len(digits)
    if n == 18 and id_card_valid(digits):
        return "id_card"
    if not digits.isdigit():  # a trailing X that did not make a valid ID
        return "id_card" if n == 18 and _ID_CONTEXT.search(before) else None
    if n == 11 and re.fullmatch(r"1[3-9]\d{9}", digits):
        return "mobile"
    if n == 13 and re.fullmatch(r"861[3-9]\d{9}", digits):
        return "mobile"
    if 16 <= n <= 19 and (luhn_valid(digits) or _CARD_CONTEXT.search(before)):
        return "bank_card"
    if n == 18 and _ID_CONTEXT.search(before):
        return "id_card"
    if 10 <= n <= 12 and re.fullmatch(r"0[1-9]\d{8,10}", digits):
        return "landline"
    if 7 <= n <= 8 and digits[0] not in "01" and _PHONE_CONTEXT.search(before):
        return "landline"
    if n == 10 and digits[:3] in ("400", "800"):
        return None  # a company hotline, not a person's number
    if 9 <= n <= 12 and _PHONE_CONTEXT.search(before):
        return "landline"
    return None


def _digit_runs(text: str) -> list[PiiSpan]:
    spans = []
    for match in _RUN.finditer(text):
        chars = [(i, _DIGIT_VALUES.get(c, c.upper())) for i, c in
                 enumerate(match.group(), start=match.start())
                 if c in _DIGIT_VALUES or c in "xX"]
        digits = "".join(v for _, v in chars)
        before = text[max(0, match.start() - 12):match.start()]
        kind = _classify(digits, before)
        if kind is not None:
            spans.append(PiiSpan(chars[0][0], chars[-1][0] + 1, kind))
            continue
        # Several numbers in one run (e.g. a mobile and a landline): look for a mobile or
        # an ID inside it.
        for pattern, kind in ((r"1[3-9]\d{9}", "mobile"), (r"\d{17}[\dX]", "id_card")):
            for inner in re.finditer(rf"(?<!\d)(?={pattern}(?!\d))", digits):
                found = digits[inner.start():inner.start() + (11 if kind == "mobile" else 18)]
                if kind == "id_card" and not id_card_valid(found):
                    continue
                first, last = inner.start(), inner.start() + len(found) - 1
                spans.append(PiiSpan(chars[first][0], chars[last][0] + 1, kind))
    return spans


def might_hold_numbers(text: str) -> bool:
    """A cheap test: could ``text`` hold a phone, ID or card number or an e-mail address?"""
    return "@" in text or _RUN.search(text) is not None or _EMAIL_CUE.search(text) is not None


def find_pii(text: str) -> list[PiiSpan]:
    """Every piece of personal data in ``text``, in order, without overlaps."""
    spans = _digit_runs(text)
    if "@" in text:
        spans += [PiiSpan(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]
    if _EMAIL_CUE.search(text):
        spans += [PiiSpan(m.start(), m.end(), "email") for m in _EMAIL_SPOKEN.finditer(text)]
    for m in (_ADDRESS.finditer(text) if _ADDRESS_CUE_CHARS.search(text) else ()):
        # A bare "X路3号" is too often a bus or a shop; require a district part or a unit.
        if _ADDRESS_HEAD.search(m.group()) or re.search(r"(单元|室|栋|幢|号楼)", m.group()):
            cue = _ADDRESS_CUE.match(m.group())
            spans.append(PiiSpan(m.start() + (cue.end() if cue else 0), m.end(), "address"))
    spans.sort(key=lambda s: (s.start, -s.end))
    merged: list[PiiSpan] = []
    for span in spans:
        if merged and span.start < merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = PiiSpan(merged[-1].start, span.end, merged[-1].kind)
            continue
        merged.append(span)
    return merged


def redact_text(text: str, spans: list[PiiSpan] | None = None) -> str:
    """``text`` with every character of personal data replaced by ``*`` (same length)."""
    spans = find_pii(text) if spans is None else spans
    if not spans:
        return text
    chars = list(text)
    for span in spans:
        for i in range(span.start, span.end):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)


# Fields of conversations and inspections that name things rather than quote speech.
ID_KEYS = frozenset({"id", "conversation_id", "agent_id", "queue", "channel", "started_at",
                     "source", "version", "versions", "analyzer", "name", "model", "kind",
                     "speaker", "flags", "scorecard", "rulebook", "na_reason",
                     "review_reason", "needs_review", "created_at", "at"})


def redact_json(value: Any, redact: Callable[[str], str] = redact_text, *,
                skip_keys: frozenset[str] = ID_KEYS) -> Any:
    """A copy of a JSON-like value with every string redacted, except the values of
    ``skip_keys`` (ids, names, versions: what a row is looked up by)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: v if k in skip_keys else redact_json(v, redact, skip_keys=skip_keys)
                for k, v in value.items()}
    if isinstance(value, list):
        return [redact_json(v, redact, skip_keys=skip_keys) for v in value]
    return value
