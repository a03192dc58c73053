"""Benchmark the HTTP service: transcript scoring on loopback at a fixed request rate.

Starts ``uvicorn`` (the real ``service.main`` app, real Inspector with whatever models are
installed) on 127.0.0.1 in a subprocess with a fresh SQLite database, sends ``--requests``
distinct conversations open-loop at ``--rate`` requests/s (bounded by ``--max-seconds``),
and prints latency percentiles, throughput, errors and the server's RSS.

    python eval/bench_service.py --rate 50 --requests 1000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
AGENT = ["您好，工号1024很高兴为您服务，请问有什么可以帮您？", "好的，请您提供一下手机号码，我帮您核实身份。",
         "已经查到了，您这个月的话费是八十六元，其中流量费二十元。", "非常抱歉给您带来不便，我马上帮您申请退还。",
         "请稍等，我帮您查询一下。", "感谢您的耐心等待，已经为您处理好了。", "请问还有其他可以帮您的吗？",
         "感谢您的来电，祝您生活愉快，再见。"]
CUSTOMER = ["我想查一下这个月的话费，怎么扣了这么多？", "13800138000。", "流量我都没怎么用啊，你们是不是扣错了？",
            "那好吧，什么时候能退？", "嗯。", "好的，谢谢。", "没有了。"]


def conversation(i: int) -> dict:
    utterances, clock = [], 0.0
    for turn in range(16):
        speaker = "agent" if turn % 2 == 0 else "customer"
        lines = AGENT if speaker == "agent" else CUSTOMER
        text = lines[(turn // 2 + i) % len(lines)]
        length = max(1.0, len(text) * 0.22)
        utterances.append({"speaker": speaker, "start": round(clock, 2),
                           "end": round(clock + length, 2), "text": text})
        clock += length + 0.6
    return {"id": f"bench-{i:06d}", "agent_id": f"A{i % 20:03d}", "queue": "billing",
            "started_at": "2026-11-02T09:00:00+08:00", "channel": "phone",
            "kpis": {"aht_seconds": 240 + i % 60, "csat": 3 + i % 3},
            "utterances": utterances}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def _worker_pids(pid: int, expected: int) -> list[Path]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    pids = children.read_text().split() if children.exists() else []
    return [Path(f"/proc/{p}") for p in pids][:expected] or [Path(f"/proc/{pid}")]


def cpu_seconds_tree(pid: int) -> float:
    """User + system CPU seconds of the server and its worker processes."""
    ticks = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children")
    total = 0.0
    for p in [str(pid)] + (children.read_text().split() if children.exists() else []):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except FileNotFoundError:
            pass
    return total


def rss_kib_tree(pid: int) -> dict[str, int]:
    """RSS of the server and its worker processes, summed."""
    total = rss_kib(pid)
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for child in (children.read_text().split() if children.exists() else []):
        try:
            for key, value in rss_kib(int(child)).items():
                total[key] = total.get(key, 0) + value
        except FileNotFoundError:
            pass
    return total


def service_env(data_dir: str) -> dict[str, str]:
    """The environment of a fresh service on ``data_dir``: its own SQLite database, no job
    workers (the benchmarks post transcripts), this checkout on the path."""
    return {**os.environ, "QA_DATA_DIR": data_dir, "QA_JOB_WORKERS": "0", "PYTHONPATH": str(ROOT)}


def make_key(env: dict[str, str], role: str = "qa") -> str:
    """An API key of ``role`` in the database ``env`` points at (migrated first)."""
    code = ("from service.settings import Settings\nfrom service.db import *\n"
            "from service.auth import create_key\n"
            "s=Settings(); e=make_engine(s.resolved_database_url); upgrade(e)\n"
            "with make_sessionmaker(e)() as x:\n"
            f"    _, k = create_key(x, '{role}'); x.commit(); print(k)\n")
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()


@contextmanager
def live_server(env: dict[str, str], *, workers: int = 1, start_timeout: float = 120,
                stop_timeout: float = 30) -> Iterator[tuple[str, subprocess.Popen, dict]]:
    """Run the real service (``uvicorn --factory service.main:app_from_env``) on a free
    loopback port with ``env``; yield its base URL, the process and its first health
    answer once it answers, and stop it on the way out."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "service.main:app_from_env",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
         "--no-access-log", "--workers", str(workers)], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + start_timeout
        while True:
            try:
                health = httpx.get(f"{base}/api/v1/health", timeout=2).json()
                break
            except httpx.HTTPError:
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit("server did not start") from None
                time.sleep(0.2)
        yield base, server, health
    finally:
        server.terminate()
        server.wait(stop_timeout)


