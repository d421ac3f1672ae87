// Small SVG charts for the views: line charts with gaps and ∞ markers, bars, a count
// heatmap, and a tooltip driven by data-tip attributes. Each chart is a function that
// returns a fresh <svg>; views redraw by replacing it (the charts are small).
import { svg, h, linearScale, finiteExtent, formatNumber, textWidth } from "./dom.js";
import { blues, rgb, textOn } from "./colors.js";

// Runs (datasets) get colours of their own, distinct from the class colours (Tableau 10):
// ColorBrewer Dark2, darker and less saturated, so a run line never reads as a class line.
export const RUN_COLORS = Object.freeze(["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#666666", "#e6ab02"]);

/** Colour of run i; cycles after 8. */
export function runColor(i) {
  return RUN_COLORS[((i % RUN_COLORS.length) + RUN_COLORS.length) % RUN_COLORS.length];
}

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo, hi, count = 5) {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Sorted distinct integers -> inclusive runs [[a, b], ...] of consecutive values. */
export function runsOf(values) {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const out = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else out.push([v, v]);
  }
  return out;
}

/** A tooltip for everything under `root` that has a data-tip attribute (text, \n kept). */
export function attachTooltip(root) {
  const tip = h("div", { class: "cs-tooltip", role: "tooltip", "data-role": "tooltip", hidden: true });
  root.append(tip);
  const place = (event) => {
    const box = root.getBoundingClientRect();
    const x = event.clientX - box.left + 14;
    const y = event.clientY - box.top + 12;
    tip.style.left = `${Math.min(x, Math.max(0, box.width - tip.offsetWidth - 4))}px`;
    tip.style.top = `${y}px`;
  };
  const over = (event) => {
    const target = event.target.closest?.("[data-tip]");
    if (!target || !root.contains(target)) {
      tip.hidden = true;
      return;
    }
    tip.textContent = target.getAttribute("data-tip");
    tip.hidden = false;
    place(event);
  };
  const leave = () => { tip.hidden = true; };
  root.addEventListener("pointermove", over);
  root.addEventListener("pointerleave", leave);
  return () => {
    root.removeEventListener("pointermove", over);
    root.removeEventListener("pointerleave", leave);
    tip.remove();
  };
}

function frame({ width, height, margin, title, xLabel, yLabel, role }) {
  const node = svg("svg", { class: "cs-chart", width, height, viewBox: `0 0 ${width} ${height}`, "data-role": role });
  if (title) node.append(svg("text", { class: "cs-chart-title", x: margin.left, y: 13 }, title));
  const plot = { x0: margin.left, x1: width - margin.right, y0: height - margin.bottom, y1: margin.top };
  if (xLabel) node.append(svg("text", { class: "cs-axis-title", x: (plot.x0 + plot.x1) / 2, y: height - 4, "text-anchor": "middle" }, xLabel));
  if (yLabel) {
    const cy = (plot.y0 + plot.y1) / 2;
    node.append(svg("text", { class: "cs-axis-title", x: 11, y: cy, "text-anchor": "middle", transform: `rotate(-90 11 ${cy})` }, yLabel));
  }
  return { node, plot };
}

function axes(node, plot, xs, ys, xTicks, yTicks) {
  const g = svg("g", { class: "cs-axes" });
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x1, y2: plot.y0 }));
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x0, y2: plot.y1 }));
  for (const t of xTicks) {
    g.append(svg("line", { x1: xs(t), y1: plot.y0, x2: xs(t), y2: plot.y0 + 4 }));
    g.append(svg("text", { class: "cs-tick", x: xs(t), y: plot.y0 + 15, "text-anchor": "middle" }, formatNumber(t)));
  }
  for (const t of yTicks) {
    g.append(svg("line", { class: "cs-grid", x1: plot.x0, y1: ys(t), x2: plot.x1, y2: ys(t) }));
    g.append(svg("text", { class: "cs-tick", x: plot.x0 - 5, y: ys(t) + 3.5, "text-anchor": "end" }, formatNumber(t)));
  }
  node.append(g);
}

