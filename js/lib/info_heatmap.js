// A class x channel heatmap of the information view (panel c): cells painted on a canvas
// through a colour table (heatmap.js), class names down, channel ids across, a colour bar
// with its own scale text, marks over the selected channels and around the selected class
// row, a hover band with a tooltip,
// and onPick(channel) on click.
//
//   const map = classHeatmap({ lut, title, legendTitle, describe, onPick, role, onHover, onLeave });
//   const ms = map.render({ data, rows, cols, vmin, vmax, rowLabels, marks, rowMarks });
import { formatNumber, h, svg } from "./dom.js";
import { colorBar, paintMatrix, tickStep } from "./heatmap.js";

const MARGIN = { top: 12, right: 8, bottom: 30 };

export function classHeatmap({ lut, title, legendTitle, describe, onPick, role, onHover = () => {}, onLeave = () => {} }) {
  const canvas = h("canvas", { "data-role": `${role}-canvas` });
  const axisLayer = svg("g");
  const marksLayer = svg("g");
  const overlay = svg("svg", { class: "ci-hm-overlay" }, axisLayer, marksLayer);
  const tip = h("div", { class: "cs-tip", hidden: true, "data-role": "tooltip" });
  const plot = h("div", { class: "ci-hm-plot", "data-role": role }, canvas, overlay, tip);
  const legendBox = h("div", { class: "ci-hm-legend" });
  const head = h("div", { class: "ci-hm-title" }, title);
  const el = h("div", { class: "ci-hm" }, head, h("div", { class: "ci-hm-row" }, plot, legendBox));
  let m = null;

  const cellAt = (event) => {
    if (!m) return null;
    const rect = canvas.getBoundingClientRect();
    const col = Math.floor((event.clientX - rect.left) / m.cw);
    const row = Math.floor((event.clientY - rect.top) / m.ch);
    if (row < 0 || col < 0 || row >= m.rows || col >= m.cols) return null;
    return { row, col, value: m.data[row * m.cols + col] };
  };
  const band = (cell) => {
    const style = { class: "ci-hm-band" };
    marksLayer.replaceChildren(
      svg("rect", { ...style, x: m.left, y: MARGIN.top + cell.row * m.ch, width: m.cols * m.cw, height: m.ch }),
      svg("rect", { ...style, x: m.left + cell.col * m.cw, y: MARGIN.top, width: m.cw, height: m.rows * m.ch }),
    );
  };
  let hovered = null;
  const leave = () => {
    tip.hidden = true;
    marksLayer.replaceChildren();
    if (hovered) { hovered = null; onLeave(); }
  };
  const move = (event) => {
    const cell = cellAt(event);
    if (!cell) return leave();
    tip.textContent = describe(cell);
    tip.hidden = false;
    const rect = plot.getBoundingClientRect();
    tip.style.left = `${Math.max(0, Math.min(event.clientX - rect.left + 14, rect.width - 190))}px`;
    tip.style.top = `${event.clientY - rect.top + 14}px`;
    band(cell);
    if (!hovered || hovered.row !== cell.row || hovered.col !== cell.col) { hovered = cell; onHover(cell); }
  };
  const click = (event) => { const cell = cellAt(event); if (cell) onPick(cell.col); };
  canvas.addEventListener("pointermove", move);
  canvas.addEventListener("pointerleave", leave);
  canvas.addEventListener("click", click);

  return {
    el,
    setTitle(text) { head.textContent = text; },
    /** Paint; returns the paint time in ms. */
    render({ data, rows, cols, vmin, vmax, rowLabels, marks = [], rowMarks = [], legendTop, legendBottom, maxWidth = 560 }) {
      // room for the longest class name (CIFAR-10: "automobile") left of the cells
      const left = Math.max(30, 10 + 6.2 * Math.max(0, ...rowLabels.map((t) => String(t).length)));
      const cw = Math.max(2, Math.min(28, (maxWidth - left - MARGIN.right) / Math.max(1, cols)));
      const ch = Math.max(10, Math.min(22, 220 / Math.max(1, rows)));
      m = { data, rows, cols, cw, ch, left };
      const W = cols * cw;
      const H = rows * ch;
      const ms = paintMatrix(canvas, {
        data, rows, cols, vmin, vmax, lut,
        rowOrder: Array.from({ length: rows }, (_, i) => i), colOrder: Array.from({ length: cols }, (_, j) => j),
      }, W, H);
      Object.assign(canvas.style, { left: `${left}px`, top: `${MARGIN.top}px` });
      const width = left + W + MARGIN.right;
      const height = MARGIN.top + H + MARGIN.bottom;
      Object.assign(plot.style, { width: `${width}px`, height: `${height}px` });
      overlay.setAttribute("width", width);
      overlay.setAttribute("height", height);
      const g = svg("g", { class: "cs-axis" });
      for (let j = 0; j < cols; j += tickStep(cols, cw, 22)) {
        g.append(svg("text", { x: left + (j + 0.5) * cw, y: MARGIN.top + H + 11, "text-anchor": "middle" }, String(j)));
      }
      for (let i = 0; i < rows; i += tickStep(rows, ch, 11)) {
        g.append(svg("text", { x: left - 4, y: MARGIN.top + (i + 0.5) * ch + 3.5, "text-anchor": "end" }, rowLabels[i] ?? String(i)));
      }
      g.append(svg("text", { class: "cs-axis-title", x: left, y: MARGIN.top + H + 25 }, `channel (${cols})`));
      g.append(svg("text", { class: "cs-axis-title", x: left - 4, y: MARGIN.top - 2, "text-anchor": "end" }, "class"));
      for (const c of marks) {
        if (c >= 0 && c < cols) g.append(svg("path", { class: "ci-hm-mark", "data-role": "channel-mark", d: `M${left + (c + 0.5) * cw},${MARGIN.top - 1} l-4,-7 h8 z` }));
      }
      for (const r of rowMarks) {
        if (r >= 0 && r < rows) g.append(svg("rect", { class: "ci-hm-row-mark", "data-role": "class-mark", x: left - 1, y: MARGIN.top + r * ch - 1, width: W + 2, height: ch + 2 }));
      }
      axisLayer.replaceChildren(g);
      marksLayer.replaceChildren();
      legendBox.replaceChildren(h("div", { class: "cs-legend-title" }, legendTitle),
        h("div", { class: "ci-hm-legend-body" }, colorBar(lut, 12, Math.max(H, 90)),
          h("div", { class: "ci-hm-legend-scale", style: { height: `${Math.max(H, 90)}px` } }, h("span", null, legendTop ?? formatNumber(vmax)), h("span", null, legendBottom ?? formatNumber(vmin)))));
      plot.dataset.rows = String(rows);
      plot.dataset.cols = String(cols);
      return ms;
    },
    dispose() {
      canvas.removeEventListener("pointermove", move);
      canvas.removeEventListener("pointerleave", leave);
      canvas.removeEventListener("click", click);
    },
  };
}
