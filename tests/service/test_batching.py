"""The inspection batcher: batches form only when requests queue up, results go to the
right caller, and one bad conversation does not fail its neighbours."""

from __future__ import annotations

import threading

import pytest

from qa_engine.conversation import Conversation
from service.batching import InspectionBatcher
from tests.service.conftest import conversation, fake_inspector


class Recording:
    """Wraps an Inspector: records batch sizes, can hold the first batch, can fail one id."""

    def __init__(self, fail_id: str | None = None) -> None:
        self.inner, self.fail_id = fake_inspector(), fail_id
        self.sizes: list[int] = []
        self.hold = threading.Event()
        self.entered = threading.Event()

    def inspect_many(self, conversations, *, kpis_by_id=None):
        self.sizes.append(len(conversations))
        self.entered.set()
        self.hold.wait(5)
        if any(c.id == self.fail_id for c in conversations):
            raise ValueError(f"cannot inspect {self.fail_id}")
        return self.inner.inspect_many(conversations, kpis_by_id=kpis_by_id)


def conv(cid: str, **kw) -> Conversation:
    return Conversation.model_validate(conversation(cid, **kw))


def test_waiting_requests_are_inspected_together_and_answered_in_order():
    inspector = Recording()
    batcher = InspectionBatcher(inspector, workers=1, max_batch=8)
    batcher.start()
    try:
        first = batcher.submit(conv("first"))
        assert inspector.entered.wait(5)
        queued = [batcher.submit(conv(f"c{i}"), {"csat": float(i % 5 + 1)}) for i in range(5)]
        inspector.hold.set()
        assert first.result(5).conversation_id == "first"
        results = [f.result(5) for f in queued]
    finally:
        batcher.stop()
    assert inspector.sizes == [1, 5]
    assert [r.conversation_id for r in results] == [f"c{i}" for i in range(5)]
    assert [r.kpis["csat"] for r in results] == [float(i % 5 + 1) for i in range(5)]


def test_one_failing_conversation_does_not_fail_the_batch():
    inspector = Recording(fail_id="bad")
    inspector.hold.set()
    batcher = InspectionBatcher(inspector, workers=1)
    futures = [batcher.submit(conv(cid)) for cid in ("a", "bad", "b")]  # not started: inline
    assert futures[0].result().conversation_id == "a"
    with pytest.raises(ValueError, match="bad"):
        futures[1].result()
    assert futures[2].result().conversation_id == "b"


def test_same_id_twice_is_never_in_one_batch():
    inspector = Recording()
    batcher = InspectionBatcher(inspector, workers=1, max_batch=8)
    batcher.start()
    try:
        batcher.submit(conv("x"))
        assert inspector.entered.wait(5)
        a = batcher.submit(conv("dup", kpis={"csat": 1}))
        b = batcher.submit(conv("dup", kpis={"csat": 5}))
        inspector.hold.set()
        assert (a.result(5).kpis["csat"], b.result(5).kpis["csat"]) == (1, 5)
    finally:
        batcher.stop()
    assert inspector.sizes == [1, 1, 1]
