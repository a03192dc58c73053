"""Personal data masked in a scored call before anything is stored or sent (``qa_engine.pii``).

A call is scored on its original text; what leaves the scorer — the service's stored
transcript, inspection versions, alerts and API answers, and the rows, reports and alerts
of ``qa audit`` — carries the masked text. Masking keeps lengths, so evidence spans still
point at the right characters.
"""

from __future__ import annotations

from qa_engine.conversation import Conversation
from qa_engine.pii import find_pii, might_hold_numbers, redact_json, redact_text
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

    memo: dict[str, str] = {}

    def mask(text: str) -> str:
        if text in memo:  # notes and quotes repeat across findings
            return memo[text]
        original = text
        # Personal data in an inspection quotes the transcript: its exact pieces are
        # replaced; the full search runs only where digits or an "@" could hide more.
        for literal in literals:
            if literal in text:
                text = text.replace(literal, "*" * len(literal))
        memo[original] = redact_text(text) if might_hold_numbers(text) else text
        return memo[original]

    def evidence(ev):
        text, note = ev.text, ev.note
        if text is not None:
            u, span = ev.utterance, ev.span
            if (u is not None and span and 0 <= u < len(originals)
                    and originals[u][span[0]:span[1]] == text):
                text = masked[u][span[0]:span[1]]  # the same characters, masked
            else:
                text = mask(text)
        if note is not None:
            note = mask(note)
        if text == ev.text and note == ev.note:
            return ev
        return ev.model_copy(update={"text": text, "note": note})

    def evidence_list(items):
        out = [evidence(e) for e in items]
        return items if all(x is y for x, y in zip(out, items, strict=True)) else out

    findings = {}
    for name, group in inspection.findings.items():
        items = {}
        for key, finding in group.items.items():
            ev = evidence_list(finding.evidence)
            detail = redact_json(finding.detail, mask) if finding.detail else finding.detail
            unchanged = ev is finding.evidence and detail == finding.detail
            items[key] = finding if unchanged else finding.model_copy(
                update={"evidence": ev, "detail": detail})
        detail = redact_json(group.detail, mask) if group.detail else group.detail
        same = detail == group.detail and all(items[k] is v for k, v in group.items.items())
        findings[name] = group if same else group.model_copy(
            update={"items": items, "detail": detail})
    results = []
    for item in inspection.items:
        ev = evidence_list(item.evidence)
        results.append(item if ev is item.evidence else item.model_copy(update={"evidence": ev}))
    return conversation, inspection.model_copy(update={"findings": findings,
                                                       "items": results}), True
