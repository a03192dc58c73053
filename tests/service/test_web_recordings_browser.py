"""The recordings page in a real browser (Debian chromium through Selenium): a QA reviewer
opens 录音 from the navigation, cancels one queued upload with its button, and the API
then reports that job cancelled while the other stays queued; a supervisor sees the list
without cancel buttons. Skips like test_web_browser.py when no chromium/chromedriver is
installed."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402

from .conftest import wav_bytes  # noqa: E402
from .test_web_browser import (  # noqa: E402,F401 (the fixtures: one server and browser here)
    browser,
    pytestmark,  # slow, and skipped without chromium + chromedriver
    server,
    sign_in,
    wait,
)

def test_cancel_a_queued_upload_from_the_recordings_page(server, browser):
    import httpx

    base, keys = server
    with httpx.Client(base_url=base, headers={"X-API-Key": keys["qa"]}, timeout=30) as api:
        jobs = []
        for call in ("rec-keep", "rec-drop"):  # the server runs no job workers: both stay queued
            response = api.post("/api/v1/jobs", data={"conversation_id": call},
                                files={"file": (f"{call}.wav", wav_bytes(), "audio/wav")})
            assert response.status_code == 202, response.text
            jobs.append(response.json()["id"])
        keep, drop = jobs

        sign_in(browser, base, keys["qa"])
        browser.find_element(By.ID, "nav-recordings").click()
        row = wait(browser, EC.presence_of_element_located((By.ID, f"job-{drop}")))
        assert row.get_attribute("data-status") == "queued"
        row.find_element(By.CSS_SELECTOR, "form.cancel-form button").click()
        # read the row's status in one script call: htmx swaps the row in place, and an element found
        # before the swap can be detached before its attribute is read (chromium then raises an
        # inspector error that is not a StaleElementReferenceException)
        wait(browser, lambda d: d.execute_script(
            "const row = document.getElementById(arguments[0]); return row && row.dataset.status;",
            f"job-{drop}") == "cancelled")
        assert browser.find_element(By.ID, f"job-{keep}").get_attribute("data-status") == "queued"
        cancelled_row = browser.find_element(By.ID, f"job-{drop}")
        assert cancelled_row.find_elements(By.CSS_SELECTOR, "form.cancel-form") == []

        states = {j["id"]: j["status"] for j in api.get("/api/v1/jobs").json()}
        assert states[drop] == "cancelled" and states[keep] == "queued"
        log = api.get("/api/v1/audit-log").json()
        assert any(e["action"] == "job.cancelled" and e["subject"] == f"job:{drop}" for e in log)

    sign_in(browser, base, keys["supervisor"])
    browser.find_element(By.ID, "nav-recordings").click()
    wait(browser, EC.presence_of_element_located((By.ID, f"job-{keep}")))
    assert browser.find_elements(By.CSS_SELECTOR, "form.cancel-form") == []
