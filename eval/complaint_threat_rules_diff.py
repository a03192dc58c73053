"""Which conversations a change of the threat rules flips: this tree vs a base commit, rules alone.

    python eval/complaint_threat_rules_diff.py --base COMMIT [--exclude fresh25_test] [--show N] [--analyzer]

Runs ``detect_threats`` (no second opinion) of this tree and of ``COMMIT`` (its ``qa_engine`` from
``git archive``, in a subprocess, same interpreter) over every STC3 dialogue, every MUSIED document
read as a call, and the labelled short calls (``complaint_threat_calls.jsonl``, ``calm_calls.jsonl``,
``complaint_threat_fresh.jsonl`` without the ``--exclude`` splits, so a pre-registered split stays
unread). Printed per corpus: conversations whose threat verdict flips, and for the labelled calls
how many flips are right (towards the label) and wrong. A count, not an accuracy: STC3 dialogues
have no threat labels, and the short calls are self-written and were fixed on.
``--analyzer`` compares the ``threat`` finding of ``EscalationAnalyzer`` as shipped instead (rules, second opinion
and the call-level model with its veto; each tree with its own ``models/``): what a change of the learned parts flips.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LABELS = ROOT / "eval" / "labels"

_DUMP = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import qa_engine
assert qa_engine.__file__.startswith(sys.argv[1]), qa_engine.__file__
from qa_engine.analyzers.escalation import EscalationAnalyzer, detect_threats
from qa_engine.conversation import Conversation
analyzer = EscalationAnalyzer() if sys.argv[2] == "analyzer" else None
for line in sys.stdin:
    c = json.loads(line)
    conv = Conversation(id=c["id"], utterances=[{"speaker": s, "start": 3.0 * i, "end": 3.0 * i + 2.5, "text": t}
                                                for i, (s, t) in enumerate(c["turns"])])
    if analyzer is None:
        hits = [h.cue for h in detect_threats(conv, None) if h.threat]
    else:
        hits = [t["cue"] for t in analyzer.analyze(conv).items["threat"].detail.get("threats", [])]
    print(json.dumps({"id": c["id"], "threats": hits}, ensure_ascii=False))
"""


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def conversations(exclude: set[str]) -> dict[str, list[dict]]:
    """corpus → [{id, turns: [[speaker, text]], threat?}]"""
    from qa_engine.conversation import Conversation
    from training.complaint_phone import musied_call
    from training.data import load_musied, load_stc3

    def rows(convs):
        return [{"id": c.id, "turns": [[u.speaker.value, u.text] for u in c.utterances]} for c in convs]

    short = []
    for name in ("complaint_threat_calls.jsonl", "calm_calls.jsonl", "complaint_threat_fresh.jsonl"):
        for c in _jsonl(LABELS / name):
            if c.get("split") in exclude:
                continue
            short.append({"id": f"{name}:{c['id']}", "threat": bool(c.get("threat", False)),
                          "turns": [["agent" if w == "A" else "customer", t] for w, t in c["turns"]]})
    def stc3(d: dict) -> list[list[str]]:  # as eval/complaint_threat_opinion_counts.py reads a dialogue
        return [["customer" if t["sender"] == "customer" else "agent", u] for t in d["turns"] for u in t["utterances"]
                if u.strip()]

    return {"stc3": [{"id": str(d["id"]), "turns": stc3(d)} for d in load_stc3()],
            "musied": rows(Conversation.model_validate(musied_call(d)) for d in load_musied()),
            "short_calls": short}


def run_tree(tree: Path, convs: list[dict], analyzer: bool = False) -> dict[str, list[str]]:
    stdin = "".join(json.dumps({"id": c["id"], "turns": c["turns"]}, ensure_ascii=False) + "\n" for c in convs)
    env = {k: v for k, v in os.environ.items() if k != "QA_MODELS_DIR"}  # each tree reads its own models/
    out = subprocess.run([sys.executable, "-c", _DUMP, str(tree), "analyzer" if analyzer else "rules"], input=stdin,
                         capture_output=True, text=True, check=True, cwd=str(tree), env=env)
    return {r["id"]: r["threats"] for r in map(json.loads, out.stdout.splitlines())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="commit whose rules are the baseline")
    ap.add_argument("--exclude", action="append", default=[], help="a split of the short-call files left unread")
    ap.add_argument("--show", type=int, default=10, help="flipped conversations printed per corpus")
    ap.add_argument("--analyzer", action="store_true", help="the analyzer's threat finding as shipped, not the rules alone")
    args = ap.parse_args()
    corpora = conversations(set(args.exclude))
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        paths = ["qa_engine", "models"] if args.analyzer else ["qa_engine"]
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base, *paths], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        report = {"base": args.base, "excluded": args.exclude, "read": "analyzer" if args.analyzer else "rules alone"}
        for name, convs in corpora.items():
            old, new = run_tree(base, convs, args.analyzer), run_tree(ROOT, convs, args.analyzer)
            flips = [c for c in convs if bool(old[c["id"]]) != bool(new[c["id"]])]
            entry = {"conversations": len(convs), "threat_base": sum(bool(old[c["id"]]) for c in convs),
                     "threat_new": sum(bool(new[c["id"]]) for c in convs), "flipped": len(flips)}
            if name == "short_calls":
                entry["flips_towards_label"] = sum(bool(new[c["id"]]) == c["threat"] for c in flips)
                entry["flips_away_from_label"] = sum(bool(new[c["id"]]) != c["threat"] for c in flips)
            entry["examples"] = [{"id": c["id"], "base": old[c["id"]], "new": new[c["id"]], **(
                {"label": c["threat"]} if "threat" in c else {})} for c in flips[:args.show]]
            report[name] = entry
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
