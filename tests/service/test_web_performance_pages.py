"""The performance pages (``/ui/performance…``): they show the figures the performance
routes return (results, warnings, coaching tasks, the sample, calibration κ), keep the
API's roles (an agent sees only their own tasks and results and cannot reach staff pages)
and refuse a form posted without the session's CSRF token."""

from __future__ import annotations

import html
import re

from .conftest import conversation
from .test_performance_routes import PERF, _month
from .test_web_pages import csrf_in, sign_in


def _row(page: str, element_id: str) -> str:
    """The HTML of one table row by its id."""
    match = re.search(rf'<tr[^>]*id="{re.escape(element_id)}".*?</tr>', page, re.S)
    assert match, f"no row {element_id}"
    return match.group(0)


def supervisor_page(service, url: str) -> str:
    return sign_in(service, "supervisor").get(url).text


def test_staff_run_a_period_and_see_the_librarys_figures(service):
    _month(service)  # A2 turns rude from the 17th, A3 resolves half the calls at first contact
    risky = conversation("A1-risky", agent="A1", risk=0.9, started_at="2026-11-20T15:00:00+08:00")
    assert service.client.post("/api/v1/conversations", json=risky,
                               headers=service.as_("qa")).status_code == 201
    client = sign_in(service, "supervisor")
    page = client.get("/ui/performance", params={"period": "2026-11"})
    assert page.status_code == 200 and 'id="no-results"' in page.text
    assert 'id="nav-perf"' in page.text and 'id="nav-sample"' in page.text

    # Running the period is a CSRF-protected form; without the token nothing runs.
    refused = client.post("/ui/performance/run", data={"period": "2026-11"})
    assert refused.status_code == 403
    assert service.client.get(f"{PERF}/results", params={"period": "2026-11"},
                              headers=service.as_("qa")).json() == []
    ran = client.post("/ui/performance/run", data={"period": "2026-11", "csrf": csrf_in(page.text)})
    assert ran.status_code == 200 and 'id="flash"' in ran.text and "2026-11" in ran.text
    assert 'id="chart-perf"' in ran.text

    staff = service.as_("qa")
    results = service.client.get(f"{PERF}/results", params={"period": "2026-11"},
                                 headers=staff).json()
    assert [r["agent_id"] for r in results] == ["A1", "A2", "A3", "A4"]
    assert len({(r["total"], r["tier"]) for r in results}) > 1  # figures differ by agent
    for r in results:
        row = _row(ran.text, f"perf-{r['agent_id']}")
        assert f"<b>{r['total']:.1f}</b>" in row
        assert f"{r['total_low']:.1f}–{r['total_high']:.1f}" in row
        assert f'<span class="tag">{r["tier"]}</span>' in row
        assert f"{r['coefficient']:.2f}" in row
        for ind in r["indicators"]:
            if ind["points"] is not None:
                assert re.search(rf'data-ind="{ind["id"]}"><b>{ind["points"]:.1f}</b>', row)
    # The plot's data are the routes' totals and intervals, unchanged.
    assert f'"total": [{results[0]["total"]}' in ran.text

    payroll = client.get("/ui/performance/results.csv", params={"period": "2026-11"})
    assert payroll.status_code == 200 and payroll.headers["content-type"].startswith("text/csv")
    assert payroll.text == service.client.get(f"{PERF}/results.csv", params={
        "period": "2026-11"}, headers=staff).text

    # Warnings: A2's quality break with its days, shift and links to the calls behind it.
    warnings = service.client.get(f"{PERF}/warnings", headers=staff).json()
    assert [(w["agent_id"], w["indicator"]) for w in warnings] == [("A2", "quality")]
    w = warnings[0]
    page = client.get("/ui/performance/warnings").text
    card = page[page.index(f'id="warning-{w["id"]}"'):]
    assert f"{w['days'][0]} – {w['days'][-1]}" in card
    assert f"<b>{w['shift']:+.3g}</b>" in card
    for call in w["worst_calls"]:
        assert f'href="/ui/calls/{call}"' in card
    assert 'href="/ui/calls/A2-25-0"' in card  # every call behind it is linked

    # Coaching: staff see every task, each with a close form.
    tasks = service.client.get(f"{PERF}/coaching", headers=staff).json()
    page = client.get("/ui/performance/coaching").text
    assert {t["agent_id"] for t in tasks} >= {"A3"}
    for t in tasks:
        assert f'id="task-{t["id"]}"' in page
    assert page.count('class="close-form"') == sum(t["status"] == "open" for t in tasks)

    # The sample: every sampled call linked with its reasons; marking one reviewed.
    sample = service.client.get(f"{PERF}/sample", params={"period": "2026-11"},
                                headers=staff).json()
    page = client.get("/ui/performance/sample", params={"period": "2026-11"}).text
    assert f'id="sample-total">{len(sample)}<' in page
    for s in sample:
        row = _row(page, f"sample-{s['conversation_id']}")
        assert f'<a class="call-link" href="/ui/calls/{s["conversation_id"]}">' in row
        assert re.findall(r'<span class="tag[^"]*">([^<]+)</span>', row) == s["reasons"]
    assert "high_risk" in next(s for s in sample if s["conversation_id"] == "A1-risky")["reasons"]
    first = sample[0]
    url = f"/ui/performance/sample/2026-11/{first['conversation_id']}/reviewed"
    assert client.post(url, data={}).status_code == 403
    done = client.post(url, data={"csrf": csrf_in(page)})
    assert done.status_code == 200 and 'data-status="reviewed"' in done.text
    reviewed = service.client.get(f"{PERF}/sample", headers=staff,
                                  params={"period": "2026-11", "status": "reviewed"}).json()
    assert [s["conversation_id"] for s in reviewed] == [first["conversation_id"]]


