// The query view's architecture overview (DOM): a level bar, then the module tree as rows
// (a twisty to collapse or expand each group, the name, its size), with the skip
// connections drawn as arcs in a gutter on the left. The data side is js/lib/arch_tree.js.
//
//   const panel = createArchPanel({ table, levels, onPick, onToggle, onLevel, onHover });
//   panel.update({ rows, units, rowOfUnit, arcs, collapsed, coverage, hovered, level });
//
// Rows: [data-node=id][data-kind=group|layer]; the name is a <button data-role="pick">
// (layers also carry data-layer=name, groups data-group=path) with the full name on hover.
// Click picks the row's layers, shift/ctrl/cmd-click adds or removes them; the twisty
// [data-role="toggle"] collapses or expands; level buttons [data-level=k] show the tree down
// to depth k. onHover(unit index | null).
import { h, svg } from "./dom.js";

export const ROW_H = 22;
const GUTTER = 30;
const INDENT = 12;

function shapeText(row) {
  return row.height === 1 && row.width === 1 ? "1×1" : `${row.height}×${row.width}`;
}

function rowTip(node, table) {
  if (node.kind === "layer") {
    const row = table[node.first];
    const kept = row.stored === "histogram" ? "; kept as per-map histograms" : "";
    return `${node.path} (${row.type}): ${row.channels} channel${row.channels === 1 ? "" : "s"} of ${shapeText(row)}${kept}.\nClick to choose it, shift-click to add or remove it.`;
  }
  const n = node.last - node.first + 1;
  return `${node.path}: ${n} layers, ${table[node.first].name} … ${table[node.last].name}.\nClick to choose them all, shift-click to add or remove them; the triangle collapses or expands.`;
}

function rowMeta(node, table) {
  if (node.kind === "group") return `${node.last - node.first + 1} layers`;
  const row = table[node.first];
  return `${row.channels} ch · ${shapeText(row)}`;
}

class ArchPanel {
  constructor({ table, levels, onPick, onToggle, onLevel, onHover }) {
    Object.assign(this, { table, onPick, onToggle, onLevel, onHover });
    this.levelButtons = Array.from({ length: levels + 1 }, (_, k) => h("button", {
      type: "button", class: "cq-level", "data-level": k,
      title: k === levels ? "Show every layer" : k === 0 ? "Collapse every group" : `Show the tree down to depth ${k}`,
      onclick: () => this.onLevel(k),
    }, k === levels ? "all" : String(k)));
    this.arcs = svg("svg", { class: "cq-arcs", "data-role": "arcs", "aria-hidden": "true" });
    this.rows = h("div", { class: "cq-rows" });
    this.scroller = h("div", { class: "cq-tree", "data-role": "tree", role: "tree", "aria-label": "Architecture overview" }, this.arcs, this.rows);
    this.legend = h("span", { class: "cq-arc-note", "data-role": "arc-note" });
    this.node = h("div", { class: "cq-arch", "data-role": "overview" },
      h("div", { class: "cq-levelbar" }, h("span", { class: "cq-levelbar-title" }, "Depth"), ...this.levelButtons, this.legend),
      this.scroller);
    this.rowNodes = new Map();
  }

  makeRow(node) {
    const pick = h("button", {
      type: "button", class: "cq-pick", "data-role": "pick", title: rowTip(node, this.table),
      "data-layer": node.kind === "layer" ? node.path : null, "data-group": node.kind === "group" ? node.path : null,
      onclick: (event) => this.onPick(node.id, event.shiftKey || event.metaKey || event.ctrlKey),
    }, node.label);
    const twisty = node.kind === "group"
      ? h("button", { type: "button", class: "cq-twisty", "data-role": "toggle", onclick: () => this.onToggle(node.id) })
      : h("span", { class: "cq-twisty cq-leaf", "aria-hidden": "true" });
    return h("div", {
      class: `cq-row cq-${node.kind}`, "data-node": node.id, "data-kind": node.kind, role: "treeitem",
      "aria-level": node.depth + 1, style: { paddingLeft: `${GUTTER + node.depth * INDENT}px`, height: `${ROW_H}px` },
    }, twisty, pick, h("span", { class: "cq-meta" }, rowMeta(node, this.table)));
  }

