/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// factory:js/views/app_header.js
function app_header_default(require2, module, exports) {
  var MIN_BODY = 320;
  var SLACK = 14;
  function scroller(el) {
    const known = el.closest(".jp-WindowedPanel-outer, .jp-NotebookPanel-notebook");
    if (known) return known;
    for (let a = el.parentElement; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if ((s.overflowY === "auto" || s.overflowY === "scroll") && a.clientHeight >= 0.4 * window.innerHeight) return a;
    }
    return null;
  }
  function fitApp(el) {
    let app = null;
    let box = null;
    const seen = { body: "", query: "" };
    const update = () => {
      app = app || el.closest(".cnnslicer-app");
      if (!app) return;
      box = box || scroller(app);
      const visible = box ? box.clientHeight : window.innerHeight;
      const top = app.getBoundingClientRect().top;
      const grid = app.querySelector(".cs-app-grid");
      const tabs = app.querySelector(".cs-app-tabs");
      const bar = tabs && tabs.querySelector(".lm-TabBar");
      const query = app.querySelector(".cs-app-query");
      if (!grid || !tabs || !bar) return;
      const side = query && Math.abs(query.getBoundingClientRect().top - tabs.getBoundingClientRect().top) < 40;
      const barBottom = bar.getBoundingClientRect().bottom;
      const body = Math.max(MIN_BODY, Math.floor(side ? visible - (barBottom - top) - SLACK : visible - (barBottom - tabs.getBoundingClientRect().top) - SLACK));
      const q = side ? Math.max(MIN_BODY, Math.floor(visible - (query.getBoundingClientRect().top - top) - SLACK)) : null;
      const next = { body: `${body}px`, query: q === null ? "none" : `${q}px` };
      if (next.body === seen.body && next.query === seen.query) return;
      Object.assign(seen, next);
      app.style.setProperty("--cs-fit-body", next.body);
      app.style.setProperty("--cs-fit-query", next.query);
      app.dataset.fitBody = String(body);
      app.dispatchEvent(new CustomEvent("cs-fit", { detail: { body, query: q } }));
    };
    let frame = 0;
    const soon = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    };
    const ro = new ResizeObserver(soon);
    let tries = 0;
    const start = () => {
      app = el.closest(".cnnslicer-app");
      if (!app) {
        if (++tries < 300) frame = requestAnimationFrame(start);
        return;
      }
      ro.observe(app);
      box = scroller(app);
      if (box) ro.observe(box);
      update();
    };
    window.addEventListener("resize", soon);
    start();
    return () => {
      ro.disconnect();
      window.removeEventListener("resize", soon);
      cancelAnimationFrame(frame);
    };
  }
  const { h } = require2("lib:dom");
  function runChips(model) {
    const runs = model.get("runs") || [];
    if (runs.length < 2) return null;
    const active = model.get("active_run");
    return h(
      "div",
      { class: "cs-app-runs", role: "group", "aria-label": "Runs" },
      h("span", { class: "cs-app-runs-title" }, "Run"),
      ...runs.map((name, i) => h("button", {
        type: "button",
        class: "cs-app-run",
        "data-run": i,
        "aria-pressed": String(i === active),
        title: i === active ? `${name}: shown in the views` : `Show ${name} in the views`,
        onclick: () => {
          model.set("active_run", i);
          model.save_changes();
        }
      }, name))
    );
  }
  function render({ model, el }) {
    const root = h("div", { class: "cnnslicer-view cs-app-header", "data-cnnslicer-view": "app-header" });
    el.replaceChildren(root);
    const draw = () => {
      const epochs = model.get("epochs") || [];
      const live = model.get("live") || "off";
      root.replaceChildren(h(
        "div",
        { class: "cs-app-head", "data-epochs": epochs.join(",") },
        h(
          "div",
          { class: "cs-app-line" },
          h("b", { class: "cs-app-title" }, "CNNSlicer"),
          " ",
          h("code", {}, model.get("store") || ""),
          " · ",
          h("span", { class: "cs-app-info" }, model.get("info") || "")
        ),
        h(
          "div",
          { class: "cs-app-line" },
          h("span", { "data-role": "epochs" }, model.get("epochs_text") || ""),
          " · ",
          h("span", { "data-live": live, class: `cs-live cs-live-${live}` }, live === "on" ? "● live" : model.get("live_text") || ""),
          live === "on" ? `: ${model.get("live_text") || ""}` : "",
          model.get("can_watch") ? h("button", {
            type: "button",
            class: "cs-app-watch",
            "data-role": "watch",
            title: "Look for new epochs every second, and show each one",
            onclick: () => {
              model.set("watch_clicks", (model.get("watch_clicks") || 0) + 1);
              model.save_changes();
            }
          }, live === "error" ? "Retry" : "Follow the store") : null
        ),
        runChips(model)
      ));
      root.dataset.ready = "true";
    };
    const names = "change:store change:info change:epochs change:epochs_text change:live change:live_text change:runs change:active_run change:can_watch";
    model.on(names, draw);
    draw();
    const unfit = fitApp(el);
    return () => {
      model.off(names, draw);
      unfit();
    };
  }
  var app_header_default3 = { render };
  Object.assign(module.exports, {
    default: app_header_default3
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

// view:app_header
var app_header_default2 = viewModule("app_header", app_header_default);
export {
  app_header_default2 as default
};
