/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// factory:js/views/layer.js
function layer_default(require2, module, exports) {
  const { decode } = require2("lib:codec");
  const { rgb, viridis } = require2("lib:colors");
  const { formatNumber: formatNumber3, h: h3 } = require2("lib:dom");
  const { colorOf, colorTable } = require2("lib:heatmap");
  const { formatNumber, h, svg } = require2("lib:dom");
  const { paintMatrix, tickStep } = require2("lib:heatmap");
  const { colorLegend, legendTicks, legendWidth } = require2("lib:legend");
  var MARGIN = { left: 46, top: 10, right: 10, bottom: 44 };
  var DRAG = 4;
  function fitCells(rows, cols, width, maxHeight = null) {
    const across = Math.max(40, width - MARGIN.left - MARGIN.right);
    const down = maxHeight ?? Math.min(520, across);
    return { cw: Math.min(36, across / Math.max(cols, 1)), ch: Math.min(36, down / Math.max(rows, 1)) };
  }
  function cellIndex(px, cell, n) {
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
  function cellRect(m, i, j, picked) {
    const box = { x: MARGIN.left + j * m.cw, y: MARGIN.top + i * m.ch, width: Math.max(m.cw, 1), height: Math.max(m.ch, 1), fill: "none" };
    const wide = picked ? 4 : 3;
    return svg(
      "g",
      { class: picked ? "cs-picked" : "cs-hover" },
      svg("rect", { ...box, stroke: "#fff", "stroke-width": wide }),
      svg("rect", { ...box, stroke: "#111", "stroke-width": wide / 2.5 })
    );
  }
  function bands(m, i, j) {
    const style = { class: "cs-band" };
    return [
      svg("rect", { ...style, x: MARGIN.left, y: MARGIN.top + i * m.ch, width: m.cols * m.cw, height: Math.max(m.ch, 1) }),
      svg("rect", { ...style, x: MARGIN.left + j * m.cw, y: MARGIN.top, width: Math.max(m.cw, 1), height: m.rows * m.ch })
    ];
  }
  function heatPlot({ lut, describe, onHover, onLeave, onPick }) {
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
    let last = null;
    let zoom = null;
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
      Object.entries({ x: MARGIN.left + x, y: MARGIN.top + y, width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y), visibility: "visible" }).forEach(([k, v]) => brushRect.setAttribute(k, v));
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
    canvas.addEventListener("pointerleave", () => {
      if (!press) leave();
    });
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
        data: next.data,
        rows,
        cols,
        stride: next.cols,
        vmin: next.vmin,
        vmax: next.vmax,
        lut,
        rowOrder: next.rowOrder.slice(i0, i0 + rows),
        colOrder: next.colOrder.slice(j0, j0 + cols)
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
      zoomText.textContent = zoomed ? `rows ${i0 + 1}–${i0 + rows} and columns ${j0 + 1}–${j0 + cols} of ${next.rows} x ${next.cols} · ` : next.rows * next.cols > 256 ? "drag over the heatmap to zoom in" : "";
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
      get width() {
        return m ? el.offsetWidth : 0;
      },
      /** Zoom to display rows [a, b) and columns [c, d), or out with null. */
      zoomTo(next) {
        setZoom(next);
      },
      setPicked(next) {
        picked = next || [];
        drawMarks();
      },
      setBusy(text) {
        busy.textContent = text;
        busy.hidden = !text;
      },
      dispose() {
        canvas.removeEventListener("pointermove", move);
        canvas.removeEventListener("pointerdown", down);
        canvas.removeEventListener("pointerup", up);
      }
    };
  }
  const { imageRow, maybeDecode } = require2("lib:images");
  const { formatNumber: formatNumber2, h: h2 } = require2("lib:dom");
  const { paintMatrix: paintMatrix2 } = require2("lib:heatmap");
  function sortOrders(data, rows, cols, by) {
    const range = (n) => Array.from({ length: n }, (_, i) => i);
    if (by !== "max" && by !== "mean") return { rowOrder: range(rows), colOrder: range(cols) };
    const stat = (n, m, at) => range(n).map((i) => {
      let best = -Infinity;
      let sum = 0;
      let count = 0;
      for (let j = 0; j < m; j++) {
        const v = at(i, j);
        if (v !== v) continue;
        best = Math.max(best, v);
        sum += v;
        count += 1;
      }
      return count ? by === "max" ? best : sum / count : NaN;
    });
    const order = (values) => range(values.length).sort((a, b) => {
      const x = values[a];
      const y = values[b];
      if (x !== x || y !== y) return (x !== x) - (y !== y) || a - b;
      return y - x || a - b;
    });
    return {
      rowOrder: order(stat(rows, cols, (i, j) => data[i * cols + j])),
      colOrder: order(stat(cols, rows, (j, i) => data[i * cols + j]))
    };
  }
  function options(choices, current, placeholder) {
    const opts = choices.map((c) => h2("option", { value: c.name, selected: c.name === current }, `${c.name} (${c.channels})`));
    return placeholder ? [h2("option", { value: "", disabled: true, selected: !current }, placeholder), ...opts] : opts;
  }
  function pairPicker(model, selection, { compact = false } = {}) {
    const source = h2("select", { "data-role": "source-picker", "aria-label": "source layer (across)" });
    const target = h2("select", { "data-role": "target-picker", "aria-label": "target layer (down)" });
    const apply = () => {
      const s = source.value;
      const t = target.value;
      if (!s || !t) return;
      const rest = (selection.get("layers") || []).filter((n) => n !== s && n !== t);
      selection.update({ layers: [s, t, ...rest] });
    };
    source.addEventListener("change", apply);
    target.addEventListener("change", apply);
    const el = h2(
      "span",
      { class: "cs-pair", "data-role": "pair-picker" },
      h2("span", { class: "cs-slider-label" }, compact ? "source" : "source (across)"),
      source,
      h2("span", { class: "cs-slider-label" }, compact ? "target" : "target (down)"),
      target
    );
    return {
      el,
      show() {
        const choices = model.get("layer_choices") || [];
        const [s, t] = selection.get("layers") || [];
        source.replaceChildren(...options(choices, s, "choose a layer"));
        target.replaceChildren(...options(choices, t, "choose a layer"));
      }
    };
  }
  function comparePanel({ entry, matrix, choices, epochs, width, vmax, lut, sortBy, onChange, onRemove }) {
    const pick = (key, values, label) => {
      const select = h2(
        "select",
        { "data-role": `compare-${key}`, "aria-label": label, onchange: () => onChange({ [key]: key === "epoch" ? Number(select.value) : select.value }) },
        ...values.map(([v, t]) => h2("option", { value: v, selected: String(v) === String(entry[key]) }, t))
      );
      return select;
    };
    const names = choices.map((c) => [c.name, c.name]);
    const head = h2(
      "div",
      { class: "cs-cmp-head" },
      pick("source", names, "source layer"),
      "→",
      pick("target", names, "target layer"),
      pick("epoch", epochs.map((e) => [e, `epoch ${e}`]), "epoch"),
      h2("button", { type: "button", class: "cs-cmp-x", "data-action": "remove", title: "Remove this comparison", "aria-label": "Remove this comparison", onclick: onRemove }, "×")
    );
    const body = h2("div", { class: "cs-cmp-body" });
    const el = h2("div", { class: "cs-cmp", "data-role": "compare-panel", "data-source": entry.source, "data-target": entry.target, "data-epoch": entry.epoch, style: { width: `${width}px` } }, head, body);
    if (entry.state !== "ready" || !matrix) {
      body.append(h2("div", { class: "cs-hint" }, entry.state === "computing" ? "Computing..." : entry.state || ""));
      el.dataset.state = entry.state === "ready" ? "empty" : entry.state === "computing" ? "computing" : "note";
      return el;
    }
    el.dataset.state = "ready";
    const { rows, cols } = entry;
    const { rowOrder, colOrder } = sortOrders(matrix, rows, cols, sortBy);
    const side = width - 8;
    const cw = Math.min(16, side / cols);
    const ch = Math.min(16, side / rows);
    const canvas = h2("canvas", { "data-role": "compare-canvas" });
    paintMatrix2(canvas, { data: matrix, rows, cols, rowOrder, colOrder, vmin: 0, vmax, lut }, cols * cw, rows * ch);
    const tip = h2("div", { class: "cs-tip", hidden: true });
    const wrap = h2("div", { class: "cs-cmp-plot", style: { width: `${cols * cw}px`, height: `${rows * ch}px` } }, canvas, tip);
    canvas.addEventListener("pointermove", (event) => {
      const rect = canvas.getBoundingClientRect();
      const j = Math.min(cols - 1, Math.max(0, Math.floor((event.clientX - rect.left) / cw)));
      const i = Math.min(rows - 1, Math.max(0, Math.floor((event.clientY - rect.top) / ch)));
      const value = matrix[rowOrder[i] * cols + colOrder[j]];
      tip.textContent = `${formatNumber2(value)} bits
source ${entry.source} ch ${colOrder[j]}
target ${entry.target} ch ${rowOrder[i]}`;
      tip.hidden = false;
      tip.style.left = `${Math.min(event.clientX - rect.left + 12, Math.max(0, cols * cw - 150))}px`;
      tip.style.top = `${event.clientY - rect.top + 12}px`;
    });
    canvas.addEventListener("pointerleave", () => {
      tip.hidden = true;
    });
    body.append(wrap, h2("div", { class: "cs-cmp-sub" }, `${cols} x ${rows} channels · max ${formatNumber2(entry.max)} bits`));
    return el;
  }
  const { redrawClock } = require2("lib:redraw_clock");
  const { epochSlider } = require2("lib:slider");
  const { defineView } = require2("lib:view");
  var LUT = colorTable(viridis, { reverse: true });
  var SORTS = [["max", "max"], ["mean", "mean"], ["none", "channel"]];
  var PANEL = 380;
  function sortControl(model) {
    const buttons = SORTS.map(([by, text]) => h3("button", {
      type: "button",
      "data-sort": by,
      "aria-pressed": "false",
      title: by === "none" ? "Rows and columns in channel order" : `Sort rows and columns by their ${by} capacity, largest first`,
      onclick: () => {
        model.set("sort_by", by);
        model.save_changes();
      }
    }, text));
    const show = () => buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.sort === model.get("sort_by"))));
    show();
    const el = h3("span", { class: "cs-seg" }, h3("span", { class: "cs-slider-label" }, "sort"), h3("span", { class: "cs-seg-buttons" }, ...buttons));
    return { el, show };
  }
  function featurePanel(model) {
    const info = model.get("picked_info") || {};
    if (!info.source) {
      return [h3("div", { class: "cs-hint" }, "Click a cell to see the feature maps of its source and target channels for a few probe images.")];
    }
    const classes = model.get("classes") || [];
    const labels = maybeDecode(model.get("probe_labels"));
    const captions = labels ? Array.from(labels.data, (k) => classes[k] ?? String(k)) : null;
    const range = (r) => `grey scale ${formatNumber3(r[0])} (black) to ${formatNumber3(r[1])} (white)`;
    const rows = [
      imageRow("probe images", maybeDecode(model.get("probe_images")), { role: "input", captions }),
      imageRow(`${info.source} ch ${info.source_channel}`, maybeDecode(model.get("source_maps")), { role: "source", title: range(info.source_range) }),
      imageRow(`${info.target} ch ${info.target_channel}`, maybeDecode(model.get("target_maps")), { role: "target", title: range(info.target_range) })
    ];
    if (info.deconv) {
      rows.push(imageRow(`deconvnet ${info.source} ch ${info.source_channel}`, maybeDecode(model.get("source_deconv")), { role: "source-deconv" }));
      rows.push(imageRow(`deconvnet ${info.target} ch ${info.target_channel}`, maybeDecode(model.get("target_deconv")), { role: "target-deconv" }));
    }
    const deconvNote = info.deconv ? "Deconvnet: projections to input space, mid grey = 0." : "";
    return [
      h3(
        "div",
        { class: "cs-panel-head" },
        h3("span", { class: "cs-title" }, `${info.source} ch ${info.source_channel} → ${info.target} ch ${info.target_channel}`),
        h3("span", { class: "cs-sub" }, ` · ${formatNumber3(info.value)} bits at epoch ${info.epoch}`)
      ),
      ...rows,
      h3("div", { class: "cs-notes" }, `Feature maps: one grey scale per row (black = its minimum). ${deconvNote} ${info.note || ""}`.trim())
    ];
  }
  function cellTip(scale) {
    return (cell) => [
      h3("span", { class: "cs-swatch", style: { background: rgb(colorOf(LUT, cell.value, 0, scale().vmax)) } }),
      `${formatNumber3(cell.value)} bits
source ${scale().source} ch ${cell.col}
target ${scale().target} ch ${cell.row}`
    ];
  }
  function fromStack(model, epoch) {
    const si = model.get("stack_info") || {};
    const payload = model.get("stack");
    const k = (si.epochs || []).indexOf(epoch);
    if (!payload || k < 0) return null;
    const st = decode(payload);
    const [, rows, cols] = st.shape;
    return { data: st.data.subarray(k * rows * cols, (k + 1) * rows * cols), rows, cols, source: si.source, target: si.target };
  }
  function compareRow(model, selection, shared) {
    const addEpoch = h3("button", { type: "button", class: "cs-action", "data-action": "compare-epoch", title: "The same pair at another epoch, beside this one (paper Fig. 10-11)" }, "+ another epoch");
    const addPair = h3("button", { type: "button", class: "cs-action", "data-action": "compare-pair", title: "Another pair of layers at this epoch, beside this one (paper Fig. 12)" }, "+ another pair");
    const box = h3("input", { type: "checkbox", checked: true, "data-role": "shared-scale" });
    const panels = h3("div", { class: "cs-cmp-row", "data-role": "compare" });
    const el = h3(
      "div",
      { class: "cs-compare" },
      h3(
        "div",
        { class: "cs-cmp-bar" },
        h3("span", { class: "cs-slider-label" }, "compare side by side"),
        addEpoch,
        addPair,
        h3("label", { class: "cs-cmp-scale" }, box, "one colour scale for all")
      ),
      panels
    );
    const write = (list) => {
      model.set("compare", list);
      model.save_changes();
    };
    const current = () => model.get("compare") || [];
    addEpoch.addEventListener("click", () => {
      const info = model.get("info") || {};
      const epochs = model.get("epochs") || [];
      const used = /* @__PURE__ */ new Set([info.epoch, ...current().map((c) => c.epoch)]);
      const epoch = epochs.find((e) => !used.has(e)) ?? epochs[0];
      write([...current(), { source: info.source, target: info.target, epoch }]);
    });
    addPair.addEventListener("click", () => {
      const info = model.get("info") || {};
      const names = (model.get("layer_choices") || []).map((c) => c.name);
      const used = /* @__PURE__ */ new Set([info.target, ...current().map((c) => c.target)]);
      const after = names.slice(names.indexOf(info.target) + 1).find((n) => !used.has(n)) ?? names.find((n) => !used.has(n)) ?? info.target;
      write([...current(), { source: info.source, target: after, epoch: info.epoch }]);
    });
    box.addEventListener("change", () => shared.onScale());
    return {
      el,
      get shared() {
        return box.checked;
      },
      /** The largest value of the compared matrices (for one colour scale). */
      max() {
        return Math.max(0, ...(model.get("compare_info") || []).filter((c) => c.state === "ready").map((c) => c.max));
      },
      draw(width, vmax) {
        const infos = model.get("compare_info") || [];
        const payload = model.get("compare_data");
        const flat = payload ? decode(payload).data : null;
        const n = infos.length;
        const each = n ? Math.max(170, Math.min(320, Math.floor((width - 12 * (n - 1)) / Math.max(1, Math.min(n, Math.floor(width / 170)))))) : 0;
        panels.replaceChildren(...infos.map((entry, k) => comparePanel({
          entry,
          matrix: flat && entry.state === "ready" ? flat.subarray(entry.offset, entry.offset + entry.rows * entry.cols) : null,
          choices: model.get("layer_choices") || [],
          epochs: model.get("epochs") || [],
          width: each,
          vmax: box.checked ? vmax : entry.max,
          lut: LUT,
          sortBy: model.get("sort_by"),
          onChange: (patch) => write(current().map((c, i) => i === k ? { ...c, ...patch } : c)),
          onRemove: () => write(current().filter((_, i) => i !== k))
        })));
        panels.hidden = !n;
        el.dataset.count = String(n);
      }
    };
  }
  function layerView({ model, el, root, selection, actions }) {
    root.classList.add("cs-layer");
    const info = () => model.get("info") || {};
    const clock = redrawClock(root);
    let width = 0;
    let drawnEpoch = null;
    const scale = { vmax: 1, source: "", target: "" };
    const title = h3("span", { class: "cs-title", "data-role": "title" });
    const sub = h3("span", { class: "cs-sub", "data-role": "subtitle" });
    const refine = h3("span", { class: "cs-refining", "data-role": "refining", hidden: true });
    const sort = sortControl(model);
    const pair = pairPicker(model, selection);
    const messagePair = pairPicker(model, selection);
    actions.append(messagePair.el);
    const plot = heatPlot({
      lut: LUT,
      describe: cellTip(() => scale),
      onHover: (c) => selection.hover({ kind: "cell", layer: scale.source, channel: c.col, to_layer: scale.target, to_channel: c.row, source: "layer" }),
      onLeave: () => {
        if (selection.get("hovered")?.source === "layer") selection.hover({});
      },
      onPick: (c) => {
        model.set("picked", [c.col, c.row]);
        model.save_changes();
        plot.setPicked([c.col, c.row]);
      }
    });
    const notes = h3("div", { class: "cs-notes", "data-role": "notes" });
    const panel = h3("div", { class: "cs-panel", "data-role": "maps" });
    const compare = compareRow(model, selection, { onScale: () => scheduleDraw() });
    const requestEpoch = (epoch, commit) => {
      if (epoch === selection.get("epoch")) return;
      const stacked = fromStack(model, epoch);
      if (stacked) {
        clock.request(epoch);
        drawMatrix(stacked, epoch, null);
        selection.update({ epoch });
        return;
      }
      if (!(commit || (info().cached || []).includes(epoch))) return;
      clock.request(epoch);
      selection.update({ epoch });
    };
    const slider = epochSlider({ onInput: (e) => requestEpoch(e, false), onCommit: (e) => requestEpoch(e, true) });
    const main = h3("div", { class: "cs-main" }, h3("div", { class: "cs-heat-col" }, plot.el, notes), panel);
    el.append(
      h3("div", { class: "cs-head" }, h3("span", null, title, sub, refine), pair.el, sort.el, slider.el),
      main,
      compare.el
    );
    let app = null;
    let fitted = null;
    let stale = false;
    const layout = () => {
      const w = Math.max(320, (width || el.clientWidth || root.clientWidth || 900) - 2);
      const side = w >= 900;
      main.classList.toggle("cs-side", side);
      return { heat: side ? w - PANEL - 22 : w, full: w, maxHeight: fitHeight() };
    };
    const fitHeight = () => {
      if (!app && (app = el.closest(".cnnslicer-app"))) app.addEventListener("cs-fit", scheduleDraw);
      const body = el.closest(".widget-tab-contents");
      const fit = parseFloat(getComputedStyle(el).getPropertyValue("--cs-fit-body"));
      if (!app || !body || !(fit > 0)) return null;
      if (!el.clientWidth) {
        stale = true;
        return fitted;
      }
      const above = plot.plot.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop;
      fitted = Math.max(120, Math.min(520, Math.floor(fit - above - 10 - 44 - 8)));
      return fitted;
    };
    const drawMatrix = (mat, epoch, orders) => {
      const m = info();
      const by = m.sort_by || model.get("sort_by");
      const { rowOrder, colOrder } = orders || sortOrders(mat.data, mat.rows, mat.cols, by);
      let own = 0;
      for (const v of mat.data) if (v > own) own = v;
      const top = orders ? m.vmax ?? own : own;
      const vmax = compare.shared && (model.get("compare") || []).length ? Math.max(top, compare.max()) : top;
      Object.assign(scale, { vmax, source: mat.source, target: mat.target });
      const lay = layout();
      const order = by === "none" ? "channel order" : `sorted by ${by}`;
      const ms = plot.render({
        data: mat.data,
        rows: mat.rows,
        cols: mat.cols,
        vmin: 0,
        vmax,
        rowOrder,
        colOrder,
        width: lay.heat,
        maxHeight: lay.maxHeight,
        xTitle: `source ${mat.source} · ${mat.cols} channel${mat.cols === 1 ? "" : "s"} (${order})`,
        yTitle: `target ${mat.target} · ${mat.rows}`,
        marks: selection.get("channels") || []
      });
      title.textContent = `Channel capacity: ${mat.source} → ${mat.target}`;
      sub.textContent = ` · epoch ${epoch} · ${m.n_samples} samples (${m.sample_group}) · ${m.bins} bins`;
      const part = orders && m.refining && m.refining.total ? m.refining : null;
      refine.hidden = !part;
      refine.textContent = part ? ` · refining… ${part.done} of ${part.total} source channels counted (grey: to come)` : "";
      const caption = `Colour: channel capacity from 0 bits (bright) to ${formatNumber3(vmax)} bits (dark); brighter = less shared information. Hover for values, click a cell for feature maps.`;
      notes.replaceChildren(h3("div", null, caption), ...(m.notes || []).map((t) => h3("div", { "data-role": "note" }, t)));
      Object.assign(plot.plot.dataset, { source: mat.source, target: mat.target, rows: mat.rows, cols: mat.cols, epoch, sorted: by, refining: String(Boolean(part)) });
      compare.draw(lay.full, vmax);
      drawnEpoch = epoch;
      clock.stamp(epoch, ms);
    };
    const draw = () => {
      const payload = model.get("capacity");
      if (!payload) return;
      const m = info();
      const cap = decode(payload);
      const [rows, cols] = cap.shape;
      drawMatrix({ data: cap.data, rows, cols, source: m.source, target: m.target }, m.epoch, {
        rowOrder: Array.from(decode(model.get("row_order")).data),
        colOrder: Array.from(decode(model.get("column_order")).data)
      });
    };
    let scheduled = false;
    const scheduleDraw = () => {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        draw();
      });
    };
    const drawPanel = () => {
      panel.replaceChildren(...featurePanel(model));
      panel.dataset.picked = (model.get("picked") || []).join(",");
    };
    const showBusy = () => {
      plot.setBusy(model.get("status") || "");
      root.dataset.busy = String(Boolean(model.get("status")));
    };
    const syncSlider = () => slider.setEpochs(model.get("epochs") || [], drawnEpoch ?? selection.get("epoch"));
    const showPickers = () => {
      pair.show();
      messagePair.show();
    };
    for (const name of ["capacity", "row_order", "column_order", "info", "compare_info", "compare_data"]) model.on(`change:${name}`, scheduleDraw);
    model.on("change:sort_by", sort.show);
    model.on("change:status", showBusy);
    model.on("change:epochs", syncSlider);
    model.on("change:layer_choices", showPickers);
    model.on("change:picked", () => plot.setPicked(model.get("picked")));
    model.on("change:picked_info", drawPanel);
    selection.onChange((snap) => slider.setValue(snap.epoch), ["epoch"]);
    selection.onChange(scheduleDraw, ["channels"]);
    selection.onChange(showPickers, ["layers"]);
    const resize = new ResizeObserver(() => {
      const w = el.clientWidth;
      if (w && (Math.abs(w - width) > 6 || stale)) {
        width = w;
        stale = false;
        scheduleDraw();
      }
    });
    resize.observe(el);
    width = el.clientWidth;
    showPickers();
    syncSlider();
    showBusy();
    draw();
    if (drawnEpoch !== null) slider.setValue(drawnEpoch);
    plot.setPicked(model.get("picked"));
    drawPanel();
    return () => {
      resize.disconnect();
      plot.dispose();
      if (app) app.removeEventListener("cs-fit", scheduleDraw);
    };
  }
  var layer_default3 = defineView("layer", layerView);
  Object.assign(module.exports, {
    default: layer_default3
  });
}

