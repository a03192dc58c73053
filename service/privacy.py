"""Personal data masked before anything is stored or sent (``qa_engine.pii``).

A call is scored on its original text; what the service keeps and hands out — the stored
transcript, every inspection version, alerts and their webhooks, API answers — carries
the masked text. Masking keeps lengths, so evidence spans still point at the right
characters. With ``QA_PII_ORIGINALS_FOR`` (roles) the original transcript is kept beside
the masked one and shown to those roles only.
"""

from __future__ import annotations

from typing import Any

from qa_engine.conversation import Conversation
from qa_engine.pii import find_pii, redact_json, redact_text
from qa_engine.pipeline import Inspection


def redact(conversation: Conversation, inspection: Inspection
           ) -> tuple[Conversation, Inspection, bool]:
    """(masked conversation, masked inspection, whether anything was masked).

    Clean calls cost one scan of their utterances and are returned as they are."""
    originals = [u.text for u in conversation.utterances]
    masked = [redact_text(t) for t in originals]
    if masked == originals:
        return conversation, inspection, False
    literals = sorted({t[s.start:s.end] for t in originals for s in find_pii(t)},
                      key=len, reverse=True)
    utterances = [u.model_copy(update={"text": m}) if m != u.text else u
                  for u, m in zip(conversation.utterances, masked, strict=True)]
    conversation = conversation.model_copy(update={"utterances": utterances})

    def mask(text: str) -> str:
        for literal in literals:  # e.g. a number quoted in a finding's note
            if literal in text:
                text = text.replace(literal, "*" * len(literal))
        return redact_text(text)

    data = redact_json(inspection.model_dump(mode="json"), mask)
    _requote_evidence(data, originals, masked)
    return conversation, Inspection.model_validate(data), True


def _requote_evidence(value: Any, originals: list[str], masked: list[str]) -> None:
    """Evidence quoting ``utterances[i][a:b]`` quotes the masked utterance's same span (a
    quote of part of a number is masked too)."""
    if isinstance(value, dict):
        index, span = value.get("utterance"), value.get("span")
        if (isinstance(index, int) and isinstance(span, list) and len(span) == 2
                and 0 <= index < len(originals) and isinstance(value.get("text"), str)):
            a, b = span
            if originals[index][a:b] and masked[index][a:b] != originals[index][a:b]:
                value["text"] = masked[index][a:b]
        for item in value.values():
            _requote_evidence(item, originals, masked)
    elif isinstance(value, list):
        for item in value:
            _requote_evidence(item, originals, masked)
