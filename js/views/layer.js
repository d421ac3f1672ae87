// Layer view (Python: widgets/layer_view.py): the channel-capacity heatmap between two layers
// (source channels across, target channels down), menus for the pair, sort buttons, an
// epoch slider, hover read-out, zoom (drag a rectangle), the feature maps of a clicked
// cell's two channels, and a comparison row (other epochs or pairs side by side, one
// colour scale: paper Fig. 10-12). Everything fits the width the view is given.
//
// Colour: reversed viridis from 0 to the matrix maximum, so brighter = lower capacity as in
// the paper (5.3.2); NaN is grey. The matrix arrives in channel order with row_order and
// column_order (Python sorts); a sort change resends only the orders. The kernel sends the
// pair's other epochs ahead (stack): the slider draws those here at once, sorting them the
// same way, and tells the kernel afterwards.
//
// A new matrix may arrive in parts (info.refining = {done, total}): the source channels
// counted so far, exact, the others NaN (grey); the title line says "refining" until the
// kernel sends the rest, and the plot carries data-refining="true" meanwhile.
//
// For tests and benchmarks the root carries data-drawn-epoch, data-draw-ms (paint time),
// data-drawn-at (wall clock ms, performance.timeOrigin + now), data-draws, and
// data-redraw-ms (from a slider move to the matching redraw).
import { decode } from "../lib/codec.js";
import { rgb, viridis } from "../lib/colors.js";
import { formatNumber, h } from "../lib/dom.js";
import { colorOf, colorTable } from "../lib/heatmap.js";
import { heatPlot } from "../lib/heatplot.js";
import { imageRow, maybeDecode } from "../lib/images.js";
import { comparePanel, pairPicker, sortOrders } from "../lib/layer_parts.js";
import { redrawClock } from "../lib/redraw_clock.js";
import { epochSlider } from "../lib/slider.js";
import { defineView } from "../lib/view.js";

const LUT = colorTable(viridis, { reverse: true });
const SORTS = [["max", "max"], ["mean", "mean"], ["none", "channel"]];
const PANEL = 380; // the feature maps beside the heatmap from 900 px (a label and 4 images)

function sortControl(model) {
  const buttons = SORTS.map(([by, text]) => h("button", {
    type: "button", "data-sort": by, "aria-pressed": "false",
    title: by === "none" ? "Rows and columns in channel order" : `Sort rows and columns by their ${by} capacity, largest first`,
    onclick: () => { model.set("sort_by", by); model.save_changes(); },
  }, text));
  const show = () => buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.sort === model.get("sort_by"))));
  show();
  const el = h("span", { class: "cs-seg" }, h("span", { class: "cs-slider-label" }, "sort"), h("span", { class: "cs-seg-buttons" }, ...buttons));
  return { el, show };
}

function featurePanel(model) {
  const info = model.get("picked_info") || {};
  if (!info.source) {
    return [h("div", { class: "cs-hint" }, "Click a cell to see the feature maps of its source and target channels for a few probe images.")];
  }
  const classes = model.get("classes") || [];
  const labels = maybeDecode(model.get("probe_labels"));
  const captions = labels ? Array.from(labels.data, (k) => classes[k] ?? String(k)) : null;
  const range = (r) => `grey scale ${formatNumber(r[0])} (black) to ${formatNumber(r[1])} (white)`;
  const rows = [
    imageRow("probe images", maybeDecode(model.get("probe_images")), { role: "input", captions }),
    imageRow(`${info.source} ch ${info.source_channel}`, maybeDecode(model.get("source_maps")), { role: "source", title: range(info.source_range) }),
    imageRow(`${info.target} ch ${info.target_channel}`, maybeDecode(model.get("target_maps")), { role: "target", title: range(info.target_range) }),
  ];
  if (info.deconv) {
    rows.push(imageRow(`deconvnet ${info.source} ch ${info.source_channel}`, maybeDecode(model.get("source_deconv")), { role: "source-deconv" }));
    rows.push(imageRow(`deconvnet ${info.target} ch ${info.target_channel}`, maybeDecode(model.get("target_deconv")), { role: "target-deconv" }));
  }
  const deconvNote = info.deconv ? "Deconvnet: projections to input space, mid grey = 0." : "";
  return [
    h("div", { class: "cs-panel-head" },
      h("span", { class: "cs-title" }, `${info.source} ch ${info.source_channel} → ${info.target} ch ${info.target_channel}`),
      h("span", { class: "cs-sub" }, ` · ${formatNumber(info.value)} bits at epoch ${info.epoch}`)),
    ...rows,
    h("div", { class: "cs-notes" }, `Feature maps: one grey scale per row (black = its minimum). ${deconvNote} ${info.note || ""}`.trim()),
  ];
}

