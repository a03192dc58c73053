"""The rows an audit writes: a call's compact summary and a failed file's error row."""

from __future__ import annotations

from typing import Any

from qa_engine.errors import InputError, QAEngineError


def call_summary(row: dict[str, Any]) -> dict[str, Any]:
    """The fields of a ``calls.jsonl`` row that the summaries and the index need."""
    conversation_id = row["conversation_id"]
    return {
        "conversation_id": conversation_id,
        "agent_id": row.get("agent_id"),
        "queue": row.get("queue"),
        "started_at": row.get("started_at"),
        "channel": row.get("channel"),
        "score": row.get("score"),
        "red_line_failed": bool(row.get("red_line_failed")),
        "red_line_reasons": row.get("red_line_reasons") or [],
        "needs_review": row.get("needs_review") or [],
        "complaint_probability": row.get("complaint_probability", complaint_probability(row)),
        "sections": row.get("sections") or {},
        "file": row.get("file") or f"(conversation {conversation_id})",
        "file_sha256": row.get("file_sha256") or f"(conversation {conversation_id})",
    }


def complaint_probability(row: dict[str, Any]) -> float | None:
    """The complaint-risk probability in an inspection row, if the model ran."""
    findings = row.get("findings") or {}
    risk = findings.get("complaint_risk", {}).get("items", {}).get("risk", {})
    return risk.get("probability")


def error_row(file: str, digest: str | None, stage: str, exc: BaseException) -> dict[str, Any]:
    """One ``errors.jsonl`` row: file, content hash, stage, error type, code, message."""
    message = exc.problem if isinstance(exc, InputError) else str(exc)
    return {"file": file, "file_sha256": digest, "stage": stage, "level": "error",
            "error_type": type(exc).__name__,
            "code": exc.code if isinstance(exc, QAEngineError) else None,
            "message": message or type(exc).__name__}


def warning_row(file: str, digest: str | None, stage: str, message: str) -> dict[str, Any]:
    """A row of ``errors.jsonl`` that does not count as a failure."""
    return {"file": file, "file_sha256": digest, "stage": stage, "level": "warning",
            "error_type": None, "code": None, "message": message}
