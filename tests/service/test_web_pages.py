"""The workbench pages (``/ui``): sign-in with a session cookie and CSRF, the pages render
for each role through the API's own functions, and an agent never sees another's call."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from qa_engine.pipeline import Inspector
from service.web import session as web_session

from .conftest import FakeConstant, conversation, fake_inspector, wav_bytes


def csrf_in(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def sign_in(service, role: str, *, key: str | None = None) -> TestClient:
    client = TestClient(service.app)
    form = client.get("/ui/login")
    assert form.status_code == 200
    response = client.post("/ui/login", data={"api_key": key or service.keys[role],
                                              "csrf": csrf_in(form.text), "next": "/ui/calls"},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


def post_call(service, **kw) -> None:
    response = service.client.post("/api/v1/conversations", json=conversation(**kw),
                                   headers=service.as_("qa"))
    assert response.status_code in (200, 201), response.text


def test_pages_need_a_session_and_the_cookie_is_httponly_samesite(service):
    client = TestClient(service.app)
    response = client.get("/ui/calls", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/ui/login")
    form = client.get("/ui/login")
    bad = client.post("/ui/login", data={"api_key": "qa_nope_nope", "csrf": csrf_in(form.text)})
    assert bad.status_code == 401 and "login-error" in bad.text
    form = client.get("/ui/login")
    ok = client.post("/ui/login", data={"api_key": service.keys["qa"], "csrf": csrf_in(form.text)},
                     follow_redirects=False)
    cookie = ok.headers["set-cookie"]
    assert "qa_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert service.keys["qa"] not in cookie  # the key itself never travels in the cookie


def test_login_without_its_csrf_token_is_refused(service):
    client = TestClient(service.app)
    client.get("/ui/login")
    response = client.post("/ui/login", data={"api_key": service.keys["qa"], "csrf": "forged"})
    assert response.status_code == 403


def test_a_forged_or_expired_cookie_is_not_a_session():
    secret = b"s" * 32
    value, csrf = web_session.encode(secret, 7, now=1000.0)
    assert web_session.decode(secret, value, now=1001.0)["c"] == csrf
    assert web_session.decode(b"t" * 32, value, now=1001.0) is None
    assert web_session.decode(secret, value, now=1000.0 + web_session.LIFETIME_SECONDS + 1) is None
    assert web_session.decode(secret, value[:-2] + "xx", now=1001.0) is None


def test_calls_list_filters_through_the_api(service):
    post_call(service, cid="c-good", agent="A1")
    post_call(service, cid="c-rude", agent="A2", rude=True, risk=0.9)
    client = sign_in(service, "qa")
    page = client.get("/ui/calls")
    assert "c-good" in page.text and "c-rude" in page.text
    assert 'id="no-calls"' in client.get("/ui/calls", params={"red_line": "1"}).text
    assert "c-rude" in client.get("/ui/calls", params={"red_line": "0"}).text
    by_agent = client.get("/ui/calls", params={"agent_id": "A1"})
    assert "c-good" in by_agent.text and "c-rude" not in by_agent.text
    risky = client.get("/ui/calls", params={"min_risk": "0.5"})
    assert "c-rude" in risky.text and "c-good" not in risky.text
    bad = client.get("/ui/calls", params={"min_score": "abc"})
    assert bad.status_code == 422 and "min_score" in bad.text


def test_call_detail_shows_items_by_title_with_evidence_data(service):
    post_call(service, cid="c-rude", rude=True)
    client = sign_in(service, "qa")
    page = client.get("/ui/calls/c-rude")
    assert page.status_code == 200
    assert "顶撞/不耐烦禁语" in page.text  # the scorecard title, not the id
    assert '"span": [3, 7]' in page.text or '"span":[3,7]' in page.text
    assert 'id="t-0"' in page.text and "review-form" in page.text


def test_post_without_csrf_token_is_refused_and_changes_nothing(service):
    post_call(service, cid="c-rude", rude=True)
    client = sign_in(service, "qa")
    response = client.post("/ui/calls/c-rude/review",
                           data={"finding": "keywords.forbidden_rude", "verdict": "incorrect"})
    assert response.status_code == 403
    response = client.post("/ui/calls/c-rude/review", headers={"Origin": "https://evil.example"},
                           data={"finding": "keywords.forbidden_rude", "verdict": "incorrect",
                                 "csrf": csrf_in(client.get("/ui/calls/c-rude").text)})
    assert response.status_code == 403
    assert service.client.get("/api/v1/conversations/c-rude",
                              headers=service.as_("qa")).json()["version"] == 1


def test_review_rescores_into_a_new_version(service):
    post_call(service, cid="c-rude", rude=True)
    client = sign_in(service, "qa")
    csrf = csrf_in(client.get("/ui/calls/c-rude").text)
    response = client.post("/ui/calls/c-rude/review", data={
        "finding": "keywords.forbidden_rude", "verdict": "incorrect", "comment": "客户说的",
        "csrf": csrf})
    assert response.status_code == 200 and 'id="call-version">v2' in response.text
    assert 'id="version-2"' in response.text and "→ 100%" in response.text


def test_appeal_as_agent_then_decide_as_reviewer(service):
    post_call(service, cid="c-rude", rude=True, agent="A1")
    agent = sign_in(service, "agent")
    csrf = csrf_in(agent.get("/ui/calls/c-rude").text)
    filed = agent.post("/ui/calls/c-rude/appeal", data={
        "finding": "keywords.forbidden_rude", "reason": "不是我说的", "csrf": csrf})
    assert filed.status_code == 200 and "appeal-row" in filed.text
    reviewer = sign_in(service, "qa")
    queue = reviewer.get("/ui/appeals", params={"status": "open"})
    assert "不是我说的" in queue.text and "decide-form" in queue.text
    appeal_id = re.search(r'/ui/appeals/(\d+)/decision', queue.text).group(1)
    decided = reviewer.post(f"/ui/appeals/{appeal_id}/decision", data={
        "decision": "upheld", "comment": "ok", "csrf": csrf_in(queue.text)})
    assert decided.status_code == 200 and 'data-status="upheld"' in decided.text
    assert "appeal.upheld" in decided.text and "appeal.created" in decided.text  # the log
    assert "哈希链完整" in decided.text
    assert "→ v2" in decided.text
    history = agent.get("/ui/appeals")
    assert 'data-status="upheld"' in history.text and 'id="audit-log"' not in history.text


def test_agent_sees_only_own_calls(service):
    post_call(service, cid="mine", agent="A1")
    post_call(service, cid="theirs", agent="A2")
    agent = sign_in(service, "agent")
    listed = agent.get("/ui/calls")
    assert "mine" in listed.text and "theirs" not in listed.text
    assert agent.get("/ui/calls", params={"agent_id": "A2"}).status_code == 403
    assert agent.get("/ui/calls/theirs").status_code == 404
    assert agent.get("/ui/calls/theirs/audio").status_code == 404
    assert agent.get("/ui/agents/A2").status_code == 403
    assert agent.get("/ui/alerts").status_code == 403
    board = agent.get("/ui/agents", follow_redirects=False)
    assert board.headers["location"] == "/ui/agents/A1"


def test_agents_board_and_agent_page(service):
    for i in range(4):
        post_call(service, cid=f"a1-{i}", agent="A1")
        post_call(service, cid=f"a2-{i}", agent="A2", rude=True)
    client = sign_in(service, "supervisor")
    board = client.get("/ui/agents")
    assert board.status_code == 200 and 'id="leaderboard"' in board.text
    assert "A1" in board.text and "A2" in board.text
    page = client.get("/ui/agents/A1")
    assert page.status_code == 200 and "chart-trend" in page.text
    chart = json.loads(re.search(r'id="agent-data">(.*?)</script>', page.text).group(1))
    assert "开场规范" in chart["sections"] and chart["trend_calls"] == [4]


def test_alert_inbox_acknowledge(service):
    response = service.client.post("/api/v1/alerts/subscriptions", headers=service.as_("admin"),
                                    json={"url": "http://127.0.0.1:9/alerts", "threshold": 0.5})
    assert response.status_code == 201
    post_call(service, cid="c-risky", risk=0.9)
    client = sign_in(service, "supervisor")
    inbox = client.get("/ui/alerts")
    assert "c-risky" in inbox.text and "ack-form" in inbox.text
    alert_id = re.search(r'/ui/alerts/([^/]+)/ack', inbox.text).group(1)
    acked = client.post(f"/ui/alerts/{alert_id}/ack", data={"csrf": csrf_in(inbox.text)})
    assert acked.status_code == 200 and 'data-ack="1"' in acked.text
    api = service.client.get("/api/v1/alerts", headers=service.as_("supervisor")).json()
    assert api[0]["acknowledged_by"].startswith("key:")


def test_rules_page_counts_hits(service):
    post_call(service, cid="c1")
    post_call(service, cid="c2", rude=True)
    client = sign_in(service, "qa")
    page = client.get("/ui/rules")
    assert page.status_code == 200 and "forbidden_rude" in page.text and "50%" in page.text


def test_english_is_switchable(service):
    client = sign_in(service, "qa")
    assert "通话" in client.get("/ui/calls").text
    assert "Calls" in client.get("/ui/calls", params={"lang": "en"}).text
    assert "Calls" in client.get("/ui/calls").text  # kept in a cookie


def test_revoked_key_ends_the_session(service):
    key = service.key("qa")["X-API-Key"]
    client = sign_in(service, "qa", key=key)
    assert client.get("/ui/calls").status_code == 200
    from service.models import ApiKey
    with service.app.state.sessionmaker() as session:
        row = session.query(ApiKey).filter(ApiKey.prefix == key.split("_")[1]).one()
        row.revoked = True
        session.commit()
    assert client.get("/ui/calls", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("asset", ["htmx.min.js", "echarts.common.min.js", "app.css", "call.js"])
def test_assets_are_served_locally(service, asset):
    response = TestClient(service.app).get(f"/ui/static/{asset}")
    assert response.status_code == 200 and len(response.content) > 500


def test_recording_plays_from_the_call_page_for_those_who_may_see_it(make_service):
    service = make_service(keep_uploads=True)  # the player needs the stored recording
    response = service.client.post("/api/v1/jobs", headers=service.as_("qa"), data={
        "conversation_id": "rec-1", "agent_id": "A1"},
        files={"file": ("call.wav", wav_bytes(), "audio/wav")})
    assert response.status_code == 202
    assert service.app.state.jobs.run_once() is True
    client = sign_in(service, "agent")
    page = client.get("/ui/calls/rec-1")
    assert 'id="player"' in page.text and 'class="play" data-start="0.0"' in page.text
    audio = client.get("/ui/calls/rec-1/audio")
    assert audio.status_code == 200 and audio.content == wav_bytes()
    other = sign_in(service, "agent", key=service.keys["agent2"])
    assert other.get("/ui/calls/rec-1/audio").status_code == 404


def test_calls_list_pages(service):
    for i in range(30):
        post_call(service, cid=f"p-{i:02d}", started_at=f"2026-11-02T09:{i:02d}:00+08:00")
    client = sign_in(service, "qa")
    first = client.get("/ui/calls")
    assert "1 / 2" in first.text and "p-29" in first.text and "p-04" not in first.text
    second = client.get("/ui/calls", params={"page": "2"})
    assert "p-04" in second.text and "p-29" not in second.text and "2 / 2" in second.text


def test_transcript_text_is_escaped(service):
    body = conversation("xss")
    body["utterances"][1]["text"] = "<script>alert(1)</script>"
    assert service.client.post("/api/v1/conversations", json=body,
                               headers=service.as_("qa")).status_code == 201
    page = sign_in(service, "qa").get("/ui/calls/xss")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_only_reviewers_review_and_only_agents_appeal(service):
    post_call(service, cid="c-rude", rude=True)
    supervisor = sign_in(service, "supervisor")
    page = supervisor.get("/ui/calls/c-rude")
    assert "review-form" not in page.text and "appeal-form" not in page.text
    refused = supervisor.post("/ui/calls/c-rude/review", data={
        "finding": "keywords.forbidden_rude", "verdict": "incorrect", "csrf": csrf_in(page.text)})
    assert refused.status_code == 403
    qa = sign_in(service, "qa")
    refused = qa.post("/ui/calls/c-rude/appeal", data={
        "finding": "keywords.forbidden_rude", "reason": "x",
        "csrf": csrf_in(qa.get("/ui/calls/c-rude").text)})
    assert refused.status_code == 403
    assert service.client.get("/api/v1/conversations/c-rude",
                              headers=service.as_("qa")).json()["version"] == 1


def test_review_of_a_not_applicable_finding_takes_a_value(make_service):
    analyzers = dict(fake_inspector().analyzers)
    analyzers["acoustics"] = FakeConstant("acoustics", ("dead_air", "overtalk", "speech_rate"),
                                          value=None)
    service = make_service(inspector=Inspector(analyzers=analyzers))
    post_call(service, cid="c1")
    client = sign_in(service, "qa")
    page = client.get("/ui/calls/c1")
    assert 'name="value"' in page.text  # an N/A finding asks for the corrected value
    from service.models import ConversationRow
    with service.app.state.sessionmaker() as session:
        score_before = session.get(ConversationRow, "c1").score
    done = client.post("/ui/calls/c1/review", data={
        "finding": "acoustics.dead_air", "verdict": "incorrect", "value": "0",
        "csrf": csrf_in(page.text)})
    assert done.status_code == 200 and 'id="call-version">v2' in done.text
    with service.app.state.sessionmaker() as session:
        assert session.get(ConversationRow, "c1").score < score_before
    bad = client.post("/ui/calls/c1/review", data={
        "finding": "acoustics.dead_air", "verdict": "incorrect", "value": "150",
        "csrf": csrf_in(page.text)})
    assert bad.status_code == 422 and "0–100" in bad.text


def test_session_secret_is_kept_in_the_data_dir_and_shared(tmp_path, monkeypatch):
    monkeypatch.delenv(web_session.SECRET_ENV, raising=False)
    first = web_session.secret_for(tmp_path / "d")
    assert web_session.secret_for(tmp_path / "d") == first and len(first) == 64
    assert oct((tmp_path / "d" / "web-secret").stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in (tmp_path / "d").iterdir()] == ["web-secret"]
    monkeypatch.setenv(web_session.SECRET_ENV, "from-env")
    assert web_session.secret_for(tmp_path / "d") == b"from-env"


def test_a_flash_message_cannot_be_planted_by_a_link(service):
    client = sign_in(service, "qa")
    page = client.get("/ui/calls", params={"flash": "请拨打 110 重置密码"})
    assert "请拨打" not in page.text