function cellTip(scale) {
  return (cell) => [
    h("span", { class: "cs-swatch", style: { background: rgb(colorOf(LUT, cell.value, 0, scale().vmax)) } }),
    `${formatNumber(cell.value)} bits\nsource ${scale().source} ch ${cell.col}\ntarget ${scale().target} ch ${cell.row}`,
  ];
}

/** The pair's matrix at `epoch` from the stack sent ahead, or null. */
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
  const addEpoch = h("button", { type: "button", class: "cs-action", "data-action": "compare-epoch", title: "The same pair at another epoch, beside this one (paper Fig. 10-11)" }, "+ another epoch");
  const addPair = h("button", { type: "button", class: "cs-action", "data-action": "compare-pair", title: "Another pair of layers at this epoch, beside this one (paper Fig. 12)" }, "+ another pair");
  const box = h("input", { type: "checkbox", checked: true, "data-role": "shared-scale" });
  const panels = h("div", { class: "cs-cmp-row", "data-role": "compare" });
  const el = h("div", { class: "cs-compare" },
    h("div", { class: "cs-cmp-bar" }, h("span", { class: "cs-slider-label" }, "compare side by side"), addEpoch, addPair,
      h("label", { class: "cs-cmp-scale" }, box, "one colour scale for all")),
    panels);
  const write = (list) => { model.set("compare", list); model.save_changes(); };
  const current = () => model.get("compare") || [];
  addEpoch.addEventListener("click", () => {
    const info = model.get("info") || {};
    const epochs = model.get("epochs") || [];
    const used = new Set([info.epoch, ...current().map((c) => c.epoch)]);
    const epoch = epochs.find((e) => !used.has(e)) ?? epochs[0];
    write([...current(), { source: info.source, target: info.target, epoch }]);
  });
  addPair.addEventListener("click", () => {
    const info = model.get("info") || {};
    const names = (model.get("layer_choices") || []).map((c) => c.name);
    const used = new Set([info.target, ...current().map((c) => c.target)]);
    const after = names.slice(names.indexOf(info.target) + 1).find((n) => !used.has(n)) ?? names.find((n) => !used.has(n)) ?? info.target;
    write([...current(), { source: info.source, target: after, epoch: info.epoch }]);
  });
  box.addEventListener("change", () => shared.onScale());
  return {
    el,
    get shared() { return box.checked; },
    /** The largest value of the compared matrices (for one colour scale). */
    max() { return Math.max(0, ...(model.get("compare_info") || []).filter((c) => c.state === "ready").map((c) => c.max)); },
    draw(width, vmax) {
      const infos = model.get("compare_info") || [];
      const payload = model.get("compare_data");
      const flat = payload ? decode(payload).data : null;
      const n = infos.length;
      const each = n ? Math.max(170, Math.min(320, Math.floor((width - 12 * (n - 1)) / Math.max(1, Math.min(n, Math.floor(width / 170)))))) : 0;
      panels.replaceChildren(...infos.map((entry, k) => comparePanel({
        entry, matrix: flat && entry.state === "ready" ? flat.subarray(entry.offset, entry.offset + entry.rows * entry.cols) : null,
        choices: model.get("layer_choices") || [], epochs: model.get("epochs") || [], width: each,
        vmax: box.checked ? vmax : entry.max, lut: LUT, sortBy: model.get("sort_by"),
        onChange: (patch) => write(current().map((c, i) => (i === k ? { ...c, ...patch } : c))),
        onRemove: () => write(current().filter((_, i) => i !== k)),
      })));
      panels.hidden = !n;
      el.dataset.count = String(n);
    },
  };
}

