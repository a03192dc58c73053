"""Run an audit's per-file work on Ray: actors hold the models, the driver writes.

``qa audit DIR --ray`` starts a local Ray (``--ray-address`` joins a cluster). Each actor
builds one ``Inspector`` (models loaded once per actor) and runs ``inspect_jobs`` — load,
transcribe recordings, inspect — on batches of files; the driver keeps a few batches in
flight per actor and hands each finished batch to the one local writer in ``run_audit``,
which puts every outcome into the outputs exactly once.

A killed worker loses nothing: actors are created with unlimited restarts and task
retries, so Ray restarts a dead actor (it loads its models again) and re-runs the batches
it held; a batch that still fails (``TASK_RETRIES`` deaths) becomes error rows for its
files, never a gap.
Workers read the files by path, so on a cluster the audited folder must be mounted at the
same path on every node (the usual NFS / object-store mount).

Requires ``pip install 'qa-engine[distributed]'``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping

from qa_engine.audit.rows import error_row
from qa_engine.audit.work import Job, Outcome, WorkOptions, inspect_jobs
from qa_engine.errors import QAEngineError

# Batches queued per actor: one running, one waiting, so an actor never idles on the driver.
IN_FLIGHT_PER_ACTOR = 2
# Tries of a batch whose actor died under it: enough for a killed worker, finite so a
# file that crashes the process every time ends as error rows instead of a loop.
TASK_RETRIES = 3
# Object store for a local Ray: results are a few MB per batch.
LOCAL_OBJECT_STORE_BYTES = 256 * 1024 * 1024


class RayNotInstalledError(QAEngineError):
    code = "QA310"


def _ray():
    try:
        import ray
    except ImportError:
        raise RayNotInstalledError(
            "--ray needs Ray: pip install 'qa-engine[distributed]'") from None
    return ray


class InspectActor:
    """Holds one Inspector and the KPI table; inspects batches of files."""

    def __init__(self, make_inspector, kpis_box: list, options: WorkOptions) -> None:
        import ray

        self.inspector = make_inspector()
        # The KPI table comes by reference (boxed, so Ray passes the reference itself):
        # one copy in the object store, fetched again by a restarted actor.
        self.kpis, self.options = ray.get(kpis_box[0]), options

    def pid(self) -> int:
        return os.getpid()

    def inspect(self, jobs: list[Job], keep_inspections: bool) -> list[Outcome]:
        return inspect_jobs(self.inspector, jobs, self.kpis, self.options,
                            keep_inspections=keep_inspections)


class RayRunner:
    """Spreads batches over ``workers`` actors (default: one per CPU of the cluster).

    Args:
        make_inspector: a picklable zero-argument factory of the Inspector, called once in
            each actor (e.g. ``InspectorSpec(scorecard, rulebook)``).
        address: a Ray cluster address; None starts (or reuses) a local Ray.
        workers: number of actors.
        num_cpus: CPUs of a local Ray (default: this machine's).
    """

    def __init__(self, make_inspector, *, address: str | None = None, workers: int | None = None,
                 num_cpus: int | None = None) -> None:
        ray = _ray()
        self._ray, self._make_inspector = ray, make_inspector
        self._owns = not ray.is_initialized()
        if self._owns:
            options = dict(include_dashboard=False, configure_logging=False, log_to_driver=False)
            if address is None:
                options.update(num_cpus=num_cpus or os.cpu_count(),
                               object_store_memory=LOCAL_OBJECT_STORE_BYTES)
            try:
                ray.init(address=address, **options)
            except (ConnectionError, ValueError, RuntimeError) as exc:
                where = address or "local"
                raise QAEngineError(f"cannot start or join Ray at {where}: {exc}") from None
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.actors: list = []

    def actor_pids(self) -> list[int]:
        """Process ids of the actors (for tests that kill one)."""
        return self._ray.get([a.pid.remote() for a in self.actors])

    def start(self, kpis: Mapping, options: WorkOptions) -> None:
        ray = self._ray
        actor = ray.remote(num_cpus=1, max_restarts=-1,
                           max_task_retries=TASK_RETRIES)(InspectActor)
        # Kept on the runner: a restarted actor is built again from this reference.
        self._kpis_ref = ray.put(dict(kpis))
        self.actors = [actor.remote(self._make_inspector, [self._kpis_ref], options)
                       for _ in range(self.workers)]

    def run(self, batches: Iterable[list[Job]], kpis: Mapping, options: WorkOptions, *,
            keep_inspections: bool = False) -> Iterator[list[Outcome]]:
        """Yield each batch's outcomes as it finishes (not in submission order)."""
        ray = self._ray
        upcoming = iter(batches)    # pulled as actors free up: hashing overlaps the work
        batch = next(upcoming, None)
        if batch is not None and not self.actors:  # nothing to score: no models loaded
            self.start(kpis, options)
        pending: dict = {}          # ObjectRef -> (batch, actor index)
        load = [0] * len(self.actors)
        limit = IN_FLIGHT_PER_ACTOR * len(self.actors)
        while batch is not None or pending:
            while batch is not None and len(pending) < limit:
                index = min(range(len(load)), key=load.__getitem__)
                ref = self.actors[index].inspect.remote(batch, keep_inspections)
                pending[ref] = (batch, index)
                load[index] += 1
                batch = next(upcoming, None)
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                finished, index = pending.pop(ref)
                load[index] -= 1
                yield self._result(ref, finished)

    def _result(self, ref, batch: list[Job]) -> list[Outcome]:
        try:
            return self._ray.get(ref)
        except Exception as exc:  # noqa: BLE001 — the batch's files are listed, not lost
            return [Outcome(job, error=error_row(job.file, job.sha256, "worker", exc))
                    for job in batch]

    def close(self) -> None:
        for actor in self.actors:
            try:
                self._ray.kill(actor)
            except Exception:  # noqa: BLE001
                pass
        self.actors = []
        if self._owns and self._ray.is_initialized():
            self._ray.shutdown()
