/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

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
function formatNumber(v, digits = 3) {
  if (Number.isNaN(v)) return "–";
  if (v === Infinity) return "∞";
  if (v === -Infinity) return "−∞";
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}

// js/lib/heatmap.js
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
function colorBar(lut, width, height) {
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

// js/lib/charts.js
var RUN_COLORS = Object.freeze(["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#666666", "#e6ab02"]);
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

// js/lib/info_plane.js
var MARGIN = { left: 46, right: 14, top: 14, bottom: 38 };
function epochColor(i, n) {
  return rgb(viridis(n > 1 ? i / (n - 1) : 1));
}
function at(arr, l, e, b) {
  const [, E, B] = arr.shape;
  return arr.data[(l * E + e) * B + b];
}
function epochPosition(epochs, epoch) {
  let best = 0;
  epochs.forEach((x, i) => {
    if (x <= epoch) best = i;
  });
  return best;
}
function pointTip(info, arrays, l, e) {
  const { xt, ty, nul } = arrays;
  const bounds = info.bounds;
  const lines = [`${info.layers[l]} · epoch ${info.epochs[e]}`];
  bounds.forEach((name, b) => {
    const tag = bounds.length > 1 ? ` (${name.replace("kde_", "")})` : "";
    lines.push(`I(X;T)${tag} = ${formatNumber(at(xt, l, e, b))} bits, I(T;Y)${tag} = ${formatNumber(at(ty, l, e, b))} bits`);
  });
  const q = at(nul, l, e, bounds.length - 1);
  if (Number.isFinite(q)) lines.push(`shuffled labels, 95%: I(T;Y) ≤ ${formatNumber(q)} bits`);
  if (arrays.sat.data.length && bounds.some((_, b) => at(arrays.sat, l, e, b))) lines.push("saturated (see the notes)");
  lines.push("click: select this layer");
  return lines.join("\n");
}
function epochLegend(epochs, width) {
  const n = epochs.length;
  const items = [];
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((width - 60) / 34))));
  for (let i = 0; i < n; i += every) {
    items.push(h("span", { class: "ci-legend-item" }, h("i", { style: { background: epochColor(i, n) } }), String(epochs[i])));
  }
  if ((n - 1) % every) items.push(h("span", { class: "ci-legend-item" }, h("i", { style: { background: epochColor(n - 1, n) } }), String(epochs[n - 1])));
  return h("div", { class: "ci-legend", "data-role": "epoch-legend", style: { marginLeft: `${MARGIN.left}px` } }, h("span", { class: "ci-legend-title" }, "epoch"), ...items);
}
function guides(node, plot, xs, ys, info) {
  const g = svg("g", { class: "ci-guides" });
  g.append(svg("line", { x1: plot.x0, x2: plot.x1, y1: ys(info.h_y), y2: ys(info.h_y) }));
  g.append(svg("text", { x: plot.x0 + 4, y: ys(info.h_y) - 4 }, `H(Y) = ${formatNumber(info.h_y)}`));
  g.append(svg("line", { x1: xs(info.log2_n), x2: xs(info.log2_n), y1: plot.y0, y2: plot.y1 }));
  g.append(svg("text", { x: xs(info.log2_n) - 4, y: plot.y0 - 6, "text-anchor": "end" }, `log2 N = ${formatNumber(info.log2_n)}`));
  node.append(g);
}
function axes(node, plot, xs, ys, xMax, yMax) {
  const g = svg("g", { class: "cs-axes" });
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x1, y2: plot.y0 }));
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x0, y2: plot.y1 }));
  for (const t of niceTicks(0, xMax, 6)) {
    g.append(svg("line", { x1: xs(t), y1: plot.y0, x2: xs(t), y2: plot.y0 + 4 }));
    g.append(svg("text", { class: "cs-tick", x: xs(t), y: plot.y0 + 15, "text-anchor": "middle" }, formatNumber(t)));
  }
  for (const t of niceTicks(0, yMax, 5)) {
    g.append(svg("line", { class: "cs-grid", x1: plot.x0, y1: ys(t), x2: plot.x1, y2: ys(t) }));
    g.append(svg("text", { class: "cs-tick", x: plot.x0 - 5, y: ys(t) + 3.5, "text-anchor": "end" }, formatNumber(t)));
  }
  node.append(g);
}
function nullBand(node, plot, ys, arrays, info, focus, e) {
  const B = info.bounds.length;
  let q = NaN;
  let who = "";
  if (focus >= 0) {
    q = at(arrays.nul, focus, e, B - 1);
    who = info.layers[focus];
  } else {
    for (let l = 0; l < info.layers.length; l++) {
      const v = at(arrays.nul, l, e, B - 1);
      if (Number.isFinite(v) && !(v <= q)) q = v;
    }
    who = "largest over layers";
  }
  if (!Number.isFinite(q)) return;
  const y = ys(Math.max(0, q));
  node.append(svg("rect", {
    class: "ci-null",
    "data-role": "null-band",
    "data-value": q,
    x: plot.x0,
    y,
    width: plot.x1 - plot.x0,
    height: Math.max(0, plot.y0 - y),
    "data-tip": `Shuffled labels (${info.n_permutations} permutations): 95% of the I(T;Y) estimates lie below ${formatNumber(q)} bits (${who}, epoch ${info.epochs[e]}). Values in this band are not distinguishable from chance.`
  }));
  node.append(svg("text", { class: "ci-null-label", x: plot.x0 + 4, y: Math.min(plot.y0 - 4, y + 12) }, `shuffled labels, 95% (${who})`));
}
function trajectory(l, arrays, info, scales, state) {
  const { xs, ys } = scales;
  const E = info.epochs.length;
  const B = info.bounds.length;
  const picked = state.selected.includes(info.layers[l]);
  const g = svg("g", { class: `ci-traj${picked ? " ci-picked" : ""}`, "data-layer": info.layers[l], "data-role": "trajectory", onclick: () => state.onPick(info.layers[l]) });
  const pts = (b) => Array.from({ length: E }, (_, e) => [at(arrays.xt, l, e, b), at(arrays.ty, l, e, b)]).filter(([a, c]) => Number.isFinite(a) && Number.isFinite(c));
  const path = (list) => list.map(([a, c]) => `${xs(a).toFixed(1)},${ys(c).toFixed(1)}`).join(" ");
  const main = pts(B - 1);
  if (B === 2) {
    const lower = pts(0);
    g.append(svg("polygon", { class: "ci-band", "data-role": "band", points: `${path(main)} ${path([...lower].reverse())}` }));
    g.append(svg("polyline", { class: "ci-lower", points: path(lower) }));
  }
  g.append(svg("polyline", { class: "ci-line", points: path(main) }));
  g.append(svg("polyline", { class: "ci-hit", points: path(main) }));
  for (let b = 0; b < B; b++) {
    for (let e = 0; e < E; e++) {
      const x = at(arrays.xt, l, e, b);
      const y = at(arrays.ty, l, e, b);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const color = epochColor(e, E);
      const hollow = arrays.sat.data.length && at(arrays.sat, l, e, b);
      const r = b === B - 1 ? 4 : 2.6;
      if (e === state.epoch && b === B - 1) g.append(svg("circle", { class: "ci-ring", "data-role": "epoch-ring", cx: xs(x), cy: ys(y), r: r + 3.5 }));
      g.append(svg("circle", { class: "ci-point", cx: xs(x), cy: ys(y), r, fill: hollow ? "var(--cs-bg)" : color, stroke: color, "data-epoch": info.epochs[e], "data-tip": pointTip(info, arrays, l, e) }));
    }
  }
  if (main.length) {
    const [x, y] = main[main.length - 1];
    state.labels.push({ name: info.layers[l], x: xs(x), y: ys(y) });
  }
  return g;
}
function placeLabels(labels, { line = 12, charWidth = 6.2 } = {}) {
  const placed = [];
  for (const lab of [...labels].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const width = lab.name.length * charWidth;
    let y = lab.y + 4;
    const clash = (p) => Math.abs(p.y - y) < line && lab.x + 7 < p.x + 7 + p.width && p.x + 7 < lab.x + 7 + width;
    while (placed.some(clash)) y += line;
    placed.push({ ...lab, y0: lab.y, y, width, moved: Math.abs(y - lab.y - 4) > 0.5 });
  }
  return placed;
}
function drawLabels(labels, state) {
  const g = svg("g", { class: "ci-labels" });
  for (const p of placeLabels(labels)) {
    const picked = state.selected.includes(p.name);
    if (p.moved) g.append(svg("line", { class: "ci-leader", x1: p.x + 2, y1: p.y0, x2: p.x + 6, y2: p.y - 4 }));
    g.append(svg("text", { class: `ci-layer-label${picked ? " ci-picked" : ""}`, "data-layer": p.name, x: p.x + 7, y: p.y, "data-tip": `${p.name}: click to select`, onclick: () => state.onPick(p.name) }, p.name));
  }
  return g;
}
function infoPlane({ xt, ty, nul, sat, info, width, height, selected, epoch, onPick }) {
  const box = h("div", { class: "ci-plane-box" });
  const node = svg("svg", { class: "cs-chart ci-plane", width, height, viewBox: `0 0 ${width} ${height}`, "data-role": "plane", "data-estimator": info.estimator });
  const plot = { x0: MARGIN.left, x1: width - MARGIN.right, y0: height - MARGIN.bottom, y1: MARGIN.top };
  const xMax = info.log2_n * 1.04;
  const yMax = info.h_y * 1.08;
  const xs = linearScale([0, xMax], [plot.x0, plot.x1]);
  const ys = linearScale([0, yMax], [plot.y0, plot.y1]);
  node.append(svg("text", { class: "cs-axis-title", x: (plot.x0 + plot.x1) / 2, y: height - 4, "text-anchor": "middle" }, "I(X;T), bits"));
  const cy = (plot.y0 + plot.y1) / 2;
  node.append(svg("text", { class: "cs-axis-title", x: 11, y: cy, "text-anchor": "middle", transform: `rotate(-90 11 ${cy})` }, "I(T;Y), bits"));
  const e = epochPosition(info.epochs, epoch);
  const arrays = { xt, ty, nul, sat };
  const focus = info.layers.indexOf(selected[0]);
  nullBand(node, plot, ys, arrays, info, focus, e);
  axes(node, plot, xs, ys, xMax, yMax);
  guides(node, plot, xs, ys, info);
  const state = { selected, epoch: e, onPick, labels: [] };
  const order = info.layers.map((_, l) => l).sort((a, b) => selected.includes(info.layers[a]) - selected.includes(info.layers[b]));
  for (const l of order) node.append(trajectory(l, arrays, info, { xs, ys }, state));
  node.append(drawLabels(state.labels, state));
  box.append(node, epochLegend(info.epochs, width));
  const untip = attachTooltip(box);
  return { el: box, dispose: untip };
}

