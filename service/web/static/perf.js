// Plots of the performance pages (ECharts, vendored): each period total with its interval,
// and each deviation warning's daily values with the flagged days. The figures come from
// a JSON script tag the server rendered from the library's results.
(function () {
  "use strict";
  function data(id) { const el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  function draw() {
    if (!window.echarts) return;
    const perf = data("perf-data"), el = document.getElementById("chart-perf");
    if (perf && el && perf.agents.length) {
      // Interval as a floating bar (transparent base up to the low end), total as a dot.
      const low = perf.low.map((v, i) => (v === null ? perf.total[i] : v));
      echarts.init(el).setOption({
        animation: false, grid: { left: 70, right: 40, top: 10, bottom: 30 },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: { type: "value", min: (v) => Math.max(0, Math.floor(v.min / 10) * 10), max: 100 },
        yAxis: { type: "category", inverse: true, data: perf.agents },
        series: [
          { type: "bar", stack: "iv", itemStyle: { color: "transparent" }, data: low, tooltip: { show: false } },
          { type: "bar", stack: "iv", name: "interval", barWidth: 8, itemStyle: { color: "#9ec5fe" },
            data: perf.high.map((h, i) => (h === null || low[i] === null ? null : h - low[i])) },
          { type: "scatter", name: "total", symbolSize: 10, itemStyle: { color: "#16324f" }, data: perf.total,
            label: { show: true, position: "right", formatter: (p) => perf.tier[p.dataIndex] || "" } },
        ],
      });
    }
    const warnings = data("warnings-data");
    document.querySelectorAll("[data-warning]").forEach(function (box) {
      const w = warnings && warnings[box.dataset.warning];
      if (!w || !w.days.length) return;
      const flagged = new Set(w.flagged);
      echarts.init(box).setOption({
        animation: false, grid: { left: 40, right: 12, top: 12, bottom: 24 }, tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: w.days }, yAxis: { type: "value", scale: true },
        series: [{ type: "line", data: w.value.map((v, i) => ({ value: v,
          itemStyle: { color: flagged.has(w.days[i]) ? "#c0392b" : "#2e6fd8" } })), symbolSize: 5 }],
      });
    });
  }
  if (document.readyState === "complete") draw(); else window.addEventListener("load", draw);
})();
