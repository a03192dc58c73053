"""Periods, reading calls.jsonl, and 360° ratings with rater leniency."""

from __future__ import annotations

import json
from datetime import date

import pytest

from qa_engine.errors import InputError
from qa_engine.performance.periods import parse_period, period_of, within
from qa_engine.performance.ratings import Rating, check_scale, load_ratings_csv, rater_leniency
from qa_engine.performance.plan import RatingOptions
from qa_engine.performance.records import load_calls_jsonl


@pytest.mark.parametrize("label, start, end", [
    ("2026-11", date(2026, 11, 1), date(2026, 12, 1)),
    ("2026-12", date(2026, 12, 1), date(2027, 1, 1)),
    ("2026-W45", date(2026, 11, 2), date(2026, 11, 9)),
    ("2026-Q4", date(2026, 10, 1), date(2027, 1, 1)),
    ("2026-Q1", date(2026, 1, 1), date(2026, 4, 1)),
])
def test_periods_parse_month_week_quarter(label, start, end):
    period = parse_period(label)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize("bad", ["2026-13", "2026-W60", "2026-Q5", "November", "2026/11",
                                 "²⁰²⁶-11", "２０２６-11"])
def test_periods_bad_label_names_the_formats(bad):
    with pytest.raises(InputError, match="YYYY-MM .*YYYY-Www .*YYYY-Qn"):
        parse_period(bad)


def test_periods_previous_and_within():
    assert parse_period("2026-01").previous().label == "2025-12"
    assert period_of(date(2026, 11, 26), "quarter").label == "2026-Q4"
    assert within("2026-11", parse_period("2026-Q4"))
    assert not within("2026-Q4", parse_period("2026-11"))


def _row(cid, agent="A1", started="2026-11-03T10:00:00+08:00", **extra):
    return {"conversation_id": cid, "agent_id": agent, "started_at": started, "score": 80.0,
            "red_line_failed": False, "sections": {"handling": 70.0}, "kpis": {"fcr": 1.0},
            "findings": {"complaint_risk": {"items": {"risk": {"probability": 0.4}}}}, **extra}


def test_records_read_inspections_with_kpi_overrides_and_a_torn_last_line(tmp_path):
    path = tmp_path / "calls.jsonl"
    path.write_text("\n".join([json.dumps(_row("c1")), json.dumps(_row("c2")),
                               json.dumps(_row("c1", score=60.0)), '{"conversation_id": "c3", "ag'])
                    + "\n", encoding="utf-8")
    calls = {c.conversation_id: c for c in load_calls_jsonl(path, {"c2": {"fcr": 0.0}})}
    assert set(calls) == {"c1", "c2"}          # the torn last line is skipped
    assert calls["c1"].score == 60.0           # the latest row wins
    assert calls["c2"].kpis["fcr"] == 0.0 and calls["c1"].kpis["fcr"] == 1.0
    assert calls["c1"].risk == 0.4 and calls["c1"].value("section:handling") == 70.0
    assert calls["c1"].day == date(2026, 11, 3)


def test_records_errors_name_the_line(tmp_path):
    path = tmp_path / "calls.jsonl"
    path.write_text("not json\n" + json.dumps(_row("c1")) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1: invalid JSON"):
        load_calls_jsonl(path)
    path.write_text(json.dumps(_row("c1", agent=None)) + "\n" + json.dumps(_row("c2")) + "\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1 \(c1\): agent_id"):
        load_calls_jsonl(path)
    with pytest.raises(InputError, match="not found"):
        load_calls_jsonl(tmp_path / "nope.jsonl")


def test_ratings_csv_loads_and_bad_rows_name_line_and_column(tmp_path):
    path = tmp_path / "ratings.csv"
    path.write_text("agent_id,period,source,rater_id,score,comment\n"
                    "A1,2026-11,peer,A2,4,helpful\nA1,2026-11,supervisor,S1,5,\n",
                    encoding="utf-8")
    ratings = load_ratings_csv(path)
    assert [(r.source, r.score, r.comment) for r in ratings] == [("peer", 4.0, "helpful"),
                                                                 ("supervisor", 5.0, "")]
    path.write_text("agent_id,period,source,rater_id,score\nA1,2026-11,boss,S1,4\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match="line 2, column source: .*'boss'.*customer, peer"):
        load_ratings_csv(path)
    path.write_text("agent_id,period,source,rater_id,score\nA1,2026-13,peer,S1,4\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match="line 2, column period: period '2026-13'"):
        load_ratings_csv(path)
    path.write_text("agent_id,source,score\nA1,peer,4\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks column\\(s\\) period, rater_id"):
        load_ratings_csv(path)


def test_ratings_outside_the_scale_are_rejected():
    with pytest.raises(InputError, match="'A1' by 'S1' is 7, outside the scale 1–5"):
        check_scale([Rating(agent_id="A1", period="2026-11", source="peer", rater_id="S1",
                            score=7)], RatingOptions())


def test_ratings_leniency_finds_the_generous_rater():
    ratings = []
    for agent, base in (("A1", 3.0), ("A2", 4.0), ("A3", 3.5), ("A4", 4.5)):
        ratings += [Rating(agent_id=agent, period="2026-11", source="supervisor", rater_id="S1",
                           score=base),
                    Rating(agent_id=agent, period="2026-11", source="supervisor", rater_id="S2",
                           score=base),
                    Rating(agent_id=agent, period="2026-11", source="supervisor", rater_id="S3",
                           score=min(5.0, base + 1.0))]
    by_rater = {r.rater_id: r for r in rater_leniency(ratings, flag_beyond=0.5)}
    assert by_rater["S3"].leniency == pytest.approx((1 + 1 + 1 + 0.5) / 4)
    assert by_rater["S3"].flag == "lenient"
    assert by_rater["S1"].leniency < 0 and by_rater["S1"].flag is None
    assert rater_leniency(ratings)[0].rater_id == "S3"   # most lenient first
    # One survey answer is not enough to call its author lenient.
    few = rater_leniency(ratings[:3], flag_beyond=0.5, min_compared=3)
    assert all(r.flag is None for r in few)
