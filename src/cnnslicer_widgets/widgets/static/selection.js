/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// js/lib/dom.js
function build(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === void 0 || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "style" && typeof value === "object") Object.assign(node.style, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === void 0 || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}
function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

// js/lib/selection.js
var FIELDS = Object.freeze(["layers", "channels", "epoch", "sample_group", "class_index", "hovered"]);
var HOVER_KINDS = Object.freeze({
  layer: ["layer"],
  channel: ["layer", "channel"],
  class: ["class_index"],
  epoch: ["epoch"],
  sample: ["sample"],
  cell: ["layer", "channel", "to_layer", "to_channel"]
});
var HOVER_STR = ["layer", "to_layer", "source"];
var HOVER_INT = ["channel", "to_channel", "epoch", "class_index", "sample"];
var DEFAULTS = { layers: [], channels: [], sample_group: "all", class_index: null, hovered: {} };
var isIndex = (v) => Number.isSafeInteger(v) && v >= 0;
var distinct = (list) => new Set(list).size === list.length;
function parseSampleGroup(text) {
  if (typeof text !== "string") return null;
  const words = text.trim().split(/\s+/).join(" ");
  if (words === "all") return { label: null, pred: null, correct: null };
  if (words === "correct" || words === "incorrect") return { label: null, pred: null, correct: words === "correct" };
  const found = { label: null, pred: null, correct: null };
  for (const clause of words.split(" and ")) {
    const m = /^(label|pred)\s*==\s*(\d{1,9})$/.exec(clause.trim());
    if (!m || found[m[1]] !== null) return null;
    found[m[1]] = Number(m[2]);
  }
  return found;
}
function sampleGroupText(group) {
  if (group.correct !== null) return group.correct ? "correct" : "incorrect";
  const parts = ["label", "pred"].filter((k) => group[k] !== null).map((k) => `${k} == ${group[k]}`);
  return parts.join(" and ") || "all";
}
function validateField(name, value) {
  const bad = (rule) => `Selection.${name} must be ${rule}; got ${JSON.stringify(value)}`;
  switch (name) {
    case "layers":
      return Array.isArray(value) && value.every((v) => typeof v === "string" && v) && distinct(value) ? "" : bad("a list of distinct non-empty layer names");
    case "channels":
      return Array.isArray(value) && value.every(isIndex) && distinct(value) ? "" : bad("a list of distinct non-negative integers");
    case "epoch":
      return isIndex(value) ? "" : bad("a non-negative integer");
    case "class_index":
      return value === null || isIndex(value) ? "" : bad("None or a non-negative integer");
    case "sample_group":
      return parseSampleGroup(value) ? "" : bad("'all', 'correct', 'incorrect', 'label == k', 'pred == k' or 'label == k and pred == j'");
    case "hovered":
      return hoverProblem(value) ? bad(`{} or a hover item: ${hoverProblem(value)}`) : "";
    default:
      return `unknown selection field ${JSON.stringify(name)}; fields: ${FIELDS.join(", ")}`;
  }
}
function hoverProblem(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "not an object";
  if (Object.keys(value).length === 0) return "";
  const required = HOVER_KINDS[value.kind];
  if (!required) return `kind must be one of ${Object.keys(HOVER_KINDS).join(", ")}`;
  const unknown = Object.keys(value).filter((k) => k !== "kind" && !HOVER_STR.includes(k) && !HOVER_INT.includes(k));
  if (unknown.length) return `unknown key(s) ${unknown.join(", ")}`;
  const missing = required.filter((k) => !(k in value));
  if (missing.length) return `kind ${value.kind} needs ${missing.join(", ")}`;
  if (HOVER_STR.some((k) => k in value && !(typeof value[k] === "string" && value[k]))) return "names must be non-empty strings";
  if (HOVER_INT.some((k) => k in value && !isIndex(value[k]))) return "indices must be non-negative integers";
  return "";
}
var SelectionError = class extends Error {
  constructor(problems) {
    super(problems.join("; "));
    this.name = "SelectionError";
    this.problems = problems;
  }
};
var SelectionClient = class {
  constructor(model) {
    this.model = model;
    this._listeners = [];
  }
  get(name) {
    return this.model.get(name);
  }
  /** The six selection fields as a plain object. */
  snapshot() {
    return Object.fromEntries(FIELDS.map((k) => [k, this.model.get(k)]));
  }
  /**
   * Validate and apply a patch such as {layers: ["conv1"], channels: [3]} in one message.
   * Throws SelectionError (nothing applied) if any field is malformed; with a kernel, the
   * kernel validates again and reverts the page if it disagrees.
   */
  update(patch) {
    const problems = Object.entries(patch).map(([k, v]) => validateField(k, v)).filter(Boolean);
    if (problems.length) throw new SelectionError(problems);
    const clean = { ...patch };
    if ("sample_group" in clean) clean.sample_group = sampleGroupText(parseSampleGroup(clean.sample_group));
    const changed = Object.keys(clean).filter((k) => JSON.stringify(this.model.get(k)) !== JSON.stringify(clean[k]));
    if (!changed.length) return false;
    this.model.set(Object.fromEntries(changed.map((k) => [k, clean[k]])));
    this.model.save_changes();
    return true;
  }
  /** Set hovered ({} for nothing); unchanged values send nothing. */
  hover(item) {
    return this.update({ hovered: item ?? {} });
  }
  /** Reset one field to its default (epoch has none). */
  clear(name) {
    if (!(name in DEFAULTS)) throw new SelectionError([`Selection.${name} cannot be cleared`]);
    return this.update({ [name]: DEFAULTS[name] });
  }
  /**
   * Call callback(snapshot, changedNames) once per model update touching one of fields.
   * Returns a function that removes the listener; dispose() removes all of them.
   */
  onChange(callback, fields = FIELDS) {
    const handler = (model) => {
      const changed = Object.keys(model?.changedAttributes?.() || {});
      const relevant = changed.filter((k) => fields.includes(k));
      if (changed.length && !relevant.length) return;
      callback(this.snapshot(), relevant);
    };
    this.model.on("change", handler);
    this._listeners.push(handler);
    return () => {
      this.model.off("change", handler);
      this._listeners = this._listeners.filter((h2) => h2 !== handler);
    };
  }
  dispose() {
    for (const handler of this._listeners) this.model.off("change", handler);
    this._listeners = [];
  }
};
function formatChannels(channels) {
  const sorted = [...channels].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}–${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(", ");
}
function describeSampleGroup(text) {
  const g = parseSampleGroup(text);
  if (!g) return String(text);
  if (g.correct !== null) return g.correct ? "correctly classified" : "misclassified";
  const parts = [];
  if (g.label !== null) parts.push(`label ${g.label}`);
  if (g.pred !== null) parts.push(`predicted ${g.pred}`);
  return parts.join(", ") || "all";
}
function describeHover(h2) {
  if (!h2 || !h2.kind) return "";
  switch (h2.kind) {
    case "layer":
      return h2.layer;
    case "channel":
      return `${h2.layer} · channel ${h2.channel}`;
    case "class":
      return `class ${h2.class_index}`;
    case "epoch":
      return `epoch ${h2.epoch}`;
    case "sample":
      return `sample ${h2.sample}`;
    case "cell":
      return `${h2.layer}:${h2.channel} → ${h2.to_layer}:${h2.to_channel}`;
    default:
      return JSON.stringify(h2);
  }
}
function selectionParts(sel, { maxLayers = 4 } = {}) {
  const layers = sel.layers || [];
  const shown = layers.length > maxLayers ? `${layers.slice(0, maxLayers).join(", ")} +${layers.length - maxLayers} more` : layers.join(", ");
  const parts = [
    { key: "layers", label: layers.length === 1 ? "layer" : "layers", text: shown || "none", title: layers.join(", "), clearable: layers.length > 0 },
    { key: "channels", label: "channels", text: sel.channels?.length ? formatChannels(sel.channels) : "all", title: "", clearable: sel.channels?.length > 0 },
    { key: "epoch", label: "epoch", text: String(sel.epoch), title: "", clearable: false },
    { key: "sample_group", label: "samples", text: describeSampleGroup(sel.sample_group), title: sel.sample_group, clearable: sel.sample_group !== "all" }
  ];
  if (sel.class_index !== null && sel.class_index !== void 0) {
    parts.push({ key: "class_index", label: "class", text: String(sel.class_index), title: "", clearable: true });
  }
  const hover = describeHover(sel.hovered);
  if (hover) parts.push({ key: "hovered", label: "hover", text: hover, title: "", clearable: false });
  return parts;
}

