// Information view (Python: widgets/information.py), after Fang et al. 2018: (a) the
// information plane, one trajectory per layer coloured by epoch, with an estimator
// selector (KDE band lower..upper, one KDE bound, binning) and the shuffled-label level;
// (b) box plots of the selected layer's per-channel I(T_c;Y) over epochs; (c) class x
// channel heatmaps of the one-vs-rest MI and of each channel's rank within its class at
// the selected epoch.
//
// Clicking a trajectory sends {event: "pick_layer"} to the kernel, which sets
// selection.layers; a heatmap column sends {event: "pick_channel"}; the slider and the
// boxes write selection.epoch; hovering a heatmap cell writes selection.hovered (a channel). For tests and benchmarks the root carries data-drawn-epoch
// and data-drawn-layer (the heatmaps shown), data-drawn-estimator (the plane shown),
// data-draws, data-draw-ms (paint time of the heatmaps) and data-redraw-ms (from an epoch
// request in this view to the heatmaps of that epoch).
import { decode } from "../lib/codec.js";
import { blues, viridis } from "../lib/colors.js";
import { formatNumber, h } from "../lib/dom.js";
import { colorTable } from "../lib/heatmap.js";
import { boxPlot } from "../lib/info_boxes.js";
import { classHeatmap } from "../lib/info_heatmap.js";
import { infoPlane } from "../lib/info_plane.js";
import { redrawClock } from "../lib/redraw_clock.js";
import { epochSlider } from "../lib/slider.js";
import { defineView } from "../lib/view.js";

const MI_LUT = colorTable(viridis);
const RANK_LUT = colorTable(blues, { reverse: true });
const ESTIMATORS = [
  ["kde", "KDE band", "KDE: the band runs from the lower (Bhattacharyya) to the upper (KL) pairwise bound"],
  ["kde_upper", "KDE upper", "KDE upper bound (KL kernel, exp(-d²/2σ²))"],
  ["kde_lower", "KDE lower", "KDE lower bound (Bhattacharyya kernel, exp(-d²/8σ²))"],
  ["binning", "binning", "Binning: 30 equal bins over the layer's range, each sample's binned vector is one state"],
];

function estimatorControl(model) {
  const buttons = ESTIMATORS.map(([key, text, title]) => h("button", {
    type: "button", "data-estimator": key, "aria-pressed": "false", title,
    onclick: () => { model.set("estimator", key); model.save_changes(); },
  }, text));
  const show = () => buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.estimator === model.get("estimator"))));
  show();
  const el = h("span", { class: "cs-seg", "data-role": "estimator" }, h("span", { class: "cs-slider-label" }, "estimator"), h("span", { class: "cs-seg-buttons" }, ...buttons));
  return { el, show };
}

function notesOf(lines, caption) {
  return [h("div", null, caption), ...(lines || []).map((t) => h("div", { "data-role": "note" }, t))];
}

