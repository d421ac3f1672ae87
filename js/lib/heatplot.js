// An interactive matrix heatmap (the layer view's): cells on a canvas, channel ids as tick
// labels in display order, axis titles, marks for chosen channels, hover bands, a picked
// cell, a colour bar, a tooltip and a "computing" overlay.
//
//   const plot = heatPlot({ lut, describe, onHover, onLeave, onPick });
//   const ms = plot.render({ data, rows, cols, rowOrder, colOrder, vmin, vmax, xTitle, yTitle, marks });
//   plot.setPicked([column channel, row channel]); plot.setBusy("Computing...");
import { formatNumber, h, svg } from "./dom.js";
import { cellSize, colorBar, paintMatrix, tickStep } from "./heatmap.js";

const MARGIN = { left: 46, top: 10, right: 10, bottom: 44 };

/** Tick labels (channel ids in display order), axis titles and chosen-channel marks. */
function axes(m) {
  const W = m.cols * m.cw;
  const H = m.rows * m.ch;
  const g = svg("g", { class: "cs-axis" });
  for (let j = 0; j < m.cols; j += tickStep(m.cols, m.cw, 24)) {
    g.append(svg("text", { x: MARGIN.left + (j + 0.5) * m.cw, y: MARGIN.top + H + 12, "text-anchor": "middle" }, String(m.colOrder[j])));
  }
  for (let i = 0; i < m.rows; i += tickStep(m.rows, m.ch, 12)) {
    g.append(svg("text", { x: MARGIN.left - 4, y: MARGIN.top + (i + 0.5) * m.ch + 3.5, "text-anchor": "end" }, String(m.rowOrder[i])));
  }
  const cy = MARGIN.top + H / 2;
  g.append(svg("text", { class: "cs-axis-title", x: MARGIN.left, y: MARGIN.top + H + 30 }, m.xTitle));
  g.append(svg("text", { class: "cs-axis-title", x: 11, y: cy, "text-anchor": "middle", transform: `rotate(-90 11 ${cy})` }, m.yTitle));
  for (const c of m.marks || []) {
    const j = m.colOrder.indexOf(c);
    if (j >= 0) g.append(svg("path", { class: "cs-mark", d: `M${MARGIN.left + (j + 0.5) * m.cw},${MARGIN.top - 1} l-4,-7 h8 z` }));
    const i = m.rowOrder.indexOf(c);
    if (i >= 0) g.append(svg("path", { class: "cs-mark", d: `M${MARGIN.left + W + 1},${MARGIN.top + (i + 0.5) * m.ch} l7,-4 v8 z` }));
  }
  return g;
}

/** A cell outline readable on any colour of the scale: white under black. */
function cellRect(m, i, j, picked) {
  const box = { x: MARGIN.left + j * m.cw, y: MARGIN.top + i * m.ch, width: Math.max(m.cw, 1), height: Math.max(m.ch, 1), fill: "none" };
  const wide = picked ? 4 : 3;
  return svg("g", { class: picked ? "cs-picked" : "cs-hover" },
    svg("rect", { ...box, stroke: "#fff", "stroke-width": wide }),
    svg("rect", { ...box, stroke: "#111", "stroke-width": wide / 2.5 }));
}

/** Light bands along the hovered row and column. */
function bands(m, i, j) {
  const style = { class: "cs-band" };
  return [
    svg("rect", { ...style, x: MARGIN.left, y: MARGIN.top + i * m.ch, width: m.cols * m.cw, height: Math.max(m.ch, 1) }),
    svg("rect", { ...style, x: MARGIN.left + j * m.cw, y: MARGIN.top, width: Math.max(m.cw, 1), height: m.rows * m.ch }),
  ];
}

function legend(lut, vmax, height) {
  return h("div", { class: "cs-legend", "data-role": "legend", title: "Channel capacity in bits: darker = more shared information, brighter = less" },
    h("div", { class: "cs-legend-title" }, "bits"),
    h("div", { class: "cs-legend-body" }, colorBar(lut, 14, height),
      h("div", { class: "cs-legend-scale", style: { height: `${height}px` } }, h("span", null, formatNumber(vmax)), h("span", null, "0"))));
}