function layerView({ model, el, root, selection, actions }) {
  root.classList.add("cs-layer");
  const info = () => model.get("info") || {};
  const clock = redrawClock(root);
  let width = 0;
  let drawnEpoch = null;
  const scale = { vmax: 1, source: "", target: "" };
  const title = h("span", { class: "cs-title", "data-role": "title" });
  const sub = h("span", { class: "cs-sub", "data-role": "subtitle" });
  const refine = h("span", { class: "cs-refining", "data-role": "refining", hidden: true });
  const sort = sortControl(model);
  const pair = pairPicker(model, selection);
  const messagePair = pairPicker(model, selection);
  actions.append(messagePair.el);
  const plot = heatPlot({
    lut: LUT,
    describe: cellTip(() => scale),
    onHover: (c) => selection.hover({ kind: "cell", layer: scale.source, channel: c.col, to_layer: scale.target, to_channel: c.row, source: "layer" }),
    onLeave: () => { if (selection.get("hovered")?.source === "layer") selection.hover({}); },
    onPick: (c) => { model.set("picked", [c.col, c.row]); model.save_changes(); plot.setPicked([c.col, c.row]); },
  });
  const notes = h("div", { class: "cs-notes", "data-role": "notes" });
  const panel = h("div", { class: "cs-panel", "data-role": "maps" });
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
  const main = h("div", { class: "cs-main" }, h("div", { class: "cs-heat-col" }, plot.el, notes), panel);
  el.append(
    h("div", { class: "cs-head" }, h("span", null, title, sub, refine), pair.el, sort.el, slider.el),
    main,
    compare.el,
  );

  let app = null;
  let fitted = null; // the last height fitted while shown
  let stale = false; // drawn while hidden (another tab in front): redraw when shown
  const layout = () => {
    const w = Math.max(320, (width || el.clientWidth || root.clientWidth || 900) - 2);
    const side = w >= 900;
    main.classList.toggle("cs-side", side);
    return { heat: side ? w - PANEL - 22 : w, full: w, maxHeight: fitHeight() };
  };
  /** In the app: the heatmap's height that keeps the plot within the tab body (set by
   * js/lib/app_fit.js as --cs-fit-body); null elsewhere (the plot's own default). */
  const fitHeight = () => {
    if (!app && (app = el.closest(".cnnslicer-app"))) app.addEventListener("cs-fit", scheduleDraw);
    const body = el.closest(".widget-tab-contents");
    const fit = parseFloat(getComputedStyle(el).getPropertyValue("--cs-fit-body"));
    if (!app || !body || !(fit > 0)) return null;
    if (!el.clientWidth) { stale = true; return fitted; } // hidden: no positions to measure
    const above = plot.plot.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop;
    fitted = Math.max(120, Math.min(520, Math.floor(fit - above - 10 - 44 - 8))); // plot margins: 10 top, 44 bottom
    return fitted;
  };

  /** Draw a matrix {data, rows, cols, source, target} at `epoch`, sorted here when orders is null. */
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
      data: mat.data, rows: mat.rows, cols: mat.cols, vmin: 0, vmax, rowOrder, colOrder, width: lay.heat, maxHeight: lay.maxHeight,
      xTitle: `source ${mat.source} · ${mat.cols} channel${mat.cols === 1 ? "" : "s"} (${order})`,
      yTitle: `target ${mat.target} · ${mat.rows}`,
      marks: selection.get("channels") || [],
    });
    title.textContent = `Channel capacity: ${mat.source} → ${mat.target}`;
    sub.textContent = ` · epoch ${epoch} · ${m.n_samples} samples (${m.sample_group}) · ${m.bins} bins`;
    const part = orders && m.refining && m.refining.total ? m.refining : null; // stack matrices are complete
    refine.hidden = !part;
    refine.textContent = part ? ` · refining… ${part.done} of ${part.total} source channels counted (grey: to come)` : "";
    const caption = `Colour: channel capacity from 0 bits (bright) to ${formatNumber(vmax)} bits (dark); brighter = less shared information. Hover for values, click a cell for feature maps.`;
    notes.replaceChildren(h("div", null, caption), ...(m.notes || []).map((t) => h("div", { "data-role": "note" }, t)));
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
      colOrder: Array.from(decode(model.get("column_order")).data),
    });
  };

  let scheduled = false;
  const scheduleDraw = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => { scheduled = false; draw(); });
  };
  const drawPanel = () => {
    panel.replaceChildren(...featurePanel(model));
    panel.dataset.picked = (model.get("picked") || []).join(",");
  };
  const showBusy = () => { plot.setBusy(model.get("status") || ""); root.dataset.busy = String(Boolean(model.get("status"))); };
  const syncSlider = () => slider.setEpochs(model.get("epochs") || [], drawnEpoch ?? selection.get("epoch"));
  const showPickers = () => { pair.show(); messagePair.show(); };

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
    if (w && (Math.abs(w - width) > 6 || stale)) { width = w; stale = false; scheduleDraw(); }
  });
  resize.observe(el);
  width = el.clientWidth;
  showPickers();
  syncSlider();
  showBusy();
  draw();
  // the slider shows the epoch the heatmap shows (also in an export without a kernel)
  if (drawnEpoch !== null) slider.setValue(drawnEpoch);
  plot.setPicked(model.get("picked"));
  drawPanel();
  return () => { resize.disconnect(); plot.dispose(); if (app) app.removeEventListener("cs-fit", scheduleDraw); };
}

export default defineView("layer", layerView);
