// The information plane of the information view (Python: widgets/information.py): I(X;T)
// across, I(T;Y) up, one trajectory per shown layer through the recorded epochs, points
// coloured by epoch (viridis, a legend below), saturated estimates hollow, the
// shuffled-label (permutation null) level of the focused layer shaded, the selected epoch
// ringed. The KDE is drawn as a range: at each epoch a bar from the lower-bound point to
// the upper-bound point (the trajectory runs through the upper bound). Layer names are
// placed where they overlap nothing (selected layers first); the others show on hover.
// Clicking a trajectory or a name calls onPick(layer).
//
//   const node = infoPlane({ xt, ty, nul, sat, info, estimator, shown, width, height,
//                            selected, focus, epoch, onPick });
//   xt, ty, nul, sat: decoded (layer, epoch, estimate) arrays, estimates = info.bounds.
import { attachTooltip, niceTicks } from "./charts.js";
import { rgb, viridis } from "./colors.js";
import { formatNumber, h, linearScale, svg, textWidth } from "./dom.js";

const MARGIN = { left: 46, right: 14, top: 16, bottom: 38 };
const LABEL_PX = 11;

/** Colour of the i-th of n epochs (viridis, dark = early). */
export function epochColor(i, n) {
  return rgb(viridis(n > 1 ? i / (n - 1) : 1));
}

/** Which estimates (indices into info.bounds) an estimator choice draws: {main, range}. */
export function estimatesOf(estimator, bounds) {
  const at = (name) => bounds.indexOf(name);
  if (estimator === "kde") return { main: at("kde_upper"), low: at("kde_lower") };
  return { main: at(estimator), low: -1 };
}

/** Value at (layer l, epoch e, estimate b) of a decoded (L, E, B) array. */
function at(arr, l, e, b) {
  const [, E, B] = arr.shape;
  return arr.data[(l * E + e) * B + b];
}

/** Index of the recorded epoch nearest at or below `epoch` (the first if none). */
export function epochPosition(epochs, epoch) {
  let best = 0;
  epochs.forEach((x, i) => { if (x <= epoch) best = i; });
  return best;
}

function pointTip(info, arrays, l, e, est) {
  const { xt, ty, nul } = arrays;
  const lines = [`${info.layers[l]} · epoch ${info.epochs[e]}`];
  const parts = est.low >= 0 ? [["lower", est.low], ["upper", est.main]] : [["", est.main]];
  for (const [tag, b] of parts) {
    const t = tag ? ` (${tag})` : "";
    lines.push(`I(X;T)${t} = ${formatNumber(at(xt, l, e, b))} bits, I(T;Y)${t} = ${formatNumber(at(ty, l, e, b))} bits`);
  }
  const q = at(nul, l, e, est.main);
  if (Number.isFinite(q)) lines.push(`shuffled labels, 95%: I(T;Y) ≤ ${formatNumber(q)} bits`);
  if (arrays.sat.data.length && parts.some(([, b]) => at(arrays.sat, l, e, b))) lines.push("saturated (see the notes)");
  lines.push("click: add this layer to the selection");
  return lines.join("\n");
}

function epochLegend(epochs, width, kde) {
  const n = epochs.length;
  const items = [];
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((width - 160) / 34))));
  for (let i = 0; i < n; i += every) {
    items.push(h("span", { class: "ci-legend-item" }, h("i", { style: { background: epochColor(i, n) } }), String(epochs[i])));
  }
  if ((n - 1) % every) items.push(h("span", { class: "ci-legend-item" }, h("i", { style: { background: epochColor(n - 1, n) } }), String(epochs[n - 1])));
  const range = kde
    ? h("span", { class: "ci-legend-item", "data-role": "range-key" },
      svg("svg", { width: 30, height: 12, class: "ci-range-key" },
        svg("line", { class: "ci-range", x1: 5, y1: 8, x2: 25, y2: 4 }),
        svg("circle", { class: "ci-low", cx: 5, cy: 8, r: 2.4 }),
        svg("circle", { cx: 25, cy: 4, r: 3.2, fill: "currentColor" })),
      "KDE range: lower bound (small ring) to upper bound (dot)")
    : null;
  return h("div", { class: "ci-legend", "data-role": "epoch-legend", style: { marginLeft: `${MARGIN.left}px` } },
    h("span", { class: "ci-legend-title" }, "epoch"), ...items, range);
}

function guides(node, plot, xs, ys, info) {
  const g = svg("g", { class: "ci-guides" });
  g.append(svg("line", { x1: plot.x0, x2: plot.x1, y1: ys(info.h_y), y2: ys(info.h_y) }));
  g.append(svg("text", { x: plot.x0 + 4, y: ys(info.h_y) - 4 }, `H(Y) = ${formatNumber(info.h_y)}`));
  g.append(svg("line", { x1: xs(info.log2_n), x2: xs(info.log2_n), y1: plot.y0, y2: plot.y1 }));
  g.append(svg("text", { x: xs(info.log2_n) - 4, y: plot.y1 + 10, "text-anchor": "end" }, `log2 N = ${formatNumber(info.log2_n)}`));
  node.append(g);
}

