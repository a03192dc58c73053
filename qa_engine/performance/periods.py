"""Assessment periods: ``YYYY-MM`` (month), ``YYYY-Www`` (ISO week), ``YYYY-Qn`` (quarter)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from qa_engine.errors import InputError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True)
class Period:
    """A half-open range of days ``[start, end)`` with its label, e.g. ``2026-11``."""

    kind: str
    label: str
    start: date
    end: date

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        return period_of(self.start - timedelta(days=1), self.kind)


def parse_period(text: str) -> Period:
    """``2026-11`` → November 2026; ``2026-W45`` → ISO week 45; ``2026-Q4`` → Oct–Dec."""
    text = text.strip()
    if not 1900 <= int(text[:4] if text[:4].isascii() and text[:4].isdigit() else 0) <= 2999:
        raise InputError(f"period '{text[:20]}' is not one of YYYY-MM (month), YYYY-Www (ISO "
                         "week), YYYY-Qn (quarter) with a year from 1900 to 2999")
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            start = date(year, month, 1)
            end = date(year + (month == 12), month % 12 + 1, 1)
            return Period("month", text, start, end)
    elif m := _WEEK.match(text):
        try:
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            pass
        else:
            return Period("week", text, start, start + timedelta(days=7))
    elif m := _QUARTER.match(text):
        year, quarter = int(m[1]), int(m[2])
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
        return Period("quarter", text, start, end)
    raise InputError(f"period '{text}' is not one of YYYY-MM (month), YYYY-Www (ISO week), "
                     "YYYY-Qn (quarter)")


def period_of(day: date, kind: str) -> Period:
    """The period of ``kind`` (week, month, quarter) that contains ``day``."""
    if kind == "week":
        year, week, _ = day.isocalendar()
        return parse_period(f"{year}-W{week:02d}")
    if kind == "month":
        return parse_period(f"{day.year}-{day.month:02d}")
    if kind == "quarter":
        return parse_period(f"{day.year}-Q{(day.month - 1) // 3 + 1}")
    raise InputError(f"period kind '{kind}' is not one of week, month, quarter")


def within(label: str, period: Period) -> bool:
    """True if the period ``label`` (e.g. a rating's month) lies inside ``period``."""
    inner = parse_period(label)
    return period.start <= inner.start and inner.end <= period.end