function informationView({ model, el, root, selection }) {
  root.classList.add("ci-info");
  const clock = redrawClock(root);
  const requestEpoch = (epoch) => {
    if (epoch === selection.get("epoch")) return;
    clock.request(epoch);
    selection.update({ epoch });
  };
  const estimator = estimatorControl(model);
  const slider = epochSlider({ onInput: () => {}, onCommit: requestEpoch });
  const sub = h("span", { class: "cs-sub", "data-role": "subtitle" });
  const planeBox = h("div", { "data-role": "plane-box" });
  const planeNotes = h("div", { class: "cs-notes", "data-role": "plane-notes", style: { maxWidth: "480px" } });
  const layerTitle = h("div", { class: "ci-sub-title", "data-role": "layer-title" });
  const boxesBox = h("div", { "data-role": "boxes-box" });
  const panelMessage = h("div", { class: "ci-panel-message", "data-role": "panel-message", hidden: true });
  const onPickChannel = (channel) => model.send({ event: "pick_channel", channel });
  const info = () => model.get("layer_info") || {};
  const hoverCell = (c) => selection.hover({ kind: "channel", layer: info().layer, channel: c.col, source: "information" });
  const unhover = () => { if (selection.get("hovered")?.source === "information") selection.hover({}); };
  const classes = () => info().classes || [];
  const miMap = classHeatmap({
    lut: MI_LUT, title: "", legendTitle: "bits", role: "mi-heatmap", onPick: onPickChannel, onHover: hoverCell, onLeave: unhover,
    describe: (c) => {
      const payload = model.get("class_p");
      const p = payload ? decode(payload) : null;
      const pv = p ? p.data[c.row * p.shape[1] + c.col] : NaN;
      return `class ${classes()[c.row] ?? c.row} vs rest · channel ${c.col}\nI(T_c; 1[Y=k]) = ${formatNumber(c.value)} bits${Number.isFinite(pv) ? `\npermutation p = ${formatNumber(pv)}` : ""}`;
    },
  });
  const rankMap = classHeatmap({
    lut: RANK_LUT, title: "", legendTitle: "rank", role: "rank-heatmap", onPick: onPickChannel, onHover: hoverCell, onLeave: unhover,
    describe: (c) => `class ${classes()[c.row] ?? c.row} · channel ${c.col}\nrank ${c.value} of ${info().n_channels} (1 = most informative)`,
  });
  const mapsNotes = h("div", { class: "cs-notes", "data-role": "layer-notes", style: { maxWidth: "900px" } });
  const maps = h("div", { class: "ci-maps" }, miMap.el, rankMap.el);
  const layerBody = h("div", { class: "ci-layer-body" }, boxesBox, maps, mapsNotes);
  const busy = h("div", { class: "cs-busy", hidden: true, "data-role": "busy" });
  el.append(
    h("div", { class: "cs-head" }, h("span", null, h("span", { class: "cs-title" }, "Information plane"), sub), estimator.el, slider.el),
    h("div", { class: "ci-main" },
      h("div", null, planeBox, planeNotes),
      h("div", { class: "ci-layer" }, layerTitle, panelMessage, layerBody)),
    busy,
  );

  let plane = null;
  const drawPlane = () => {
    plane?.dispose();
    plane = null;
    const p = model.get("plane_xt");
    const pi = model.get("plane_info") || {};
    if (!p || !pi.layers) { planeBox.replaceChildren(); return; }
    plane = infoPlane({
      xt: decode(p), ty: decode(model.get("plane_ty")), nul: decode(model.get("plane_null")), sat: decode(model.get("plane_saturated")),
      info: pi, width: 480, height: 360, selected: selection.get("layers") || [], epoch: selection.get("epoch"),
      onPick: (layer) => model.send({ event: "pick_layer", layer }),
    });
    planeBox.replaceChildren(plane.el);
    sub.textContent = ` · ${pi.label} · ${pi.layers.length} layers · ${pi.n_samples} samples · ${pi.n_permutations} label shuffles`;
    const caption = "One trajectory per layer through the recorded epochs (colour = epoch, ring = selected epoch, hollow = saturated). Click a trajectory to select its layer.";
    planeNotes.replaceChildren(...notesOf(pi.notes, caption));
    root.dataset.drawnEstimator = pi.estimator;
  };

  const drawPanels = () => {
    const msg = model.get("panel_message") || "";
    panelMessage.textContent = msg;
    panelMessage.hidden = !msg;
    layerBody.hidden = Boolean(msg);
    const li = info();
    const payload = model.get("channel_mi");
    if (msg || !payload || !li.layer) { layerTitle.textContent = msg ? "" : "…"; return; }
    layerTitle.textContent = `${li.layer} · ${li.n_channels} channel${li.n_channels === 1 ? "" : "s"} · ${li.method}`;
    const mi = decode(payload);
    boxesBox.replaceChildren(boxPlot({
      values: mi.data, epochs: li.epochs, nChannels: mi.shape[1], nullLevel: decode(model.get("channel_null")).data,
      yMax: li.h_y, width: 470, height: 250, epoch: selection.get("epoch"), onPick: requestEpoch,
      title: `I(T_c;Y) of each channel of ${li.layer} over epochs`,
    }));
    const cm = decode(model.get("class_mi"));
    const rk = decode(model.get("class_rank"));
    const [rows, cols] = cm.shape;
    const marks = selection.get("channels") || [];
    const klass = selection.get("class_index");
    const rowMarks = Number.isInteger(klass) ? [klass] : [];
    miMap.setTitle(`One-vs-rest I(T_c; 1[Y=k]) at epoch ${li.epoch}`);
    rankMap.setTitle(`Rank of each channel within its class at epoch ${li.epoch}`);
    const t0 = performance.now();
    miMap.render({ data: cm.data, rows, cols, vmin: 0, vmax: li.vmax, rowLabels: li.classes, marks, rowMarks, maxWidth: 460 });
    rankMap.render({ data: Float32Array.from(rk.data), rows, cols, vmin: 1, vmax: Math.max(2, cols), rowLabels: li.classes, marks, rowMarks, maxWidth: 460, legendTop: cols > 1 ? `${cols} (least)` : "", legendBottom: cols > 1 ? "1 (most)" : "1 (the only channel)" });
    const ms = performance.now() - t0;
    const caption = `Box plots: I(T_c;Y) over the ${li.n_channels} channel${li.n_channels === 1 ? "" : "s"}, 0 to H(Y) = ${formatNumber(li.h_y)} bits; click a box for its epoch. Heatmaps: colour 0 to ${formatNumber(li.vmax)} bits (the largest H(1[Y=k])) and rank 1 (dark) to ${cols}; hover for values, click a column to select the channel.`;
    mapsNotes.replaceChildren(...notesOf(li.notes, caption));
    Object.assign(maps.dataset, { layer: li.layer, epoch: String(li.epoch), rows: String(rows), cols: String(cols) });
    clock.stamp(li.epoch, ms, { drawnLayer: li.layer });
  };

  let scheduled = { plane: false, panels: false };
  const schedule = (what) => {
    if (scheduled[what]) return;
    scheduled[what] = true;
    queueMicrotask(() => { scheduled[what] = false; (what === "plane" ? drawPlane : drawPanels)(); });
  };
  const showBusy = () => {
    const text = model.get("status") || "";
    busy.textContent = text;
    busy.hidden = !text;
    root.dataset.busy = String(Boolean(text));
  };
  const syncSlider = () => slider.setEpochs(model.get("epochs") || [], selection.get("epoch"));

  for (const name of ["plane_xt", "plane_ty", "plane_null", "plane_saturated", "plane_info"]) model.on(`change:${name}`, () => schedule("plane"));
  for (const name of ["channel_mi", "channel_null", "class_mi", "class_rank", "layer_info", "panel_message"]) model.on(`change:${name}`, () => schedule("panels"));
  model.on("change:estimator", estimator.show);
  model.on("change:status", showBusy);
  model.on("change:epochs", syncSlider);
  selection.onChange((snap) => { slider.setValue(snap.epoch); schedule("plane"); }, ["epoch", "layers"]);
  selection.onChange(() => schedule("panels"), ["channels", "class_index"]);
  syncSlider();
  showBusy();
  drawPlane();
  drawPanels();
  return () => { plane?.dispose(); miMap.dispose(); rankMap.dispose(); };
}

export default defineView("information", informationView);
