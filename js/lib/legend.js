// A vertical colour legend with ticks: the colour table as a bar (top = high), tick marks
// and values at round numbers beside it, a title above. Used by the layer view's heatmap
// and the information view's class x channel heatmaps.
//
//   el = colorLegend({ lut, vmin, vmax, height, title, ticks, format, role });
//   ticks: optional [{value, label}] (default round numbers between vmin and vmax).
import { niceTicks } from "./charts.js";
import { formatNumber, h, svg, textWidth } from "./dom.js";
import { colorBar } from "./heatmap.js";

const BAR = 12;

/** Round ticks over [vmin, vmax] with both ends, about one per 28 px of `height`. */
export function legendTicks(vmin, vmax, height, format = formatNumber) {
  if (!(vmax > vmin)) return [{ value: vmin, label: format(vmin) }];
  const inner = niceTicks(vmin, vmax, Math.max(2, Math.floor(height / 28)));
  const near = (v) => Math.abs(v - vmin) < (vmax - vmin) * 0.08 || Math.abs(v - vmax) < (vmax - vmin) * 0.08;
  const values = [vmin, ...inner.filter((v) => v > vmin && v < vmax && !near(v)), vmax];
  return values.map((value) => ({ value, label: format(value) }));
}

/** Width in px of a legend whose widest tick label is `labels` (for layouts). */
export function legendWidth(labels) {
  return BAR + 8 + Math.ceil(Math.max(24, ...labels.map((t) => textWidth(t, 10)))) + 2;
}

export function colorLegend({ lut, vmin, vmax, height, title, ticks = null, format = formatNumber, role = "legend" }) {
  const list = ticks ?? legendTicks(vmin, vmax, height, format);
  const width = legendWidth(list.map((t) => t.label));
  const y = (v) => (vmax > vmin ? 5 + (1 - (v - vmin) / (vmax - vmin)) * height : 5 + height);
  const scale = svg("svg", { class: "cs-legend-ticks", width, height: height + 10, "data-role": "legend-ticks" });
  for (const t of list) {
    const ty = y(t.value);
    scale.append(svg("line", { x1: BAR, x2: BAR + 4, y1: ty, y2: ty }));
    scale.append(svg("text", { x: BAR + 6, y: ty + 3.5 }, t.label));
  }
  const bar = colorBar(lut, BAR, height);
  bar.classList.add("cs-legend-bar");
  return h("div", { class: "cs-color-legend", "data-role": role },
    h("div", { class: "cs-legend-title" }, title),
    h("div", { class: "cs-legend-body", style: { width: `${width}px`, height: `${height + 10}px` } }, bar, scale));
}
