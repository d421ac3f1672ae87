// Pieces of the layer view (js/views/layer.js): the source / target menus, the sort
// order of a matrix (as estimators.sort_capacity does it in Python), and the small
// heatmaps of the comparison row (the same pair at other epochs, or other pairs: paper
// Fig. 10-12).
import { formatNumber, h } from "./dom.js";
import { paintMatrix } from "./heatmap.js";

/**
 * Display orders of a rows x cols matrix sorted by the max or mean of each row and column,
 * largest first, ties in channel order, NaN last (estimators.sort_capacity); "none": as is.
 */
export function sortOrders(data, rows, cols, by) {
  const range = (n) => Array.from({ length: n }, (_, i) => i);
  if (by !== "max" && by !== "mean") return { rowOrder: range(rows), colOrder: range(cols) };
  const stat = (n, m, at) => range(n).map((i) => {
    let best = -Infinity;
    let sum = 0;
    let count = 0;
    for (let j = 0; j < m; j++) {
      const v = at(i, j);
      if (v !== v) continue;
      best = Math.max(best, v);
      sum += v;
      count += 1;
    }
    return count ? (by === "max" ? best : sum / count) : NaN;
  });
  const order = (values) => range(values.length).sort((a, b) => {
    const x = values[a];
    const y = values[b];
    if (x !== x || y !== y) return (x !== x) - (y !== y) || a - b;
    return y - x || a - b;
  });
  return {
    rowOrder: order(stat(rows, cols, (i, j) => data[i * cols + j])),
    colOrder: order(stat(cols, rows, (j, i) => data[i * cols + j])),
  };
}

function options(choices, current, placeholder) {
  const opts = choices.map((c) => h("option", { value: c.name, selected: c.name === current }, `${c.name} (${c.channels})`));
  return placeholder ? [h("option", { value: "", disabled: true, selected: !current }, placeholder), ...opts] : opts;
}

/**
 * Menus for the pair of layers: picking one puts the pair first in selection.layers (the
 * other selected layers follow), so the layer view always keeps a pair.
 */
export function pairPicker(model, selection, { compact = false } = {}) {
  const source = h("select", { "data-role": "source-picker", "aria-label": "source layer (across)" });
  const target = h("select", { "data-role": "target-picker", "aria-label": "target layer (down)" });
  const apply = () => {
    const s = source.value;
    const t = target.value;
    if (!s || !t) return;
    const rest = (selection.get("layers") || []).filter((n) => n !== s && n !== t);
    selection.update({ layers: [s, t, ...rest] });
  };
  source.addEventListener("change", apply);
  target.addEventListener("change", apply);
  const el = h("span", { class: "cs-pair", "data-role": "pair-picker" },
    h("span", { class: "cs-slider-label" }, compact ? "source" : "source (across)"), source,
    h("span", { class: "cs-slider-label" }, compact ? "target" : "target (down)"), target);
  return {
    el,
    show() {
      const choices = model.get("layer_choices") || [];
      const [s, t] = selection.get("layers") || [];
      source.replaceChildren(...options(choices, s, "choose a layer"));
      target.replaceChildren(...options(choices, t, "choose a layer"));
    },
  };
}

/**
 * One small heatmap of the comparison row: a title, menus to change what it shows, × to
 * remove it; its cells on the shared colour scale, hover for values.
 */
export function comparePanel({ entry, matrix, choices, epochs, width, vmax, lut, sortBy, onChange, onRemove }) {
  const pick = (key, values, label) => {
    const select = h("select", { "data-role": `compare-${key}`, "aria-label": label, onchange: () => onChange({ [key]: key === "epoch" ? Number(select.value) : select.value }) },
      ...values.map(([v, t]) => h("option", { value: v, selected: String(v) === String(entry[key]) }, t)));
    return select;
  };
  const names = choices.map((c) => [c.name, c.name]);
  const head = h("div", { class: "cs-cmp-head" },
    pick("source", names, "source layer"), "→", pick("target", names, "target layer"),
    pick("epoch", epochs.map((e) => [e, `epoch ${e}`]), "epoch"),
    h("button", { type: "button", class: "cs-cmp-x", "data-action": "remove", title: "Remove this comparison", "aria-label": "Remove this comparison", onclick: onRemove }, "×"));
  const body = h("div", { class: "cs-cmp-body" });
  const el = h("div", { class: "cs-cmp", "data-role": "compare-panel", "data-source": entry.source, "data-target": entry.target, "data-epoch": entry.epoch, style: { width: `${width}px` } }, head, body);
  if (entry.state !== "ready" || !matrix) {
    body.append(h("div", { class: "cs-hint" }, entry.state === "computing" ? "Computing..." : entry.state || ""));
    el.dataset.state = entry.state === "ready" ? "empty" : entry.state === "computing" ? "computing" : "note";
    return el;
  }
  el.dataset.state = "ready";
  const { rows, cols } = entry;
  const { rowOrder, colOrder } = sortOrders(matrix, rows, cols, sortBy);
  const side = width - 8;
  const cw = Math.min(16, side / cols);
  const ch = Math.min(16, side / rows);
  const canvas = h("canvas", { "data-role": "compare-canvas" });
  paintMatrix(canvas, { data: matrix, rows, cols, rowOrder, colOrder, vmin: 0, vmax, lut }, cols * cw, rows * ch);
  const tip = h("div", { class: "cs-tip", hidden: true });
  const wrap = h("div", { class: "cs-cmp-plot", style: { width: `${cols * cw}px`, height: `${rows * ch}px` } }, canvas, tip);
  canvas.addEventListener("pointermove", (event) => {
    const rect = canvas.getBoundingClientRect();
    const j = Math.min(cols - 1, Math.max(0, Math.floor((event.clientX - rect.left) / cw)));
    const i = Math.min(rows - 1, Math.max(0, Math.floor((event.clientY - rect.top) / ch)));
    const value = matrix[rowOrder[i] * cols + colOrder[j]];
    tip.textContent = `${formatNumber(value)} bits\nsource ${entry.source} ch ${colOrder[j]}\ntarget ${entry.target} ch ${rowOrder[i]}`;
    tip.hidden = false;
    tip.style.left = `${Math.min(event.clientX - rect.left + 12, Math.max(0, cols * cw - 150))}px`;
    tip.style.top = `${event.clientY - rect.top + 12}px`;
  });
  canvas.addEventListener("pointerleave", () => { tip.hidden = true; });
  body.append(wrap, h("div", { class: "cs-cmp-sub" }, `${cols} x ${rows} channels · max ${formatNumber(entry.max)} bits`));
  return el;
}
