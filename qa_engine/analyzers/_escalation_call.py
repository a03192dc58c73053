"""The call-level threat model: the whole customer side of a call, read for a threat no cue word carries.

The escalation rules (and the second opinion on their candidates) read cue words; a caller who threatens
without one — an outlet's name, a video going up, a summons on its way — leaves them nothing to read. This
model (char 1–3-gram TF-IDF + logistic regression, ``models/escalation/call_model.npz``, trained by
``training/threat_call_model.py`` on the labelled short calls) reads the customer's turns joined together.
``EscalationAnalyzer`` counts it only when the rules found no threat and its probability reaches
``THRESHOLD``, chosen with ``VETO_BELOW`` on the first readings of the blind sets before the next four were
scored (``eval/labels/threat_call_model3_protocol.md``; the first model's rule: ``threat_call_model_protocol.md``).
The threat it adds cites the customer turn the same model rates highest, with the call's probability; it feeds the
alert, not the complaint-risk features (the risk model was fitted on the rules' count).

The other way round, where the rules did find a threat but the model gives the caller's whole side less than
``VETO_BELOW``, a hit on a cue word that often plays an innocent role (a body, a hotline number, the media) is
set aside as ``call_veto`` (decision rule ``eval/labels/threat_call_veto_protocol.md``).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from qa_engine.analyzers._escalation_kept import kept_from_vetoes
from qa_engine.analyzers._escalation_scan import ThreatHit
from qa_engine.analyzers._linear import LinearTextModel, load_linear
from qa_engine.conversation import Conversation, Speaker

MODEL_NAME = "threat-call-3"
THRESHOLD = 0.85
CUSTOMER_JOIN = " | "
CATEGORY = "whole_call"
REASON = "model_call"
# Both chosen together on first readings (threat_call_model3_protocol.md): the fewest calm alerts within one error of
# the fewest errors. The first model used 0.9 and 0.10.
VETO_BELOW = 0.15
VETO_REASON = "call_veto"
# The model was trained on short calls (99 % of them ≤ 7 customer turns) and reads only those, both ways. On a long call
# one threatening turn among many reads low (a real chat asking 升级 twice in 22 turns: 0.08, which the veto would set
# aside), and a long angry call can read high with no step (a MUSIED phone call of 36 customer turns: 0.93).
MAX_CUSTOMER_TURNS = 7
# What the analyzer's version names when the model runs: it adds threats and vetoes cue hits.
VERSION_TAG = f"{MODEL_NAME}+call-veto"


def call_model_enabled() -> bool:
    """On unless ``QA_THREAT_CALL_MODEL`` says off (then the rules and the second opinion alone decide)."""
    return os.environ.get("QA_THREAT_CALL_MODEL", "on").strip().lower() not in ("off", "0", "false", "no")


def _model(path: Path | None) -> LinearTextModel:
    from qa_engine.models import model_path

    return load_linear(path or model_path("escalation", "call_model.npz"))


def _customer_turns(conversation: Conversation) -> list[tuple[int, str]]:
    return [(j, u.text) for j, u in enumerate(conversation.utterances) if u.speaker == Speaker.CUSTOMER and u.text]


def _readable_turns(conversation: Conversation) -> list[tuple[int, str]]:
    """The customer's turns when the model reads the call (at most ``MAX_CUSTOMER_TURNS``), else none."""
    turns = _customer_turns(conversation)
    return turns if len(turns) <= MAX_CUSTOMER_TURNS else []


def _probability(model: LinearTextModel, turns: list[tuple[int, str]]) -> float:
    return float(model.predict_proba([CUSTOMER_JOIN.join(t for _, t in turns)])[0])


def call_threat(conversation: Conversation, threshold: float = THRESHOLD, path: Path | None = None) -> ThreatHit | None:
    """A threat read from the customer's whole side when its probability reaches ``threshold``, else None (also on a
    call of more than ``MAX_CUSTOMER_TURNS`` customer turns, which the model was not trained to read).

    The hit cites the customer turn the model rates highest (the whole turn as its span); ``probability`` is the
    call's.
    """
    turns = _readable_turns(conversation)
    if not turns:
        return None
    model = _model(path)
    p = _probability(model, turns)
    if p < threshold:
        return None
    per_turn = model.predict_proba([t for _, t in turns])
    j, text = turns[int(per_turn.argmax())]
    return ThreatHit(utterance=j, span=(0, len(text)), category=CATEGORY, cue=text, sentence=text, threat=True,
                     reason=REASON, model=MODEL_NAME, probability=round(p, 4))


def call_veto(conversation: Conversation, hits: list[ThreatHit], categories: frozenset[str],
              below: float = VETO_BELOW, path: Path | None = None) -> list[ThreatHit]:
    """``hits`` with each threat of one of ``categories`` set aside (``VETO_REASON``) when the model gives the
    customer's whole side less than ``below``; the rest unchanged. Only short calls (at most ``MAX_CUSTOMER_TURNS``
    customer turns) are read; the model runs only when there is such a hit."""
    def vetoable(h: ThreatHit) -> bool:
        return (h.threat and h.category in categories
                and not kept_from_vetoes(h, conversation.utterances[h.utterance].text))

    if not any(vetoable(h) for h in hits):
        return hits
    turns = _readable_turns(conversation)
    if not turns:
        return hits
    p = _probability(_model(path), turns)
    if p >= below:
        return hits
    return [replace(h, threat=False, reason=VETO_REASON, rule_reason=h.reason, model=MODEL_NAME, probability=round(p, 4))
            if vetoable(h) else h for h in hits]
