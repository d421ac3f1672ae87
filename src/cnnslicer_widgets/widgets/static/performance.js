/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// js/lib/dom.js
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

// js/lib/selection.js
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

// js/lib/view.js
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
function defineView(name, draw2) {
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
        cleanup = await draw2({ model, el: body, root, selection, signal });
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

// js/lib/colors.js
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

// js/lib/perf_panels.js
var matrix = (payload) => payload ? decode(payload) : null;
function layout(width, classes = []) {
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
    emphasis: focus === null || focus === void 0 ? void 0 : focus === k ? "strong" : "faded"
  }));
}
function entropyTips(values, epochs, classes, what) {
  const K = classes.length;
  return Array.from(epochs, (epoch, e) => {
    const rows = classes.map((name, k) => {
      const v = values.data[e * K + k];
      return `${name}: ${v === Infinity ? `∞ (${what})` : `${formatNumber(v)} bits`}`;
    });
    return { x: epoch, tip: `epoch ${epoch} (click to show it)
${rows.join("\n")}` };
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
    emphasis: runs.length > 1 && r === active ? "strong" : void 0
  }));
}
function panel(role, chart, ...notes) {
  const width = chart ? Number(chart.getAttribute("width")) : 0;
  return h("div", { class: "cp-panel", "data-panel": role, style: width ? { width: `${width}px` } : null }, chart, ...notes);
}
function confusionPanel({ model, selection }, { sizes, runs, active, classes }) {
  const payload = matrix(model.get("confusion"));
  const shown = model.get("confusion_epoch");
  const run = runs[active];
  if (!payload) return panel("confusion", null, h("div", { class: "cp-panel-note", "data-role": "confusion" }, `No confusion matrix: run ${run?.name ?? ""} has no complete epoch.`));
  const n = payload.shape[0];
  const values = payload.data;
  const rowSum = (r) => {
    let s = 0;
    for (let c = 0; c < n; c++) s += values[r * n + c];
    return s;
  };
  const colSum = (c) => {
    let s = 0;
    for (let r = 0; r < n; r++) s += values[r * n + c];
    return s;
  };
  const pct = (v, total) => total ? `${(100 * v / total).toFixed(1)}%` : "–";
  const chart = countHeatmap({
    size: sizes.confusion,
    values,
    n,
    rowLabels: classes,
    colLabels: classes,
    role: "confusion",
    title: `Confusion matrix · epoch ${shown}`,
    xLabel: "predicted class",
    yLabel: "true class",
    tip: (r, c, v) => `true ${classes[r]} → predicted ${classes[c]}: ${v} sample${v === 1 ? "" : "s"}
${pct(v, rowSum(r))} of true ${classes[r]}, ${pct(v, colSum(c))} of predicted ${classes[c]}
(click: select these samples)`,
    onPick: (r, c) => selection.update({ sample_group: `label == ${r} and pred == ${c}` })
  });
  chart.dataset.epoch = String(shown);
  chart.dataset.total = String(values.reduce((a, b) => a + Number(b), 0));
  const empty = classes.filter((_, c) => colSum(c) === 0);
  return panel(
    "confusion",
    chart,
    h("div", { class: "cp-panel-note" }, h("span", { class: "cp-swatch", style: { background: runColor(active) } }), ` ${run.name} · rows: true class, columns: predicted; darker = more (log scale).`),
    empty.length ? h("div", { class: "cp-panel-note", "data-role": "never-predicted" }, `Never predicted at epoch ${shown}: class${empty.length > 1 ? "es" : ""} ${empty.join(", ")} (empty column${empty.length > 1 ? "s" : ""}).`) : null
  );
}
function entropyPanel({ model, selection, setEpoch }, { sizes, epochs, classes, active, runs }, { role, values, title, what }) {
  if (!values || !epochs.length) return panel(role, null);
  const xs = Array.from(epochs);
  const lo = xs[0];
  const hi = xs[xs.length - 1];
  const chart = lineChart({
    width: sizes.line,
    height: 230,
    role,
    title,
    xLabel: "epoch",
    yLabel: "bits",
    xDomain: lo === hi ? [lo - 1, hi + 1] : [lo, hi],
    xTicks: lo === hi ? [lo] : null,
    series: classLines(values, xs, classes, selection.get("class_index")),
    infMarkers: true,
    cursor: model.get("confusion_epoch"),
    slots: entropyTips(values, xs, classes, what),
    onPick: setEpoch
  });
  return panel(role, chart, h(
    "div",
    { class: "cp-panel-note" },
    h("span", { class: "cp-swatch", style: { background: runColor(active) } }),
    ` ${runs[active].name} · a mark in the ∞ band (a row per class): ${what}.`
  ));
}
function runPanels({ model, selection, setEpoch, setActive }, { sizes, runs, active }) {
  const inter = matrix(model.get("inter_entropy"));
  const layer = model.get("inter_layer");
  const bars = runs.map((run, r) => {
    const v = inter ? Number(inter.data[r]) : NaN;
    return {
      key: run.name,
      label: run.name,
      sublabel: `N = ${run.samples}`,
      value: v,
      color: runColor(r),
      active: r === active,
      tip: `${run.name}
${run.samples} probe samples
inter-sample entropy of ${layer || "—"}: ${Number.isFinite(v) ? `${v.toFixed(4)} bits` : "not available"}
(click: show this run)`
    };
  });
  const barsChart = barChart({ width: sizes.bars, height: 230, title: `Inter-sample entropy (${layer || "not computed"})`, yLabel: "bits", bars, onPick: setActive, role: "inter-bars" });
  const series = lossSeries(model, runs, active);
  const xs = series.flatMap((s) => s.x.filter(Number.isFinite));
  const lo = xs.length ? Math.min(...xs) : 0;
  const hi = xs.length ? Math.max(...xs) : 1;
  const steps = [...new Set(xs)].sort((a, b) => a - b);
  const loss = lineChart({
    width: sizes.loss,
    height: 230,
    role: "loss-chart",
    title: "Training loss",
    xLabel: "training epoch",
    yLabel: "loss",
    xDomain: lo === hi ? [lo - 1, hi + 1] : [lo, hi],
    xTicks: lo === hi ? [lo] : null,
    series,
    cursor: selection.get("epoch"),
    onPick: setEpoch,
    empty: "no training loss recorded",
    slots: steps.map((x) => ({ x, tip: `epoch ${x}
${series.map((s) => `${s.label}: ${formatNumber(s.y[s.x.indexOf(x)] ?? NaN)}`).join("\n")}` }))
  });
  return [
    panel("inter", barsChart, h("div", { class: "cp-panel-note" }, "Diversity of each run's probe set (paper Fig. 5B). Click a bar to show that run.")),
    panel("loss", loss, h("div", { class: "cp-panel-note" }, "One line per run, every training epoch."))
  ];
}

