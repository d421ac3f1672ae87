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

// js/lib/slicer_cube.js
var FRONT_W = 300;
var FRONT_H = 170;
var DEPTH_X = 120;
var DEPTH_Y = 78;
var LEFT = 70;
var TOP = 14;
var GAP = 0.12;
function geometry(nLayers, nEpochs, channelMax) {
  const x0 = LEFT;
  const yb = TOP + DEPTH_Y + FRONT_H;
  const colW = FRONT_W / Math.max(1, nLayers);
  const chH = FRONT_H / Math.max(1, channelMax);
  const p = (l, c, e) => [x0 + l * colW + e * DEPTH_X, yb - Math.min(c, channelMax) * chH - e * DEPTH_Y];
  const epochDepth = (i) => (i + 0.5) / Math.max(1, nEpochs);
  return { x0, yb, colW, chH, p, epochDepth, width: x0 + FRONT_W + DEPTH_X + 64, height: yb + 58 };
}
var pts = (list) => list.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
function boxFaces(g, [l0, l1], [c0, c1], [e0, e1], attrs) {
  const { p } = g;
  return [
    svg("polygon", { ...attrs, points: pts([p(l0, c0, e0), p(l1, c0, e0), p(l1, c1, e0), p(l0, c1, e0)]) }),
    svg("polygon", { ...attrs, points: pts([p(l0, c1, e0), p(l1, c1, e0), p(l1, c1, e1), p(l0, c1, e1)]) }),
    svg("polygon", { ...attrs, points: pts([p(l1, c0, e0), p(l1, c0, e1), p(l1, c1, e1), p(l1, c1, e0)]) })
  ];
}
function channelRanges(channels, size) {
  if (!channels.length) return [[0, size]];
  return runsOf(channels).filter(([a]) => a < size).map(([a, b]) => [a, Math.min(b + 1, size)]);
}
function drawColumns(g, layers, state, channelMax) {
  const out = [];
  layers.forEach((layer, i) => {
    const l = [i + GAP, i + 1 - GAP];
    const top = Math.min(layer.channels, channelMax);
    const hovered = state.hovered === i;
    const col = svg(
      "g",
      { class: `cq-column${hovered ? " cq-hovered" : ""}`, "data-layer": layer.name, "data-index": i },
      svg("title", {}, `${layer.name} · ${layer.type} · ${layer.channels} channel${layer.channels === 1 ? "" : "s"} · ${layer.height}×${layer.width}`),
      ...boxFaces(g, l, [0, top], [0, 1], { class: "cq-cell" })
    );
    if (state.layers.has(i)) {
      const e = g.epochDepth(state.epoch);
      const half = 0.5 / Math.max(1, g.nEpochs);
      for (const [c0, c1] of channelRanges(state.channels, top)) {
        col.append(...boxFaces(g, l, [c0, c1], [0, 1], { class: "cq-slab" }));
        col.append(...boxFaces(g, l, [c0, c1], [e - half, e + half], { class: "cq-slice", "data-role": "slice" }));
      }
    }
    out.push(col);
  });
  return out;
}
function clipLabels(counts, channelMax, colW, charW = 6.2) {
  const runs = [];
  counts.forEach((n, i) => {
    const last = runs[runs.length - 1];
    if (n <= channelMax) return;
    if (last && last.channels === n && last.last === i - 1) last.last = i;
    else runs.push({ first: i, last: i, channels: n });
  });
  const shown = [];
  let end = -Infinity;
  for (const run of runs) {
    const half = ((String(run.channels).length + 1) * charW + 4) / 2;
    const mid = (run.first + run.last + 1) / 2 * colW;
    if (mid - half < end) continue;
    shown.push(run);
    end = mid + half;
  }
  return shown;
}
function layerTickStep(nLayers, colW, chars, charW = 6.2) {
  const need = chars * charW + 6;
  for (const step of [1, 2, 5, 10, 20, 50]) if (step * colW >= need) return step;
  return Math.ceil(need / Math.max(colW, 1e-9));
}
function drawClipLabels(g, layers, channelMax) {
  const out = svg("g", { class: "cq-clips" });
  for (const run of clipLabels(layers.map((l) => l.channels), channelMax, g.colW)) {
    const [x, y] = g.p((run.first + run.last + 1) / 2, channelMax, 0.5);
    const span = run.last > run.first ? `layers ${layers[run.first].name} … ${layers[run.last].name}` : `layer ${layers[run.first].name}`;
    out.append(svg(
      "text",
      { class: "cq-clip", x, y: y + 3, "text-anchor": "middle", "data-role": "clip-label" },
      svg("title", {}, `${span}: ${run.channels} channels, taller than the cube (drawn to ${channelMax})`),
      `↑${run.channels}`
    ));
  }
  return out;
}
function layerAxis(g, layers) {
  const { x0, yb, colW } = g;
  const useNames = layers.every((l) => l.name.length * 6.2 + 6 < colW);
  const step = useNames ? 1 : layerTickStep(layers.length, colW, String(layers.length - 1).length);
  const band = svg(
    "g",
    { class: "cq-axis" },
    svg("rect", { class: "cq-band", "data-axis": "layer", x: x0, y: yb + 4, width: FRONT_W, height: 22 })
  );
  layers.forEach((layer, i) => {
    if (i % step !== 0) return;
    band.append(svg("text", { x: x0 + (i + 0.5) * colW, y: yb + 19, "text-anchor": "middle", class: "cq-tick" }, useNames ? layer.name : String(i)));
  });
  band.append(svg(
    "text",
    { class: "cq-title", x: x0 + FRONT_W / 2, y: yb + 44, "text-anchor": "middle" },
    useNames ? "layer  (drag to choose a slab)" : "layer index  (drag to choose a slab)"
  ));
  return band;
}
function channelAxis(g, channelMax) {
  const { x0, yb, chH } = g;
  const band = svg(
    "g",
    { class: "cq-axis" },
    svg("rect", { class: "cq-band", "data-axis": "channel", x: x0 - 26, y: yb - FRONT_H, width: 22, height: FRONT_H })
  );
  for (const t of niceTicks(0, channelMax - 1, Math.min(6, channelMax))) {
    if (!Number.isInteger(t)) continue;
    band.append(svg("text", { class: "cq-tick", x: x0 - 30, y: yb - (t + 0.5) * chH + 3.5, "text-anchor": "end" }, String(t)));
  }
  const cy = yb - FRONT_H / 2;
  band.append(svg("text", { class: "cq-title", x: 14, y: cy, "text-anchor": "middle", transform: `rotate(-90 14 ${cy})` }, "channel  (drag)"));
  return band;
}
function epochAxis(g, epochs, state) {
  const a = g.p(g.nLayers, 0, 0);
  const b = g.p(g.nLayers, 0, 1);
  const group = svg(
    "g",
    { class: "cq-axis" },
    svg("line", { class: "cq-band cq-epoch-band", "data-axis": "epoch", x1: a[0], y1: a[1], x2: b[0], y2: b[1] })
  );
  const step = Math.max(1, Math.ceil(epochs.length / 8));
  epochs.forEach((ep, i) => {
    const [x, y] = g.p(g.nLayers, 0, g.epochDepth(i));
    group.append(svg("line", { class: "cq-tickmark", x1: x, y1: y, x2: x + 5, y2: y + 3 }));
    if (i % step === 0 || i === epochs.length - 1) group.append(svg("text", { class: "cq-tick", x: x + 8, y: y + 9 }, String(ep)));
  });
  group.append(svg("text", { class: "cq-title", x: b[0] + 6, y: b[1] - 8 }, "epoch"));
  const [hx, hy] = g.p(g.nLayers, 0, g.epochDepth(state.epoch));
  group.append(svg("circle", {
    class: "cq-handle",
    "data-role": "epoch-handle",
    cx: hx,
    cy: hy,
    r: 7,
    tabindex: 0,
    role: "slider",
    "aria-label": "Epoch",
    "aria-valuemin": epochs[0],
    "aria-valuemax": epochs[epochs.length - 1],
    "aria-valuenow": epochs[state.epoch],
    "data-epoch": epochs[state.epoch]
  }, svg("title", {}, `epoch ${epochs[state.epoch]} (drag along the epoch axis, or use the arrow keys)`)));
  return group;
}
function localPoint(node, event) {
  const m = node.getScreenCTM();
  if (!m) return [0, 0];
  const pt = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
  return [pt.x, pt.y];
}
var clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
var range = (a, b) => Array.from({ length: Math.abs(b - a) + 1 }, (_, k) => Math.min(a, b) + k);
function picker(g, nLayers, nEpochs, channelMax) {
  return {
    layer: ([x]) => clamp(Math.floor((x - g.x0) / g.colW), 0, nLayers - 1),
    channel: ([, y]) => clamp(Math.floor((g.yb - y) / g.chH), 0, channelMax - 1),
    epoch: ([x, y]) => {
      const [ax, ay] = g.p(nLayers, 0, 0);
      const [bx, by] = g.p(nLayers, 0, 1);
      const t = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2);
      return clamp(Math.floor(t * nEpochs), 0, nEpochs - 1);
    }
  };
}
function gesturePatch(kind, pick, start, now) {
  if (kind === "layer") return { layers: range(pick.layer(start), pick.layer(now)) };
  if (kind === "channel") return { channels: range(pick.channel(start), pick.channel(now)) };
  if (kind === "face") {
    return { layers: range(pick.layer(start), pick.layer(now)), channels: range(pick.channel(start), pick.channel(now)) };
  }
  return { epoch: pick.epoch(now) };
}
var EVENTS = ["pointerdown", "pointermove", "pointerup", "pointercancel", "pointerleave", "keydown"];
var SlicerCube = class {
  constructor({ layers, epochs, onChange, onHover }) {
    Object.assign(this, { layers, epochs, onChange, onHover });
    this.node = svg("svg", { class: "cq-cube", "data-role": "cube", role: "group", "aria-label": "Slicer cube: layer × channel × epoch" });
    this.state = { layers: /* @__PURE__ */ new Set(), channels: [], epoch: 0, hovered: null, channelMax: 1 };
    this.drag = null;
    this.handlers = {
      pointerdown: (e) => this.down(e),
      pointermove: (e) => this.move(e),
      pointerup: (e) => this.up(e),
      pointercancel: (e) => this.up(e),
      pointerleave: () => !this.drag && this.onHover(null),
      keydown: (e) => this.key(e)
    };
    for (const name of EVENTS) this.node.addEventListener(name, this.handlers[name]);
  }
  update(next) {
    this.state = { ...this.state, ...next };
    this.draw();
  }
  draw() {
    const { layers, epochs, state, node } = this;
    const g = geometry(layers.length, epochs.length, state.channelMax);
    Object.assign(g, { nLayers: layers.length, nEpochs: epochs.length });
    this.pick = picker(g, layers.length, epochs.length, state.channelMax);
    for (const [k, v] of [["width", g.width], ["height", g.height], ["viewBox", `0 0 ${g.width} ${g.height}`]]) node.setAttribute(k, v);
    const face = svg("rect", { class: "cq-face", "data-role": "face", x: g.x0, y: g.yb - FRONT_H, width: FRONT_W, height: FRONT_H });
    const outline = boxFaces(g, [0, layers.length], [0, state.channelMax], [0, 1], { class: "cq-outline" });
    node.replaceChildren(
      ...outline,
      face,
      ...drawColumns(g, layers, state, state.channelMax),
      drawClipLabels(g, layers, state.channelMax),
      layerAxis(g, layers),
      channelAxis(g, state.channelMax),
      epochAxis(g, epochs, state)
    );
    node.dataset.layers = [...state.layers].sort((a, b) => a - b).map((i) => layers[i].name).join(",");
    node.dataset.channels = state.channels.join(",");
    node.dataset.epoch = String(epochs[state.epoch]);
  }
  focusHandle() {
    this.node.querySelector("[data-role='epoch-handle']")?.focus();
  }
  down(event) {
    const kind = kindOf(event.target);
    if (!kind || event.button !== 0) return;
    event.preventDefault();
    this.node.setPointerCapture?.(event.pointerId);
    const start = localPoint(this.node, event);
    this.drag = { kind, start, pick: this.pick };
    this.onChange(gesturePatch(kind, this.pick, start, start), { final: false });
  }
  move(event) {
    if (this.drag) {
      const { kind, pick, start } = this.drag;
      this.onChange(gesturePatch(kind, pick, start, localPoint(this.node, event)), { final: false });
      return;
    }
    const column = event.target.closest?.(".cq-column");
    this.onHover(column ? Number(column.dataset.index) : null);
  }
  up(event) {
    if (!this.drag) return;
    const { kind, pick, start } = this.drag;
    this.drag = null;
    this.node.releasePointerCapture?.(event.pointerId);
    this.onChange(gesturePatch(kind, pick, start, localPoint(this.node, event)), { final: true });
  }
  key(event) {
    if (event.target.dataset?.role !== "epoch-handle") return;
    const delta = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[event.key];
    if (!delta) return;
    event.preventDefault();
    this.onChange({ epoch: clamp(this.state.epoch + delta, 0, this.epochs.length - 1) }, { final: true });
  }
  dispose() {
    for (const name of EVENTS) this.node.removeEventListener(name, this.handlers[name]);
  }
};
function kindOf(target) {
  const el = target.closest?.("[data-axis], [data-role='face'], [data-role='epoch-handle'], .cq-column");
  if (!el) return null;
  if (el.dataset.axis) return el.dataset.axis;
  if (el.dataset.role === "epoch-handle") return "epoch";
  return "face";
}
function createSlicerCube(options) {
  return new SlicerCube(options);
}

