"""Inspections run on a few model threads, batched when requests pile up.

A free model thread takes *every* conversation waiting (up to ``max_batch``) and runs
them as one ``Inspector.inspect_many`` call, so analyzers with ``analyze_batch`` (the
text models) vectorise across requests. Nothing waits to fill a batch: under light load
each request is a batch of one; under heavy load batches form by themselves, which
raises throughput exactly when it is needed. The model threads also bound how much
model work runs at once, off the event loop.

Back-pressure: at most ``max_queue`` inspections wait; beyond that ``submit`` raises
``Busy`` at once (the route answers 503 with ``Retry-After``) instead of letting waits
grow without bound. A waiting inspection whose future is cancelled (the client went away)
is dropped before it runs. A large conversation (``heavy_utterances``) is inspected in a
batch of its own, so that small calls never wait inside its batch.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Mapping
from concurrent.futures import Future

from qa_engine.conversation import Conversation
from qa_engine.pipeline import Inspection, Inspector

log = logging.getLogger("qa_engine.service.batching")
_STOP = object()


class Busy(Exception):
    """The model queue is full; ``retry_after`` seconds is a fair wait before retrying."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the model queue is full; retry after {retry_after} s")
        self.retry_after = retry_after


class InspectionBatcher:
    """``inspect(conversation, kpis)`` from any thread; ``workers`` model threads serve it."""

    def __init__(self, inspector: Inspector, *, workers: int = 2, max_batch: int = 8,
                 max_queue: int = 0, heavy_utterances: int = 300) -> None:
        self.inspector, self.workers, self.max_batch = inspector, workers, max_batch
        self.max_queue, self.heavy_utterances = max_queue, heavy_utterances
        self._queue: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._seconds_per_item = 0.05  # running mean, for Retry-After

    def start(self) -> None:
        for i in range(self.workers):
            thread = threading.Thread(target=self._loop, name=f"qa-model-{i}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel what still waits, let running batches end within ``timeout`` seconds
        (then leave their daemon threads behind)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not _STOP:
                item[2].cancel()
        for _ in self._threads:
            self._queue.put(_STOP)
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._threads.clear()

    @property
    def started(self) -> bool:
        return bool(self._threads)

    def retry_after(self) -> int:
        """Seconds until the queue has likely drained (at least 1)."""
        waiting = self._queue.qsize()
        return max(1, round(waiting * self._seconds_per_item / max(self.workers, 1)))

    def submit(self, conversation: Conversation, kpis: Mapping[str, float] | None = None, *,
               wait: bool = False) -> Future[Inspection]:
        """Queue an inspection; ``Busy`` when ``max_queue`` are already waiting (unless
        ``wait``: then block for room, as the job workers do)."""
        future: Future[Inspection] = Future()
        if not self._threads:  # not started (e.g. a script): run in the caller's thread
            self._run([(conversation, dict(kpis or {}), future)])
        elif self.max_queue and not wait and self._queue.qsize() >= self.max_queue:
            raise Busy(self.retry_after())
        else:
            self._queue.put((conversation, dict(kpis or {}), future))
        return future

    def inspect(self, conversation: Conversation,
                kpis: Mapping[str, float] | None = None) -> Inspection:
        """Inspect one conversation (blocks for queue room and until a model thread has
        done it)."""
        return self.submit(conversation, kpis, wait=True).result()

    def _loop(self) -> None:
        carry: list = []
        while True:
            item = carry.pop(0) if carry else self._queue.get()
            if item is _STOP:
                return
            batch, ids = [item], {item[0].id}
            while len(batch) < self.max_batch and not self._heavy(item):
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                # One id per batch (KPIs go by id); a heavy conversation goes alone.
                if nxt is _STOP or nxt[0].id in ids or self._heavy(nxt):
                    carry.append(nxt)
                    break
                batch.append(nxt)
                ids.add(nxt[0].id)
            began = time.monotonic()
            self._run(batch)
            per_item = (time.monotonic() - began) / len(batch)
            self._seconds_per_item = 0.9 * self._seconds_per_item + 0.1 * per_item

    def _heavy(self, item) -> bool:
        return len(item[0].utterances) > self.heavy_utterances

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
