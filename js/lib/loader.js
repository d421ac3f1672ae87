// The front end, loaded once per page (Python: FrontEnd in widgets/_static.py).
//
// Every view's code and the shared lib are one ES module, static/frontend.js (built from
// js/frontend.js), that the kernel sends once: the `source` of the one FrontEnd model, which
// every view and Selection references in its `_front_end` trait ("IPY_MODEL_<id>"). A
// view's own _esm is a stub, viewStub(name): on render it imports that module (the first
// view to ask does; the others wait for the same promise) and draws with
// frontend.views[name]. The module is kept on globalThis by its digest, so every view, cell
// and notebook of a page shares one copy: anywidget imports each model's _esm on its own,
// so a lib inlined in each view's _esm is parsed once per view.
//
// A static HTML export (js/export/export_page.js) loads the module through frontEnd() too,
// from the document in the page, and the views' stubs find it there.

const REF_PREFIX = "IPY_MODEL_";
const CACHE = Symbol.for("cnnslicer_widgets.frontend");

/** Digest -> promise of the front-end module, shared by everything in the page. */
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
 * The front-end module with this digest: load(source()) the first time it is asked for in
 * the page, the same promise afterwards. A failed load is forgotten, so a later view retries.
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

/** The front end of a view's model: the FrontEnd model its `_front_end` trait refers to. */
export async function frontEndOf(model, load = importSource) {
  const ref = model.get("_front_end");
  if (typeof ref !== "string" || !ref.startsWith(REF_PREFIX)) {
    throw new Error(`this widget has no front end (_front_end = ${JSON.stringify(ref)})`);
  }
  const holder = await model.widget_manager.get_model(ref.slice(REF_PREFIX.length));
  return frontEnd(holder.get("digest"), () => holder.get("source"), load);
}

/** The anywidget module of a view: render() loads the front end and draws views[name]. */
export function viewStub(name, load = importSource) {
  async function render(context) {
    let view;
    try {
      view = (await frontEndOf(context.model, load)).views?.[name];
      if (!view) throw new Error(`the front end has no view "${name}"`);
    } catch (err) {
      console.error(`cnnslicer ${name} view: the front end did not load`, err);
      const note = context.el.ownerDocument.createElement("div");
      note.className = "cnnslicer-message";
      note.setAttribute("role", "alert");
      note.textContent = `This view could not load its front end: ${err.message}. Re-run the cell that made it.`;
      context.el.replaceChildren(note);
      return undefined;
    }
    return view.render(context);
  }
  return { render };
}

/**
 * The anywidget module of the FrontEnd model itself: starts importing the front end as soon
 * as the model reaches the page (views then find it loaded or loading), and draws a line
 * if someone displays the model.
 */
export const frontEndModel = {
  initialize({ model }) {
    if (!model.get("digest")) return;
    frontEnd(model.get("digest"), () => model.get("source")).catch((err) => {
      console.error("cnnslicer_widgets: the front end did not load", err);
    });
  },
  render({ model, el }) {
    const kb = Math.round((model.get("source") || "").length / 1024);
    el.textContent = `cnnslicer_widgets front end (${kb} KB, ${model.get("digest")}): the code and styles of every view, loaded once per page.`;
  },
};
