"""confirm_need on the labelled MUSIED chats, and what a rulebook change does on the phone calls.

Usage: python eval/labels/confirm_chats.py [--round 1|2|3] [--split dev|test] [--phone-split dev|test|none] RULEBOOK [RULEBOOK ...]
(``main`` = the rulebook of git main, ``bundled`` = this checkout's models/rulebook.toml)

For each rulebook: agreement, precision and recall of ``confirm_need`` on the chats of
``--split`` of round ``--round`` (labels: confirm_chats.jsonl, round 2 confirm_chats2.jsonl, round 3
confirm_chats3.jsonl;
eval/labels/confirm_chats_protocol.md), and on the
phone calls of ``--phone-split`` (service_acts.jsonl) the call-level figures plus how many
calls' cited confirm_need lines differ from the first rulebook's. Only the dev splits are
for tuning; the test splits are read once, at the end of a round (GUIDE.md).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from qa_engine.backtest import backtest, load_calls, load_labels, remap_musied_indices  # noqa: E402
from qa_engine.pipeline import Inspector  # noqa: E402

LABELS = {"chats": ROOT / "eval/labels/confirm_chats.jsonl", "chats2": ROOT / "eval/labels/confirm_chats2.jsonl",
          "chats3": ROOT / "eval/labels/confirm_chats3.jsonl",
          "phone": ROOT / "eval/labels/service_acts.jsonl"}


def _rulebook(name: str) -> Path | None:
    if name == "bundled":
        return None
    if name == "main" or ":" in name:
        ref = "main:models/rulebook.toml" if name == "main" else name
        text = subprocess.run(["git", "-C", str(ROOT), "show", ref], check=True, capture_output=True,
                              text=True).stdout
        tmp = Path(tempfile.mkstemp(suffix=".toml")[1])
        tmp.write_text(text, encoding="utf-8")
        return tmp
    return Path(name)


def _data(which: str):
    meta, labelled = load_labels(LABELS[which])
    source = LABELS[which].parent / meta["calls"]
    convs = load_calls(source, "musied", [c.doc_id for c in labelled])
    return remap_musied_indices(labelled, source), convs


def _cited(inspections) -> list[frozenset[int]]:
    out = []
    for insp in inspections:
        f = insp.findings["keywords"].items.get("confirm_need")
        hits = (f.detail or {}).get("hits", []) if f is not None else []
        out.append(frozenset(h["utterance"] for h in hits))
    return out


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rulebooks", nargs="+")
    ap.add_argument("--round", type=int, default=1, choices=[1, 2, 3])
    ap.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    ap.add_argument("--phone-split", default="dev", choices=["dev", "test", "none"])
    args = ap.parse_args(argv)
    sets = [({1: "chats", 2: "chats2", 3: "chats3"}[args.round], args.split)] + ([("phone", args.phone_split)] if args.phone_split != "none" else [])
    for which, split in sets:
        labelled, convs = _data(which)
        chosen = [c for c in labelled if split == "all" or c.split == split]
        first = None
        print(f"{which} ({split}, {len(chosen)} labelled):")
        for name in args.rulebooks:
            inspector = Inspector(None, rulebook=_rulebook(name))
            insps = inspector.inspect_many([convs[c.doc_id] for c in chosen])
            cited = _cited(insps)
            st = backtest(chosen, convs, lambda _convs, _i=insps: _i, split="all").stats["confirm_need"]
            changed = "" if first is None else f"  calls with other cited lines: {sum(a != b for a, b in zip(first, cited))}"
            first = cited if first is None else first
            print(f"  {name:<12} n {st.calls:3d}  agreement {st.agreement:.1%}  P {st.precision:.2f}  "
                  f"R {st.recall:.2f}  (tp {st.tp} fp {st.fp} fn {st.fn}){changed}")


if __name__ == "__main__":
    main(sys.argv[1:])
