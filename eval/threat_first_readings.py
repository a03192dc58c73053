"""First readings of the blind short-call sets: how the rules did on each set before any pass read it.

    python eval/threat_first_readings.py [--first 48] [--last N] [--cache DIR] [--json OUT]

Each blind set ``eval/labels/complaint_threat_freshNN.jsonl`` was written by a writer who never saw
the rules, and was committed before any pass read it. The tree of the commit *before* the one that
added the file therefore holds the rules exactly as they stood when the set was new: scoring the set
there is its first reading, the closest thing this project has to the issue's hidden set. This script
rebuilds that tree (``git archive`` of the parent commit, cached under ``--cache``), scores the set
there and in the working tree with ``eval/complaint_threat_calls.py --split all --opinion --show``
under the default policy (rules + second opinion + call model, probability over the shipped
threshold), and prints per set and in total: threat calls that alert and calm calls that alert, at
first reading and now, and every call the first reading got wrong with what it reads now.

"Now" on a set that a pass has read is in-sample for that pass; only the first-reading column is
out of sample. Sets that are not committed yet (a new set before its adding commit) are skipped.
About 10 s per set and tree on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import track
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "eval" / "labels"
POLICY = "rules + second opinion"  # the default policy's block in complaint_threat_calls.py's summary


@dataclass
class Reading:
    """One set scored in one tree: alerts per class and the ids of the calls it got wrong."""
    threat_alerts: int = 0
    threats: int = 0
    calm_alerts: int = 0
    calms: int = 0
    wrong: dict[str, str] = field(default_factory=dict)  # call id -> "threat missed" | "calm alerted"


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def adding_commit(path: Path) -> str | None:
    """The commit that first added ``path`` (None when it is not committed)."""
    commits = _git("log", "--diff-filter=A", "--format=%H", "--", str(path.relative_to(ROOT))).splitlines()
    return commits[-1] if commits else None


def tree_of(commit: str, cache: Path) -> Path:
    """The files of ``commit``, unpacked once under ``cache``."""
    tree = cache / commit[:12]
    if not (tree / ".complete").exists():
        tree.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile() as archive:
            subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, stdout=archive)
            archive.seek(0)
            with tarfile.open(fileobj=archive) as tar:
                tar.extractall(tree, filter="data")
        (tree / ".complete").touch()
    return tree


def _summary_and_rows(output: str) -> tuple[dict, list[dict]]:
    rows = [json.loads(line) for line in output.splitlines() if line.startswith('{"split"')]
    start = output.index("\n{\n") + 1
    depth_end = output.index("\n}\n", start) + 2
    return json.loads(output[start:depth_end]), rows


def score(tree: Path, calls: Path) -> Reading:
    """``calls`` scored in ``tree`` under the default policy."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    env.pop("QA_THREAT_CALL_MODEL", None)
    done = subprocess.run([sys.executable, "eval/complaint_threat_calls.py", "--calls", str(calls), "--split", "all",
                           "--opinion", "--show"], cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"scoring {calls.name} in {tree} failed:\n{done.stderr[-2000:]}")
    summary, rows = _summary_and_rows(done.stdout)
    # --show prints every call twice, rules alone first and the default policy second
    policy_rows = rows[len(rows) // 2:]
    reading = Reading()
    for row in policy_rows:
        if row["threat"]:
            reading.threats += 1
            reading.threat_alerts += row["alert"]
            if not row["alert"]:
                reading.wrong[row["id"]] = "threat missed"
        else:
            reading.calms += 1
            reading.calm_alerts += row["alert"]
            if row["alert"]:
                reading.wrong[row["id"]] = "calm alerted"
    counted = {"threat": 0, "calm": 0}
    for split, figures in summary[POLICY].items():
        if isinstance(figures, dict) and "threat" in figures:
            counted["threat"] += figures["threat"]["alerts"]
            counted["calm"] += figures["calm"]["alerts"]
    if (counted["threat"], counted["calm"]) != (reading.threat_alerts, reading.calm_alerts):
        raise RuntimeError(f"{calls.name}: the rows and the summary disagree in {tree}")
    return reading


def blind_sets(first: int, last: int | None) -> list[tuple[int, Path]]:
    found = []
    for path in LABELS.glob("complaint_threat_fresh*.jsonl"):
        match = re.fullmatch(r"complaint_threat_fresh(\d+)\.jsonl", path.name)
        if match and int(match[1]) >= first and (last is None or int(match[1]) <= last):
            found.append((int(match[1]), path))
    return sorted(found)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--first", type=int, default=48, help="the first set number read (default 48)")
    ap.add_argument("--last", type=int, default=None, help="the last set number read (default: every one)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "qa-first-readings",
                    help="where the earlier trees are unpacked")
    ap.add_argument("--json", type=Path, default=None, help="write every figure and wrong call here")
    args = ap.parse_args()

    console = Console()
    results = []
    for number, path in track(blind_sets(args.first, args.last), description="sets", console=console):
        added = adding_commit(path)
        if added is None:
            console.print(f"[yellow]fresh{number}: not committed yet, skipped[/]")
            continue
        parent = _git("rev-parse", f"{added}^")
        first = score(tree_of(parent, args.cache), path)
        now = score(ROOT, path)
        results.append((number, parent[:9], first, now))

    table = Table(title="Blind short-call sets: first reading (parent of the adding commit) and now")
    for column in ("set", "read in", "threat first", "threat now", "calm first", "calm now"):
        table.add_column(column, justify="right")
    total_first, total_now = Reading(), Reading()
    for number, parent, first, now in results:
        table.add_row(f"fresh{number}", parent, f"{first.threat_alerts}/{first.threats}", f"{now.threat_alerts}/{now.threats}",
                      f"{first.calm_alerts}/{first.calms}", f"{now.calm_alerts}/{now.calms}")
        for total, reading in ((total_first, first), (total_now, now)):
            total.threat_alerts += reading.threat_alerts
            total.threats += reading.threats
            total.calm_alerts += reading.calm_alerts
            total.calms += reading.calms
    table.add_row("all", "", f"{total_first.threat_alerts}/{total_first.threats}",
                  f"{total_now.threat_alerts}/{total_now.threats}", f"{total_first.calm_alerts}/{total_first.calms}",
                  f"{total_now.calm_alerts}/{total_now.calms}", style="bold")
    console.print(table)
    console.print("Wrong at first reading (and now):")
    for number, _, first, now in results:
        for call_id, error in sorted(first.wrong.items()):
            console.print(f"  {call_id}: {error}; now {now.wrong.get(call_id, 'right')}")
    if args.json:
        args.json.write_text(json.dumps([{"set": f"fresh{number}", "read_in": parent, "first": vars(first), "now": vars(now)}
                                         for number, parent, first, now in results], ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