/** Segments of consecutive finite points: [[[x, y], ...], ...]. */
function segments(x, y) {
  const out = [];
  let cur = [];
  for (let i = 0; i < y.length; i++) {
    if (Number.isFinite(y[i]) && Number.isFinite(x[i])) cur.push([x[i], y[i]]);
    else if (cur.length) { out.push(cur); cur = []; }
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Line chart. series: [{key, label, color, x, y, emphasis: "strong"|"faded"|undefined}].
 * +inf values leave a gap and, with infMarkers, a mark in the ∞ band above the plot: one
 * thin row per series, so the marks of different series never hide each other.
 * slots: [{x, tip}] invisible columns for hover tips and clicks (onPick(x)); cursor: an x.
 */
export function lineChart({ width, height, title, xLabel, yLabel, series, xDomain, yDomain, infMarkers = false, cursor = null, slots = [], onPick = null, role = "line-chart", dots = null, xTicks = null, empty = "no data" }) {
  const band = infMarkers ? Math.min(30, Math.max(10, series.length * 3)) : 0;
  const margin = { left: 46, right: 10, top: 22 + (band ? band + 8 : 0), bottom: 34 };
  const { node, plot } = frame({ width, height, margin, title, xLabel, yLabel, role });
  const all = series.flatMap((s) => Array.from(s.y));
  const [lo, hi] = yDomain || finiteExtent([0, ...all]);
  const top = hi > lo ? hi * 1.05 : lo + 1;
  const xs = linearScale(xDomain, [plot.x0 + 6, plot.x1 - 6]);
  const ys = linearScale([Math.min(0, lo), top], [plot.y0, plot.y1]);
  const ticks = xTicks ?? niceTicks(xDomain[0], xDomain[1], Math.max(2, Math.floor((plot.x1 - plot.x0) / 45))).filter((t) => Number.isInteger(t));
  axes(node, plot, xs, ys, ticks, niceTicks(Math.min(0, lo), top, 4));
  if (!all.some((v) => Number.isFinite(v) || v === Infinity)) {
    node.append(svg("text", { class: "cs-empty", x: (plot.x0 + plot.x1) / 2, y: (plot.y0 + plot.y1) / 2, "text-anchor": "middle" }, empty));
  }
  const bandTop = plot.y1 - band - 6;
  if (band) {
    node.append(svg("rect", { class: "cs-inf-band", x: plot.x0, y: bandTop, width: plot.x1 - plot.x0, height: band }));
    node.append(svg("text", { class: "cs-tick cs-inf-label", x: plot.x0 - 5, y: bandTop + band / 2 + 4, "text-anchor": "end" }, "∞"));
  }
  if (cursor !== null && Number.isFinite(cursor)) {
    node.append(svg("line", { class: "cs-cursor", "data-role": "cursor", "data-x": cursor, x1: xs(cursor), x2: xs(cursor), y1: plot.y0, y2: band ? bandTop : plot.y1 }));
  }
  const showDots = dots ?? Math.max(0, ...series.map((s) => s.y.length)) <= 25;
  const row = band / Math.max(1, series.length);
  const markWidth = Math.max(3, Math.min(12, slots.length > 1 ? 0.6 * Math.abs(xs(slots[1].x) - xs(slots[0].x)) : 12));
  const order = series.map((s, k) => [s, k]).sort(([a], [b]) => (a.emphasis === "strong") - (b.emphasis === "strong"));
  for (const [s, k] of order) {
    const g = svg("g", { class: `cs-series${s.emphasis ? ` cs-${s.emphasis}` : ""}`, "data-key": s.key, stroke: s.color, fill: s.color });
    for (const seg of segments(s.x, s.y)) {
      if (seg.length > 1) g.append(svg("polyline", { fill: "none", points: seg.map(([a, b]) => `${xs(a).toFixed(1)},${ys(b).toFixed(1)}`).join(" ") }));
      if (showDots || seg.length === 1) for (const [a, b] of seg) g.append(svg("circle", { cx: xs(a), cy: ys(b), r: 2.6, stroke: "none" }));
    }
    for (let i = 0; band && i < s.y.length; i++) {
      if (s.y[i] !== Infinity) continue;
      g.append(svg("rect", { class: "cs-inf", "data-role": "inf-marker", x: xs(s.x[i]) - markWidth / 2, y: bandTop + k * row, width: markWidth, height: Math.max(1, row - 0.6), stroke: "none" }));
    }
    node.append(g);
  }
  const hover = svg("g", { class: "cs-slots" });
  const widthOf = slots.length > 1 ? Math.abs(xs(slots[1].x) - xs(slots[0].x)) : plot.x1 - plot.x0;
  const slotTop = band ? bandTop : plot.y1;
  for (const slot of slots) {
    const cx = xs(slot.x);
    // clipped to the plot: a slot never reaches past the chart's own box
    const x0 = Math.max(plot.x0, cx - widthOf / 2);
    const x1 = Math.min(plot.x1, cx + widthOf / 2);
    hover.append(svg("rect", { class: "cs-slot", x: x0, y: slotTop, width: Math.max(2, x1 - x0), height: plot.y0 - slotTop, "data-tip": slot.tip, "data-x": slot.x, onclick: onPick ? () => onPick(slot.x) : null }));
  }
  node.append(hover);
  return node;
}

/** Bars from 0: bars [{key, label, sublabel, value, color, active, tip}]; onPick(index). */
export function barChart({ width, height, title, yLabel, bars, onPick = null, role = "bar-chart", digits = 4 }) {
  const margin = { left: 46, right: 8, top: 30, bottom: 38 };
  const { node, plot } = frame({ width, height, margin, title, yLabel, role });
  const [, hi] = finiteExtent([0, ...bars.map((b) => b.value)]);
  const ys = linearScale([0, hi > 0 ? hi * 1.12 : 1], [plot.y0, plot.y1]);
  const band = (plot.x1 - plot.x0) / Math.max(1, bars.length);
  axes(node, plot, () => 0, ys, [], niceTicks(0, hi > 0 ? hi * 1.12 : 1, 4));
  bars.forEach((b, i) => {
    const x = plot.x0 + i * band + band * 0.18;
    const w = band * 0.64;
    const ok = Number.isFinite(b.value);
    const y = ok ? ys(b.value) : plot.y0;
    const g = svg("g", { class: `cs-bar${b.active ? " cs-active" : ""}`, "data-run": i, "data-key": b.key, "data-tip": b.tip, onclick: onPick ? () => onPick(i) : null });
    g.append(svg("rect", { x, y, width: w, height: Math.max(0, plot.y0 - y), fill: b.color }));
    g.append(svg("text", { class: "cs-bar-value", x: x + w / 2, y: y - 4, "text-anchor": "middle" }, ok ? b.value.toPrecision(digits) : "n/a"));
    g.append(svg("text", { class: "cs-tick", x: x + w / 2, y: plot.y0 + 14, "text-anchor": "middle" }, b.label));
    if (b.sublabel) g.append(svg("text", { class: "cs-tick cs-muted", x: x + w / 2, y: plot.y0 + 26, "text-anchor": "middle" }, b.sublabel));
    node.append(g);
  });
  return node;
}

/**
 * How to set n tick labels `widest` px wide under cells `cell` px apart: horizontal when
 * they fit, else rotated by the smallest of 45°, 60°, 90° that keeps neighbours apart
 * (lines of `line` px), labelling every `every`-th cell when even 90° is too tight.
 * Returns {angle, every, depth}: depth = px the labels reach below the axis.
 */
export function tickLayout(n, cell, widest, line = 15) {
  if (widest + 6 <= cell) return { angle: 0, every: 1, depth: line };
  for (const angle of [45, 60, 90]) {
    const rad = (angle * Math.PI) / 180;
    if (cell * Math.sin(rad) >= line) return { angle, every: 1, depth: widest * Math.sin(rad) + line * Math.cos(rad) + 2 };
  }
  return { angle: 90, every: Math.ceil(line / Math.max(cell, 1e-9)), depth: widest + 2 };
}

const HEATMAP_RIGHT = 52; // the colour bar and its ticks

function heatmapLeft(rowLabels) {
  return Math.max(46, Math.ceil(Math.max(0, ...rowLabels.map((t) => textWidth(t, 11)))) + 26);
}

/**
 * Width a countHeatmap of these row labels needs for cells of `cell` px (18 px cells
 * leave room for column labels turned 60°), for a layout to give it.
 */
export function heatmapWidth(rowLabels, n = rowLabels.length, cell = 18) {
  return heatmapLeft(rowLabels) + HEATMAP_RIGHT + cell * n;
}

/**
 * Count heatmap (confusion matrix): values[row * n + col], darker = more on a log scale.
 * Cells carry data-row, data-col, data-value and a tip; onPick(row, col). Class names are
 * shown whole: the left margin fits the widest row label, column labels turn (45° or more)
 * when wider than a cell.
 */
export function countHeatmap({ size, values, n, rowLabels, colLabels, title, xLabel, yLabel, tip, onPick = null, role = "heatmap" }) {
  const font = 11;
  const rowWide = Math.max(0, ...rowLabels.map((t) => textWidth(t, font)));
  const colWide = Math.max(0, ...colLabels.map((t) => textWidth(t, font)));
  const margin = { left: heatmapLeft(rowLabels), right: HEATMAP_RIGHT, top: 24, bottom: 36 };
  const cell = Math.max(6, Math.floor((size - margin.left - margin.right) / Math.max(1, n)));
  const cols = tickLayout(n, cell, colWide);
  // A turned first label reaches left of its cell: keep it inside the svg.
  const reach = cols.angle ? colWide * Math.cos((cols.angle * Math.PI) / 180) - cell / 2 + 4 : 0;
  margin.left = Math.max(margin.left, Math.ceil(reach));
  margin.bottom = Math.ceil(8 + cols.depth + 18);
  const width = margin.left + cell * n + margin.right;
  const height = margin.top + cell * n + margin.bottom;
  const { node, plot } = frame({ width, height, margin, title, xLabel, yLabel, role });
  let max = 0;
  for (const v of values) max = Math.max(max, Number(v));
  const scale = (v) => (max > 0 ? Math.log1p(v) / Math.log1p(max) : 0);
  const showText = cell >= 20 && n <= 16;
  const grid = svg("g", { class: "cs-cells" });
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = Number(values[r * n + c]);
      const color = blues(0.04 + 0.96 * scale(v));
      const x = plot.x0 + c * cell;
      const y = plot.y1 + r * cell;
      const g = svg("g", { class: "cs-cell", "data-row": r, "data-col": c, "data-value": v, "data-tip": tip(r, c, v), onclick: onPick ? () => onPick(r, c) : null },
        svg("rect", { x, y, width: cell - 1, height: cell - 1, fill: rgb(color) }));
      // the colour as a style: the stylesheet's text fill would win over an attribute
      if (showText && v > 0) g.append(svg("text", { class: "cs-cell-text", x: x + (cell - 1) / 2, y: y + cell / 2 + 3, "text-anchor": "middle", style: { fill: textOn(color) } }, String(v)));
      grid.append(g);
    }
  }
  node.append(grid);
  const bottom = plot.y1 + n * cell;
  for (let k = 0; k < n; k += cols.every) {
    const x = plot.x0 + k * cell + cell / 2;
    const label = cols.angle
      ? svg("text", { class: "cs-tick", x, y: bottom + 8, "text-anchor": "end", "dominant-baseline": "central", transform: `rotate(${-cols.angle} ${x} ${bottom + 8})`, "data-axis": "x" }, colLabels[k])
      : svg("text", { class: "cs-tick", x, y: bottom + 12, "text-anchor": "middle", "data-axis": "x" }, colLabels[k]);
    node.append(label);
  }
  const rowEvery = Math.ceil(14 / cell);
  for (let k = 0; k < n; k += rowEvery) {
    node.append(svg("text", { class: "cs-tick", x: plot.x0 - 4, y: plot.y1 + k * cell + cell / 2 + 3.5, "text-anchor": "end", "data-axis": "y" }, rowLabels[k]));
  }
  node.append(colorBar(plot.x0 + n * cell + 12, plot.y1, cell * n, max));
  return node;
}

