"""The published OpenAPI document: at /api/v1/openapi.json, an example on every schema."""

from __future__ import annotations


def test_every_schema_has_an_example(service):
    response = service.client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schemas = response.json()["components"]["schemas"]
    missing = [name for name, s in schemas.items() if not (s.get("examples") or "example" in s)]
    assert missing == []
    assert {"Conversation", "Inspection", "AgentScore", "AlertOut"} <= set(schemas)


def test_request_bodies_of_uploads_and_csv_are_documented(service):
    paths = service.client.get("/api/v1/openapi.json").json()["paths"]
    upload = paths["/api/v1/jobs"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in upload
    assert upload["multipart/form-data"]["schema"]["properties"]["file"]["format"] == "binary"
    assert "text/csv" in paths["/api/v1/kpis/csv"]["post"]["requestBody"]["content"]


def test_every_operation_documents_its_security(service):
    doc = service.client.get("/api/v1/openapi.json").json()
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if path != "/api/v1/health":
                assert op.get("security"), f"{method.upper()} {path} has no security"
