// An interactive matrix heatmap (the layer view's): cells on a canvas, channel ids as tick
// labels in display order, axis titles, marks for chosen channels, hover bands, a picked
// cell, a colour legend with ticks, a tooltip and a "computing" overlay. It draws to the
// width it is given, and zooms: drag a rectangle to show only those rows and columns
// (every id labelled once they fit), double-click or "whole matrix" to zoom out. A click
// that does not move picks a cell; a click on the last pixel of the plot still hits the
// edge row or column.
//
//   const plot = heatPlot({ lut, describe, onHover, onLeave, onPick });
//   const ms = plot.render({ data, rows, cols, rowOrder, colOrder, vmin, vmax, xTitle, yTitle,
//                            marks, width });
//   plot.setPicked([column channel, row channel]); plot.setBusy("Computing...");
import { formatNumber, h, svg } from "./dom.js";
import { paintMatrix, tickStep } from "./heatmap.js";
import { colorLegend, legendTicks, legendWidth } from "./legend.js";

const MARGIN = { left: 46, top: 10, right: 10, bottom: 44 };
const DRAG = 4; // px a pointer moves before a press becomes a zoom rectangle

/**
 * Cell sizes for a window of rows x cols cells in a plot `width` px wide: each axis on its
 * own (cells are oblong when one layer has far more channels), at most 36 px, the cells
 * at most width - margins across and `maxHeight` px (default: as wide, up to 520) down.
 */
export function fitCells(rows, cols, width, maxHeight = null) {
  const across = Math.max(40, width - MARGIN.left - MARGIN.right);
  const down = maxHeight ?? Math.min(520, across);
  return { cw: Math.min(36, across / Math.max(cols, 1)), ch: Math.min(36, down / Math.max(rows, 1)) };
}

/** The cell index under offset `px` along an axis of n cells of size `cell` (edges clamp). */
export function cellIndex(px, cell, n) {
  if (px < -1 || px > n * cell + 1) return -1;
  return Math.min(n - 1, Math.max(0, Math.floor(px / cell)));
}

