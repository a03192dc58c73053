// Plots of the agents, agent and rules pages (ECharts, vendored): data comes from a JSON
// script tag the server rendered, so the page needs no further request.
(function () {
  "use strict";
  function data(id) { const el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  function draw() {
    if (!window.echarts) return;
    const board = data("board-data"), el = document.getElementById("chart-intervals");
    if (board && el && board.agents.length) {
      // Interval as a floating bar (transparent base up to the low end), shrunk mean as a dot.
      const chart = echarts.init(el);
      chart.setOption({
        animation: false, grid: { left: 70, right: 20, top: 10, bottom: 30 },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: { type: "value", scale: true },
        yAxis: { type: "category", inverse: true, data: board.agents },
        series: [
          { type: "bar", stack: "iv", itemStyle: { color: "transparent" }, data: board.low, tooltip: { show: false } },
          { type: "bar", stack: "iv", name: "interval", barWidth: 8, itemStyle: { color: "#9ec5fe" },
            data: board.high.map((h, i) => h - board.low[i]) },
          { type: "scatter", name: "shrunk mean", symbolSize: 9, itemStyle: { color: "#16324f" }, data: board.mean,
            markLine: board.team === null ? undefined : { symbol: "none", data: [{ xAxis: board.team }], lineStyle: { type: "dashed" } } },
        ],
      });
    }
    const agent = data("agent-data");
    const trendEl = document.getElementById("chart-trend");
    if (agent && trendEl) {
      echarts.init(trendEl).setOption({
        animation: false, grid: { left: 40, right: 16, top: 16, bottom: 30 }, tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: agent.trend }, yAxis: { type: "value", min: 0, max: 100 },
        series: [{ type: "line", data: agent.trend_mean, markLine: agent.team === null ? undefined :
                   { symbol: "none", data: [{ yAxis: agent.team }], lineStyle: { type: "dashed" } } }],
      });
    }
    const secEl = document.getElementById("chart-sections");
    if (agent && secEl) {
      echarts.init(secEl).setOption({
        animation: false, grid: { left: 120, right: 30, top: 10, bottom: 24 },
        xAxis: { type: "value", min: 0, max: 100 }, yAxis: { type: "category", data: agent.sections },
        series: [{ type: "bar", data: agent.section_means, label: { show: true, position: "right", formatter: (p) => p.value.toFixed(0) } }],
      });
    }
    const rules = data("rules-data"), rulesEl = document.getElementById("chart-rules");
    if (rules && rulesEl && rules.rules.length) {
      const pct = (v) => (v === null ? null : Math.round(1000 * v) / 10);
      echarts.init(rulesEl).setOption({
        animation: false, legend: { top: 0 }, grid: { left: 160, right: 20, top: 28, bottom: 24 },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: { type: "value", min: 0, max: 100 }, yAxis: { type: "category", inverse: true, data: rules.rules },
        series: [{ type: "bar", name: rules.labels[0], data: rules.hit.map(pct) },
                 { type: "bar", name: rules.labels[1], data: rules.pass.map(pct) }],
      });
    }
  }
  if (document.readyState === "complete") draw(); else window.addEventListener("load", draw);
})();
