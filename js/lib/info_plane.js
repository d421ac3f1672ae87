// The information plane of the information view (Python: widgets/information.py): I(X;T)
// across, I(T;Y) up, one trajectory per layer through the recorded epochs, points coloured
// by epoch (viridis, a legend below), the KDE drawn as a band between its lower and upper
// bound, saturated estimates hollow, the shuffled-label (permutation null) level of the
// focused layer shaded, the selected epoch ringed. Clicking a trajectory calls onPick(layer).
//
//   const node = infoPlane({ xt, ty, nul, sat, info, width, height, selected, epoch, onPick });
//   xt, ty, nul, sat: decoded (layer, epoch, bound) arrays; info: the view's plane_info.
import { attachTooltip, niceTicks } from "./charts.js";
import { rgb, viridis } from "./colors.js";
import { formatNumber, h, linearScale, svg } from "./dom.js";

const MARGIN = { left: 46, right: 14, top: 14, bottom: 38 };

/** Colour of the i-th of n epochs (viridis, dark = early). */
export function epochColor(i, n) {
  return rgb(viridis(n > 1 ? i / (n - 1) : 1));
}

/** Value at (layer l, epoch e, bound b) of a decoded (L, E, B) array. */
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

/** The null band: I(T;Y) below the focused layer's 95% shuffled-label level at the epoch. */
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
  node.append(svg("rect", { class: "ci-null", "data-role": "null-band", "data-value": q, x: plot.x0, y, width: plot.x1 - plot.x0, height: Math.max(0, plot.y0 - y),
    "data-tip": `Shuffled labels (${info.n_permutations} permutations): 95% of the I(T;Y) estimates lie below ${formatNumber(q)} bits (${who}, epoch ${info.epochs[e]}). Values in this band are not distinguishable from chance.` }));
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

/**
 * Layer names next to each trajectory's last point, moved down in steps of a line where
 * they would overlap a name already placed (a leader line then joins name and point).
 */
export function placeLabels(labels, { line = 12, charWidth = 6.2 } = {}) {
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

/** The layer names on top of every trajectory (clicking one selects its layer too). */
function drawLabels(labels, state) {
  const g = svg("g", { class: "ci-labels" });
  for (const p of placeLabels(labels)) {
    const picked = state.selected.includes(p.name);
    if (p.moved) g.append(svg("line", { class: "ci-leader", x1: p.x + 2, y1: p.y0, x2: p.x + 6, y2: p.y - 4 }));
    g.append(svg("text", { class: `ci-layer-label${picked ? " ci-picked" : ""}`, "data-layer": p.name, x: p.x + 7, y: p.y, "data-tip": `${p.name}: click to select`, onclick: () => state.onPick(p.name) }, p.name));
  }
  return g;
}

export function infoPlane({ xt, ty, nul, sat, info, width, height, selected, epoch, onPick }) {
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
