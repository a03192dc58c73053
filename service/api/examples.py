"""OpenAPI examples for schemas defined outside the service (core models, FastAPI's own)."""

from __future__ import annotations

from typing import Any

EVIDENCE = {"utterance": 0, "span": [0, 2], "start": 0.0, "end": 2.4, "text": "您好",
            "note": "greeting in the first 15 s"}
FINDING = {"value": 1.0, "probability": None, "na_reason": None, "needs_review": False,
           "review_reason": None, "evidence": [EVIDENCE], "detail": {}}
FINDINGS = {"analyzer": "keywords.v1", "version": "rulebook@2026.11.1",
            "items": {"greeting": FINDING}, "detail": {}}
ITEM_RESULT = {"id": "greeting", "section": "opening", "title": "问候语",
               "source": "finding:keywords.greeting", "weight": 5.0, "value": 1.0,
               "na_reason": None, "kpi_value": None, "red_line": False,
               "red_line_failed": False, "needs_review": False, "review_reason": None,
               "evidence": [EVIDENCE]}
INSPECTION = {
    "conversation_id": "call-0001", "agent_id": "A1024", "queue": "billing",
    "started_at": "2026-11-02T01:15:00Z", "channel": "phone", "source": None, "score": 82.5,
    "score_before_red_line": 82.5, "red_line_failed": False, "red_line_reasons": [],
    "scenarios": [], "sections": {"opening": 100.0, "experience": 71.0},
    "items": [ITEM_RESULT], "needs_review": [], "kpis": {"csat": 4.5},
    "findings": {"keywords": FINDINGS}, "duration_seconds": 184.2, "utterance_count": 42,
    "versions": {"qa_engine": "0.1.0", "scorecard": "default@2026.11.1"},
    "inspected_at": "2026-11-02T09:20:00Z"}
AGENT_SCORE = {"agent_id": "A1024", "calls": 57, "mean": 84.1, "shrunk_mean": 83.2,
               "interval_low": 80.9, "interval_high": 85.5, "interval": 0.9,
               "shrinkage": 0.21, "red_line_failures": 0,
               "sections": {"opening": 95.0, "experience": 72.5}, "rank": 3}

EXAMPLES: dict[str, Any] = {
    "Evidence": EVIDENCE, "Finding": FINDING, "Findings": FINDINGS, "ItemResult": ITEM_RESULT,
    "Inspection": INSPECTION, "AgentScore": AGENT_SCORE, "Speaker": "agent",
    "ValidationError": {"loc": ["body", "utterances", 1, "speaker"],
                        "msg": "Input should be 'agent', 'customer' or 'unknown'",
                        "type": "enum"},
    "HTTPValidationError": {"detail": [{"loc": ["body", "id"], "msg": "Field required",
                                        "type": "missing"}]},
}


def add_examples(schema: dict[str, Any]) -> dict[str, Any]:
    """Give every component schema an ``examples`` entry (ours carry their own)."""
    for name, component in schema.get("components", {}).get("schemas", {}).items():
        if "examples" in component or "example" in component:
            continue
        if name in EXAMPLES:
            component["examples"] = [EXAMPLES[name]]
        elif "enum" in component:
            component["examples"] = [component["enum"][0]]
    return schema


ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
_ERRORS = {
    400: "Malformed body (not JSON, or not the declared content type)",
    413: "Body larger than QA_MAX_BODY_BYTES (uploads: QA_MAX_UPLOAD_BYTES)",
    422: "Invalid body or parameters; 'detail' names the field",
    503: "Busy (database write lock or model queue); nothing was stored — retry after "
         "the Retry-After header's seconds",
}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Every operation documents the error bodies the server really sends: ``ErrorOut``
    for 422 (not FastAPI's default ``HTTPValidationError``), and 400/413 wherever a body
    is read; the unused default validation schemas are dropped."""
    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            codes = [422] if operation.get("parameters") or "requestBody" in operation else []
            if "requestBody" in operation:
                codes += [400, 413]
            if method in ("post", "put", "patch", "delete"):
                codes.append(503)
            for code in codes:
                existing = responses.get(str(code), {})
                responses[str(code)] = {
                    "description": existing.get("description") or _ERRORS[code],
                    "content": {"application/json": {"schema": ERROR_REF}}}
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    return schema
