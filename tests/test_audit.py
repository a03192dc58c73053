"""Batch audit: bad files listed, every call exactly once through crashes, torn lines,
path spellings and reruns; summaries atomic and streaming."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import textwrap

import pytest

from qa_engine.audit import read_calls, run_audit
from qa_engine.audit.ledger import INDEX_PATH
from qa_engine.errors import AuditOutputError, InputError
from qa_engine.pipeline import Inspector
from qa_engine.scorecard import parse_scorecard
from tests.conftest import REPO, FixedAnalyzer, make_conversation

CARD = parse_scorecard({
    "name": "t", "version": "1", "total_weight": 10, "analyzers": {"kw": "keywords.v1"},
    "sections": [{"id": "s", "title": "开场规范", "items": [
        {"id": "greet", "title": "问候语", "finding": "kw.greeting", "weight": 8},
        {"id": "csat", "kpi": "csat", "weight": 2, "target": {"good": 5, "zero": 1}}]}]})


def make_inspector():
    return Inspector(CARD, analyzers={"kw": FixedAnalyzer("kw", {"greeting": 1.0})})


@pytest.fixture
def inspector():
    return make_inspector()


def write_calls(root, n=3, agents=("A1", "A1", "A2")):
    root.mkdir(exist_ok=True)
    for i in range(n):
        conv = make_conversation(("agent", "您好，请问有什么可以帮您"), ("customer", "查话费"),
                                 id=f"c{i}", agent_id=agents[i % len(agents)])
        (root / f"c{i}.json").write_text(conv.model_dump_json(), encoding="utf-8")
    return root


@pytest.fixture
def calls_dir(tmp_path):
    root = write_calls(tmp_path / "calls")
    (root / "broken.json").write_text('{"id": ', encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "notes.md").write_text("not a call", encoding="utf-8")
    return root


def csv_rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def assert_each_call_once(out, ids=("c0", "c1", "c2")):
    """calls.jsonl, calls.csv and agents.csv hold every call exactly once."""
    lines = jsonl(out / "calls.jsonl")  # every line parses
    assert sorted(r["conversation_id"] for r in lines) == sorted(ids)
    assert sorted(r["通话ID"] for r in csv_rows(out / "calls.csv")) == sorted(ids)
    assert sum(int(a["通话数"]) for a in csv_rows(out / "agents.csv")) == len(ids)


def test_audit_bad_files_are_listed_and_the_rest_scored(inspector, calls_dir, tmp_path):
    out = tmp_path / "out"
    result = run_audit(inspector, calls_dir, out)
    assert (result.scored, result.failed, result.files) == (3, 2, 5)
    errors = jsonl(out / "errors.jsonl")
    assert {e["file"].rsplit("/", 1)[1] for e in errors} == {"broken.json", "empty.txt"}
    assert all(e["stage"] == "load" and e["error_type"] == "InputError" and e["message"]
               and e["level"] == "error" and e["file_sha256"] for e in errors)
    rows = list(read_calls(out / "calls.jsonl"))
    assert {r["conversation_id"] for r in rows} == {"c0", "c1", "c2"}
    assert all(r["findings"]["kw"]["items"]["greeting"]["value"] == 1.0 for r in rows)
    assert all(os.path.isabs(r["file"]) and len(r["file_sha256"]) == 64 for r in rows)


def test_audit_csv_summaries_use_scorecard_titles(inspector, calls_dir, tmp_path):
    out = tmp_path / "out"
    run_audit(inspector, calls_dir, out, kpis={"c0": {"csat": 1}, "ghost": {"csat": 5}})
    calls = csv_rows(out / "calls.csv")
    assert {r["通话ID"]: r["得分"] for r in calls}["c0"] == "80.00"
    assert {r["通话ID"]: r["开场规范"] for r in calls}["c1"] == "100.00"
    assert (out / "calls.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8
    agents = csv_rows(out / "agents.csv")
    assert {a["坐席ID"]: int(a["通话数"]) for a in agents} == {"A1": 2, "A2": 1}
    assert {"排名", "并列", "收缩均分", "区间下限（90%）", "开场规范"} <= set(agents[0])
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["calls"] == 3 and summary["kpi_ids_without_call"]["first"] == ["ghost"]
    assert summary["last_run"]["failure_rate"] == pytest.approx(2 / 5)


def test_audit_parquet_beside_csv(inspector, calls_dir, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out"
    run_audit(inspector, calls_dir, out)
    table = pq.read_table(out / "calls.parquet").to_pylist()
    assert sorted(r["conversation_id"] for r in table) == ["c0", "c1", "c2"]
    assert {r["section_s"] for r in table} == {100.0}
    agents = pq.read_table(out / "agents.parquet").to_pylist()
    assert {a["agent_id"]: a["calls"] for a in agents} == {"A1": 2, "A2": 1}


def test_audit_compact_rows_leave_out_findings(inspector, calls_dir, tmp_path):
    out = tmp_path / "out"
    run_audit(inspector, calls_dir, out, compact=True)
    rows = jsonl(out / "calls.jsonl")
    assert all("findings" not in r and r["items"] for r in rows)


def test_audit_rerun_skips_scored_calls_and_rescores_changed_files(inspector, calls_dir, tmp_path):
    out = tmp_path / "out"
    run_audit(inspector, calls_dir, out)
    again = run_audit(inspector, calls_dir, out)
    assert (again.scored, again.skipped, again.failed) == (0, 3, 2)
    conv = make_conversation(("agent", "您好，变了"), id="c0", agent_id="A1")
    (calls_dir / "c0.json").write_text(conv.model_dump_json(), encoding="utf-8")
    third = run_audit(inspector, calls_dir, out)
    assert (third.scored, third.skipped) == (1, 2)
    assert len(list(read_calls(out / "calls.jsonl"))) == 3
    assert sorted(r["通话ID"] for r in csv_rows(out / "calls.csv")) == ["c0", "c1", "c2"]


def test_audit_noop_rerun_never_builds_the_inspector(calls_dir, tmp_path):
    out = tmp_path / "out"
    run_audit(make_inspector, calls_dir, out)
    built = []
    result = run_audit(lambda: built.append(1) or make_inspector(), write_calls(calls_dir), out,
                       scorecard=CARD)
    # the two bad files are rejected for their content: not retried until they change
    assert (result.scored, result.failed, built) == (0, 2, [])
    (calls_dir / "broken.json").write_text('{"id": "still broken"', encoding="utf-8")
    result = run_audit(lambda: built.append(1) or make_inspector(), calls_dir, out, scorecard=CARD)
    assert (result.scored, result.failed, built) == (0, 2, [1])


@pytest.mark.parametrize("cut", ["ascii", "utf8"])
def test_audit_torn_last_line_is_cut_reported_and_rescored(inspector, tmp_path, cut):
    calls_dir, out = write_calls(tmp_path / "calls"), tmp_path / "out"
    run_audit(inspector, calls_dir, out)
    data = (out / "calls.jsonl").read_bytes()
    last_start = data.rstrip(b"\n").rfind(b"\n") + 1
    if cut == "ascii":
        end = last_start + 40
    else:  # inside a Chinese character: 问 is 3 bytes in UTF-8
        end = data.index("问".encode(), last_start) + 1
    (out / "calls.jsonl").write_bytes(data[:end])
    (out / INDEX_PATH).write_bytes(b"")  # the index never saw the torn row either
    result = run_audit(inspector, calls_dir, out)
    assert (result.scored, result.skipped) == (1, 2)
    assert any("torn last line" in r for r in result.repairs)
    assert_each_call_once(out)
    assert run_audit(inspector, calls_dir, out).scored == 0


def test_audit_torn_index_and_crash_between_calls_and_index(inspector, tmp_path):
    calls_dir, out = write_calls(tmp_path / "calls"), tmp_path / "out"
    run_audit(inspector, calls_dir, out)
    index = (out / INDEX_PATH).read_bytes().splitlines(keepends=True)
    # the crash came after calls.jsonl was flushed and half-way through the index line
    (out / INDEX_PATH).write_bytes(b"".join(index[:1]) + index[1][:15])
    result = run_audit(inspector, calls_dir, out)
    assert (result.scored, result.skipped) == (0, 3)
    assert_each_call_once(out)


def test_audit_missing_index_is_rebuilt_without_rescoring(inspector, tmp_path):
    calls_dir, out = write_calls(tmp_path / "calls"), tmp_path / "out"
    run_audit(inspector, calls_dir, out)
    (out / INDEX_PATH).unlink()
    result = run_audit(inspector, calls_dir, out)
    assert (result.scored, result.skipped) == (0, 3)
    assert_each_call_once(out)


def test_audit_glued_line_from_an_old_crash_is_removed(inspector, tmp_path):
    calls_dir, out = write_calls(tmp_path / "calls"), tmp_path / "out"
    run_audit(inspector, calls_dir, out)
    lines = (out / "calls.jsonl").read_text(encoding="utf-8").splitlines()
    # what the old writer did: a torn line with the next row glued onto it
    (out / "calls.jsonl").write_text(lines[0] + "\n" + lines[1][:50] + lines[2] + "\n", encoding="utf-8")
    (out / INDEX_PATH).unlink()
    result = run_audit(inspector, calls_dir, out)
    assert result.scored == 2 and any("not valid rows" in r for r in result.repairs)
    assert_each_call_once(out)


def test_audit_path_spellings_score_each_call_once(inspector, tmp_path, monkeypatch):
    calls_dir, out = write_calls(tmp_path / "calls"), tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    assert run_audit(inspector, "calls", "out").scored == 3                      # relative
    assert run_audit(inspector, calls_dir, out).scored == 0                     # absolute
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert run_audit(inspector, "../calls/", "../out").scored == 0              # other cwd
    os.symlink(calls_dir, tmp_path / "link")
    assert run_audit(inspector, tmp_path / "link", out).scored == 0             # via a symlink
    assert_each_call_once(out)


def test_audit_copies_of_one_file_are_scored_once_and_warned(inspector, tmp_path):
    calls_dir, out = write_calls(tmp_path / "calls"), tmp_path / "out"
    (calls_dir / "copy.json").write_bytes((calls_dir / "c1.json").read_bytes())
    result = run_audit(inspector, calls_dir, out)
    assert (result.scored, result.duplicates, result.failed) == (3, 1, 0)
    (warning,) = jsonl(out / "errors.jsonl")
    assert warning["level"] == "warning" and "same content as" in warning["message"]
    run_audit(inspector, calls_dir, out)
    assert len(jsonl(out / "errors.jsonl")) == 1
    assert_each_call_once(out)


def test_audit_identical_bad_files_each_fail_and_are_not_retried(tmp_path):
    calls_dir, out = write_calls(tmp_path / "calls"), tmp_path / "out"
    for name in ("e1.json", "e2.json", "e3.txt"):
        (calls_dir / name).write_text("", encoding="utf-8")
    result = run_audit(make_inspector, calls_dir, out)
    assert (result.scored, result.failed, result.duplicates) == (3, 3, 0)
    built = []
    again = run_audit(lambda: built.append(1) or make_inspector(), calls_dir, out, scorecard=CARD)
    assert (again.failed, again.skipped, built) == (3, 3, [])
    assert len(jsonl(out / "errors.jsonl")) == 3


def test_audit_moved_files_are_not_scored_again(inspector, tmp_path):
    calls_dir, out = write_calls(tmp_path / "calls"), tmp_path / "out"
    run_audit(inspector, calls_dir, out)
    calls_dir.rename(tmp_path / "moved")
    result = run_audit(inspector, tmp_path / "moved", out)
    assert (result.scored, result.skipped, result.duplicates) == (0, 3, 0)
    assert_each_call_once(out)


def test_audit_errors_are_not_repeated_and_fixed_files_leave_the_list(inspector, calls_dir, tmp_path):
    out = tmp_path / "out"
    first = run_audit(inspector, calls_dir, out)
    second = run_audit(inspector, calls_dir, out)
    assert len(jsonl(out / "errors.jsonl")) == 2
    assert first.failure_rate == second.failure_rate == pytest.approx(2 / 5)
    conv = make_conversation(("agent", "您好"), id="fixed", agent_id="A3")
    (calls_dir / "broken.json").write_text(conv.model_dump_json(), encoding="utf-8")
    third = run_audit(inspector, calls_dir, out)
    assert (third.scored, third.failed) == (1, 1)
    assert [e["file"].rsplit("/", 1)[1] for e in jsonl(out / "errors.jsonl")] == ["empty.txt"]


def test_audit_summary_failure_leaves_the_previous_summaries_whole(inspector, tmp_path, monkeypatch):
    calls_dir, out = write_calls(tmp_path / "calls"), tmp_path / "out"
    run_audit(inspector, calls_dir, out)
    before = {name: (out / name).read_bytes() for name in ("calls.csv", "agents.csv", "summary.json")}
    write_calls(calls_dir, n=5, agents=("A1", "A2", "A3"))

    class Boom(Exception):
        pass

    real_writer = csv.writer

    def dying_writer(handle, *args, **kwargs):
        writer = real_writer(handle, *args, **kwargs)

        class Dying:
            rows = 0

            def writerow(self, row):
                Dying.rows += 1
                if Dying.rows > 2:
                    raise Boom
                return writer.writerow(row)

        return Dying()

    monkeypatch.setattr(csv, "writer", dying_writer)
    with pytest.raises(Boom):
        run_audit(inspector, calls_dir, out)
    assert {name: (out / name).read_bytes() for name in before} == before
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]
    monkeypatch.setattr(csv, "writer", real_writer)
    result = run_audit(inspector, calls_dir, out)
    assert (result.scored, result.skipped) == (0, 5)
    assert_each_call_once(out, ids=[f"c{i}" for i in range(5)])


KILLER = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {repo!r})
    from tests.test_audit import make_inspector
    from qa_engine.audit import run_audit
    import qa_engine.audit.summary as summary
    import qa_engine.audit.work as work
    where, after = sys.argv[1], int(sys.argv[2])
    seen = [0]
    def maybe_die():
        seen[0] += 1
        if seen[0] > after:
            os.kill(os.getpid(), signal.SIGKILL)
    if where == "summary":
        real = summary._call_cells
        def cells(*args):
            maybe_die()
            return real(*args)
        summary._call_cells = cells
    else:
        real = work.inspect_jobs
        def inspect(*args, **kwargs):
            maybe_die()
            return real(*args, **kwargs)
        work.inspect_jobs = inspect
    run_audit(make_inspector(), sys.argv[3], sys.argv[4], batch_size=2)
""")


