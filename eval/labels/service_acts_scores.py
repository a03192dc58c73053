"""Do calls the reviewers judge well handled score >= 85, and do the others not?

    python eval/labels/service_acts_scores.py [--split dev|test] [--rulebook R] [--scorecard S]
                                             [--baseline-rulebook R0] [--baseline-scorecard S0]

"Well handled" is read off the labels of ``eval/labels/service_acts.jsonl``: no 禁语, the
need confirmed, an apology when one was due (or none due), and greeting, closing offer and
farewell done (or unknowable on a truncated recording). Empathy, identity checks and the
customer-experience items are not part of it. Prints, per configuration, how many
well-handled calls reach 85 and how many other calls do (a scorecard should separate them).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from qa_engine.backtest import LabelledCall, load_calls, load_labels
from qa_engine.pipeline import Inspector

LABELS = Path(__file__).resolve().parent / "service_acts.jsonl"


def _done(call: LabelledCall, act: str) -> bool:
    label = call.acts.get(act)
    return label is not None and label.done is True


def well_handled(call: LabelledCall) -> bool:
    """The labels say the agent did everything a reviewer checks and said no 禁语."""
    apology = call.acts.get("apology_on_complaint")
    apology_ok = apology is not None and (apology.applicable is False or apology.done is True)
    return (not any(call.forbidden.values()) and _done(call, "confirm_need") and apology_ok
            and (_done(call, "greeting") or call.truncated_start)
            and (_done(call, "closing_offer_help") or call.truncated_end)
            and (_done(call, "closing_farewell") or call.truncated_end))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    parser.add_argument("--rulebook", type=Path)
    parser.add_argument("--scorecard", type=Path)
    parser.add_argument("--baseline-rulebook", type=Path)
    parser.add_argument("--baseline-scorecard", type=Path)
    args = parser.parse_args()
    meta, calls = load_labels(LABELS)
    chosen = [c for c in calls if args.split == "all" or c.split == args.split]
    convs = load_calls(LABELS.parent / meta["calls"], meta.get("calls_format", "musied"), [c.doc_id for c in chosen])
    runs = [("new", args.rulebook, args.scorecard)]
    if args.baseline_rulebook or args.baseline_scorecard:
        runs.insert(0, ("baseline", args.baseline_rulebook, args.baseline_scorecard))
    for name, rulebook, scorecard in runs:
        found = Inspector(scorecard, rulebook=rulebook).inspect_many([convs[c.doc_id] for c in chosen])
        well = [i.score for c, i in zip(chosen, found, strict=True) if well_handled(c) and i.score is not None]
        other = [i.score for c, i in zip(chosen, found, strict=True) if not well_handled(c) and i.score is not None]
        print(f"{name:8} {args.split}: well-handled calls >= 85: {sum(s >= 85 for s in well)}/{len(well)} "
              f"(mean {sum(well) / max(1, len(well)):.1f}); other calls >= 85: "
              f"{sum(s >= 85 for s in other)}/{len(other)} (mean {sum(other) / max(1, len(other)):.1f})")


if __name__ == "__main__":
    main()
