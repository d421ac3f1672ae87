// The shared selection, browser side (Python: src/cnnslicer_widgets/widgets/selection.py).
//
// A view's model holds "selection": "IPY_MODEL_<id>"; resolveSelection(model) finds that
// Selection model through the widget manager and wraps it in a SelectionClient. Every view
// that holds the same id gets the same model object, so update() in one view fires the
// change listeners of all the others in the page, with or without a kernel.

/** Selection fields, as in Python's SELECTION_FIELDS. */
export const FIELDS = Object.freeze(["layers", "channels", "epoch", "sample_group", "class_index", "hovered"]);

/** hovered.kind -> keys it requires (Python: HOVER_KINDS). */
export const HOVER_KINDS = Object.freeze({
  layer: ["layer"],
  channel: ["layer", "channel"],
  class: ["class_index"],
  epoch: ["epoch"],
  sample: ["sample"],
  cell: ["layer", "channel", "to_layer", "to_channel"],
});

const HOVER_STR = ["layer", "to_layer", "source"];
const HOVER_INT = ["channel", "to_channel", "epoch", "class_index", "sample"];
const DEFAULTS = { layers: [], channels: [], sample_group: "all", class_index: null, hovered: {} };
const REF_PREFIX = "IPY_MODEL_";

const isIndex = (v) => Number.isSafeInteger(v) && v >= 0;
const distinct = (list) => new Set(list).size === list.length;

/** A sample-group string -> {label, pred, correct} (nulls for unset), or null if malformed. */
export function parseSampleGroup(text) {
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

/** Canonical text of a parsed group, the same string Python stores. */
export function sampleGroupText(group) {
  if (group.correct !== null) return group.correct ? "correct" : "incorrect";
  const parts = ["label", "pred"].filter((k) => group[k] !== null).map((k) => `${k} == ${group[k]}`);
  return parts.join(" and ") || "all";
}

/** Why value is not valid for the selection field name ("" if it is). */
export function validateField(name, value) {
  const bad = (rule) => `Selection.${name} must be ${rule}; got ${JSON.stringify(value)}`;
  switch (name) {
    case "layers":
      return Array.isArray(value) && value.every((v) => typeof v === "string" && v) && distinct(value)
        ? "" : bad("a list of distinct non-empty layer names");
    case "channels":
      return Array.isArray(value) && value.every(isIndex) && distinct(value)
        ? "" : bad("a list of distinct non-negative integers");
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

/** An update the client refused to send; .problems lists each reason. */
export class SelectionError extends Error {
  constructor(problems) {
    super(problems.join("; "));
    this.name = "SelectionError";
    this.problems = problems;
  }
}

/** Read, write and watch a Selection model (the raw widget model or anywidget's proxy). */
export class SelectionClient {
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
      this._listeners = this._listeners.filter((h) => h !== handler);
    };
  }

  dispose() {
    for (const handler of this._listeners) this.model.off("change", handler);
    this._listeners = [];
  }
}

/**
 * The SelectionClient of a view's shared selection. model is the view's anywidget model;
 * its "selection" value is "IPY_MODEL_<id>" (ipywidgets widget_serialization).
 */
export async function resolveSelection(model) {
  const ref = model.get("selection");
  if (typeof ref !== "string" || !ref.startsWith(REF_PREFIX)) {
    throw new Error(`this view has no shared selection (selection = ${JSON.stringify(ref)})`);
  }
  const id = ref.slice(REF_PREFIX.length);
  let selectionModel;
  try {
    selectionModel = await model.widget_manager.get_model(id);
  } catch (err) {
    throw new Error(`the shared selection (model ${id}) is not in this page: re-run the cell that made the view (${err.message})`);
  }
  return new SelectionClient(selectionModel);
}

// -- text -------------------------------------------------------------------------------

/** [0, 1, 2, 3, 7] -> "0–3, 7" (runs of three or more collapse). */
export function formatChannels(channels) {
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

/** A readable sample group: "all", "label 3", "label 3, predicted 5", "correct". */
export function describeSampleGroup(text) {
  const g = parseSampleGroup(text);
  if (!g) return String(text);
  if (g.correct !== null) return g.correct ? "correctly classified" : "misclassified";
  const parts = [];
  if (g.label !== null) parts.push(`label ${g.label}`);
  if (g.pred !== null) parts.push(`predicted ${g.pred}`);
  return parts.join(", ") || "all";
}

/** A hover item in words: "conv2 · channel 7". */
export function describeHover(h) {
  if (!h || !h.kind) return "";
  switch (h.kind) {
    case "layer": return h.layer;
    case "channel": return `${h.layer} · channel ${h.channel}`;
    case "class": return `class ${h.class_index}`;
    case "epoch": return `epoch ${h.epoch}`;
    case "sample": return `sample ${h.sample}`;
    case "cell": return `${h.layer}:${h.channel} → ${h.to_layer}:${h.to_channel}`;
    default: return JSON.stringify(h);
  }
}

/**
 * The parts of a selection as shown by the breadcrumb: {key, label, text, title, clearable}.
 * Class and hover appear only when set.
 */
export function selectionParts(sel, { maxLayers = 4 } = {}) {
  const layers = sel.layers || [];
  const shown = layers.length > maxLayers ? `${layers.slice(0, maxLayers).join(", ")} +${layers.length - maxLayers} more` : layers.join(", ");
  const parts = [
    { key: "layers", label: layers.length === 1 ? "layer" : "layers", text: shown || "none", title: layers.join(", "), clearable: layers.length > 0 },
    { key: "channels", label: "channels", text: sel.channels?.length ? formatChannels(sel.channels) : "all", title: "", clearable: sel.channels?.length > 0 },
    { key: "epoch", label: "epoch", text: String(sel.epoch), title: "", clearable: false },
    { key: "sample_group", label: "samples", text: describeSampleGroup(sel.sample_group), title: sel.sample_group, clearable: sel.sample_group !== "all" },
  ];
  if (sel.class_index !== null && sel.class_index !== undefined) {
    parts.push({ key: "class_index", label: "class", text: String(sel.class_index), title: "", clearable: true });
  }
  const hover = describeHover(sel.hovered);
  if (hover) parts.push({ key: "hovered", label: "hover", text: hover, title: "", clearable: false });
  return parts;
}

/** One line of text for a selection, e.g. "layers conv1, conv2 · channels 0–3 · epoch 5 · samples all". */
export function describeSelection(sel) {
  return selectionParts(sel).map((p) => `${p.label} ${p.text}`).join(" · ");
}
