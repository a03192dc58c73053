"""禁语 on the MUSIED chats: an independent development set for the `forbidden_*` rules.

No rule was tuned on these 377 typed chats (the rules were grown on the phone calls), so
they tell whether a 禁语 change generalises. Labels (`forbidden_chats.jsonl`, guide in
`eval/labels/GUIDE.md`) cite agent lines by their index in the document's `content`.

Usage:
  python eval/labels/forbidden_chats.py [RULEBOOK ...] [--half a|b|all]
      per-rule and any-禁语 precision / recall, line level and document level, for each
      rulebook (default: models/rulebook.toml and eval/labels/baseline/rulebook.toml)
  python eval/labels/forbidden_chats.py --stc3 [RULEBOOK ...]
      count and print the forbidden-rule hits on the helpdesk turns of the STC3 Weibo
      dialogues (another service, unlabelled: a precision probe read by hand)
  python eval/labels/forbidden_chats.py --candidates [RULEBOOK] [--unlabelled]
      print the agent lines a rule hits and a sample of agent lines with risky words the
      rules miss, each with the customer line before it (for labelling)

The halves split the documents by sha1 of the doc id, stratified (see ``half``).
"""
from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".." / "shared" / "data" / "complaint" / "musied" / "dev.json"
LABELS = Path(__file__).with_name("forbidden_chats.jsonl")
DEFAULT_BOOKS = [ROOT / "models" / "rulebook.toml", ROOT / "eval" / "labels" / "baseline" / "rulebook.toml"]
CATEGORIES = ("forbidden_dismissive", "forbidden_rude", "forbidden_profanity", "forbidden_blame",
              "forbidden_promise", "forbidden_solicit_rating")
# Words the 禁语 rules look at: agent lines holding them but not hit are sampled for recall.
RISKY = re.compile("保证|肯定|一定|绝对|百分|没办法|没有办法|不知道|说了|说过|好评|五星|满分|满意|商家|自己|"
                   "权限|不归|管不了|处理不了|谁让|听不懂|一遍|几遍")


def chats(path: Path = DATA) -> list[dict]:
    """The chat documents of MUSIED dev."""
    docs = json.loads(Path(path).read_text(encoding="utf-8"))
    return [d for d in docs if d["domain"] == "Text Conversations"]


def _sha(doc_id: str) -> str:
    return hashlib.sha1(str(doc_id).encode()).hexdigest()


def half(doc_id: str, positive: frozenset[str] = frozenset()) -> str:
    """``a`` or ``b``. Stratified: the documents holding a labelled 禁语 (``positive``)
    alternate by sha1 order, the others go by the parity of their sha1's first digit."""
    if doc_id in positive:
        return "ab"[sorted(positive, key=_sha).index(doc_id) % 2]
    return "a" if int(_sha(doc_id)[0], 16) % 2 == 0 else "b"


def split_line(line: str) -> tuple[str, str]:
    role, sep, text = line.partition(":")
    if not sep:
        return "", line.rstrip(",，").strip()
    return role.strip(), text.rstrip(",，").strip()


def conversation(doc: dict):
    """The chat as an untimed ``Conversation`` (客服 = agent, 用户 = customer, other prefixes
    unknown) and, per utterance, its ``content`` index."""
    from qa_engine.conversation import Conversation, Speaker, Utterance

    utts, index = [], []
    for i, line in enumerate(doc["content"]):
        role, text = split_line(line)
        if not text:
            continue
        speaker = Speaker.AGENT if role == "客服" else Speaker.CUSTOMER if role.startswith("用户") else Speaker.UNKNOWN
        utts.append(Utterance(speaker=speaker, text=text))
        index.append(i)
    return Conversation(id=str(doc["id"]), channel="chat", utterances=utts), index


def rule_hits(analyzer, doc: dict) -> dict[int, set[str]]:
    """``content`` index → the forbidden rule ids that hit that line."""
    conv, index = conversation(doc)
    out: dict[int, set[str]] = {}
    if not conv.utterances:
        return out
    findings = analyzer.analyze(conv)
    for rid, f in findings.items.items():
        if not rid.startswith("forbidden_") or f.value != 0:
            continue
        for h in f.detail.get("hits", []):
            out.setdefault(index[h["utterance"]], set()).add(rid)
    return out


def load_labels(path: Path = LABELS) -> dict[tuple[str, int], dict]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return {(r["doc_id"], r["utterance"]): r for r in rows}


def _pr(tp: int, fp: int, fn: int) -> str:
    p = f"{tp / (tp + fp):.2f}" if tp + fp else "  - "
    r = f"{tp / (tp + fn):.2f}" if tp + fn else "  - "
    return f"P {p} R {r} (tp {tp:3d} fp {fp:3d} fn {fn:3d})"


