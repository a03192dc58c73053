"""Crash-safe files for audits: append-only JSON lines and atomically replaced summaries.

A power loss or ``kill -9`` can leave the last line of an append-only file half written
(possibly inside a multi-byte UTF-8 character). ``repair_tail`` cuts such a file back to
its last complete line before anything is appended, so no row is ever glued onto a torn
one. Summaries are written to a temporary file in the same folder, flushed to disk and
renamed over the old one (``atomic_path``), so a reader sees the old or the new file,
never a truncated one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_MARK = ".tmp-"


def repair_tail(path: Path) -> int:
    """Cut ``path`` back to its last newline; return the number of bytes dropped."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return 0
    if size == 0:
        return 0
    with path.open("r+b") as handle:
        end, pos = 0, size
        while pos > 0:
            step = min(1 << 16, pos)
            pos -= step
            handle.seek(pos)
            found = handle.read(step).rfind(b"\n")
            if found >= 0:
                end = pos + found + 1
                break
        if end < size:
            handle.truncate(end)
            handle.flush()
            os.fsync(handle.fileno())
    return size - end


def iter_lines(path: Path, start: int = 0) -> Iterator[tuple[int, bytes]]:
    """``(byte offset, line without newline)`` for each complete line from ``start``."""
    if not path.exists():
        return
    with path.open("rb") as handle:
        handle.seek(start)
        offset = start
        for line in handle:
            if not line.endswith(b"\n"):
                return  # a torn tail: callers repair it first
            yield offset, line[:-1]
            offset += len(line)


def append_lines(handle, lines: list[bytes]) -> list[tuple[int, int]]:
    """Append encoded lines (newline added) to a binary handle opened for append, flush
    them to disk, and return each line's ``(offset, length)`` without the newline."""
    offset = handle.seek(0, os.SEEK_END)
    spans = []
    for line in lines:
        spans.append((offset, len(line)))
        offset += len(line) + 1
    handle.write(b"".join(line + b"\n" for line in lines))
    handle.flush()
    os.fsync(handle.fileno())
    return spans


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` atomically.

    The caller writes the whole file to the yielded path; on an exception the temporary
    file is removed and ``path`` is left as it was.
    """
    temp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}")
    try:
        yield temp
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, path)
        _fsync_dir(path.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def remove_stale_temps(folder: Path) -> None:
    """Delete temporary files a killed run left behind (they never replaced anything)."""
    for temp in folder.glob(f".*{TEMP_MARK}*"):
        temp.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
