"""The audit report: one self-contained, offline ``report.html`` built from an audit's files.

    write_report(out_dir, section_titles={...}) -> out_dir / "report.html"

Reads ``calls.jsonl`` (streamed, latest row per file), ``agents.csv``, ``errors.jsonl`` and
``alerts.jsonl`` (when alerts were sent) and draws the score distribution, section means,
per-agent intervals, rule hit rates and the complaint-risk histogram with ECharts, whose
minified build is inlined (the same file the service's pages serve), so the report opens
with no network. Every figure comes from ``qa_engine.overview`` or the audit's own files;
people read scorecard titles, ids stay in the JSON.
"""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qa_engine.overview import Overview, complaint_probability, rank_label, tied_ranks
from qa_engine.rollup import CallScore, rollup_agents

ECHARTS_NAME = "echarts.common.min.js"
TOP_ALERTS = 20
MAX_FAILED_SHOWN = 200


def echarts_source() -> str:
    """The vendored ECharts build (``service/web/static``), or an empty string when this
    install has no copy: the report's tables still read, only the plots are missing."""
    checkout = Path(__file__).resolve().parents[1] / "service" / "web" / "static" / ECHARTS_NAME
    if checkout.is_file():
        return checkout.read_text(encoding="utf-8")
    try:  # an installed wheel carries it as package data of service.web
        from importlib.resources import files

        return (files("service.web") / "static" / ECHARTS_NAME).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return ""


def stream_calls(path: Path) -> Iterator[dict]:
    """``calls.jsonl`` rows, the latest per file, holding only line offsets in memory."""
    if not path.exists():
        return
    latest: dict[str, int] = {}
    with path.open("rb") as handle:
        offset = 0
        for line in handle:
            try:
                row_key = _row_key(json.loads(line))
            except (json.JSONDecodeError, KeyError):
                row_key = None  # a line torn by a crash: skipped, as the audit does
            if row_key is not None:
                latest[row_key] = offset
            offset += len(line)
        for start in sorted(latest.values()):
            handle.seek(start)
            yield json.loads(handle.readline())


def _row_key(row: dict) -> str:
    return row.get("file") or row["conversation_id"]


def _read_jsonl(path: Path) -> Iterator[dict]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue


def read_agents(path: Path) -> list[dict] | None:
    """Rows of ``agents.csv`` as numbers, or None when it is missing or its columns are not
    the id-named ones this reader knows."""
    need = ("agent_id", "calls", "shrunk_mean", "interval_low", "interval_high", "raw_mean")
    if not path.exists():
        return None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not set(need) <= set(reader.fieldnames):
            return None
        rows = []
        for r in reader:
            rows.append({"agent_id": r["agent_id"], "calls": int(r["calls"]),
                         "shrunk_mean": float(r["shrunk_mean"]),
                         "interval_low": float(r["interval_low"]),
                         "interval_high": float(r["interval_high"]),
                         "raw_mean": float(r["raw_mean"]),
                         "red_line_failures": int(r.get("red_line_failures") or 0)})
        return rows


class _Collector:
    """One pass over the calls: the overview figures, item titles, the riskiest calls."""

    def __init__(self) -> None:
        self.overview = Overview(titles={})
        self.calls: list[CallScore] = []
        self.riskiest: list[tuple[float, dict]] = []

    def add(self, row: dict) -> None:
        titles = self.overview.titles
        for item in row.get("items", []):
            source = item.get("source", "")
            if source.startswith("finding:keywords.") and item.get("title"):
                titles.setdefault(source.removeprefix("finding:keywords."), item["title"])
        self.overview.add(row)
        if row.get("score") is not None:
            self.calls.append(CallScore(
                agent_id=row.get("agent_id") or "(unknown)", score=row["score"],
                red_line_failed=row.get("red_line_failed", False),
                sections={k: v for k, v in (row.get("sections") or {}).items() if v is not None}))
        p = complaint_probability(row)
        if p is not None:
            risk = row["findings"]["complaint_risk"]["items"]["risk"]
            self.riskiest.append((p, {
                "conversation_id": row["conversation_id"], "agent_id": row.get("agent_id"),
                "queue": row.get("queue"), "probability": p,
                "evidence": risk.get("evidence", [])[:3]}))
            if len(self.riskiest) > 4 * TOP_ALERTS:
                self.riskiest.sort(key=lambda pair: -pair[0])
                del self.riskiest[TOP_ALERTS:]