// js/lib/info_boxes.js
var MARGIN2 = { left: 46, right: 10, top: 22, bottom: 38 };
function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}
function boxStats(values) {
  const v = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  const q1 = quantile(v, 0.25);
  const q3 = quantile(v, 0.75);
  const reach = 1.5 * (q3 - q1);
  const inside = v.filter((x) => x >= q1 - reach && x <= q3 + reach);
  return {
    n: v.length,
    min: v[0],
    max: v[v.length - 1],
    q1,
    median: quantile(v, 0.5),
    q3,
    lo: inside[0],
    hi: inside[inside.length - 1],
    outliers: v.filter((x) => x < q1 - reach || x > q3 + reach)
  };
}
function boxTip(s, epoch, nul) {
  const lines = [
    `epoch ${epoch} · ${s.n} channel${s.n === 1 ? "" : "s"}`,
    `median ${formatNumber(s.median)} bits`,
    `quartiles ${formatNumber(s.q1)} – ${formatNumber(s.q3)}`,
    `range ${formatNumber(s.min)} – ${formatNumber(s.max)}`
  ];
  if (Number.isFinite(nul)) lines.push(`shuffled labels 95% (mean over channels): ${formatNumber(nul)}`);
  lines.push("click: select this epoch");
  return lines.join("\n");
}
function boxPlot({ values, epochs, nChannels, nullLevel, yMax, width, height, epoch, onPick, title }) {
  const node = svg("svg", { class: "cs-chart ci-boxes", width, height, viewBox: `0 0 ${width} ${height}`, "data-role": "boxes" });
  node.append(svg("text", { class: "cs-chart-title", x: MARGIN2.left, y: 13 }, title));
  const plot = { x0: MARGIN2.left, x1: width - MARGIN2.right, y0: height - MARGIN2.bottom, y1: MARGIN2.top };
  const E = epochs.length;
  const stats = epochs.map((_, e) => boxStats(values.subarray(e * nChannels, (e + 1) * nChannels)));
  const lo = Math.min(0, ...stats.map((s) => s.min).filter(Number.isFinite));
  const top = Math.max(yMax, ...stats.map((s) => s.max).filter(Number.isFinite)) * 1.04;
  const ys = linearScale([lo, top], [plot.y0, plot.y1]);
  const band = (plot.x1 - plot.x0) / Math.max(1, E);
  const xc = (e) => plot.x0 + (e + 0.5) * band;
  const g = svg("g", { class: "cs-axes" });
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x1, y2: plot.y0 }));
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x0, y2: plot.y1 }));
  for (const t of niceTicks(lo, top, 5)) {
    g.append(svg("line", { class: "cs-grid", x1: plot.x0, y1: ys(t), x2: plot.x1, y2: ys(t) }));
    g.append(svg("text", { class: "cs-tick", x: plot.x0 - 5, y: ys(t) + 3.5, "text-anchor": "end" }, formatNumber(t)));
  }
  const every = Math.max(1, Math.ceil(26 / band));
  epochs.forEach((ep, e) => {
    if (e % every === 0 || e === E - 1) g.append(svg("text", { class: "cs-tick", x: xc(e), y: plot.y0 + 14, "text-anchor": "middle" }, String(ep)));
  });
  node.append(g);
  node.append(svg("text", { class: "cs-axis-title", x: (plot.x0 + plot.x1) / 2, y: height - 4, "text-anchor": "middle" }, "epoch"));
  const cy = (plot.y0 + plot.y1) / 2;
  node.append(svg("text", { class: "cs-axis-title", x: 11, y: cy, "text-anchor": "middle", transform: `rotate(-90 11 ${cy})` }, "I(T_c;Y), bits"));
  node.append(svg("line", { class: "ci-limit", x1: plot.x0, x2: plot.x1, y1: ys(yMax), y2: ys(yMax) }));
  node.append(svg("text", { class: "ci-limit-label", x: plot.x1 - 2, y: ys(yMax) - 3, "text-anchor": "end" }, `H(Y) = ${formatNumber(yMax)}`));
  const nulPts = epochs.map((_, e) => [xc(e), nullLevel?.[e]]).filter(([, v]) => Number.isFinite(v));
  if (nulPts.length) {
    node.append(svg(nulPts.length > 1 ? "polyline" : "line", nulPts.length > 1 ? { class: "ci-null-line", "data-role": "null-line", points: nulPts.map(([x, v]) => `${x.toFixed(1)},${ys(v).toFixed(1)}`).join(" ") } : { class: "ci-null-line", "data-role": "null-line", x1: nulPts[0][0] - band / 2, x2: nulPts[0][0] + band / 2, y1: ys(nulPts[0][1]), y2: ys(nulPts[0][1]) }));
  }
  const current = epochPosition(epochs, epoch);
  const w = Math.min(34, band * 0.56);
  stats.forEach((s, e) => {
    if (!s.n) return;
    const x = xc(e);
    const color = epochColor(e, E);
    const bx = svg("g", { class: `ci-box${e === current ? " ci-current" : ""}`, "data-epoch": epochs[e], "data-tip": boxTip(s, epochs[e], nullLevel?.[e]), onclick: () => onPick(epochs[e]) });
    bx.append(svg("rect", { class: "ci-box-hit", x: x - band / 2, y: plot.y1, width: band, height: plot.y0 - plot.y1 }));
    bx.append(svg("line", { class: "ci-whisker", x1: x, x2: x, y1: ys(s.lo), y2: ys(s.hi) }));
    for (const v of [s.lo, s.hi]) bx.append(svg("line", { class: "ci-whisker", x1: x - w / 4, x2: x + w / 4, y1: ys(v), y2: ys(v) }));
    bx.append(svg("rect", { class: "ci-box-body", x: x - w / 2, y: ys(s.q3), width: w, height: Math.max(1.5, ys(s.q1) - ys(s.q3)), fill: color }));
    bx.append(svg("line", { class: "ci-median", x1: x - w / 2, x2: x + w / 2, y1: ys(s.median), y2: ys(s.median) }));
    for (const v of s.outliers) bx.append(svg("circle", { class: "ci-outlier", cx: x, cy: ys(v), r: 2.2 }));
    node.append(bx);
  });
  const legend = h(
    "div",
    { class: "ci-box-legend", style: { marginLeft: `${MARGIN2.left}px` } },
    h("span", null, h("i", { class: "ci-key-null" }), "shuffled labels, 95% (mean over channels)"),
    h("span", null, "box: quartiles and median over channels; whiskers 1.5 IQR")
  );
  return h("div", { class: "ci-boxes-box" }, node, legend);
}

