"""Is a revoked API key refused at once by every server process? (``--workers 2``)

Starts ``uvicorn --workers N`` on loopback (fresh SQLite), creates a key through the API,
uses it until both processes have served it (and cached it, if caching is on), revokes
it, and counts how many of the next ``--probes`` requests still succeed, and for how long.

    python eval/revocation_service.py --workers 2 [--auth-cache-seconds 30]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_service import live_server, make_key, service_env  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--auth-cache-seconds", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        env = service_env(data_dir)
        if args.auth_cache_seconds is not None:
            env["QA_AUTH_CACHE_SECONDS"] = args.auth_cache_seconds
        admin = {"X-API-Key": make_key(env, "admin")}
        with live_server(env, workers=args.workers, start_timeout=180) as (root, _server, _health):
            base = f"{root}/api/v1"
            time.sleep(5)  # every worker has loaded its models
            made = httpx.post(f"{base}/keys", headers=admin, json={"role": "qa"}).json()
            key = {"X-API-Key": made["key"]}
            for _ in range(40):  # fresh connections spread over the processes
                assert httpx.get(f"{base}/conversations", headers=key).status_code == 200
            revoked_at = time.monotonic()
            assert httpx.delete(f"{base}/keys/{made['id']}", headers=admin).status_code == 204
            accepted, last = 0, None
            for _ in range(args.probes):
                if httpx.get(f"{base}/conversations", headers=key).status_code == 200:
                    accepted += 1
                    last = time.monotonic() - revoked_at
            print(f"{args.workers} server processes, QA_AUTH_CACHE_SECONDS="
                  f"{args.auth_cache_seconds or 'default'}: after revocation {accepted} of "
                  f"{args.probes} requests with the revoked key succeeded"
                  + (f", the last {last:.2f} s after it" if last is not None else ""))


if __name__ == "__main__":
    main()
