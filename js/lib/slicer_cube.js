// The slicer cube of the query view (paper Fig. 3 B-C): dCNN(layer, channel, epoch) drawn as
// a ragged 3-D block in oblique projection, one column per *unit* (a layer, or a collapsed
// group of the architecture overview: js/lib/arch_tree.js), as tall as its channel count
// (a group: its widest layer), as deep as the recorded epochs. The pending query is a
// highlighted slab inside it with the chosen epoch as a darker slice. When there are more
// units than fit at MIN_COLUMN px each, the cube shows a window of them and an overview
// strip below (every unit, the chosen ones coloured) whose brush moves the window.
//
//   const cube = createSlicerCube({ epochs, onChange, onHover, onWindow });
//   el.append(cube.node);
//   cube.update({ units, coverage, channels, epoch, hovered, channelMax, window, frontW });
//
// Pointer gestures (data attributes set on purpose, for tests and styling):
//   [data-axis="layer"]    click: one column; drag: a slab of columns  -> onChange({layers})
//   [data-axis="channel"]  drag: a range of channels                   -> onChange({channels})
//   [data-role="face"]     drag on the front face: columns x channels (their intersection)
//   [data-axis="epoch"]    press or drag, or the [data-role="epoch-handle"]: the epoch
//   [data-role="brush"]    on the overview strip: drag (or arrow keys) -> onWindow(start)
// onChange(patch, {final}) fires while dragging (final = false) and once at the end; its
// `layers` are unit indices.
import { svg } from "./dom.js";
import { niceTicks, runsOf } from "./charts.js";

const FRONT_W = 300; // default width of the front face; the view passes the width it has
const FRONT_H = 150;
const LEFT = 66;
const TOP = 10;
const GAP = 0.12; // of a layer column, on each side
const LABEL_DEPTH = 66; // px below the layer axis for the (vertical) column labels
const STRIP_H = 12; // the overview strip of every column, when the window shows some only
export const MIN_COLUMN = 10; // px: a column narrower than this could not be picked reliably

export function geometry(nLayers, nEpochs, channelMax, frontW = FRONT_W) {
  const depthX = Math.round(frontW * 0.36);
  const depthY = Math.round(depthX * 0.62);
  const x0 = LEFT;
  const yb = TOP + depthY + FRONT_H;
  const colW = frontW / Math.max(1, nLayers);
  const chH = FRONT_H / Math.max(1, channelMax);
  const p = (l, c, e) => [x0 + l * colW + e * depthX, yb - Math.min(c, channelMax) * chH - e * depthY];
  const epochDepth = (i) => (i + 0.5) / Math.max(1, nEpochs);
  const labels = yb + 26; // top of the column labels, below the axis band
  const strip = labels + LABEL_DEPTH + 4;
  return { x0, yb, colW, chH, p, epochDepth, frontW, frontH: FRONT_H, depthX, depthY, labels, strip,
    width: x0 + frontW + depthX + 40, height: strip + STRIP_H + 6, heightNoStrip: strip };
}

/** How many columns fit a front face frontW px wide (each at least MIN_COLUMN px). */
export function windowSize(frontW) {
  return Math.max(4, Math.floor(frontW / MIN_COLUMN));
}

/** The front-face width for a cube that may be `width` px wide in all. */
export function frontWidthFor(width) {
  return Math.max(150, Math.min(340, Math.floor((width - LEFT - 40) / 1.36)));
}

const pts = (list) => list.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ");

/** The three visible faces (front, top, right) of box [l0,l1] x [c0,c1] x [e0,e1]. */
function boxFaces(g, [l0, l1], [c0, c1], [e0, e1], attrs) {
  const { p } = g;
  return [
    svg("polygon", { ...attrs, points: pts([p(l0, c0, e0), p(l1, c0, e0), p(l1, c1, e0), p(l0, c1, e0)]) }),
    svg("polygon", { ...attrs, points: pts([p(l0, c1, e0), p(l1, c1, e0), p(l1, c1, e1), p(l0, c1, e1)]) }),
    svg("polygon", { ...attrs, points: pts([p(l1, c0, e0), p(l1, c0, e1), p(l1, c1, e1), p(l1, c1, e0)]) }),
  ];
}

