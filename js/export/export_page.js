// The <script type="module"> of a static HTML export (Python: widgets/export.py).
//
// The page's JSON document holds every model's state and, once, the shared lib
// (static/lib.js: the `source` of the FrontEnd model doc.front_end). This script imports the
// lib with the loader the views use (js/lib/loader.js), so that they find it loaded, and runs
// the export runtime (js/export/export_runtime.js, bundled here as a factory whose lib
// imports the lib answers) on the document.
import runtime from "factory:js/export/export_runtime.js";
import { frontEnd, instantiate } from "../lib/loader.js";

const DOC_ID = "cnnslicer-export";

/** What the page shows when the front end itself cannot be loaded. */
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
  const text = (value) => (value && typeof value === "object" ? doc.assets?.[value.$asset] : value);
  const lib = await frontEnd(spec.state.digest, () => text(spec.state.source));
  await instantiate(lib, runtime).boot(doc, start);
}

if (document.getElementById(DOC_ID)) main().catch(fail);
