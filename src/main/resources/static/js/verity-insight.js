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

// Cost and usage: generation seconds per day and model, and per answer, from GET .../usage.
document.addEventListener("DOMContentLoaded", async () => {
  const panel = document.querySelector("[data-usage]");
  if (!panel || !window.echarts) return;
  const response = await fetch(panel.dataset.usage);
  if (!response.ok) return;
  const rows = await response.json();
  const days = [...new Set(rows.map((r) => r.day))];
  const models = [...new Set(rows.map((r) => r.model))];
  const colour = ["#1f5fa8", "#8a4b00", "#a1151b", "#1a7f37", "#6e40c9"];
  echarts.init(document.getElementById("usage-seconds")).setOption({
    animation: false, color: colour, grid: {left: 50, right: 10, top: 30, bottom: 30}, tooltip: {trigger: "axis"},
    legend: {top: 0}, xAxis: {type: "category", data: days}, yAxis: {type: "value"},
    series: models.map((model) => ({
      type: "bar", stack: "seconds", name: model,
      data: days.map((day) => {
        const row = rows.find((r) => r.day === day && r.model === model);
        return row ? Math.round(row.generationSeconds * 10) / 10 : 0;
      }),
    })),
  });
  const totals = models.map((model) => {
    const mine = rows.filter((r) => r.model === model);
    const sum = (key) => mine.reduce((total, r) => total + r[key], 0);
    const answers = sum("answers");
    return {model, answers, prompt: sum("promptTokens"), completion: sum("completionTokens"),
      seconds: sum("generationSeconds"), perAnswer: answers ? sum("generationSeconds") / answers : 0,
      tokensPerAnswer: answers ? (sum("promptTokens") + sum("completionTokens")) / answers : 0};
  });
  echarts.init(document.getElementById("usage-per-answer")).setOption({
    animation: false, color: colour, grid: {left: 110, right: 50, top: 30, bottom: 30}, tooltip: {trigger: "axis"},
    legend: {top: 0}, yAxis: {type: "category", data: models},
    xAxis: [{type: "value", name: "s"}, {type: "value", name: "tokens", position: "top", show: false}],
    series: [
      {type: "bar", name: "GPU-seconds per answer", data: totals.map((t) => Math.round(t.perAnswer * 100) / 100)},
      {type: "bar", name: "tokens per answer", xAxisIndex: 1, data: totals.map((t) => Math.round(t.tokensPerAnswer))},
    ],
  });
  const body = panel.querySelector("tbody");
  for (const t of totals) {
    const row = body.insertRow();
    for (const value of [t.model, t.answers, t.prompt, t.completion, t.seconds.toFixed(1), t.perAnswer.toFixed(2),
      Math.round(t.tokensPerAnswer)]) {
      row.insertCell().textContent = value;
    }
  }
});
