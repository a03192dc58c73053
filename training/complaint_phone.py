"""Labelled phone calls for complaint risk: MUSIED complaint calls and calm calls, dev / test.

- **complaint calls (1)**: the 339 MUSIED phone calls (real ASR transcripts; every one is a
  customer complaining to Meituan), split as in ``eval/labels/complaint_threats_musied.jsonl``
  (dev 180 / test 159), and the threat calls of ``eval/labels/complaint_threat_calls.jsonl``;
- **calm calls (0)**: the calm calls of ``complaint_threat_calls.jsonl`` (its split), and
  ``eval/labels/calm_calls.jsonl`` (dev) and the calm calls of ``tests/fixtures/escalation``
  (test).

The calm calls and the short threat calls are written by the team (easy, self-made); the
MUSIED calls are real. ``training.complaint`` fits the phone-register calibration on dev;
``eval/complaint_calls.py`` reports on test.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "eval" / "labels"


def _conversation(cid: str, turns: list[tuple[str, str]]) -> dict:
    return {"id": cid, "utterances": [{"speaker": s, "start": 3.0 * i, "end": 3.0 * i + 2.5, "text": t}
                                      for i, (s, t) in enumerate(turns) if t.strip()]}


def musied_call(doc: dict) -> dict:
    """A MUSIED phone call as a Conversation dict (用户 → customer, 客服 → agent)."""
    turns = [("customer" if line.startswith("用户") else "agent", line.split(":", 1)[-1]) for line in doc["content"]]
    return _conversation(str(doc["id"]), turns)


def stc3_conversation(dialogue: dict) -> dict:
    """An STC3 dialogue as a conversation dict: each utterance of each turn one utterance, in order
    (helpdesk → agent). What the analyzer reads in eval, and what training counts threats on."""
    return _conversation(dialogue["id"], [("customer" if t["sender"] == "customer" else "agent", u)
                                          for t in dialogue["turns"] for u in t["utterances"]])


def stc3_test_calls():
    """The STC3 test dialogues as conversation dicts (customer / agent utterances in order) and their mean_S."""
    import numpy as np

    from training.data import load_stc3, split_of

    rows = [d for d in load_stc3() if split_of(d["id"], salt="stc3") == "test"]
    return [stc3_conversation(d) for d in rows], np.array([d["mean_S"] for d in rows])


def _written(call: dict) -> dict:
    return _conversation(call["id"], [("agent" if w == "A" else "customer", t) for w, t in call["turns"]])


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def phone_calls(split: str) -> tuple[list[dict], list[int], list[str]]:
    """(conversation dicts, label 1 = complaint call, group) for ``split`` ('dev' or 'test')."""
    from training.data import load_musied

    docs = {str(d["id"]): d for d in load_musied() if d["domain"] == "Phone Conversations"}
    convs, y, group = [], [], []
    for r in _jsonl(LABELS / "complaint_threats_musied.jsonl"):
        if r["split"] == split:
            convs.append(musied_call(docs[r["id"]]))
            y.append(1)
            group.append("musied_threat" if r["threat"] else "musied_other")
    for c in _jsonl(LABELS / "complaint_threat_calls.jsonl"):
        if c["split"] == split:
            convs.append(_written(c))
            y.append(int(c["threat"]))
            group.append("short_threat" if c["threat"] else "short_calm")
    calm = (_jsonl(LABELS / "calm_calls.jsonl") if split == "dev" else
            [c for c in _jsonl(ROOT / "tests" / "fixtures" / "escalation" / "calls.jsonl") if not c["threat"]])
    for c in calm:
        convs.append(_written(c))
        y.append(0)
        group.append("calm")
    return convs, y, group
