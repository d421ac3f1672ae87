// Box plots of per-channel mutual information over epochs (the information view's panel b):
// one box per recorded epoch over the channels of a layer (quartiles, median, whiskers to
// the furthest value within 1.5 IQR, points beyond), the mean shuffled-label 95% level as a
// dashed line, the selected epoch highlighted. Clicking a box calls onPick(epoch).
//
//   boxPlot({ values, epochs, nChannels, nullLevel, yMax, width, height, epoch, onPick, title })
//   values: Float32Array (epoch, channel) row-major.
import { niceTicks } from "./charts.js";
import { formatNumber, h, linearScale, svg } from "./dom.js";
import { epochColor, epochPosition } from "./info_plane.js";

const MARGIN = { left: 46, right: 10, top: 22, bottom: 38 };

/** Linear-interpolated quantile q of sorted values. */
export function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** Five-number summary with Tukey whiskers and the outliers beyond them. */
export function boxStats(values) {
  const v = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  const q1 = quantile(v, 0.25);
  const q3 = quantile(v, 0.75);
  const reach = 1.5 * (q3 - q1);
  const inside = v.filter((x) => x >= q1 - reach && x <= q3 + reach);
  return {
    n: v.length, min: v[0], max: v[v.length - 1], q1, median: quantile(v, 0.5), q3,
    lo: inside[0], hi: inside[inside.length - 1],
    outliers: v.filter((x) => x < q1 - reach || x > q3 + reach),
  };
}

function boxTip(s, epoch, nul) {
  const lines = [
    `epoch ${epoch} · ${s.n} channel${s.n === 1 ? "" : "s"}`,
    `median ${formatNumber(s.median)} bits`,
    `quartiles ${formatNumber(s.q1)} – ${formatNumber(s.q3)}`,
    `range ${formatNumber(s.min)} – ${formatNumber(s.max)}`,
  ];
  if (Number.isFinite(nul)) lines.push(`shuffled labels 95% (mean over channels): ${formatNumber(nul)}`);
  lines.push("click: select this epoch");
  return lines.join("\n");
}

export function boxPlot({ values, epochs, nChannels, nullLevel, yMax, width, height, epoch, onPick, title }) {
  const node = svg("svg", { class: "cs-chart ci-boxes", width, height, viewBox: `0 0 ${width} ${height}`, "data-role": "boxes" });
  node.append(svg("text", { class: "cs-chart-title", x: MARGIN.left, y: 13 }, title));
  const plot = { x0: MARGIN.left, x1: width - MARGIN.right, y0: height - MARGIN.bottom, y1: MARGIN.top };
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
    node.append(svg(nulPts.length > 1 ? "polyline" : "line", nulPts.length > 1
      ? { class: "ci-null-line", "data-role": "null-line", points: nulPts.map(([x, v]) => `${x.toFixed(1)},${ys(v).toFixed(1)}`).join(" ") }
      : { class: "ci-null-line", "data-role": "null-line", x1: nulPts[0][0] - band / 2, x2: nulPts[0][0] + band / 2, y1: ys(nulPts[0][1]), y2: ys(nulPts[0][1]) }));
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
  const legend = h("div", { class: "ci-box-legend", style: { marginLeft: `${MARGIN.left}px` } },
    h("span", null, h("i", { class: "ci-key-null" }), "shuffled labels, 95% (mean over channels)"),
    h("span", null, "box: quartiles and median over channels; whiskers 1.5 IQR"));
  return h("div", { class: "ci-boxes-box" }, node, legend);
}
