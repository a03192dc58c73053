"""Inter-reader agreement on the service-act labels (issue 9): reader 3 vs readers 1/2.

Usage: python eval/labels/inter_reader.py [-v]

Reader 3 re-labelled 50 dev calls blind (`reader3_service_acts.txt` → `.jsonl`, built by
`build_service_acts.py reader3_service_acts.txt reader3_service_acts.jsonl`; calls drawn by
`reader3_sample.py`, 25 from each earlier reader's batch). This compares them with
`service_acts.jsonl` per act: raw agreement and Cohen's kappa over every call (the
labels file's own verdicts, `truncated` / `unsure` included as categories) and over the
calls where both readers gave a definite verdict, then lists every disagreement.
Prints doc ids, verdicts and the readers' short reasons only — no transcript text.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from reader3_sample import sample  # noqa: E402

MAIN = HERE / "service_acts.jsonl"
READER3 = HERE / "reader3_service_acts.jsonl"
ADJUDICATION = HERE / "reader3_adjudication.jsonl"  # each disagreement re-read after the comparison
DEFINITE = {"passed", "failed", "due", "not_due", "hit", "clean"}
FORBIDDEN_CATS = {
    "forbidden_dismissive": "push", "forbidden_rude": "rude", "forbidden_profanity": "abuse",
    "forbidden_blame": "blame", "forbidden_promise": "promise", "forbidden_solicit_rating": "rating",
}


def load(path: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["doc_id"]: r for r in rows if "doc_id" in r}


def _done(row: dict, act: str, truncated: bool) -> tuple[str, list[int]]:
    cell = row["acts"].get(act, {"done": None, "utterances": []})
    if cell["done"] is None:
        return ("truncated" if truncated else "unsure"), []
    return ("passed" if cell["done"] else "failed"), cell["utterances"]


def verdicts(row: dict) -> dict[str, tuple[str, list[int]]]:
    """Per act: (verdict in the labels file's vocabulary, evidence utterances)."""
    out = {
        "greeting": _done(row, "greeting", row["truncated_start"]),
        "confirm_need": _done(row, "confirm_need", False),
        "closing_offer_help": _done(row, "closing_offer_help", row["truncated_end"]),
        "closing_farewell": _done(row, "closing_farewell", row["truncated_end"]),
    }
    apology = row["acts"]["apology_on_complaint"]
    due = {True: "due", False: "not_due", None: "unsure"}[apology.get("applicable")]
    out["apology_due"] = (due, [])
    if due == "not_due":
        out["apology_given"] = ("N/A", [])
    elif due == "unsure":
        out["apology_given"] = ("unsure", [])
    else:
        out["apology_given"] = _done(row, "apology_on_complaint", False)
    hits = row.get("forbidden", [])
    out["forbidden_any"] = ("hit" if hits else "clean", [h["utterance"] for h in hits])
    for finding, cat in FORBIDDEN_CATS.items():
        utts = [h["utterance"] for h in hits if h["finding"] == finding]
        out[f"forbidden_{cat}"] = ("hit" if utts else "clean", utts)
    return out


def kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa for two raters over nominal categories (None when undefined)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[c] * right[c] for c in set(left) | set(right)) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def fmt(x: float | None) -> str:
    return "  —  " if x is None else f"{x:5.2f}"


