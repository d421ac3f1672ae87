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
function cellSize(rows, cols, { maxSide = 512, maxCell = 36 } = {}) {
  return {
    cw: Math.min(maxCell, maxSide / Math.max(cols, 1)),
    ch: Math.min(maxCell, maxSide / Math.max(rows, 1))
  };
}

// js/lib/heatplot.js
var MARGIN = { left: 46, top: 10, right: 10, bottom: 44 };
function axes(m) {
  const W = m.cols * m.cw;
  const H = m.rows * m.ch;
  const g = svg("g", { class: "cs-axis" });
  for (let j = 0; j < m.cols; j += tickStep(m.cols, m.cw, 24)) {
    g.append(svg("text", { x: MARGIN.left + (j + 0.5) * m.cw, y: MARGIN.top + H + 12, "text-anchor": "middle" }, String(m.colOrder[j])));
  }
  for (let i = 0; i < m.rows; i += tickStep(m.rows, m.ch, 12)) {
    g.append(svg("text", { x: MARGIN.left - 4, y: MARGIN.top + (i + 0.5) * m.ch + 3.5, "text-anchor": "end" }, String(m.rowOrder[i])));
  }
  const cy = MARGIN.top + H / 2;
  g.append(svg("text", { class: "cs-axis-title", x: MARGIN.left, y: MARGIN.top + H + 30 }, m.xTitle));
  g.append(svg("text", { class: "cs-axis-title", x: 11, y: cy, "text-anchor": "middle", transform: `rotate(-90 11 ${cy})` }, m.yTitle));
  for (const c of m.marks || []) {
    const j = m.colOrder.indexOf(c);
    if (j >= 0) g.append(svg("path", { class: "cs-mark", d: `M${MARGIN.left + (j + 0.5) * m.cw},${MARGIN.top - 1} l-4,-7 h8 z` }));
    const i = m.rowOrder.indexOf(c);
    if (i >= 0) g.append(svg("path", { class: "cs-mark", d: `M${MARGIN.left + W + 1},${MARGIN.top + (i + 0.5) * m.ch} l7,-4 v8 z` }));
  }
  return g;
}
function cellRect(m, i, j, picked) {
  const box = { x: MARGIN.left + j * m.cw, y: MARGIN.top + i * m.ch, width: Math.max(m.cw, 1), height: Math.max(m.ch, 1), fill: "none" };
  const wide = picked ? 4 : 3;
  return svg(
    "g",
    { class: picked ? "cs-picked" : "cs-hover" },
    svg("rect", { ...box, stroke: "#fff", "stroke-width": wide }),
    svg("rect", { ...box, stroke: "#111", "stroke-width": wide / 2.5 })
  );
}
function bands(m, i, j) {
  const style = { class: "cs-band" };
  return [
    svg("rect", { ...style, x: MARGIN.left, y: MARGIN.top + i * m.ch, width: m.cols * m.cw, height: Math.max(m.ch, 1) }),
    svg("rect", { ...style, x: MARGIN.left + j * m.cw, y: MARGIN.top, width: Math.max(m.cw, 1), height: m.rows * m.ch })
  ];
}
function legend(lut, vmax, height) {
  return h(
    "div",
    { class: "cs-legend", "data-role": "legend", title: "Channel capacity in bits: darker = more shared information, brighter = less" },
    h("div", { class: "cs-legend-title" }, "bits"),
    h(
      "div",
      { class: "cs-legend-body" },
      colorBar(lut, 14, height),
      h("div", { class: "cs-legend-scale", style: { height: `${height}px` } }, h("span", null, formatNumber(vmax)), h("span", null, "0"))
    )
  );
}
function heatPlot({ lut, describe, onHover, onLeave, onPick }) {
  const canvas = h("canvas", { "data-role": "heatmap" });
  const axisLayer = svg("g");
  const marksLayer = svg("g");
  const overlay = svg("svg", {}, axisLayer, marksLayer);
  const tip = h("div", { class: "cs-tip", hidden: true, "data-role": "tooltip" });
  const busy = h("div", { class: "cs-busy", hidden: true, "data-role": "busy" });
  const plot = h("div", { class: "cs-plot", "data-role": "plot" }, canvas, overlay, tip, busy);
  const legendBox = h("div");
  const el = h("div", { class: "cs-plot-row" }, plot, legendBox);
  let m = null;
  let hover = null;
  let picked = [];
  const drawMarks = () => {
    const children = [];
    if (m && hover) children.push(...bands(m, hover.i, hover.j), cellRect(m, hover.i, hover.j, false));
    if (m && picked.length === 2) {
      const j = m.colOrder.indexOf(picked[0]);
      const i = m.rowOrder.indexOf(picked[1]);
      if (i >= 0 && j >= 0) children.push(cellRect(m, i, j, true));
    }
    marksLayer.replaceChildren(...children);
  };
  const cellAt = (event) => {
    if (!m) return null;
    const rect = canvas.getBoundingClientRect();
    const j = Math.floor((event.clientX - rect.left) / m.cw);
    const i = Math.floor((event.clientY - rect.top) / m.ch);
    if (i < 0 || j < 0 || i >= m.rows || j >= m.cols) return null;
    const col = m.colOrder[j];
    const row = m.rowOrder[i];
    return { i, j, col, row, value: m.data[row * m.cols + col] };
  };
  const leave = () => {
    tip.hidden = true;
    if (!hover) return;
    hover = null;
    drawMarks();
    onLeave();
  };
  const move = (event) => {
    const cell = cellAt(event);
    if (!cell) return leave();
    tip.replaceChildren(...describe(cell));
    tip.hidden = false;
    const rect = plot.getBoundingClientRect();
    tip.style.left = `${Math.min(event.clientX - rect.left + 14, rect.width - 150)}px`;
    tip.style.top = `${event.clientY - rect.top + 14}px`;
    if (hover && hover.i === cell.i && hover.j === cell.j) return;
    hover = cell;
    drawMarks();
    onHover(cell);
  };
  const click = (event) => {
    const cell = cellAt(event);
    if (cell) onPick(cell);
  };
  canvas.addEventListener("pointermove", move);
  canvas.addEventListener("pointerleave", leave);
  canvas.addEventListener("click", click);
  return {
    el,
    plot,
    /** Paint m; returns the paint time in ms. */
    render(next) {
      const { cw, ch } = cellSize(next.rows, next.cols);
      m = { ...next, cw, ch };
      const W = m.cols * cw;
      const H = m.rows * ch;
      const ms = paintMatrix(canvas, { ...m, lut }, W, H);
      Object.assign(canvas.style, { left: `${MARGIN.left}px`, top: `${MARGIN.top}px` });
      const width = MARGIN.left + Math.max(W, 230) + MARGIN.right;
      const height = MARGIN.top + H + MARGIN.bottom;
      Object.assign(plot.style, { width: `${width}px`, height: `${height}px` });
      overlay.setAttribute("width", width);
      overlay.setAttribute("height", height);
      axisLayer.replaceChildren(axes(m));
      if (hover && (hover.i >= m.rows || hover.j >= m.cols)) hover = null;
      drawMarks();
      legendBox.replaceChildren(legend(lut, m.vmax, Math.max(H, 120)));
      return ms;
    },
    get width() {
      return m ? MARGIN.left + Math.max(m.cols * m.cw, 230) + MARGIN.right + 60 : 0;
    },
    setPicked(next) {
      picked = next || [];
      drawMarks();
    },
    setBusy(text) {
      busy.textContent = text;
      busy.hidden = !text;
    },
    dispose() {
      canvas.removeEventListener("pointermove", move);
      canvas.removeEventListener("pointerleave", leave);
      canvas.removeEventListener("click", click);
    }
  };
}

