// Call detail: clicking a scorecard item marks its evidence characters in the transcript;
// ▶ jumps the recording to an utterance; the two plots are drawn with ECharts.
(function () {
  "use strict";
  const items = JSON.parse(document.getElementById("items-data").textContent);
  const original = new Map();

  function clearMarks() {
    document.querySelectorAll(".utt.ev-utt").forEach((u) => u.classList.remove("ev-utt"));
    original.forEach((text, el) => { el.textContent = text; });
    original.clear();
    document.querySelectorAll("tr.item.active").forEach((r) => r.classList.remove("active"));
  }

  function mark(el, start, end) {
    const text = original.has(el) ? original.get(el) : el.textContent;
    original.set(el, text);
    const s = Math.max(0, Math.min(start, text.length)), e = Math.max(s, Math.min(end, text.length));
    const m = document.createElement("mark");
    m.className = "ev";
    m.textContent = text.slice(s, e);
    el.replaceChildren(document.createTextNode(text.slice(0, s)), m, document.createTextNode(text.slice(e)));
  }

  function highlight(row) {
    clearMarks();
    row.classList.add("active");
    const item = items[Number(row.dataset.item)];
    let first = null;
    // Several spans in one utterance: mark the first (the list shows the rest).
    const done = new Set();
    for (const ev of item.evidence) {
      if (ev.utterance === null || ev.utterance === undefined || done.has(ev.utterance)) continue;
      const el = document.getElementById("t-" + ev.utterance);
      if (!el) continue;
      done.add(ev.utterance);
      // A span marks its characters; evidence without one (a miss: what was searched)
      // only outlines the utterance it is anchored to.
      if (ev.span) mark(el, ev.span[0], ev.span[1]);
      el.parentElement.classList.add("ev-utt");
      first = first || el.parentElement;
    }
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  document.querySelectorAll("tr.item").forEach((row) => {
    row.addEventListener("click", (event) => {
      if (event.target.closest("details")) return;
      highlight(row);
    });
    row.addEventListener("keydown", (event) => { if (event.key === "Enter") highlight(row); });
  });

  const player = document.getElementById("player");
  function play(seconds) {
    if (!player) return;
    player.currentTime = seconds;
    player.play().catch(() => {});
  }
  document.querySelectorAll("button.play").forEach((b) =>
    b.addEventListener("click", () => play(Number(b.dataset.start))));

  function drawCharts() {
    if (!window.echarts) return;
    const data = JSON.parse(document.getElementById("chart-data").textContent);
    const sentimentEl = document.getElementById("chart-sentiment");
    if (sentimentEl && data.trajectory.length) {
      const chart = echarts.init(sentimentEl);
      chart.setOption({
        animation: false, grid: { left: 40, right: 16, top: 16, bottom: 30 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "value", name: "s", min: 0 },
        yAxis: { type: "value", min: 0, max: 1 },
        series: [{ type: "line", name: data.labels.p, showSymbol: true,
                   data: data.trajectory.map((p) => [p.t, p.p, p.i]) }],
      });
      chart.on("click", (params) => {
        const u = document.getElementById("u-" + params.data[2]);
        if (u) u.scrollIntoView({ block: "center" });
        play(params.data[0]);
      });
    }
    const riskEl = document.getElementById("chart-risk");
    if (riskEl && data.risk !== null) {
      const chart = echarts.init(riskEl);
      const marks = data.threshold === null ? [] : [{ xAxis: data.threshold, name: data.labels.threshold }];
      chart.setOption({
        animation: false, grid: { left: 70, right: 40, top: 14, bottom: 24 },
        xAxis: { type: "value", min: 0, max: 1 },
        yAxis: { type: "category", data: [data.labels.risk] },
        series: [{ type: "bar", data: [data.risk], barWidth: 18,
                   itemStyle: { color: data.threshold !== null && data.risk >= data.threshold ? "#c0392b" : "#2e86de" },
                   label: { show: true, position: "right", formatter: (p) => (100 * p.value).toFixed(0) + "%" },
                   markLine: { symbol: "none", data: marks, lineStyle: { type: "dashed" },
                               label: { position: "insideEndTop", fontSize: 10,
                                        formatter: () => data.labels.threshold + " " + (100 * data.threshold).toFixed(0) + "%" } } }],
      });
    }
  }
  if (document.readyState === "complete") drawCharts(); else window.addEventListener("load", drawCharts);
  document.querySelectorAll("a.cue").forEach((a) => a.addEventListener("click", () => {
    const u = document.getElementById("u-" + a.dataset.u);
    if (u) { clearMarks(); u.classList.add("ev-utt"); }
  }));
})();
