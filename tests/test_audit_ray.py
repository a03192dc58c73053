"""`qa audit --ray`: the same outputs as a local audit, on a local 2-worker Ray, also
when a worker is killed mid-run."""

from __future__ import annotations

import csv
import json
import os
import signal

import pytest
from typer.testing import CliRunner

from qa_engine.audit import run_audit
from qa_engine.audit.work import InspectorSpec
from qa_engine.cli import app
from qa_engine.kpis import load_kpis_csv
from tests.conftest import EXAMPLES

ray = pytest.importorskip("ray")

CALLS = EXAMPLES / "calls"


@pytest.fixture(scope="module")
def local_ray():
    """A local Ray 'cluster' with 2 CPUs: two actor workers."""
    ray.init(num_cpus=2, include_dashboard=False, configure_logging=False, log_to_driver=False,
             object_store_memory=256 * 1024 * 1024)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def local_audit(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    run_audit(InspectorSpec(), CALLS, out, kpis=load_kpis_csv(EXAMPLES / "kpis.csv"))
    return out


def outputs(out):
    """Everything an audit wrote, less the time stamps, order-free."""
    rows = {}
    for line in (out / "calls.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        row.pop("inspected_at")
        assert row["conversation_id"] not in rows  # exactly once
        rows[row["conversation_id"]] = row
    with (out / "calls.csv").open(encoding="utf-8-sig") as handle:
        calls_csv = sorted(map(tuple, csv.reader(handle)))
    return rows, calls_csv, (out / "agents.csv").read_text(encoding="utf-8-sig")


def ray_runner(workers=2):
    from qa_engine.audit.ray_runner import RayRunner

    return RayRunner(InspectorSpec(), workers=workers)


def test_ray_audit_gives_the_same_outputs_as_a_local_audit(local_ray, local_audit, tmp_path):
    runner = ray_runner()
    result = run_audit(InspectorSpec(), CALLS, tmp_path, kpis=load_kpis_csv(EXAMPLES / "kpis.csv"),
                       runner=runner, batch_size=4)
    assert (result.scored, result.failed) == (36, 0)
    assert outputs(tmp_path) == outputs(local_audit)


@pytest.mark.slow
def test_ray_worker_killed_mid_run_loses_nothing(local_ray, local_audit, tmp_path):
    runner = ray_runner()
    done, killed = [0], []

    def kill_a_worker_once(n):
        done[0] += n
        if done[0] == 6 and not killed:
            pid = runner.actor_pids()[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    result = run_audit(InspectorSpec(), CALLS, tmp_path, kpis=load_kpis_csv(EXAMPLES / "kpis.csv"),
                       runner=runner, batch_size=2, on_progress=kill_a_worker_once)
    assert killed and (result.scored, result.failed) == (36, 0)
    assert outputs(tmp_path) == outputs(local_audit)


def test_cli_audit_ray_flag_runs_on_the_cluster(local_ray, tmp_path):
    result = CliRunner().invoke(app, ["audit", str(CALLS), "--ray", "--ray-workers", "2",
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "scored 36" in result.output
    again = CliRunner().invoke(app, ["audit", str(CALLS), "--ray", "--out", str(tmp_path / "out")])
    assert again.exit_code == 0 and "scored 0, skipped (already scored) 36" in again.output
