/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// factory:js/views/selection.js
function selection_default(require2, module, exports) {
  const { h } = require2("lib:dom");
  const { FIELDS, SelectionClient, selectionParts } = require2("lib:selection");
  function crumb(part, client) {
    const clear = part.clearable ? h("button", {
      type: "button",
      class: "cs-clear",
      "data-action": "clear",
      "data-key": part.key,
      title: `Clear ${part.label}`,
      "aria-label": `Clear ${part.label}`,
      onclick: () => client.clear(part.key)
    }, "×") : null;
    return h(
      "span",
      { class: `cs-crumb${part.key === "hovered" ? " cs-hover" : ""}${part.clearable ? " cs-clearable" : ""}`, "data-key": part.key, title: part.title || null },
      h("span", { class: "cs-label" }, part.label),
      h("span", { class: "cs-value", "data-role": "value" }, part.text),
      clear
    );
  }
  function render({ model, el }) {
    const start = performance.now();
    const client = new SelectionClient(model);
    const line = h("div", { class: "cs-crumbs" });
    const error = h("div", { class: "cs-error", role: "alert", "data-role": "error" });
    const root = h(
      "div",
      { class: "cnnslicer-view cnnslicer-breadcrumb", "data-cnnslicer-view": "selection", role: "group", "aria-label": "Current selection" },
      line,
      error
    );
    el.replaceChildren(root);
    const draw = () => {
      line.replaceChildren(...selectionParts(client.snapshot()).map((p) => crumb(p, client)));
      const text = model.get("error") || "";
      error.textContent = text;
      error.hidden = !text;
    };
    client.onChange(draw, [...FIELDS, "error"]);
    draw();
    root.dataset.ready = "true";
    root.dataset.renderMs = (performance.now() - start).toFixed(1);
    return () => client.dispose();
  }
  var selection_default3 = { render };
  Object.assign(module.exports, {
    default: selection_default3
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

// view:selection
var selection_default2 = viewModule("selection", selection_default);
export {
  selection_default2 as default
};
