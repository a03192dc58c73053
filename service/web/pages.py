"""The workbench pages (``/ui/…``): server-rendered Jinja2, light htmx, ECharts plots.

Every page reads and writes through the same route functions as the JSON API
(``service.api.routes.*``), with the signed-in key's principal, so roles, visibility
(an agent sees only their own calls) and audit logging are the API's own; no figure is
computed here.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, unquote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_engine.overview import Overview, rank_label, tied_ranks
from service import store
from service.api.deps import InspectorDep, SessionDep, SettingsDep
from service.api.routes import agents as agents_api
from service.api.routes import alerts as alerts_api
from service.api.routes import appeals as appeals_api
from service.api.routes import audit as audit_api
from service.api.routes import conversations as conversations_api
from service.api.routes import reviews as reviews_api
from service.api.routes.common import visible_conversation
from service.auth import Principal, Role, authenticate
from service.models import ConversationRow, InspectionRow, Job
from service.schemas import AppealDecisionIn, AppealIn, ReviewIn
from service.web import session as web_session
from service.web.i18n import DEFAULT, LANGS, translator

PREFIX = "/ui"
HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
# "greeting: no match for …": the rule id before a miss's note repeats the item's title.
templates.env.filters["note"] = lambda text: re.sub(r"^[\w.]+: ", "", text or "")
router = APIRouter(prefix=PREFIX, include_in_schema=False)

STAFF = (Role.ADMIN, Role.QA, Role.SUPERVISOR)
REVIEWERS = (Role.ADMIN, Role.QA)
PAGE_SIZE = 25
FLASH_COOKIE = "qa_flash"
RULES_MAX_CALLS = 20_000


# ----------------------------------------------------------------- request context

def _lang(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get("qa_lang") or DEFAULT
    return lang if lang in LANGS else DEFAULT


def _secret(request: Request) -> bytes:
    state = request.app.state
    if getattr(state, "web_secret", None) is None:
        state.web_secret = web_session.secret_for(state.settings.data_dir)
    return state.web_secret


def _payload(request: Request) -> dict:
    payload = web_session.decode(_secret(request), request.cookies.get(web_session.COOKIE))
    if payload is None:
        raise web_session.LoginRequired()
    return payload


def web_user(request: Request, session: SessionDep) -> Principal:
    """The signed-in principal; the browser is sent to the sign-in form otherwise."""
    principal = web_session.principal_of(session, _payload(request))
    if principal is None:
        raise web_session.LoginRequired()
    request.state.principal = principal
    return principal


WebUser = Annotated[Principal, Depends(web_user)]


async def csrf_form(request: Request) -> dict[str, str]:
    """The posted form, once its origin and CSRF token are checked."""
    web_session.check_origin(request)
    form = await request.form()
    web_session.check_token(_payload(request).get("c"), form.get("csrf"))
    return {k: v for k, v in form.items() if isinstance(v, str)}


FormDep = Annotated[dict[str, str], Depends(csrf_form)]


def allow(user: Principal, roles: tuple[Role, ...]) -> None:
    if user.role not in roles:
        raise HTTPException(403, f"role '{user.role.value}' may not open this page")


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = _lang(request)
    payload = web_session.decode(_secret(request), request.cookies.get(web_session.COOKIE))
    response = templates.TemplateResponse(request, name, {
        "t": translator(lang), "lang": lang, "user": getattr(request.state, "principal", None),
        "csrf": payload.get("c") if payload else None, "prefix": PREFIX,
        "flash": unquote(request.cookies.get(FLASH_COOKIE, "")) or None, **context},
        status_code=status_code)
    if FLASH_COOKIE in request.cookies:
        response.delete_cookie(FLASH_COOKIE, path=PREFIX)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie("qa_lang", lang, max_age=365 * 86400, samesite="lax")
    return response


def back_to(url: str, flash: str | None = None) -> RedirectResponse:
    """Redirect after a post; the message rides in a short-lived cookie (never in the URL,
    where anyone could write a link that shows their own text on our page)."""
    response = RedirectResponse(url, status_code=303)
    if flash:
        response.set_cookie(FLASH_COOKIE, quote(flash), max_age=60, httponly=True,
                            samesite="lax", path=PREFIX)
    return response


def install(app) -> None:
    """Handlers that turn sign-in and CSRF failures, and API errors on pages, into pages."""

    @app.exception_handler(web_session.LoginRequired)
    async def _login(request: Request, _: Exception) -> Response:
        if request.method == "GET":
            return RedirectResponse(f"{PREFIX}/login?{urlencode({'next': request.url.path})}",
                                    status_code=303)
        return HTMLResponse("sign in again", status_code=401)

    @app.exception_handler(web_session.CsrfFailed)
    async def _csrf(request: Request, exc: Exception) -> Response:
        return render(request, "error.html", 403, code=403, detail=str(exc))


def page_errors(func):
    """Show an API error (403, 404, 409, 422) raised by a route function as a page."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except HTTPException as exc:
            request = kwargs["request"]
            return render(request, "error.html", exc.status_code, code=exc.status_code,
                          detail=str(exc.detail))

    return wrapper