/** Ticks of a log1p count scale up to max: 0, powers of ten (and 3x) below it, max. */
export function logTicks(max) {
  if (!(max > 0)) return [0];
  const out = [0];
  for (let p = 1; p < max; p *= 10) {
    for (const v of [p, 3 * p]) if (v < max * 0.8 && v > 0) out.push(v);
  }
  out.push(max);
  // keep ticks at least a sixth of the bar apart (log1p spacing)
  const pos = (v) => Math.log1p(v) / Math.log1p(max);
  return out.filter((v, i) => i === 0 || v === max || (pos(v) - pos(out[i - 1]) > 0.12 && pos(max) - pos(v) > 0.12));
}

function colorBar(x, y, height, max) {
  const g = svg("g", { class: "cs-colorbar" });
  const steps = 24;
  for (let i = 0; i < steps; i++) {
    const t = 1 - i / steps;
    g.append(svg("rect", { x, y: y + (i * height) / steps, width: 9, height: height / steps + 0.5, fill: rgb(blues(0.04 + 0.96 * t)) }));
  }
  const at = (v) => y + height * (1 - (max > 0 ? Math.log1p(v) / Math.log1p(max) : 0));
  for (const v of logTicks(max)) {
    g.append(svg("line", { class: "cs-colorbar-tick", x1: x + 9, x2: x + 12, y1: at(v), y2: at(v) }));
    g.append(svg("text", { class: "cs-tick", x: x + 14, y: at(v) + 3.5 }, String(v)));
  }
  return g;
}