// js/views/performance.js
var EVENTS = [
  "confusion",
  "confusion_epoch",
  "runs",
  "active_run",
  "classes",
  "epochs",
  "label_given_pred",
  "pred_given_label",
  "loss_values",
  "inter_entropy",
  "notes"
].map((k) => `change:${k}`).join(" ");
function chip({ color, text, title, active, attrs, onclick }) {
  return h(
    "button",
    { type: "button", class: `cp-chip${active ? " cp-active" : ""}`, title, "aria-pressed": String(Boolean(active)), onclick, ...attrs },
    h("span", { class: "cp-swatch", style: { background: color } }),
    text
  );
}
function header() {
  const parts = {
    notes: h("ul", { class: "cp-notes", "data-role": "notes" }),
    runChips: h("div", { class: "cp-runs", "data-role": "runs" }),
    slider: h("input", { type: "range", min: 0, max: 0, step: 1, "data-role": "epoch-slider", "aria-label": "Epoch" }),
    epochText: h("span", { "data-role": "epoch-value" }),
    classChips: h("div", { class: "cp-classes", "data-role": "classes" }),
    grid: h("div", { class: "cp-grid" })
  };
  parts.box = h(
    "div",
    { class: "cp-root" },
    parts.notes,
    h(
      "div",
      { class: "cp-bar" },
      h("span", { class: "cp-label" }, "Runs"),
      parts.runChips,
      h("label", { class: "cp-epoch" }, h("span", { class: "cp-label" }, "Epoch"), parts.slider, parts.epochText)
    ),
    h("div", { class: "cp-bar" }, h("span", { class: "cp-label" }, "Classes (click to emphasise)"), parts.classChips),
    parts.grid
  );
  return parts;
}
function drawChips({ runChips, classChips }, { runs, active, classes, focus }, { setActive, toggleClass }) {
  runChips.replaceChildren(...runs.map((run, r) => chip({
    color: runColor(r),
    text: `${run.name} (N = ${run.samples})`,
    title: `${run.path}
epochs ${run.epochs}`,
    active: r === active,
    attrs: { "data-run": r },
    onclick: () => setActive(r)
  })));
  classChips.replaceChildren(...classes.map((name, k) => chip({
    color: categorical(k),
    text: name,
    title: `class ${name}`,
    active: focus === k,
    attrs: { "data-class": k },
    onclick: () => toggleClass(k)
  })));
}
function draw({ model, el, root, selection }) {
  const parts = header();
  const { notes, slider, epochText, grid } = parts;
  el.append(parts.box);
  const detachTip = attachTooltip(parts.box);
  let asked = null;
  const ctx = {
    model,
    selection,
    setEpoch: (epoch) => {
      if (epoch === selection.get("epoch")) return;
      asked = { epoch, at: performance.now() };
      selection.update({ epoch });
    },
    setActive: (r) => {
      if (r === model.get("active_run")) return;
      model.set("active_run", r);
      model.save_changes();
    },
    toggleClass: (k) => selection.update({ class_index: selection.get("class_index") === k ? null : k })
  };
  slider.addEventListener("input", () => {
    const epochs = matrix(model.get("epochs"));
    if (epochs && epochs.size) ctx.setEpoch(epochs.data[Number(slider.value)]);
  });
  function redraw() {
    const start = performance.now();
    const classes = model.get("classes") || [];
    const state = {
      runs: model.get("runs") || [],
      active: model.get("active_run"),
      classes,
      epochs: matrix(model.get("epochs"))?.data ?? [],
      sizes: layout(el.clientWidth || root.clientWidth || 900, classes),
      focus: selection.get("class_index")
    };
    drawChips(parts, state, ctx);
    const shown = model.get("confusion_epoch");
    slider.max = String(Math.max(0, state.epochs.length - 1));
    slider.value = String(Math.max(0, Array.from(state.epochs).indexOf(shown)));
    slider.disabled = state.epochs.length < 2;
    epochText.textContent = shown >= 0 ? String(shown) : "–";
    grid.replaceChildren(
      confusionPanel(ctx, state),
      entropyPanel(ctx, state, { role: "label-given-pred", values: matrix(model.get("label_given_pred")), title: "H(label | pred = i)", what: "class i never predicted" }),
      entropyPanel(ctx, state, { role: "pred-given-label", values: matrix(model.get("pred_given_label")), title: "H(pred | label = i)", what: "class i has no samples" }),
      ...runPanels(ctx, state)
    );
    const texts = model.get("notes") || [];
    notes.replaceChildren(...texts.map((t) => h("li", {}, t)));
    notes.hidden = !texts.length;
    root.dataset.drawMs = (performance.now() - start).toFixed(1);
    if (asked && asked.epoch === shown) {
      root.dataset.epochRedrawMs = (performance.now() - asked.at).toFixed(1);
      asked = null;
    }
  }
  let frame2 = 0;
  const schedule = () => {
    if (!frame2) frame2 = requestAnimationFrame(() => {
      frame2 = 0;
      redraw();
    });
  };
  model.on(EVENTS, schedule);
  selection.onChange(schedule, ["epoch", "class_index"]);
  const resize = new ResizeObserver(schedule);
  resize.observe(el);
  redraw();
  return () => {
    model.off(EVENTS, schedule);
    resize.disconnect();
    if (frame2) cancelAnimationFrame(frame2);
    detachTip();
  };
}
var performance_default = defineView("performance", draw);
export {
  performance_default as default
};