# ----------------------------------------------------------------- sign-in

@router.get("/login")
def login_form(request: Request, next: str = f"{PREFIX}/calls") -> HTMLResponse:
    token = web_session.secrets.token_urlsafe(24)
    response = render(request, "login.html", login_csrf=token, next=_safe_next(next))
    response.set_cookie(web_session.LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        path=f"{PREFIX}/login")
    return response


@router.post("/login")
async def login(request: Request, session: SessionDep) -> Response:
    web_session.check_origin(request)
    form = await request.form()
    web_session.check_token(request.cookies.get(web_session.LOGIN_CSRF_COOKIE),
                            form.get("csrf"))
    key = str(form.get("api_key", "")).strip()
    principal = authenticate(session, key) if key else None
    nxt = _safe_next(str(form.get("next") or f"{PREFIX}/calls"))
    if principal is None:
        token = web_session.secrets.token_urlsafe(24)
        response = render(request, "login.html", 401, login_csrf=token, next=nxt,
                          error="bad_key")
        response.set_cookie(web_session.LOGIN_CSRF_COOKIE, token, httponly=True,
                            samesite="strict", path=f"{PREFIX}/login")
        return response
    value, _ = web_session.encode(_secret(request), principal.key_id)
    response = RedirectResponse(nxt, status_code=303)
    response.set_cookie(web_session.COOKIE, value, max_age=web_session.LIFETIME_SECONDS,
                        httponly=True, samesite="lax", secure=request.url.scheme == "https",
                        path="/")
    response.delete_cookie(web_session.LOGIN_CSRF_COOKIE, path=f"{PREFIX}/login")
    return response


@router.post("/logout")
def logout(user: WebUser, form: FormDep) -> Response:
    response = RedirectResponse(f"{PREFIX}/login", status_code=303)
    response.delete_cookie(web_session.COOKIE, path="/")
    return response


def _safe_next(url: str) -> str:
    """Only a path of this site (no open redirect)."""
    return url if url.startswith(f"{PREFIX}/") and not url.startswith("//") else f"{PREFIX}/calls"


# ----------------------------------------------------------------- calls

def _day(value: str | None, *, end: bool = False) -> datetime | None:
    if not value:
        return None
    try:
        day = datetime.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"date: '{value}' is not YYYY-MM-DD") from None
    if len(value) <= 10:  # a date: the whole day, end exclusive of the next
        day = datetime.combine(day.date(), time.min, tzinfo=UTC)
        if end:
            day += timedelta(days=1)
    return day if day.tzinfo else day.replace(tzinfo=UTC)


def _num(value: str | None, low: float, high: float, name: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except ValueError:
        raise HTTPException(422, f"{name}: '{value}' is not a number") from None
    if not low <= number <= high:
        raise HTTPException(422, f"{name}: must be within {low:g}–{high:g}")
    return number


def _flag(value: str | None) -> bool | None:
    return {"1": True, "0": False}.get(value or "")


@router.get("", include_in_schema=False)
@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}/calls", status_code=303)


