// Small multiples: one compact line chart per channel, one line per class, shared axes
// (channel view, paper 5.4.1), each with its y ticks. The grid fits the width it is given
// (gridLayout) and grows down: every channel shows, none scrolls inside the view.
//
//   const grid = smallMultiples({ onPick: (channel) => ..., onHover: (channel|null) => ... });
//   grid.setData({ entropy, epochs, colors });   // entropy: decoded (channel, class, epoch)
//   grid.setEpoch(3); grid.setClass(2); grid.setChosen([5]);
import { formatNumber, h, svg } from "./dom.js";

const GAP = 5;
const MIN_W = 92; // narrowest chart: room for the y tick labels and a readable line
const MAX_W = 150;

/** A round top for the shared y axis: 0.5-bit steps. */
export function niceMax(v) {
  return Number.isFinite(v) && v > 0 ? Math.ceil(v * 2) / 2 : 1;
}

/**
 * Chart size for n charts in a grid `width` px wide: as many columns as fit charts of at
 * least MIN_W px (wider up to MAX_W when there are few), height 0.6 of the width. The grid
 * grows down; it never scrolls inside itself.
 */
export function gridLayout(n, width) {
  const fit = Math.max(1, Math.floor((width + GAP) / (MIN_W + GAP)));
  const columns = Math.max(1, Math.min(n, fit));
  const w = Math.floor(Math.min(MAX_W, (width - GAP * (columns - 1)) / columns));
  return { columns, w, h: Math.max(56, Math.round(w * 0.6)) };
}

function scales(epochs, yMax, w, hh) {
  const pad = { left: 22, right: 5, top: 19, bottom: 5 }; // top: the y axis's top tick clears the title
  const lo = epochs[0];
  const hi = epochs[epochs.length - 1];
  const x = (e) => (hi === lo ? (pad.left + w - pad.right) / 2 : pad.left + ((e - lo) / (hi - lo)) * (w - pad.left - pad.right));
  const y = (v) => hh - pad.bottom - (v / yMax) * (hh - pad.top - pad.bottom);
  return { x, y, w, h: hh, pad, yMax };
}

function chart(channel, entropy, epochs, colors, sc) {
  const [, nClasses, nEpochs] = entropy.shape;
  const { w, h: hh, pad } = sc;
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
  const marker = svg("line", { class: "cs-sm-epoch", y1: pad.top - 2, y2: hh - pad.bottom });
  const frame = svg("rect", { class: "cs-sm-frame", x: 0.5, y: 0.5, width: w - 1, height: hh - 1, rx: 3 });
  const ticks = [0, sc.yMax / 2, sc.yMax].map((v) => svg("g", { class: "cs-sm-ytick", "data-role": "y-tick" },
    svg("line", { class: "cs-sm-grid", x1: pad.left - 2, x2: w - pad.right, y1: sc.y(v), y2: sc.y(v) }),
    svg("text", { x: pad.left - 4, y: sc.y(v) + 3, "text-anchor": "end" }, formatNumber(v))));
  const title = svg("text", { class: "cs-sm-title", x: 6, y: 11 }, `ch ${channel}`);
  const el = h("div", { class: "cs-sm", "data-channel": channel, role: "button", tabindex: 0, title: `channel ${channel}: click to see its deconvnet projections` },
    svg("svg", { width: w, height: hh, viewBox: `0 0 ${w} ${hh}` }, frame, ...ticks, marker, ...lines, title));
  return { el, marker };
}

export function smallMultiples({ onPick, onHover }) {
  const axis = h("div", { class: "cs-sm-axis", "data-role": "sm-axis" });
  const grid = h("div", { class: "cs-sm-grid-box", "data-role": "small-multiples" });
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
    setData({ entropy, epochs: list, colors, yMaxValue, width = 560 }) {
      epochs = list;
      const yMax = niceMax(yMaxValue);
      const lay = gridLayout(entropy.shape[0], width);
      grid.style.gridTemplateColumns = `repeat(${lay.columns}, ${lay.w}px)`;
      sc = scales(epochs, yMax, lay.w, lay.h);
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
