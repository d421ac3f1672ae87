/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */
var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// js/lib/charts.js
var charts_exports = {};
__export(charts_exports, {
  RUN_COLORS: () => RUN_COLORS,
  attachTooltip: () => attachTooltip,
  barChart: () => barChart,
  countHeatmap: () => countHeatmap,
  heatmapWidth: () => heatmapWidth,
  lineChart: () => lineChart,
  niceTicks: () => niceTicks,
  runColor: () => runColor,
  runsOf: () => runsOf,
  tickLayout: () => tickLayout
});

// js/lib/dom.js
var dom_exports = {};
__export(dom_exports, {
  finiteExtent: () => finiteExtent,
  formatNumber: () => formatNumber,
  h: () => h,
  linearScale: () => linearScale,
  setupCanvas: () => setupCanvas,
  svg: () => svg,
  textWidth: () => textWidth
});
var SVG_NS = "http://www.w3.org/2000/svg";
function build(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === void 0 || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "style" && typeof value === "object") Object.assign(node.style, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === void 0 || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}
function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}
function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}
function setupCanvas(canvas, width, height) {
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
function linearScale([d0, d1], [r0, r1]) {
  const span = d1 - d0;
  const scale = (v) => span === 0 ? r0 : r0 + (v - d0) / span * (r1 - r0);
  scale.invert = (r) => r1 === r0 ? d0 : d0 + (r - r0) / (r1 - r0) * span;
  return scale;
}
function finiteExtent(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    const x = Number(v);
    if (Number.isFinite(x)) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}
function formatNumber(v, digits = 3) {
  if (Number.isNaN(v)) return "–";
  if (v === Infinity) return "∞";
  if (v === -Infinity) return "−∞";
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}
var measureCtx = null;
function textWidth(text, px = 11, weight = "") {
  const s = String(text);
  if (measureCtx === null && globalThis.document) {
    measureCtx = document.createElement("canvas").getContext("2d") || false;
  }
  if (!measureCtx) return s.length * 0.62 * px;
  const family = getComputedStyle(document.body).fontFamily || "sans-serif";
  measureCtx.font = `${weight} ${px}px ${family}`.trim();
  return measureCtx.measureText(s).width * 1.08;
}

// js/lib/colors.js
var colors_exports = {};
__export(colors_exports, {
  CATEGORICAL: () => CATEGORICAL,
  blues: () => blues,
  categorical: () => categorical,
  rgb: () => rgb,
  textOn: () => textOn,
  viridis: () => viridis
});
var CATEGORICAL = Object.freeze([
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac"
]);
function categorical(i) {
  return CATEGORICAL[(i % CATEGORICAL.length + CATEGORICAL.length) % CATEGORICAL.length];
}
var VIRIDIS = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [109, 205, 89],
  [180, 222, 44],
  [253, 231, 37]
];
var BLUES = [
  [247, 251, 255],
  [222, 235, 247],
  [198, 219, 239],
  [158, 202, 225],
  [107, 174, 214],
  [66, 146, 198],
  [33, 113, 181],
  [8, 81, 156],
  [8, 48, 107]
];
function ramp(stops) {
  return (t) => {
    const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(x));
    const f = x - i;
    return stops[i].map((c, k) => Math.round(c + f * (stops[i + 1][k] - c)));
  };
}
var viridis = ramp(VIRIDIS);
var blues = ramp(BLUES);
function rgb([r, g, b]) {
  return `rgb(${r}, ${g}, ${b})`;
}
function textOn([r, g, b]) {
  const lum = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return lum > 0.55 ? "#111" : "#fff";
}