def test_agent_sees_only_own_tasks_and_cannot_reach_staff_pages(service):
    _month(service, drop_agent="A3", low_fcr="A1", per_day=1)  # A3: red lines from the 17th
    staff = service.as_("supervisor")
    assert service.client.post(f"{PERF}/runs", json={"period": "2026-11"},
                               headers=staff).status_code == 201
    tasks = service.client.get(f"{PERF}/coaching", headers=staff).json()
    mine = [t for t in tasks if t["agent_id"] == "A1"]
    assert mine and len(tasks) > len(mine), "the month should give A1 and another agent tasks"

    agent = sign_in(service, "agent")  # agent A1
    page = agent.get("/ui/performance/coaching").text
    assert set(re.findall(r'data-agent="([^"]+)"', page)) == {"A1"}
    assert all(f'id="task-{t["id"]}"' in page for t in mine)
    assert 'class="close-form"' not in page and 'id="nav-sample"' not in page
    results = agent.get("/ui/performance").text  # the latest stored period
    assert re.findall(r'class="perf-row" id="perf-([^"]+)"', results) == ["A1"]
    assert 'id="run-form"' not in results and 'id="payroll-csv"' not in results
    warned = {w["agent_id"] for w in service.client.get(f"{PERF}/warnings", headers=staff).json()}
    assert "A3" in warned  # A3's quality break: staff see it, A1's page does not
    assert "A3 · " in supervisor_page(service, "/ui/performance/warnings")
    assert "A3 · " not in agent.get("/ui/performance/warnings").text
    assert agent.get("/ui/performance/sample").status_code == 403
    assert agent.get("/ui/performance/results.csv", params={"period": "2026-11"}).status_code == 403
    csrf = csrf_in(page)
    assert agent.post("/ui/performance/run", data={"period": "2026-11", "csrf": csrf}
                      ).status_code == 403
    task = mine[0]
    close = f"/ui/performance/coaching/{task['id']}/close"
    assert agent.post(close, data={"outcome": "self-closed", "csrf": csrf}).status_code == 403

    # A supervisor closes it, with the token only; the agent then sees the outcome.
    supervisor = sign_in(service, "supervisor")
    page = supervisor.get("/ui/performance/coaching").text
    assert supervisor.post(close, data={"outcome": "导师已指派"}).status_code == 403
    assert supervisor.post(close, data={"outcome": "导师已指派"},
                           headers={"Origin": "https://evil.example"}).status_code == 403
    done = supervisor.post(close, data={"outcome": "导师已指派", "csrf": csrf_in(page)})
    assert done.status_code == 200 and 'id="flash"' in done.text
    assert 'data-status="closed"' in _row(done.text, f"task-{task['id']}")
    again = supervisor.post(close, data={"outcome": "again", "csrf": csrf_in(page)})
    assert again.status_code == 409
    stored = next(t for t in service.client.get(f"{PERF}/coaching", headers=staff).json()
                  if t["id"] == task["id"])
    assert stored["status"] == "closed" and stored["outcome"] == "导师已指派"
    assert "导师已指派" in _row(agent.get("/ui/performance/coaching").text, f"task-{task['id']}")