@pytest.mark.parametrize("where", ["summary", "scoring"])
def test_audit_kill_9_then_rerun_leaves_every_call_once(inspector, tmp_path, where):
    calls_dir, out = write_calls(tmp_path / "calls", n=7, agents=("A1", "A2")), tmp_path / "out"
    if where == "summary":
        run_audit(inspector, write_calls(tmp_path / "first", n=2, agents=("B1",)), out)  # summaries exist
        before = (out / "calls.csv").read_bytes()
    script = tmp_path / "killer.py"
    script.write_text(KILLER.format(repo=str(REPO)), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), where, "3", str(calls_dir), str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9, proc.stderr
    if where == "summary":
        assert (out / "calls.csv").read_bytes() == before  # the old summary, whole
    result = run_audit(inspector, calls_dir, out)
    assert result.scored == (0 if where == "summary" else 7 - 6)
    ids = [f"c{i}" for i in range(7)] + (["c0", "c1"] if where == "summary" else [])
    assert_each_call_once(out, ids=ids)


def test_audit_kill_9_at_scoring_keeps_finished_batches(inspector, tmp_path):
    calls_dir, out = write_calls(tmp_path / "calls", n=7, agents=("A1", "A2")), tmp_path / "out"
    script = tmp_path / "killer.py"
    script.write_text(KILLER.format(repo=str(REPO)), encoding="utf-8")
    subprocess.run([sys.executable, str(script), "scoring", "2", str(calls_dir), str(out)],
                   capture_output=True, timeout=120)
    assert len(jsonl(out / "calls.jsonl")) == 4  # two batches of two were on disk


