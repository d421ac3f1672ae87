/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// factory:js/views/layer.js
function layer_default(require2, module, exports) {
  const { decode } = require2("lib:codec");
  const { rgb, viridis } = require2("lib:colors");
  const { formatNumber: formatNumber2, h: h2 } = require2("lib:dom");
  const { colorOf, colorTable } = require2("lib:heatmap");
  const { formatNumber, h, svg } = require2("lib:dom");
  const { cellSize, colorBar, paintMatrix, tickStep } = require2("lib:heatmap");
  var MARGIN = { left: 46, top: 10, right: 10, bottom: 44 };
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
  function legend(lut, vmax, height) {
    return h(
      "div",
      { class: "cs-legend", "data-role": "legend", title: "Channel capacity in bits: darker = more shared information, brighter = less" },
      h("div", { class: "cs-legend-title" }, "bits"),
      h(
        "div",
        { class: "cs-legend-body" },
        colorBar(lut, 14, height),
        h("div", { class: "cs-legend-scale", style: { height: `${height}px` } }, h("span", null, formatNumber(vmax)), h("span", null, "0"))
      )
    );
  }
  function heatPlot({ lut, describe, onHover, onLeave, onPick }) {
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
    const click = (event) => {
      const cell = cellAt(event);
      if (cell) onPick(cell);
    };
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
      get width() {
        return m ? MARGIN.left + Math.max(m.cols * m.cw, 230) + MARGIN.right + 60 : 0;
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
        canvas.removeEventListener("pointerleave", leave);
        canvas.removeEventListener("click", click);
      }
    };
  }
  const { imageRow, maybeDecode } = require2("lib:images");
  const { redrawClock } = require2("lib:redraw_clock");
  const { epochSlider } = require2("lib:slider");
  const { defineView } = require2("lib:view");
  var LUT = colorTable(viridis, { reverse: true });
  var SORTS = [["max", "max"], ["mean", "mean"], ["none", "channel"]];
  function sortControl(model) {
    const buttons = SORTS.map(([by, text]) => h2("button", {
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
    const el = h2("span", { class: "cs-seg" }, h2("span", { class: "cs-slider-label" }, "sort"), h2("span", { class: "cs-seg-buttons" }, ...buttons));
    return { el, show };
  }
  function featurePanel(model) {
    const info = model.get("picked_info") || {};
    if (!info.source) {
      return [h2("div", { class: "cs-hint" }, "Click a cell to see the feature maps of its source and target channels for a few probe images.")];
    }
    const classes = model.get("classes") || [];
    const labels = maybeDecode(model.get("probe_labels"));
    const captions = labels ? Array.from(labels.data, (k) => classes[k] ?? String(k)) : null;
    const range = (r) => `grey scale ${formatNumber2(r[0])} (black) to ${formatNumber2(r[1])} (white)`;
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
      h2(
        "div",
        { class: "cs-panel-head" },
        h2("span", { class: "cs-title" }, `${info.source} ch ${info.source_channel} → ${info.target} ch ${info.target_channel}`),
        h2("span", { class: "cs-sub" }, ` · ${formatNumber2(info.value)} bits at epoch ${info.epoch}`)
      ),
      ...rows,
      h2("div", { class: "cs-notes" }, `Feature maps: one grey scale per row (black = its minimum). ${deconvNote} ${info.note || ""}`.trim())
    ];
  }
  function cellTip(info) {
    return (cell) => [
      h2("span", { class: "cs-swatch", style: { background: rgb(colorOf(LUT, cell.value, info().vmin ?? 0, info().vmax ?? 1)) } }),
      `${formatNumber2(cell.value)} bits
source ${info().source} ch ${cell.col}
target ${info().target} ch ${cell.row}`
    ];
  }
  function heatmapDrawer({ model, selection, plot, title, sub, notes, clock }) {
    return () => {
      const payload = model.get("capacity");
      if (!payload) return;
      const m = model.get("info") || {};
      const cap = decode(payload);
      const [rows, cols] = cap.shape;
      const order = m.sort_by === "none" ? "channel order" : `sorted by ${m.sort_by}`;
      const ms = plot.render({
        data: cap.data,
        rows,
        cols,
        vmin: m.vmin ?? 0,
        vmax: m.vmax ?? 1,
        rowOrder: Array.from(decode(model.get("row_order")).data),
        colOrder: Array.from(decode(model.get("column_order")).data),
        xTitle: `source ${m.source} · ${cols} channel${cols === 1 ? "" : "s"} (${order})`,
        yTitle: `target ${m.target} · ${rows}`,
        marks: selection.get("channels") || []
      });
      title.textContent = `Channel capacity: ${m.source} → ${m.target}`;
      sub.textContent = ` · epoch ${m.epoch} · ${m.n_samples} samples (${m.sample_group}) · ${m.bins} bins`;
      const caption = `Colour: channel capacity from 0 bits (bright) to ${formatNumber2(m.vmax ?? 0)} bits (dark); brighter = less shared information. Hover for values, click a cell for feature maps.`;
      notes.replaceChildren(h2("div", null, caption), ...(m.notes || []).map((t) => h2("div", { "data-role": "note" }, t)));
      notes.style.maxWidth = `${plot.width}px`;
      Object.assign(plot.plot.dataset, { source: m.source, target: m.target, rows, cols, epoch: m.epoch, sorted: m.sort_by });
      clock.stamp(m.epoch, ms);
    };
  }
  function layerView({ model, el, root, selection }) {
    root.classList.add("cs-layer");
    const info = () => model.get("info") || {};
    const clock = redrawClock(root);
    const requestEpoch = (epoch, commit) => {
      if (epoch === selection.get("epoch") || !(commit || (info().cached || []).includes(epoch))) return;
      clock.request(epoch);
      selection.update({ epoch });
    };
    const title = h2("span", { class: "cs-title", "data-role": "title" });
    const sub = h2("span", { class: "cs-sub", "data-role": "subtitle" });
    const sort = sortControl(model);
    const slider = epochSlider({ onInput: (e) => requestEpoch(e, false), onCommit: (e) => requestEpoch(e, true) });
    const plot = heatPlot({
      lut: LUT,
      describe: cellTip(info),
      onHover: (c) => selection.hover({ kind: "cell", layer: info().source, channel: c.col, to_layer: info().target, to_channel: c.row, source: "layer" }),
      onLeave: () => {
        if (selection.get("hovered")?.source === "layer") selection.hover({});
      },
      onPick: (c) => {
        model.set("picked", [c.col, c.row]);
        model.save_changes();
        plot.setPicked([c.col, c.row]);
      }
    });
    const notes = h2("div", { class: "cs-notes", "data-role": "notes" });
    const panel = h2("div", { class: "cs-panel", "data-role": "maps" });
    el.append(
      h2("div", { class: "cs-head" }, h2("span", null, title, sub), sort.el, slider.el),
      h2("div", { class: "cs-main" }, h2("div", null, plot.el, notes), panel)
    );
    const draw = heatmapDrawer({ model, selection, plot, title, sub, notes, clock });
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
    const syncSlider = () => slider.setEpochs(model.get("epochs") || [], selection.get("epoch"));
    for (const name of ["capacity", "row_order", "column_order", "info"]) model.on(`change:${name}`, scheduleDraw);
    model.on("change:sort_by", sort.show);
    model.on("change:status", showBusy);
    model.on("change:epochs", syncSlider);
    model.on("change:picked", () => plot.setPicked(model.get("picked")));
    model.on("change:picked_info", drawPanel);
    selection.onChange((snap) => slider.setValue(snap.epoch), ["epoch"]);
    selection.onChange(scheduleDraw, ["channels"]);
    syncSlider();
    showBusy();
    draw();
    plot.setPicked(model.get("picked"));
    drawPanel();
    return () => plot.dispose();
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