async def drive(base: str, key: str, rate: float, requests: int, max_seconds: float,
                offset: int) -> tuple[list[float], Counter, float]:
    latencies: list[float] = []
    errors: Counter = Counter()  # what went wrong → how often
    # Drop idle connections before uvicorn does (its keep-alive timeout is 5 s, httpx's
    # default expiry too): reusing one the server is closing fails with a ReadError.
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200,
                          keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=base, headers={"X-API-Key": key}, timeout=30,
                                 limits=limits) as client:
        bodies = [json.dumps(conversation(offset + i)).encode() for i in range(requests)]

        async def one(body: bytes) -> None:
            t0 = time.perf_counter()
            try:
                r = await client.post("/api/v1/conversations", content=body,
                                      headers={"Content-Type": "application/json"})
                error = None if r.status_code in (200, 201) else f"HTTP {r.status_code}"
            except httpx.HTTPError as exc:
                error = type(exc).__name__
            if error is None:
                latencies.append(time.perf_counter() - t0)
            else:
                errors[error] += 1

        start = time.perf_counter()
        tasks = []
        for i, body in enumerate(bodies):
            due = start + i / rate
            if due - start > max_seconds:
                break
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(body)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
    return latencies, errors, elapsed


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50.0, help="requests per second")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    parser.add_argument("--database-url", default=None, help="default: fresh SQLite file")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--rates", default=None,
                        help="find the knee: comma-separated rates, each run for "
                             "--seconds-per-rate (e.g. 25,50,100,150,200,300)")
    parser.add_argument("--seconds-per-rate", type=float, default=10.0)
    parser.add_argument("--p99-target-ms", type=float, default=50.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as data_dir:
        env = service_env(data_dir)
        if args.database_url:
            env["QA_DATABASE_URL"] = args.database_url
        key = make_key(env)
        with live_server(env, workers=args.workers, stop_timeout=10) as (base, server, health):
            if args.workers > 1:  # wait until every worker has loaded its models
                time.sleep(3)
                for _ in range(60):
                    if all(p.exists() for p in _worker_pids(server.pid, args.workers)):
                        break
            idle = rss_kib_tree(server.pid)
            asyncio.run(drive(base, key, args.rate, args.warmup, args.max_seconds, 10**6))
            if args.rates:
                knee(base, key, args)
                return
            cpu_before = cpu_seconds_tree(server.pid)
            latencies, errors, elapsed = asyncio.run(
                drive(base, key, args.rate, args.requests, args.max_seconds, 0))
            cpu = cpu_seconds_tree(server.pid) - cpu_before
            after = rss_kib_tree(server.pid)
    ms = [v * 1000 for v in latencies]
    loaded = {k: v for k, v in health["versions"].items() if k.startswith("analyzer.")}
    print(f"service benchmark: POST /api/v1/conversations, {health['database']}, "
          f"{args.workers} server process(es), "
          f"target {args.rate:g} req/s, {len(ms) + errors.total()} requests in {elapsed:.1f} s")
    names = ", ".join(f"{k.split('.', 1)[1]}={v}" for k, v in loaded.items())
    print(f"analyzers: {names}")
    if ms:
        print(f"latency ms: p50 {statistics.median(ms):.1f}  p90 {pct(ms, 0.90):.1f}  "
              f"p99 {pct(ms, 0.99):.1f}  max {max(ms):.1f}  mean {statistics.fmean(ms):.1f}")
    kinds = f" ({', '.join(f'{k}: {n}' for k, n in errors.most_common())})" if errors else ""
    print(f"throughput: {len(ms) / elapsed:.1f} req/s ok, errors {errors.total()}{kinds}")
    done = max(len(ms) + errors.total(), 1)
    print(f"server CPU: {cpu * 1000 / done:.1f} ms per request "
          f"({cpu / elapsed:.2f} cores busy at this rate)")
    print(f"load average during run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"server RSS (all processes): idle {idle['VmRSS'] / 1024:.0f} MiB, after {after['VmRSS'] / 1024:.0f} MiB, "
          f"peak {after['VmHWM'] / 1024:.0f} MiB")


def knee(base: str, key: str, args: argparse.Namespace) -> None:
    """Latency and refusals at rising offered rates; the knee is the highest rate served
    with p99 within the target and nothing refused. Beyond it the bounded model queue
    answers 503 + Retry-After instead of letting waits grow."""
    print(f"knee search: POST /api/v1/conversations, {args.seconds_per_rate:g} s per rate, "
          f"p99 target {args.p99_target_ms:g} ms")
    print(f"{'offered/s':>10} {'ok/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'503':>6} {'other err':>9}")
    best, offset = None, 2 * 10**6
    for rate in (float(r) for r in args.rates.split(",")):
        requests = int(rate * args.seconds_per_rate)
        latencies, errors, elapsed = asyncio.run(
            drive(base, key, rate, requests, args.seconds_per_rate + 1, offset))
        offset += requests
        ms = [v * 1000 for v in latencies]
        busy = errors.get("HTTP 503", 0)
        other = errors.total() - busy
        p50, p99 = (statistics.median(ms), pct(ms, 0.99)) if ms else (float("nan"),) * 2
        print(f"{rate:>10g} {len(ms) / elapsed:>7.1f} {p50:>8.1f} {p99:>8.1f} {busy:>6} "
              f"{other:>9}")
        if ms and p99 <= args.p99_target_ms and not errors:
            best = rate
    print(f"knee: {best:g} req/s offered (highest rate with p99 <= {args.p99_target_ms:g} ms "
          "and no refusals)" if best else "knee: below the lowest rate tried")


if __name__ == "__main__":
    main()
