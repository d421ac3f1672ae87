/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// js/lib/loader.js
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
var frontEndModel = {
  initialize({ model }) {
    if (!model.get("digest")) return;
    frontEnd(model.get("digest"), () => model.get("source")).catch((err) => {
      console.error("cnnslicer_widgets: the shared lib did not load", err);
    });
  },
  render({ model, el }) {
    const kb = Math.round((model.get("source") || "").length / 1024);
    el.textContent = `cnnslicer_widgets front end (${kb} KB lib, ${model.get("digest")}): the code and styles the views share, loaded once per page.`;
  }
};

// js/frontend_model.js
var frontend_model_default = frontEndModel;
export {
  frontend_model_default as default
};