ACTS = ["greeting", "confirm_need", "apology_due", "apology_given", "closing_offer_help",
        "closing_farewell", "forbidden_any", "forbidden_push", "forbidden_rude", "forbidden_promise",
        "forbidden_blame", "forbidden_rating"]


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    main_rows, r3_rows = load(MAIN), load(READER3)
    picked = sample()
    reader_of = {doc_id: reader for _, doc_id, reader in picked}
    assert set(r3_rows) == set(reader_of), "reader 3 file and sample differ"
    assert all(main_rows[d]["split"] == "dev" for d in reader_of), "a test call was sampled"
    ours = {d: verdicts(main_rows[d]) for d in reader_of}
    theirs = {d: verdicts(r3_rows[d]) for d in reader_of}

    print(f"Inter-reader agreement, {len(reader_of)} dev calls "
          f"({sum(r == 1 for r in reader_of.values())} read by reader 1, "
          f"{sum(r == 2 for r in reader_of.values())} by reader 2) vs reader 3 (blind)\n")
    print(f"{'act':20} {'n':>3} {'agree':>6} {'kappa':>6} | {'n def':>5} {'agree':>6} {'kappa':>6} "
          f"| {'R1 agr':>6} {'R2 agr':>6} | {'evid':>5}")
    disagreements = []
    for act in ACTS:
        pairs = [(ours[d][act][0], theirs[d][act][0]) for d in reader_of]
        definite = [(a, b) for a, b in pairs if a in DEFINITE and b in DEFINITE]
        by_reader = {}
        for r in (1, 2):
            sub = [(ours[d][act][0], theirs[d][act][0]) for d in reader_of if reader_of[d] == r]
            by_reader[r] = sum(a == b for a, b in sub) / len(sub)
        # evidence: both 'passed' and the utterance sets overlap
        both = [d for d in reader_of if ours[d][act][0] == theirs[d][act][0] == "passed"
                and ours[d][act][1] and theirs[d][act][1]]
        overlap = sum(bool(set(ours[d][act][1]) & set(theirs[d][act][1])) for d in both)
        agree = sum(a == b for a, b in pairs) / len(pairs)
        agree_def = sum(a == b for a, b in definite) / len(definite) if definite else None
        evid = f"{overlap}/{len(both)}" if both else "—"
        print(f"{act:20} {len(pairs):3d} {agree:6.0%} {fmt(kappa(pairs)):>6} | {len(definite):5d} "
              f"{'  —' if agree_def is None else f'{agree_def:6.0%}':>6} {fmt(kappa(definite)):>6} "
              f"| {by_reader[1]:6.0%} {by_reader[2]:6.0%} | {evid:>5}")
        if act.startswith("forbidden_") and act != "forbidden_any":
            continue
        for d in reader_of:
            a, b = ours[d][act], theirs[d][act]
            if a[0] != b[0]:
                disagreements.append((d, act, reader_of[d], a, b))
    print("\nn: all sampled calls, verdicts as in the labels file (truncated / unsure are categories);"
          "\nn def: calls where both readers gave a definite verdict (passed/failed, due/not_due, hit/clean);"
          "\nR1/R2 agr: raw agreement on reader 1's / reader 2's calls; evid: both passed and the evidence"
          "\nutterances overlap. forbidden_<cat> rows are per category; disagreements are listed for any 禁语.")
    adjudged = {}
    if ADJUDICATION.exists():
        for line in ADJUDICATION.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                adjudged[(row["doc_id"], row["act"])] = row
    print(f"\nDisagreements ({len(disagreements)}): doc id, act, earlier reader: verdict [utts] | "
          "reader 3: verdict [utts] → reading the definitions support (re-read)")
    tally: Counter = Counter()
    for d, act, r, a, b in disagreements:
        adj = adjudged.get((d, act))
        support = {"earlier": f"R{r}", "reader3": "R3", "ambiguous": "ambiguous"}[adj["supported"]] if adj else "?"
        tally[adj["supported"] if adj else "not re-read"] += 1
        print(f"  {d} {act:18} R{r}: {a[0]} {a[1] or ''} | R3: {b[0]} {b[1] or ''} → {support}")
        if adj:
            print(f"      {adj['reason']}")
        if verbose:
            print(f"      R{r} note: {main_rows[d].get('note', '')}")
            print(f"      R3 note: {r3_rows[d].get('note', '')}")
    print(f"\nRe-read: earlier reader supported {tally['earlier']}, reader 3 supported {tally['reader3']}, "
          f"ambiguous under the definitions {tally['ambiguous']}"
          + (f", not re-read {tally['not re-read']}" if tally['not re-read'] else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