export function heatPlot({ lut, describe, onHover, onLeave, onPick }) {
  const canvas = h("canvas", { "data-role": "heatmap" });
  const axisLayer = svg("g");
  const marksLayer = svg("g");
  const overlay = svg("svg", {}, axisLayer, marksLayer);
  const tip = h("div", { class: "cs-tip", hidden: true, "data-role": "tooltip" });
  const busy = h("div", { class: "cs-busy", hidden: true, "data-role": "busy" });
  const plot = h("div", { class: "cs-plot", "data-role": "plot" }, canvas, overlay, tip, busy);
  const legendBox = h("div");
  const el = h("div", { class: "cs-plot-row" }, plot, legendBox);
  let m = null;
  let hover = null;
  let picked = [];

  const drawMarks = () => {
    const children = [];
    if (m && hover) children.push(...bands(m, hover.i, hover.j), cellRect(m, hover.i, hover.j, false));
    if (m && picked.length === 2) {
      const j = m.colOrder.indexOf(picked[0]);
      const i = m.rowOrder.indexOf(picked[1]);
      if (i >= 0 && j >= 0) children.push(cellRect(m, i, j, true));
    }
    marksLayer.replaceChildren(...children);
  };

  const cellAt = (event) => {
    if (!m) return null;
    const rect = canvas.getBoundingClientRect();
    const j = Math.floor((event.clientX - rect.left) / m.cw);
    const i = Math.floor((event.clientY - rect.top) / m.ch);
    if (i < 0 || j < 0 || i >= m.rows || j >= m.cols) return null;
    const col = m.colOrder[j];
    const row = m.rowOrder[i];
    return { i, j, col, row, value: m.data[row * m.cols + col] };
  };

  const leave = () => {
    tip.hidden = true;
    if (!hover) return;
    hover = null;
    drawMarks();
    onLeave();
  };
  const move = (event) => {
    const cell = cellAt(event);
    if (!cell) return leave();
    tip.replaceChildren(...describe(cell));
    tip.hidden = false;
    const rect = plot.getBoundingClientRect();
    tip.style.left = `${Math.min(event.clientX - rect.left + 14, rect.width - 150)}px`;
    tip.style.top = `${event.clientY - rect.top + 14}px`;
    if (hover && hover.i === cell.i && hover.j === cell.j) return;
    hover = cell;
    drawMarks();
    onHover(cell);
  };
  const click = (event) => { const cell = cellAt(event); if (cell) onPick(cell); };
  canvas.addEventListener("pointermove", move);
  canvas.addEventListener("pointerleave", leave);
  canvas.addEventListener("click", click);

  return {
    el,
    plot,
    /** Paint m; returns the paint time in ms. */
    render(next) {
      const { cw, ch } = cellSize(next.rows, next.cols);
      m = { ...next, cw, ch };
      const W = m.cols * cw;
      const H = m.rows * ch;
      const ms = paintMatrix(canvas, { ...m, lut }, W, H);
      Object.assign(canvas.style, { left: `${MARGIN.left}px`, top: `${MARGIN.top}px` });
      const width = MARGIN.left + Math.max(W, 230) + MARGIN.right;
      const height = MARGIN.top + H + MARGIN.bottom;
      Object.assign(plot.style, { width: `${width}px`, height: `${height}px` });
      overlay.setAttribute("width", width);
      overlay.setAttribute("height", height);
      axisLayer.replaceChildren(axes(m));
      if (hover && (hover.i >= m.rows || hover.j >= m.cols)) hover = null;
      drawMarks();
      legendBox.replaceChildren(legend(lut, m.vmax, Math.max(H, 120)));
      return ms;
    },
    get width() { return m ? MARGIN.left + Math.max(m.cols * m.cw, 230) + MARGIN.right + 60 : 0; },
    setPicked(next) { picked = next || []; drawMarks(); },
    setBusy(text) { busy.textContent = text; busy.hidden = !text; },
    dispose() {
      canvas.removeEventListener("pointermove", move);
      canvas.removeEventListener("pointerleave", leave);
      canvas.removeEventListener("click", click);
    },
  };
}
