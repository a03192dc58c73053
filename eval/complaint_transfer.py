"""Does complaint risk transfer from STC3 (Weibo threads) to calls? A sanity check.

    python eval/complaint_transfer.py

MUSIED phone calls and chats (read from ../shared/data, never committed) are all customer
complaints to Meituan, so their risk should sit well above that of calm conversations.
There is no labelled calm call set, so this prints distributions, not an AUC: the share of
MUSIED calls/chats over the shipped alert threshold. (Complaint types are not measured
here: the shipped type model was fitted on all of MUSIED dev; see the model card for its
held-out macro-F1.)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa_engine.alerts import AlertPolicy  # noqa: E402
from qa_engine.analyzers.complaint import ComplaintRiskAnalyzer  # noqa: E402
from qa_engine.conversation import Conversation  # noqa: E402
from training.data import load_musied  # noqa: E402


def as_conversation(doc: dict) -> Conversation:
    utts = []
    for i, line in enumerate(doc["content"]):
        role, _, text = line.partition(":")
        speaker = {"用户": "customer", "客服": "agent"}.get(role, "unknown")
        utts.append({"speaker": speaker, "start": 3.0 * i, "end": 3.0 * i + 2.5, "text": text})
    return Conversation(id=str(doc["id"]), utterances=utts)


def main() -> None:
    analyzer, threshold = ComplaintRiskAnalyzer(), AlertPolicy.from_model().threshold
    out = {"alert_threshold": threshold}
    for domain in ("Phone Conversations", "Text Conversations"):
        docs = [d for d in load_musied() if d["domain"] == domain]
        findings = analyzer.analyze_batch([as_conversation(d) for d in docs])
        p = np.array([f.items["risk"].probability or 0.0 for f in findings])
        out[domain] = {"documents": len(docs), "risk_mean": round(float(p.mean()), 3),
                       "risk_median": round(float(np.median(p)), 3),
                       "share_over_alert_threshold": round(float((p >= threshold).mean()), 3)}
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
