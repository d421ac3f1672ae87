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

// js/export/export_page.js
var DOC_ID = "cnnslicer-export";
function fail(err) {
  console.error("cnnslicer static export:", err);
  const note = document.createElement("div");
  note.className = "cx-error";
  note.setAttribute("role", "alert");
  note.dataset.role = "export-error";
  note.textContent = `This export could not be drawn: ${err.message}`;
  (document.getElementById("cnnslicer-export-root") || document.body).prepend(note);
  document.documentElement.dataset.exportReady = "error";
}
async function main() {
  const start = performance.now();
  const doc = JSON.parse(document.getElementById(DOC_ID).textContent);
  const spec = doc.models?.[doc.front_end];
  if (!spec) throw new Error(`the document has no front end (front_end = ${JSON.stringify(doc.front_end)})`);
  const text = (value) => value && typeof value === "object" ? doc.assets?.[value.$asset] : value;
  const module = await frontEnd(spec.state.digest, () => text(spec.state.source));
  await module.bootExport(doc, start);
}
if (document.getElementById(DOC_ID)) main().catch(fail);
