"""``errors.jsonl``: one row per file that failed (or was only warned about), no repeats.

Rows are appended as failures happen (so a crash loses none) unless the same row — file,
content hash, stage, message — is already there. A file rejected for its content is not
tried again until its content changes; other failures (a crash while inspecting, a lost
worker) are retried on every run. At the end of an audit the file is
rewritten atomically to hold, for the files under the audited folder, only what is still
true in this run: a file that was fixed and scored, or that is gone, leaves the list.
Rows about files outside the folder (earlier audits into the same output) are kept.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qa_engine.audit.files import atomic_path, iter_lines, repair_tail


# Error codes that depend on the file's bytes alone: bad syntax or encoding (QA100, also
# an unknown speaker or no agent line), undecodable audio (QA400).
CONTENT_ERRORS = frozenset({"QA100", "QA400"})


def _key(row: dict[str, Any]) -> tuple:
    return (row.get("file"), row.get("file_sha256"), row.get("stage"), row.get("message"))


class ErrorLog:
    """The audit's error list; ``add`` during the run, ``finish`` at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: dict[tuple, dict] = {}
        self._current: set[tuple] = set()
        self._by_file: dict[tuple, dict] | None = None
        self._handle = None

    def open(self) -> list[str]:
        dropped = repair_tail(self.path)
        for _, raw in iter_lines(self.path):
            try:
                row = json.loads(raw)
            except ValueError:
                continue
            if isinstance(row, dict):
                self._known.setdefault(_key(row), row)
        self._handle = self.path.open("a", encoding="utf-8")
        return [f"{self.path.name}: cut a torn last line ({dropped} bytes)"] if dropped else []

    def add(self, row: dict[str, Any]) -> None:
        key = _key(row)
        self._current.add(key)
        if key in self._known:
            return
        self._known[key] = row
        self._handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._handle.flush()

    def content_error(self, file: str, digest: str) -> dict[str, Any] | None:
        """The earlier row of a file rejected for its content (these bytes will be rejected
        again, so they are not retried until the file changes)."""
        if self._by_file is None:
            self._by_file = {}
            for row in self._known.values():
                if (row.get("stage") == "load" and row.get("level", "error") == "error"
                        and row.get("code") in CONTENT_ERRORS):
                    self._by_file[(row.get("file"), row.get("file_sha256"))] = row
        return self._by_file.get((file, digest))

    @property
    def failures(self) -> int:
        """Rows of this run that are errors (not warnings)."""
        return sum(self._known[k].get("level", "error") == "error" for k in self._current)

    def finish(self, root: Path) -> None:
        """Keep this run's rows and rows about files outside ``root``; rewrite atomically."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        prefix = str(root) if root.is_dir() else None
        keep = [row for key, row in self._known.items()
                if key in self._current or not _under(row.get("file"), root, prefix)]
        if len(keep) == len(self._known) and self.path.exists():
            return
        with atomic_path(self.path) as temp:
            temp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in keep),
                            encoding="utf-8")

    def rows(self) -> list[dict[str, Any]]:
        return [self._known[k] for k in self._known if k in self._current]


def _under(file: str | None, root: Path, prefix: str | None) -> bool:
    if not file:
        return False
    if prefix is None:
        return file == str(root)
    return file.startswith(prefix.rstrip("/") + "/")
