"""Performance routes: ratings, a period run over stored calls (results in the audit log,
warnings through the outbox), coaching tasks an agent sees and a supervisor closes, the
review sample, payroll CSV and calibration κ."""

from __future__ import annotations

import csv
import io
import random

from sqlalchemy import select

from service.models import OutboxMessage
from tests.service.conftest import conversation

PERF = "/api/v1/performance"
AGENTS = ["A1", "A2", "A3", "A4"]


def _month(service, *, drop_agent="A2", drop_from=17, low_fcr="A3", per_day=2):
    """``per_day`` calls a day for a month per agent; the drop agent turns rude from
    ``drop_from``; ``low_fcr`` resolves half the calls at first contact."""
    rng = random.Random(5)
    qa = service.as_("qa")
    for day in range(1, 31):
        for agent in AGENTS:
            for k in range(per_day):
                rude = agent == drop_agent and day >= drop_from or (agent == "A4" and
                                                                    day == 9 and k == 0)
                fcr = 1.0 if rng.random() < (0.5 if agent == low_fcr else 0.9) else 0.0
                body = conversation(f"{agent}-{day:02d}-{k}", agent=agent, rude=rude,
                                    started_at=f"2026-11-{day:02d}T{9 + 3 * k:02d}:30:00+08:00",
                                    kpis={"fcr": fcr, "csat": 4 + fcr,
                                          "response_time_seconds": 12 + rng.random() * 6,
                                          "aht_seconds": 240 + rng.random() * 60})
                response = service.client.post("/api/v1/conversations", json=body, headers=qa)
                assert response.status_code == 201, response.text


def test_performance_run_end_to_end(service):
    staff, qa = service.as_("supervisor"), service.as_("qa")
    assert service.client.post("/api/v1/alerts/subscriptions", headers=service.as_("admin"),
                               json={"url": "http://127.0.0.1:9/qa", "threshold": 0.9}
                               ).status_code == 201
    _month(service)
    roster = {"agents": [{"agent_id": a, "role": "agent", "supervisor": "S1"} for a in AGENTS]}
    assert service.client.put(f"{PERF}/roster", json=roster, headers=staff).json() == {"stored": 4}
    ratings = {"ratings": [{"agent_id": a, "period": "2026-11", "source": "supervisor",
                            "rater_id": r, "score": s} for a in AGENTS
                           for r, s in (("S1", 4), ("S2", 5))]}
    assert service.client.post(f"{PERF}/ratings", json=ratings, headers=staff).status_code == 201
    peer_csv = "agent_id,period,source,rater_id,score\n" + "".join(
        f"{a},2026-11,peer,{b},4\n" for a in AGENTS for b in AGENTS if a != b)
    response = service.client.post(f"{PERF}/ratings/csv", content=peer_csv.encode(),
                                   headers={**staff, "Content-Type": "text/csv"})
    assert response.status_code == 201 and response.json() == {"stored": 12}

    response = service.client.post(f"{PERF}/runs", json={"period": "2026-11"}, headers=staff)
    assert response.status_code == 201, response.text
    run = response.json()
    results = {r["agent_id"]: r for r in run["results"]}
    assert sorted(results) == AGENTS
    for r in results.values():
        assert r["structure"] == "frontline" and r["calls"] == 60
        assert r["tier"] and r["coefficient"] and r["total"] is not None
        assert {i["id"] for i in r["indicators"]} >= {"quality", "fcr", "supervisor", "peer"}
    assert [(w["agent_id"], w["indicator"]) for w in run["warnings"]] == [("A2", "quality")]
    warning = run["warnings"][0]
    assert "2026-11-15" <= warning["days"][0] <= "2026-11-19"
    assert "A2-25-0" in warning["calls"]
    tasks = {(t["agent_id"], t["rule"]): t for t in run["coaching_tasks"]}
    assert ("A3", "low_fcr") in tasks and tasks[("A3", "low_fcr")]["owner"] == "S1"

    with service.app.state.sessionmaker() as session:
        messages = list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "perf_warning")))
    assert len(messages) == 1 and messages[0].payload["type"] == "performance_deviation"
    assert messages[0].payload["agent_id"] == "A2" and "chart" not in messages[0].payload

    log = service.client.get("/api/v1/audit-log", params={"limit": 1000}, headers=qa).json()
    entry = next(e for e in log if e["action"] == "performance.results")
    assert entry["seq"] == run["audit_seq"] and entry["subject"] == "period:2026-11"
    assert {r["agent_id"] for r in entry["payload"]["results"]} == set(AGENTS)
    assert service.client.get("/api/v1/audit-log/verify", headers=qa).json()["ok"] is True

    # A second run raises no warning, outbox message or task twice.
    again = service.client.post(f"{PERF}/runs", json={"period": "2026-11"}, headers=staff)
    assert again.status_code == 201
    with service.app.state.sessionmaker() as session:
        assert len(list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "perf_warning")))) == 1
    all_tasks = service.client.get(f"{PERF}/coaching", headers=staff).json()
    assert len(all_tasks) == len({t["id"] for t in all_tasks}) == len(run["coaching_tasks"])

    # Payroll CSV, results and warnings as stored.
    payroll = service.client.get(f"{PERF}/results.csv", params={"period": "2026-11"},
                                 headers=staff)
    assert payroll.status_code == 200 and payroll.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(payroll.text)))
    assert [r["agent_id"] for r in rows] == AGENTS and all(r["coefficient"] for r in rows)
    stored = service.client.get(f"{PERF}/warnings", params={"period": "2026-11"},
                                headers=staff).json()
    assert [w["id"] for w in stored] == [warning["id"]] and stored[0]["chart"]