  rowNode(node) {
    if (!this.rowNodes.has(node.id)) this.rowNodes.set(node.id, this.makeRow(node));
    return this.rowNodes.get(node.id);
  }

  update({ rows, units, rowOfUnit, arcs, skips, collapsed, coverage, hovered, level, edgeSource }) {
    this.rows.replaceChildren(...rows.map((node) => this.rowNode(node)));
    const unitOfNode = new Map(units.map((u, i) => [u.node.id, i]));
    for (const node of rows) {
      const el = this.rowNode(node);
      const unit = unitOfNode.get(node.id);
      const cover = coverage.get(node.id) || 0;
      el.classList.toggle("cq-selected", cover === 1);
      el.classList.toggle("cq-partial", cover === 0.5);
      el.classList.toggle("cq-hover", unit !== undefined && unit === hovered);
      el.querySelector("[data-role='pick']").setAttribute("aria-pressed", String(cover === 1));
      el.dataset.unit = unit === undefined ? "" : String(unit);
      el.onpointerenter = () => this.onHover(unit === undefined ? null : unit);
      el.onpointerleave = () => this.onHover(null);
      const toggle = el.querySelector("[data-role='toggle']");
      if (toggle) {
        const open = !collapsed.has(node.id);
        toggle.textContent = open ? "▾" : "▸";
        toggle.setAttribute("aria-expanded", String(open));
        toggle.title = open ? `Collapse ${node.path} into one column` : `Expand ${node.path}`;
      }
    }
    this.levelButtons.forEach((b, k) => b.setAttribute("aria-pressed", String(k === level)));
    this.drawArcs(rows, units, rowOfUnit, arcs, hovered);
    this.legend.textContent = edgeSource === "call order" ? "no skip connections known"
      : arcs.length ? `${arcs.length} skip connection${arcs.length === 1 ? "" : "s"} shown`
        : skips ? "skip connections: inside collapsed groups" : "no skip connections";
    this.legend.title = edgeSource === "call order"
      ? "This store holds no data-flow graph (recorded before the recorder traced models, or the model could not be traced): layers are shown in call order. Pass model= to trace it."
      : `Arcs on the left join layers that one feeds the other past the layers between them (from ${edgeSource === "model" ? "the model, traced with torch.fx" : "the store: the recorder traced the model with torch.fx"}).`;
  }

  drawArcs(rows, units, rowOfUnit, arcs, hovered) {
    const height = rows.length * ROW_H;
    this.arcs.setAttribute("width", GUTTER);
    this.arcs.setAttribute("height", height);
    this.arcs.setAttribute("viewBox", `0 0 ${GUTTER} ${height}`);
    const x = GUTTER - 3;
    const paths = arcs.map(({ from, to }) => {
      const y1 = (rowOfUnit[from] + 0.5) * ROW_H;
      const y2 = (rowOfUnit[to] + 0.5) * ROW_H;
      const bend = Math.min(GUTTER - 5, 6 + 3.2 * Math.log2(1 + rowOfUnit[to] - rowOfUnit[from]));
      const hot = hovered === from || hovered === to;
      return svg("path", {
        class: `cq-arc${hot ? " cq-arc-hot" : ""}`, "data-from": units[from].node.path, "data-to": units[to].node.path,
        d: `M${x},${y1} C${x - bend},${y1} ${x - bend},${y2} ${x},${y2}`,
      });
    });
    this.arcs.replaceChildren(...paths);
  }

  /** Scroll the tree so that the row of unit i shows. */
  reveal(rowIndex) {
    const top = rowIndex * ROW_H;
    const box = this.scroller;
    if (top < box.scrollTop || top + ROW_H > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }
}

/** The architecture overview: {node, update(state), reveal(row)} (see the top of this file). */
export function createArchPanel(options) {
  return new ArchPanel(options);
}
