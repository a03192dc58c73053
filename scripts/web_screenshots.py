"""Screenshots of every workbench page for docs/ (real models, the bundled example calls).

    .venv/bin/python scripts/web_screenshots.py [--out docs/screenshots]

Starts the service on a temporary data dir, scores examples/calls through the API, files a
review, an appeal and an alert, then photographs each page in headless Debian chromium
(``scripts/ci-browser.sh`` installs it). PNGs are shrunk with Pillow when it is installed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="zh")
    args = parser.parse_args()
    import httpx
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service as ChromeService
    from selenium.webdriver.common.by import By

    from service.auth import create_key
    from service.inprocess import serve_in_thread
    from service.main import create_app
    from service.settings import Settings

    data = Path(tempfile.mkdtemp(prefix="qa-shots-"))
    app = create_app(Settings(data_dir=data, job_workers=0, deliverers=0,
                              outbound_allow=["127.0.0.1/32"]))  # a loopback webhook
    base, stop_server = serve_in_thread(app)
    with app.state.sessionmaker() as session:
        keys = {r: create_key(session, r, agent_id=a)[1]
                for r, a in (("admin", None), ("qa", None), ("agent", "A1001"))}
        session.commit()
    api = httpx.Client(base_url=base, headers={"X-API-Key": keys["admin"]}, timeout=60)
    api.post("/api/v1/alerts/subscriptions", json={"url": "http://127.0.0.1:9/a",
                                                   "threshold": 0.3})
    for path in sorted((ROOT / "examples" / "calls").glob("*.json")):
        api.post("/api/v1/conversations", json=json.loads(path.read_text(encoding="utf-8")))
    calls = api.get("/api/v1/conversations", params={"limit": 100}).json()["items"]
    mine = next(c for c in calls if c["agent_id"] == "A1001")
    api.post(f"/api/v1/conversations/{mine['id']}/reviews", json={
        "finding": "keywords.self_intro", "verdict": "incorrect", "comment": "录音里报了工号"})
    agent_api = httpx.Client(base_url=base, headers={"X-API-Key": keys["agent"]})
    agent_api.post(f"/api/v1/conversations/{mine['id']}/appeals", json={
        "finding": "keywords.confirm_need", "reason": "我复述了客户的问题"})

    recording = ROOT / "tests" / "fixtures" / "audio" / "call_stereo_8k_ulaw.wav"
    jobs = [api.post("/api/v1/jobs", data={"conversation_id": f"upload-{i}", "agent_id": "A1001"},
                     files={"file": (f"call-{i}.wav", recording.read_bytes(), "audio/wav")}).json()
            for i in range(3)]  # no job workers here: they stay queued
    api.post(f"/api/v1/jobs/{jobs[0]['id']}/cancel")

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1360,900", "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=ChromeService(shutil.which("chromedriver")),
                              options=options)
    args.out.mkdir(parents=True, exist_ok=True)

    def shot(name: str, url: str, click: str | None = None) -> None:
        driver.get(f"{base}{url}")
        time.sleep(0.6)
        if click:
            driver.find_element(By.CSS_SELECTOR, click).click()
            time.sleep(0.6)
        path = args.out / f"{name}.png"
        driver.save_screenshot(str(path))
        shrink(path)
        print(path, path.stat().st_size)

    def sign_in(key: str) -> None:
        driver.delete_all_cookies()
        driver.get(f"{base}/ui/login?lang={args.lang}")
        driver.find_element(By.ID, "api_key").send_keys(key)
        driver.find_element(By.ID, "sign-in").click()
        time.sleep(0.3)

    sign_in(keys["qa"])
    shot("calls", "/ui/calls")
    risky = max(calls, key=lambda c: c["risk"] or 0)
    shot("call", f"/ui/calls/{risky['id']}", click="#item-no_dismissive td")
    shot("call-history", f"/ui/calls/{mine['id']}#history")
    shot("appeals", "/ui/appeals")
    shot("agents", "/ui/agents")
    shot("agent", "/ui/agents/A1001")
    shot("alerts", "/ui/alerts")
    shot("rules", "/ui/rules")
    shot("recordings", "/ui/recordings")
    driver.quit()
    stop_server()


def shrink(path: Path) -> None:
    """Halve and quantise the PNG (small files in the repository), if Pillow is there."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").resize((image.width * 3 // 4, image.height * 3 // 4),
                                            Image.LANCZOS)
        small.quantize(colors=128).save(path, optimize=True)


if __name__ == "__main__":
    main()
