// The five panels of the performance view (js/views/performance.js): each a function of
// the view context {model, selection, setEpoch, setActive} and of what is being drawn
// {sizes, runs, active, classes, epochs}, returning a <div class="cp-panel">.
import { h, formatNumber } from "./dom.js";
import { decode } from "./codec.js";
import { categorical } from "./colors.js";
import { barChart, countHeatmap, heatmapWidth, lineChart, runColor } from "./charts.js";

export const matrix = (payload) => (payload ? decode(payload) : null);

/**
 * Panel widths for a view `width` px wide; the confusion matrix gets room for its class
 * names (up to 45% of the row) so that they show whole.
 */
export function layout(width, classes = []) {
  const w = Math.max(320, width - 4);
  const need = classes.length ? Math.min(heatmapWidth(classes, Math.min(classes.length, 16)), 600) : 0;
  if (w < 760) return { confusion: Math.min(w, Math.max(380, need)), line: Math.min(w, 460), bars: Math.min(w, 460), loss: Math.min(w, 460) };
  const confusion = Math.min(Math.max(Math.min(340, Math.round(w * 0.34)), need), Math.round(w * 0.45));
  const line = Math.floor((w - confusion - 40) / 2);
  const bars = Math.min(360, Math.round(w * 0.36));
  return { confusion, line, bars, loss: w - bars - 22 };
}

function classLines(values, epochs, classes, focus) {
  const K = classes.length;
  return classes.map((name, k) => ({
    key: `class-${k}`,
    label: name,
    color: categorical(k),
    x: epochs,
    y: Array.from(epochs, (_, e) => values.data[e * K + k]),
    emphasis: focus === null || focus === undefined ? undefined : focus === k ? "strong" : "faded",
  }));
}

function entropyTips(values, epochs, classes, what) {
  const K = classes.length;
  return Array.from(epochs, (epoch, e) => {
    const rows = classes.map((name, k) => {
      const v = values.data[e * K + k];
      return `${name}: ${v === Infinity ? `∞ (${what})` : `${formatNumber(v)} bits`}`;
    });
    return { x: epoch, tip: `epoch ${epoch} (click to show it)\n${rows.join("\n")}` };
  });
}

function lossSeries(model, runs, active) {
  const steps = matrix(model.get("loss_epochs"));
  const values = matrix(model.get("loss_values"));
  if (!steps || !values || !steps.shape[0]) return [];
  const T = steps.shape[1];
  return runs.map((run, r) => ({
    key: `run-${r}`,
    label: run.name,
    color: runColor(r),
    x: Array.from(steps.data.subarray(r * T, (r + 1) * T)),
    y: Array.from(values.data.subarray(r * T, (r + 1) * T)),
    emphasis: runs.length > 1 && r === active ? "strong" : undefined,
  }));
}

function panel(role, chart, ...notes) {
  const width = chart ? Number(chart.getAttribute("width")) : 0;
  return h("div", { class: "cp-panel", "data-panel": role, style: width ? { width: `${width}px` } : null }, chart, ...notes);
}

export function confusionPanel({ model, selection }, { sizes, runs, active, classes }) {
  const payload = matrix(model.get("confusion"));
  const shown = model.get("confusion_epoch");
  const run = runs[active];
  if (!payload) return panel("confusion", null, h("div", { class: "cp-panel-note", "data-role": "confusion" }, `No confusion matrix: run ${run?.name ?? ""} has no complete epoch.`));
  const n = payload.shape[0];
  const values = payload.data;
  const rowSum = (r) => { let s = 0; for (let c = 0; c < n; c++) s += values[r * n + c]; return s; };
  const colSum = (c) => { let s = 0; for (let r = 0; r < n; r++) s += values[r * n + c]; return s; };
  const pct = (v, total) => (total ? `${((100 * v) / total).toFixed(1)}%` : "–");
  const chart = countHeatmap({
    size: sizes.confusion, values, n, rowLabels: classes, colLabels: classes, role: "confusion",
    title: `Confusion matrix · epoch ${shown}`, xLabel: "predicted class", yLabel: "true class",
    tip: (r, c, v) => `true ${classes[r]} → predicted ${classes[c]}: ${v} sample${v === 1 ? "" : "s"}\n${pct(v, rowSum(r))} of true ${classes[r]}, ${pct(v, colSum(c))} of predicted ${classes[c]}\n(click: select these samples)`,
    onPick: (r, c) => selection.update({ sample_group: `label == ${r} and pred == ${c}` }),
  });
  chart.dataset.epoch = String(shown);
  chart.dataset.total = String(values.reduce((a, b) => a + Number(b), 0));
  const empty = classes.filter((_, c) => colSum(c) === 0);
  return panel("confusion", chart,
    h("div", { class: "cp-panel-note" }, h("span", { class: "cp-swatch", style: { background: runColor(active) } }), ` ${run.name} · rows: true class, columns: predicted; darker = more (log scale).`),
    empty.length ? h("div", { class: "cp-panel-note", "data-role": "never-predicted" }, `Never predicted at epoch ${shown}: class${empty.length > 1 ? "es" : ""} ${empty.join(", ")} (empty column${empty.length > 1 ? "s" : ""}).`) : null);
}

