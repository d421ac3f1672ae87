// The <script type="module"> of a static HTML export (Python: widgets/export.py).
//
// The page's JSON document holds every model's state and, once, the front end
// (static/frontend.js: the `source` of the FrontEnd model doc.front_end). This script imports
// that module with the loader the views' stubs use (js/lib/loader.js), so that they find it
// loaded, and hands the document to its export runtime (js/export/export_runtime.js).
import { frontEnd } from "../lib/loader.js";

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
  const module = await frontEnd(spec.state.digest, () => text(spec.state.source));
  await module.bootExport(doc, start);
}

if (document.getElementById(DOC_ID)) main().catch(fail);
