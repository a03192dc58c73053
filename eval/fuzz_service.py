"""Run schemathesis with **all** checks against a live server on loopback.

Starts ``uvicorn`` on the real app (fresh SQLite database, bundled models), seeds one
scored call, and runs ``schemathesis run --checks all`` with an admin key; prints its
summary and exits with its status. The server's outbound URL policy allows nothing.
``service/schemathesis.toml`` lists the statuses the server sends for schema-valid data
that breaks a rule a JSON Schema cannot state (see its comments).

    python eval/fuzz_service.py --max-examples 30
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_service import ROOT, conversation, live_server, make_key, service_env  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--phases", default="examples,coverage,fuzzing,stateful")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        env = service_env(data_dir)
        key = make_key(env, "admin")
        with live_server(env, stop_timeout=20) as (base, _server, _health):
            httpx.post(f"{base}/api/v1/conversations", json=conversation(1) | {"id": "call-1"},
                       headers={"X-API-Key": key}, timeout=30)
            cli = Path(sys.executable).with_name("schemathesis")
            result = subprocess.run(
                [str(cli), "--config-file", str(ROOT / "service" / "schemathesis.toml"), "run",
                 f"{base}/api/v1/openapi.json", "--checks", "all",
                 # Revoking the key the run itself uses would turn the rest into 401s.
                 "--exclude-name", "DELETE /api/v1/keys/{key_id}",
                 "-H", f"X-API-Key: {key}", "--max-examples", str(args.max_examples),
                 "--phases", args.phases, "--generation-deterministic",
                 "--no-color", "--continue-on-failure"],
                cwd=data_dir, env=env)  # its .schemathesis/ cache stays out of the tree
    raise SystemExit(result.returncode)


if __name__ == "__main__":
    main()