export function entropyPanel({ model, selection, setEpoch }, { sizes, epochs, classes, active, runs }, { role, values, title, what }) {
  if (!values || !epochs.length) return panel(role, null);
  const xs = Array.from(epochs);
  const lo = xs[0];
  const hi = xs[xs.length - 1];
  const chart = lineChart({
    width: sizes.line, height: 230, role, title, xLabel: "epoch", yLabel: "bits",
    xDomain: lo === hi ? [lo - 1, hi + 1] : [lo, hi], xTicks: lo === hi ? [lo] : null, series: classLines(values, xs, classes, selection.get("class_index")),
    infMarkers: true, cursor: model.get("confusion_epoch"), slots: entropyTips(values, xs, classes, what), onPick: setEpoch,
  });
  return panel(role, chart, h("div", { class: "cp-panel-note" },
    h("span", { class: "cp-swatch", style: { background: runColor(active) } }), ` ${runs[active].name} · a mark in the ∞ band (a row per class): ${what}.`));
}

export function runPanels({ model, selection, setEpoch, setActive }, { sizes, runs, active }) {
  const inter = matrix(model.get("inter_entropy"));
  const layer = model.get("inter_layer");
  const bars = runs.map((run, r) => {
    const v = inter ? Number(inter.data[r]) : NaN;
    return {
      key: run.name, label: run.name, sublabel: `N = ${run.samples}`, value: v, color: runColor(r), active: r === active,
      tip: `${run.name}\n${run.samples} probe samples\ninter-sample entropy of ${layer || "—"}: ${Number.isFinite(v) ? `${v.toFixed(4)} bits` : "not available"}\n(click: show this run)`,
    };
  });
  const barsChart = barChart({ width: sizes.bars, height: 230, title: `Inter-sample entropy (${layer || "not computed"})`, yLabel: "bits", bars, onPick: setActive, role: "inter-bars" });
  const series = lossSeries(model, runs, active);
  const xs = series.flatMap((s) => s.x.filter(Number.isFinite));
  const lo = xs.length ? Math.min(...xs) : 0;
  const hi = xs.length ? Math.max(...xs) : 1;
  const steps = [...new Set(xs)].sort((a, b) => a - b);
  const loss = lineChart({
    width: sizes.loss, height: 230, role: "loss-chart", title: "Training loss", xLabel: "training epoch", yLabel: "loss",
    xDomain: lo === hi ? [lo - 1, hi + 1] : [lo, hi], xTicks: lo === hi ? [lo] : null, series, cursor: selection.get("epoch"), onPick: setEpoch,
    empty: "no training loss recorded",
    slots: steps.map((x) => ({ x, tip: `epoch ${x}\n${series.map((s) => `${s.label}: ${formatNumber(s.y[s.x.indexOf(x)] ?? NaN)}`).join("\n")}` })),
  });
  return [panel("inter", barsChart, h("div", { class: "cp-panel-note" }, "Diversity of each run's probe set (paper Fig. 5B). Click a bar to show that run.")),
    panel("loss", loss, h("div", { class: "cp-panel-note" }, "One line per run, every training epoch."))];
}

