// The shared lib: the js/lib modules that two or more views use, as one ES module
// (static/lib.js), the `source` of the FrontEnd model (Python: widgets/_static.py), sent to
// the browser and imported once per page (js/lib/loader.js). Each view's _esm holds only its
// own code; its imports of these modules become require("lib:<name>") (js/build.mjs), which
// the loader answers from `modules`.
//
// js/build.mjs fails if a js/lib module not listed here ends up in two or more bundles: list
// it here then, so that it travels once.
import * as charts from "./lib/charts.js";
import * as codec from "./lib/codec.js";
import * as colors from "./lib/colors.js";
import * as dom from "./lib/dom.js";
import * as heatmap from "./lib/heatmap.js";
import * as images from "./lib/images.js";
import * as redraw_clock from "./lib/redraw_clock.js";
import * as selection from "./lib/selection.js";
import * as slider from "./lib/slider.js";
import * as view from "./lib/view.js";

export const modules = { charts, codec, colors, dom, heatmap, images, redraw_clock, selection, slider, view };
