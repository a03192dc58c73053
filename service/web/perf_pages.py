"""The performance pages (``/ui/performance…``): period results, deviation warnings,
coaching tasks and the QA sample with calibration κ.

Like the other pages they call the performance route functions
(``service.api.routes.performance``) with the signed-in principal, so roles (an agent reads
only their own results, warnings and tasks; the sample, the payroll CSV, a period run and
closing a task are staff's) and the audit log are the API's own. No score, tier, warning
or κ is computed here: the library computes them and the routes store or return them.
"""

from __future__ import annotations

import csv
import functools
import io
from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy import select

from qa_engine.errors import QAEngineError
from qa_engine.performance import parse_period
from qa_engine.performance.calibration import CalibrationLabel
from service.api.deps import SessionDep
from service.api.routes import performance as perf_api
from service.perf_models import PerfResult
from service.web.i18n import WORDS, translator
from service.web.pages import (
    PREFIX,
    STAFF,
    FormDep,
    WebUser,
    _body,
    _lang,
    allow,
    back_to,
    page_errors,
    render,
)

router = APIRouter(prefix=f"{PREFIX}/performance", include_in_schema=False)
CALIBRATION_MAX_BYTES = 2_000_000

# The performance pages' words, added to the workbench's (key: zh-CN, English).
WORDS.update({
    "perf": ("绩效", "Performance"),
    "perf_warnings": ("偏离预警", "Deviation warnings"),
    "perf_coaching": ("辅导", "Coaching"),
    "perf_qa_sample": ("抽检", "QA sample"),
    "perf_results": ("绩效结果", "Period results"),
    "perf_structure": ("考核结构", "Structure"),
    "perf_points": ("得分", "Points"),
    "perf_tier": ("档位", "Tier"),
    "perf_coefficient": ("绩效系数", "Coefficient"),
    "perf_total_score": ("总分", "Total"),
    "perf_payroll_csv": ("薪酬导出 CSV", "Payroll CSV"),
    "perf_run_period": ("计算该期间", "Run the period"),
    "perf_ran": ("已计算", "Computed"),
    "perf_provisional": ("暂定", "Provisional"),
    "perf_promotion": ("晋升通道", "Promotion track"),
    "perf_top_share": ("前列", "Top share"),
    "perf_missing": ("缺失指标", "Missing"),
    "perf_indicator": ("指标", "Indicator"),
    "perf_no_results": ("该期间尚无结果", "No results for this period"),
    "perf_alarm_day": ("报警日", "Alarm day"),
    "perf_days": ("偏离日", "Days"),
    "perf_shift": ("偏移", "Shift"),
    "perf_baseline": ("基线", "Baseline"),
    "perf_recent": ("近期", "Recent"),
    "perf_team_shift": ("团队同期偏移", "Team shift"),
    "perf_workload": ("日均通话", "Calls a day"),
    "perf_worst_calls": ("最差通话", "Worst calls"),
    "perf_all_calls": ("全部通话", "All calls"),
    "perf_owner": ("负责人", "Owner"),
    "perf_due": ("截止", "Due"),
    "perf_outcome": ("辅导结果", "Outcome"),
    "perf_close_task": ("关闭任务", "Close task"),
    "perf_closed": ("已关闭", "Closed"),
    "perf_task_closed": ("辅导任务已关闭", "Coaching task closed"),
    "perf_window": ("观察窗口", "Window"),
    "perf_follow_up": ("后续", "Follow-up"),
    "perf_improved": ("已改善", "Improved"),
    "perf_not_improved": ("未改善", "Not improved"),
    "perf_evidence_calls": ("证据通话", "Evidence calls"),
    "perf_reasons": ("抽检原因", "Reasons"),
    "perf_queued": ("待抽检", "Queued"),
    "perf_reviewed": ("已抽检", "Reviewed"),
    "perf_mark_reviewed": ("标记已抽检", "Mark reviewed"),
    "perf_calibration": ("校准 κ", "Calibration κ"),
    "perf_calibration_help": (
        "粘贴校准会的标注 CSV（列 conversation_id,item,reviewer,label），按项目计算 Cohen/Fleiss κ。",
        "Paste a calibration session's labels as CSV (columns conversation_id, item, reviewer, "
        "label) for Cohen's (2 reviewers) or Fleiss' (3+) κ per item."),
    "perf_kappa": ("κ", "κ"),
    "perf_method": ("方法", "Method"),
    "perf_agreement": ("一致率", "Observed agreement"),
    "perf_reviewers": ("评审人数", "Reviewers"),
    "perf_skipped": ("跳过", "Skipped"),
    "perf_compute": ("计算", "Compute"),
    "perf_sampled": ("抽检通话", "Sampled calls"),
    "perf_all_statuses": ("全部状态", "All"),
})


