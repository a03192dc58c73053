"""Alert policy on complaint findings, log sink, and webhook retries on a real local server."""

from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from qa_engine.alerts import Alert, AlertDeliveryError, AlertPolicy, LogSink, WebhookSink
from qa_engine.conversation import Conversation
from qa_engine.errors import ConfigError
from qa_engine.findings import Evidence, Finding, Findings

CONV = Conversation(id="call-42", agent_id="A7", queue="vip", utterances=[
    {"speaker": "customer", "start": 0, "end": 2, "text": "我要投诉"}])


def risk(p: float | None) -> Findings:
    finding = Finding.not_applicable("no customer speech") if p is None else Finding(
        value=1 - p, probability=p,
        evidence=[Evidence(utterance=0, span=(0, 4), start=0, end=2, text="我要投诉")],
        detail={"complaint_types": [{"type": "退款", "probability": None}],
                "escalation_cues": [{"category": "escalation", "cue": "投诉", "utterance": 0, "span": [2, 4]}]})
    return Findings(analyzer="complaint_risk", version="complaint-stack-1", items={"risk": finding})


def test_alert_policy_fires_at_threshold_with_queue_override():
    policy = AlertPolicy(0.5, queue_thresholds={"vip": 0.3})
    alert = policy.evaluate(risk(0.4), conversation=CONV)
    assert alert is not None and alert.threshold == 0.3 and alert.agent_id == "A7"
    assert alert.evidence[0].text == "我要投诉" and alert.complaint_types == ["退款"]
    assert policy.evaluate(risk(0.4), conversation_id="c", queue="billing") is None
    assert policy.evaluate(risk(None), conversation=CONV) is None


def test_alert_policy_reads_inspection_like_objects_and_shipped_threshold():
    class Inspection:  # the fields of qa_engine.pipeline.Inspection that alerts read
        conversation_id = "call-42"
        agent_id = "A7"
        queue = "vip"
        findings = {"complaint_risk": risk(0.99), "keywords": Findings(analyzer="keywords")}

    policy = AlertPolicy.from_model()
    assert 0 < policy.threshold < 1
    assert AlertPolicy.default().threshold == policy.threshold
    alert = policy.evaluate(Inspection())
    assert (alert.conversation_id, alert.agent_id, alert.queue) == ("call-42", "A7", "vip")
    assert alert.idempotency_key == Alert.key_for("call-42", "complaint-stack-1")
    assert alert.idempotency_key != Alert.key_for("call-43", "complaint-stack-1")
    with pytest.raises(ConfigError):
        AlertPolicy(1.5)


def test_log_sink_writes_json_lines(tmp_path):
    alert = AlertPolicy(0.1).evaluate(risk(0.9), conversation=CONV)
    stream = io.StringIO()
    LogSink(stream).send(alert)
    LogSink(tmp_path / "alerts.jsonl").send(alert)
    LogSink(tmp_path / "alerts.jsonl").send(alert)
    assert json.loads(stream.getvalue())["conversation_id"] == "call-42"
    lines = (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["probability"] == 0.9


class FlakyServer:
    """A local HTTP server that answers 503 the first ``failures`` times, then 200."""

    def __init__(self, failures: int, status: int = 503) -> None:
        self.failures, self.status, self.requests = failures, status, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server API)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append((dict(self.headers), json.loads(body)))
                code = outer.status if len(outer.requests) <= outer.failures else 200
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_webhook_sink_retries_with_backoff_and_idempotency_key():
    alert = AlertPolicy(0.1).evaluate(risk(0.9), conversation=CONV)
    waits: list[float] = []
    with FlakyServer(failures=2) as server:
        attempts = WebhookSink(server.url, retries=3, backoff=0.5, sleep=waits.append).send(alert)
    assert attempts == 3 and waits == [0.5, 1.0]
    keys = {h["Idempotency-Key"] for h, _ in server.requests}
    assert keys == {alert.idempotency_key}
    assert server.requests[-1][1]["evidence"][0]["text"] == "我要投诉"


def test_webhook_sink_gives_up_after_retries_and_on_client_errors():
    alert = AlertPolicy(0.1).evaluate(risk(0.9), conversation=CONV)
    with FlakyServer(failures=10) as server:
        with pytest.raises(AlertDeliveryError, match="503"):
            WebhookSink(server.url, retries=2, backoff=0.01, sleep=lambda s: None).send(alert)
        assert len(server.requests) == 3
    with FlakyServer(failures=10, status=400) as server:
        with pytest.raises(AlertDeliveryError, match="400"):
            WebhookSink(server.url, retries=5, sleep=lambda s: None).send(alert)
        assert len(server.requests) == 1
    with pytest.raises(ConfigError):
        WebhookSink("ftp://x")
