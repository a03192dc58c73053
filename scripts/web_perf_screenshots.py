"""Screenshots of the performance pages for docs/ (real models, the constructed month).

    .venv/bin/python scripts/web_perf_screenshots.py [--out docs/screenshots]

Starts the service on a temporary data dir, writes the month of ``examples/perf/
make_month.py`` (ten agents, 1,200 made-up calls), posts its calls with their KPIs, the
roster and the 360° ratings through the API, runs 2026-11 from the 绩效 page and
photographs the 绩效, 偏离预警 and 辅导 pages in headless Debian chromium. PNGs are shrunk
as in ``scripts/web_screenshots.py``.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "examples" / "perf"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="zh")
    args = parser.parse_args()
    import httpx
    import make_month
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service as ChromeService
    from selenium.webdriver.common.by import By

    from scripts.web_screenshots import shrink
    from service.auth import create_key
    from service.inprocess import serve_in_thread
    from service.main import create_app
    from service.settings import Settings

    data = Path(tempfile.mkdtemp(prefix="qa-perf-shots-"))
    month = data / "month"
    make_month.build(month)
    app = create_app(Settings(data_dir=data, job_workers=0, deliverers=0))
    base, stop_server = serve_in_thread(app)
    with app.state.sessionmaker() as session:
        keys = {r: create_key(session, r)[1] for r in ("admin", "supervisor")}
        session.commit()
    api = httpx.Client(base_url=base, headers={"X-API-Key": keys["admin"]}, timeout=120)
    with (month / "kpis.csv").open(encoding="utf-8") as handle:
        kpis = {row.pop("conversation_id"): {k: float(v) for k, v in row.items()}
                for row in csv.DictReader(handle)}
    started = time.monotonic()
    for path in sorted((month / "calls").glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))
        body["kpis"] = kpis[body["id"]]
        api.post("/api/v1/conversations", json=body).raise_for_status()
    print(f"scored {len(kpis)} calls in {time.monotonic() - started:.0f} s")
    with (month / "roster.csv").open(encoding="utf-8") as handle:
        roster = [{k: v or None for k, v in row.items()} for row in csv.DictReader(handle)]
    api.put("/api/v1/performance/roster", json={"agents": roster}).raise_for_status()
    api.post("/api/v1/performance/ratings/csv", content=(month / "ratings.csv").read_bytes(),
             headers={"Content-Type": "text/csv"}).raise_for_status()

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1360,900", "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=ChromeService(shutil.which("chromedriver")),
                              options=options)
    args.out.mkdir(parents=True, exist_ok=True)

    def shot(name: str, url: str | None = None) -> None:
        if url:
            driver.get(f"{base}{url}")
        time.sleep(0.8)
        path = args.out / f"{name}.png"
        driver.save_screenshot(str(path))
        shrink(path)
        print(path, path.stat().st_size)

    driver.get(f"{base}/ui/login?lang={args.lang}")
    driver.find_element(By.ID, "api_key").send_keys(keys["supervisor"])
    driver.find_element(By.ID, "sign-in").click()
    time.sleep(0.3)
    driver.get(f"{base}/ui/performance?period=2026-11")
    driver.find_element(By.ID, "run-period").click()  # the run, from the page
    shot("performance")
    shot("performance-warnings", "/ui/performance/warnings")
    shot("performance-coaching", "/ui/performance/coaching")
    driver.quit()
    stop_server()


if __name__ == "__main__":
    main()
