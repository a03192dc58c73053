"""How fast the workbench pages load for a 200-utterance call (real models, SQLite).

    .venv/bin/python eval/bench_web.py [--utterances 200] [--runs 30] [--browser]

Server time: each page fetched ``--runs`` times over HTTP from a uvicorn server in this
process (median and p95 of the full response). ``--browser``: also headless chromium's
navigation timing (request start → ``load`` event, charts drawn) for the call page.
The calls list and the other pages are timed too, with the 36 example calls stored.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def long_call(n: int) -> dict:
    """A call of ``n`` utterances built from the example calls' turns, back to back."""
    turns = []
    for path in sorted((ROOT / "examples" / "calls").glob("*.json")):
        turns += json.loads(path.read_text(encoding="utf-8"))["utterances"]
    utterances, clock = [], 0.0
    for i in range(n):
        u = dict(turns[i % len(turns)])
        length = max(1.0, u["end"] - u["start"])
        u.update(start=round(clock, 2), end=round(clock + length, 2))
        clock += length + 0.4
        utterances.append(u)
    return {"id": f"long-{n}", "agent_id": "A1001", "queue": "billing",
            "started_at": "2026-11-05T10:00:00+08:00", "utterances": utterances}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--utterances", type=int, default=200)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()
    import httpx

    from service.auth import create_key
    from service.inprocess import serve_in_thread
    from service.main import create_app
    from service.settings import Settings

    data = Path(tempfile.mkdtemp(prefix="qa-bench-web-"))
    app = create_app(Settings(data_dir=data, job_workers=0, deliverers=0,
                              outbound_allow=["127.0.0.1/32"]))  # a loopback webhook
    base, stop_server = serve_in_thread(app)
    with app.state.sessionmaker() as session:
        key, admin = create_key(session, "qa")[1], create_key(session, "admin")[1]
        session.commit()
    api = httpx.Client(base_url=base, headers={"X-API-Key": admin}, timeout=120)
    assert api.post("/api/v1/alerts/subscriptions", json={
        "url": "http://127.0.0.1:9/a", "threshold": 0.3}).status_code == 201
    for path in sorted((ROOT / "examples" / "calls").glob("*.json")):
        api.post("/api/v1/conversations", json=json.loads(path.read_text(encoding="utf-8")))
    call = long_call(args.utterances)
    assert api.post("/api/v1/conversations", json=call).status_code == 201
    # Two reviews: the history shows three versions and what each changed.
    for finding in ("keywords.greeting", "keywords.self_intro"):
        api.post(f"/api/v1/conversations/{call['id']}/reviews",
                 json={"finding": finding, "verdict": "incorrect"})

    web = httpx.Client(base_url=base, timeout=30)
    form = web.get("/ui/login")
    csrf = form.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    web.post("/ui/login", data={"api_key": key, "csrf": csrf})
    pages = {f"call detail ({args.utterances} utterances, 3 versions)": f"/ui/calls/{call['id']}",
             "calls list (37 calls, page 1)": "/ui/calls",
             "calls list filtered (min_risk 0.5)": "/ui/calls?min_risk=0.5",
             "agents leaderboard": "/ui/agents", "agent board": "/ui/agents/A1001",
             "alerts inbox": "/ui/alerts", "rules (37 calls)": "/ui/rules",
             "appeals": "/ui/appeals"}
    # Yardstick in the same run: the JSON API's answer for the same call (same key, same
    # store), which the page wraps in HTML.
    api_qa = httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=30)
    pages = {f"baseline: GET /api/v1/conversations/{call['id']} (JSON)":
             (api_qa, f"/api/v1/conversations/{call['id']}"),
             **{name: (web, url) for name, url in pages.items()}}
    print(f"server response time over HTTP, {args.runs} runs each (ms)")
    print(f"{'page':48} {'median':>8} {'p95':>8} {'KB':>6}")
    for name, (client, url) in pages.items():
        times = []
        for _ in range(args.runs + 2):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append(1000 * (time.perf_counter() - t0))
            assert response.status_code == 200, (url, response.status_code)
        times = sorted(times[2:])  # the first two warm the caches
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"{name[:48]:48} {statistics.median(times):8.1f} {p95:8.1f} "
              f"{len(response.content) / 1024:6.0f}")
    if args.browser:
        browser_timing(base, key, f"/ui/calls/{call['id']}", args.runs)
    stop_server()


def browser_timing(base: str, key: str, url: str, runs: int) -> None:
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service as ChromeService
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=ChromeService(shutil.which("chromedriver")),
                              options=options)
    driver.get(f"{base}/ui/login")
    driver.find_element(By.ID, "api_key").send_keys(key)
    driver.find_element(By.ID, "sign-in").click()
    loads, ready = [], []
    for _ in range(runs + 2):
        driver.get(f"{base}{url}")
        timing = driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return [n.domContentLoadedEventEnd - n.startTime, n.loadEventEnd - n.startTime];")
        ready.append(timing[0])
        loads.append(timing[1])
    driver.quit()
    loads, ready = sorted(loads[2:]), sorted(ready[2:])
    print(f"chromium navigation, {runs} runs (ms): DOMContentLoaded median "
          f"{statistics.median(ready):.0f}, load (scripts run, charts drawn) median "
          f"{statistics.median(loads):.0f}, p95 {loads[int(0.95 * (len(loads) - 1))]:.0f}")


if __name__ == "__main__":
    main()