/** Channel ranges [a, b) of the pending channels within a layer of `size` channels. */
export function channelRanges(channels, size) {
  if (!channels.length) return [[0, size]];
  return runsOf(channels).filter(([a]) => a < size).map(([a, b]) => [a, Math.min(b + 1, size)]);
}

function drawColumns(g, units, state, channelMax) {
  const out = [];
  const { start, size } = state.window;
  for (let k = 0; k < size; k++) {
    const i = start + k;
    const unit = units[i];
    const l = [k + GAP, k + 1 - GAP];
    const top = Math.min(unit.channels, channelMax);
    const cover = state.coverage[i] || 0;
    const cls = ["cq-column", state.hovered === i ? "cq-hovered" : "", unit.group ? "cq-group" : "", cover === 0.5 ? "cq-partial" : ""];
    const col = svg("g", { class: cls.filter(Boolean).join(" "), "data-layer": unit.name, "data-unit": i, "data-index": i },
      svg("title", {}, unit.tip),
      ...boxFaces(g, l, [0, top], [0, 1], { class: "cq-cell" }));
    if (cover > 0) {
      const e = g.epochDepth(state.epoch);
      const half = 0.5 / Math.max(1, g.nEpochs);
      for (const [c0, c1] of channelRanges(state.channels, top)) {
        col.append(...boxFaces(g, l, [c0, c1], [0, 1], { class: "cq-slab" }));
        col.append(...boxFaces(g, l, [c0, c1], [e - half, e + half], { class: "cq-slice", "data-role": "slice" }));
      }
    }
    out.push(col);
  }
  return out;
}

/**
 * The "↑N" labels of columns taller than the cube (N channels, clipped at channelMax): one
 * label per run of neighbouring columns with the same N, centred over the run, and a run's
 * label left out when it would touch the one before (its column's tooltip still says N).
 * Returns [{first, last, channels}] (layer indices).
 */
export function clipLabels(counts, channelMax, colW, charW = 6.2) {
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
    const mid = ((run.first + run.last + 1) / 2) * colW;
    if (mid - half < end) continue;
    shown.push(run);
    end = mid + half;
  }
  return shown;
}

/** Every step-th column gets a vertical label: labels 11 px tall need 12 px between them. */
export function labelStep(colW, lineH = 12) {
  return Math.max(1, Math.ceil(lineH / Math.max(colW, 1e-9)));
}

/** `text` cut to fit `px` px at about charW px a character ("layer1.0.r…"). */
export function fitText(text, px, charW = 5.9) {
  const n = Math.floor(px / charW);
  return text.length <= n ? text : `${text.slice(0, Math.max(1, n - 1))}…`;
}

function drawClipLabels(g, units, state) {
  const { start, size } = state.window;
  const shown = units.slice(start, start + size);
  const out = svg("g", { class: "cq-clips" });
  for (const run of clipLabels(shown.map((u) => u.channels), state.channelMax, g.colW)) {
    const [x, y] = g.p((run.first + run.last + 1) / 2, state.channelMax, 0.5);
    const span = run.last > run.first ? `${shown[run.first].name} … ${shown[run.last].name}` : shown[run.first].name;
    out.append(svg("text", { class: "cq-clip", x, y: y + 3, "text-anchor": "middle", "data-role": "clip-label" },
      svg("title", {}, `${span}: ${run.channels} channels, taller than the cube (drawn to ${state.channelMax})`), `↑${run.channels}`));
  }
  return out;
}

function layerAxis(g, units, state) {
  const { x0, yb, colW, frontW } = g;
  const { start, size } = state.window;
  const step = labelStep(colW);
  const band = svg("g", { class: "cq-axis" },
    svg("rect", { class: "cq-band", "data-axis": "layer", x: x0, y: yb + 4, width: frontW, height: 18 },
      svg("title", {}, "Click a column to choose it, drag for a slab of columns")));
  for (let k = 0; k < size; k += step) {
    const unit = units[start + k];
    const x = x0 + (k + 0.5) * colW + 3.5;
    const y = g.labels;
    band.append(svg("text", {
      class: `cq-tick cq-layer-label${unit.group ? " cq-group-label" : ""}`, x, y, "text-anchor": "end",
      transform: `rotate(-90 ${x} ${y})`, "data-role": "layer-label", "data-unit": start + k,
    }, fitText(unit.label, LABEL_DEPTH - 4)));
  }
  return band;
}

