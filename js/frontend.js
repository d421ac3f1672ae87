// The whole front end as one ES module: static/frontend.js, the `source` of the FrontEnd
// model (Python: widgets/_static.py), sent to the browser and imported once per page
// (js/lib/loader.js). Each view's _esm is a small stub that draws with views[name], and a
// static HTML export's page script boots bootExport() (js/export/export_runtime.js) from it.
//
// A new view: add js/views/<name>.js and list it here (js/build.mjs checks that every file
// in js/views/ is listed, and makes its stub static/<name>.js).
import channel from "./views/channel.js";
import information from "./views/information.js";
import layer from "./views/layer.js";
import performance from "./views/performance.js";
import query from "./views/query.js";
import selection from "./views/selection.js";

export const views = { channel, information, layer, performance, query, selection };

export { boot as bootExport } from "./export/export_runtime.js";
