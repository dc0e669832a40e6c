// Charts of the insight page (ECharts from WebJars), drawn from GET /api/collections/{c}/insight.
document.addEventListener("DOMContentLoaded", async () => {
  const panel = document.querySelector("[data-insight]");
  if (!panel || !window.echarts) return;
  const response = await fetch(panel.dataset.insight);
  if (!response.ok) return;
  const insight = await response.json();
  const colour = ["#1f5fa8", "#8a4b00", "#a1151b"];

  echarts.init(document.getElementById("per-day")).setOption({
    animation: false, color: colour, grid: {left: 40, right: 10, top: 10, bottom: 30}, tooltip: {trigger: "axis"},
    xAxis: {type: "category", data: insight.questionsPerDay.map((d) => d.day)},
    yAxis: {type: "value", minInterval: 1},
    series: [{type: "bar", name: "questions", data: insight.questionsPerDay.map((d) => d.questions)}],
  });
  const modes = Object.entries(insight.modes);
  echarts.init(document.getElementById("modes")).setOption({
    animation: false, color: colour, grid: {left: 110, right: 10, top: 10, bottom: 30}, tooltip: {},
    xAxis: {type: "value", minInterval: 1},
    yAxis: {type: "category", data: modes.map(([mode]) => mode)},
    series: [{type: "bar", name: "answers", data: modes.map(([, count]) => count)}],
  });
  const latency = Object.entries(insight.latencyMs).filter(([, v]) => v !== null);
  echarts.init(document.getElementById("latency")).setOption({
    animation: false, color: colour, grid: {left: 60, right: 10, top: 10, bottom: 30}, tooltip: {},
    xAxis: {type: "category", data: latency.map(([p]) => p)},
    yAxis: {type: "value"},
    series: [{type: "bar", name: "ms", data: latency.map(([, v]) => Math.round(v))}],
  });
});
