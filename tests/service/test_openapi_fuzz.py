"""A bounded schemathesis run against the published OpenAPI schema: no 5xx for any input."""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from tests.service.conftest import conversation  # noqa: E402

MAX_EXAMPLES = int(os.environ.get("QA_FUZZ_EXAMPLES", "12"))


def test_no_server_error_for_generated_requests(make_service):
    service = make_service()
    qa = service.as_("qa")
    service.client.post("/api/v1/conversations", json=conversation("call-1"), headers=qa)
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", service.app)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        role = "agent" if operation.path.endswith("/appeals") and operation.method == "post" \
            else "admin"

        _checker(operation, service.as_(role), failures)()
    assert operations >= 25
    assert failures == [], "\n".join(failures[:5])


def _checker(operation, headers: dict[str, str], failures: list[str]):
    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    def check(case):
        response = case.call(headers=headers)
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path} -> "
                            f"{response.status_code}: {response.text[:300]}\n"
                            f"  {case.as_curl_command()}")

    return check
