// Query view (paper 5.1, Fig. 3; Python: src/cnnslicer_widgets/widgets/query.py).
//
// Architecture overview: one box per layer ([data-layer]); click chooses one layer,
// shift-click adds or removes one. Slicer cube (js/lib/slicer_cube.js): drag along the layer
// or channel axis, on the front face, or move the epoch handle. All of that edits the
// *pending* query (model traits pending_layers / pending_channels / pending_epoch); the
// Query button ([data-role="query"]) applies it to the shared selection. The pending query
// follows the shared selection when another view changes it. The root gets data-dirty
// (pending differs from the selection) and data-draw-ms (last redraw).
import { defineView } from "../lib/view.js";
import { h } from "../lib/dom.js";
import { formatChannels } from "../lib/selection.js";
import { createSlicerCube } from "../lib/slicer_cube.js";

const PENDING_EVENTS = "change:pending_layers change:pending_channels change:pending_epoch change:notes";
const HELP = "Drag along the layer axis for a slab of layers, along the channel axis (or on the front face) for channels, and move the round handle for the epoch. Query applies it to every linked view.";

function layerBox(row, onClick, onHover) {
  const shape = row.height === 1 && row.width === 1 ? "1×1 (vector)" : `${row.height}×${row.width}`;
  const module = row.module && row.module !== row.name ? `, module ${row.module}` : "";
  const kept = row.stored === "histogram" ? "; kept as per-map histograms" : "";
  return h("button", {
    type: "button", class: "cq-box", "data-layer": row.name, "data-index": row.index,
    title: `${row.name} (${row.type}${module}): ${row.channels} channel${row.channels === 1 ? "" : "s"} of ${shape}${kept}.\nClick to choose it, shift-click to add or remove it.`,
    onclick: (event) => onClick(row.name, event.shiftKey || event.metaKey || event.ctrlKey),
    onpointerenter: () => onHover(row.name), onpointerleave: () => onHover(null),
  },
  h("span", { class: "cq-box-name" }, `${row.index} · ${row.name}`),
  h("span", { class: "cq-box-type" }, row.type),
  h("span", { class: "cq-box-shape" }, `${row.channels} ch · ${shape}`));
}

function describeLayers(names, table) {
  if (!names.length) return "none";
  const idx = names.map((n) => table.findIndex((r) => r.name === n));
  const contiguous = idx.every((v, k) => k === 0 || v === idx[k - 1] + 1);
  return contiguous && names.length > 2 ? `${names[0]} … ${names[names.length - 1]} (${names.length})` : names.join(", ");
}

const describeChannels = (channels) => (channels.length ? formatChannels(channels) : "all");

function nearestEpoch(epochs, epoch) {
  let best = epochs[0];
  for (const e of epochs) if (e <= epoch) best = e;
  return best;
}

function layerOfHover(hovered, byName) {
  if (!hovered || !hovered.layer || !byName.has(hovered.layer)) return null;
  return hovered.kind === "layer" || hovered.kind === "channel" ? byName.get(hovered.layer) : null;
}

/** The channel axis spans the chosen layers' channels (all layers' when none is chosen), at
 * least 4 (or the widest layer's count) so that a one-channel layer stays a thin slab. */
function channelAxisMax(table, chosen) {
  const widest = Math.max(1, ...table.map((r) => r.channels));
  const over = chosen.size ? [...chosen] : table.map((_, i) => i);
  return Math.max(Math.min(4, widest), ...over.map((i) => table[i].channels));
}

class QueryController {
  constructor({ model, el, root, selection }) {
    Object.assign(this, { model, root, selection });
    this.table = model.get("layer_table") || [];
    this.epochs = Array.from(model.get("epochs") || []);
    this.byName = new Map(this.table.map((r, i) => [r.name, i]));
    this.hovered = null;
    this.notes = h("ul", { class: "cq-notes", "data-role": "notes" });
    this.boxes = this.table.map((row) => layerBox(row, (name, add) => this.clickBox(name, add), (name) => this.hover(name)));
    const overview = h("div", { class: "cq-overview", "data-role": "overview", role: "group", "aria-label": "Architecture overview" },
      ...this.boxes.flatMap((b, i) => (i ? [h("span", { class: "cq-arrow", "aria-hidden": "true" }, "→"), b] : [b])));
    this.cube = this.makeCube();
    el.append(h("div", { class: "cq-root" }, this.notes, overview, h("div", { class: "cq-main" }, this.cube.node, this.sidePanel())));
  }

  sidePanel() {
    const button = (role, text, onclick) => h("button", { type: "button", "data-role": role, onclick }, text);
    this.status = h("div", { class: "cq-status", "data-role": "pending" });
    this.applied = h("div", { class: "cq-applied", "data-role": "applied" });
    this.error = h("div", { class: "cq-error", role: "alert", hidden: true });
    this.queryButton = button("query", "Query", () => this.apply());
    this.queryButton.classList.add("cq-query");
    const buttons = h("div", { class: "cq-buttons" }, this.queryButton,
      button("all-channels", "All channels", () => this.setPending({ channels: [] })),
      button("clear", "Clear", () => this.setPending({ layers: [], channels: [] })),
      button("revert", "Revert", () => this.follow(this.selection.snapshot(), ["layers", "channels", "epoch"])));
    return h("div", { class: "cq-side" }, h("div", { class: "cq-side-title" }, "Pending query"), this.status,
      buttons, this.applied, this.error, h("div", { class: "cq-help" }, HELP));
  }