// js/views/selection.js
function crumb(part, client) {
  const clear = part.clearable ? h("button", {
    type: "button",
    class: "cs-clear",
    "data-action": "clear",
    "data-key": part.key,
    title: `Clear ${part.label}`,
    "aria-label": `Clear ${part.label}`,
    onclick: () => client.clear(part.key)
  }, "×") : null;
  return h(
    "span",
    { class: `cs-crumb${part.key === "hovered" ? " cs-hover" : ""}${part.clearable ? " cs-clearable" : ""}`, "data-key": part.key, title: part.title || null },
    h("span", { class: "cs-label" }, part.label),
    h("span", { class: "cs-value", "data-role": "value" }, part.text),
    clear
  );
}
function render({ model, el }) {
  const start = performance.now();
  const client = new SelectionClient(model);
  const line = h("div", { class: "cs-crumbs" });
  const error = h("div", { class: "cs-error", role: "alert", "data-role": "error" });
  const root = h(
    "div",
    { class: "cnnslicer-view cnnslicer-breadcrumb", "data-cnnslicer-view": "selection", role: "group", "aria-label": "Current selection" },
    line,
    error
  );
  el.replaceChildren(root);
  const draw = () => {
    line.replaceChildren(...selectionParts(client.snapshot()).map((p) => crumb(p, client)));
    const text = model.get("error") || "";
    error.textContent = text;
    error.hidden = !text;
  };
  client.onChange(draw, [...FIELDS, "error"]);
  draw();
  root.dataset.ready = "true";
  root.dataset.renderMs = (performance.now() - start).toFixed(1);
  return () => client.dispose();
}
var selection_default = { render };
export {
  selection_default as default
};