// js/lib/charts.js
var RUN_COLORS = Object.freeze(["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#666666", "#e6ab02"]);
function runColor(i) {
  return RUN_COLORS[(i % RUN_COLORS.length + RUN_COLORS.length) % RUN_COLORS.length];
}
function niceTicks(lo, hi, count = 5) {
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
function runsOf(values) {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const out = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else out.push([v, v]);
  }
  return out;
}
function attachTooltip(root) {
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
  const leave = () => {
    tip.hidden = true;
  };
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
function segments(x, y) {
  const out = [];
  let cur = [];
  for (let i = 0; i < y.length; i++) {
    if (Number.isFinite(y[i]) && Number.isFinite(x[i])) cur.push([x[i], y[i]]);
    else if (cur.length) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}
function lineChart({ width, height, title, xLabel, yLabel, series, xDomain, yDomain, infMarkers = false, cursor = null, slots = [], onPick = null, role = "line-chart", dots = null, xTicks = null, empty = "no data" }) {
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
    hover.append(svg("rect", { class: "cs-slot", x: cx - widthOf / 2, y: slotTop, width: Math.max(2, widthOf), height: plot.y0 - slotTop, "data-tip": slot.tip, "data-x": slot.x, onclick: onPick ? () => onPick(slot.x) : null }));
  }
  node.append(hover);
  return node;
}
function barChart({ width, height, title, yLabel, bars, onPick = null, role = "bar-chart", digits = 4 }) {
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
function tickLayout(n, cell, widest, line = 15) {
  if (widest + 6 <= cell) return { angle: 0, every: 1, depth: line };
  for (const angle of [45, 60, 90]) {
    const rad = angle * Math.PI / 180;
    if (cell * Math.sin(rad) >= line) return { angle, every: 1, depth: widest * Math.sin(rad) + line * Math.cos(rad) + 2 };
  }
  return { angle: 90, every: Math.ceil(line / Math.max(cell, 1e-9)), depth: widest + 2 };
}
var HEATMAP_RIGHT = 52;
function heatmapLeft(rowLabels) {
  return Math.max(46, Math.ceil(Math.max(0, ...rowLabels.map((t) => textWidth(t, 11)))) + 26);
}
function heatmapWidth(rowLabels, n = rowLabels.length, cell = 18) {
  return heatmapLeft(rowLabels) + HEATMAP_RIGHT + cell * n;
}
function countHeatmap({ size, values, n, rowLabels, colLabels, title, xLabel, yLabel, tip, onPick = null, role = "heatmap" }) {
  const font = 11;
  const rowWide = Math.max(0, ...rowLabels.map((t) => textWidth(t, font)));
  const colWide = Math.max(0, ...colLabels.map((t) => textWidth(t, font)));
  const margin = { left: heatmapLeft(rowLabels), right: HEATMAP_RIGHT, top: 24, bottom: 36 };
  const cell = Math.max(6, Math.floor((size - margin.left - margin.right) / Math.max(1, n)));
  const cols = tickLayout(n, cell, colWide);
  const reach = cols.angle ? colWide * Math.cos(cols.angle * Math.PI / 180) - cell / 2 + 4 : 0;
  margin.left = Math.max(margin.left, Math.ceil(reach));
  margin.bottom = Math.ceil(8 + cols.depth + 18);
  const width = margin.left + cell * n + margin.right;
  const height = margin.top + cell * n + margin.bottom;
  const { node, plot } = frame({ width, height, margin, title, xLabel, yLabel, role });
  let max = 0;
  for (const v of values) max = Math.max(max, Number(v));
  const scale = (v) => max > 0 ? Math.log1p(v) / Math.log1p(max) : 0;
  const showText = cell >= 20 && n <= 16;
  const grid = svg("g", { class: "cs-cells" });
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = Number(values[r * n + c]);
      const color = blues(0.04 + 0.96 * scale(v));
      const x = plot.x0 + c * cell;
      const y = plot.y1 + r * cell;
      const g = svg(
        "g",
        { class: "cs-cell", "data-row": r, "data-col": c, "data-value": v, "data-tip": tip(r, c, v), onclick: onPick ? () => onPick(r, c) : null },
        svg("rect", { x, y, width: cell - 1, height: cell - 1, fill: rgb(color) })
      );
      if (showText && v > 0) g.append(svg("text", { class: "cs-cell-text", x: x + (cell - 1) / 2, y: y + cell / 2 + 3, "text-anchor": "middle", fill: textOn(color) }, String(v)));
      grid.append(g);
    }
  }
  node.append(grid);
  const bottom = plot.y1 + n * cell;
  for (let k = 0; k < n; k += cols.every) {
    const x = plot.x0 + k * cell + cell / 2;
    const label = cols.angle ? svg("text", { class: "cs-tick", x, y: bottom + 8, "text-anchor": "end", "dominant-baseline": "central", transform: `rotate(${-cols.angle} ${x} ${bottom + 8})`, "data-axis": "x" }, colLabels[k]) : svg("text", { class: "cs-tick", x, y: bottom + 12, "text-anchor": "middle", "data-axis": "x" }, colLabels[k]);
    node.append(label);
  }
  const rowEvery = Math.ceil(14 / cell);
  for (let k = 0; k < n; k += rowEvery) {
    node.append(svg("text", { class: "cs-tick", x: plot.x0 - 4, y: plot.y1 + k * cell + cell / 2 + 3.5, "text-anchor": "end", "data-axis": "y" }, rowLabels[k]));
  }
  node.append(colorBar(plot.x0 + n * cell + 12, plot.y1, cell * n, max));
  return node;
}
function colorBar(x, y, height, max) {
  const g = svg("g", { class: "cs-colorbar" });
  const steps = 24;
  for (let i = 0; i < steps; i++) {
    const t = 1 - i / steps;
    g.append(svg("rect", { x, y: y + i * height / steps, width: 9, height: height / steps + 0.5, fill: rgb(blues(0.04 + 0.96 * t)) }));
  }
  const at = (v) => y + height * (1 - (max > 0 ? Math.log1p(v) / Math.log1p(max) : 0));
  const ticks = max > 0 ? [.../* @__PURE__ */ new Set([0, Math.round(Math.sqrt(max)), max])] : [0];
  for (const v of ticks) g.append(svg("text", { class: "cs-tick", x: x + 12, y: at(v) + 3.5 }, String(v)));
  return g;
}

