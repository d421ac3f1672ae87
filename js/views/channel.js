// Channel view (Python: widgets/channel_view.py): small multiples of each channel's
// intra-sample entropy over epochs (one line per class), a circle packing of classes and
// channels at the selected epoch, and the deconvnet projections of a chosen channel.
//
// The kernel sends the entropies of every epoch once ((channel, class, epoch) float32), so
// moving the epoch slider redraws the packing here without a round trip; a chosen channel's
// projections come from the kernel (deconvnet with the weights of the selected epoch).
import { decode } from "../lib/codec.js";
import { categorical } from "../lib/colors.js";
import { finiteExtent, h } from "../lib/dom.js";
import { imageRow, maybeDecode } from "../lib/images.js";
import { circlePacking } from "../lib/packview.js";
import { epochSlider } from "../lib/slider.js";
import { smallMultiples } from "../lib/smallmult.js";
import { defineView } from "../lib/view.js";

const ALL = "all";

/** Position of the recorded epoch nearest at or below e. */
function epochIndex(epochs, e) {
  let best = 0;
  epochs.forEach((x, i) => { if (x <= e) best = i; });
  return best;
}

/** The packing's groups at epoch position t: each class, then all classes. */
function packGroups(entropy, entropyAll, classes, t) {
  const [nChannels, nClasses, nEpochs] = entropy.shape;
  const groups = [];
  for (let k = 0; k < nClasses; k++) {
    const values = new Float64Array(nChannels);
    for (let c = 0; c < nChannels; c++) values[c] = entropy.data[(c * nClasses + k) * nEpochs + t];
    const name = classes[k] ?? String(k);
    groups.push({ key: `class-${k}`, label: name, title: `class ${name}`, classIndex: k, color: categorical(k), values });
  }
  const all = new Float64Array(nChannels);
  for (let c = 0; c < nChannels; c++) all[c] = entropyAll.data[c * nEpochs + t];
  groups.push({ key: ALL, label: "all", title: "all classes", classIndex: null, color: "#8c8c8c", values: all });
  return groups;
}

function classLegend(classes, onPick) {
  return classes.map((name, k) => h("button", {
    type: "button", class: "cs-class", "data-class": k, "aria-pressed": "false",
    title: `Highlight ${name}`, onclick: () => onPick(k),
  }, h("i", { style: { background: categorical(k) } }), name));
}

function deconvPanel(model, classes) {
  const info = model.get("deconv_info") || {};
  if (info.channel === undefined) {
    return [h("div", { class: "cs-hint" }, "Click a channel (a chart or a circle) to see its deconvnet projections.")];
  }
  const head = h("div", { class: "cs-panel-head" },
    h("span", { class: "cs-title" }, `Deconvnet: ${info.layer} channel ${info.channel}`),
    h("span", { class: "cs-sub" }, ` · weights of epoch ${info.epoch}`));
  if (info.note) return [head, h("div", { class: "cs-hint", "data-role": "deconv-note" }, info.note)];
  const labels = maybeDecode(model.get("probe_labels"));
  const captions = labels ? Array.from(labels.data, (k) => classes[k] ?? String(k)) : null;
  return [
    head,
    imageRow("probe images", maybeDecode(model.get("probe_images")), { role: "input", captions, px: 64 }),
    imageRow(`projection of ch ${info.channel}`, maybeDecode(model.get("deconv_images")), { role: "deconv", px: 64 }),
    h("div", { class: "cs-notes" }, "Projections to input space; mid grey = 0, lighter = positive."),
  ];
}