// js/views/query.js
var PENDING_EVENTS = "change:pending_layers change:pending_channels change:pending_epoch change:notes";
var HELP = "Drag along the layer axis for a slab of layers, along the channel axis (or on the front face) for channels, and move the round handle for the epoch. Query applies it to every linked view.";
function layerBox(row, onClick, onHover) {
  const shape = row.height === 1 && row.width === 1 ? "1×1 (vector)" : `${row.height}×${row.width}`;
  const module = row.module && row.module !== row.name ? `, module ${row.module}` : "";
  const kept = row.stored === "histogram" ? "; kept as per-map histograms" : "";
  return h(
    "button",
    {
      type: "button",
      class: "cq-box",
      "data-layer": row.name,
      "data-index": row.index,
      title: `${row.name} (${row.type}${module}): ${row.channels} channel${row.channels === 1 ? "" : "s"} of ${shape}${kept}.
Click to choose it, shift-click to add or remove it.`,
      onclick: (event) => onClick(row.name, event.shiftKey || event.metaKey || event.ctrlKey),
      onpointerenter: () => onHover(row.name),
      onpointerleave: () => onHover(null)
    },
    h("span", { class: "cq-box-name" }, `${row.index} · ${row.name}`),
    h("span", { class: "cq-box-type" }, row.type),
    h("span", { class: "cq-box-shape" }, `${row.channels} ch · ${shape}`)
  );
}
function describeLayers(names, table) {
  if (!names.length) return "none";
  const idx = names.map((n) => table.findIndex((r) => r.name === n));
  const contiguous = idx.every((v, k) => k === 0 || v === idx[k - 1] + 1);
  return contiguous && names.length > 2 ? `${names[0]} … ${names[names.length - 1]} (${names.length})` : names.join(", ");
}
var describeChannels = (channels) => channels.length ? formatChannels(channels) : "all";
function nearestEpoch(epochs, epoch) {
  let best = epochs[0];
  for (const e of epochs) if (e <= epoch) best = e;
  return best;
}
function layerOfHover(hovered, byName) {
  if (!hovered || !hovered.layer || !byName.has(hovered.layer)) return null;
  return hovered.kind === "layer" || hovered.kind === "channel" ? byName.get(hovered.layer) : null;
}
function channelAxisMax(table, chosen) {
  const widest = Math.max(1, ...table.map((r) => r.channels));
  const over = chosen.size ? [...chosen] : table.map((_, i) => i);
  return Math.max(Math.min(4, widest), ...over.map((i) => table[i].channels));
}
var QueryController = class {
  constructor({ model, el, root, selection }) {
    Object.assign(this, { model, root, selection });
    this.table = model.get("layer_table") || [];
    this.epochs = Array.from(decode(model.get("epochs")).data);
    this.byName = new Map(this.table.map((r, i) => [r.name, i]));
    this.hovered = null;
    this.notes = h("ul", { class: "cq-notes", "data-role": "notes" });
    this.boxes = this.table.map((row) => layerBox(row, (name, add) => this.clickBox(name, add), (name) => this.hover(name)));
    const overview = h(
      "div",
      { class: "cq-overview", "data-role": "overview", role: "group", "aria-label": "Architecture overview" },
      ...this.boxes.flatMap((b, i) => i ? [h("span", { class: "cq-arrow", "aria-hidden": "true" }, "→"), b] : [b])
    );
    this.cube = this.makeCube();
    el.append(h("div", { class: "cq-root" }, this.notes, overview, h("div", { class: "cq-main" }, this.cube.node, this.sidePanel())));
  }
  sidePanel() {
    const button = (role, text, onclick) => h("button", { type: "button", "data-role": role, onclick }, text);
    this.status = h("div", { class: "cq-status", "data-role": "pending" });
    this.applied = h("div", { class: "cq-applied", "data-role": "applied" });
    this.error = h("div", { class: "cq-error", role: "alert", hidden: true });
    this.queryButton = button("query", "Query", () => this.apply());
    this.queryButton.classList.add("cq-query");
    const buttons = h(
      "div",
      { class: "cq-buttons" },
      this.queryButton,
      button("all-channels", "All channels", () => this.setPending({ channels: [] })),
      button("clear", "Clear", () => this.setPending({ layers: [], channels: [] })),
      button("revert", "Revert", () => this.follow(this.selection.snapshot(), ["layers", "channels", "epoch"]))
    );
    return h(
      "div",
      { class: "cq-side" },
      h("div", { class: "cq-side-title" }, "Pending query"),
      this.status,
      buttons,
      this.applied,
      this.error,
      h("div", { class: "cq-help" }, HELP)
    );
  }
  makeCube() {
    return createSlicerCube({
      layers: this.table,
      epochs: this.epochs,
      onChange: (patch, { final }) => {
        const out = {};
        if (patch.layers) out.layers = patch.layers.map((i) => this.table[i].name);
        if (patch.channels) out.channels = patch.channels;
        if (patch.epoch !== void 0) out.epoch = this.epochs[patch.epoch];
        this.setPending(out, final);
        if (!final) this.redraw();
      },
      onHover: (i) => this.hover(i === null ? null : this.table[i].name)
    });
  }
  /** A followed store gained epochs (QueryView.refresh()): rebuild the cube. */
  replaceEpochs() {
    this.epochs = Array.from(decode(this.model.get("epochs")).data);
    const old = this.cube;
    this.cube = this.makeCube();
    old.node.replaceWith(this.cube.node);
    old.dispose();
    this.redraw();
  }
  pending() {
    const m = this.model;
    return { layers: m.get("pending_layers") || [], channels: m.get("pending_channels") || [], epoch: m.get("pending_epoch") };
  }
  setPending(patch, save = true) {
    const next = {};
    if (patch.layers) next.pending_layers = [...patch.layers].sort((a, b) => this.byName.get(a) - this.byName.get(b));
    if (patch.channels) next.pending_channels = [...new Set(patch.channels)].sort((a, b) => a - b);
    if (patch.epoch !== void 0) next.pending_epoch = patch.epoch;
    this.model.set(next);
    if (save) this.model.save_changes();
  }
  clickBox(name, add) {
    const cur = this.pending().layers;
    const layers = !add ? [name] : cur.includes(name) ? cur.filter((n) => n !== name) : [...cur, name];
    this.setPending({ layers });
  }
  hover(name) {
    if (this.hovered === name) return;
    this.hovered = name;
    try {
      this.selection.hover(name ? { kind: "layer", layer: name, source: "query" } : {});
    } catch (err) {
      console.warn("query view: hover not sent", err);
    }
    this.redraw();
  }
  apply() {
    const p = this.pending();
    try {
      this.selection.update({ layers: p.layers, channels: p.channels, epoch: p.epoch });
      this.error.hidden = true;
    } catch (err) {
      this.error.textContent = err.message;
      this.error.hidden = false;
    }
    this.redraw();
  }
  follow(snap, changed) {
    const patch = {};
    if (changed.includes("layers")) patch.layers = (snap.layers || []).filter((n) => this.byName.has(n));
    if (changed.includes("channels")) patch.channels = snap.channels || [];
    if (changed.includes("epoch")) patch.epoch = nearestEpoch(this.epochs, snap.epoch);
    if (Object.keys(patch).length) this.setPending(patch);
    this.redraw();
  }
  redraw() {
    const start = performance.now();
    const p = this.pending();
    const chosen = new Set(p.layers.map((n) => this.byName.get(n)).filter((i) => i !== void 0));
    const hovered = this.hovered !== null ? this.byName.get(this.hovered) ?? null : layerOfHover(this.selection.get("hovered"), this.byName);
    const hadFocus = document.activeElement?.dataset?.role === "epoch-handle";
    this.cube.update({ layers: chosen, channels: p.channels, epoch: Math.max(0, this.epochs.indexOf(p.epoch)), hovered, channelMax: channelAxisMax(this.table, chosen) });
    if (hadFocus) this.cube.focusHandle();
    for (const box of this.boxes) {
      const i = this.byName.get(box.dataset.layer);
      box.classList.toggle("cq-selected", chosen.has(i));
      box.setAttribute("aria-pressed", String(chosen.has(i)));
      box.classList.toggle("cq-hover", i === hovered);
    }
    this.drawStatus(p);
    const texts = this.model.get("notes") || [];
    this.notes.replaceChildren(...texts.map((t) => h("li", {}, t)));
    this.notes.hidden = !texts.length;
    this.root.dataset.drawMs = (performance.now() - start).toFixed(1);
  }
  drawStatus(p) {
    const snap = this.selection.snapshot();
    const mine = snap.layers.filter((n) => this.byName.has(n));
    this.status.textContent = `layers ${describeLayers(p.layers, this.table)}
channels ${describeChannels(p.channels)}
epoch ${p.epoch}`;
    this.applied.textContent = `Applied: layers ${describeLayers(mine, this.table)} · channels ${describeChannels(snap.channels)} · epoch ${snap.epoch}`;
    const dirty = JSON.stringify([p.layers, p.channels, p.epoch]) !== JSON.stringify([snap.layers, snap.channels, snap.epoch]);
    const q = this.queryButton;
    q.disabled = !p.layers.length;
    q.classList.toggle("cq-dirty", dirty && p.layers.length > 0);
    q.title = !p.layers.length ? "Choose at least one layer first" : dirty ? "Apply the pending query to the linked views" : "The pending query is already applied";
    this.root.dataset.dirty = String(dirty);
  }
};
function draw(ctx) {
  const { model, selection } = ctx;
  const epochs = model.get("epochs");
  if (!(model.get("layer_table") || []).length || !epochs || !decode(epochs).size) return void 0;
  const view = new QueryController(ctx);
  const onModel = () => view.redraw();
  const onEpochs = () => view.replaceEpochs();
  model.on(PENDING_EVENTS, onModel);
  model.on("change:epochs", onEpochs);
  selection.onChange((snap, changed) => view.follow(snap, changed), ["layers", "channels", "epoch"]);
  selection.onChange(() => {
    if (view.hovered === null) view.redraw();
  }, ["hovered"]);
  view.redraw();
  return () => {
    model.off(PENDING_EVENTS, onModel);
    model.off("change:epochs", onEpochs);
    view.cube.dispose();
  };
}
var query_default = defineView("query", draw);
export {
  query_default as default
};