def perf_page(func):
    """``page_errors`` plus the library's input errors (a bad period) shown as a 422 page."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except QAEngineError as exc:
            return render(kwargs["request"], "error.html", 422, code=422, detail=str(exc))

    return page_errors(wrapper)


def _periods(session) -> list[str]:
    """Periods with stored results, newest first (what the period picker offers)."""
    labels = session.scalars(select(PerfResult.period).distinct())
    return sorted(labels, key=lambda p: (parse_period(p).end, p), reverse=True)


def _period(request: Request, periods: list[str]) -> str:
    """The asked period (checked by the library), else the latest stored, else this month."""
    asked = (request.query_params.get("period") or "").strip()
    if asked:
        return parse_period(asked).label
    return periods[0] if periods else date.today().strftime("%Y-%m")


def _indicator_columns(results) -> list[dict]:
    """Every indicator that appears, in the plan's order of first appearance."""
    seen: dict[str, dict] = {}
    for r in results:
        for ind in r.indicators:
            seen.setdefault(ind.id, {"id": ind.id, "title": ind.title or ind.id})
    return list(seen.values())


# ----------------------------------------------------------------- period results

@router.get("")
@perf_page
def results(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    periods = _periods(session)
    period = _period(request, periods)
    rows = perf_api.list_results(session, user, period=period, agent_id=None)
    chart = {"agents": [r.agent_id for r in rows], "total": [r.total for r in rows],
             "low": [r.total_low for r in rows], "high": [r.total_high for r in rows],
             "tier": [r.tier for r in rows]}
    return render(request, "perf_results.html", results=rows, period=period,
                  periods=periods if period in periods else [period, *periods],
                  columns=_indicator_columns(rows), chart=chart,
                  is_staff=user.role in STAFF)


@router.get("/results.csv")
@perf_page
def payroll(request: Request, session: SessionDep, user: WebUser) -> Response:
    allow(user, STAFF)
    return perf_api.results_csv(session, user, period=request.query_params.get("period") or "")


@router.post("/run")
@perf_page
def run(request: Request, session: SessionDep, user: WebUser, form: FormDep) -> Response:
    allow(user, STAFF)
    body = _body(perf_api.RunIn, period=(form.get("period") or "").strip())
    out = perf_api.create_run(body, request, session, user)
    t = translator(_lang(request))
    s = out.summary
    return back_to(f"{PREFIX}/performance?period={out.period}",
                   f"{t('perf_ran')} {out.period} ({out.plan}): {s['agents']} {t('agents')} · "
                   f"{s['warnings']} {t('perf_warnings')} · {s['new_coaching_tasks']} "
                   f"{t('perf_coaching')} · {s['sampled_calls']} {t('perf_sampled')}")


# ----------------------------------------------------------------- deviation warnings

@router.get("/warnings")
@perf_page
def warnings(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    asked = (request.query_params.get("period") or "").strip()
    listed = perf_api.list_warnings(session, user, period=asked or None, agent_id=None)
    charts = {w.id: {"days": [p.day.isoformat() for p in w.chart],
                     "value": [p.value for p in w.chart],
                     "flagged": [p.day.isoformat() for p in w.chart if p.day in w.days]}
              for w in listed}
    return render(request, "perf_warnings.html", warnings=list(reversed(listed)),
                  period=asked, periods=_periods(session), charts=charts)


# ----------------------------------------------------------------- coaching

@router.get("/coaching")
@perf_page
def coaching(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    status = request.query_params.get("status") or None
    if status not in (None, "open", "closed"):
        raise HTTPException(422, "status: open or closed")
    tasks = perf_api.list_tasks(session, user, agent_id=None, status=status)
    tasks.sort(key=lambda t: (t.status != "open", t.due, t.id))
    return render(request, "perf_coaching.html", tasks=tasks, status=status,
                  can_close=user.role in STAFF)


@router.post("/coaching/{task_id}/close")
@perf_page
def close_task(task_id: str, request: Request, session: SessionDep, user: WebUser,
               form: FormDep) -> Response:
    allow(user, STAFF)
    body = _body(perf_api.CloseIn, outcome=(form.get("outcome") or "").strip())
    closed = perf_api.close(task_id, body, session, user)
    t = translator(_lang(request))
    return back_to(f"{PREFIX}/performance/coaching", f"{t('perf_task_closed')}: {closed.id}")


# ----------------------------------------------------------------- QA sample

def _sample_page(request: Request, session, user, *, kappas=None, labels_text: str = "",
                 status_code: int = 200) -> HTMLResponse:
    periods = _periods(session)
    period = _period(request, periods)
    status = request.query_params.get("status") or None
    if status not in (None, "queued", "reviewed"):
        raise HTTPException(422, "status: queued or reviewed")
    sample = perf_api.list_sample(session, user, period=period, agent_id=None, status=status)
    return render(request, "perf_sample.html", status_code, sample=sample, period=period,
                  periods=periods if period in periods else [period, *periods], status=status,
                  kappas=kappas, labels_text=labels_text)


@router.get("/sample")
@perf_page
def sample(request: Request, session: SessionDep, user: WebUser) -> HTMLResponse:
    allow(user, STAFF)
    return _sample_page(request, session, user)


@router.post("/sample/{period}/{conversation_id}/reviewed")
@perf_page
def mark_reviewed(period: str, conversation_id: str, request: Request, session: SessionDep,
                  user: WebUser, form: FormDep) -> Response:
    allow(user, STAFF)
    label = parse_period(period).label
    out = perf_api.mark_reviewed(label, conversation_id, session, user)
    t = translator(_lang(request))
    return back_to(f"{PREFIX}/performance/sample?period={label}",
                   f"{out.conversation_id}: {t('perf_reviewed')}")


def _calibration_labels(text: str) -> list[CalibrationLabel]:
    """The pasted CSV as labels; a bad line is a 422 naming it (nothing is computed)."""
    if len(text.encode()) > CALIBRATION_MAX_BYTES:
        raise HTTPException(413, f"labels: more than {CALIBRATION_MAX_BYTES} bytes")
    reader = csv.DictReader(io.StringIO(text.strip()))
    needed = ("conversation_id", "item", "reviewer", "label")
    labels = []
    try:
        missing = [c for c in needed if c not in (reader.fieldnames or [])]
        if missing:
            raise HTTPException(422, f"header: missing column(s) {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            cells = {k: (row.get(k) or "").strip() for k in needed}
            try:
                labels.append(CalibrationLabel.model_validate(cells))
            except ValidationError as exc:
                first = exc.errors()[0]
                raise HTTPException(422, f"line {line}, column {first['loc'][0]}: "
                                         f"{first['msg']}") from None
    except csv.Error as exc:
        raise HTTPException(422, f"malformed CSV: {exc}") from None
    return labels


@router.post("/sample/calibration")
@perf_page
def calibration(request: Request, session: SessionDep, user: WebUser,
                form: FormDep) -> HTMLResponse:
    allow(user, STAFF)
    text = form.get("labels") or ""
    body = _body(perf_api.CalibrationIn, labels=_calibration_labels(text))
    kappas = perf_api.calibration(body, user)
    return _sample_page(request, session, user, kappas=kappas, labels_text=text)
