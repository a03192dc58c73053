"""The workbench in a real browser: Debian's chromium driven by Selenium (chromium-driver).

One server (uvicorn in a thread, deterministic fake analyzers) and one headless browser
serve the whole module; the tests run in order, as a reviewer, an agent and a supervisor
would use the pages. They skip only when no chromium/chromedriver is installed
(``scripts/ci-browser.sh`` installs them in CI).
"""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("fastapi")
selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service as ChromeService  # noqa: E402
from selenium.common.exceptions import (  # noqa: E402
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from service.api.deps import get_inspector  # noqa: E402
from service.auth import create_key  # noqa: E402
from service.inprocess import serve_in_thread  # noqa: E402
from service.main import create_app  # noqa: E402
from service.settings import Settings  # noqa: E402

from .conftest import conversation, fake_inspector  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                       reason="no chromium + chromedriver (run scripts/ci-browser.sh)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("web")
    app = create_app(Settings(data_dir=data, database_url=f"sqlite:///{data / 'qa.sqlite3'}",
                              job_workers=0, deliverers=0,
                              outbound_allow=["127.0.0.1/32"]))  # the test webhook is on loopback
    inspector = fake_inspector()
    app.dependency_overrides[get_inspector] = lambda: inspector
    base, stop_server = serve_in_thread(app)
    keys = {}
    with app.state.sessionmaker() as session:
        for role, agent in (("qa", None), ("supervisor", None), ("admin", None),
                            ("agent", "A1")):
            keys[role] = create_key(session, role, agent_id=agent)[1]
        session.commit()
    import httpx

    api = httpx.Client(base_url=base, headers={"X-API-Key": keys["admin"]})
    assert api.post("/api/v1/alerts/subscriptions", json={
        "url": "http://127.0.0.1:9/alerts", "threshold": 0.5}).status_code == 201
    calls = [conversation("b-mine", agent="A1", rude=True),
             conversation("b-theirs", agent="A2", started_at="2026-11-03T09:00:00+08:00"),
             conversation("b-risky", agent="A2", risk=0.9,
                          started_at="2026-11-04T09:00:00+08:00")]
    calls += [conversation(f"b-{i}", agent=f"A{3 + i % 3}", rude=i % 2 == 0,
                           started_at=f"2026-11-0{1 + i % 5}T10:00:00+08:00") for i in range(9)]
    for body in calls:
        assert api.post("/api/v1/conversations", json=body).status_code == 201
    yield base, keys
    stop_server()


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--lang=zh-CN"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=ChromeService(executable_path=CHROMEDRIVER),
                              options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def wait(driver, condition, seconds: float = 20):
    """Wait for ``condition``; an element replaced meanwhile (htmx swap) is looked up again."""
    def detached_is_not_yet(d):
        # chromium reports an element detached between lookup and read as an inspector error,
        # not as a StaleElementReferenceException: both mean "swapped, look again"
        try:
            return condition(d)
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return False
            raise

    return WebDriverWait(driver, seconds, ignored_exceptions=(
        StaleElementReferenceException,)).until(detached_is_not_yet)


def sign_in(driver, base: str, key: str) -> None:
    driver.delete_all_cookies()
    driver.get(f"{base}/ui/login")
    driver.find_element(By.ID, "api_key").send_keys(key)
    driver.find_element(By.ID, "sign-in").click()
    wait(driver, EC.presence_of_element_located((By.ID, "calls-total")))


def test_sign_in_and_filter_calls(server, browser):
    base, keys = server
    browser.get(f"{base}/ui/calls")  # no session: sent to the sign-in form
    assert "/ui/login" in browser.current_url
    sign_in(browser, base, keys["qa"])
    assert browser.find_element(By.ID, "calls-total").text == "12"
    box = browser.find_element(By.NAME, "agent_id")
    box.send_keys("A2")
    browser.find_element(By.ID, "apply-filters").click()  # htmx swaps the list in place
    wait(browser, lambda d: d.find_element(By.ID, "calls-total").text == "2")
    wait(browser, lambda d: {a.text for a in d.find_elements(By.CSS_SELECTOR, "a.call-link")}
         == {"b-theirs", "b-risky"})
    wait(browser, lambda d: "agent_id=A2" in d.current_url)  # the filtered list has a URL
    # Every asset came from this server: the pages work with no network.
    origins = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)")
    assert set(origins) <= {base}


