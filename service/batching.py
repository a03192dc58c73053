"""Inspections run on a few model threads, batched when requests pile up.

A free model thread takes *every* conversation waiting (up to ``max_batch``) and runs
them as one ``Inspector.inspect_many`` call, so analyzers with ``analyze_batch`` (the
text models) vectorise across requests. Nothing waits to fill a batch: under light load
each request is a batch of one; under heavy load batches form by themselves, which
raises throughput exactly when it is needed. The model threads also bound how much
model work runs at once, off the event loop.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Mapping
from concurrent.futures import Future

from qa_engine.conversation import Conversation
from qa_engine.pipeline import Inspection, Inspector

log = logging.getLogger("qa_engine.service.batching")
_STOP = object()


class InspectionBatcher:
    """``inspect(conversation, kpis)`` from any thread; ``workers`` model threads serve it."""

    def __init__(self, inspector: Inspector, *, workers: int = 2, max_batch: int = 8) -> None:
        self.inspector, self.workers, self.max_batch = inspector, workers, max_batch
        self._queue: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for i in range(self.workers):
            thread = threading.Thread(target=self._loop, name=f"qa-model-{i}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        for _ in self._threads:
            self._queue.put(_STOP)
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    def submit(self, conversation: Conversation,
               kpis: Mapping[str, float] | None = None) -> Future[Inspection]:
        future: Future[Inspection] = Future()
        if not self._threads:  # not started (e.g. a script): run in the caller's thread
            self._run([(conversation, dict(kpis or {}), future)])
        else:
            self._queue.put((conversation, dict(kpis or {}), future))
        return future

    def inspect(self, conversation: Conversation,
                kpis: Mapping[str, float] | None = None) -> Inspection:
        """Inspect one conversation (blocks until a model thread has done it)."""
        return self.submit(conversation, kpis).result()

    def _loop(self) -> None:
        carry: list = []
        while True:
            item = carry.pop(0) if carry else self._queue.get()
            if item is _STOP:
                return
            batch, ids = [item], {item[0].id}
            while len(batch) < self.max_batch:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is _STOP or nxt[0].id in ids:  # one id per batch: KPIs go by id
                    carry.append(nxt)
                    break
                batch.append(nxt)
                ids.add(nxt[0].id)
            self._run(batch)

    def _run(self, batch: list) -> None:
        live = [(c, k, f) for c, k, f in batch if f.set_running_or_notify_cancel()]
        if not live:
            return
        try:
            results = self.inspector.inspect_many(
                [c for c, _, _ in live], kpis_by_id={c.id: k for c, k, _ in live})
        except Exception:
            if len(live) == 1:
                live[0][2].set_exception(_current_exception())
                return
            # One bad conversation must not fail its neighbours: retry one by one.
            for c, k, f in live:
                try:
                    f.set_result(self.inspector.inspect_many([c], kpis_by_id={c.id: k})[0])
                except Exception as exc:
                    f.set_exception(exc)
            return
        for (_, _, future), result in zip(live, results, strict=True):
            future.set_result(result)


def _current_exception() -> BaseException:
    import sys

    return sys.exc_info()[1]