def build_report(out_dir: Path, *, section_titles: Mapping[str, str] | None = None,
                 title: str = "质检报告") -> str:
    """The report's HTML text (see module docstring)."""
    section_titles = dict(section_titles or {})
    collected = _Collector()
    for row in stream_calls(out_dir / "calls.jsonl"):
        collected.add(row)
    overview = collected.overview
    agents = read_agents(out_dir / "agents.csv")
    if agents is None:  # an agents.csv of another shape: the same roll-up, from the calls
        rolled, _ = rollup_agents(collected.calls)
        agents = [{"agent_id": a.agent_id, "calls": a.calls, "shrunk_mean": a.shrunk_mean,
                   "interval_low": a.interval_low, "interval_high": a.interval_high,
                   "raw_mean": a.mean, "red_line_failures": a.red_line_failures}
                  for a in rolled]
    ranks = tied_ranks([(a["interval_low"], a["interval_high"]) for a in agents])
    for agent, rank in zip(agents, ranks, strict=True):
        agent["rank"] = rank_label(rank, ranks)
    alerts = sorted(_read_jsonl(out_dir / "alerts.jsonl"), key=lambda a: -a.get("probability", 0))
    alerts_from_log = bool(alerts)
    if not alerts:
        alerts = [entry for _, entry in sorted(collected.riskiest, key=lambda p: -p[0])]
    errors = list(_read_jsonl(out_dir / "errors.jsonl"))
    sections = overview.section_means()
    rules = overview.rules()
    data = {
        "scores": overview.score_histogram(10),
        "risks": overview.risk_histogram(10),
        "sections": [[section_titles.get(s, s), round(v, 1)] for s, v in sections.items()],
        "agents": [[a["agent_id"], round(a["interval_low"], 2), round(a["interval_high"], 2),
                    round(a["shrunk_mean"], 2)] for a in agents],
        "rules": [[r.title, _pct(r.hit_rate), _pct(r.pass_rate)] for r in rules],
    }
    return _page(title=title, out_dir=out_dir, overview=overview, agents=agents,
                 rules=rules, sections=sections, section_titles=section_titles,
                 alerts=alerts[:TOP_ALERTS], alerts_from_log=alerts_from_log,
                 errors=errors, data=data)


def write_report(out_dir: Path, *, section_titles: Mapping[str, str] | None = None) -> Path:
    """Write ``out_dir/report.html`` and return its path."""
    path = out_dir / "report.html"
    path.write_text(build_report(out_dir, section_titles=section_titles), encoding="utf-8")
    return path


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _num(value: float | None, fmt: str = "{:.1f}") -> str:
    return "–" if value is None else fmt.format(value)


