"""禁语 precision on text no 禁语 rule was written on (an out-of-sample probe, read by hand).

The 禁语 families were grown on the MUSIED phone calls (dev) and checked on the labelled
MUSIED chats (``forbidden_chats.jsonl``). This probe runs them over text neither set holds
and lists every hit, so a reader can judge each one (``/work/shared/LABELLING.md``,
``eval/labels/GUIDE.md``); the judgements are kept in ``forbidden_chats_probe.jsonl``
(source, id, line, rule, label ``yes``/``no``, short reason — never the text) and the
precision per family is printed for each rulebook given.

Sources (``../shared/data``, read in place):
- ``stc3``: the helpdesk turns of the STC3 Weibo customer–helpdesk dialogues (agent lines in
  their dialogue);
- ``chats``: the agent lines of the MUSIED chats that ``forbidden_chats.jsonl`` does not
  cover;
- ``stress``: one-line "agent" conversations made of customer-written text — STC3 customer
  turns, MUSIED user reviews, waimai_10k and ChnSentiCorp hotel reviews. A hit there is
  judged as "would this line be that 禁语 if an agent said it to a customer": it probes
  word senses (保证 = ensure), negation and reported speech, not the agent's register;
- ``shop``: the same kind of probe on online_shopping_10_cats reviews (not its 酒店 rows, a
  fixed quarter by hash). Added 2026-11-26: every hit of rulebook 2026.11.8 there was judged
  and committed **before** the rule changes of 2026.11.9 were made, so the shop figures are
  out of sample for 2026.11.9 (its other sources are in-sample since 2026.11.7).

The labels are the reader's own (one reader, no second opinion): a figure from them is a
self-judged precision, not a reviewer's.

Usage:
  python eval/labels/forbidden_chats_probe.py [RULEBOOK ...] [--show] [--unlabelled]
      precision per family for each rulebook (default models/rulebook.toml); ``--show``
      prints every hit (``--unlabelled``: only those not yet judged) for reading.

The rulebook changes of 2026.11.7 were written after reading these hits, so the "after"
figure is in-sample for them; the out-of-sample figure is the "before" one (the
session-start rulebook, ``eval/labels/baseline/`` or ``git show 11fde1f:models/rulebook.toml``).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".." / "shared" / "data"
LABELS = Path(__file__).with_name("forbidden_chats_probe.jsonl")
CHAT_LABELS = Path(__file__).with_name("forbidden_chats.jsonl")


def _stc3() -> Iterator[tuple[str, str, list[tuple[bool, str]]]]:
    for row in (DATA / "complaint" / "stc3" / "stc3_dev.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(row)
        utts = [(t["sender"] == "helpdesk", u) for t in d["turns"] for u in t["utterances"] if u.strip()]
        yield "stc3", str(d["id"]), utts


def _chats() -> Iterator[tuple[str, str, list[tuple[bool, str]]]]:
    done = {json.loads(x)["doc_id"] for x in CHAT_LABELS.read_text(encoding="utf-8").splitlines() if x.strip()}
    docs = json.loads((DATA / "complaint" / "musied" / "dev.json").read_text(encoding="utf-8"))
    for d in docs:
        if d["domain"] != "Text Conversations" or str(d["id"]) in done:
            continue
        utts = []
        for line in d["content"]:
            role, sep, text = line.partition(":")
            text = text.rstrip(",，").strip() if sep else ""
            utts.append((role.strip() == "客服", text))  # keep content indices; blanks are skipped below
        yield "chats", str(d["id"]), utts


def _stress() -> Iterator[tuple[str, str, list[tuple[bool, str]]]]:
    for row in (DATA / "complaint" / "stc3" / "stc3_dev.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(row)
        for k, u in enumerate(u for t in d["turns"] if t["sender"] == "customer" for u in t["utterances"]):
            if u.strip():
                yield "stress", f"stc3c:{d['id']}:{k}", [(True, u)]
    for d in json.loads((DATA / "complaint" / "musied" / "dev.json").read_text(encoding="utf-8")):
        if d["domain"] == "User Reviews":
            yield "stress", f"review:{d['id']}", [(True, " ".join(d["content"]))]
    for name, path, col in (("waimai", DATA / "sentiment" / "waimai_10k" / "waimai_10k.csv", "review"),
                            ("htl", DATA / "sentiment" / "ChnSentiCorp_htl_all" / "ChnSentiCorp_htl_all.csv", "review")):
        with path.open(encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh)):
                if (row.get(col) or "").strip():
                    yield "stress", f"{name}:{n}", [(True, row[col])]


def _shop() -> Iterator[tuple[str, str, list[tuple[bool, str]]]]:
    """online_shopping_10_cats (not its 酒店 rows, which repeat ChnSentiCorp): a fixed quarter by hash.

    Added 2026-11-26 after the 2026.11.8 rules: no 禁语 rule was written on this text, and its
    hits under 2026.11.8 were judged before any rule change of 2026.11.9 (the out-of-sample set).
    """
    path = DATA / "sentiment" / "online_shopping_10_cats" / "online_shopping_10_cats.zip"
    with zipfile.ZipFile(path) as z, z.open("online_shopping_10_cats.csv") as raw:
        for n, row in enumerate(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig"))):
            text = (row.get("review") or "").strip()
            if row.get("cat") == "酒店" or not text:
                continue
            if hashlib.sha1(f"shop:{n}".encode()).digest()[0] < 64:
                yield "shop", f"shop:{n}", [(True, text)]


SOURCES = {"stc3": _stc3, "chats": _chats, "stress": _stress, "shop": _shop}


def hits(book: Path | None) -> list[tuple[str, str, int, str, str]]:
    """(source, id, line, rule, text) for every 禁语 hit of ``book`` on the probe text."""
    from qa_engine.analyzers.keywords import KeywordAnalyzer
    from qa_engine.conversation import Conversation, Speaker, Utterance

    analyzer = KeywordAnalyzer(book)
    out = []
    for source, fn in SOURCES.items():
        for src, doc_id, lines in fn():
            kept = [(i, a, t) for i, (a, t) in enumerate(lines) if t.strip()]
            if not kept:
                continue
            utts = [Utterance(speaker=Speaker.AGENT if a else Speaker.CUSTOMER, text=t) for _, a, t in kept]
            items = analyzer.analyze(Conversation(id=doc_id, channel="chat", utterances=utts)).items
            for rid, f in items.items():
                if rid.startswith("forbidden_") and f.value == 0:
                    for h in f.detail["hits"]:
                        i = kept[h["utterance"]][0]
                        a, b = h.get("span") or (0, 0)
                        text = lines[i][1]
                        out.append((src, doc_id, i, rid, f"{text[max(0, a - 30):a]}【{text[a:b]}】{text[b:b + 20]}"))
    return out


def load() -> dict[tuple[str, int, str], dict]:
    if not LABELS.exists():
        return {}
    rows = [json.loads(x) for x in LABELS.read_text(encoding="utf-8").splitlines() if x.strip()]
    return {(r["id"], r["line"], r["rule"]): r for r in rows}


def main() -> None:
    books = [Path(a) for a in sys.argv[1:] if a.endswith(".toml")] or [ROOT / "models" / "rulebook.toml"]
    labels = load()
    for book in books:
        found = hits(book)
        per: dict[str, Counter] = defaultdict(Counter)
        for src, doc_id, i, rid, text in found:
            lab = labels.get((doc_id, i, rid), {}).get("label", "?")
            per[rid][lab] += 1
            per["any"][lab] += 1
            per[f"any [{src}]"][lab] += 1
            if "--show" in sys.argv and (lab == "?" or "--unlabelled" not in sys.argv):
                print(f"  [{lab}] {src} {doc_id} {i} {rid} {text}")
        print(f"== {book}: {len(found)} hit(s) on probe text")
        for rid in sorted(per):
            c = per[rid]
            judged = c["yes"] + c["no"]
            p = f"{c['yes'] / judged:.2f}" if judged else "—"
            print(f"  {rid:26s} hits {sum(c.values()):4d}  yes {c['yes']:3d}  no {c['no']:3d}  "
                  f"unjudged {c['?']:3d}  precision {p}")


if __name__ == "__main__":
    main()
