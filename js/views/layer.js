// Layer view (Python: widgets/layer_view.py): the channel-capacity heatmap between two layers
// (source channels across, target channels down), sort buttons, an epoch slider, hover
// read-out, and the feature maps of a clicked cell's two channels.
//
// Colour: reversed viridis from 0 to the matrix maximum, so brighter = lower capacity as in
// the paper (5.3.2); NaN is grey. The matrix arrives in channel order with row_order and
// column_order (Python sorts); a sort change resends only the orders.
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
import { redrawClock } from "../lib/redraw_clock.js";
import { epochSlider } from "../lib/slider.js";
import { defineView } from "../lib/view.js";

const LUT = colorTable(viridis, { reverse: true });
const SORTS = [["max", "max"], ["mean", "mean"], ["none", "channel"]];

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

function cellTip(info) {
  return (cell) => [
    h("span", { class: "cs-swatch", style: { background: rgb(colorOf(LUT, cell.value, info().vmin ?? 0, info().vmax ?? 1)) } }),
    `${formatNumber(cell.value)} bits\nsource ${info().source} ch ${cell.col}\ntarget ${info().target} ch ${cell.row}`,
  ];
}

/** The function that draws the current matrix, title, caption and notes. */
function heatmapDrawer({ model, selection, plot, title, sub, notes, clock }) {
  return () => {
    const payload = model.get("capacity");
    if (!payload) return;
    const m = model.get("info") || {};
    const cap = decode(payload);
    const [rows, cols] = cap.shape;
    const order = m.sort_by === "none" ? "channel order" : `sorted by ${m.sort_by}`;
    const ms = plot.render({
      data: cap.data, rows, cols, vmin: m.vmin ?? 0, vmax: m.vmax ?? 1,
      rowOrder: Array.from(decode(model.get("row_order")).data),
      colOrder: Array.from(decode(model.get("column_order")).data),
      xTitle: `source ${m.source} · ${cols} channel${cols === 1 ? "" : "s"} (${order})`,
      yTitle: `target ${m.target} · ${rows}`,
      marks: selection.get("channels") || [],
    });
    title.textContent = `Channel capacity: ${m.source} → ${m.target}`;
    sub.textContent = ` · epoch ${m.epoch} · ${m.n_samples} samples (${m.sample_group}) · ${m.bins} bins`;
    const caption = `Colour: channel capacity from 0 bits (bright) to ${formatNumber(m.vmax ?? 0)} bits (dark); brighter = less shared information. Hover for values, click a cell for feature maps.`;
    notes.replaceChildren(h("div", null, caption), ...(m.notes || []).map((t) => h("div", { "data-role": "note" }, t)));
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
  const title = h("span", { class: "cs-title", "data-role": "title" });
  const sub = h("span", { class: "cs-sub", "data-role": "subtitle" });
  const sort = sortControl(model);
  const slider = epochSlider({ onInput: (e) => requestEpoch(e, false), onCommit: (e) => requestEpoch(e, true) });
  const plot = heatPlot({
    lut: LUT,
    describe: cellTip(info),
    onHover: (c) => selection.hover({ kind: "cell", layer: info().source, channel: c.col, to_layer: info().target, to_channel: c.row, source: "layer" }),
    onLeave: () => { if (selection.get("hovered")?.source === "layer") selection.hover({}); },
    onPick: (c) => { model.set("picked", [c.col, c.row]); model.save_changes(); plot.setPicked([c.col, c.row]); },
  });
  const notes = h("div", { class: "cs-notes", "data-role": "notes" });
  const panel = h("div", { class: "cs-panel", "data-role": "maps" });
  el.append(
    h("div", { class: "cs-head" }, h("span", null, title, sub), sort.el, slider.el),
    h("div", { class: "cs-main" }, h("div", null, plot.el, notes), panel),
  );

  const draw = heatmapDrawer({ model, selection, plot, title, sub, notes, clock });

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

export default defineView("layer", layerView);
