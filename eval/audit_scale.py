"""Audit at scale: peak memory and wall time of a full audit and of a no-op rerun.

Generates N transcripts (default 10,000; JSON conversations built from the 339 MUSIED
phone-call transcripts in ``../shared/data`` — real ASR text — or from ``examples/calls``
when that is absent), 1 % of them corrupt (malformed JSON, empty, binary, an unknown
speaker, no agent line), 50 calls per agent, then runs ``qa audit`` on them in a fresh
process and prints its wall time and peak RSS; then the same command again (a no-op
rerun: everything already scored, the failed files retried). ``--baseline-commit`` runs
the same two commands with the code of an older commit (exported with ``git archive``)
in the same session, for a before/after on the same machine and files.

    python eval/audit_scale.py --calls 10000 --work /tmp/audit-scale
    python eval/audit_scale.py --calls 10000 --work /tmp/audit-scale --baseline-commit cde9feb
    python eval/audit_scale.py --calls 100000 --work /tmp/audit-100k --stub

``--stub`` replaces the models by one trivial analyzer, to measure how the audit's own
memory and time grow with the number of calls (the models add a constant).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# Runs a command and prints its wall time, CPU seconds and peak RSS (the largest child's).
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "wall_s": time.perf_counter() - t, "cpu_s": usage.ru_utime + usage.ru_stime,
                  "peak_rss_mb": usage.ru_maxrss / 1024}))
"""
CORRUPT = [
    ("json", lambda text: text[: len(text) // 2]),                       # torn JSON
    ("json", lambda text: ""),                                           # empty file
    ("json", lambda text: bytes(random.Random(1).randbytes(2048))),      # binary
    ("txt", lambda text: "客服: 您好\n主管: 我来处理\n用户: 好\n"),             # unknown speaker
    ("json", lambda text: json.dumps({"id": "x", "utterances": [
        {"speaker": "customer", "start": 0, "end": 1, "text": "喂"}]})),  # no agent line
]


def source_calls() -> list[list[tuple[str, str]]]:
    """(speaker, text) turns of real calls: MUSIED phone calls, else the examples."""
    try:
        from training.data import load_musied

        docs = [d for d in load_musied() if d["domain"] == "Phone Conversations"]
        return [[("customer" if line.startswith("用户") else "agent", line.split(":", 1)[-1])
                 for line in d["content"]] for d in docs]
    except Exception:  # noqa: BLE001 — no shared data here: fall back to the examples
        calls = []
        for path in sorted((REPO / "examples" / "calls").glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            calls.append([(u["speaker"], u["text"]) for u in data["utterances"]])
        return calls


def generate(folder: Path, n: int, corrupt: float, calls_per_agent: int) -> int:
    """Write n call files (in folders of 1,000) and return how many are corrupt."""
    sources = source_calls()
    every = round(1 / corrupt) if corrupt else 0
    bad = 0
    for i in range(n):
        turns = sources[i % len(sources)]
        utterances = [{"speaker": s, "start": 3.0 * k, "end": 3.0 * k + 2.5, "text": t}
                      for k, (s, t) in enumerate(turns)]
        conv = {"id": f"call-{i:06d}", "agent_id": f"A{i % max(1, n // calls_per_agent):05d}",
                "queue": "delivery", "started_at": f"2026-11-{1 + i % 28:02d}T09:00:00+08:00",
                "channel": "phone", "utterances": utterances}
        text, suffix = json.dumps(conv, ensure_ascii=False), "json"
        if every and i % every == every // 2:
            suffix, make = CORRUPT[bad % len(CORRUPT)]
            text = make(text)
            bad += 1
        path = folder / f"{i // 1000:03d}" / f"call-{i:06d}.{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return bad


def measure(command: list[str], env: dict, cwd: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                         text=True, env=env, cwd=cwd, check=True)
    return json.loads(out.stdout)


def audit_command(calls: Path, out: Path, extra: list[str]) -> list[str]:
    if extra == ["--stub"]:
        return [sys.executable, str(Path(__file__).resolve()), "--run-stub", str(calls), str(out)]
    return [sys.executable, "-m", "qa_engine.cli", "audit", str(calls), "--out", str(out),
            "--max-failure-rate", "0.05", *extra]


def run_pair(label: str, calls: Path, out: Path, extra: list[str], code: Path) -> None:
    """Full audit then no-op rerun with the package found in ``code``."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(code)}
    full = measure(audit_command(calls, out, extra), env, code)
    again = measure(audit_command(calls, out, extra), env, code)
    size = (out / "calls.jsonl").stat().st_size
    rows = sum(1 for _ in (out / "calls.jsonl").open(encoding="utf-8"))
    errors = sum(1 for _ in (out / "errors.jsonl").open(encoding="utf-8"))
    print(f"| {label} | full audit | {full['wall_s']:.1f} s | {full['cpu_s']:.0f} s "
          f"| {full['peak_rss_mb']:.0f} MB | rc {full['rc']} "
          f"| {rows} rows, {errors} errors, calls.jsonl {size / rows / 1024:.1f} KB/call |")
    print(f"| {label} | no-op rerun | {again['wall_s']:.1f} s | {again['cpu_s']:.0f} s "
          f"| {again['peak_rss_mb']:.0f} MB | rc {again['rc']} | |", flush=True)


def stub_audit(calls: str, out: str) -> None:
    """``run_audit`` with one trivial analyzer: the audit's own memory and time (ledger,
    hashing, rows, summaries), without the models."""
    from qa_engine.audit import run_audit
    from qa_engine.findings import Finding, Findings
    from qa_engine.pipeline import Inspector
    from qa_engine.scorecard import parse_scorecard

    class Greeting:
        version, produces = "stub-1", frozenset({"greeting"})

        def analyze(self, conversation):
            said = any("您好" in u.text or "你好" in u.text for u in conversation.utterances[:3])
            return Findings(analyzer="kw", version=self.version,
                            items={"greeting": Finding(value=1.0 if said else 0.0)})

    card = parse_scorecard({"name": "stub", "version": "1", "total_weight": 1,
                            "analyzers": {"kw": "keywords.v1"}, "sections": [{"id": "s", "items": [
                                {"id": "greet", "finding": "kw.greeting", "weight": 1}]}]})
    run_audit(Inspector(card, analyzers={"kw": Greeting()}), Path(calls), Path(out))


def main() -> None:
    if sys.argv[1:2] == ["--run-stub"]:
        return stub_audit(*sys.argv[2:4])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--calls", type=int, default=10_000)
    ap.add_argument("--corrupt", type=float, default=0.01)
    ap.add_argument("--calls-per-agent", type=int, default=50)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "audit-scale")
    ap.add_argument("--compact", action="store_true", help="also measure --compact")
    ap.add_argument("--baseline-commit", help="also run the code of this commit (git archive)")
    ap.add_argument("--stub", action="store_true",
                    help="only the audit machinery: one trivial analyzer instead of the models")
    args = ap.parse_args()
    calls = args.work / "calls"
    if not calls.exists() or sum(1 for _ in calls.rglob("call-*")) != args.calls:
        shutil.rmtree(calls, ignore_errors=True)
        bad = generate(calls, args.calls, args.corrupt, args.calls_per_agent)
        print(f"generated {args.calls} files ({bad} corrupt) in {calls}")
    print("| code | run | wall | CPU (user+sys) | peak RSS | exit | outputs |")
    print("|---|---|---|---|---|---|---|")
    if args.stub:
        return run_pair("this branch, stub analyzer", calls, args.work / "out-stub", ["--stub"], REPO)
    if args.baseline_commit:
        tree = args.work / f"code-{args.baseline_commit}"
        if not tree.exists():
            tree.mkdir(parents=True)
            archive = subprocess.run(["git", "-C", str(REPO), "archive", args.baseline_commit,
                                      "qa_engine", "models"], capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        run_pair(f"baseline {args.baseline_commit}", calls, args.work / "out-baseline", [], tree)
    run_pair("this branch", calls, args.work / "out", [], REPO)
    if args.compact:
        run_pair("this branch --compact", calls, args.work / "out-compact", ["--compact"], REPO)


if __name__ == "__main__":
    main()
