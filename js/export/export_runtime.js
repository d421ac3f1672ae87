// The widget manager of a static HTML export (Python: widgets/export.py, save_html()).
//
// The file holds <script type="application/json" id="cnnslicer-export"> (every model's state,
// binary buffers as base64, each ESM module and stylesheet once) and the page script
// (js/export/export_page.js, which bundles this runtime) that imports the shared lib
// (static/lib.js) from that document and calls boot(doc). The runtime builds StaticModels,
// puts every anywidget's _css in the page (as anywidget does when a model is created),
// imports each anywidget's _esm from a Blob URL and calls its render({model, el}) (a
// CNNSlicer view finds the lib already loaded), and draws the ipywidgets containers and
// text widgets itself (Box, VBox, HBox, GridBox, Tab, Accordion, Stack, HTML, HTMLMath,
// Label). No network, no kernel:
// changes made in the page reach the other views of the page (the shared Selection), and a
// change that Python would have answered adds a note to the views that would have redrawn.
//
// When everything is drawn, <html> gets data-export-ready="true" and data-export-ms;
// data-export-ready="error" (and a message in the page) if something failed.
import { h } from "../lib/dom.js";
import { StaticManager } from "./static_model.js";

export const DOC_ID = "cnnslicer-export";
export const HOST_ID = "cnnslicer-export-root";

// -- layout and style models ----------------------------------------------------------

const STYLE_KEYS = {
  background: "background", text_color: "color", font_size: "font-size", font_weight: "font-weight",
  font_style: "font-style", font_family: "font-family", text_decoration: "text-decoration",
};

function applyLayout(manager, model, node) {
  for (const cls of model.get("_dom_classes") || []) node.classList.add(cls);
  const ref = model.get("layout");
  if (typeof ref === "string" && ref) {
    const layout = manager.model(ref);
    for (const [key, value] of Object.entries(layout._state)) {
      if (key.startsWith("_") || value === null || value === undefined || value === "") continue;
      node.style.setProperty(key.replace(/_/g, "-"), String(value));
    }
  }
  const styleRef = model.get("style");
  if (typeof styleRef === "string" && styleRef) {
    const style = manager.model(styleRef);
    for (const [key, css] of Object.entries(STYLE_KEYS)) {
      const value = style.get(key);
      if (value !== null && value !== undefined && value !== "") node.style.setProperty(css, String(value));
    }
  }
}

// -- anywidget ----------------------------------------------------------------------------

class Runtime {
  constructor(doc) {
    this.modules = new Map();
    this.styles = new Set();
    this.views = new Map(); // model id -> elements it was rendered into
    this.initialized = new Set();
    this.controller = new AbortController();
    this.manager = new StaticManager(doc, {
      onSaved: (model, names, owners) => this.kernelNote(model, names, owners),
      onUnanswered: (model) => this.count("unansweredMessages", model),
    });
  }

  count(key, model) {
    const root = document.documentElement;
    root.dataset[key] = String(Number(root.dataset[key] || 0) + 1);
    root.dataset[`${key}From`] = model.model_id;
  }

  module(key, source) {
    if (!this.modules.has(key)) {
      const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      this.modules.set(key, import(/* @vite-ignore */ url).finally(() => URL.revokeObjectURL(url)));
    }
    return this.modules.get(key);
  }

  css(key, text) {
    if (!text || this.styles.has(key)) return;
    this.styles.add(key);
    document.head.append(h("style", { "data-export-css": key }, text));
  }

  /** Every anywidget's _css, once per distinct stylesheet (the FrontEnd's holds the views'). */
  stylesheets() {
    for (const [id, spec] of Object.entries(this.manager.doc.models)) {
      if (spec.name === "AnyModel") this.css(spec.css_key || id, this.manager.model(id).get("_css"));
    }
  }

  async anywidget(model, node) {
    const spec = this.manager.doc.models[model.model_id];
    const mod = await this.module(spec.esm_key || model.model_id, model.get("_esm"));
    let widget = mod.default ?? mod;
    if (typeof widget === "function") widget = await widget();
    if (!this.initialized.has(model.model_id)) {
      this.initialized.add(model.model_id);
      if (typeof widget.initialize === "function") await widget.initialize({ model });
    }
    if (typeof widget.render !== "function") throw new Error(`the front end of ${spec.python_class} has no render()`);
    const experimental = { invoke: () => Promise.reject(new Error("no Python kernel in a static HTML export")) };
    await widget.render({ model, el: node, signal: this.controller.signal, experimental });
  }

  // -- ipywidgets containers and text --------------------------------------------------

  async box(model, node, kind) {
    node.classList.add("cx-box", `cx-${kind}`);
    const refs = model.get("children") || [];
    for (const ref of refs) {
      const child = h("div", { class: "cx-child" });
      node.append(child);
      await this.display(ref, child);
    }
  }

  titles(model, count) {
    const titles = model.get("titles") || [];
    return Array.from({ length: count }, (_, i) => titles[i] || `Item ${i + 1}`);
  }

