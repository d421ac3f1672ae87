// Small multiples: one compact line chart per channel, one line per class, shared axes
// (channel view, paper 5.4.1). A scrolling grid keeps 100+ channels readable.
//
//   const grid = smallMultiples({ onPick: (channel) => ..., onHover: (channel|null) => ... });
//   grid.setData({ entropy, epochs, colors });   // entropy: decoded (channel, class, epoch)
//   grid.setEpoch(3); grid.setClass(2); grid.setChosen([5]);
import { formatNumber, h, svg } from "./dom.js";

const W = 128;
const H = 72;
const PAD = { left: 5, right: 5, top: 17, bottom: 5 };

/** A round top for the shared y axis: 0.5-bit steps. */
export function niceMax(v) {
  return Number.isFinite(v) && v > 0 ? Math.ceil(v * 2) / 2 : 1;
}

function scales(epochs, yMax) {
  const lo = epochs[0];
  const hi = epochs[epochs.length - 1];
  const x = (e) => (hi === lo ? (W / 2) : PAD.left + ((e - lo) / (hi - lo)) * (W - PAD.left - PAD.right));
  const y = (v) => H - PAD.bottom - (v / yMax) * (H - PAD.top - PAD.bottom);
  return { x, y };
}

function chart(channel, entropy, epochs, colors, sc) {
  const [, nClasses, nEpochs] = entropy.shape;
  const base = channel * nClasses * nEpochs;
  const lines = [];
  for (let k = 0; k < nClasses; k++) {
    const pts = [];
    for (let t = 0; t < nEpochs; t++) {
      const v = entropy.data[base + k * nEpochs + t];
      if (Number.isFinite(v)) pts.push(`${sc.x(epochs[t]).toFixed(1)},${sc.y(v).toFixed(1)}`);
    }
    const attrs = { "data-class": k, stroke: colors[k], fill: "none", "stroke-width": 1.3 };
    lines.push(nEpochs > 1
      ? svg("polyline", { ...attrs, points: pts.join(" ") })
      : svg("circle", { ...attrs, fill: colors[k], cx: pts[0]?.split(",")[0] ?? -9, cy: pts[0]?.split(",")[1] ?? -9, r: 2 }));
  }
  const marker = svg("line", { class: "cs-sm-epoch", y1: PAD.top - 2, y2: H - PAD.bottom });
  const frame = svg("rect", { class: "cs-sm-frame", x: 0.5, y: 0.5, width: W - 1, height: H - 1, rx: 3 });
  const grid = svg("line", { class: "cs-sm-grid", x1: PAD.left, x2: W - PAD.right, y1: sc.y(0), y2: sc.y(0) });
  const title = svg("text", { class: "cs-sm-title", x: 6, y: 12 }, `ch ${channel}`);
  const el = h("div", { class: "cs-sm", "data-channel": channel, role: "button", tabindex: 0, title: `channel ${channel}: click to see its deconvnet projections` },
    svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}` }, frame, grid, marker, ...lines, title));
  return { el, marker };
}

export function smallMultiples({ onPick, onHover }) {
  const axis = h("div", { class: "cs-sm-axis", "data-role": "sm-axis" });
  const grid = h("div", { class: "cs-sm-grid-box", "data-role": "small-multiples", style: { gridTemplateColumns: `repeat(auto-fill, ${W}px)` } });
  const el = h("div", { class: "cs-sm-box" }, axis, grid);
  let charts = [];
  let sc = null;
  let epochs = [];
  const pickFrom = (event) => event.target.closest?.(".cs-sm");
  grid.addEventListener("click", (event) => { const c = pickFrom(event); if (c) onPick(Number(c.dataset.channel)); });
  grid.addEventListener("keydown", (event) => {
    const c = pickFrom(event);
    if (c && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); onPick(Number(c.dataset.channel)); }
  });
  grid.addEventListener("pointerover", (event) => { const c = pickFrom(event); onHover(c ? Number(c.dataset.channel) : null); });
  grid.addEventListener("pointerleave", () => onHover(null));

  return {
    el,
    setData({ entropy, epochs: list, colors, yMaxValue }) {
      epochs = list;
      const yMax = niceMax(yMaxValue);
      sc = scales(epochs, yMax);
      charts = [];
      for (let c = 0; c < entropy.shape[0]; c++) charts.push(chart(c, entropy, epochs, colors, sc));
      grid.replaceChildren(...charts.map((ch) => ch.el));
      const span = epochs.length > 1 ? `epochs ${epochs[0]}–${epochs[epochs.length - 1]}` : `epoch ${epochs[0]}`;
      axis.textContent = `Intra-sample entropy over training, one line per class · shared axes: y 0–${formatNumber(yMax)} bits, x ${span}`;
    },
    setEpoch(epoch) {
      if (!sc) return;
      const x = sc.x(epoch);
      for (const ch of charts) { ch.marker.setAttribute("x1", x); ch.marker.setAttribute("x2", x); }
    },
    setClass(classIndex) {
      grid.dataset.focusClass = classIndex ?? "";
      grid.classList.toggle("cs-sm-focus", classIndex !== null && classIndex !== undefined);
      for (const line of grid.querySelectorAll("[data-class]")) {
        line.classList.toggle("cs-sm-on", Number(line.dataset.class) === classIndex);
      }
    },
    setChosen(channels) {
      const chosen = new Set(channels);
      charts.forEach((ch, c) => ch.el.classList.toggle("cs-chosen", chosen.has(c)));
    },
    setHovered(channel) {
      charts.forEach((ch, c) => ch.el.classList.toggle("cs-hovered", c === channel));
    },
  };
}