def test_performance_agents_see_their_own_tasks_and_staff_close_them(service):
    _month(service, drop_agent=None, low_fcr="A1", per_day=1)
    staff = service.as_("supervisor")
    assert service.client.post(f"{PERF}/runs", json={"period": "2026-11"},
                               headers=staff).status_code == 201
    own = service.client.get(f"{PERF}/coaching", headers=service.as_("agent")).json()
    assert own and {t["agent_id"] for t in own} == {"A1"}
    assert service.client.get(f"{PERF}/coaching", params={"agent_id": "A3"},
                              headers=service.as_("agent")).status_code == 403
    assert service.client.get(f"{PERF}/coaching", headers=service.as_("agent2")).json() == []
    mine = service.client.get(f"{PERF}/results", params={"period": "2026-11"},
                              headers=service.as_("agent")).json()
    assert [r["agent_id"] for r in mine] == ["A1"]

    task = next(t for t in own if t["rule"] == "low_fcr")
    close = f"{PERF}/coaching/{task['id']}/close"
    assert service.client.post(close, json={"outcome": "x"},
                               headers=service.as_("agent")).status_code == 403
    closed = service.client.post(close, json={"outcome": "mentor assigned"}, headers=staff)
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed" and closed.json()["outcome"] == "mentor assigned"
    assert service.client.post(close, json={"outcome": "again"}, headers=staff).status_code == 409
    assert service.client.post(f"{PERF}/coaching/nope/close", json={"outcome": "x"},
                               headers=staff).status_code == 404
    listed = service.client.get(f"{PERF}/coaching", params={"status": "closed"},
                                headers=service.as_("agent")).json()
    assert [t["id"] for t in listed] == [task["id"]]

    # December: A1 resolves every call; the December run shows the FCR moved.
    for day in range(1, 11):
        body = conversation(f"dec-{day}", agent="A1", kpis={"fcr": 1.0},
                            started_at=f"2026-12-{day:02d}T10:00:00+08:00")
        assert service.client.post("/api/v1/conversations", json=body,
                                   headers=service.as_("qa")).status_code == 201
    assert service.client.post(f"{PERF}/runs", json={"period": "2026-12"},
                               headers=staff).status_code == 201
    followed = next(t for t in service.client.get(f"{PERF}/coaching", headers=staff).json()
                    if t["id"] == task["id"])
    assert followed["status"] == "closed" and followed["outcome"] == "mentor assigned"
    assert followed["follow_up"]["period"] == "2026-12"
    assert followed["follow_up"]["after"] == 1.0 and followed["follow_up"]["improved"] is True