/** The overview strip: one mark per column, the chosen ones coloured, the window a brush. */
function overviewStrip(g, units, state) {
  const { x0, frontW, strip } = g;
  const n = units.length;
  const { start, size } = state.window;
  const w = frontW / n;
  const group = svg("g", { class: "cq-strip", "data-role": "overview" },
    svg("rect", { class: "cq-strip-bg", "data-axis": "overview", x: x0, y: strip, width: frontW, height: STRIP_H },
      svg("title", {}, `All ${n} columns: drag the window, or click to move it there`)));
  units.forEach((u, i) => {
    const cover = state.coverage[i] || 0;
    if (!cover && !u.group) return;
    group.append(svg("rect", { class: cover ? "cq-strip-chosen" : "cq-strip-group", x: x0 + i * w, y: strip + (cover ? 0 : STRIP_H - 3), width: Math.max(1, w), height: cover ? STRIP_H : 3 }));
  });
  group.append(svg("rect", {
    class: "cq-brush", "data-role": "brush", "data-axis": "overview", x: x0 + start * w, y: strip - 1, width: size * w, height: STRIP_H + 2,
    tabindex: 0, role: "scrollbar", "aria-label": "Columns shown", "aria-valuemin": 0, "aria-valuemax": n - size, "aria-valuenow": start,
    "data-start": start, "data-size": size,
  }, svg("title", {}, `columns ${start + 1}–${start + size} of ${n}: drag, or use the arrow keys`)));
  return group;
}

function channelAxis(g, channelMax) {
  const { x0, yb, chH } = g;
  const band = svg("g", { class: "cq-axis" },
    svg("rect", { class: "cq-band", "data-axis": "channel", x: x0 - 22, y: yb - FRONT_H, width: 18, height: FRONT_H }));
  for (const t of niceTicks(0, channelMax - 1, Math.min(6, channelMax))) {
    if (!Number.isInteger(t)) continue;
    band.append(svg("text", { class: "cq-tick", x: x0 - 24, y: yb - (t + 0.5) * chH + 3.5, "text-anchor": "end" }, String(t)));
  }
  const cy = yb - FRONT_H / 2;
  band.append(svg("text", { class: "cq-title", x: 12, y: cy, "text-anchor": "middle", transform: `rotate(-90 12 ${cy})` }, "channel (drag)"));
  return band;
}

function epochAxis(g, epochs, state) {
  const a = g.p(g.nLayers, 0, 0);
  const b = g.p(g.nLayers, 0, 1);
  const group = svg("g", { class: "cq-axis" },
    svg("line", { class: "cq-band cq-epoch-band", "data-axis": "epoch", x1: a[0], y1: a[1], x2: b[0], y2: b[1] }));
  const step = Math.max(1, Math.ceil(epochs.length / 8));
  epochs.forEach((ep, i) => {
    const [x, y] = g.p(g.nLayers, 0, g.epochDepth(i));
    group.append(svg("line", { class: "cq-tickmark", x1: x, y1: y, x2: x + 5, y2: y + 3 }));
    if (i % step === 0 || i === epochs.length - 1) group.append(svg("text", { class: "cq-tick", x: x + 8, y: y + 9 }, String(ep)));
  });
  group.append(svg("text", { class: "cq-title", x: b[0] - 4, y: b[1] - 10, "text-anchor": "middle" }, "epoch"));
  const [hx, hy] = g.p(g.nLayers, 0, g.epochDepth(state.epoch));
  group.append(svg("circle", {
    class: "cq-handle", "data-role": "epoch-handle", cx: hx, cy: hy, r: 7, tabindex: 0, role: "slider",
    "aria-label": "Epoch", "aria-valuemin": epochs[0], "aria-valuemax": epochs[epochs.length - 1],
    "aria-valuenow": epochs[state.epoch], "data-epoch": epochs[state.epoch],
  }, svg("title", {}, `epoch ${epochs[state.epoch]} (drag along the epoch axis, or use the arrow keys)`)));
  return group;
}