function axes(node, plot, xs, ys, xMax, yMax) {
  const g = svg("g", { class: "cs-axes" });
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x1, y2: plot.y0 }));
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x0, y2: plot.y1 }));
  for (const t of niceTicks(0, xMax, Math.max(3, Math.floor((plot.x1 - plot.x0) / 70)))) {
    g.append(svg("line", { x1: xs(t), y1: plot.y0, x2: xs(t), y2: plot.y0 + 4 }));
    g.append(svg("text", { class: "cs-tick", x: xs(t), y: plot.y0 + 15, "text-anchor": "middle" }, formatNumber(t)));
  }
  for (const t of niceTicks(0, yMax, 5)) {
    g.append(svg("line", { class: "cs-grid", x1: plot.x0, y1: ys(t), x2: plot.x1, y2: ys(t) }));
    g.append(svg("text", { class: "cs-tick", x: plot.x0 - 5, y: ys(t) + 3.5, "text-anchor": "end" }, formatNumber(t)));
  }
  node.append(g);
}

/** The null band: I(T;Y) below the focused layer's 95% shuffled-label level at the epoch. */
function nullBand(node, plot, ys, arrays, info, focus, e, est, shownIdx) {
  let q = NaN;
  let who = "";
  if (focus >= 0) {
    q = at(arrays.nul, focus, e, est.main);
    who = info.layers[focus];
  } else {
    for (const l of shownIdx) {
      const v = at(arrays.nul, l, e, est.main);
      if (Number.isFinite(v) && !(v <= q)) q = v;
    }
    who = "largest over the layers shown";
  }
  if (!Number.isFinite(q)) return null;
  const y = ys(Math.max(0, q));
  node.append(svg("rect", { class: "ci-null", "data-role": "null-band", "data-value": q, x: plot.x0, y, width: plot.x1 - plot.x0, height: Math.max(0, plot.y0 - y),
    "data-tip": `Shuffled labels (${info.n_permutations} permutations): 95% of the I(T;Y) estimates lie below ${formatNumber(q)} bits (${who}, epoch ${info.epochs[e]}). Values in this band are not distinguishable from chance.` }));
  const note = `shuffled labels, 95% (${who})`;
  const base = Math.min(plot.y0 - 4, y + 12);
  node.append(svg("text", { class: "ci-null-label", x: plot.x1 - 4, y: base, "text-anchor": "end" }, note));
  // its box, with a space around it: layer names keep clear of it (drawLabels)
  return { x0: plot.x1 - 4 - textWidth(note, 10) - 6, y0: base - 11, x1: plot.x1, y1: base + 4 };
}

function trajectory(l, arrays, info, scales, state) {
  const { xs, ys } = scales;
  const { est } = state;
  const E = info.epochs.length;
  const name = info.layers[l];
  const picked = state.selected.includes(name);
  const g = svg("g", { class: `ci-traj${picked ? " ci-picked" : ""}${name === state.focus ? " ci-focus" : ""}`, "data-layer": name, "data-role": "trajectory", onclick: () => state.onPick(name) });
  const pts = (b) => Array.from({ length: E }, (_, e) => [at(arrays.xt, l, e, b), at(arrays.ty, l, e, b)]).filter(([a, c]) => Number.isFinite(a) && Number.isFinite(c));
  const path = (list) => list.map(([a, c]) => `${xs(a).toFixed(1)},${ys(c).toFixed(1)}`).join(" ");
  const main = pts(est.main);
  const tip = `${name}: click to add it to the selection`;
  g.append(svg("polyline", { class: "ci-line", points: path(main) }));
  g.append(svg("polyline", { class: "ci-hit", points: path(main), "data-tip": tip }));
  for (let e = 0; e < E; e++) {
    const x = at(arrays.xt, l, e, est.main);
    const y = at(arrays.ty, l, e, est.main);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const color = epochColor(e, E);
    const hollow = (b) => arrays.sat.data.length && at(arrays.sat, l, e, b);
    if (est.low >= 0) {
      const lx = at(arrays.xt, l, e, est.low);
      const ly = at(arrays.ty, l, e, est.low);
      if (Number.isFinite(lx) && Number.isFinite(ly)) {
        g.append(svg("line", { class: "ci-range", "data-role": "range", x1: xs(lx), y1: ys(ly), x2: xs(x), y2: ys(y), stroke: color }));
        g.append(svg("circle", { class: "ci-low", cx: xs(lx), cy: ys(ly), r: 2.4, stroke: color, fill: hollow(est.low) ? "var(--cs-bg)" : "var(--cs-bg)", "data-tip": pointTip(info, arrays, l, e, est) }));
      }
    }
    if (e === state.epoch) g.append(svg("circle", { class: "ci-ring", "data-role": "epoch-ring", cx: xs(x), cy: ys(y), r: 7.5 }));
    g.append(svg("circle", { class: "ci-point", cx: xs(x), cy: ys(y), r: 4, fill: hollow(est.main) ? "var(--cs-bg)" : color, stroke: color, "data-epoch": info.epochs[e], "data-tip": pointTip(info, arrays, l, e, est) }));
  }
  if (main.length) {
    const [x, y] = main[main.length - 1];
    state.ends.push({ name, x: xs(x), y: ys(y), priority: name === state.focus ? 0 : picked ? 1 : 2 });
    for (const [a, c] of main) state.points.push([xs(a), ys(c)]);
  }
  return g;
}