def test_calibration_kappa_and_bad_input_are_shown_on_pages(service):
    client = sign_in(service, "qa")
    page = client.get("/ui/performance/sample", params={"period": "2026-11"})
    assert page.status_code == 200 and 'id="no-sample"' in page.text
    rows = [f"c{i},greeting,{r},{'pass' if i % 2 else 'fail'}"
            for i in range(6) for r in ("r1", "r2")]
    rows += [f"c{i},closing,{r},{'pass' if (i + (r == 'r3')) % 3 else 'fail'}"
             for i in range(6) for r in ("r1", "r2", "r3")]
    labels = "conversation_id,item,reviewer,label\n" + "\n".join(rows)
    url = "/ui/performance/sample/calibration?period=2026-11"
    assert client.post(url, data={"labels": labels}).status_code == 403
    shown = client.post(url, data={"labels": labels, "csrf": csrf_in(page.text)})
    assert shown.status_code == 200, shown.text
    body = [{"conversation_id": c, "item": i, "reviewer": r, "label": lab}
            for c, i, r, lab in (line.split(",") for line in rows)]
    kappas = service.client.post(f"{PERF}/calibration", json={"labels": body},
                                 headers=service.as_("qa")).json()
    table = shown.text[shown.text.index('id="kappa-table"'):]
    for k in kappas:
        assert re.search(rf"<td>{k['item']}</td><td class=\"r kappa\">{k['kappa']:.2f}</td>"
                         rf"<td>{k['method']}</td>", table)
    assert {k["method"] for k in kappas} == {"cohen", "fleiss"}

    bad = client.post(url, data={"labels": "conversation_id,item\nc1,greeting",
                                 "csrf": csrf_in(page.text)})
    assert bad.status_code == 422 and "reviewer, label" in html.unescape(bad.text)
    bad = client.get("/ui/performance", params={"period": "November"})
    assert bad.status_code == 422 and "YYYY-MM" in bad.text
    bad = client.get("/ui/performance/coaching", params={"status": "maybe"})
    assert bad.status_code == 422
    english = client.get("/ui/performance/sample", params={"lang": "en"}).text
    assert "QA sample" in english and "Calibration κ" in english and "perf_" not in english
    chinese = client.get("/ui/performance/coaching", params={"lang": "zh"}).text
    assert "辅导" in chinese and "perf_" not in chinese


def test_a_malformed_csv_header_is_a_422_not_a_server_error(service):
    """A bare carriage return inside the header (found by the OpenAPI fuzz test) makes the
    csv module raise while reading the header: the calibration form and the ratings CSV
    route both answer 422."""
    malformed = "conversation_id,item\rx\nreviewer,label\n"
    client = sign_in(service, "qa")
    page = client.get("/ui/performance/sample", params={"period": "2026-11"}).text
    bad = client.post("/ui/performance/sample/calibration?period=2026-11",
                      data={"labels": malformed, "csrf": csrf_in(page)})
    assert bad.status_code == 422 and "malformed CSV" in bad.text
    bad = service.client.post(f"{PERF}/ratings/csv", content=malformed.encode(),
                              headers={**service.as_("qa"), "Content-Type": "text/csv"})
    assert bad.status_code == 422 and "malformed CSV" in bad.json()["detail"]
