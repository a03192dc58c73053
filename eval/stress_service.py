"""Stress the HTTP service on loopback: concurrent mixed writers, and a huge call beside a
normal one.

``--clients`` clients (default 8) mix reviews, KPI uploads and scoring for ``--seconds``
(default 60) against a real ``uvicorn`` server on a fresh SQLite database; prints the
status counts (the target is zero 5xx) and latency percentiles. Then posts one call of
``--big`` utterances (default 20,000) with a normal call beside it and prints both
answers' status and latency.

    python eval/stress_service.py --seconds 60 --clients 8
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_service import conversation, live_server, make_key, pct, service_env  # noqa: E402


async def mixed(base: str, key: str, clients: int, seconds: float) -> tuple[Counter, list[float]]:
    statuses: Counter = Counter()
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=base, headers={"X-API-Key": key}, timeout=120) as http:
        for n in range(clients):
            r = await http.post("/api/v1/conversations",
                                json=conversation(n) | {"id": f"seed-{n}"})
            assert r.status_code in (200, 201), r.text
        deadline = time.monotonic() + seconds

        async def client(n: int) -> None:
            i = 0
            while time.monotonic() < deadline:
                i += 1
                began = time.perf_counter()
                kind = (n + i) % 3
                try:
                    if kind == 0:
                        r = await http.post(f"/api/v1/conversations/seed-{n}/reviews", json={
                            "finding": "keywords.greeting",
                            "verdict": "incorrect" if i % 2 else "correct"})
                    elif kind == 1:
                        r = await http.post("/api/v1/kpis", json={
                            "calls": [{"conversation_id": f"seed-{n}",
                                       "kpis": {"csat": float(i % 5 + 1)}}],
                            "agent_periods": [{"agent_id": f"A{n:03d}",
                                               "period_start": "2026-11-01T00:00:00Z",
                                               "period_end": "2026-11-08T00:00:00Z",
                                               "kpis": {"answer_rate_20s": (i % 10) / 10}}]})
                    else:
                        r = await http.post("/api/v1/conversations",
                                            json=conversation(100_000 + n * 100_000 + i))
                    statuses[r.status_code] += 1
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1
                latencies.append(time.perf_counter() - began)

        await asyncio.gather(*(client(n) for n in range(clients)))
    return statuses, latencies


async def big_beside_normal(base: str, key: str, utterances: int) -> list[tuple[str, int, float]]:
    body = conversation(7) | {"id": "huge"}
    turns = body["utterances"]
    body["utterances"] = [dict(turns[i % len(turns)], start=i * 2.0, end=i * 2.0 + 1.5)
                          for i in range(utterances)]
    async with httpx.AsyncClient(base_url=base, headers={"X-API-Key": key}, timeout=600) as http:
        async def post(name: str, payload: dict, delay: float) -> tuple[str, int, float]:
            await asyncio.sleep(delay)
            began = time.perf_counter()
            r = await http.post("/api/v1/conversations", json=payload)
            return name, r.status_code, time.perf_counter() - began

        return await asyncio.gather(post(f"{utterances}-utterance call", body, 0.0),
                                    post("normal call beside it", conversation(8), 0.2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--big", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        env = service_env(data_dir)
        key = make_key(env)
        with live_server(env) as (base, _server, _health):
            statuses, latencies = asyncio.run(mixed(base, key, args.clients, args.seconds))
            ms = [v * 1000 for v in latencies]
            errors = sum(n for s, n in statuses.items() if not isinstance(s, int) or s >= 500)
            print(f"mixed load: {args.clients} clients x {args.seconds:g} s (reviews, KPI "
                  f"uploads, scoring), SQLite: {sum(statuses.values())} requests, "
                  f"statuses {dict(sorted(statuses.items(), key=str))}, 5xx/transport "
                  f"errors {errors}")
            if ms:
                print(f"  latency ms: p50 {pct(ms, 0.5):.1f}  p99 {pct(ms, 0.99):.1f}  "
                      f"max {max(ms):.1f}")
            for name, status, seconds in asyncio.run(big_beside_normal(base, key, args.big)):
                print(f"{name}: HTTP {status} in {seconds:.2f} s")


if __name__ == "__main__":
    main()
