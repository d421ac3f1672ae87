// Query view (paper 5.1, Fig. 3; Python: src/cnnslicer_widgets/widgets/query.py).
//
// Architecture overview (js/lib/arch_panel.js over js/lib/arch_tree.js): the module tree of
// the recorded layers (stages -> blocks -> layers), collapsible, with skip connections as
// arcs; click a row to choose its layers (a group: all of them), shift-click to add or
// remove. Slicer cube (js/lib/slicer_cube.js): one column per layer or collapsed group;
// click or drag along the layer axis, drag along the channel axis or on the front face,
// move the epoch handle; past ~30 columns it shows a window that the overview strip moves.
// All of that edits the *pending* query (model traits pending_layers / pending_channels /
// pending_epoch); the Query button ([data-role="query"]) applies it to the shared
// selection. The pending query follows the shared selection when another view changes it.
// The root gets data-dirty (pending differs from the selection) and data-draw-ms.
import { defineView } from "../lib/view.js";
import { h } from "../lib/dom.js";
import { formatChannels } from "../lib/selection.js";
import { createArchPanel } from "../lib/arch_panel.js";
import {
  collapsedAt, defaultLevel, layersOfUnits, maxLevel, skipArcs, unitCoverage, unitOfLayer, unitsOf,
  visibleRows, windowAround,
} from "../lib/arch_tree.js";
import { createSlicerCube, frontWidthFor, windowSize } from "../lib/slicer_cube.js";

const PENDING_EVENTS = "change:pending_layers change:pending_channels change:pending_epoch change:notes";
const HELP = "Click a row of the overview (a block: all its layers) or a column of the cube, drag along the layer axis for a slab, along the channel axis (or on the front face) for channels, and move the round handle for the epoch. Query applies it to every linked view.";
const MAX_UNITS = 24; // the overview opens at the deepest level with at most this many columns

/** "…denselayer1.norm1" for a name of more than two dotted parts (the full one on hover). */
const tail = (name) => (name.split(".").length > 2 ? `…${name.split(".").slice(-2).join(".")}` : name);