def _page(*, title: str, out_dir: Path, overview: Overview, agents: list[dict], rules: list,
          sections: dict, section_titles: dict, alerts: list[dict], alerts_from_log: bool,
          errors: list[dict], data: dict) -> str:
    scores = overview.scores
    mean = sum(scores) / len(scores) if scores else None
    agent_rows = "".join(
        f"<tr><td>{_e(a['rank'])}</td><td>{_e(a['agent_id'])}</td><td class=r>{a['calls']}</td>"
        f"<td class=r>{a['shrunk_mean']:.1f}</td><td>{a['interval_low']:.1f}–"
        f"{a['interval_high']:.1f}</td><td class=r>{a['raw_mean']:.1f}</td>"
        f"<td class=r>{a['red_line_failures']}</td></tr>" for a in agents)
    section_rows = "".join(f"<tr><td>{_e(section_titles.get(s, s))}</td><td class=muted>{_e(s)}"
                           f"</td><td class=r>{v:.1f}</td></tr>" for s, v in sections.items())
    rule_rows = "".join(
        f"<tr><td>{_e(r.title)}</td><td class=muted>{_e(r.rule)}</td><td class=r>"
        f"{r.applicable}/{r.calls}</td><td class=r>{_num(_pct(r.hit_rate))}%</td>"
        f"<td class=r>{_num(_pct(r.pass_rate))}%</td><td class=r>{r.needs_review}</td></tr>"
        for r in rules)
    alert_rows = "".join(
        f"<tr><td>{_e(a['conversation_id'])}</td><td>{_e(a.get('agent_id'))}</td>"
        f"<td>{_e(a.get('queue'))}</td><td class=r>{100 * a['probability']:.0f}%</td><td>"
        + "".join(f"<div>#{_e(ev.get('utterance'))} “{_e(_short(ev.get('text'), 60))}” "
                  f"<span class=muted>{_e(ev.get('note'))}</span></div>"
                  for ev in a.get("evidence", [])[:3]) + "</td></tr>" for a in alerts)
    error_rows = "".join(
        f"<tr><td>{_e(x.get('file'))}</td><td>{_e(x.get('stage'))}</td><td>{_e(x.get('code'))}"
        f"</td><td>{_e(x.get('error_type'))}</td><td>{_e(x.get('message'))}</td></tr>"
        for x in errors[:MAX_FAILED_SHOWN])
    more_errors = (f"<p class=muted>… {len(errors) - MAX_FAILED_SHOWN} more in errors.jsonl</p>"
                   if len(errors) > MAX_FAILED_SHOWN else "")
    alerts_title = "投诉风险预警（已发送）" if alerts_from_log else "投诉风险最高的通话"
    echarts = echarts_source()
    plots = "" if echarts else "<p class=muted>（此安装未附带 ECharts，图表省略）</p>"
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{_e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{_CSS}</style></head><body><main>
<h1>{_e(title)}</h1>
<p class=muted>{_e(out_dir.resolve())} · 生成于 {generated}</p>{plots}
<div class=kpis><div><b>{overview.calls}</b>通话</div><div><b>{_num(mean)}</b>平均分</div>
<div><b>{overview.red_lines}</b>一票否决</div><div><b>{overview.needs_review}</b>待复核</div>
<div><b>{len(errors)}</b>失败文件</div><div><b>{len(agents)}</b>坐席</div></div>
<div class=grid2>
<section><h2>得分分布</h2><div class=chart id=c-scores></div></section>
<section><h2>投诉风险分布</h2><div class=chart id=c-risks></div></section>
</div>
<section><h2>各环节均分</h2><div class=chart id=c-sections></div>
<table><tr><th>环节</th><th>id</th><th class=r>均分</th></tr>{section_rows}</table></section>
<section><h2>坐席得分（收缩均值与区间；区间重叠者并列 =）</h2>
<div class="chart tall" id=c-agents style="height:{max(260, 26 * len(agents) + 60)}px"></div>
<table><tr><th>排名</th><th>坐席</th><th class=r>通话数</th><th class=r>收缩均值</th><th>区间</th>
<th class=r>原始均值</th><th class=r>一票否决</th></tr>{agent_rows}</table></section>
<section><h2>规则命中率</h2>
<div class="chart tall" id=c-rules style="height:{max(260, 24 * len(rules) + 60)}px"></div>
<table><tr><th>规则</th><th>id</th><th class=r>适用/通话</th><th class=r>命中率</th>
<th class=r>合规率</th><th class=r>待复核</th></tr>{rule_rows}</table></section>
<section><h2>{alerts_title}</h2>
<table><tr><th>通话</th><th>坐席</th><th>队列</th><th class=r>概率</th><th>证据</th></tr>
{alert_rows or '<tr><td colspan=5 class=muted>无</td></tr>'}</table></section>
<section><h2>失败文件</h2>
<table><tr><th>文件</th><th>阶段</th><th>代码</th><th>类型</th><th>信息</th></tr>
{error_rows or '<tr><td colspan=5 class=muted>无</td></tr>'}</table>{more_errors}</section>
</main>
<script type="application/json" id=report-data>{_json_for_html(data)}</script>
<script>{echarts}</script>
<script>{_PLOTS}</script>
</body></html>
"""


def _short(text: str | None, limit: int) -> str:
    text = text or ""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _json_for_html(data: Any) -> str:
    """JSON safe inside a <script> element."""
    return (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
            .replace(">", "\\u003e").replace("&", "\\u0026"))


_CSS = """
body{margin:0;font:14px/1.5 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;
color:#1d2733;background:#f5f7fa}main{max-width:1200px;margin:0 auto;padding:16px 20px}
h1{font-size:22px}h2{font-size:16px;margin:18px 0 8px}section{background:#fff;border:1px solid #dde3ea;
border-radius:6px;padding:10px 14px;margin:12px 0}table{width:100%;border-collapse:collapse}
th,td{padding:4px 8px;border-bottom:1px solid #eef1f5;text-align:left;vertical-align:top}
th{font-size:12px;color:#6b7785}.r{text-align:right}.muted{color:#6b7785}
.kpis{display:flex;gap:12px;flex-wrap:wrap}.kpis div{background:#fff;border:1px solid #dde3ea;
border-radius:6px;padding:8px 14px;color:#6b7785}.kpis b{display:block;font-size:20px;color:#1d2733}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:12px}.chart{height:260px}
@media print{.chart{break-inside:avoid}}
"""

_PLOTS = """
(function(){
  if (!window.echarts) return;
  var d = JSON.parse(document.getElementById('report-data').textContent);
  function bins(h, fmt){ return h.map(function(b){ return fmt(b.low) + '–' + fmt(b.high); }); }
  function plot(id, option){ var el = document.getElementById(id); if (el) echarts.init(el).setOption(
    Object.assign({animation:false, tooltip:{trigger:'axis', axisPointer:{type:'shadow'}}}, option)); }
  plot('c-scores', {grid:{left:40,right:10,top:10,bottom:40}, xAxis:{type:'category',
    data:bins(d.scores, function(v){return v.toFixed(0);})}, yAxis:{type:'value', minInterval:1},
    series:[{type:'bar', data:d.scores.map(function(b){return b.count;})}]});
  plot('c-risks', {grid:{left:40,right:10,top:10,bottom:40}, xAxis:{type:'category',
    data:bins(d.risks, function(v){return v.toFixed(1);})}, yAxis:{type:'value', minInterval:1},
    series:[{type:'bar', itemStyle:{color:'#c0392b'}, data:d.risks.map(function(b){return b.count;})}]});
  plot('c-sections', {grid:{left:130,right:30,top:10,bottom:24}, xAxis:{type:'value',min:0,max:100},
    yAxis:{type:'category', inverse:true, data:d.sections.map(function(s){return s[0];})},
    series:[{type:'bar', data:d.sections.map(function(s){return s[1];}), label:{show:true,position:'right'}}]});
  plot('c-agents', {grid:{left:90,right:20,top:10,bottom:24}, xAxis:{type:'value', scale:true},
    yAxis:{type:'category', inverse:true, data:d.agents.map(function(a){return a[0];})},
    series:[{type:'bar', stack:'iv', itemStyle:{color:'transparent'}, tooltip:{show:false},
             data:d.agents.map(function(a){return a[1];})},
            {type:'bar', stack:'iv', name:'区间', barWidth:8, itemStyle:{color:'#9ec5fe'},
             data:d.agents.map(function(a){return +(a[2]-a[1]).toFixed(2);})},
            {type:'scatter', name:'收缩均值', symbolSize:8, itemStyle:{color:'#16324f'},
             data:d.agents.map(function(a){return a[3];})}]});
  plot('c-rules', {legend:{top:0}, grid:{left:170,right:20,top:28,bottom:24},
    xAxis:{type:'value',min:0,max:100}, yAxis:{type:'category', inverse:true,
    data:d.rules.map(function(r){return r[0];})},
    series:[{type:'bar', name:'命中率 %', data:d.rules.map(function(r){return r[1];})},
            {type:'bar', name:'合规率 %', data:d.rules.map(function(r){return r[2];})}]});
})();
"""
