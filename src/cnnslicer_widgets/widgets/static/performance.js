/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// factory:js/views/performance.js
function performance_default(require2, module, exports) {
  const { defineView } = require2("lib:view");
  const { h: h2 } = require2("lib:dom");
  const { categorical: categorical2 } = require2("lib:colors");
  const { attachTooltip, runColor: runColor2 } = require2("lib:charts");
  const { h, formatNumber } = require2("lib:dom");
  const { decode } = require2("lib:codec");
  const { categorical } = require2("lib:colors");
  const { barChart, countHeatmap, heatmapWidth, lineChart, runColor } = require2("lib:charts");
  var matrix = (payload) => payload ? decode(payload) : null;
  function layout(width, classes = []) {
    const w = Math.max(320, width - 4);
    const need = classes.length ? Math.min(heatmapWidth(classes, Math.min(classes.length, 16)), 600) : 0;
    if (w < 760) return { confusion: Math.min(w, Math.max(380, need)), line: Math.min(w, 460), bars: Math.min(w, 460), loss: Math.min(w, 460) };
    const confusion = Math.min(Math.max(Math.min(340, Math.round(w * 0.34)), need), Math.round(w * 0.45));
    const line = Math.floor((w - confusion - 40) / 2);
    const bars = Math.min(360, Math.round(w * 0.36));
    return { confusion, line, bars, loss: w - bars - 22 };
  }
  function classLines(values, epochs, classes, focus) {
    const K = classes.length;
    return classes.map((name, k) => ({
      key: `class-${k}`,
      label: name,
      color: categorical(k),
      x: epochs,
      y: Array.from(epochs, (_, e) => values.data[e * K + k]),
      emphasis: focus === null || focus === void 0 ? void 0 : focus === k ? "strong" : "faded"
    }));
  }
  function entropyTips(values, epochs, classes, what) {
    const K = classes.length;
    return Array.from(epochs, (epoch, e) => {
      const rows = classes.map((name, k) => {
        const v = values.data[e * K + k];
        return `${name}: ${v === Infinity ? `∞ (${what})` : `${formatNumber(v)} bits`}`;
      });
      return { x: epoch, tip: `epoch ${epoch} (click to show it)
${rows.join("\n")}` };
    });
  }
  function lossSeries(model, runs, active) {
    const steps = matrix(model.get("loss_epochs"));
    const values = matrix(model.get("loss_values"));
    if (!steps || !values || !steps.shape[0]) return [];
    const T = steps.shape[1];
    return runs.map((run, r) => ({
      key: `run-${r}`,
      label: run.name,
      color: runColor(r),
      x: Array.from(steps.data.subarray(r * T, (r + 1) * T)),
      y: Array.from(values.data.subarray(r * T, (r + 1) * T)),
      emphasis: runs.length > 1 && r === active ? "strong" : void 0
    }));
  }
  function panel(role, chart, ...notes) {
    const width = chart ? Number(chart.getAttribute("width")) : 0;
    return h("div", { class: "cp-panel", "data-panel": role, style: width ? { width: `${width}px` } : null }, chart, ...notes);
  }
  function confusionPanel({ model, selection }, { sizes, runs, active, classes }) {
    const payload = matrix(model.get("confusion"));
    const shown = model.get("confusion_epoch");
    const run = runs[active];
    if (!payload) return panel("confusion", null, h("div", { class: "cp-panel-note", "data-role": "confusion" }, `No confusion matrix: run ${run?.name ?? ""} has no complete epoch.`));
    const n = payload.shape[0];
    const values = payload.data;
    const rowSum = (r) => {
      let s = 0;
      for (let c = 0; c < n; c++) s += values[r * n + c];
      return s;
    };
    const colSum = (c) => {
      let s = 0;
      for (let r = 0; r < n; r++) s += values[r * n + c];
      return s;
    };
    const pct = (v, total) => total ? `${(100 * v / total).toFixed(1)}%` : "–";
    const chart = countHeatmap({
      size: sizes.confusion,
      values,
      n,
      rowLabels: classes,
      colLabels: classes,
      role: "confusion",
      title: `Confusion matrix · epoch ${shown}`,
      xLabel: "predicted class",
      yLabel: "true class",
      tip: (r, c, v) => `true ${classes[r]} → predicted ${classes[c]}: ${v} sample${v === 1 ? "" : "s"}
${pct(v, rowSum(r))} of true ${classes[r]}, ${pct(v, colSum(c))} of predicted ${classes[c]}
(click: select these samples)`,
      onPick: (r, c) => selection.update({ sample_group: `label == ${r} and pred == ${c}` })
    });
    chart.dataset.epoch = String(shown);
    chart.dataset.total = String(values.reduce((a, b) => a + Number(b), 0));
    const empty = classes.filter((_, c) => colSum(c) === 0);
    return panel(
      "confusion",
      chart,
      h("div", { class: "cp-panel-note" }, h("span", { class: "cp-swatch", style: { background: runColor(active) } }), ` ${run.name} · rows: true class, columns: predicted; darker = more (log scale).`),
      empty.length ? h("div", { class: "cp-panel-note", "data-role": "never-predicted" }, `Never predicted at epoch ${shown}: class${empty.length > 1 ? "es" : ""} ${empty.join(", ")} (empty column${empty.length > 1 ? "s" : ""}).`) : null
    );
  }
  function entropyPanel({ model, selection, setEpoch }, { sizes, epochs, classes, active, runs }, { role, values, title, what }) {
    if (!values || !epochs.length) return panel(role, null);
    const xs = Array.from(epochs);
    const lo = xs[0];
    const hi = xs[xs.length - 1];
    const chart = lineChart({
      width: sizes.line,
      height: 230,
      role,
      title,
      xLabel: "epoch",
      yLabel: "bits",
      xDomain: lo === hi ? [lo - 1, hi + 1] : [lo, hi],
      xTicks: lo === hi ? [lo] : null,
      series: classLines(values, xs, classes, selection.get("class_index")),
      infMarkers: true,
      cursor: model.get("confusion_epoch"),
      slots: entropyTips(values, xs, classes, what),
      onPick: setEpoch
    });
    return panel(role, chart, h(
      "div",
      { class: "cp-panel-note" },
      h("span", { class: "cp-swatch", style: { background: runColor(active) } }),
      ` ${runs[active].name} · a mark in the ∞ band (a row per class): ${what}.`
    ));
  }
  function runPanels({ model, selection, setEpoch, setActive }, { sizes, runs, active }) {
    const inter = matrix(model.get("inter_entropy"));
    const layer = model.get("inter_layer");
    const bars = runs.map((run, r) => {
      const v = inter ? Number(inter.data[r]) : NaN;
      return {
        key: run.name,
        label: run.name,
        sublabel: `N = ${run.samples}`,
        value: v,
        color: runColor(r),
        active: r === active,
        tip: `${run.name}
${run.samples} probe samples
inter-sample entropy of ${layer || "—"}: ${Number.isFinite(v) ? `${v.toFixed(4)} bits` : "not available"}
(click: show this run)`
      };
    });
    const barsChart = barChart({ width: sizes.bars, height: 230, title: `Inter-sample entropy (${layer || "not computed"})`, yLabel: "bits", bars, onPick: setActive, role: "inter-bars" });
    const series = lossSeries(model, runs, active);
    const xs = series.flatMap((s) => s.x.filter(Number.isFinite));
    const lo = xs.length ? Math.min(...xs) : 0;
    const hi = xs.length ? Math.max(...xs) : 1;
    const steps = [...new Set(xs)].sort((a, b) => a - b);
    const loss = lineChart({
      width: sizes.loss,
      height: 230,
      role: "loss-chart",
      title: "Training loss",
      xLabel: "training epoch",
      yLabel: "loss",
      xDomain: lo === hi ? [lo - 1, hi + 1] : [lo, hi],
      xTicks: lo === hi ? [lo] : null,
      series,
      cursor: selection.get("epoch"),
      onPick: setEpoch,
      empty: "no training loss recorded",
      slots: steps.map((x) => ({ x, tip: `epoch ${x}
${series.map((s) => `${s.label}: ${formatNumber(s.y[s.x.indexOf(x)] ?? NaN)}`).join("\n")}` }))
    });
    return [
      panel("inter", barsChart, h("div", { class: "cp-panel-note" }, "Diversity of each run's probe set (paper Fig. 5B). Click a bar to show that run.")),
      panel("loss", loss, h("div", { class: "cp-panel-note" }, "One line per run, every training epoch."))
    ];
  }
  var EVENTS = [
    "confusion",
    "confusion_epoch",
    "runs",
    "active_run",
    "classes",
    "epochs",
    "label_given_pred",
    "pred_given_label",
    "loss_values",
    "inter_entropy",
    "notes"
  ].map((k) => `change:${k}`).join(" ");
  function chip({ color, text, title, active, attrs, onclick }) {
    return h2(
      "button",
      { type: "button", class: `cp-chip${active ? " cp-active" : ""}`, title, "aria-pressed": String(Boolean(active)), onclick, ...attrs },
      h2("span", { class: "cp-swatch", style: { background: color } }),
      text
    );
  }
  function header() {
    const parts = {
      notes: h2("ul", { class: "cp-notes", "data-role": "notes" }),
      runChips: h2("div", { class: "cp-runs", "data-role": "runs" }),
      slider: h2("input", { type: "range", min: 0, max: 0, step: 1, "data-role": "epoch-slider", "aria-label": "Epoch" }),
      epochText: h2("span", { "data-role": "epoch-value" }),
      classChips: h2("div", { class: "cp-classes", "data-role": "classes" }),
      grid: h2("div", { class: "cp-grid" })
    };
    parts.box = h2(
      "div",
      { class: "cp-root" },
      parts.notes,
      h2(
        "div",
        { class: "cp-bar" },
        h2("span", { class: "cp-label" }, "Runs"),
        parts.runChips,
        h2("label", { class: "cp-epoch" }, h2("span", { class: "cp-label" }, "Epoch"), parts.slider, parts.epochText)
      ),
      h2("div", { class: "cp-bar" }, h2("span", { class: "cp-label" }, "Classes (click to emphasise)"), parts.classChips),
      parts.grid
    );
    return parts;
  }
  function drawChips({ runChips, classChips }, { runs, active, classes, focus }, { setActive, toggleClass }) {
    runChips.replaceChildren(...runs.map((run, r) => chip({
      color: runColor2(r),
      text: `${run.name} (N = ${run.samples})`,
      title: `${run.path}
epochs ${run.epochs}`,
      active: r === active,
      attrs: { "data-run": r },
      onclick: () => setActive(r)
    })));
    classChips.replaceChildren(...classes.map((name, k) => chip({
      color: categorical2(k),
      text: name,
      title: `class ${name}`,
      active: focus === k,
      attrs: { "data-class": k },
      onclick: () => toggleClass(k)
    })));
  }
  function draw({ model, el, root, selection }) {
    const parts = header();
    const { notes, slider, epochText, grid } = parts;
    el.append(parts.box);
    const detachTip = attachTooltip(parts.box);
    let asked = null;
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
      toggleClass: (k) => selection.update({ class_index: selection.get("class_index") === k ? null : k })
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
        focus: selection.get("class_index")
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
        ...runPanels(ctx, state)
      );
      const texts = model.get("notes") || [];
      notes.replaceChildren(...texts.map((t) => h2("li", {}, t)));
      notes.hidden = !texts.length;
      root.dataset.drawMs = (performance.now() - start).toFixed(1);
      if (asked && asked.epoch === shown) {
        root.dataset.epochRedrawMs = (performance.now() - asked.at).toFixed(1);
        asked = null;
      }
    }
    let frame = 0;
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(() => {
        frame = 0;
        redraw();
      });
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
  var performance_default3 = defineView("performance", draw);
  Object.assign(module.exports, {
    default: performance_default3
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

// view:performance
var performance_default2 = viewModule("performance", performance_default);
export {
  performance_default2 as default
};