const overlaps = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Boxes for layer names next to their trajectory's last point: for each name (selected
 * layers first, then in order) the first of eight spots around the point whose box
 * overlaps no box placed before, no obstacle (e.g. the points) and stays inside `bounds`;
 * a name with no such spot is left out (it shows on hover). Returns [{name, x, y, box}]
 * with (x, y) the text's start on its baseline and box = {x0, y0, x1, y1}.
 */
export function placeLabels(ends, { bounds, obstacles = [], widthOf = (t) => textWidth(t, LABEL_PX), line = 13 } = {}) {
  const placed = [];
  const taken = [...obstacles];
  const order = [...ends].sort((a, b) => a.priority - b.priority);
  for (const end of order) {
    const w = widthOf(end.name);
    const spots = [[8, 4], [8, -8], [8, 16], [-8 - w, 4], [-8 - w, -8], [-8 - w, 16], [-w / 2, -10], [-w / 2, 20]];
    for (const [dx, dy] of spots) {
      const x = end.x + dx;
      const y = end.y + dy;
      const box = { x0: x - 1, y0: y - line + 3, x1: x + w + 1, y1: y + 3 };
      if (bounds && (box.x0 < bounds.x0 || box.x1 > bounds.x1 || box.y0 < bounds.y0 || box.y1 > bounds.y1)) continue;
      if (taken.some((t) => overlaps(t, box))) continue;
      placed.push({ name: end.name, x, y, box, anchor: [end.x, end.y] });
      taken.push(box);
      break;
    }
  }
  return placed;
}

/** The layer names that fit (clicking one picks its layer too). */
function drawLabels(state, plot, note) {
  const g = svg("g", { class: "ci-labels" });
  // the points themselves are obstacles: a name never hides a point, nor the band's note
  const obstacles = state.points.map(([x, y]) => ({ x0: x - 4, y0: y - 4, x1: x + 4, y1: y + 4 }));
  if (note) obstacles.push(note);
  const bounds = { x0: plot.x0 + 2, y0: plot.y1 - 12, x1: plot.x1 + 10, y1: plot.y0 - 2 };
  // a selected name is drawn bold (ci-picked): measured so
  const widthOf = (t) => textWidth(t, LABEL_PX, state.selected.includes(t) ? "600" : "");
  for (const p of placeLabels(state.ends, { bounds, obstacles, widthOf })) {
    const picked = state.selected.includes(p.name);
    g.append(svg("text", { class: `ci-layer-label${picked ? " ci-picked" : ""}`, "data-role": "layer-label", "data-layer": p.name, x: p.x, y: p.y, "data-tip": `${p.name}: click to add it to the selection`, onclick: () => state.onPick(p.name) }, p.name));
  }
  return g;
}

export function infoPlane({ xt, ty, nul, sat, info, estimator, shown, width, height, selected, focus, epoch, onPick }) {
  const box = h("div", { class: "ci-plane-box" });
  const node = svg("svg", { class: "cs-chart ci-plane", width, height, viewBox: `0 0 ${width} ${height}`, "data-role": "plane", "data-estimator": estimator });
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
  const est = estimatesOf(estimator, info.bounds);
  const shownIdx = info.layers.map((_, l) => l).filter((l) => shown.includes(info.layers[l]));
  const note = nullBand(node, plot, ys, arrays, info, info.layers.indexOf(focus), e, est, shownIdx);
  axes(node, plot, xs, ys, xMax, yMax);
  guides(node, plot, xs, ys, info);
  const state = { selected, focus, epoch: e, onPick, est, ends: [], points: [] };
  const rank = (l) => (info.layers[l] === focus ? 2 : selected.includes(info.layers[l]) ? 1 : 0);
  for (const l of [...shownIdx].sort((a, b) => rank(a) - rank(b))) node.append(trajectory(l, arrays, info, { xs, ys }, state));
  node.append(drawLabels(state, plot, note));
  node.dataset.shown = String(shownIdx.length);
  box.append(node, epochLegend(info.epochs, width, est.low >= 0));
  const untip = attachTooltip(box);
  return { el: box, dispose: untip };
}
