// Widget models without a kernel, for static HTML exports (Python: widgets/export.py).
//
// StaticModel implements what the views use of an anywidget model (get, set, on/off with
// backbone-style "change" and "change:name" events, changedAttributes, save_changes, send,
// widget_manager); StaticManager holds every model of one exported file and resolves the
// "IPY_MODEL_<id>" references between them (a view's shared Selection). Nothing here
// touches the DOM, so node unit tests run it as is (js/tests/export_model.test.mjs).

export const REF_PREFIX = "IPY_MODEL_";

/** base64 text -> Uint8Array. */
export function base64ToBytes(text) {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Put the binary buffers back into a state, as the kernel would send them: each
 * {path: [key, ...], data: base64} becomes a DataView at that path (js/lib/codec.js decodes it).
 */
export function restoreBuffers(state, buffers = []) {
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

/** Deep equality of JSON values; binary buffers compare by identity. */
export function same(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return Number.isNaN(a) && Number.isNaN(b);
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b) || a instanceof ArrayBuffer || b instanceof ArrayBuffer) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]));
}

/** One widget model of the export: its state, events, and no kernel behind it. */
export class StaticModel {
  constructor(id, name, state, manager) {
    this.model_id = id;
    this.name = name;
    this.widget_manager = manager;
    this._state = state;
    this._events = new Map();
    this.changed = {};
    this._unsaved = new Set();
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
    for (const { callback, context } of [...(this._events.get(name) || [])]) callback.apply(context ?? this, args);
  }
}

/**
 * All models of one export. doc is the JSON the Python side wrote:
 * {models: {id: {name, state, buffers}}, assets: {key: text}, kernel_traits: {id: {trait: [view ids]}}}.
 * State values {"$asset": key} are replaced by the asset text (shared ESM bundles and CSS).
 */
export class StaticManager {
  constructor(doc, { onSaved = null, onUnanswered = null } = {}) {
    this.doc = doc;
    this.models = new Map();
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
      const key = v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 ? v.$asset : undefined;
      if (key !== undefined && !(key in (this.doc.assets || {}))) throw new Error(`asset ${key} of ${k} is missing from the export`);
      out[k] = key !== undefined ? this.doc.assets[key] : v;
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
}