def measure(book: Path, docs: list[dict], labels: dict[tuple[str, int], dict]) -> None:
    from qa_engine.analyzers.keywords import KeywordAnalyzer

    analyzer = KeywordAnalyzer(book)
    per_rule: Counter = Counter()
    doc_hit, doc_true = set(), set()
    line = Counter()
    fps: list[tuple[str, int, str]] = []
    unlabelled = 0
    labelled_docs = {d for d, _ in labels}
    for doc in docs:
        did = str(doc["id"])
        hits = rule_hits(analyzer, doc)
        truth = {i: r["label"] for (d, i), r in labels.items() if d == did}
        for i in set(hits) | {i for i, lab in truth.items() if lab != "not"}:
            got, lab = hits.get(i, set()), truth.get(i)
            if lab is None:
                unlabelled += 1
                lab = "not"   # unlabelled lines are assumed clean (reported)
            if lab != "not":
                doc_true.add(did)
            if got:
                doc_hit.add(did)
            line["tp" if got and lab != "not" else "fp" if got else "fn"] += 1
            if got and lab == "not":
                fps.append((did, i, ",".join(sorted(got))))
            for rid in CATEGORIES:
                if rid in got and lab == rid:
                    per_rule[rid, "tp"] += 1
                elif rid in got:
                    per_rule[rid, "fp"] += 1
                elif lab == rid:
                    per_rule[rid, "fn"] += 1
    print(f"== {book.relative_to(ROOT) if book.is_relative_to(ROOT) else book}  (rulebook {analyzer.version})")
    for rid in CATEGORIES:
        print(f"  {rid:26s} {_pr(per_rule[rid, 'tp'], per_rule[rid, 'fp'], per_rule[rid, 'fn'])}")
    print(f"  {'any 禁语, line':26s} {_pr(line['tp'], line['fp'], line['fn'])}")
    dtp, dfp, dfn = len(doc_hit & doc_true), len(doc_hit - doc_true), len(doc_true - doc_hit)
    print(f"  {'any 禁语, document':26s} {_pr(dtp, dfp, dfn)}   docs {len(docs)} ({len(labelled_docs)} with labels)")
    if unlabelled:
        print(f"  ({unlabelled} hit line(s) not labelled, counted as clean)")
    if "-v" in sys.argv:
        for f in fps:
            print("   fp", *f)


def candidates(book: Path, docs: list[dict], only_unlabelled: bool) -> None:
    from qa_engine.analyzers.keywords import KeywordAnalyzer

    analyzer = KeywordAnalyzer(book)
    done = load_labels() if LABELS.exists() and only_unlabelled else {}
    rng = random.Random(7)
    misses = []
    for doc in docs:
        did = str(doc["id"])
        hits = rule_hits(analyzer, doc)
        for i, line in enumerate(doc["content"]):
            role, text = split_line(line)
            if role != "客服" or (did, i) in done:
                continue
            if i in hits:
                _show(doc, i, ",".join(sorted(hits[i])))
            elif RISKY.search(text):
                misses.append((doc, i))
    for doc, i in rng.sample(misses, min(len(misses), int(_opt("--sample", "120")))):
        _show(doc, i, "-")


def _show(doc: dict, i: int, tag: str) -> None:
    prev = next((split_line(doc["content"][j])[1] for j in range(i - 1, -1, -1)
                 if split_line(doc["content"][j])[0].startswith("用户")), "")
    print(f"{doc['id']} {i} [{half(str(doc['id']))}] {tag}\n   C: {prev[-80:]}\n   A: {split_line(doc['content'][i])[1][:200]}")


def _opt(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def stc3(books: list[Path], path: Path = ROOT / ".." / "shared" / "data" / "complaint" / "stc3" / "stc3_dev.jsonl") -> None:
    from qa_engine.analyzers.keywords import KeywordAnalyzer
    from qa_engine.conversation import Conversation, Speaker, Utterance

    for book in books:
        analyzer, lines = KeywordAnalyzer(book), []
        for row in Path(path).read_text(encoding="utf-8").splitlines():
            d = json.loads(row)
            utts = [Utterance(speaker=Speaker.AGENT if t["sender"] == "helpdesk" else Speaker.CUSTOMER, text=u)
                    for t in d["turns"] for u in t["utterances"] if u.strip()]
            if not utts:
                continue
            items = analyzer.analyze(Conversation(id=str(d["id"]), channel="chat", utterances=utts)).items
            for rid, f in items.items():
                if rid.startswith("forbidden_") and f.value == 0:
                    lines += [(d["id"], h["utterance"], rid, utts[h["utterance"]].text[:90]) for h in f.detail["hits"]]
        print(f"== {book} (rulebook {analyzer.version}): {len(lines)} hit(s) on STC3 helpdesk turns")
        if "-v" in sys.argv:
            for x in lines:
                print("  ", *x)


def main() -> None:
    docs = chats()
    which = _opt("--half", "all")
    positive = frozenset(d for (d, _), r in load_labels().items() if r["label"] != "not") if LABELS.exists() else frozenset()
    if which != "all":
        docs = [d for d in docs if half(str(d["id"]), positive) == which]
    books = [Path(a) for a in sys.argv[1:] if a.endswith(".toml")] or DEFAULT_BOOKS
    if "--stc3" in sys.argv:
        stc3(books)
        return
    if "--candidates" in sys.argv:
        candidates(books[0], docs, "--unlabelled" in sys.argv)
        return
    labels = load_labels()
    labels = {k: r for k, r in labels.items() if which == "all" or half(k[0], positive) == which}
    print(f"chat labels: {len(labels)} agent lines, half {which}")
    for book in books:
        measure(book, docs, labels)


if __name__ == "__main__":
    main()
