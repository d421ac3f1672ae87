/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// factory:js/export/export_runtime.js
function export_runtime_default(require2, module, exports) {
  const { h } = require2("lib:dom");
  var REF_PREFIX = "IPY_MODEL_";
  function base64ToBytes(text) {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function restoreBuffers(state, buffers = []) {
    for (const { path, data } of buffers) {
      if (!Array.isArray(path) || !path.length) throw new Error(`bad buffer path ${JSON.stringify(path)}`);
      let holder = state;
      for (const key of path.slice(0, -1)) {
        holder = holder?.[key];
        if (holder === null || typeof holder !== "object") throw new Error(`buffer path ${JSON.stringify(path)} is not in the state`);
      }
      const bytes = base64ToBytes(data);
      holder[path[path.length - 1]] = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return state;
  }
  function same(a, b) {
    if (a === b) return true;
    if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return Number.isNaN(a) && Number.isNaN(b);
    if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b) || a instanceof ArrayBuffer || b instanceof ArrayBuffer) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]));
  }
  var StaticModel = class {
    constructor(id, name, state, manager) {
      this.model_id = id;
      this.name = name;
      this.widget_manager = manager;
      this._state = state;
      this._events = /* @__PURE__ */ new Map();
      this.changed = {};
      this._unsaved = /* @__PURE__ */ new Set();
    }
    get(name) {
      return this._state[name];
    }
    /** set("x", 1) or set({x: 1, y: 2}): fires "change:x" (model, value) per changed key, then "change" (model). */
    set(key, value) {
      const patch = typeof key === "object" && key !== null ? key : { [key]: value };
      const changed = {};
      for (const [k, v] of Object.entries(patch)) {
        if (!same(this._state[k], v)) changed[k] = v;
      }
      const names = Object.keys(changed);
      if (!names.length) return this;
      Object.assign(this._state, changed);
      for (const k of names) this._unsaved.add(k);
      this.changed = changed;
      for (const k of names) this._emit(`change:${k}`, this, changed[k]);
      this._emit("change", this);
      return this;
    }
    /** The keys and values of the last set() that changed something (false if none), as in backbone. */
    changedAttributes() {
      return Object.keys(this.changed).length ? { ...this.changed } : false;
    }
    /** With a kernel this sends the changes to Python; here it tells the manager which ones were "sent". */
    save_changes() {
      const names = [...this._unsaved];
      this._unsaved.clear();
      if (names.length) this.widget_manager?.saved?.(this, names);
    }
    /** A custom message to Python: nobody answers in a static file (counted, never thrown). */
    send(content, _callbacks, _buffers) {
      this.widget_manager?.unanswered?.(this, content);
    }
    on(events, callback, context) {
      if (typeof callback !== "function") return this;
      for (const name of String(events).split(/\s+/).filter(Boolean)) {
        if (!this._events.has(name)) this._events.set(name, []);
        this._events.get(name).push({ callback, context });
      }
      return this;
    }
    off(events, callback) {
      const names = events ? String(events).split(/\s+/).filter(Boolean) : [...this._events.keys()];
      for (const name of names) {
        const list = this._events.get(name) || [];
        this._events.set(name, callback ? list.filter((e) => e.callback !== callback) : []);
      }
      return this;
    }
    _emit(name, ...args) {
      for (const { callback, context } of [...this._events.get(name) || []]) callback.apply(context ?? this, args);
    }
  };
  var StaticManager = class {
    constructor(doc, { onSaved = null, onUnanswered = null } = {}) {
      this.doc = doc;
      this.models = /* @__PURE__ */ new Map();
      this.onSaved = onSaved;
      this.onUnanswered = onUnanswered;
      this.messages = 0;
      for (const [id, spec] of Object.entries(doc.models || {})) {
        const state = restoreBuffers(this._assets(spec.state), spec.buffers);
        this.models.set(id, new StaticModel(id, spec.name, state, this));
      }
    }
    _assets(state) {
      const out = {};
      for (const [k, v] of Object.entries(state || {})) {
        const key = v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 ? v.$asset : void 0;
        if (key !== void 0 && !(key in (this.doc.assets || {}))) throw new Error(`asset ${key} of ${k} is missing from the export`);
        out[k] = key !== void 0 ? this.doc.assets[key] : v;
      }
      return out;
    }
    /** The model of id (also accepts "IPY_MODEL_<id>"); throws if the export does not hold it. */
    model(id) {
      const key = typeof id === "string" && id.startsWith(REF_PREFIX) ? id.slice(REF_PREFIX.length) : id;
      const model = this.models.get(key);
      if (!model) throw new Error(`model ${key} is not in this export`);
      return model;
    }
    /** The widget manager call the views make (a promise, as in Jupyter). */
    async get_model(id) {
      return this.model(id);
    }
    saved(model, names) {
      const owners = this.doc.kernel_traits?.[model.model_id] || {};
      const reacting = names.filter((n) => n in owners);
      if (reacting.length && this.onSaved) this.onSaved(model, reacting, [...new Set(reacting.flatMap((n) => owners[n]))]);
    }
    unanswered(model, content) {
      this.messages += 1;
      if (this.onUnanswered) this.onUnanswered(model, content);
    }
  };
  var DOC_ID2 = "cnnslicer-export";
  var HOST_ID = "cnnslicer-export-root";
  var STYLE_KEYS = {
    background: "background",
    text_color: "color",
    font_size: "font-size",
    font_weight: "font-weight",
    font_style: "font-style",
    font_family: "font-family",
    text_decoration: "text-decoration"
  };
  function applyLayout(manager, model, node) {
    for (const cls of model.get("_dom_classes") || []) node.classList.add(cls);
    const ref = model.get("layout");
    if (typeof ref === "string" && ref) {
      const layout = manager.model(ref);
      for (const [key, value] of Object.entries(layout._state)) {
        if (key.startsWith("_") || value === null || value === void 0 || value === "") continue;
        node.style.setProperty(key.replace(/_/g, "-"), String(value));
      }
    }
    const styleRef = model.get("style");
    if (typeof styleRef === "string" && styleRef) {
      const style = manager.model(styleRef);
      for (const [key, css] of Object.entries(STYLE_KEYS)) {
        const value = style.get(key);
        if (value !== null && value !== void 0 && value !== "") node.style.setProperty(css, String(value));
      }
    }
  }
  var Runtime = class {
    constructor(doc) {
      this.modules = /* @__PURE__ */ new Map();
      this.styles = /* @__PURE__ */ new Set();
      this.views = /* @__PURE__ */ new Map();
      this.initialized = /* @__PURE__ */ new Set();
      this.controller = new AbortController();
      this.manager = new StaticManager(doc, {
        onSaved: (model, names, owners) => this.kernelNote(model, names, owners),
        onUnanswered: (model) => this.count("unansweredMessages", model)
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
        this.modules.set(key, import(
          /* @vite-ignore */
          url
        ).finally(() => URL.revokeObjectURL(url)));
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
      const drawn = /* @__PURE__ */ new Set();
      const buttons = names.map((name, i) => h("button", {
        type: "button",
        role: "tab",
        class: "cx-tabbtn",
        "data-index": i,
        onclick: () => {
          model.set("selected_index", i);
        }
      }, name));
      bar.append(...buttons);
      node.append(bar, ...panels);
      const show = async () => {
        const index = model.get("selected_index");
        buttons.forEach((b, i) => b.setAttribute("aria-selected", String(i === index)));
        panels.forEach((p, i) => {
          p.hidden = i !== index;
        });
        if (index !== null && index !== void 0 && refs[index] && !drawn.has(index)) {
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
      const drawn = /* @__PURE__ */ new Set();
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
      if (index !== null && index !== void 0 && items[index]) {
        drawn.add(index);
        items[index].open = true;
        await this.display(refs[index], items[index].querySelector(".cx-panel"));
      }
    }
    async stack(model, node) {
      const refs = model.get("children") || [];
      const index = model.get("selected_index");
      if (index !== null && index !== void 0 && refs[index]) await this.display(refs[index], node);
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
        case "AnyModel":
          return this.anywidget(model, node);
        case "BoxModel":
          return this.box(model, node, "box");
        case "VBoxModel":
          return this.box(model, node, "vbox");
        case "HBoxModel":
          return this.box(model, node, "hbox");
        case "GridBoxModel":
          return this.box(model, node, "gridbox");
        case "TabModel":
          return this.tab(model, node);
        case "AccordionModel":
          return this.accordion(model, node);
        case "StackModel":
          return this.stack(model, node);
        case "HTMLModel":
        case "HTMLMathModel":
          return this.text(model, node, true);
        case "LabelModel":
          return this.text(model, node, false);
        default:
          throw new Error(`cannot draw a ${model.name} (${this.manager.doc.models[model.model_id].python_class}) in a static export`);
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
            note.changes = /* @__PURE__ */ new Map();
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
  };
  async function boot(doc = null, start = performance.now()) {
    let runtime = null;
    try {
      doc ?? (doc = JSON.parse(document.getElementById(DOC_ID2).textContent));
      runtime = new Runtime(doc);
      runtime.stylesheets();
      const host = document.getElementById(HOST_ID);
      for (const ref of doc.roots) {
        const node = h("div", { class: "cx-root" });
        host.append(node);
        await runtime.display(ref, node);
      }
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const root = document.documentElement;
      root.dataset.exportMs = (performance.now() - start).toFixed(1);
      if (root.dataset.exportReady !== "error") root.dataset.exportReady = "true";
    } catch (err) {
      (runtime || new Runtime({ models: {} })).fail(err);
    }
    return runtime;
  }
  Object.assign(module.exports, {
    DOC_ID: DOC_ID2,
    HOST_ID,
    boot
  });
}

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
  const lib = await frontEnd(spec.state.digest, () => text(spec.state.source));
  await instantiate(lib, export_runtime_default).boot(doc, start);
}
if (document.getElementById(DOC_ID)) main().catch(fail);