def test_performance_sample_queue_and_calibration(service):
    _month(service, drop_agent=None, per_day=1)
    staff = service.as_("qa")
    service.client.post(f"{PERF}/runs", json={"period": "2026-11"}, headers=staff)
    sample = service.client.get(f"{PERF}/sample", params={"period": "2026-11"},
                                headers=staff).json()
    per_agent = {a: [s for s in sample if s["agent_id"] == a] for a in AGENTS}
    assert all(sum("random" in s["reasons"] for s in calls) == 3
               for calls in per_agent.values())                     # 10 % of 30
    first = sample[0]
    marked = service.client.post(
        f"{PERF}/sample/2026-11/{first['conversation_id']}/reviewed", headers=staff)
    assert marked.status_code == 200 and marked.json()["status"] == "reviewed"
    queued = service.client.get(f"{PERF}/sample", params={"period": "2026-11",
                                                          "status": "queued"},
                                headers=staff).json()
    assert len(queued) == len(sample) - 1
    labels = [{"conversation_id": f"c{i}", "item": "greeting", "reviewer": r,
               "label": "pass" if i % 2 else "fail"} for i in range(6) for r in ("r1", "r2")]
    kappa = service.client.post(f"{PERF}/calibration", json={"labels": labels}, headers=staff)
    assert kappa.status_code == 200
    assert kappa.json()[0]["kappa"] == 1.0 and kappa.json()[0]["method"] == "cohen"


def test_performance_bad_input_is_a_422_naming_the_problem(service):
    staff = service.as_("supervisor")
    bad = service.client.post(f"{PERF}/runs", json={"period": "November"}, headers=staff)
    assert bad.status_code == 422 and "YYYY-MM" in bad.json()["detail"]
    plan = {"name": "x", "version": "1", "structures": [], "tiers": {"levels": []},
            "tier": {}}
    bad = service.client.post(f"{PERF}/runs", json={"period": "2026-11", "plan": plan},
                              headers=staff)
    assert bad.status_code == 422 and "unknown key 'tier'" in bad.json()["detail"]
    out_of_scale = {"ratings": [{"agent_id": "A1", "period": "2026-11", "source": "peer",
                                 "rater_id": "A2", "score": 9}]}
    bad = service.client.post(f"{PERF}/ratings", json=out_of_scale, headers=staff)
    assert bad.status_code == 422 and "outside the scale 1–5" in bad.json()["detail"]
    body = b"agent_id,period,source,rater_id,score\nA1,2026-11,boss,x,4\n"
    bad = service.client.post(f"{PERF}/ratings/csv", content=body,
                              headers={**staff, "Content-Type": "text/csv"})
    assert bad.status_code == 422 and "line 2, column source" in bad.json()["detail"]
    assert service.client.post(f"{PERF}/runs", json={"period": "2026-11"},
                               headers=service.as_("agent")).status_code == 403


def test_performance_rating_with_a_bad_period_names_the_field(service):
    body = {"ratings": [{"agent_id": "A1", "period": "2026-13", "source": "peer",
                         "rater_id": "A2", "score": 4}]}
    bad = service.client.post(f"{PERF}/ratings", json=body, headers=service.as_("supervisor"))
    assert bad.status_code == 422
    assert "ratings[0].period" in bad.json()["detail"] and "YYYY-MM" in bad.json()["detail"]


def test_performance_roster_hire_date_must_be_a_date_string(service):
    # Found by `eval/fuzz_service.py`: pydantic read a bare number as Unix seconds.
    staff = service.as_("supervisor")
    bad = service.client.put(f"{PERF}/roster", json={"agents": [{"agent_id": "A1", "hired_on": 0}]},
                             headers=staff)
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.json()["detail"]
    good = service.client.put(f"{PERF}/roster", json={"agents": [{"agent_id": "A1", "hired_on": "2026-10-20"}]},
                              headers=staff)
    assert good.status_code == 200 and good.json() == {"stored": 1}
