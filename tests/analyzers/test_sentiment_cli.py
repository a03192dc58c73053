"""`qa predict sentiment`: one JSON line per input line, errors as one line."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from qa_engine.commands.models import register


def make_app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_predict_sentiment_prints_one_json_line_per_input_line(tmp_path):
    texts = tmp_path / "texts.txt"
    texts.write_text("太差劲了，我要投诉\n谢谢你，服务很好\n\n嗯\n", encoding="utf-8")
    result = CliRunner().invoke(make_app(), ["predict", "sentiment", str(texts)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["text"] for r in rows] == ["太差劲了，我要投诉", "谢谢你，服务很好", "", "嗯"]
    assert rows[0]["label"] == "negative" and rows[1]["label"] == "positive"
    assert all(0 <= r["negative_prob"] <= 1 for r in rows)
    from qa_engine.analyzers.sentiment import SentimentAnalyzer

    an = SentimentAnalyzer()
    texts = [r["text"] for r in rows]
    # negative_prob is the ranking score; the label's own P(negative) is printed beside it
    assert [r["negative_prob"] for r in rows] == [round(p, 4) for p in an.negative_prob(texts)]
    assert [r["label_negative_prob"] for r in rows] == [round(float(p), 4) for p in an.class_probs(texts)[:, 0]]


def test_predict_sentiment_reports_bad_input_in_one_line(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9\n".encode("latin-1"))
    result = CliRunner().invoke(make_app(), ["predict", "sentiment", str(bad)])
    assert result.exit_code == 2 and "UTF-8" in result.output
    missing = CliRunner().invoke(make_app(), ["predict", "sentiment", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "nope.txt" in missing.output
    family = CliRunner().invoke(make_app(), ["predict", "sentiment", str(bad), "--family", "bert"])
    assert family.exit_code == 2 and "baseline" in family.output


def test_predict_sentiment_reads_agent_lines_with_the_agent_heads(tmp_path):
    texts = tmp_path / "agent.txt"
    texts.write_text("非常抱歉给您带来不好的消费体验\n很抱歉让您久等了，这边马上为您处理\n", encoding="utf-8")
    as_agent = CliRunner().invoke(make_app(), ["predict", "sentiment", str(texts), "--agent"])
    as_customer = CliRunner().invoke(make_app(), ["predict", "sentiment", str(texts)])
    assert as_agent.exit_code == 0 and as_customer.exit_code == 0, as_agent.output
    agent_rows = [json.loads(line) for line in as_agent.output.splitlines()]
    customer_rows = [json.loads(line) for line in as_customer.output.splitlines()]
    assert [r["label"] for r in agent_rows] == ["neutral", "neutral"]
    assert all(a["negative_prob"] < c["negative_prob"] for a, c in zip(agent_rows, customer_rows, strict=True))
