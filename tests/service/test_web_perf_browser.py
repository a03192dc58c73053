"""The performance pages in a real browser (Debian chromium through Selenium): a supervisor
runs November from the 绩效 page (the totals plot is drawn), then closes an agent's coaching
task on the 辅导 page, and the agent sees the outcome. Skips like test_web_browser.py when
no chromium/chromedriver is installed."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402

from .conftest import conversation  # noqa: E402
from .test_web_browser import (  # noqa: E402,F401 (the fixtures: one server and browser here)
    browser,
    pytestmark,  # slow, and skipped without chromium + chromedriver
    server,
    sign_in,
    wait,
)

AGENTS = ("A1", "A2", "A3")


@pytest.fixture(scope="module")
def month(server):
    """A month of calls on top of the browser server's: A1 resolves half at first contact."""
    import httpx

    base, keys = server
    rng = random.Random(3)
    with httpx.Client(base_url=base, headers={"X-API-Key": keys["qa"]}, timeout=30) as api:
        for day in range(1, 31):
            for agent in AGENTS:
                fcr = 1.0 if rng.random() < (0.5 if agent == "A1" else 0.95) else 0.0
                body = conversation(f"m-{agent}-{day:02d}", agent=agent,
                                    started_at=f"2026-11-{day:02d}T11:00:00+08:00",
                                    kpis={"fcr": fcr, "csat": 4 + fcr})
                assert api.post("/api/v1/conversations", json=body).status_code == 201
    return base, keys


def test_run_a_period_and_close_a_coaching_task(month, browser):
    base, keys = month
    sign_in(browser, base, keys["supervisor"])
    browser.find_element(By.ID, "nav-perf").click()
    form = wait(browser, EC.presence_of_element_located((By.ID, "run-form")))
    box = form.find_element(By.NAME, "period")
    box.clear()
    box.send_keys("2026-11")
    form.find_element(By.ID, "run-period").click()
    wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#chart-perf canvas")))
    assert "2026-11" in browser.find_element(By.ID, "flash").text
    rows = [browser.find_element(By.ID, f"perf-{a}") for a in AGENTS]
    assert all(r.find_element(By.CSS_SELECTOR, "td.tier").text.strip() not in ("", "–")
               for r in rows)

    browser.find_element(By.ID, "nav-coaching").click()
    row = wait(browser, EC.presence_of_element_located(
        (By.CSS_SELECTOR, "tr.task-row[data-agent='A1']")))
    task_id = row.get_attribute("id")
    row.find_element(By.CSS_SELECTOR, "details.act summary").click()
    row.find_element(By.NAME, "outcome").send_keys("导师陪听五通录音")
    row.find_element(By.CSS_SELECTOR, "form.close-form button").click()
    wait(browser, EC.presence_of_element_located(
        (By.CSS_SELECTOR, f"#{task_id} [data-status='closed']")))
    assert "导师陪听五通录音" in browser.find_element(By.ID, task_id).text

    sign_in(browser, base, keys["agent"])  # agent A1: own tasks only, no close form
    browser.find_element(By.ID, "nav-coaching").click()
    wait(browser, EC.presence_of_element_located((By.ID, task_id)))
    agents = {r.get_attribute("data-agent")
              for r in browser.find_elements(By.CSS_SELECTOR, "tr.task-row")}
    assert agents == {"A1"} and browser.find_elements(By.CSS_SELECTOR, "form.close-form") == []
    assert "导师陪听五通录音" in browser.find_element(By.ID, task_id).text
