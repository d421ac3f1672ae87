// The slicer cube of the query view (paper Fig. 3 B-C): dCNN(layer, channel, epoch) drawn as
// a ragged 3-D block in oblique projection, one column per layer, as tall as its channel
// count, as deep as the recorded epochs. The pending query is a highlighted slab inside it
// with the chosen epoch as a darker slice.
//
//   const cube = createSlicerCube({ layers, epochs, onChange, onHover });
//   el.append(cube.node);
//   cube.update({ layers: Set(indices), channels: [..], epoch: index, hovered: index|null });
//
// Pointer gestures (data attributes set on purpose, for tests and styling):
//   [data-axis="layer"]    drag: a slab of consecutive layers      -> onChange({layers})
//   [data-axis="channel"]  drag: a range of channels               -> onChange({channels})
//   [data-role="face"]     drag on the front face: layers x channels (their intersection)
//   [data-axis="epoch"]    press or drag, or the [data-role="epoch-handle"]: the epoch
// onChange(patch, {final}) fires while dragging (final = false) and once at the end.
import { svg } from "./dom.js";
import { niceTicks, runsOf } from "./charts.js";

const FRONT_W = 300;
const FRONT_H = 170;
const DEPTH_X = 120;
const DEPTH_Y = 78;
const LEFT = 70;
const TOP = 14;
const GAP = 0.12; // of a layer column, on each side