// js/lib/info_heatmap.js
var MARGIN3 = { top: 12, right: 8, bottom: 30 };
function classHeatmap({ lut, title, legendTitle, describe, onPick, role, onHover = () => {
}, onLeave = () => {
} }) {
  const canvas = h("canvas", { "data-role": `${role}-canvas` });
  const axisLayer = svg("g");
  const marksLayer = svg("g");
  const overlay = svg("svg", { class: "ci-hm-overlay" }, axisLayer, marksLayer);
  const tip = h("div", { class: "cs-tip", hidden: true, "data-role": "tooltip" });
  const plot = h("div", { class: "ci-hm-plot", "data-role": role }, canvas, overlay, tip);
  const legendBox = h("div", { class: "ci-hm-legend" });
  const head = h("div", { class: "ci-hm-title" }, title);
  const el = h("div", { class: "ci-hm" }, head, h("div", { class: "ci-hm-row" }, plot, legendBox));
  let m = null;
  const cellAt = (event) => {
    if (!m) return null;
    const rect = canvas.getBoundingClientRect();
    const col = Math.floor((event.clientX - rect.left) / m.cw);
    const row = Math.floor((event.clientY - rect.top) / m.ch);
    if (row < 0 || col < 0 || row >= m.rows || col >= m.cols) return null;
    return { row, col, value: m.data[row * m.cols + col] };
  };
  const band = (cell) => {
    const style = { class: "ci-hm-band" };
    marksLayer.replaceChildren(
      svg("rect", { ...style, x: m.left, y: MARGIN3.top + cell.row * m.ch, width: m.cols * m.cw, height: m.ch }),
      svg("rect", { ...style, x: m.left + cell.col * m.cw, y: MARGIN3.top, width: m.cw, height: m.rows * m.ch })
    );
  };
  let hovered = null;
  const leave = () => {
    tip.hidden = true;
    marksLayer.replaceChildren();
    if (hovered) {
      hovered = null;
      onLeave();
    }
  };
  const move = (event) => {
    const cell = cellAt(event);
    if (!cell) return leave();
    tip.textContent = describe(cell);
    tip.hidden = false;
    const rect = plot.getBoundingClientRect();
    tip.style.left = `${Math.max(0, Math.min(event.clientX - rect.left + 14, rect.width - 190))}px`;
    tip.style.top = `${event.clientY - rect.top + 14}px`;
    band(cell);
    if (!hovered || hovered.row !== cell.row || hovered.col !== cell.col) {
      hovered = cell;
      onHover(cell);
    }
  };
  const click = (event) => {
    const cell = cellAt(event);
    if (cell) onPick(cell.col);
  };
  canvas.addEventListener("pointermove", move);
  canvas.addEventListener("pointerleave", leave);
  canvas.addEventListener("click", click);
  return {
    el,
    setTitle(text) {
      head.textContent = text;
    },
    /** Paint; returns the paint time in ms. */
    render({ data, rows, cols, vmin, vmax, rowLabels, marks = [], rowMarks = [], legendTop, legendBottom, maxWidth = 560 }) {
      const left = Math.max(30, 10 + 6.2 * Math.max(0, ...rowLabels.map((t) => String(t).length)));
      const cw = Math.max(2, Math.min(28, (maxWidth - left - MARGIN3.right) / Math.max(1, cols)));
      const ch = Math.max(10, Math.min(22, 220 / Math.max(1, rows)));
      m = { data, rows, cols, cw, ch, left };
      const W = cols * cw;
      const H = rows * ch;
      const ms = paintMatrix(canvas, {
        data,
        rows,
        cols,
        vmin,
        vmax,
        lut,
        rowOrder: Array.from({ length: rows }, (_, i) => i),
        colOrder: Array.from({ length: cols }, (_, j) => j)
      }, W, H);
      Object.assign(canvas.style, { left: `${left}px`, top: `${MARGIN3.top}px` });
      const width = left + W + MARGIN3.right;
      const height = MARGIN3.top + H + MARGIN3.bottom;
      Object.assign(plot.style, { width: `${width}px`, height: `${height}px` });
      overlay.setAttribute("width", width);
      overlay.setAttribute("height", height);
      const g = svg("g", { class: "cs-axis" });
      for (let j = 0; j < cols; j += tickStep(cols, cw, 22)) {
        g.append(svg("text", { x: left + (j + 0.5) * cw, y: MARGIN3.top + H + 11, "text-anchor": "middle" }, String(j)));
      }
      for (let i = 0; i < rows; i += tickStep(rows, ch, 11)) {
        g.append(svg("text", { x: left - 4, y: MARGIN3.top + (i + 0.5) * ch + 3.5, "text-anchor": "end" }, rowLabels[i] ?? String(i)));
      }
      g.append(svg("text", { class: "cs-axis-title", x: left, y: MARGIN3.top + H + 25 }, `channel (${cols})`));
      g.append(svg("text", { class: "cs-axis-title", x: left - 4, y: MARGIN3.top - 2, "text-anchor": "end" }, "class"));
      for (const c of marks) {
        if (c >= 0 && c < cols) g.append(svg("path", { class: "ci-hm-mark", "data-role": "channel-mark", d: `M${left + (c + 0.5) * cw},${MARGIN3.top - 1} l-4,-7 h8 z` }));
      }
      for (const r of rowMarks) {
        if (r >= 0 && r < rows) g.append(svg("rect", { class: "ci-hm-row-mark", "data-role": "class-mark", x: left - 1, y: MARGIN3.top + r * ch - 1, width: W + 2, height: ch + 2 }));
      }
      axisLayer.replaceChildren(g);
      marksLayer.replaceChildren();
      legendBox.replaceChildren(
        h("div", { class: "cs-legend-title" }, legendTitle),
        h(
          "div",
          { class: "ci-hm-legend-body" },
          colorBar(lut, 12, Math.max(H, 90)),
          h("div", { class: "ci-hm-legend-scale", style: { height: `${Math.max(H, 90)}px` } }, h("span", null, legendTop ?? formatNumber(vmax)), h("span", null, legendBottom ?? formatNumber(vmin)))
        )
      );
      plot.dataset.rows = String(rows);
      plot.dataset.cols = String(cols);
      return ms;
    },
    dispose() {
      canvas.removeEventListener("pointermove", move);
      canvas.removeEventListener("pointerleave", leave);
      canvas.removeEventListener("click", click);
    }
  };
}

