// Training performance view (paper 5.2, Fig. 4-7; Python: widgets/performance.py).
//
//   A confusion matrix of the active run at the selected epoch   [data-role="confusion"]
//   B H(label | pred = i) over epochs, a line per class           [data-role="label-given-pred"]
//   C H(pred | label = i) over epochs, a line per class           [data-role="pred-given-label"]
//   D inter-sample entropy, a bar per run                         [data-role="inter-bars"]
//   E training loss over epochs, a line per run                   [data-role="loss-chart"]
// Runs keep one colour (runColor) everywhere; classes use the class colours (categorical).
// The epoch is the shared selection's; the slider [data-role="epoch-slider"] and clicks on
// the line charts move it, and the kernel answers with the matrix of that epoch. The root
// gets data-epoch-redraw-ms: time from an epoch change made here to the redrawn matrix.
import { defineView } from "../lib/view.js";
import { h } from "../lib/dom.js";
import { categorical } from "../lib/colors.js";
import { attachTooltip, runColor } from "../lib/charts.js";
import { confusionPanel, entropyPanel, layout, matrix, runPanels } from "../lib/perf_panels.js";

const EVENTS = ["confusion", "confusion_epoch", "runs", "active_run", "classes", "epochs", "label_given_pred",
  "pred_given_label", "loss_values", "inter_entropy", "notes"].map((k) => `change:${k}`).join(" ");

function chip({ color, text, title, active, attrs, onclick }) {
  return h("button", { type: "button", class: `cp-chip${active ? " cp-active" : ""}`, title, "aria-pressed": String(Boolean(active)), onclick, ...attrs },
    h("span", { class: "cp-swatch", style: { background: color } }), text);
}

function header() {
  const parts = {
    notes: h("ul", { class: "cp-notes", "data-role": "notes" }),
    runChips: h("div", { class: "cp-runs", "data-role": "runs" }),
    slider: h("input", { type: "range", min: 0, max: 0, step: 1, "data-role": "epoch-slider", "aria-label": "Epoch" }),
    epochText: h("span", { "data-role": "epoch-value" }),
    classChips: h("div", { class: "cp-classes", "data-role": "classes" }),
    grid: h("div", { class: "cp-grid" }),
  };
  parts.box = h("div", { class: "cp-root" }, parts.notes,
    h("div", { class: "cp-bar" }, h("span", { class: "cp-label" }, "Runs"), parts.runChips,
      h("label", { class: "cp-epoch" }, h("span", { class: "cp-label" }, "Epoch"), parts.slider, parts.epochText)),
    h("div", { class: "cp-bar" }, h("span", { class: "cp-label" }, "Classes (click to emphasise)"), parts.classChips),
    parts.grid);
  return parts;
}

function drawChips({ runChips, classChips }, { runs, active, classes, focus }, { setActive, toggleClass }) {
  runChips.replaceChildren(...runs.map((run, r) => chip({
    color: runColor(r), text: `${run.name} (N = ${run.samples})`, title: `${run.path}\nepochs ${run.epochs}`,
    active: r === active, attrs: { "data-run": r }, onclick: () => setActive(r),
  })));
  classChips.replaceChildren(...classes.map((name, k) => chip({
    color: categorical(k), text: name, title: `class ${name}`, active: focus === k, attrs: { "data-class": k }, onclick: () => toggleClass(k),
  })));
}

function draw({ model, el, root, selection }) {
  const parts = header();
  const { notes, slider, epochText, grid } = parts;
  el.append(parts.box);
  const detachTip = attachTooltip(parts.box);
  let asked = null; // {epoch, at}: an epoch change made here, to time its redraw
  const ctx = {
    model,
    selection,
    setEpoch: (epoch) => {
      if (epoch === selection.get("epoch")) return;
      asked = { epoch, at: performance.now() };
      selection.update({ epoch });
    },
    setActive: (r) => {
      if (r === model.get("active_run")) return;
      model.set("active_run", r);
      model.save_changes();
    },
    toggleClass: (k) => selection.update({ class_index: selection.get("class_index") === k ? null : k }),
  };
  slider.addEventListener("input", () => {
    const epochs = model.get("epochs") || [];
    if (epochs.length) ctx.setEpoch(epochs[Number(slider.value)]);
  });

  function redraw() {
    const start = performance.now();
    const classes = model.get("classes") || [];
    const state = {
      runs: model.get("runs") || [],
      active: model.get("active_run"),
      classes,
      epochs: model.get("epochs") || [],
      sizes: layout(el.clientWidth || root.clientWidth || 900, classes),
      focus: selection.get("class_index"),
    };
    drawChips(parts, state, ctx);
    const shown = model.get("confusion_epoch");
    slider.max = String(Math.max(0, state.epochs.length - 1));
    slider.value = String(Math.max(0, Array.from(state.epochs).indexOf(shown)));
    slider.disabled = state.epochs.length < 2;
    epochText.textContent = shown >= 0 ? String(shown) : "–";
    grid.replaceChildren(
      confusionPanel(ctx, state),
      entropyPanel(ctx, state, { role: "label-given-pred", values: matrix(model.get("label_given_pred")), title: "H(label | pred = i)", what: "class i never predicted" }),
      entropyPanel(ctx, state, { role: "pred-given-label", values: matrix(model.get("pred_given_label")), title: "H(pred | label = i)", what: "class i has no samples" }),
      ...runPanels(ctx, state));
    const texts = model.get("notes") || [];
    notes.replaceChildren(...texts.map((t) => h("li", {}, t)));
    notes.hidden = !texts.length;
    root.dataset.drawMs = (performance.now() - start).toFixed(1);
    if (asked && asked.epoch === shown) {
      root.dataset.epochRedrawMs = (performance.now() - asked.at).toFixed(1);
      asked = null;
    }
  }

  let frame = 0;
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; redraw(); });
  };
  model.on(EVENTS, schedule);
  selection.onChange(schedule, ["epoch", "class_index"]);
  const resize = new ResizeObserver(schedule);
  resize.observe(el);
  redraw();
  return () => {
    model.off(EVENTS, schedule);
    resize.disconnect();
    if (frame) cancelAnimationFrame(frame);
    detachTip();
  };
}

export default defineView("performance", draw);