export function geometry(nLayers, nEpochs, channelMax) {
  const x0 = LEFT;
  const yb = TOP + DEPTH_Y + FRONT_H;
  const colW = FRONT_W / Math.max(1, nLayers);
  const chH = FRONT_H / Math.max(1, channelMax);
  const p = (l, c, e) => [x0 + l * colW + e * DEPTH_X, yb - Math.min(c, channelMax) * chH - e * DEPTH_Y];
  const epochDepth = (i) => (i + 0.5) / Math.max(1, nEpochs);
  return { x0, yb, colW, chH, p, epochDepth, width: x0 + FRONT_W + DEPTH_X + 64, height: yb + 58 };
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

function drawColumns(g, layers, state, channelMax) {
  const out = [];
  layers.forEach((layer, i) => {
    const l = [i + GAP, i + 1 - GAP];
    const top = Math.min(layer.channels, channelMax);
    const hovered = state.hovered === i;
    const col = svg("g", { class: `cq-column${hovered ? " cq-hovered" : ""}`, "data-layer": layer.name, "data-index": i },
      svg("title", {}, `${layer.name} · ${layer.type} · ${layer.channels} channel${layer.channels === 1 ? "" : "s"} · ${layer.height}×${layer.width}`),
      ...boxFaces(g, l, [0, top], [0, 1], { class: "cq-cell" }));
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

/** Label every step-th layer index so that labels `chars` wide sit apart on columns colW px. */
export function layerTickStep(nLayers, colW, chars, charW = 6.2) {
  const need = chars * charW + 6;
  for (const step of [1, 2, 5, 10, 20, 50]) if (step * colW >= need) return step;
  return Math.ceil(need / Math.max(colW, 1e-9));
}

function drawClipLabels(g, layers, channelMax) {
  const out = svg("g", { class: "cq-clips" });
  for (const run of clipLabels(layers.map((l) => l.channels), channelMax, g.colW)) {
    const [x, y] = g.p((run.first + run.last + 1) / 2, channelMax, 0.5);
    const span = run.last > run.first ? `layers ${layers[run.first].name} … ${layers[run.last].name}` : `layer ${layers[run.first].name}`;
    out.append(svg("text", { class: "cq-clip", x, y: y + 3, "text-anchor": "middle", "data-role": "clip-label" },
      svg("title", {}, `${span}: ${run.channels} channels, taller than the cube (drawn to ${channelMax})`), `↑${run.channels}`));
  }
  return out;
}

function layerAxis(g, layers) {
  const { x0, yb, colW } = g;
  const useNames = layers.every((l) => l.name.length * 6.2 + 6 < colW);
  const step = useNames ? 1 : layerTickStep(layers.length, colW, String(layers.length - 1).length);
  const band = svg("g", { class: "cq-axis" },
    svg("rect", { class: "cq-band", "data-axis": "layer", x: x0, y: yb + 4, width: FRONT_W, height: 22 }));
  layers.forEach((layer, i) => {
    if (i % step !== 0) return;
    band.append(svg("text", { x: x0 + (i + 0.5) * colW, y: yb + 19, "text-anchor": "middle", class: "cq-tick" }, useNames ? layer.name : String(i)));
  });
  band.append(svg("text", { class: "cq-title", x: x0 + FRONT_W / 2, y: yb + 44, "text-anchor": "middle" },
    useNames ? "layer  (drag to choose a slab)" : "layer index  (drag to choose a slab)"));
  return band;
}

function channelAxis(g, channelMax) {
  const { x0, yb, chH } = g;
  const band = svg("g", { class: "cq-axis" },
    svg("rect", { class: "cq-band", "data-axis": "channel", x: x0 - 26, y: yb - FRONT_H, width: 22, height: FRONT_H }));
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
  const group = svg("g", { class: "cq-axis" },
    svg("line", { class: "cq-band cq-epoch-band", "data-axis": "epoch", x1: a[0], y1: a[1], x2: b[0], y2: b[1] }));
  const step = Math.max(1, Math.ceil(epochs.length / 8));
  epochs.forEach((ep, i) => {
    const [x, y] = g.p(g.nLayers, 0, g.epochDepth(i));
    group.append(svg("line", { class: "cq-tickmark", x1: x, y1: y, x2: x + 5, y2: y + 3 }));
    if (i % step === 0 || i === epochs.length - 1) group.append(svg("text", { class: "cq-tick", x: x + 8, y: y + 9 }, String(ep)));
  });
  group.append(svg("text", { class: "cq-title", x: b[0] + 6, y: b[1] - 8 }, "epoch"));
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

/** Cube geometry + picking: pointer position -> layer index, channel, epoch index. */
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

/** Map a drag gesture starting on `kind` to a pending-query patch. */
export function gesturePatch(kind, pick, start, now) {
  if (kind === "layer") return { layers: range(pick.layer(start), pick.layer(now)) };
  if (kind === "channel") return { channels: range(pick.channel(start), pick.channel(now)) };
  if (kind === "face") {
    return { layers: range(pick.layer(start), pick.layer(now)), channels: range(pick.channel(start), pick.channel(now)) };
  }
  return { epoch: pick.epoch(now) };
}

const EVENTS = ["pointerdown", "pointermove", "pointerup", "pointercancel", "pointerleave", "keydown"];

class SlicerCube {
  constructor({ layers, epochs, onChange, onHover }) {
    Object.assign(this, { layers, epochs, onChange, onHover });
    this.node = svg("svg", { class: "cq-cube", "data-role": "cube", role: "group", "aria-label": "Slicer cube: layer × channel × epoch" });
    this.state = { layers: new Set(), channels: [], epoch: 0, hovered: null, channelMax: 1 };
    this.drag = null;
    this.handlers = {
      pointerdown: (e) => this.down(e), pointermove: (e) => this.move(e), pointerup: (e) => this.up(e),
      pointercancel: (e) => this.up(e), pointerleave: () => !this.drag && this.onHover(null), keydown: (e) => this.key(e),
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
    node.replaceChildren(...outline, face, ...drawColumns(g, layers, state, state.channelMax),
      drawClipLabels(g, layers, state.channelMax), layerAxis(g, layers), channelAxis(g, state.channelMax), epochAxis(g, epochs, state));
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
    this.drag = { kind, start, pick: this.pick }; // the mapping of the drag's start, kept
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
}

function kindOf(target) {
  const el = target.closest?.("[data-axis], [data-role='face'], [data-role='epoch-handle'], .cq-column");
  if (!el) return null;
  if (el.dataset.axis) return el.dataset.axis;
  if (el.dataset.role === "epoch-handle") return "epoch";
  return "face"; // the face or a column drawn over it
}

/** A slicer cube: {node, update(state), focusHandle(), dispose()} (see the top of this file). */
export function createSlicerCube(options) {
  return new SlicerCube(options);
}
