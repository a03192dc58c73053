"""Serve an app from this process: uvicorn in a background thread on a free loopback port.

For benchmarks, documentation screenshots and browser tests that need a real HTTP server
beside the code that drives it (``eval/bench_web.py``, ``scripts/web_*screenshots.py``,
``tests/service/test_web_browser.py``). Production runs ``qa serve``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from typing import Any


def serve_in_thread(app: Any, *, timeout: float = 30.0) -> tuple[str, Callable[[], None]]:
    """Start ``app`` on 127.0.0.1 and wait until it accepts connections; return its base URL
    and a function that stops the server and waits (up to 10 s) for it to finish."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)

    return f"http://127.0.0.1:{port}", stop
