// The information plane's toolbar (js/views/information.js): which layers the plane shows
// (one per block, all, the selected ones, or one block of the module tree), a depth range,
// and a chip per selected layer (click: show it in the panels; ×: remove it from the
// selection). Writes the view's plane_filter, plane_depth and focus traits.
//
//   const bar = filterBar(model, { onFocus, onRemove }); bar.draw(planeInfo, selectedLayers);
import { h } from "./dom.js";

const FEW = 16; // as in widgets/information.py: up to this many layers "auto" shows all

function options(info, current) {
  const n = info.layers.length;
  const opts = [
    ["outputs", `one per block (${countOutputs(info)} layers)`],
    ["all", `all layers (${n})`],
    ["selected", "selected layers only"],
  ];
  const blocks = (info.blocks || []).filter((b) => b.depth <= 2);
  const el = (value, text) => h("option", { value, selected: value === current }, text);
  return [
    ...opts.map(([v, t]) => el(v, t)),
    blocks.length ? h("optgroup", { label: "a block of the model" }, ...blocks.map((b) => el(b.name, `${"  ".repeat(b.depth - 1)}${b.name} (${b.layers.length})`))) : null,
  ];
}

/** How many layers "one per block" shows (as _blocks.block_outputs does in Python). */
export function countOutputs(info) {
  const key = (name) => name.split("#")[0].split(".").slice(0, 2).join(".");
  let count = 0;
  info.layers.forEach((name, i) => {
    const here = key(name);
    const next = i + 1 < info.layers.length ? key(info.layers[i + 1]) : null;
    if (here === name.split("#")[0] || here !== next) count += 1;
  });
  return count;
}

export function filterBar(model, { onFocus, onRemove }) {
  const select = h("select", { class: "ci-filter", "data-role": "plane-filter", "aria-label": "Layers in the plane" });
  select.addEventListener("change", () => { model.set("plane_filter", select.value); model.save_changes(); });
  const from = h("input", { type: "range", min: 0, max: 0, step: 1, "data-role": "depth-from", "aria-label": "first layer shown" });
  const to = h("input", { type: "range", min: 0, max: 0, step: 1, "data-role": "depth-to", "aria-label": "last layer shown" });
  const depthText = h("span", { class: "ci-depth-text", "data-role": "depth-text" });
  let layers = [];
  const showDepth = () => {
    const [a, b] = [Number(from.value), Number(to.value)].sort((x, y) => x - y);
    depthText.textContent = layers.length ? `${a}–${b}: ${layers[a]} … ${layers[b]}` : "";
  };
  const commitDepth = () => {
    const [a, b] = [Number(from.value), Number(to.value)].sort((x, y) => x - y);
    model.set("plane_depth", a === 0 && b === layers.length - 1 ? [] : [a, b]);
    model.save_changes();
  };
  for (const input of [from, to]) {
    input.addEventListener("input", showDepth);
    input.addEventListener("change", commitDepth);
  }
  const chips = h("span", { class: "ci-chips", "data-role": "layer-chips" });
  const el = h("div", { class: "ci-toolbar" },
    h("label", { class: "ci-tool" }, h("span", { class: "cs-slider-label" }, "show"), select),
    h("span", { class: "ci-tool ci-depth" }, h("span", { class: "cs-slider-label" }, "depth"), from, to, depthText),
    chips);
  return {
    el,
    draw(info, selected) {
      if (!info.layers) return;
      layers = info.layers;
      let current = model.get("plane_filter") || "auto";
      if (current === "auto") current = layers.length <= FEW ? "all" : "outputs";
      select.replaceChildren(...options(info, current));
      select.value = current;
      const depth = model.get("plane_depth") || [];
      for (const input of [from, to]) input.max = String(Math.max(0, layers.length - 1));
      from.value = String(depth.length === 2 ? depth[0] : 0);
      to.value = String(depth.length === 2 ? depth[1] : layers.length - 1);
      showDepth();
      const focus = model.get("focus");
      chips.replaceChildren(...(selected.length ? [h("span", { class: "cs-slider-label" }, "selected")] : []), ...selected.map((name) => h("span", { class: `ci-chip${name === focus ? " ci-chip-focus" : ""}`, "data-layer": name },
        h("button", { type: "button", class: "ci-chip-name", "aria-pressed": String(name === focus), title: `Show ${name} in the panels`, onclick: () => onFocus(name) }, name),
        h("button", { type: "button", class: "ci-chip-x", "data-action": "remove", title: `Remove ${name} from the selection`, "aria-label": `Remove ${name}`, onclick: () => onRemove(name) }, "×"))));
    },
  };
}