def test_audit_analyzer_crash_on_one_call_is_isolated(calls_dir, tmp_path):
    class Fragile(FixedAnalyzer):
        def analyze(self, conversation):
            if conversation.id == "c1":
                raise RuntimeError("boom")
            return super().analyze(conversation)

    insp = Inspector(CARD, analyzers={"kw": Fragile("kw", {"greeting": 1.0})})
    result = run_audit(insp, calls_dir, tmp_path / "out")
    assert result.scored == 2
    errors = jsonl(tmp_path / "out" / "errors.jsonl")
    assert {"stage": "inspect", "message": "boom"}.items() <= next(
        e for e in errors if e["file"].endswith("c1.json")).items()


def test_audit_calls_without_agent_id_are_counted_not_ranked(inspector, tmp_path):
    calls_dir, out = write_calls(tmp_path / "calls"), tmp_path / "out"
    conv = make_conversation(("agent", "您好"), id="anon", agent_id=None)
    (calls_dir / "anon.json").write_text(conv.model_dump_json(), encoding="utf-8")
    result = run_audit(inspector, calls_dir, out)
    assert result.summary.calls_without_agent == 1
    assert {a["坐席ID"] for a in csv_rows(out / "agents.csv")} == {"A1", "A2"}
    assert "anon" in {r["通话ID"] for r in csv_rows(out / "calls.csv")}