function localPoint(node, event) {
  const m = node.getScreenCTM();
  if (!m) return [0, 0];
  const pt = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
  return [pt.x, pt.y];
}

const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
const range = (a, b) => Array.from({ length: Math.abs(b - a) + 1 }, (_, k) => Math.min(a, b) + k);

/** Cube geometry + picking: pointer position -> column (in the window), channel, epoch index. */
export function picker(g, nLayers, nEpochs, channelMax) {
  return {
    layer: ([x]) => clamp(Math.floor((x - g.x0) / g.colW), 0, nLayers - 1),
    channel: ([, y]) => clamp(Math.floor((g.yb - y) / g.chH), 0, channelMax - 1),
    epoch: ([x, y]) => {
      const [ax, ay] = g.p(nLayers, 0, 0);
      const [bx, by] = g.p(nLayers, 0, 1);
      const t = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2);
      return clamp(Math.floor(t * nEpochs), 0, nEpochs - 1);
    },
  };
}

/** Map a drag gesture starting on `kind` to a pending-query patch (columns of the window). */
export function gesturePatch(kind, pick, start, now) {
  if (kind === "layer") return { layers: range(pick.layer(start), pick.layer(now)) };
  if (kind === "channel") return { channels: range(pick.channel(start), pick.channel(now)) };
  if (kind === "face") {
    return { layers: range(pick.layer(start), pick.layer(now)), channels: range(pick.channel(start), pick.channel(now)) };
  }
  return { epoch: pick.epoch(now) };
}

/** The window start that a pointer at x on the overview strip asks for. */
export function stripStart(g, count, size, x, grab = null) {
  const w = g.frontW / count;
  const at = (x - g.x0) / w;
  const s = grab === null ? Math.round(at - size / 2) : Math.round(at - grab);
  return clamp(s, 0, Math.max(0, count - size));
}

const EVENTS = ["pointerdown", "pointermove", "pointerup", "pointercancel", "pointerleave", "keydown"];

class SlicerCube {
  constructor({ epochs, onChange, onHover, onWindow }) {
    Object.assign(this, { epochs, onChange, onHover, onWindow });
    this.node = svg("svg", { class: "cq-cube", "data-role": "cube", role: "group", "aria-label": "Slicer cube: layer × channel × epoch" });
    this.units = [];
    this.state = { coverage: [], channels: [], epoch: 0, hovered: null, channelMax: 1, window: { start: 0, size: 0 }, frontW: FRONT_W };
    this.drag = null;
    this.handlers = {
      pointerdown: (e) => this.down(e), pointermove: (e) => this.move(e), pointerup: (e) => this.up(e),
      pointercancel: (e) => this.up(e), pointerleave: () => !this.drag && this.onHover(null), keydown: (e) => this.key(e),
    };
    for (const name of EVENTS) this.node.addEventListener(name, this.handlers[name]);
  }

  update(next) {
    if (next.units) this.units = next.units;
    this.state = { ...this.state, ...next };
    delete this.state.units;
    this.draw();
  }

  draw() {
    const { units, epochs, state, node } = this;
    const { size } = state.window;
    const g = geometry(size, epochs.length, state.channelMax, state.frontW);
    Object.assign(g, { nLayers: size, nEpochs: epochs.length });
    this.g = g;
    this.pick = picker(g, size, epochs.length, state.channelMax);
    const height = size < units.length ? g.height : g.heightNoStrip; // the strip only when needed
    for (const [k, v] of [["width", g.width], ["height", height], ["viewBox", `0 0 ${g.width} ${height}`]]) node.setAttribute(k, v);
    const face = svg("rect", { class: "cq-face", "data-role": "face", x: g.x0, y: g.yb - FRONT_H, width: g.frontW, height: FRONT_H });
    const outline = boxFaces(g, [0, size], [0, state.channelMax], [0, 1], { class: "cq-outline" });
    node.replaceChildren(...outline, face, ...drawColumns(g, units, state, state.channelMax),
      drawClipLabels(g, units, state), layerAxis(g, units, state), channelAxis(g, state.channelMax),
      epochAxis(g, epochs, state), ...(size < units.length ? [overviewStrip(g, units, state)] : []));
    node.dataset.channels = state.channels.join(",");
    node.dataset.epoch = String(epochs[state.epoch]);
    node.dataset.columns = String(units.length);
    node.dataset.window = `${state.window.start},${size}`;
  }