// js/lib/redraw_clock.js
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

// js/lib/slider.js
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

// js/views/information.js
var MI_LUT = colorTable(viridis);
var RANK_LUT = colorTable(blues, { reverse: true });
var ESTIMATORS = [
  ["kde", "KDE band", "KDE: the band runs from the lower (Bhattacharyya) to the upper (KL) pairwise bound"],
  ["kde_upper", "KDE upper", "KDE upper bound (KL kernel, exp(-d²/2σ²))"],
  ["kde_lower", "KDE lower", "KDE lower bound (Bhattacharyya kernel, exp(-d²/8σ²))"],
  ["binning", "binning", "Binning: 30 equal bins over the layer's range, each sample's binned vector is one state"]
];
function estimatorControl(model) {
  const buttons = ESTIMATORS.map(([key, text, title]) => h("button", {
    type: "button",
    "data-estimator": key,
    "aria-pressed": "false",
    title,
    onclick: () => {
      model.set("estimator", key);
      model.save_changes();
    }
  }, text));
  const show = () => buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.estimator === model.get("estimator"))));
  show();
  const el = h("span", { class: "cs-seg", "data-role": "estimator" }, h("span", { class: "cs-slider-label" }, "estimator"), h("span", { class: "cs-seg-buttons" }, ...buttons));
  return { el, show };
}
function notesOf(lines, caption) {
  return [h("div", null, caption), ...(lines || []).map((t) => h("div", { "data-role": "note" }, t))];
}
function informationView({ model, el, root, selection }) {
  root.classList.add("ci-info");
  const clock = redrawClock(root);
  const requestEpoch = (epoch) => {
    if (epoch === selection.get("epoch")) return;
    clock.request(epoch);
    selection.update({ epoch });
  };
  const estimator = estimatorControl(model);
  const slider = epochSlider({ onInput: () => {
  }, onCommit: requestEpoch });
  const sub = h("span", { class: "cs-sub", "data-role": "subtitle" });
  const planeBox = h("div", { "data-role": "plane-box" });
  const planeNotes = h("div", { class: "cs-notes", "data-role": "plane-notes", style: { maxWidth: "480px" } });
  const layerTitle = h("div", { class: "ci-sub-title", "data-role": "layer-title" });
  const boxesBox = h("div", { "data-role": "boxes-box" });
  const panelMessage = h("div", { class: "ci-panel-message", "data-role": "panel-message", hidden: true });
  const onPickChannel = (channel) => model.send({ event: "pick_channel", channel });
  const info = () => model.get("layer_info") || {};
  const hoverCell = (c) => selection.hover({ kind: "channel", layer: info().layer, channel: c.col, source: "information" });
  const unhover = () => {
    if (selection.get("hovered")?.source === "information") selection.hover({});
  };
  const classes = () => info().classes || [];
  const miMap = classHeatmap({
    lut: MI_LUT,
    title: "",
    legendTitle: "bits",
    role: "mi-heatmap",
    onPick: onPickChannel,
    onHover: hoverCell,
    onLeave: unhover,
    describe: (c) => {
      const payload = model.get("class_p");
      const p = payload ? decode(payload) : null;
      const pv = p ? p.data[c.row * p.shape[1] + c.col] : NaN;
      return `class ${classes()[c.row] ?? c.row} vs rest · channel ${c.col}
I(T_c; 1[Y=k]) = ${formatNumber(c.value)} bits${Number.isFinite(pv) ? `
permutation p = ${formatNumber(pv)}` : ""}`;
    }
  });
  const rankMap = classHeatmap({
    lut: RANK_LUT,
    title: "",
    legendTitle: "rank",
    role: "rank-heatmap",
    onPick: onPickChannel,
    onHover: hoverCell,
    onLeave: unhover,
    describe: (c) => `class ${classes()[c.row] ?? c.row} · channel ${c.col}
rank ${c.value} of ${info().n_channels} (1 = most informative)`
  });
  const mapsNotes = h("div", { class: "cs-notes", "data-role": "layer-notes", style: { maxWidth: "900px" } });
  const maps = h("div", { class: "ci-maps" }, miMap.el, rankMap.el);
  const layerBody = h("div", { class: "ci-layer-body" }, boxesBox, maps, mapsNotes);
  const busy = h("div", { class: "cs-busy", hidden: true, "data-role": "busy" });
  el.append(
    h("div", { class: "cs-head" }, h("span", null, h("span", { class: "cs-title" }, "Information plane"), sub), estimator.el, slider.el),
    h(
      "div",
      { class: "ci-main" },
      h("div", null, planeBox, planeNotes),
      h("div", { class: "ci-layer" }, layerTitle, panelMessage, layerBody)
    ),
    busy
  );
  let plane = null;
  const drawPlane = () => {
    plane?.dispose();
    plane = null;
    const p = model.get("plane_xt");
    const pi = model.get("plane_info") || {};
    if (!p || !pi.layers) {
      planeBox.replaceChildren();
      return;
    }
    plane = infoPlane({
      xt: decode(p),
      ty: decode(model.get("plane_ty")),
      nul: decode(model.get("plane_null")),
      sat: decode(model.get("plane_saturated")),
      info: pi,
      width: 480,
      height: 360,
      selected: selection.get("layers") || [],
      epoch: selection.get("epoch"),
      onPick: (layer) => model.send({ event: "pick_layer", layer })
    });
    planeBox.replaceChildren(plane.el);
    sub.textContent = ` · ${pi.label} · ${pi.layers.length} layers · ${pi.n_samples} samples · ${pi.n_permutations} label shuffles`;
    const caption = "One trajectory per layer through the recorded epochs (colour = epoch, ring = selected epoch, hollow = saturated). Click a trajectory to select its layer.";
    planeNotes.replaceChildren(...notesOf(pi.notes, caption));
    root.dataset.drawnEstimator = pi.estimator;
  };
  const drawPanels = () => {
    const msg = model.get("panel_message") || "";
    panelMessage.textContent = msg;
    panelMessage.hidden = !msg;
    layerBody.hidden = Boolean(msg);
    const li = info();
    const payload = model.get("channel_mi");
    if (msg || !payload || !li.layer) {
      layerTitle.textContent = msg ? "" : "…";
      return;
    }
    layerTitle.textContent = `${li.layer} · ${li.n_channels} channel${li.n_channels === 1 ? "" : "s"} · ${li.method}`;
    const mi = decode(payload);
    boxesBox.replaceChildren(boxPlot({
      values: mi.data,
      epochs: li.epochs,
      nChannels: mi.shape[1],
      nullLevel: decode(model.get("channel_null")).data,
      yMax: li.h_y,
      width: 470,
      height: 250,
      epoch: selection.get("epoch"),
      onPick: requestEpoch,
      title: `I(T_c;Y) of each channel of ${li.layer} over epochs`
    }));
    const cm = decode(model.get("class_mi"));
    const rk = decode(model.get("class_rank"));
    const [rows, cols] = cm.shape;
    const marks = selection.get("channels") || [];
    const klass = selection.get("class_index");
    const rowMarks = Number.isInteger(klass) ? [klass] : [];
    miMap.setTitle(`One-vs-rest I(T_c; 1[Y=k]) at epoch ${li.epoch}`);
    rankMap.setTitle(`Rank of each channel within its class at epoch ${li.epoch}`);
    const t0 = performance.now();
    miMap.render({ data: cm.data, rows, cols, vmin: 0, vmax: li.vmax, rowLabels: li.classes, marks, rowMarks, maxWidth: 460 });
    rankMap.render({ data: Float32Array.from(rk.data), rows, cols, vmin: 1, vmax: Math.max(2, cols), rowLabels: li.classes, marks, rowMarks, maxWidth: 460, legendTop: cols > 1 ? `${cols} (least)` : "", legendBottom: cols > 1 ? "1 (most)" : "1 (the only channel)" });
    const ms = performance.now() - t0;
    const caption = `Box plots: I(T_c;Y) over the ${li.n_channels} channel${li.n_channels === 1 ? "" : "s"}, 0 to H(Y) = ${formatNumber(li.h_y)} bits; click a box for its epoch. Heatmaps: colour 0 to ${formatNumber(li.vmax)} bits (the largest H(1[Y=k])) and rank 1 (dark) to ${cols}; hover for values, click a column to select the channel.`;
    mapsNotes.replaceChildren(...notesOf(li.notes, caption));
    Object.assign(maps.dataset, { layer: li.layer, epoch: String(li.epoch), rows: String(rows), cols: String(cols) });
    clock.stamp(li.epoch, ms, { drawnLayer: li.layer });
  };
  let scheduled = { plane: false, panels: false };
  const schedule = (what) => {
    if (scheduled[what]) return;
    scheduled[what] = true;
    queueMicrotask(() => {
      scheduled[what] = false;
      (what === "plane" ? drawPlane : drawPanels)();
    });
  };
  const showBusy = () => {
    const text = model.get("status") || "";
    busy.textContent = text;
    busy.hidden = !text;
    root.dataset.busy = String(Boolean(text));
  };
  const syncSlider = () => slider.setEpochs(model.get("epochs") || [], selection.get("epoch"));
  for (const name of ["plane_xt", "plane_ty", "plane_null", "plane_saturated", "plane_info"]) model.on(`change:${name}`, () => schedule("plane"));
  for (const name of ["channel_mi", "channel_null", "class_mi", "class_rank", "layer_info", "panel_message"]) model.on(`change:${name}`, () => schedule("panels"));
  model.on("change:estimator", estimator.show);
  model.on("change:status", showBusy);
  model.on("change:epochs", syncSlider);
  selection.onChange((snap) => {
    slider.setValue(snap.epoch);
    schedule("plane");
  }, ["epoch", "layers"]);
  selection.onChange(() => schedule("panels"), ["channels", "class_index"]);
  syncSlider();
  showBusy();
  drawPlane();
  drawPanels();
  return () => {
    plane?.dispose();
    miMap.dispose();
    rankMap.dispose();
  };
}
var information_default = defineView("information", informationView);
export {
  information_default as default
};
