"""Would an utterance classifier for 禁语 earn its place next to the phrase families? (pass cn11, an experiment).

Character n-gram logistic regression (scikit-learn) on agent lines, positive = a line a reader labelled with any
禁语 category. Trained on development labels only — phone dev (187 real MUSIED calls), fresh1–5 and fresh7 (all),
fresh6 and fresh8 dev halves, the MUSIED chat 禁语 labels — and scored on fresh9's dev half, which it never saw,
against the phrase families of the rulebook(s) given, in the same run:
- call level (any 禁语) on fresh9 dev: rules alone, the model alone at each threshold, rules OR model;
- the precision cost on real lines: the model's hits on every agent line of the 377 MUSIED chats when the chats are
  left out of training (labelled 禁语 lines there are counted as true, every other hit as false — the chats' unlabelled
  lines are assumed clean, as in ``eval/labels/forbidden_chats.py``).

Nothing is written under ``models/``: this is a measurement, not a shipped model.

Usage: python -m training.service_acts_forbidden_cv [RULEBOOK ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from qa_engine.backtest import LabelledCall, load_calls, load_labels

from training.data import musied_path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "eval" / "labels"
TRAIN_FILES = [("service_acts.jsonl", "dev"), ("confirm_calls_fresh1.jsonl", "all"), ("confirm_calls_fresh2.jsonl", "all"),
               ("confirm_calls_fresh3.jsonl", "all"), ("confirm_calls_fresh4.jsonl", "all"),
               ("confirm_calls_fresh5.jsonl", "all"), ("confirm_calls_fresh6.jsonl", "dev"),
               ("confirm_calls_fresh7.jsonl", "all"), ("confirm_calls_fresh8.jsonl", "dev")]
HELD_OUT = ("confirm_calls_fresh9.jsonl", "dev")
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def _labelled(name: str, split: str) -> tuple[list[LabelledCall], Path]:
    """The label file's calls of ``split`` (as ``qa rules backtest`` reads them) and the path of their transcripts."""
    meta, calls = load_labels(LABELS / name)
    assert not (any(k in name for k in ("fresh6", "fresh8", "fresh9")) and split != "dev"), "test halves stay out"
    return [c for c in calls if split == "all" or c.split == split], (LABELS / meta["calls"]).resolve()


def _calls(path: Path) -> dict[str, list[str]]:
    return {str(d["id"]): d["content"] for d in json.loads(path.read_text(encoding="utf-8"))}


def agent_lines(name: str, split: str) -> list[tuple[str, int, str, int]]:
    """(call id, content index, text, label 0/1) of every agent line of the labelled calls."""
    labelled, calls_path = _labelled(name, split)
    calls = _calls(calls_path)
    out = []
    for c in labelled:
        bad = {i for lines in c.forbidden.values() for i in lines}
        for i, line in enumerate(calls[c.doc_id]):
            role, _, text = line.partition(":")
            if role.strip() == "客服" and text.strip():
                out.append((c.doc_id, i, text.rstrip(",，").strip(), int(i in bad)))
    return out


def chat_lines() -> list[tuple[str, int, str, int]]:
    labels = [json.loads(x) for x in (LABELS / "forbidden_chats.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    bad = {(r["doc_id"], r["utterance"]) for r in labels if r["label"] != "not"}
    out = []
    for d in json.loads(musied_path().read_text(encoding="utf-8")):
        if d["domain"] != "Text Conversations":
            continue
        for i, line in enumerate(d["content"]):
            role, _, text = line.partition(":")
            if role.strip() == "客服" and text.strip():
                out.append((str(d["id"]), i, text.rstrip(",，").strip(), int((str(d["id"]), i) in bad)))
    return out


def fit(lines):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=1, sublinear_tf=True),
                          LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000))
    model.fit([t for *_, t, _ in lines], [y for *_, y in lines])
    return model


def rule_calls(book: str, name: str, split: str) -> set[str]:
    """Calls of the held-out file where the rulebook flags any 禁语 (as the backtest reads them)."""
    from qa_engine.analyzers.keywords import KeywordAnalyzer

    labelled, calls_path = _labelled(name, split)
    conversations = load_calls(calls_path, "musied", [c.doc_id for c in labelled])
    an = KeywordAnalyzer(book)
    out = set()
    for c in labelled:
        items = an.analyze(conversations[c.doc_id]).items
        if any(k.startswith("forbidden_") and f.value == 0 for k, f in items.items()):
            out.add(c.doc_id)
    return out


def _pr(flagged: set[str], truth: set[str]) -> str:
    tp = len(flagged & truth)
    p = tp / len(flagged) if flagged else float("nan")
    r = tp / len(truth) if truth else float("nan")
    return f"P {p:.2f} R {r:.2f} (flagged {len(flagged)}, true {tp}, of {len(truth)})"


def main(argv: list[str]) -> None:
    books = [a for a in argv if a.endswith(".toml")] or [str(ROOT / "models" / "rulebook.toml")]
    calls_lines = [x for f in TRAIN_FILES for x in agent_lines(*f)]
    chats = chat_lines()
    held = agent_lines(*HELD_OUT)
    truth = {c for c, _, _, y in held if y}
    print(f"train: {len(calls_lines)} call agent lines ({sum(y for *_, y in calls_lines)} 禁语) + "
          f"{len(chats)} chat agent lines ({sum(y for *_, y in chats)} 禁语); held out: fresh9 dev {len(held)} agent lines, "
          f"{len({c for c, *_ in held})} calls, {len(truth)} with a 禁语")
    model = fit(calls_lines + chats)
    probs = model.predict_proba([t for _, _, t, _ in held])[:, 1]
    no_chat = fit(calls_lines)
    chat_probs = no_chat.predict_proba([t for _, _, t, _ in chats])[:, 1]
    rules = {b: rule_calls(b, *HELD_OUT) for b in books}
    for b, flagged in rules.items():
        print(f"rules {Path(b).name:22s} fresh9 dev calls: {_pr(flagged, truth)}")
    for th in THRESHOLDS:
        m = {c for (c, _, _, _), p in zip(held, probs) if p >= th}
        hits = [(y, t) for (_, _, t, y), p in zip(chats, chat_probs) if p >= th]
        print(f"model >= {th}: fresh9 dev calls {_pr(m, truth)}; " +
              "; ".join(f"OR {Path(b).name}: {_pr(f | m, truth)}" for b, f in rules.items()) +
              f"; chats (left out of training): {len(hits)} hit lines, {sum(y for y, _ in hits)} labelled 禁语")


if __name__ == "__main__":
    main(sys.argv[1:])