def test_audit_out_is_a_file_or_folder_has_no_calls(inspector, tmp_path):
    calls_dir = write_calls(tmp_path / "calls")
    (tmp_path / "taken").write_text("x")
    with pytest.raises(AuditOutputError, match="is a file"):
        run_audit(inspector, calls_dir, tmp_path / "taken")
    with pytest.raises(AuditOutputError, match="is a file"):
        run_audit(inspector, calls_dir, tmp_path / "taken" / "sub")
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.md").write_text("x")
    with pytest.raises(InputError, match=r"no transcripts or recordings found .*1 other file"):
        run_audit(inspector, other, tmp_path / "out")


def test_audit_crash_while_compacting_rebuilds_the_index(inspector, tmp_path, monkeypatch):
    import qa_engine.audit.ledger as ledger

    calls_dir, out = write_calls(tmp_path / "calls"), tmp_path / "out"
    run_audit(inspector, calls_dir, out)
    conv = make_conversation(("agent", "您好，变了"), id="c0", agent_id="A1")
    (calls_dir / "c0.json").write_text(conv.model_dump_json(), encoding="utf-8")
    real, calls = ledger.atomic_path, []

    def crash_on_index(path):
        calls.append(path)
        if path.name == "index.jsonl":
            raise KeyboardInterrupt
        return real(path)

    monkeypatch.setattr(ledger, "atomic_path", crash_on_index)
    with pytest.raises(KeyboardInterrupt):
        run_audit(inspector, calls_dir, out)
    monkeypatch.setattr(ledger, "atomic_path", real)
    result = run_audit(inspector, calls_dir, out)
    assert (result.scored, result.skipped) == (0, 3)
    assert any("rebuilt" in r for r in result.repairs)
    assert_each_call_once(out)