  focusHandle() {
    this.node.querySelector("[data-role='epoch-handle']")?.focus();
  }

  /** A patch of window columns -> unit indices. */
  toUnits(patch) {
    if (!patch.layers) return patch;
    const { start } = this.state.window;
    return { ...patch, layers: patch.layers.map((k) => start + k) };
  }

  down(event) {
    const kind = kindOf(event.target);
    if (!kind || event.button !== 0) return;
    event.preventDefault();
    this.node.setPointerCapture?.(event.pointerId);
    const start = localPoint(this.node, event);
    if (kind === "overview") {
      const { start: s, size } = this.state.window;
      const onBrush = event.target.dataset?.role === "brush";
      const grab = onBrush ? (start[0] - this.g.x0) / (this.g.frontW / this.units.length) - s : null;
      this.drag = { kind, grab: grab ?? size / 2, g: this.g };
      if (!onBrush) this.onWindow(stripStart(this.g, this.units.length, size, start[0]));
      return;
    }
    this.drag = { kind, start, pick: this.pick }; // the mapping of the drag's start, kept
    this.onChange(this.toUnits(gesturePatch(kind, this.pick, start, start)), { final: false });
  }

  move(event) {
    if (this.drag) {
      const at = localPoint(this.node, event);
      if (this.drag.kind === "overview") {
        this.onWindow(stripStart(this.drag.g, this.units.length, this.state.window.size, at[0], this.drag.grab));
        return;
      }
      const { kind, pick, start } = this.drag;
      this.onChange(this.toUnits(gesturePatch(kind, pick, start, at)), { final: false });
      return;
    }
    const column = event.target.closest?.(".cq-column");
    this.onHover(column ? Number(column.dataset.unit) : null);
  }

  up(event) {
    if (!this.drag) return;
    const { kind, pick, start } = this.drag;
    this.drag = null;
    this.node.releasePointerCapture?.(event.pointerId);
    if (kind === "overview") return;
    this.onChange(this.toUnits(gesturePatch(kind, pick, start, localPoint(this.node, event))), { final: true });
  }

  key(event) {
    const role = event.target.dataset?.role;
    const delta = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[event.key];
    if (!delta || (role !== "epoch-handle" && role !== "brush")) return;
    event.preventDefault();
    if (role === "brush") {
      const { start, size } = this.state.window;
      this.onWindow(clamp(start + delta * Math.max(1, Math.floor(size / 4)), 0, Math.max(0, this.units.length - size)));
      this.node.querySelector("[data-role='brush']")?.focus();
      return;
    }
    this.onChange({ epoch: clamp(this.state.epoch + delta, 0, this.epochs.length - 1) }, { final: true });
  }

  dispose() {
    for (const name of EVENTS) this.node.removeEventListener(name, this.handlers[name]);
  }
}

function kindOf(target) {
  const el = target.closest?.("[data-axis], [data-role='face'], [data-role='epoch-handle'], .cq-column");
  if (!el) return null;
  if (el.dataset.axis) return el.dataset.axis;
  if (el.dataset.role === "epoch-handle") return "epoch";
  return "face"; // the face or a column drawn over it
}

/**
 * A slicer cube: {node, update(state), focusHandle(), dispose()} (see the top of this file).
 * update({units, coverage, channels, epoch, hovered, channelMax, window: {start, size},
 * frontW}); units: [{name, label, tip, channels, group}], coverage[i]: 0, 0.5 or 1.
 */
export function createSlicerCube(options) {
  return new SlicerCube(options);
}