def test_three_clicks_from_the_list_to_highlighted_evidence(server, browser):
    base, keys = server
    browser.get(f"{base}/ui/calls?agent_id=A1")
    browser.find_element(By.LINK_TEXT, "b-mine").click()  # click 1
    wait(browser, EC.presence_of_element_located((By.ID, "items")))
    assert browser.find_elements(By.CSS_SELECTOR, "mark.ev") == []
    row = browser.find_element(By.ID, "item-no_rude")
    assert "顶撞/不耐烦禁语" in row.text
    row.find_element(By.TAG_NAME, "td").click()  # click 2
    marks = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "mark.ev"))
    assert [m.text for m in marks] == ["你烦不烦"]
    assert marks[0].find_element(By.XPATH, "../..").get_attribute("id") == "u-0"
    assert "active" in row.get_attribute("class")
    # The plots are drawn (ECharts renders into a canvas).
    assert browser.find_elements(By.CSS_SELECTOR, "#chart-risk canvas")


def test_review_makes_a_new_version(server, browser):
    base, _ = server
    browser.get(f"{base}/ui/calls/b-mine")
    row = browser.find_element(By.ID, "item-no_rude")
    row.find_element(By.TAG_NAME, "summary").click()
    form = row.find_element(By.CSS_SELECTOR, "form.review-form")
    form.find_element(By.CSS_SELECTOR, "input[value=incorrect]").click()
    form.find_element(By.NAME, "comment").send_keys("客户先说的")
    form.find_element(By.TAG_NAME, "button").click()
    wait(browser, EC.text_to_be_present_in_element((By.ID, "call-version"), "v2"))
    assert "v2" in browser.find_element(By.ID, "flash").text
    history = browser.find_element(By.ID, "version-2").text
    assert "review" in history and "0% → 100%" in history


def test_agent_appeals_only_on_own_calls(server, browser):
    base, keys = server
    sign_in(browser, base, keys["agent"])
    ids = {a.text for a in browser.find_elements(By.CSS_SELECTOR, "a.call-link")}
    assert ids == {"b-mine"}
    assert browser.find_elements(By.NAME, "agent_id") == []  # no agent filter for an agent
    browser.get(f"{base}/ui/calls/b-theirs")
    assert browser.find_element(By.ID, "error-status").text.startswith("404")
    assert "b-theirs" not in browser.find_element(By.TAG_NAME, "main").text.replace(
        browser.find_element(By.ID, "error-detail").text, "")
    browser.get(f"{base}/ui/calls/b-mine")
    row = browser.find_element(By.ID, "item-greeting")
    row.find_element(By.TAG_NAME, "summary").click()
    row.find_element(By.NAME, "reason").send_keys("我第一句就问候了")
    row.find_element(By.CSS_SELECTOR, "form.appeal-form button").click()
    wait(browser, EC.presence_of_element_located((By.ID, "flash")))
    assert "我第一句就问候了" in browser.find_element(By.ID, "history").text


def test_reviewer_decides_the_appeal(server, browser):
    base, keys = server
    sign_in(browser, base, keys["qa"])
    browser.find_element(By.ID, "nav-appeals").click()
    row = wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "tr.appeal-row")))
    assert "我第一句就问候了" in row.text
    row.find_element(By.NAME, "comment").send_keys("录音确认")
    row.find_element(By.CSS_SELECTOR, "button.reject").click()
    # The open row carries data-status too: wait for the decided one, not the page before it.
    wait(browser, EC.presence_of_element_located(
        (By.CSS_SELECTOR, "tr.appeal-row [data-status=rejected]")))
    assert "录音确认" in browser.find_element(By.CSS_SELECTOR, "tr.appeal-row").text


def test_agent_board(server, browser):
    base, keys = server
    sign_in(browser, base, keys["supervisor"])
    browser.find_element(By.ID, "nav-agents").click()
    wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#chart-intervals canvas")))
    ranks = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#leaderboard td.rank")]
    assert len(ranks) == 5 and ranks[0] in ("1", "=1")
    browser.find_element(By.LINK_TEXT, "A2").click()
    wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#chart-trend canvas")))
    assert browser.find_element(By.ID, "agent-id").text == "A2"


def test_acknowledge_an_alert(server, browser):
    base, keys = server
    sign_in(browser, base, keys["supervisor"])  # its own session: the test passes run alone too
    browser.find_element(By.ID, "nav-alerts").click()
    row = wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "tr.alert-row")))
    assert "b-risky" in row.text and "90%" in row.text
    row.find_element(By.CSS_SELECTOR, "form.ack-form button").click()
    wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "[data-ack='1']")))
    browser.find_element(By.ID, "nav-rules").click()
    wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#chart-rules canvas")))
    assert "forbidden_rude" in browser.find_element(By.ID, "rules-table").text
