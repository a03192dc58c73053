"""The ledger of scored calls: ``calls.jsonl`` plus a compact index beside it.

``calls.jsonl`` holds one full inspection per line (the output contract). The index
(``.qa-audit/index.jsonl``) holds, per line of ``calls.jsonl``, the few fields the
summaries need and where the line lies (byte offset and length), so resuming, deciding
what is already scored and rebuilding the summaries never re-read the full inspections.

A call's identity is the SHA-256 of its file's content; the file's canonical (absolute,
symlink-free) path is recorded with it. A file counts as scored when its content hash is
recorded, whatever spelling of its path was typed; a changed file (same path, new hash)
is scored again and its new row supersedes the old one in every summary.

Crash safety: lines go to ``calls.jsonl`` first (flushed to disk), then to the index. On
opening, torn last lines of both are cut off (and reported), and any lines of
``calls.jsonl`` past the end the index covers — written just before a crash — are indexed
from the full rows. A missing or inconsistent index is rebuilt from ``calls.jsonl``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from qa_engine.audit.files import append_lines, atomic_path, iter_lines, repair_tail
from qa_engine.audit.rows import call_summary

INDEX_PATH = Path(".qa-audit") / "index.jsonl"


class Ledger:
    """Open with ``open()`` (returns what was repaired); then ``lookup`` and ``append``."""

    def __init__(self, out_dir: Path) -> None:
        self.calls_path = out_dir / "calls.jsonl"
        self.index_path = out_dir / INDEX_PATH
        self._live = LiveRows()
        self.sections: dict[str, None] = {}
        self._lines = 0
        self._calls = self._index = None

    # -- opening and repair ---------------------------------------------------------
    def open(self) -> list[str]:
        """Repair torn tails, load the index, index lines written just before a crash."""
        repairs = []
        self.index_path.parent.mkdir(parents=True, exist_ok=True)
        for path in (self.calls_path, self.index_path):
            dropped = repair_tail(path)
            if dropped:
                repairs.append(f"{path.name}: cut a torn last line ({dropped} bytes) left by an "
                               "interrupted run; its call is scored again")
        calls_size = self.calls_path.stat().st_size if self.calls_path.exists() else 0
        covered = self._load_index(calls_size)
        if covered is None:  # no index, or one that does not match calls.jsonl
            repairs.extend(self._rebuild_index())
        elif covered < calls_size:
            self._index_tail(covered)
        self._calls = self.calls_path.open("ab")
        self._index = self.index_path.open("ab")
        return repairs

    def _load_index(self, calls_size: int) -> int | None:
        """Load the index; return the end of ``calls.jsonl`` it covers, None if unusable."""
        if not self.index_path.exists() or (calls_size and self.index_path.stat().st_size == 0):
            return None if calls_size else 0
        covered = 0
        for _, raw in iter_lines(self.index_path):
            try:
                row = json.loads(raw)
                end = row["offset"] + row["length"] + 1
            except (ValueError, KeyError, TypeError):
                return self._reset()
            if end > calls_size or row["offset"] < covered:
                return self._reset()
            covered = end
            self._note(row)
            last = row
        if covered and not self._span_matches(last):
            return self._reset()
        return covered

    def _span_matches(self, row: dict) -> bool:
        """Does the index row point at its own line of ``calls.jsonl``? (An index left
        over from before a crash in ``compact`` points elsewhere.)"""
        offset, length = row["offset"], row["length"]
        with self.calls_path.open("rb") as handle:
            handle.seek(max(offset - 1, 0))
            raw = handle.read(length + 1 + (offset > 0))
        before_ok = offset == 0 or raw[:1] == b"\n"
        line = raw[1:-1] if offset > 0 else raw[:-1]
        return before_ok and raw.endswith(b"\n") and row["file_sha256"].encode() in line

    def _reset(self) -> None:
        self._live = LiveRows()
        self.sections.clear()
        self._lines = 0
        return None

    def _index_tail(self, start: int) -> None:
        rows = []
        for offset, raw in iter_lines(self.calls_path, start):
            row = _parse(raw)
            if row is not None:
                rows.append(_index_row(row, offset, len(raw)))
        with self.index_path.open("ab") as handle:
            append_lines(handle, [_encode(r) for r in rows])
        for row in rows:
            self._note(row)

    def _rebuild_index(self) -> list[str]:
        """Index ``calls.jsonl`` from scratch; drop lines that are not valid rows."""
        bad = [offset for offset, raw in iter_lines(self.calls_path) if _parse(raw) is None]
        repairs = []
        if bad:
            with atomic_path(self.calls_path) as temp, temp.open("wb") as out:
                for _, raw in iter_lines(self.calls_path):
                    if _parse(raw) is not None:
                        out.write(raw + b"\n")
            repairs.append(f"calls.jsonl: removed {len(bad)} line(s) that were not valid rows "
                           "(glued or cut by an earlier crash); their calls are scored again")
        with atomic_path(self.index_path) as temp, temp.open("wb") as out:
            rows = [_index_row(_parse(raw), offset, len(raw))
                    for offset, raw in iter_lines(self.calls_path)]
            out.write(b"".join(_encode(r) + b"\n" for r in rows))
        for row in rows:
            self._note(row)
        if rows:
            repairs.append(f"{INDEX_PATH}: rebuilt from calls.jsonl ({len(rows)} rows)")
        return repairs

    # -- state ------------------------------------------------------------------------
    def _note(self, row: dict) -> None:
        """Make an index row live: it supersedes the row of the same path or content."""
        self._live.note(row["file"], row["file_sha256"], self._lines)
        for section in row.get("sections") or {}:
            self.sections.setdefault(section, None)
        self._lines += 1

    def lookup(self, path: str, digest: str) -> str | None:
        """The canonical path under which this content was scored, or None."""
        return self._live.lookup(path, digest)

    def append(self, rows: list[tuple[str, dict]]) -> None:
        """Write ``(calls.jsonl line, summary)`` pairs durably: calls first, then index."""
        if not rows:
            return
        spans = append_lines(self._calls, [line.encode("utf-8") for line, _ in rows])
        index_rows = [{**summary, "offset": offset, "length": length}
                      for (_, summary), (offset, length) in zip(rows, spans)]
        append_lines(self._index, [_encode(r) for r in index_rows])
        for row in index_rows:
            self._note(row)

    def compact(self) -> bool:
        """Drop superseded rows (a changed file's old row) from ``calls.jsonl`` so that it
        holds each call once; rewrite both files atomically. Returns whether it did."""
        live = self._live.lines()
        if len(live) == self._lines:
            return False
        self.close()
        rows = []
        with atomic_path(self.calls_path) as calls_temp, calls_temp.open("wb") as out:
            with self.calls_path.open("rb") as source:
                offset = 0
                for row in iter_live(self.index_path, live):
                    source.seek(row["offset"])
                    line = source.read(row["length"])
                    out.write(line + b"\n")
                    rows.append({**row, "offset": offset})
                    offset += len(line) + 1
            out.flush()
        # calls.jsonl is replaced first: an index left behind fails _span_matches and is rebuilt
        with atomic_path(self.index_path) as temp:
            temp.write_bytes(b"".join(_encode(r) + b"\n" for r in rows))
        self._live, self._lines = LiveRows(), 0
        for row in rows:
            self._note(row)
        return True

    def close(self) -> None:
        for handle in (self._calls, self._index):
            if handle is not None:
                handle.close()
        self._calls = self._index = None

    def __len__(self) -> int:
        return len(self._live.by_path)

    def iter_live(self) -> Iterator[dict]:
        """The index rows of the live calls, in the order they were scored."""
        yield from iter_live(self.index_path, self._live.lines())


class LiveRows:
    """Which rows are live: the latest per canonical path and per content hash."""

    def __init__(self) -> None:
        self.by_path: dict[str, tuple[str, int]] = {}   # path -> (hash, row number)
        self.by_hash: dict[str, str] = {}               # hash -> path

    def note(self, path: str, digest: str, number: int) -> None:
        if path in self.by_path:
            self.by_hash.pop(self.by_path[path][0], None)
        if (other := self.by_hash.get(digest)) is not None and other != path:
            self.by_path.pop(other, None)
        self.by_path[path] = (digest, number)
        self.by_hash[digest] = path

    def lookup(self, path: str, digest: str) -> str | None:
        """The path under which this content is live, or None."""
        if self.by_path.get(path, (None,))[0] == digest:
            return path
        return self.by_hash.get(digest)

    def lines(self) -> set[int]:
        return {number for _, number in self.by_path.values()}


def iter_live(index_path: Path, live_lines: set[int] | None = None) -> Iterator[dict]:
    """Live index rows; without ``live_lines`` they are worked out in a first pass."""
    if live_lines is None:
        live = LiveRows()
        for number, (_, raw) in enumerate(iter_lines(index_path)):
            row = json.loads(raw)
            live.note(row["file"], row["file_sha256"], number)
        live_lines = live.lines()
    for number, (_, raw) in enumerate(iter_lines(index_path)):
        if number in live_lines:
            yield json.loads(raw)


def read_calls(calls_path: Path) -> Iterator[dict]:
    """Full rows of the live calls in ``calls.jsonl`` (latest per file), one at a time.

    Uses the index when it matches; otherwise scans ``calls.jsonl`` twice, skipping lines
    that are not valid rows. Never holds more than one full row in memory.
    """
    index_path = calls_path.parent / INDEX_PATH
    if index_path.exists() and calls_path.exists():
        spans = [(row["offset"], row["length"]) for row in iter_live(index_path)]
        if all(o + n < calls_path.stat().st_size + 1 for o, n in spans):
            with calls_path.open("rb") as handle:
                for offset, length in spans:
                    handle.seek(offset)
                    row = _parse(handle.read(length))
                    if row is not None:
                        yield row
            return
    live = LiveRows()
    for number, (_, raw) in enumerate(iter_lines(calls_path)):
        if (row := _parse(raw)) is not None:
            summary = call_summary(row)
            live.note(summary["file"], summary["file_sha256"], number)
    wanted = live.lines()
    for number, (_, raw) in enumerate(iter_lines(calls_path)):
        if number in wanted:
            yield json.loads(raw)


def _parse(raw: bytes) -> dict | None:
    try:
        row = json.loads(raw)
    except ValueError:  # includes UnicodeDecodeError
        return None
    if not isinstance(row, dict) or "conversation_id" not in row:
        return None
    return row


def _index_row(row: dict, offset: int, length: int) -> dict:
    return {**call_summary(row), "offset": offset, "length": length}


def _encode(row: dict) -> bytes:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
