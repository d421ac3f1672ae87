// The shared lib, loaded once per page (Python: FrontEnd in widgets/_static.py).
//
// The js/lib modules that two or more views use are one ES module, static/lib.js (built
// from js/lib.js), that the kernel sends once: the `source` of the one FrontEnd model, which
// every view and Selection references in its `_front_end` trait ("IPY_MODEL_<id>"). A view's
// _esm holds only its own code, built by js/build.mjs as a factory whose require("lib:dom")
// returns the lib's module: viewModule(name, factory) imports the lib the first time a view
// of the page needs it (the others wait for the same promise), runs the factory with it and
// draws. The lib is kept on globalThis by its digest, so every view, cell and notebook of a
// page shares one copy: anywidget imports each model's _esm on its own, so a lib inlined in
// each view's _esm is sent and parsed once per view.
//
// A static HTML export's page script (js/export/export_page.js) loads the lib through
// frontEnd() too, from the document in the page, and runs the export runtime with it.

const REF_PREFIX = "IPY_MODEL_";
const CACHE = Symbol.for("cnnslicer_widgets.frontend");

/** Digest -> promise of the lib module, shared by everything in the page. */
function modules() {
  globalThis[CACHE] ??= new Map();
  return globalThis[CACHE];
}

/** Import the text of an ES module from a Blob URL (as anywidget does with _esm). */
export async function importSource(source) {
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    return await import(/* @vite-ignore */ url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * The lib module with this digest: load(source()) the first time it is asked for in the
 * page, the same promise afterwards. A failed load is forgotten, so a later view retries.
 */
export function frontEnd(digest, source, load = importSource) {
  const cache = modules();
  if (!cache.has(digest)) {
    const promise = Promise.resolve().then(() => load(source()));
    promise.catch(() => cache.delete(digest));
    cache.set(digest, promise);
  }
  return cache.get(digest);
}

/** The lib of a view's model: the source of the FrontEnd its `_front_end` trait refers to. */
export async function frontEndOf(model, load = importSource) {
  const ref = model.get("_front_end");
  if (typeof ref !== "string" || !ref.startsWith(REF_PREFIX)) {
    throw new Error(`this widget has no front end (_front_end = ${JSON.stringify(ref)})`);
  }
  const holder = await model.widget_manager.get_model(ref.slice(REF_PREFIX.length));
  return frontEnd(holder.get("digest"), () => holder.get("source"), load);
}

/** The lib module a factory asks for: require("lib:dom") -> the lib's modules.dom. */
function libModule(lib, specifier) {
  const name = specifier.startsWith("lib:") ? specifier.slice(4) : "";
  const module = lib.modules?.[name];
  if (!module) throw new Error(`the shared lib has no module "${specifier}"`);
  return module;
}

/**
 * Run a bundle's factory (its code as function (require, module, exports), made by
 * js/build.mjs) with the lib's modules; returns the bundle's exports.
 */
export function instantiate(lib, factory) {
  const module = { exports: {} };
  factory((specifier) => libModule(lib, specifier), module, module.exports);
  return module.exports;
}

/**
 * The anywidget module of a view: render() loads the lib (once per page), runs the view's
 * factory with it (once per model) and draws with the view's default export.
 */
export function viewModule(name, factory, load = importSource) {
  let made = null; // {lib, view}: this model's instance of the view's code
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
      return undefined;
    }
    return made.view.render(context);
  }
  return { render };
}

/**
 * The anywidget module of the FrontEnd model itself: starts importing the lib as soon as
 * the model reaches the page (views then find it loaded or loading), and draws a line if
 * someone displays the model.
 */
export const frontEndModel = {
  initialize({ model }) {
    if (!model.get("digest")) return;
    frontEnd(model.get("digest"), () => model.get("source")).catch((err) => {
      console.error("cnnslicer_widgets: the shared lib did not load", err);
    });
  },
  render({ model, el }) {
    const kb = Math.round((model.get("source") || "").length / 1024);
    el.textContent = `cnnslicer_widgets front end (${kb} KB lib, ${model.get("digest")}): the code and styles the views share, loaded once per page.`;
  },
};
