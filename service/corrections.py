"""Human corrections of machine findings (reviews, upheld appeals) → a re-scored version."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException
from sqlalchemy.orm import Session

from qa_engine.pipeline import Inspector
from service import store
from service.models import ConversationRow


@dataclass
class Correction:
    value_before: float | None
    value_after: float | None
    from_version: int
    to_version: int
    score_before: float | None
    score_after: float | None


def check_finding(session: Session, row: ConversationRow, key: str) -> float | None:
    """The finding's current value; 422 listing the valid keys when there is no such finding."""
    findings = store.inspection_of(session, row.id, row.version).findings
    analyzer, _, name = key.partition(".")
    if analyzer not in findings or name not in findings[analyzer].items:
        valid = sorted(f"{a}.{k}" for a, f in findings.items() for k in f.items)
        raise HTTPException(422, f"finding: '{key}' is not a finding of this call; expected "
                                 f"one of: {', '.join(valid) or '(none)'}")
    return findings[analyzer].items[name].value


def correct(session: Session, inspector: Inspector, row: ConversationRow, key: str, *,
            wrong: bool, value: float | None, actor: str, reason: str,
            note: dict) -> Correction:
    """Confirm (``wrong=False``) or overturn a finding and store the re-scored version.

    Overturning without an explicit ``value`` flips it (``1 - value``): a machine hit
    against the agent (0) becomes a pass (1) and vice versa.
    """
    before = check_finding(session, row, key)
    if value is None:
        if not wrong:
            value = before
        elif before is None:
            raise HTTPException(422, f"value: finding '{key}' is N/A; give the corrected value")
        else:
            value = 1.0 - before
    findings = store.inspection_of(session, row.id, row.version).findings
    corrected = store.correct_finding(findings, key, value=value,
                                      note={**note, "value_before": before})
    from_version, score_before = row.version, row.score
    store.rescore(session, inspector, row, reason=reason, actor=actor, findings=corrected)
    return Correction(value_before=before, value_after=value, from_version=from_version,
                      to_version=row.version, score_before=score_before, score_after=row.score)