function axes(m) {
  const W = m.cols * m.cw;
  const H = m.rows * m.ch;
  const g = svg("g", { class: "cs-axis" });
  for (let j = 0; j < m.cols; j += tickStep(m.cols, m.cw, 24)) {
    g.append(svg("text", { x: MARGIN.left + (j + 0.5) * m.cw, y: MARGIN.top + H + 12, "text-anchor": "middle", "data-axis": "x" }, String(m.colOrder[m.j0 + j])));
  }
  for (let i = 0; i < m.rows; i += tickStep(m.rows, m.ch, 12)) {
    g.append(svg("text", { x: MARGIN.left - 4, y: MARGIN.top + (i + 0.5) * m.ch + 3.5, "text-anchor": "end", "data-axis": "y" }, String(m.rowOrder[m.i0 + i])));
  }
  const cy = MARGIN.top + H / 2;
  g.append(svg("text", { class: "cs-axis-title", x: MARGIN.left, y: MARGIN.top + H + 30 }, m.xTitle));
  g.append(svg("text", { class: "cs-axis-title", x: 11, y: cy, "text-anchor": "middle", transform: `rotate(-90 11 ${cy})` }, m.yTitle));
  for (const c of m.marks || []) {
    const j = m.colOrder.indexOf(c) - m.j0;
    if (j >= 0 && j < m.cols) g.append(svg("path", { class: "cs-mark", d: `M${MARGIN.left + (j + 0.5) * m.cw},${MARGIN.top - 1} l-4,-7 h8 z` }));
    const i = m.rowOrder.indexOf(c) - m.i0;
    if (i >= 0 && i < m.rows) g.append(svg("path", { class: "cs-mark", d: `M${MARGIN.left + W + 1},${MARGIN.top + (i + 0.5) * m.ch} l7,-4 v8 z` }));
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

export function heatPlot({ lut, describe, onHover, onLeave, onPick }) {
  const canvas = h("canvas", { "data-role": "heatmap" });
  const axisLayer = svg("g");
  const marksLayer = svg("g");
  const brushRect = svg("rect", { class: "cs-brush", "data-role": "brush", visibility: "hidden" });
  const overlay = svg("svg", {}, axisLayer, marksLayer, brushRect);
  const tip = h("div", { class: "cs-tip", hidden: true, "data-role": "tooltip" });
  const busy = h("div", { class: "cs-busy", hidden: true, "data-role": "busy" });
  const plot = h("div", { class: "cs-plot", "data-role": "plot" }, canvas, overlay, tip, busy);
  const zoomText = h("span", { "data-role": "zoom-text" });
  const zoomOut = h("button", { type: "button", class: "cs-link", "data-action": "zoom-out", hidden: true }, "whole matrix");
  const zoomBar = h("div", { class: "cs-zoom-bar", "data-role": "zoom" }, zoomText, zoomOut);
  const legendBox = h("div");
  const el = h("div", { class: "cs-heat" }, zoomBar, h("div", { class: "cs-plot-row" }, plot, legendBox));
  let m = null;
  let last = null; // the last render's arguments, for zooming
  let zoom = null; // {rows: [a, b), cols: [c, d)} in display positions, or null
  let hover = null;
  let picked = [];
  let press = null;

  const drawMarks = () => {
    const children = [];
    if (m && hover) children.push(...bands(m, hover.i, hover.j), cellRect(m, hover.i, hover.j, false));
    if (m && picked.length === 2) {
      const j = m.colOrder.indexOf(picked[0]) - m.j0;
      const i = m.rowOrder.indexOf(picked[1]) - m.i0;
      if (i >= 0 && j >= 0 && i < m.rows && j < m.cols) children.push(cellRect(m, i, j, true));
    }
    marksLayer.replaceChildren(...children);
  };

  const cellAt = (event) => {
    if (!m) return null;
    const rect = canvas.getBoundingClientRect();
    const j = cellIndex(event.clientX - rect.left, m.cw, m.cols);
    const i = cellIndex(event.clientY - rect.top, m.ch, m.rows);
    if (i < 0 || j < 0) return null;
    const col = m.colOrder[m.j0 + j];
    const row = m.rowOrder[m.i0 + i];
    return { i, j, col, row, value: m.data[row * m.stride + col] };
  };

  const leave = () => {
    tip.hidden = true;
    if (!hover) return;
    hover = null;
    drawMarks();
    onLeave();
  };
  const showBrush = (a, b) => {
    const x = Math.min(a.x, b.x);
    const y = Math.min(a.y, b.y);
    Object.entries({ x: MARGIN.left + x, y: MARGIN.top + y, width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y), visibility: "visible" })
      .forEach(([k, v]) => brushRect.setAttribute(k, v));
  };
  const local = (event) => {
    const rect = canvas.getBoundingClientRect();
    return { x: Math.min(Math.max(0, event.clientX - rect.left), rect.width), y: Math.min(Math.max(0, event.clientY - rect.top), rect.height) };
  };
  const move = (event) => {
    if (press) {
      const p = local(event);
      if (press.dragging || Math.hypot(p.x - press.x, p.y - press.y) > DRAG) {
        press.dragging = true;
        tip.hidden = true;
        showBrush(press, p);
        return;
      }
    }
    const cell = cellAt(event);
    if (!cell) return leave();
    tip.replaceChildren(...describe(cell));
    tip.hidden = false;
    const rect = plot.getBoundingClientRect();
    tip.style.left = `${Math.max(0, Math.min(event.clientX - rect.left + 14, rect.width - 170))}px`;
    tip.style.top = `${event.clientY - rect.top + 14}px`;
    if (hover && hover.i === cell.i && hover.j === cell.j) return;
    hover = cell;
    drawMarks();
    onHover(cell);
  };
  const down = (event) => {
    if (event.button !== 0 || !m) return;
    press = { ...local(event), dragging: false };
    canvas.setPointerCapture?.(event.pointerId);
  };
  const up = (event) => {
    if (!press) return;
    const start = press;
    press = null;
    brushRect.setAttribute("visibility", "hidden");
    if (!start.dragging) {
      const cell = cellAt(event);
      if (cell) onPick(cell);
      return;
    }
    const end = local(event);
    const a = (v, c, n) => Math.max(0, Math.min(n - 1, Math.floor(v / c)));
    const j0 = a(Math.min(start.x, end.x), m.cw, m.cols);
    const j1 = a(Math.max(start.x, end.x), m.cw, m.cols) + 1;
    const i0 = a(Math.min(start.y, end.y), m.ch, m.rows);
    const i1 = a(Math.max(start.y, end.y), m.ch, m.rows) + 1;
    if (j1 - j0 < 2 && i1 - i0 < 2) return;
    setZoom({ rows: [m.i0 + i0, m.i0 + i1], cols: [m.j0 + j0, m.j0 + j1] });
  };
  const setZoom = (next) => {
    zoom = next;
    hover = null;
    if (last) paint(last);
  };
  zoomOut.addEventListener("click", () => setZoom(null));
  canvas.addEventListener("dblclick", () => setZoom(null));
  canvas.addEventListener("pointermove", move);
  canvas.addEventListener("pointerleave", () => { if (!press) leave(); });
  canvas.addEventListener("pointerdown", down);
  canvas.addEventListener("pointerup", up);

  function paint(next) {
    const [i0, i1] = zoom ? zoom.rows : [0, next.rows];
    const [j0, j1] = zoom ? zoom.cols : [0, next.cols];
    const rows = Math.min(i1, next.rows) - i0;
    const cols = Math.min(j1, next.cols) - j0;
    const ticks = legendTicks(next.vmin, next.vmax, 140);
    const plotWidth = Math.max(200, (next.width || 600) - legendWidth(ticks.map((t) => t.label)) - 12);
    const { cw, ch } = fitCells(rows, cols, plotWidth, next.maxHeight);
    m = { ...next, stride: next.cols, rows, cols, i0, j0, cw, ch };
    const W = cols * cw;
    const H = rows * ch;
    const ms = paintMatrix(canvas, {
      data: next.data, rows, cols, stride: next.cols, vmin: next.vmin, vmax: next.vmax, lut,
      rowOrder: next.rowOrder.slice(i0, i0 + rows), colOrder: next.colOrder.slice(j0, j0 + cols),
    }, W, H);
    Object.assign(canvas.style, { left: `${MARGIN.left}px`, top: `${MARGIN.top}px` });
    const width = MARGIN.left + W + MARGIN.right;
    const height = MARGIN.top + H + MARGIN.bottom;
    Object.assign(plot.style, { width: `${width}px`, height: `${height}px` });
    overlay.setAttribute("width", width);
    overlay.setAttribute("height", height);
    axisLayer.replaceChildren(axes(m));
    if (hover && (hover.i >= m.rows || hover.j >= m.cols)) hover = null;
    drawMarks();
    legendBox.replaceChildren(colorLegend({ lut, vmin: next.vmin, vmax: next.vmax, height: Math.max(Math.min(H, 300), 120), title: "bits", ticks: legendTicks(next.vmin, next.vmax, Math.max(Math.min(H, 300), 120)) }));
    const zoomed = Boolean(zoom);
    zoomOut.hidden = !zoomed;
    zoomText.textContent = zoomed
      ? `rows ${i0 + 1}–${i0 + rows} and columns ${j0 + 1}–${j0 + cols} of ${next.rows} x ${next.cols} · `
      : next.rows * next.cols > 256 ? "drag over the heatmap to zoom in" : "";
    Object.assign(plot.dataset, { zoomed: String(zoomed), shownRows: String(rows), shownCols: String(cols) });
    return ms;
  }

  return {
    el,
    plot,
    /** Paint `next` (kept zoomed if its size matches); returns the paint time in ms. */
    render(next) {
      if (zoom && last && (last.rows !== next.rows || last.cols !== next.cols)) zoom = null;
      last = next;
      return paint(next);
    },
    get width() { return m ? el.offsetWidth : 0; },
    /** Zoom to display rows [a, b) and columns [c, d), or out with null. */
    zoomTo(next) { setZoom(next); },
    setPicked(next) { picked = next || []; drawMarks(); },
    setBusy(text) { busy.textContent = text; busy.hidden = !text; },
    dispose() {
      canvas.removeEventListener("pointermove", move);
      canvas.removeEventListener("pointerdown", down);
      canvas.removeEventListener("pointerup", up);
    },
  };
}