  async tab(model, node) {
    node.classList.add("cx-tab");
    const refs = model.get("children") || [];
    const names = this.titles(model, refs.length);
    const bar = h("div", { class: "cx-tabbar", role: "tablist" });
    const panels = refs.map(() => h("div", { class: "cx-panel", role: "tabpanel", hidden: true }));
    const drawn = new Set();
    const buttons = names.map((name, i) => h("button", {
      type: "button", role: "tab", class: "cx-tabbtn", "data-index": i,
      onclick: () => { model.set("selected_index", i); },
    }, name));
    bar.append(...buttons);
    node.append(bar, ...panels);
    const show = async () => {
      const index = model.get("selected_index");
      buttons.forEach((b, i) => b.setAttribute("aria-selected", String(i === index)));
      panels.forEach((p, i) => { p.hidden = i !== index; });
      if (index !== null && index !== undefined && refs[index] && !drawn.has(index)) {
        drawn.add(index);
        await this.display(refs[index], panels[index]);
      }
    };
    model.on("change:selected_index", () => show().catch((err) => this.fail(err)));
    await show();
  }

  async accordion(model, node) {
    node.classList.add("cx-accordion");
    const refs = model.get("children") || [];
    const names = this.titles(model, refs.length);
    const drawn = new Set();
    const items = refs.map((ref, i) => {
      const body = h("div", { class: "cx-panel" });
      const item = h("details", { class: "cx-item", "data-index": i }, h("summary", {}, names[i]), body);
      item.addEventListener("toggle", () => {
        if (item.open && !drawn.has(i)) {
          drawn.add(i);
          this.display(ref, body).catch((err) => this.fail(err));
        }
        if (item.open) model.set("selected_index", i);
      });
      return item;
    });
    node.append(...items);
    const index = model.get("selected_index");
    if (index !== null && index !== undefined && items[index]) {
      drawn.add(index);
      items[index].open = true;
      await this.display(refs[index], items[index].querySelector(".cx-panel"));
    }
  }

  async stack(model, node) {
    const refs = model.get("children") || [];
    const index = model.get("selected_index");
    if (index !== null && index !== undefined && refs[index]) await this.display(refs[index], node);
  }

  text(model, node, html) {
    node.classList.add("cx-text");
    const description = model.get("description");
    if (description) node.append(h("label", { class: "cx-description" }, description));
    const value = h(html ? "div" : "span", { class: "cx-value" });
    if (html) value.innerHTML = model.get("value") || "";
    else value.textContent = model.get("value") || "";
    node.append(value);
  }

  // -- dispatch ---------------------------------------------------------------------------

  async display(ref, node) {
    const model = this.manager.model(ref);
    node.dataset.exportModel = model.model_id;
    node.dataset.exportWidget = this.manager.doc.models[model.model_id].python_class;
    applyLayout(this.manager, model, node);
    if (!this.views.has(model.model_id)) this.views.set(model.model_id, []);
    this.views.get(model.model_id).push(node);
    switch (model.name) {
      case "AnyModel": return this.anywidget(model, node);
      case "BoxModel": return this.box(model, node, "box");
      case "VBoxModel": return this.box(model, node, "vbox");
      case "HBoxModel": return this.box(model, node, "hbox");
      case "GridBoxModel": return this.box(model, node, "gridbox");
      case "TabModel": return this.tab(model, node);
      case "AccordionModel": return this.accordion(model, node);
      case "StackModel": return this.stack(model, node);
      case "HTMLModel":
      case "HTMLMathModel": return this.text(model, node, true);
      case "LabelModel": return this.text(model, node, false);
      default: throw new Error(`cannot draw a ${model.name} (${this.manager.doc.models[model.model_id].python_class}) in a static export`);
    }
  }

  /** A change Python would have answered: say so on the views that would have redrawn. */
  kernelNote(model, names, owners) {
    this.count("kernelChanges", model);
    for (const id of owners) {
      for (const node of this.views.get(id) || []) {
        let note = node.querySelector(":scope > .cx-kernel-note");
        if (!note) {
          note = h("div", { class: "cx-kernel-note", role: "status", "data-role": "kernel-note" });
          note.changes = new Map();
          node.prepend(note);
        }
        for (const n of names) note.changes.set(n, JSON.stringify(model.get(n)));
        const values = [...note.changes].map(([n, v]) => `${n} = ${v}`).join(", ");
        note.textContent = `No Python kernel in this file: what Python computes for ${values} is not updated here; this view shows those results as they were when the file was saved.`;
      }
    }
  }

  fail(err) {
    console.error("cnnslicer static export:", err);
    const host = document.getElementById(HOST_ID) || document.body;
    host.prepend(h("div", { class: "cx-error", role: "alert", "data-role": "export-error" }, `This export could not be drawn: ${err.message}`));
    document.documentElement.dataset.exportReady = "error";
  }
}

/**
 * Draw the export document doc (read from the page if not given) into the page: called by
 * the page script, js/export/export_page.js. start: performance.now() when the page began.
 */
export async function boot(doc = null, start = performance.now()) {
  let runtime = null;
  try {
    doc ??= JSON.parse(document.getElementById(DOC_ID).textContent);
    runtime = new Runtime(doc);
    runtime.stylesheets();
    const host = document.getElementById(HOST_ID);
    for (const ref of doc.roots) {
      const node = h("div", { class: "cx-root" });
      host.append(node);
      await runtime.display(ref, node);
    }
    // Views draw in render() or in a microtask/animation frame after it: let those run.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const root = document.documentElement;
    root.dataset.exportMs = (performance.now() - start).toFixed(1);
    if (root.dataset.exportReady !== "error") root.dataset.exportReady = "true";
  } catch (err) {
    (runtime || new Runtime({ models: {} })).fail(err);
  }
  return runtime;
}
