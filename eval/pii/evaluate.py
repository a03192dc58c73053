"""Precision and recall of ``qa_engine.pii`` on the self-made fixture set, beside a plain
baseline (ASCII-digit regexes for mobile/ID/card numbers and e-mail, as a first attempt
would write them).

A labelled span counts as found when every letter and digit in it is masked (separators
and ``+`` may stay); precision is the share of masked characters that lie inside a
labelled span. The fixtures are self-made from hand-written carriers and generated
numbers (``make_fixtures.py``), so these figures show coverage of the written and spoken
forms listed there — not accuracy on real calls.

    python eval/pii/evaluate.py
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from qa_engine.pii import MASK, redact_text

FIXTURES = Path(__file__).with_name("fixtures.jsonl")
_BASELINE = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|\d{17}[\dXx]|\d{16,19})(?!\d)"
                       r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


def baseline(text: str) -> str:
    return _BASELINE.sub(lambda m: MASK * len(m.group()), text)


def score(redact, rows):
    found, total = defaultdict(int), defaultdict(int)
    by_form_found, by_form_total = defaultdict(int), defaultdict(int)
    masked_in, masked_out, misses = 0, 0, []
    for r in rows:
        out = redact(r["text"])
        inside = set()
        for span in r["spans"]:
            inside.update(range(span["start"], span["end"]))
            wanted = [i for i in range(span["start"], span["end"]) if r["text"][i].isalnum()]
            hit = all(out[i] == MASK for i in wanted)
            total[span["kind"]] += 1
            found[span["kind"]] += hit
            by_form_total[r["form"]] += 1
            by_form_found[r["form"]] += hit
            if not hit:
                misses.append(f"{span['kind']:9} {r['text']} -> {out}")
        for i, (a, b) in enumerate(zip(r["text"], out, strict=True)):
            if a != b:
                if i in inside:
                    masked_in += 1
                else:
                    masked_out += 1
                    if r["form"] == "negative" or not r["spans"]:
                        pass
        if not r["spans"] and out != r["text"]:
            misses.append(f"FALSE HIT {r['text']} -> {out}")
    return found, total, by_form_found, by_form_total, masked_in, masked_out, misses


def main() -> None:
    rows = [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines()]
    negatives = sum(1 for r in rows if not r["spans"])
    print(f"PII fixtures: {len(rows)} sentences, {len(rows) - negatives} with personal data, "
          f"{negatives} without (self-made, see make_fixtures.py)")
    for name, redact in (("baseline (ASCII regex)", baseline), ("qa_engine.pii", redact_text)):
        found, total, ff, ft, m_in, m_out, misses = score(redact, rows)
        spans = sum(total.values())
        recall = sum(found.values()) / spans
        precision = m_in / (m_in + m_out) if m_in + m_out else 1.0
        false_rows = sum(1 for m in misses if m.startswith("FALSE HIT"))
        print(f"\n{name}: span recall {recall:.3f} ({sum(found.values())}/{spans}), "
              f"character precision {precision:.3f}, negatives with a false hit "
              f"{false_rows}/{negatives}")
        print("  recall by kind: " + ", ".join(
            f"{k} {found[k] / total[k]:.2f} ({found[k]}/{total[k]})" for k in sorted(total)))
        print("  recall by form: " + ", ".join(
            f"{k} {ff[k] / ft[k]:.2f}" for k in sorted(ft)))
        if redact is redact_text:
            for m in misses:
                print("  " + m)


if __name__ == "__main__":
    main()
