"""The `qa` CLI on the bundled examples."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from qa_engine.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def test_cli_inspect_json_follows_output_contract():
    result = runner.invoke(app, ["inspect", str(EXAMPLES / "calls" / "billing-001.json"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("conversation_id", "agent_id", "score", "red_line_failed", "red_line_reasons",
                "items", "findings", "versions"):
        assert key in data
    assert data["conversation_id"] == "billing-001"
    assert {"id", "section", "weight", "value", "na_reason", "evidence"} <= set(data["items"][0])
    assert {"qa_engine", "scorecard", "rulebook"} <= set(data["versions"])


def test_cli_inspect_explains_items_in_a_table():
    result = runner.invoke(app, ["inspect", str(EXAMPLES / "calls" / "delivery-007.json")])
    assert result.exit_code == 0, result.output
    assert "delivery-007" in result.stdout and "Scorecard items" in result.stdout


def test_cli_inspect_text_export_in_gbk():
    result = runner.invoke(app, ["inspect", str(EXAMPLES / "transcripts" / "gbk-export.txt"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["utterance_count"] > 5


def test_cli_inspect_bad_file_one_line_error_and_exit_2():
    result = runner.invoke(app, ["inspect", str(EXAMPLES / "bad" / "malformed.json")])
    assert result.exit_code == 2
    assert "malformed.json: malformed JSON" in result.output
    assert "Traceback" not in result.output


def test_cli_inspect_unknown_scorecard_key(tmp_path):
    bad = tmp_path / "card.toml"
    bad.write_text((EXAMPLES.parent / "models" / "scorecard.toml").read_text(encoding="utf-8")
                   .replace('total_weight = 100', 'totl_weight = 100'), encoding="utf-8")
    result = runner.invoke(app, ["inspect", str(EXAMPLES / "calls" / "billing-001.json"),
                                 "--scorecard", str(bad)])
    assert result.exit_code == 2
    assert "unknown key 'totl_weight'" in result.output and "total_weight" in result.output


def test_cli_audit_examples_writes_all_outputs(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(EXAMPLES / "calls"), "--kpis",
                                 str(EXAMPLES / "kpis.csv"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in (out / "calls.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(list((EXAMPLES / "calls").glob("*.json")))
    assert (out / "calls.csv").exists() and (out / "agents.csv").exists()
    assert (out / "errors.jsonl").read_text() == ""
    assert "Agents" in result.stdout
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "开场规范" in report and "report.html" in result.stdout  # section titles, not ids


def test_cli_audit_with_bad_files_exits_1_and_lists_them(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(EXAMPLES / "bad"), "--out", str(out),
                                 "--no-report"])
    assert result.exit_code == 1
    assert not (out / "report.html").exists()
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(errors) == 5  # every file in examples/bad fails, no-agent.json included
    assert all({"file", "stage", "error_type", "message"} <= set(e) for e in errors)


def test_cli_schema_prints_json_schemas():
    for name, field in (("conversation", "utterances"), ("inspection", "red_line_failed"),
                        ("scorecard", "sections")):
        result = runner.invoke(app, ["schema", name])
        assert result.exit_code == 0
        assert field in json.loads(result.stdout)["properties"]


def _serve(status: int):
    import http.server
    import threading

    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["Idempotency-Key"], json.loads(body)))
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, received


def _risky_calls(tmp_path):
    calls = tmp_path / "calls"
    calls.mkdir()
    for name in ("billing-004.json", "refunds-002.json", "billing-001.json"):
        (calls / name).write_bytes((EXAMPLES / "calls" / name).read_bytes())
    return calls


def _audit_with_webhook(tmp_path, status: int):
    """Audit three example calls against a local webhook answering ``status``."""
    server, received = _serve(status)
    try:
        result = runner.invoke(app, ["audit", str(_risky_calls(tmp_path)), "--out", str(tmp_path / "o"),
                                     "--alerts-webhook", f"http://127.0.0.1:{server.server_port}/hook"])
    finally:
        server.shutdown()
    return result, received


def test_cli_audit_posts_complaint_alerts_to_webhook(tmp_path):
    result, received = _audit_with_webhook(tmp_path, 200)
    assert result.exit_code == 0, result.output
    alerted = {body["conversation_id"] for _, body in received}
    assert {"billing-004", "refunds-002"} <= alerted and "billing-001" not in alerted
    assert all(key and body["evidence"] for key, body in received)


def test_cli_audit_goes_on_when_webhook_refuses(tmp_path):
    result, received = _audit_with_webhook(tmp_path, 400)
    assert result.exit_code == 0, result.output
    failures = (tmp_path / "o" / "alert_failures.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(failures) == len(received) >= 2
    assert len((tmp_path / "o" / "calls.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_cli_inspect_fits_80_columns_with_titles_and_short_evidence():
    result = runner.invoke(app, ["inspect", str(EXAMPLES / "calls" / "refunds-002.json")],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    from rich.cells import cell_len

    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    # one line each; a single 我不知道 is no longer 推诿 on its own (rulebook 2026.11.8, min_hits = 2)
    assert any("推诿类禁语" in line and "我也没办法”" in line for line in lines)
    assert "no_dismissive" not in result.stdout and "业务处理" in result.stdout
    full = runner.invoke(app, ["inspect", str(EXAMPLES / "calls" / "refunds-002.json"),
                               "--json"])
    item = next(i for i in json.loads(full.stdout)["items"] if i["id"] == "no_dismissive")
    assert len(item["evidence"]) > 1 and item["evidence"][0]["text"] == "我也没办法"
    assert any("hits in 1 utterance(s) (#6), min_hits = 2" in (e["note"] or "") for e in item["evidence"])


def test_agents_table_shows_ties_where_intervals_overlap():
    from rich.console import Console

    from qa_engine.report import agents_table
    from qa_engine.rollup import AgentScore

    def agent(name, low, high):
        return AgentScore(agent_id=name, calls=5, mean=(low + high) / 2,
                          shrunk_mean=(low + high) / 2, interval_low=low, interval_high=high,
                          interval=0.9, shrinkage=0.2)

    console = Console(width=80, record=True)
    console.print(agents_table([agent("A", 80, 90), agent("B", 78, 88), agent("C", 50, 60)]))
    text = console.export_text()
    assert "=1" in text and "│    3 │ C" in text
def _one_line_error(result, code):
    lines = [x for x in result.output.splitlines() if x.strip()]
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert any(x.startswith(f"error [{code}]") for x in lines), result.output


def test_cli_audit_out_is_a_file_is_a_one_line_error(tmp_path):
    (tmp_path / "taken").write_text("x")
    result = runner.invoke(app, ["audit", str(EXAMPLES / "calls"), "--out", str(tmp_path / "taken")])
    _one_line_error(result, "QA120")
    assert "is a file" in result.output


def test_cli_audit_folder_without_calls_exits_2(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "readme.md").write_text("x")
    result = runner.invoke(app, ["audit", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    _one_line_error(result, "QA100")
    assert "no transcripts or recordings found" in result.output


def test_cli_audit_bad_kpi_csv_is_a_one_line_error(tmp_path):
    kpis = tmp_path / "k.csv"
    kpis.write_text("conversation_id,cast\nbilling-001,4\n", encoding="gbk")
    result = runner.invoke(app, ["audit", str(EXAMPLES / "calls"), "--kpis", str(kpis),
                                 "--out", str(tmp_path / "out")])
    _one_line_error(result, "QA110")
    assert "did you mean 'csat'" in result.output
    assert not (tmp_path / "out").exists()


def test_cli_audit_warns_about_kpi_ids_matching_no_call(tmp_path):
    kpis = tmp_path / "k.csv"
    kpis.write_text("conversation_id,csat\nbilling-001,4\nnobody-1,5\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(EXAMPLES / "calls"), "--kpis", str(kpis),
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "1 conversation id(s) match no call: nobody-1" in result.output


def test_cli_audit_rerun_keeps_the_exit_status(tmp_path):
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for p in list((EXAMPLES / "calls").glob("*.json"))[:9] + [EXAMPLES / "bad" / "malformed.json"]:
        (mixed / p.name).write_bytes(p.read_bytes())
    args = ["audit", str(mixed), "--out", str(tmp_path / "out"), "--max-failure-rate", "0.15"]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == second.exit_code == 0, second.output
    strict = runner.invoke(app, args[:-2])
    assert strict.exit_code == 1 and "1 of 10 file(s) failed (10.0%)" in strict.output
