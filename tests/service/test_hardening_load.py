"""Work budget (413), bounded model queue (503 + Retry-After), work dropped when the
client disconnects, shutdown bounded in time; all loopback, bounded in time and count."""

from __future__ import annotations

import asyncio
import threading
import time
from types import SimpleNamespace

from fastapi.testclient import TestClient

from qa_engine.conversation import Conversation
from service.api.routes.conversations import inspect_or_drop
from service.batching import Busy, InspectionBatcher
from service.main import create_app
from service.settings import Settings
from tests.service.conftest import conversation, fake_inspector, wav_bytes

CONV = "/api/v1/conversations"


class Gate:
    """A keywords analyzer that blocks until opened, recording the calls it ran."""

    def __init__(self, inspector):
        self.entered, self.open, self.ran = threading.Event(), threading.Event(), []
        analyzer = inspector.analyzers["keywords"]
        original = analyzer.analyze

        def analyze(conversation):
            self.ran.append(conversation.id)
            self.entered.set()
            assert self.open.wait(30)
            return original(conversation)

        analyzer.analyze = analyze


def big(n: int) -> dict:
    body = conversation("big")
    body["utterances"] = [{"speaker": "agent" if i % 2 else "customer", "start": i * 0.5,
                           "end": i * 0.5 + 0.4, "text": "您好请问"} for i in range(n)]
    return body


def test_a_20000_utterance_call_is_refused_413_and_a_normal_call_beside_it_scores(service):
    response = service.client.post(CONV, json=big(20_000), headers=service.as_("qa"))
    assert response.status_code == 413, response.text
    assert response.json()["code"] == "over_budget"
    assert "20000 utterances" in response.json()["detail"]
    assert service.client.post(CONV, json=conversation("normal"),
                               headers=service.as_("qa")).status_code == 201


def test_budget_on_characters_and_seconds(make_service):
    service = make_service(max_characters=50, max_audio_seconds=60)
    long_text = conversation("t")
    long_text["utterances"][0]["text"] = "字" * 60
    assert service.client.post(CONV, json=long_text,
                               headers=service.as_("qa")).json()["code"] == "over_budget"
    long_call = conversation("s")
    long_call["utterances"][1].update(start=30, end=61)
    response = service.client.post(CONV, json=long_call, headers=service.as_("qa"))
    assert response.status_code == 413 and "QA_MAX_AUDIO_SECONDS" in response.json()["detail"]


def test_full_model_queue_answers_503_with_retry_after(make_service):
    inspector = fake_inspector()
    gate = Gate(inspector)
    service = make_service(inspector=inspector, model_concurrency=1, model_queue=1,
                           max_batch=1)
    statuses: list[int] = []

    def post(cid):
        statuses.append(service.client.post(CONV, json=conversation(cid),
                                            headers=service.as_("qa")).status_code)

    threads = [threading.Thread(target=post, args=("running",))]
    threads[0].start()
    assert gate.entered.wait(10)
    threads.append(threading.Thread(target=post, args=("queued",)))
    threads[1].start()
    batcher = service.app.state.batcher
    for _ in range(200):
        if batcher._queue.qsize() == 1:
            break
        time.sleep(0.02)
    try:
        refused = service.client.post(CONV, json=conversation("third"),
                                      headers=service.as_("qa"))
        assert refused.status_code == 503, refused.text
        assert int(refused.headers["Retry-After"]) >= 1
        assert refused.json()["code"] == "busy"
    finally:
        gate.open.set()
        for t in threads:
            t.join(30)
    assert sorted(statuses) == [201, 201]


def test_work_of_a_client_that_disconnected_is_dropped_before_it_runs():
    inspector = fake_inspector()
    gate = Gate(inspector)
    batcher = InspectionBatcher(inspector, workers=1, max_batch=1, max_queue=4)
    batcher.start()
    try:
        first = batcher.submit(Conversation.model_validate(conversation("first")))
        assert gate.entered.wait(10)

        async def gone():
            return {"type": "http.disconnect"}

        request = SimpleNamespace(receive=gone, app=SimpleNamespace(state=SimpleNamespace(
            settings=Settings(model_queue_timeout_seconds=30))))
        result = asyncio.run(inspect_or_drop(
            request, batcher, Conversation.model_validate(conversation("abandoned")), {}))
        assert result is None
        gate.open.set()
        first.result(10)
        batcher.submit(Conversation.model_validate(conversation("after"))).result(10)
        assert gate.ran == ["first", "after"]
    finally:
        gate.open.set()
        batcher.stop(5)


def test_batcher_refuses_beyond_its_queue_and_stop_cancels_what_waits():
    inspector = fake_inspector()
    gate = Gate(inspector)
    batcher = InspectionBatcher(inspector, workers=1, max_batch=1, max_queue=1)
    batcher.start()
    try:
        batcher.submit(Conversation.model_validate(conversation("a")))
        assert gate.entered.wait(10)
        waiting = batcher.submit(Conversation.model_validate(conversation("b")))
        try:
            batcher.submit(Conversation.model_validate(conversation("c")))
            raise AssertionError("expected Busy")
        except Busy as exc:
            assert exc.retry_after >= 1
    finally:
        threading.Timer(0.5, gate.open.set).start()
        batcher.stop(5)
    assert waiting.cancelled()


def test_shutdown_is_bounded_while_a_job_hangs(tmp_path):
    entered, release = threading.Event(), threading.Event()

    def hanging_loader(path):
        entered.set()
        release.wait(60)
        raise RuntimeError("released")

    from service.api.deps import get_conversation_loader, get_inspector
    from service.auth import create_key

    settings = Settings(data_dir=tmp_path, job_workers=1, deliverers=0,
                        poll_interval_seconds=0.05, shutdown_grace_seconds=1.0)
    app = create_app(settings)
    built = fake_inspector()
    app.dependency_overrides[get_inspector] = lambda: built
    app.dependency_overrides[get_conversation_loader] = lambda: hanging_loader
    client = TestClient(app)
    client.__enter__()
    try:
        with app.state.sessionmaker() as session:
            _, key = create_key(session, "qa")
            session.commit()
        accepted = client.post("/api/v1/jobs", headers={"X-API-Key": key},
                               files={"file": ("a.wav", wav_bytes(), "audio/wav")})
        assert accepted.status_code == 202
        assert entered.wait(10)
    finally:
        began = time.monotonic()
        client.__exit__(None, None, None)
        took = time.monotonic() - began
        release.set()
    assert took < 10, f"shutdown took {took:.1f} s with a 1 s grace period"


def test_requests_beyond_max_in_flight_get_503_at_once(make_service):
    inspector = fake_inspector()
    gate = Gate(inspector)
    service = make_service(inspector=inspector, max_in_flight=1)
    done: list[int] = []
    holder = threading.Thread(target=lambda: done.append(service.client.post(
        CONV, json=conversation("held"), headers=service.as_("qa")).status_code))
    holder.start()
    try:
        assert gate.entered.wait(10)
        refused = service.client.get(CONV, headers=service.as_("qa"))
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "1"
        assert service.client.get("/api/v1/health").status_code == 200  # always admitted
    finally:
        gate.open.set()
        holder.join(30)
    assert done == [201]
    assert service.client.get(CONV, headers=service.as_("qa")).status_code == 200