  makeCube() {
    return createSlicerCube({
      layers: this.table,
      epochs: this.epochs,
      onChange: (patch, { final }) => {
        const out = {};
        if (patch.layers) out.layers = patch.layers.map((i) => this.table[i].name);
        if (patch.channels) out.channels = patch.channels;
        if (patch.epoch !== undefined) out.epoch = this.epochs[patch.epoch];
        this.setPending(out, final);
        if (!final) this.redraw();
      },
      onHover: (i) => this.hover(i === null ? null : this.table[i].name),
    });
  }

  /** A followed store gained epochs (QueryView.refresh()): rebuild the cube. */
  replaceEpochs() {
    this.epochs = Array.from(this.model.get("epochs") || []);
    const old = this.cube;
    this.cube = this.makeCube();
    old.node.replaceWith(this.cube.node);
    old.dispose();
    this.redraw();
  }

  pending() {
    const m = this.model;
    return { layers: m.get("pending_layers") || [], channels: m.get("pending_channels") || [], epoch: m.get("pending_epoch") };
  }

  setPending(patch, save = true) {
    const next = {};
    if (patch.layers) next.pending_layers = [...patch.layers].sort((a, b) => this.byName.get(a) - this.byName.get(b));
    if (patch.channels) next.pending_channels = [...new Set(patch.channels)].sort((a, b) => a - b);
    if (patch.epoch !== undefined) next.pending_epoch = patch.epoch;
    this.model.set(next);
    if (save) this.model.save_changes();
  }

  clickBox(name, add) {
    const cur = this.pending().layers;
    const layers = !add ? [name] : cur.includes(name) ? cur.filter((n) => n !== name) : [...cur, name];
    this.setPending({ layers });
  }

  hover(name) {
    if (this.hovered === name) return;
    this.hovered = name;
    try {
      this.selection.hover(name ? { kind: "layer", layer: name, source: "query" } : {});
    } catch (err) {
      console.warn("query view: hover not sent", err);
    }
    this.redraw();
  }

  apply() {
    const p = this.pending();
    try {
      this.selection.update({ layers: p.layers, channels: p.channels, epoch: p.epoch });
      this.error.hidden = true;
    } catch (err) {
      this.error.textContent = err.message;
      this.error.hidden = false;
    }
    this.redraw();
  }

  follow(snap, changed) {
    const patch = {};
    if (changed.includes("layers")) patch.layers = (snap.layers || []).filter((n) => this.byName.has(n));
    if (changed.includes("channels")) patch.channels = snap.channels || [];
    if (changed.includes("epoch")) patch.epoch = nearestEpoch(this.epochs, snap.epoch);
    if (Object.keys(patch).length) this.setPending(patch);
    this.redraw();
  }

  redraw() {
    const start = performance.now();
    const p = this.pending();
    const chosen = new Set(p.layers.map((n) => this.byName.get(n)).filter((i) => i !== undefined));
    const hovered = this.hovered !== null ? this.byName.get(this.hovered) ?? null : layerOfHover(this.selection.get("hovered"), this.byName);
    const hadFocus = document.activeElement?.dataset?.role === "epoch-handle";
    this.cube.update({ layers: chosen, channels: p.channels, epoch: Math.max(0, this.epochs.indexOf(p.epoch)), hovered, channelMax: channelAxisMax(this.table, chosen) });
    if (hadFocus) this.cube.focusHandle();
    for (const box of this.boxes) {
      const i = this.byName.get(box.dataset.layer);
      box.classList.toggle("cq-selected", chosen.has(i));
      box.setAttribute("aria-pressed", String(chosen.has(i)));
      box.classList.toggle("cq-hover", i === hovered);
    }
    this.drawStatus(p);
    const texts = this.model.get("notes") || [];
    this.notes.replaceChildren(...texts.map((t) => h("li", {}, t)));
    this.notes.hidden = !texts.length;
    this.root.dataset.drawMs = (performance.now() - start).toFixed(1);
  }

  drawStatus(p) {
    const snap = this.selection.snapshot();
    const mine = snap.layers.filter((n) => this.byName.has(n));
    this.status.textContent = `layers ${describeLayers(p.layers, this.table)}\nchannels ${describeChannels(p.channels)}\nepoch ${p.epoch}`;
    this.applied.textContent = `Applied: layers ${describeLayers(mine, this.table)} · channels ${describeChannels(snap.channels)} · epoch ${snap.epoch}`;
    const dirty = JSON.stringify([p.layers, p.channels, p.epoch]) !== JSON.stringify([snap.layers, snap.channels, snap.epoch]);
    const q = this.queryButton;
    q.disabled = !p.layers.length;
    q.classList.toggle("cq-dirty", dirty && p.layers.length > 0);
    q.title = !p.layers.length ? "Choose at least one layer first" : dirty ? "Apply the pending query to the linked views" : "The pending query is already applied";
    this.root.dataset.dirty = String(dirty);
  }
}

function draw(ctx) {
  const { model, selection } = ctx;
  const epochs = model.get("epochs") || [];
  if (!(model.get("layer_table") || []).length || !epochs.length) return undefined; // the message says why
  const view = new QueryController(ctx);
  const onModel = () => view.redraw();
  const onEpochs = () => view.replaceEpochs();
  model.on(PENDING_EVENTS, onModel);
  model.on("change:epochs", onEpochs);
  selection.onChange((snap, changed) => view.follow(snap, changed), ["layers", "channels", "epoch"]);
  selection.onChange(() => { if (view.hovered === null) view.redraw(); }, ["hovered"]);
  view.redraw();
  return () => {
    model.off(PENDING_EVENTS, onModel);
    model.off("change:epochs", onEpochs);
    view.cube.dispose();
  };
}

export default defineView("query", draw);