// js/lib/loader.js
var REF_PREFIX = "IPY_MODEL_";
var CACHE = /* @__PURE__ */ Symbol.for("cnnslicer_widgets.frontend");
function modules() {
  globalThis[CACHE] ?? (globalThis[CACHE] = /* @__PURE__ */ new Map());
  return globalThis[CACHE];
}
async function importSource(source) {
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    return await import(
      /* @vite-ignore */
      url
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
function frontEnd(digest, source, load = importSource) {
  const cache = modules();
  if (!cache.has(digest)) {
    const promise = Promise.resolve().then(() => load(source()));
    promise.catch(() => cache.delete(digest));
    cache.set(digest, promise);
  }
  return cache.get(digest);
}
async function frontEndOf(model, load = importSource) {
  const ref = model.get("_front_end");
  if (typeof ref !== "string" || !ref.startsWith(REF_PREFIX)) {
    throw new Error(`this widget has no front end (_front_end = ${JSON.stringify(ref)})`);
  }
  const holder = await model.widget_manager.get_model(ref.slice(REF_PREFIX.length));
  return frontEnd(holder.get("digest"), () => holder.get("source"), load);
}
function libModule(lib, specifier) {
  const name = specifier.startsWith("lib:") ? specifier.slice(4) : "";
  const module = lib.modules?.[name];
  if (!module) throw new Error(`the shared lib has no module "${specifier}"`);
  return module;
}
function instantiate(lib, factory) {
  const module = { exports: {} };
  factory((specifier) => libModule(lib, specifier), module, module.exports);
  return module.exports;
}
function viewModule(name, factory, load = importSource) {
  let made = null;
  async function render(context) {
    try {
      const lib = await frontEndOf(context.model, load);
      if (made?.lib !== lib) made = { lib, view: instantiate(lib, factory).default };
      if (typeof made.view?.render !== "function") throw new Error(`the ${name} view's code has no render()`);
    } catch (err) {
      made = null;
      console.error(`cnnslicer ${name} view: the shared lib did not load`, err);
      const note = context.el.ownerDocument.createElement("div");
      note.className = "cnnslicer-message";
      note.setAttribute("role", "alert");
      note.textContent = `This view could not load the shared lib: ${err.message}. Re-run the cell that made it.`;
      context.el.replaceChildren(note);
      return void 0;
    }
    return made.view.render(context);
  }
  return { render };
}

// view:layer
var layer_default2 = viewModule("layer", layer_default);
export {
  layer_default2 as default
};