function channelView({ model, el, root, selection }) {
  root.classList.add("cs-channel");
  let data = null; // {entropy, entropyAll, epochs, classes}
  const layerName = () => model.get("layer");

  const title = h("span", { class: "cs-title", "data-role": "title" });
  const sub = h("span", { class: "cs-sub", "data-role": "subtitle" });
  const slider = epochSlider({ onInput: (epoch) => selection.update({ epoch }) });
  const legend = h("div", { class: "cs-classes", "data-role": "classes" });
  const busy = h("div", { class: "cs-busy", hidden: true, "data-role": "busy" });
  const notes = h("div", { class: "cs-notes", "data-role": "notes" });
  const panel = h("div", { class: "cs-panel", "data-role": "deconv" });
  const hoverChannel = (channel) => {
    sm.setHovered(channel);
    if (channel !== null) selection.hover({ kind: "channel", layer: layerName(), channel, source: "channel" });
    else if (selection.get("hovered")?.source === "channel") selection.hover({});
  };
  const sm = smallMultiples({ onPick: (c) => selection.update({ channels: [c] }), onHover: hoverChannel });
  const packing = circlePacking({
    onZoom: (key) => selection.update({ class_index: key && key !== ALL ? Number(key.slice(6)) : null }),
    onPickChannel: (c) => selection.update({ channels: [c] }),
    onHover: (item) => {
      if (item?.channel !== undefined) return hoverChannel(item.channel);
      sm.setHovered(null);
      if (item?.group.classIndex !== null && item?.group.classIndex !== undefined) selection.hover({ kind: "class", class_index: item.group.classIndex, source: "channel" });
      else if (selection.get("hovered")?.source === "channel") selection.hover({});
    },
  });
  el.append(
    h("div", { class: "cs-head" }, h("span", null, title, sub), slider.el),
    legend,
    h("div", { class: "cs-main", style: { position: "relative" } }, sm.el, h("div", { class: "cs-side" }, packing.el, panel), busy),
    notes,
  );

  const showEpoch = () => {
    if (!data) return;
    const e = selection.get("epoch");
    const t = epochIndex(data.epochs, e);
    packing.setData(packGroups(data.entropy, data.entropyAll, data.classes, t));
    packing.setChosen(selection.get("channels") || []);
    sm.setEpoch(data.epochs[t]);
    slider.setValue(e);
    const info = model.get("info") || {};
    title.textContent = `Channel view: ${info.layer}`;
    sub.textContent = ` · ${info.n_channels} channels · epoch ${data.epochs[t]} · ${info.n_samples} probe samples · ${info.bins} bins`;
    root.dataset.epoch = String(data.epochs[t]);
  };
  const showClass = () => {
    const k = selection.get("class_index");
    sm.setClass(k);
    for (const b of legend.children) b.setAttribute("aria-pressed", String(Number(b.dataset.class) === k));
    packing.focus(k === null || k === undefined ? null : `class-${k}`);
  };
  const showChosen = () => {
    const channels = selection.get("channels") || [];
    sm.setChosen(channels);
    packing.setChosen(channels);
  };
  const draw = () => {
    const payload = model.get("entropy");
    if (!payload) { data = null; return; }
    const entropy = decode(payload);
    const entropyAll = decode(model.get("entropy_all"));
    const classes = model.get("classes") || [];
    data = { entropy, entropyAll, classes, epochs: model.get("epochs") || [] };
    const [lo, hi] = finiteExtent(entropy.data);
    sm.setData({ entropy, epochs: data.epochs, colors: classes.map((_, k) => categorical(k)), yMaxValue: Math.max(hi, lo) });
    legend.replaceChildren(...classLegend(classes, (k) => selection.update({ class_index: selection.get("class_index") === k ? null : k })));
    slider.setEpochs(data.epochs, selection.get("epoch"));
    notes.replaceChildren(...((model.get("info") || {}).notes || []).map((t) => h("div", null, t)));
    showEpoch();
    showClass();
    showChosen();
    root.dataset.layer = model.get("layer");
  };
  const drawPanel = () => {
    panel.replaceChildren(...deconvPanel(model, model.get("classes") || []));
    const info = model.get("deconv_info") || {};
    panel.dataset.channel = info.channel ?? "";
    panel.dataset.state = info.channel === undefined ? "empty" : info.note ? "note" : "images";
  };
  const showBusy = () => {
    const text = model.get("status") || "";
    busy.textContent = text;
    busy.hidden = !text;
    root.dataset.busy = String(Boolean(text));
  };

  let scheduled = false;
  const scheduleDraw = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => { scheduled = false; draw(); });
  };
  for (const name of ["entropy", "entropy_all", "epochs", "info", "layer"]) model.on(`change:${name}`, scheduleDraw);
  model.on("change:deconv_info", drawPanel);
  model.on("change:status", showBusy);
  selection.onChange(showEpoch, ["epoch"]);
  selection.onChange(showClass, ["class_index"]);
  selection.onChange(showChosen, ["channels"]);
  selection.onChange((snap) => sm.setHovered(snap.hovered?.kind === "channel" && snap.hovered.layer === layerName() ? snap.hovered.channel : null), ["hovered"]);
  draw();
  drawPanel();
  showBusy();
  return () => packing.dispose();
}

export default defineView("channel", channelView);