// js/lib/codec.js
var codec_exports = {};
__export(codec_exports, {
  DTYPES: () => DTYPES,
  asNumbers: () => asNumbers,
  decode: () => decode,
  encode: () => encode,
  float32ToHalf: () => float32ToHalf,
  halfBitsToNumber: () => halfBitsToNumber,
  halfToFloat32: () => halfToFloat32,
  numberToHalfBits: () => numberToHalfBits,
  strides: () => strides
});
var STORAGE = {
  float16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
  bool: Uint8Array
};
var DTYPES = Object.freeze(Object.keys(STORAGE));
var LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
function storageFor(dtype) {
  const Storage = STORAGE[dtype];
  if (!Storage) {
    throw new TypeError(`unsupported dtype ${JSON.stringify(dtype)}; supported: ${DTYPES.join(", ")}`);
  }
  if (!LITTLE_ENDIAN && Storage.BYTES_PER_ELEMENT > 1) {
    throw new Error("this browser is big-endian; the array codec only handles little-endian");
  }
  return Storage;
}
function checkShape(shape) {
  if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new TypeError(`shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  return shape.reduce((a, b) => a * b, 1);
}
function asBytes(buffer) {
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  throw new TypeError(`array payload buffer must be a DataView, TypedArray or ArrayBuffer, got ${typeof buffer}`);
}
function decode(payload) {
  if (payload === null || typeof payload !== "object") {
    throw new TypeError(`expected an array payload {dtype, shape, buffer}, got ${payload}`);
  }
  const { dtype, shape } = payload;
  const Storage = storageFor(dtype);
  const size = checkShape(shape);
  const bytes = asBytes(payload.buffer);
  const need = size * Storage.BYTES_PER_ELEMENT;
  if (bytes.byteLength !== need) {
    throw new RangeError(`${dtype} array of shape [${shape}] needs ${need} bytes, got ${bytes.byteLength}`);
  }
  const aligned = bytes.byteOffset % Storage.BYTES_PER_ELEMENT === 0;
  const raw = aligned ? new Storage(bytes.buffer, bytes.byteOffset, size) : new Storage(bytes.slice().buffer, 0, size);
  const data = dtype === "float16" ? halfToFloat32(raw) : raw;
  return { dtype, shape: [...shape], size, data };
}
function encode({ dtype, shape, data }) {
  const Storage = storageFor(dtype);
  const size = checkShape(shape);
  if (!data || data.length !== size) {
    throw new RangeError(`shape [${shape}] needs ${size} values, got ${data ? data.length : data}`);
  }
  let out;
  if (dtype === "float16") out = float32ToHalf(data);
  else if (dtype === "bool") out = Uint8Array.from(data, (v) => v ? 1 : 0);
  else if (Storage === BigInt64Array || Storage === BigUint64Array) out = Storage.from(data, (v) => BigInt(v));
  else out = Storage.from(data);
  return { dtype, shape: [...shape], buffer: new DataView(out.buffer, 0, out.byteLength) };
}
function asNumbers(data) {
  return Float64Array.from(data, Number);
}
function strides(shape) {
  const out = new Array(shape.length);
  let step = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    out[k] = step;
    step *= shape[k];
  }
  return out;
}
var halfTable = null;
function halfBitsToNumber(h2) {
  const sign = h2 & 32768 ? -1 : 1;
  const exponent = h2 >> 10 & 31;
  const mantissa = h2 & 1023;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
function halfToFloat32(bits) {
  if (halfTable === null) {
    halfTable = new Float32Array(65536);
    for (let h2 = 0; h2 < 65536; h2++) halfTable[h2] = halfBitsToNumber(h2);
  }
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfTable[bits[i]];
  return out;
}
var f32 = new Float32Array(1);
var u32 = new Uint32Array(f32.buffer);
function numberToHalfBits(x) {
  f32[0] = x;
  const b = u32[0];
  const sign = b >>> 16 & 32768;
  const exponent = b >>> 23 & 255;
  let mantissa = b & 8388607;
  if (exponent === 255) return sign | 31744 | (mantissa ? 512 | mantissa >>> 13 : 0);
  const e = exponent - 112;
  if (e >= 31) return sign | 31744;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 8388608;
    const shift = 14 - e;
    let half2 = mantissa >>> shift;
    const rest2 = mantissa & (1 << shift) - 1;
    const halfway = 1 << shift - 1;
    if (rest2 > halfway || rest2 === halfway && half2 & 1) half2++;
    return sign | half2;
  }
  let half = e << 10 | mantissa >>> 13;
  const rest = mantissa & 8191;
  if (rest > 4096 || rest === 4096 && half & 1) half++;
  return sign | half;
}
function float32ToHalf(values) {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = numberToHalfBits(values[i]);
  return out;
}

// js/lib/heatmap.js
var heatmap_exports = {};
__export(heatmap_exports, {
  cellSize: () => cellSize,
  colorBar: () => colorBar2,
  colorOf: () => colorOf,
  colorTable: () => colorTable,
  paintCells: () => paintCells,
  paintMatrix: () => paintMatrix,
  tickStep: () => tickStep
});
var NAN_RGBA = [190, 190, 190, 255];
function colorTable(ramp2, { reverse = false, size = 256 } = {}) {
  const lut = new Uint8ClampedArray(size * 4);
  for (let i = 0; i < size; i++) {
    const t = i / (size - 1);
    const [r, g, b] = ramp2(reverse ? 1 - t : t);
    lut.set([r, g, b, 255], i * 4);
  }
  return lut;
}
function colorOf(lut, v, vmin, vmax) {
  if (!Number.isFinite(v)) return NAN_RGBA.slice(0, 3);
  const n = lut.length / 4 - 1;
  const k = vmax > vmin ? Math.min(n, Math.max(0, Math.floor((v - vmin) / (vmax - vmin) * n))) : 0;
  return [lut[4 * k], lut[4 * k + 1], lut[4 * k + 2]];
}
function paintCells(pixels, { data, rows, cols, rowOrder, colOrder, vmin, vmax, lut }) {
  const out = new Uint32Array(pixels.buffer, pixels.byteOffset, rows * cols);
  const table = new Uint32Array(lut.buffer, lut.byteOffset, lut.length / 4);
  const nan = new Uint32Array(new Uint8ClampedArray(NAN_RGBA).buffer)[0];
  const top = table.length - 1;
  const scale = vmax > vmin ? top / (vmax - vmin) : 0;
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const base = rowOrder[i] * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[base + colOrder[j]];
      if (v !== v) {
        out[p++] = nan;
        continue;
      }
      let k = (v - vmin) * scale;
      k = k <= 0 ? 0 : k >= top ? top : k | 0;
      out[p++] = table[k];
    }
  }
  return pixels;
}
function paintMatrix(canvas, matrix, width, height) {
  const start = performance.now();
  const { rows, cols } = matrix;
  const cells = document.createElement("canvas");
  cells.width = cols;
  cells.height = rows;
  const image = cells.getContext("2d").createImageData(cols, rows);
  paintCells(image.data, matrix);
  cells.getContext("2d").putImageData(image, 0, 0);
  const ratio = globalThis.devicePixelRatio || 1;
  const w = Math.round(width * ratio);
  const hh = Math.round(height * ratio);
  if (canvas.width !== w || canvas.height !== hh) {
    canvas.width = w;
    canvas.height = hh;
  }
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, w, hh);
  ctx.drawImage(cells, 0, 0, w, hh);
  return performance.now() - start;
}
function colorBar2(lut, width, height) {
  const canvas = document.createElement("canvas");
  canvas.width = 1;
  canvas.height = 256;
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(1, 256);
  const n = lut.length / 4;
  for (let y = 0; y < 256; y++) {
    const k = Math.round((255 - y) / 255 * (n - 1));
    image.data.set(lut.subarray(4 * k, 4 * k + 4), 4 * y);
  }
  ctx.putImageData(image, 0, 0);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.style.imageRendering = "pixelated";
  return canvas;
}
function tickStep(n, cell, minGap) {
  if (n <= 0) return 1;
  const raw = Math.max(1, Math.ceil(minGap / Math.max(cell, 1e-9)));
  for (const base of [1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100, 128, 200, 256, 500]) {
    if (base >= raw) return base;
  }
  return raw;
}
function cellSize(rows, cols, { maxSide = 512, maxCell = 36 } = {}) {
  return {
    cw: Math.min(maxCell, maxSide / Math.max(cols, 1)),
    ch: Math.min(maxCell, maxSide / Math.max(rows, 1))
  };
}

// js/lib/images.js
var images_exports = {};
__export(images_exports, {
  imageCanvas: () => imageCanvas,
  imageRow: () => imageRow,
  maybeDecode: () => maybeDecode,
  rgbaOf: () => rgbaOf
});
function rgbaOf({ shape, data }, i) {
  const [, height, width, channels] = shape;
  const size = height * width;
  const out = new Uint8ClampedArray(size * 4);
  const base = i * size * channels;
  for (let p = 0; p < size; p++) {
    const q = base + p * channels;
    const grey = data[q];
    out[4 * p] = grey;
    out[4 * p + 1] = channels === 3 ? data[q + 1] : grey;
    out[4 * p + 2] = channels === 3 ? data[q + 2] : grey;
    out[4 * p + 3] = 255;
  }
  return out;
}
function imageCanvas(decoded, i, px, attrs = {}) {
  const [, height, width] = decoded.shape;
  const canvas = h("canvas", { class: "cs-img", width, height, ...attrs });
  canvas.getContext("2d").putImageData(new ImageData(rgbaOf(decoded, i), width, height), 0, 0);
  const scale = px / Math.max(height, width);
  canvas.style.width = `${Math.round(width * scale)}px`;
  canvas.style.height = `${Math.round(height * scale)}px`;
  return canvas;
}
function maybeDecode(payload) {
  return payload ? decode(payload) : null;
}
function imageRow(label, decoded, { px = 64, role = "", captions = null, title = "" } = {}) {
  const n = decoded ? decoded.shape[0] : 0;
  const cells = [];
  for (let i = 0; i < n; i++) {
    cells.push(
      h(
        "figure",
        { class: "cs-img-cell" },
        imageCanvas(decoded, i, px, { "data-index": i }),
        captions ? h("figcaption", null, captions[i]) : null
      )
    );
  }
  return h(
    "div",
    { class: "cs-img-row", "data-row": role, title: title || null },
    h("div", { class: "cs-img-label" }, label),
    ...cells
  );
}

// js/lib/redraw_clock.js
var redraw_clock_exports = {};
__export(redraw_clock_exports, {
  redrawClock: () => redrawClock
});
function redrawClock(root) {
  let pending = null;
  let draws = 0;
  return {
    request(epoch) {
      pending = { epoch, t0: performance.now() };
      delete root.dataset.redrawMs;
    },
    stamp(epoch, paintMs, extra = {}) {
      const now = performance.now();
      draws += 1;
      Object.assign(root.dataset, {
        ...extra,
        drawnEpoch: String(epoch),
        drawMs: paintMs.toFixed(2),
        draws: String(draws),
        drawnAt: (performance.timeOrigin + now).toFixed(2)
      });
      if (pending && pending.epoch === epoch) {
        root.dataset.redrawMs = (now - pending.t0).toFixed(2);
        pending = null;
      }
    }
  };
}

// js/lib/selection.js
var selection_exports = {};
__export(selection_exports, {
  FIELDS: () => FIELDS,
  HOVER_KINDS: () => HOVER_KINDS,
  SelectionClient: () => SelectionClient,
  SelectionError: () => SelectionError,
  describeHover: () => describeHover,
  describeSampleGroup: () => describeSampleGroup,
  describeSelection: () => describeSelection,
  formatChannels: () => formatChannels,
  parseSampleGroup: () => parseSampleGroup,
  resolveSelection: () => resolveSelection,
  sampleGroupText: () => sampleGroupText,
  selectionParts: () => selectionParts,
  validateField: () => validateField
});
var FIELDS = Object.freeze(["layers", "channels", "epoch", "sample_group", "class_index", "hovered"]);
var HOVER_KINDS = Object.freeze({
  layer: ["layer"],
  channel: ["layer", "channel"],
  class: ["class_index"],
  epoch: ["epoch"],
  sample: ["sample"],
  cell: ["layer", "channel", "to_layer", "to_channel"]
});
var HOVER_STR = ["layer", "to_layer", "source"];
var HOVER_INT = ["channel", "to_channel", "epoch", "class_index", "sample"];
var DEFAULTS = { layers: [], channels: [], sample_group: "all", class_index: null, hovered: {} };
var REF_PREFIX = "IPY_MODEL_";
var isIndex = (v) => Number.isSafeInteger(v) && v >= 0;
var distinct = (list) => new Set(list).size === list.length;
function parseSampleGroup(text) {
  if (typeof text !== "string") return null;
  const words = text.trim().split(/\s+/).join(" ");
  if (words === "all") return { label: null, pred: null, correct: null };
  if (words === "correct" || words === "incorrect") return { label: null, pred: null, correct: words === "correct" };
  const found = { label: null, pred: null, correct: null };
  for (const clause of words.split(" and ")) {
    const m = /^(label|pred)\s*==\s*(\d{1,9})$/.exec(clause.trim());
    if (!m || found[m[1]] !== null) return null;
    found[m[1]] = Number(m[2]);
  }
  return found;
}
function sampleGroupText(group) {
  if (group.correct !== null) return group.correct ? "correct" : "incorrect";
  const parts = ["label", "pred"].filter((k) => group[k] !== null).map((k) => `${k} == ${group[k]}`);
  return parts.join(" and ") || "all";
}
function validateField(name, value) {
  const bad = (rule) => `Selection.${name} must be ${rule}; got ${JSON.stringify(value)}`;
  switch (name) {
    case "layers":
      return Array.isArray(value) && value.every((v) => typeof v === "string" && v) && distinct(value) ? "" : bad("a list of distinct non-empty layer names");
    case "channels":
      return Array.isArray(value) && value.every(isIndex) && distinct(value) ? "" : bad("a list of distinct non-negative integers");
    case "epoch":
      return isIndex(value) ? "" : bad("a non-negative integer");
    case "class_index":
      return value === null || isIndex(value) ? "" : bad("None or a non-negative integer");
    case "sample_group":
      return parseSampleGroup(value) ? "" : bad("'all', 'correct', 'incorrect', 'label == k', 'pred == k' or 'label == k and pred == j'");
    case "hovered":
      return hoverProblem(value) ? bad(`{} or a hover item: ${hoverProblem(value)}`) : "";
    default:
      return `unknown selection field ${JSON.stringify(name)}; fields: ${FIELDS.join(", ")}`;
  }
}
function hoverProblem(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "not an object";
  if (Object.keys(value).length === 0) return "";
  const required = HOVER_KINDS[value.kind];
  if (!required) return `kind must be one of ${Object.keys(HOVER_KINDS).join(", ")}`;
  const unknown = Object.keys(value).filter((k) => k !== "kind" && !HOVER_STR.includes(k) && !HOVER_INT.includes(k));
  if (unknown.length) return `unknown key(s) ${unknown.join(", ")}`;
  const missing = required.filter((k) => !(k in value));
  if (missing.length) return `kind ${value.kind} needs ${missing.join(", ")}`;
  if (HOVER_STR.some((k) => k in value && !(typeof value[k] === "string" && value[k]))) return "names must be non-empty strings";
  if (HOVER_INT.some((k) => k in value && !isIndex(value[k]))) return "indices must be non-negative integers";
  return "";
}
var SelectionError = class extends Error {
  constructor(problems) {
    super(problems.join("; "));
    this.name = "SelectionError";
    this.problems = problems;
  }
};
var SelectionClient = class {
  constructor(model) {
    this.model = model;
    this._listeners = [];
  }
  get(name) {
    return this.model.get(name);
  }
  /** The six selection fields as a plain object. */
  snapshot() {
    return Object.fromEntries(FIELDS.map((k) => [k, this.model.get(k)]));
  }
  /**
   * Validate and apply a patch such as {layers: ["conv1"], channels: [3]} in one message.
   * Throws SelectionError (nothing applied) if any field is malformed; with a kernel, the
   * kernel validates again and reverts the page if it disagrees.
   */
  update(patch) {
    const problems = Object.entries(patch).map(([k, v]) => validateField(k, v)).filter(Boolean);
    if (problems.length) throw new SelectionError(problems);
    const clean = { ...patch };
    if ("sample_group" in clean) clean.sample_group = sampleGroupText(parseSampleGroup(clean.sample_group));
    const changed = Object.keys(clean).filter((k) => JSON.stringify(this.model.get(k)) !== JSON.stringify(clean[k]));
    if (!changed.length) return false;
    this.model.set(Object.fromEntries(changed.map((k) => [k, clean[k]])));
    this.model.save_changes();
    return true;
  }
  /** Set hovered ({} for nothing); unchanged values send nothing. */
  hover(item) {
    return this.update({ hovered: item ?? {} });
  }
  /** Reset one field to its default (epoch has none). */
  clear(name) {
    if (!(name in DEFAULTS)) throw new SelectionError([`Selection.${name} cannot be cleared`]);
    return this.update({ [name]: DEFAULTS[name] });
  }
  /**
   * Call callback(snapshot, changedNames) once per model update touching one of fields.
   * Returns a function that removes the listener; dispose() removes all of them.
   */
  onChange(callback, fields = FIELDS) {
    const handler = (model) => {
      const changed = Object.keys(model?.changedAttributes?.() || {});
      const relevant = changed.filter((k) => fields.includes(k));
      if (changed.length && !relevant.length) return;
      callback(this.snapshot(), relevant);
    };
    this.model.on("change", handler);
    this._listeners.push(handler);
    return () => {
      this.model.off("change", handler);
      this._listeners = this._listeners.filter((h2) => h2 !== handler);
    };
  }
  dispose() {
    for (const handler of this._listeners) this.model.off("change", handler);
    this._listeners = [];
  }
};
async function resolveSelection(model) {
  const ref = model.get("selection");
  if (typeof ref !== "string" || !ref.startsWith(REF_PREFIX)) {
    throw new Error(`this view has no shared selection (selection = ${JSON.stringify(ref)})`);
  }
  const id = ref.slice(REF_PREFIX.length);
  let selectionModel;
  try {
    selectionModel = await model.widget_manager.get_model(id);
  } catch (err) {
    throw new Error(`the shared selection (model ${id}) is not in this page: re-run the cell that made the view (${err.message})`);
  }
  return new SelectionClient(selectionModel);
}
function formatChannels(channels) {
  const sorted = [...channels].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}–${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(", ");
}
function describeSampleGroup(text) {
  const g = parseSampleGroup(text);
  if (!g) return String(text);
  if (g.correct !== null) return g.correct ? "correctly classified" : "misclassified";
  const parts = [];
  if (g.label !== null) parts.push(`label ${g.label}`);
  if (g.pred !== null) parts.push(`predicted ${g.pred}`);
  return parts.join(", ") || "all";
}
function describeHover(h2) {
  if (!h2 || !h2.kind) return "";
  switch (h2.kind) {
    case "layer":
      return h2.layer;
    case "channel":
      return `${h2.layer} · channel ${h2.channel}`;
    case "class":
      return `class ${h2.class_index}`;
    case "epoch":
      return `epoch ${h2.epoch}`;
    case "sample":
      return `sample ${h2.sample}`;
    case "cell":
      return `${h2.layer}:${h2.channel} → ${h2.to_layer}:${h2.to_channel}`;
    default:
      return JSON.stringify(h2);
  }
}
function selectionParts(sel, { maxLayers = 4 } = {}) {
  const layers = sel.layers || [];
  const shown = layers.length > maxLayers ? `${layers.slice(0, maxLayers).join(", ")} +${layers.length - maxLayers} more` : layers.join(", ");
  const parts = [
    { key: "layers", label: layers.length === 1 ? "layer" : "layers", text: shown || "none", title: layers.join(", "), clearable: layers.length > 0 },
    { key: "channels", label: "channels", text: sel.channels?.length ? formatChannels(sel.channels) : "all", title: "", clearable: sel.channels?.length > 0 },
    { key: "epoch", label: "epoch", text: String(sel.epoch), title: "", clearable: false },
    { key: "sample_group", label: "samples", text: describeSampleGroup(sel.sample_group), title: sel.sample_group, clearable: sel.sample_group !== "all" }
  ];
  if (sel.class_index !== null && sel.class_index !== void 0) {
    parts.push({ key: "class_index", label: "class", text: String(sel.class_index), title: "", clearable: true });
  }
  const hover = describeHover(sel.hovered);
  if (hover) parts.push({ key: "hovered", label: "hover", text: hover, title: "", clearable: false });
  return parts;
}
function describeSelection(sel) {
  return selectionParts(sel).map((p) => `${p.label} ${p.text}`).join(" · ");
}

// js/lib/slider.js
var slider_exports = {};
__export(slider_exports, {
  epochSlider: () => epochSlider
});
function epochSlider({ onInput, onCommit, label = "epoch" }) {
  let epochs = [];
  const input = h("input", {
    type: "range",
    min: 0,
    max: 0,
    step: 1,
    value: 0,
    class: "cs-slider",
    "data-role": "epoch-slider",
    "aria-label": `${label} slider`
  });
  const value = h("output", { class: "cs-slider-value", "data-role": "epoch-value" }, "–");
  const el = h("label", { class: "cs-slider-box" }, h("span", { class: "cs-slider-label" }, label), input, value);
  const epochAt = () => epochs[Number(input.value)];
  const show = () => {
    value.textContent = epochs.length ? String(epochAt()) : "–";
  };
  input.addEventListener("input", () => {
    show();
    if (epochs.length) onInput?.(epochAt());
  });
  input.addEventListener("change", () => {
    if (epochs.length) onCommit?.(epochAt());
  });
  const positionOf = (e) => {
    let best = 0;
    epochs.forEach((x, i) => {
      if (x <= e) best = i;
    });
    return best;
  };
  return {
    el,
    input,
    get epochs() {
      return epochs;
    },
    setEpochs(list, current) {
      epochs = [...list];
      input.max = String(Math.max(0, epochs.length - 1));
      input.disabled = epochs.length < 2;
      if (current !== void 0) input.value = String(positionOf(current));
      show();
    },
    setValue(epoch) {
      input.value = String(positionOf(epoch));
      show();
    }
  };
}

// js/lib/view.js
var view_exports = {};
__export(view_exports, {
  defineView: () => defineView
});
function messageBox(model, note, body, root) {
  const show = () => {
    const text = model.get("message") || "";
    note.textContent = text;
    note.hidden = !text;
    body.hidden = Boolean(text);
    root.dataset.state = text ? "message" : "view";
  };
  show();
  return show;
}
function defineView(name, draw) {
  async function render({ model, el, signal }) {
    const start = performance.now();
    const note = h("div", { class: "cnnslicer-message", role: "status", "data-role": "message" });
    const body = h("div", { class: "cnnslicer-body" });
    const root = h("div", { class: "cnnslicer-view", "data-cnnslicer-view": name }, note, body);
    el.replaceChildren(root);
    const showMessage = messageBox(model, note, body, root);
    model.on("change:message", showMessage);
    let active = null;
    let disposed = false;
    const unmount = () => {
      if (!active) return;
      const { selection, cleanup } = active;
      active = null;
      selection.dispose();
      if (typeof cleanup === "function") cleanup();
    };
    const mount = async () => {
      unmount();
      body.replaceChildren();
      let selection;
      try {
        selection = await resolveSelection(model);
      } catch (err) {
        note.textContent = err.message;
        note.hidden = false;
        root.dataset.state = "error";
        return;
      }
      if (disposed) return selection.dispose();
      let cleanup;
      try {
        cleanup = await draw({ model, el: body, root, selection, signal });
      } catch (err) {
        console.error(`cnnslicer ${name} view failed to draw`, err);
        note.textContent = `This view failed to draw: ${err.message}`;
        note.hidden = false;
        root.dataset.state = "error";
      }
      active = { selection, cleanup };
      if (disposed) unmount();
    };
    model.on("change:selection", mount);
    await mount();
    root.dataset.ready = "true";
    root.dataset.renderMs = (performance.now() - start).toFixed(1);
    return () => {
      disposed = true;
      model.off("change:message", showMessage);
      model.off("change:selection", mount);
      unmount();
    };
  }
  return { render };
}

// js/lib.js
var modules = { charts: charts_exports, codec: codec_exports, colors: colors_exports, dom: dom_exports, heatmap: heatmap_exports, images: images_exports, redraw_clock: redraw_clock_exports, selection: selection_exports, slider: slider_exports, view: view_exports };
export {
  modules
};
