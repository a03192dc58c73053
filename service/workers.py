"""Polling worker threads shared by the job queue and the alert outbox."""

from __future__ import annotations

import logging
import threading
import time


class PollingWorkers:
    """Threads that call ``run_once`` until it finds nothing, then sleep until woken or polled.

    Subclasses implement ``run_once() -> bool`` (True when it did some work) and call
    ``start_workers``. An exception in ``run_once`` (a database hiccup) is logged and the
    thread lives on.
    """

    def __init__(self, poll_interval: float, log: logging.Logger) -> None:
        self._poll_interval, self._log = poll_interval, log
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []

    def run_once(self) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def start_workers(self, count: int, name: str) -> None:
        for i in range(count):
            self.start_thread(self._loop, f"{name}-{i}")

    def start_thread(self, target, name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the threads, waiting at most ``timeout`` seconds in all."""
        self._stop.set()
        self._wake.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def wake(self) -> None:
        """New work was stored: look now instead of at the next poll."""
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                worked = self.run_once()
            except Exception:
                self._log.exception("worker error")
                worked = False
            if not worked:
                self._wake.wait(self._poll_interval)
                self._wake.clear()