// js/lib/images.js
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

// js/views/layer.js
var LUT = colorTable(viridis, { reverse: true });
var SORTS = [["max", "max"], ["mean", "mean"], ["none", "channel"]];
function sortControl(model) {
  const buttons = SORTS.map(([by, text]) => h("button", {
    type: "button",
    "data-sort": by,
    "aria-pressed": "false",
    title: by === "none" ? "Rows and columns in channel order" : `Sort rows and columns by their ${by} capacity, largest first`,
    onclick: () => {
      model.set("sort_by", by);
      model.save_changes();
    }
  }, text));
  const show = () => buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.sort === model.get("sort_by"))));
  show();
  const el = h("span", { class: "cs-seg" }, h("span", { class: "cs-slider-label" }, "sort"), h("span", { class: "cs-seg-buttons" }, ...buttons));
  return { el, show };
}
function featurePanel(model) {
  const info = model.get("picked_info") || {};
  if (!info.source) {
    return [h("div", { class: "cs-hint" }, "Click a cell to see the feature maps of its source and target channels for a few probe images.")];
  }
  const classes = model.get("classes") || [];
  const labels = maybeDecode(model.get("probe_labels"));
  const captions = labels ? Array.from(labels.data, (k) => classes[k] ?? String(k)) : null;
  const range = (r) => `grey scale ${formatNumber(r[0])} (black) to ${formatNumber(r[1])} (white)`;
  const rows = [
    imageRow("probe images", maybeDecode(model.get("probe_images")), { role: "input", captions }),
    imageRow(`${info.source} ch ${info.source_channel}`, maybeDecode(model.get("source_maps")), { role: "source", title: range(info.source_range) }),
    imageRow(`${info.target} ch ${info.target_channel}`, maybeDecode(model.get("target_maps")), { role: "target", title: range(info.target_range) })
  ];
  if (info.deconv) {
    rows.push(imageRow(`deconvnet ${info.source} ch ${info.source_channel}`, maybeDecode(model.get("source_deconv")), { role: "source-deconv" }));
    rows.push(imageRow(`deconvnet ${info.target} ch ${info.target_channel}`, maybeDecode(model.get("target_deconv")), { role: "target-deconv" }));
  }
  const deconvNote = info.deconv ? "Deconvnet: projections to input space, mid grey = 0." : "";
  return [
    h(
      "div",
      { class: "cs-panel-head" },
      h("span", { class: "cs-title" }, `${info.source} ch ${info.source_channel} → ${info.target} ch ${info.target_channel}`),
      h("span", { class: "cs-sub" }, ` · ${formatNumber(info.value)} bits at epoch ${info.epoch}`)
    ),
    ...rows,
    h("div", { class: "cs-notes" }, `Feature maps: one grey scale per row (black = its minimum). ${deconvNote} ${info.note || ""}`.trim())
  ];
}
function cellTip(info) {
  return (cell) => [
    h("span", { class: "cs-swatch", style: { background: rgb(colorOf(LUT, cell.value, info().vmin ?? 0, info().vmax ?? 1)) } }),
    `${formatNumber(cell.value)} bits
source ${info().source} ch ${cell.col}
target ${info().target} ch ${cell.row}`
  ];
}
function heatmapDrawer({ model, selection, plot, title, sub, notes, clock }) {
  return () => {
    const payload = model.get("capacity");
    if (!payload) return;
    const m = model.get("info") || {};
    const cap = decode(payload);
    const [rows, cols] = cap.shape;
    const order = m.sort_by === "none" ? "channel order" : `sorted by ${m.sort_by}`;
    const ms = plot.render({
      data: cap.data,
      rows,
      cols,
      vmin: m.vmin ?? 0,
      vmax: m.vmax ?? 1,
      rowOrder: Array.from(decode(model.get("row_order")).data),
      colOrder: Array.from(decode(model.get("column_order")).data),
      xTitle: `source ${m.source} · ${cols} channel${cols === 1 ? "" : "s"} (${order})`,
      yTitle: `target ${m.target} · ${rows}`,
      marks: selection.get("channels") || []
    });
    title.textContent = `Channel capacity: ${m.source} → ${m.target}`;
    sub.textContent = ` · epoch ${m.epoch} · ${m.n_samples} samples (${m.sample_group}) · ${m.bins} bins`;
    const caption = `Colour: channel capacity from 0 bits (bright) to ${formatNumber(m.vmax ?? 0)} bits (dark); brighter = less shared information. Hover for values, click a cell for feature maps.`;
    notes.replaceChildren(h("div", null, caption), ...(m.notes || []).map((t) => h("div", { "data-role": "note" }, t)));
    notes.style.maxWidth = `${plot.width}px`;
    Object.assign(plot.plot.dataset, { source: m.source, target: m.target, rows, cols, epoch: m.epoch, sorted: m.sort_by });
    clock.stamp(m.epoch, ms);
  };
}
function layerView({ model, el, root, selection }) {
  root.classList.add("cs-layer");
  const info = () => model.get("info") || {};
  const clock = redrawClock(root);
  const requestEpoch = (epoch, commit) => {
    if (epoch === selection.get("epoch") || !(commit || (info().cached || []).includes(epoch))) return;
    clock.request(epoch);
    selection.update({ epoch });
  };
  const title = h("span", { class: "cs-title", "data-role": "title" });
  const sub = h("span", { class: "cs-sub", "data-role": "subtitle" });
  const sort = sortControl(model);
  const slider = epochSlider({ onInput: (e) => requestEpoch(e, false), onCommit: (e) => requestEpoch(e, true) });
  const plot = heatPlot({
    lut: LUT,
    describe: cellTip(info),
    onHover: (c) => selection.hover({ kind: "cell", layer: info().source, channel: c.col, to_layer: info().target, to_channel: c.row, source: "layer" }),
    onLeave: () => {
      if (selection.get("hovered")?.source === "layer") selection.hover({});
    },
    onPick: (c) => {
      model.set("picked", [c.col, c.row]);
      model.save_changes();
      plot.setPicked([c.col, c.row]);
    }
  });
  const notes = h("div", { class: "cs-notes", "data-role": "notes" });
  const panel = h("div", { class: "cs-panel", "data-role": "maps" });
  el.append(
    h("div", { class: "cs-head" }, h("span", null, title, sub), sort.el, slider.el),
    h("div", { class: "cs-main" }, h("div", null, plot.el, notes), panel)
  );
  const draw = heatmapDrawer({ model, selection, plot, title, sub, notes, clock });
  let scheduled = false;
  const scheduleDraw = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      draw();
    });
  };
  const drawPanel = () => {
    panel.replaceChildren(...featurePanel(model));
    panel.dataset.picked = (model.get("picked") || []).join(",");
  };
  const showBusy = () => {
    plot.setBusy(model.get("status") || "");
    root.dataset.busy = String(Boolean(model.get("status")));
  };
  const syncSlider = () => slider.setEpochs(model.get("epochs") || [], selection.get("epoch"));
  for (const name of ["capacity", "row_order", "column_order", "info"]) model.on(`change:${name}`, scheduleDraw);
  model.on("change:sort_by", sort.show);
  model.on("change:status", showBusy);
  model.on("change:epochs", syncSlider);
  model.on("change:picked", () => plot.setPicked(model.get("picked")));
  model.on("change:picked_info", drawPanel);
  selection.onChange((snap) => slider.setValue(snap.epoch), ["epoch"]);
  selection.onChange(scheduleDraw, ["channels"]);
  syncSlider();
  showBusy();
  draw();
  plot.setPicked(model.get("picked"));
  drawPanel();
  return () => plot.dispose();
}
var layer_default = defineView("layer", layerView);
export {
  layer_default as default
};