@router.get("/calls")
@page_errors
def calls(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    q = request.query_params
    filters = {k: q.get(k, "") for k in ("agent_id", "queue", "from", "to", "min_score",
                                         "max_score", "min_risk", "red_line", "needs_review")}
    page = max(1, int(q.get("page") or 1)) if (q.get("page") or "1").isdigit() else 1
    result = conversations_api.list_conversations(
        session, user, agent_id=filters["agent_id"] or None, queue=filters["queue"] or None,
        started_from=_day(filters["from"]), started_to=_day(filters["to"], end=True),
        min_score=_num(filters["min_score"], 0, 100, "min_score"),
        max_score=_num(filters["max_score"], 0, 100, "max_score"),
        min_risk=_num(filters["min_risk"], 0, 1, "min_risk"),
        red_line_failed=_flag(filters["red_line"]), needs_review=_flag(filters["needs_review"]),
        limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    kept = {k: v for k, v in filters.items() if v}
    pages = max(1, -(-result.total // PAGE_SIZE))
    link = lambda p: f"{PREFIX}/calls?" + urlencode({**kept, "page": p})  # noqa: E731
    return render(request, "calls.html", result=result, filters=filters, page=page,
                  pages=pages, prev_url=link(page - 1) if page > 1 else None,
                  next_url=link(page + 1) if page < pages else None)


def _version_changes(session: Session, conversation_id: str, versions: list) -> dict[int, list]:
    """What each version changed against the one before: items whose value moved."""
    rows = {r.version: r.inspection for r in session.scalars(select(InspectionRow).where(
        InspectionRow.conversation_id == conversation_id))} if len(versions) > 1 else {}
    changes: dict[int, list] = {}
    for v in versions[1:]:
        before = {i["id"]: i for i in rows.get(v.version - 1, {}).get("items", [])}
        moved = []
        for item in rows.get(v.version, {}).get("items", []):
            old = before.get(item["id"])
            if old is not None and old.get("value") != item.get("value"):
                moved.append({"title": item.get("title") or item["id"],
                              "before": old.get("value"), "after": item.get("value")})
        changes[v.version] = moved
    return changes


def _recording(session: Session, conversation_id: str) -> Job | None:
    job = session.scalar(select(Job).where(Job.conversation_id == conversation_id,
                                           Job.status == "succeeded").order_by(Job.created_at.desc()))
    return job if job is not None and Path(job.stored_path).is_file() else None


@router.get("/calls/{conversation_id}")
@page_errors
def call_detail(conversation_id: str, request: Request, session: SessionDep,
                settings: SettingsDep, inspector: InspectorDep, user: WebUser) -> HTMLResponse:
    detail = conversations_api.get_conversation(conversation_id, session, user, settings)
    inspection = detail.inspection
    sections = {s.id: s.title or s.id for s in inspector.scorecard.sections}
    sentiment = inspection.findings.get("sentiment")
    risk = inspection.findings.get("complaint_risk")
    risk_finding = risk.items.get("risk") if risk else None
    utterances = detail.conversation.utterances
    trajectory = [{"t": utterances[p["utterance"]].start, "p": p["negative_prob"],
                   "i": p["utterance"]}
                  for p in (sentiment.detail.get("utterances", []) if sentiment else [])
                  if p.get("speaker") == "customer" and p["utterance"] < len(utterances)]
    items = [{"id": it.id, "finding": it.source.removeprefix("finding:"),
              "evidence": [e.model_dump(mode="json") for e in it.evidence]}
             for it in inspection.items]
    appeals = appeals_api.list_appeals(session, user, status=None,
                                       conversation_id=conversation_id)
    reviews = reviews_api.list_reviews(conversation_id, session, user)
    return render(request, "call.html", detail=detail, inspection=inspection,
                  utterances=utterances, sections=sections, items_json=items,
                  trajectory=trajectory, risk=risk_finding,
                  threshold=store.model_threshold(),
                  changes=_version_changes(session, conversation_id, detail.versions),
                  recording=_recording(session, conversation_id) is not None,
                  appeals=appeals, reviews=reviews, titles=finding_titles(inspector),
                  can_review=user.role in REVIEWERS, can_appeal=user.role is Role.AGENT)


@router.get("/calls/{conversation_id}/audio")
@page_errors
def call_audio(conversation_id: str, request: Request, session: SessionDep,
               user: WebUser) -> Response:
    row = visible_conversation(session, conversation_id, user)
    job = _recording(session, row.id)
    if job is None:
        raise HTTPException(404, f"no recording stored for '{conversation_id}'")
    return FileResponse(job.stored_path, media_type=job.media_type)


@router.post("/calls/{conversation_id}/review")
@page_errors
def review(conversation_id: str, request: Request, session: SessionDep,
           inspector: InspectorDep, user: WebUser, form: FormDep) -> Response:
    allow(user, REVIEWERS)
    value = _num(form.get("value"), 0, 100, "value")
    body = _body(ReviewIn, finding=form.get("finding"), verdict=form.get("verdict"),
                 comment=form.get("comment") or None,
                 value=None if value is None else value / 100)
    out = reviews_api.create_review(conversation_id, body, session, inspector, user)
    t = translator(_lang(request))
    return back_to(f"{PREFIX}/calls/{conversation_id}", f"{t('saved_version')} v{out.to_version}")


@router.post("/calls/{conversation_id}/appeal")
@page_errors
def appeal(conversation_id: str, request: Request, session: SessionDep,
           settings: SettingsDep, user: WebUser, form: FormDep) -> Response:
    allow(user, (Role.AGENT,))
    body = _body(AppealIn, finding=form.get("finding"), reason=form.get("reason", ""))
    out = appeals_api.create_appeal(conversation_id, body, session, settings, user)
    t = translator(_lang(request))
    return back_to(f"{PREFIX}/calls/{conversation_id}", f"{t('appeal_filed')} #{out.id}")


def _body(model, **fields):
    try:
        return model(**fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise HTTPException(422, f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None


# ----------------------------------------------------------------- appeals

def finding_titles(inspector) -> dict[str, str]:
    """'analyzer.key' → the scorecard item's title (what a person reads)."""
    return {it.finding: it.title for s in inspector.scorecard.sections for it in s.items
            if it.finding and it.title}


@router.get("/appeals")
@page_errors
def appeals(request: Request, session: SessionDep, inspector: InspectorDep,
            user: WebUser) -> HTMLResponse:
    status = request.query_params.get("status") or None
    if status not in (None, "open", "upheld", "rejected"):
        raise HTTPException(422, "status: open, upheld or rejected")
    listed = appeals_api.list_appeals(session, user, status=status, conversation_id=None)
    chain, entries = None, []
    if user.role in REVIEWERS:  # the hash-chained log behind reviews and appeals
        chain = audit_api.verify(session, user)
        entries = audit_api.list_entries(session, user, after=max(0, chain.entries - 20),
                                         limit=20)[::-1]
    return render(request, "appeals.html", appeals=list(reversed(listed)), status=status,
                  can_decide=user.role in REVIEWERS, chain=chain, entries=entries,
                  titles=finding_titles(inspector))


@router.post("/appeals/{appeal_id}/decision")
@page_errors
def decide(appeal_id: int, request: Request, session: SessionDep, inspector: InspectorDep,
           user: WebUser, form: FormDep) -> Response:
    allow(user, REVIEWERS)
    body = _body(AppealDecisionIn, decision=form.get("decision"),
                 comment=form.get("comment") or None)
    out = appeals_api.decide_appeal(appeal_id, body, session, inspector, user)
    t = translator(_lang(request))
    return back_to(f"{PREFIX}/appeals", f"{t('decided')} #{out.id}: {t(out.status)}")


# ----------------------------------------------------------------- agents

@router.get("/agents")
@page_errors
def agents(request: Request, session: SessionDep, settings: SettingsDep,
           inspector: InspectorDep, user: WebUser) -> Response:
    if user.role is Role.AGENT:
        return RedirectResponse(f"{PREFIX}/agents/{user.agent_id}", status_code=303)
    q = request.query_params
    board = agents_api.leaderboard(session, settings, inspector, user,
                                   start=_day(q.get("from")), end=_day(q.get("to"), end=True),
                                   queue=q.get("queue") or None, limit=1000)
    ranks = tied_ranks([(a.interval_low, a.interval_high) for a in board.agents])
    rows = [{"agent": a, "rank": rank_label(r, ranks)} for a, r in zip(board.agents, ranks)]
    return render(request, "agents.html", board=board, rows=rows, q=q)


@router.get("/agents/{agent_id}")
@page_errors
def agent_board(agent_id: str, request: Request, session: SessionDep, settings: SettingsDep,
                inspector: InspectorDep, user: WebUser) -> HTMLResponse:
    q = request.query_params
    card = agents_api.agent_scorecard(agent_id, session, settings, inspector, user,
                                      start=_day(q.get("from")), end=_day(q.get("to"), end=True),
                                      trend="week")
    titles = {s.id: s.title or s.id for s in inspector.scorecard.sections}
    score = card.score
    chart = {"trend": [p.bucket_start.date().isoformat() for p in card.trend],
             "trend_mean": [p.mean for p in card.trend],
             "trend_calls": [p.calls for p in card.trend],
             "sections": [titles.get(k, k) for k in (score.sections if score else {})],
             "section_means": list(score.sections.values()) if score else [],
             "team": card.team.get("team_mean")}
    return render(request, "agent.html", card=card, chart=chart)


# ----------------------------------------------------------------- alerts

@router.get("/alerts")
@page_errors
def alerts(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    allow(user, STAFF)
    listed = alerts_api.list_alerts(session, user, conversation_id=None, agent_id=None,
                                    queue=request.query_params.get("queue") or None, since=None,
                                    limit=200)
    return render(request, "alerts.html", alerts=listed)


@router.post("/alerts/{alert_id}/ack")
@page_errors
def acknowledge(alert_id: str, request: Request, session: SessionDep, user: WebUser,
                form: FormDep) -> Response:
    allow(user, STAFF)
    alerts_api.acknowledge_alert(alert_id, session, user)
    return back_to(f"{PREFIX}/alerts", translator(_lang(request))("acknowledged"))


# ----------------------------------------------------------------- rules

def current_inspections(session: Session, start: datetime | None, end: datetime | None):
    """Each call's current inspection (JSON) that started in [start, end)."""
    c, i = ConversationRow, InspectionRow
    conditions = [i.conversation_id == c.id, i.version == c.version]
    if start is not None:
        conditions.append(c.started_at >= start)
    if end is not None:
        conditions.append(c.started_at < end)
    return session.scalars(select(i.inspection).where(*conditions).limit(RULES_MAX_CALLS))


def latest_backtest(path: Path, titles: dict[str, str]) -> dict[str, Any] | None:
    """The saved ``qa rules backtest --save`` report, as rows for the page (figures as saved);
    None when there is none, ``{"error": …}`` when it cannot be read."""
    if not path.is_file():
        return None
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        reports = saved["reports"]
        new = reports["new"]
        base = reports.get("baseline")
        findings = sorted(new["findings"], key=lambda k: (k == "any_forbidden", k))
        rows = [{"finding": fid, "title": titles.get(fid, fid), "new": new["findings"][fid],
                 "baseline": (base or {}).get("findings", {}).get(fid)} for fid in findings]
        return {"saved_at": saved.get("saved_at"), "labels": saved.get("labels"),
                "split": saved.get("split", new.get("split")), "calls": new["calls"],
                "rulebook": new.get("rulebook"), "baseline": base is not None,
                "baseline_rulebook": (base or {}).get("rulebook"), "rows": rows}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return {"error": f"{path}: {exc.__class__.__name__}"}


@router.get("/rules")
@page_errors
def rules(request: Request, session: SessionDep, inspector: InspectorDep, settings: SettingsDep,
          user: WebUser) -> HTMLResponse:
    allow(user, STAFF)
    q = request.query_params
    titles = {it.finding.partition(".")[2]: it.title for s in inspector.scorecard.sections
              for it in s.items if it.finding and it.finding.startswith("keywords.") and it.title}
    overview = Overview(titles=titles)
    for row in current_inspections(session, _day(q.get("from")), _day(q.get("to"), end=True)):
        overview.add(row)
    report = settings.resolved_backtest_report
    return render(request, "rules.html", overview=overview, rules=overview.rules(), q=q,
                  backtest=latest_backtest(report, titles), backtest_path=str(report))