function describeLayers(names, table) {
  if (!names.length) return "none";
  const idx = names.map((n) => table.findIndex((r) => r.name === n));
  const contiguous = idx.every((v, k) => k === 0 || v === idx[k - 1] + 1);
  if (contiguous && names.length > 2) return `${tail(names[0])} … ${tail(names[names.length - 1])} (${names.length})`;
  return names.length > 3 ? `${names.slice(0, 2).map(tail).join(", ")}, … (${names.length} layers)` : names.map(tail).join(", ");
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

/** The channel axis spans the chosen units' channels (all units' when none is chosen), at
 * least 4 (or the widest unit's count) so that a one-channel layer stays a thin slab. */
function channelAxisMax(units, coverage) {
  const widest = Math.max(1, ...units.map((u) => u.channels));
  const over = coverage.some((c) => c > 0) ? units.filter((_, i) => coverage[i] > 0) : units;
  return Math.max(Math.min(4, widest), ...over.map((u) => u.channels));
}

function unitInfo(unit, table, tree) {
  const node = unit.node;
  const rows = table.slice(unit.first, unit.last + 1);
  const channels = Math.max(...rows.map((r) => r.channels));
  if (node.kind === "layer") {
    const row = rows[0];
    return { name: row.name, label: node.label, channels, group: false,
      tip: `${row.name} · ${row.type} · ${row.channels} channel${row.channels === 1 ? "" : "s"} · ${row.height}×${row.width}` };
  }
  // "layer1.0" rather than "0": a numbered block says whose it is
  const parent = node.parent >= 0 ? tree[node.parent] : null;
  const label = /^\d+$/.test(node.label) && parent ? `${parent.label}.${node.label}` : node.label;
  return { name: node.path, label, channels, group: true,
    tip: `${node.path}: ${rows.length} layers (${rows[0].name} … ${rows[rows.length - 1].name}), up to ${channels} channels` };
}

class QueryController {
  constructor({ model, el, root, selection }) {
    Object.assign(this, { model, root, selection });
    this.table = model.get("layer_table") || [];
    this.tree = model.get("layer_tree") || [];
    this.edges = model.get("edges") || [];
    this.edgeSource = model.get("edge_source") || "call order";
    this.skips = this.edges.filter(([a, b]) => b !== a + 1).length;
    this.epochs = Array.from(model.get("epochs") || []);
    this.byName = new Map(this.table.map((r, i) => [r.name, i]));
    this.hovered = null; // a unit index
    this.level = defaultLevel(this.tree, MAX_UNITS);
    this.collapsed = collapsedAt(this.tree, this.level);
    this.start = 0;
    this.frontW = 300;
    this.notes = h("ul", { class: "cq-notes", "data-role": "notes" });
    this.panel = createArchPanel({
      table: this.table, levels: maxLevel(this.tree),
      onPick: (id, add) => this.pickNode(id, add),
      onToggle: (id) => this.toggle(id),
      onLevel: (level) => this.setLevel(level),
      onHover: (unit) => this.hover(unit),
    });
    this.cube = this.makeCube();
    this.cubeBox = h("div", { class: "cq-cubebox" }, this.cube.node);
    el.append(h("div", { class: "cq-root" }, this.notes,
      h("div", { class: "cq-layout" }, this.panel.node, this.cubeBox, this.sidePanel())));
    this.restructure();
    this.resizer = new ResizeObserver(() => this.measure());
    this.resizer.observe(this.cubeBox);
  }

  /** The collapse state changed: recompute rows, units and arcs. */
  restructure() {
    this.rows = visibleRows(this.tree, this.collapsed);
    this.units = unitsOf(this.tree, this.collapsed);
    this.unitOf = unitOfLayer(this.units, this.table.length);
    this.unitInfo = this.units.map((u) => unitInfo(u, this.table, this.tree));
    const rowIndex = new Map(this.rows.map((n, i) => [n.id, i]));
    this.rowOfUnit = this.units.map((u) => rowIndex.get(u.node.id));
    this.arcs = skipArcs(this.edges, this.unitOf);
    this.hovered = null;
  }

  measure() {
    const width = this.cubeBox.clientWidth;
    if (!width) return; // hidden (a closed tab): keep the last size
    const frontW = frontWidthFor(width);
    if (frontW !== this.frontW) {
      this.frontW = frontW;
      this.redraw();
    }
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
      epochs: this.epochs,
      onChange: (patch, { final }) => {
        const out = {};
        if (patch.layers) out.layers = layersOfUnits(this.units, patch.layers).map((p) => this.table[p].name);
        if (patch.channels) out.channels = patch.channels;
        if (patch.epoch !== undefined) out.epoch = this.epochs[patch.epoch];
        this.setPending(out, final);
        if (!final) this.redraw();
        else if (patch.layers) this.panel.reveal(this.rowOfUnit[patch.layers[0]]);
      },
      onHover: (unit) => this.hover(unit),
      onWindow: (start) => { this.start = start; this.redraw(); },
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
    if (patch.layers) next.pending_layers = [...new Set(patch.layers)].sort((a, b) => this.byName.get(a) - this.byName.get(b));
    if (patch.channels) next.pending_channels = [...new Set(patch.channels)].sort((a, b) => a - b);
    if (patch.epoch !== undefined) next.pending_epoch = patch.epoch;
    this.model.set(next);
    if (save) this.model.save_changes();
  }

  pickNode(id, add) {
    const node = this.tree[id];
    const mine = this.table.slice(node.first, node.last + 1).map((r) => r.name);
    const cur = this.pending().layers;
    let layers = mine;
    if (add) layers = mine.every((n) => cur.includes(n)) ? cur.filter((n) => !mine.includes(n)) : [...cur, ...mine];
    this.setPending({ layers });
  }

  toggle(id) {
    if (this.collapsed.has(id)) this.collapsed.delete(id);
    else this.collapsed.add(id);
    this.level = null;
    this.restructure();
    this.redraw();
  }

  setLevel(level) {
    this.level = level;
    this.collapsed = collapsedAt(this.tree, level);
    this.restructure();
    this.redraw({ reveal: true });
  }

  hover(unit) {
    if (this.hovered === unit) return;
    this.hovered = unit;
    const info = unit === null ? null : this.unitInfo[unit];
    try {
      this.selection.hover(info && !info.group ? { kind: "layer", layer: info.name, source: "query" } : {});
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
    this.redraw({ reveal: Boolean(patch.layers) });
  }

  /** Redraw everything; reveal: move the cube's window (and the tree) to the chosen layers. */
  redraw({ reveal = false } = {}) {
    const start = performance.now();
    const p = this.pending();
    const positions = new Set(p.layers.map((n) => this.byName.get(n)).filter((i) => i !== undefined));
    const coverage = unitCoverage(this.units, positions);
    const size = windowSize(this.frontW);
    const firstChosen = coverage.findIndex((c) => c > 0);
    const win = windowAround(this.start, size, this.units.length, reveal && firstChosen >= 0 ? firstChosen : null);
    this.start = win.start;
    const outside = this.hovered === null ? layerOfHover(this.selection.get("hovered"), this.byName) : null;
    const hovered = this.hovered ?? (outside === null ? null : this.unitOf[outside]);
    const hadFocus = document.activeElement?.dataset?.role === "epoch-handle";
    this.cube.update({
      units: this.unitInfo, coverage, channels: p.channels, epoch: Math.max(0, this.epochs.indexOf(p.epoch)), hovered,
      channelMax: channelAxisMax(this.unitInfo, coverage), window: win, frontW: this.frontW,
    });
    this.cube.node.dataset.layers = p.layers.filter((n) => this.byName.has(n)).join(",");
    if (hadFocus) this.cube.focusHandle();
    this.panel.update({
      rows: this.rows, units: this.units, rowOfUnit: this.rowOfUnit, arcs: this.arcs, skips: this.skips, collapsed: this.collapsed,
      coverage: this.nodeCoverage(positions), hovered, level: this.level, edgeSource: this.edgeSource,
    });
    if (reveal && firstChosen >= 0) this.panel.reveal(this.rowOfUnit[firstChosen]);
    this.drawStatus(p);
    const texts = this.model.get("notes") || [];
    this.notes.replaceChildren(...texts.map((t) => h("li", {}, t)));
    this.notes.hidden = !texts.length;
    this.root.dataset.drawMs = (performance.now() - start).toFixed(1);
  }

  /** Coverage of every shown row (groups too, expanded or not): node id -> 0, 0.5 or 1. */
  nodeCoverage(positions) {
    const out = new Map();
    for (const node of this.rows) {
      let n = 0;
      for (let q = node.first; q <= node.last; q++) if (positions.has(q)) n++;
      out.set(node.id, n === 0 ? 0 : n === node.last - node.first + 1 ? 1 : 0.5);
    }
    return out;
  }

  drawStatus(p) {
    const snap = this.selection.snapshot();
    const mine = snap.layers.filter((n) => this.byName.has(n));
    this.status.replaceChildren(h("span", {}, `layers ${describeLayers(p.layers, this.table)}`),
      h("span", {}, `channels ${describeChannels(p.channels)}`), h("span", {}, `epoch ${p.epoch}`));
    this.status.title = p.layers.join(", ");
    this.applied.textContent = `Applied: layers ${describeLayers(mine, this.table)} · channels ${describeChannels(snap.channels)} · epoch ${snap.epoch}`;
    const dirty = JSON.stringify([p.layers, p.channels, p.epoch]) !== JSON.stringify([snap.layers, snap.channels, snap.epoch]);
    const q = this.queryButton;
    q.disabled = !p.layers.length;
    q.classList.toggle("cq-dirty", dirty && p.layers.length > 0);
    q.title = !p.layers.length ? "Choose at least one layer first" : dirty ? "Apply the pending query to the linked views" : "The pending query is already applied";
    this.root.dataset.dirty = String(dirty);
  }

  dispose() {
    this.resizer.disconnect();
    this.cube.dispose();
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
    view.dispose();
  };
}

export default defineView("query", draw);
