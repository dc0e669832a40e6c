// The evaluation pages: charts of the report (ECharts from WebJars) drawn from
// GET /api/evaluations/{id}, each metric a bar per model with its 95% interval as a whisker; the
// "only where the models disagree" filter of the questions table; a running evaluation's page
// reloads itself every few seconds until it ends.
document.addEventListener("DOMContentLoaded", async () => {
  const filter = document.getElementById("only-disagreements");
  if (filter) {
    filter.addEventListener("change", () => {
      document.querySelectorAll("#questions tbody tr.agree").forEach((row) => { row.hidden = filter.checked; });
    });
  }
  const status = document.querySelector("[data-running]");
  if (status && status.dataset.running === "true") {
    setTimeout(() => window.location.reload(), 3000);
  }
  const panel = document.querySelector("[data-evaluation]");
  if (!panel || !window.echarts) return;
  const response = await fetch(panel.dataset.evaluation);
  if (!response.ok) return;
  const report = await response.json();
  const models = Object.keys(report.models || {});
  if (models.length === 0) return;
  const colour = ["#1f5fa8", "#c2610c", "#2e7d4f", "#7b4fa8"];

  // one custom series per model: a bar from 0 to the value and a whisker over its interval
  const withIntervals = (element, group) => {
    const metrics = Object.keys(report.models[models[0]][group] || {})
      .filter((k) => !k.endsWith("Ci") && k !== "model");
    const series = models.map((model, i) => ({
      type: "custom", name: model,
      data: metrics.map((m, j) => {
        const values = report.models[model][group];
        const ci = values[m + "Ci"] || [null, null];
        return [j, values[m], ci[0], ci[1]];
      }).filter((d) => d[1] !== null),
      encode: {x: 0, y: [1, 2, 3]},
      renderItem: (params, api) => {
        const category = api.size([1, 0])[0];
        const slot = (category * 0.7) / models.length;
        const x = api.coord([api.value(0), 0])[0] - (category * 0.7) / 2 + slot * (i + 0.5);
        const zero = api.coord([0, 0])[1];
        const top = api.coord([0, api.value(1)])[1];
        const children = [{type: "rect", shape: {x: x - slot * 0.4, y: top, width: slot * 0.8, height: zero - top},
          style: {fill: colour[i % colour.length]}}];
        if (!Number.isNaN(api.value(2)) && api.value(2) !== null) {
          const low = api.coord([0, api.value(2)])[1];
          const high = api.coord([0, api.value(3)])[1];
          const stroke = {stroke: "#222", lineWidth: 1.5};
          children.push({type: "line", shape: {x1: x, y1: low, x2: x, y2: high}, style: stroke});
          children.push({type: "line", shape: {x1: x - 4, y1: low, x2: x + 4, y2: low}, style: stroke});
          children.push({type: "line", shape: {x1: x - 4, y1: high, x2: x + 4, y2: high}, style: stroke});
        }
        return {type: "group", children};
      },
    }));
    echarts.init(document.getElementById(element)).setOption({
      animation: false, color: colour, legend: {top: 0}, grid: {left: 40, right: 10, top: 30, bottom: 70},
      tooltip: {formatter: (p) => `${p.seriesName} · ${metrics[p.value[0]]}: ${p.value[1]} [${p.value[2]}, ${p.value[3]}]`},
      xAxis: {type: "category", data: metrics, axisLabel: {rotate: 35, fontSize: 10}},
      yAxis: {type: "value", min: 0, max: 1},
      series,
    });
  };
  withIntervals("answers-chart", "answers");
  withIntervals("retrieval-chart", "retrieval");

  // latency distributions: a box per model over its answers' total and first-token times
  const items = await fetch(panel.dataset.evaluation + "/items").then((r) => (r.ok ? r.json() : {items: []}));
  const quartiles = (values) => {
    const sorted = values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
    if (sorted.length === 0) return [0, 0, 0, 0, 0];
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    return [sorted[0], at(0.25), at(0.5), at(0.75), sorted[sorted.length - 1]];
  };
  const times = (model, key) => items.items.map((i) => i.results[model]).filter((r) => r && r.firstTokenMs !== null && r.firstTokenMs !== undefined).map((r) => r[key]);
  echarts.init(document.getElementById("latency-chart")).setOption({
    animation: false, color: colour, legend: {top: 0}, tooltip: {trigger: "item"},
    grid: {left: 50, right: 10, top: 30, bottom: 40},
    xAxis: {type: "category", data: ["first token", "total"]},
    yAxis: {type: "value", name: "ms"},
    series: models.map((model) => ({type: "boxplot", name: model,
      data: [quartiles(times(model, "firstTokenMs")), quartiles(times(model, "totalMs"))]})),
  });
  echarts.init(document.getElementById("tokens-chart")).setOption({
    animation: false, color: colour, tooltip: {}, grid: {left: 50, right: 10, top: 10, bottom: 30},
    xAxis: {type: "category", data: models},
    yAxis: {type: "value"},
    series: [{type: "bar", name: "tokens/s", colorBy: "data",
      data: models.map((model) => report.models[model].tokens.completionPerSecond)}],
  });
});
