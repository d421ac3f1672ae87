// The channel view's circle packing: a circle per group (a class, or all classes) holding a
// circle per channel; click a group to zoom into it, click outside to zoom out; hover for
// values. The root carries data-zoom ("root" or a group key) once a zoom has finished.
//
//   const packing = circlePacking({ onZoom, onPickChannel, onHover });
//   packing.setData(groups);  // [{key, label, title, color, classIndex, values}]
//   packing.focus("class-3"); packing.setChosen([7]);
import { formatNumber, h, svg } from "./dom.js";
import { channelColor, lerpView, packGroups, project } from "./pack.js";

const SIZE = 400;
const ZOOM_MS = 320;
const ROOT_VIEW = { x: SIZE / 2, y: SIZE / 2, r: SIZE / 2 };
const LABEL_CAP = 18; // px at the top of a class circle for its label (11px, baseline 14)
const LABEL_BASELINE = 13.5;

function viewOf(node) {
  return node ? { x: node.x, y: node.y, r: node.r * 1.04 } : ROOT_VIEW;
}

function tipText(node) {
  if (node.depth === 1) {
    const n = node.children?.length ?? 0;
    return `${node.data.title}\ntotal ${formatNumber(node.value)} bits over ${n} channels\nmean ${formatNumber(node.value / Math.max(n, 1))} bits`;
  }
  return `${node.parent.data.title} · channel ${node.data.channel}\n${formatNumber(node.data.entropy)} bits`;
}

export function circlePacking({ onZoom, onPickChannel, onHover }) {
  const bg = svg("rect", { class: "cs-pack-bg", width: SIZE, height: SIZE });
  const layer = svg("g");
  const box = svg("svg", { width: SIZE, height: SIZE, viewBox: `0 0 ${SIZE} ${SIZE}`, "data-role": "packing" }, bg, layer);
  const crumb = h("div", { class: "cs-pack-crumb", "data-role": "pack-crumb" });
  const tip = h("div", { class: "cs-tip", hidden: true });
  const el = h("div", { class: "cs-pack", "data-zoom": "root" }, crumb, h("div", { style: { position: "relative" } }, box, tip));
  let items = []; // {node, circle, label}
  let focusKey = null;
  let view = ROOT_VIEW;
  let capped = 1; // 1 at the root (room for class labels), 0 zoomed into a group
  let frame = 0;
  let chosen = new Set();

  const groupNode = (key) => items.find((it) => it.node.depth === 1 && it.node.data.key === key)?.node ?? null;

  const place = () => {
    for (const { node, circle, label } of items) {
      const p = project(node, view, SIZE, capped);
      circle.setAttribute("cx", p.cx.toFixed(2));
      circle.setAttribute("cy", p.cy.toFixed(2));
      circle.setAttribute("r", Math.max(0, p.r).toFixed(2));
      if (!label) continue;
      const group = node.depth === 1;
      // A class label sits in the cap packGroups left free at the top of its circle; zoomed
      // into a group, its channels fill the circle (the crumb names the group).
      const show = group ? focusKey === null && node.cap > 0 : node.parent.data.key === focusKey && p.r >= 7;
      label.setAttribute("visibility", show ? "visible" : "hidden");
      label.setAttribute("x", p.cx.toFixed(2));
      label.setAttribute("y", (group ? p.cy - p.r + LABEL_BASELINE : p.cy + Math.min(12, p.r * 0.8) * 0.35).toFixed(2));
      if (!group) label.setAttribute("font-size", Math.min(12, p.r * 0.8).toFixed(1));
    }
  };

  const showCrumb = () => {
    const node = groupNode(focusKey);
    crumb.replaceChildren(
      node ? h("button", { type: "button", class: "cs-link", "data-action": "zoom-out", onclick: () => zoom(null) }, "all groups") : h("span", null, "all groups"),
      node ? ` › ${node.data.title} · click its background to zoom out` : " · click a circle to zoom in, a channel for its deconvnet",
    );
  };

  const zoom = (key, { notify = true, animate = true } = {}) => {
    const target = viewOf(groupNode(key));
    focusKey = groupNode(key) ? key : null;
    showCrumb();
    if (notify) onZoom(focusKey);
    cancelAnimationFrame(frame);
    const from = view;
    const fromCap = capped;
    const toCap = focusKey === null ? 1 : 0;
    const start = performance.now();
    const done = () => { view = target; capped = toCap; place(); el.dataset.zoom = focusKey ?? "root"; };
    if (!animate) return done();
    const step = (now) => {
      const t = Math.min(1, (now - start) / ZOOM_MS);
      const eased = t * t * (3 - 2 * t);
      view = lerpView(from, target, eased);
      capped = fromCap + (toCap - fromCap) * eased;
      place();
      if (t < 1) frame = requestAnimationFrame(step);
      else done();
    };
    el.dataset.zoom = "moving";
    frame = requestAnimationFrame(step);
  };

  const itemOf = (event) => {
    const target = event.target.closest?.("circle[data-group]");
    return target ? items[Number(target.dataset.item)] : null;
  };

  box.addEventListener("click", (event) => {
    const it = itemOf(event);
    if (!it) return zoom(null);
    const group = it.node.depth === 1 ? it.node : it.node.parent;
    if (focusKey !== group.data.key) zoom(group.data.key);
    else if (it.node.depth === 1) zoom(null);
    if (it.node.depth === 2) onPickChannel(it.node.data.channel, group.data);
  });
  box.addEventListener("pointermove", (event) => {
    const it = itemOf(event);
    if (!it) { tip.hidden = true; return onHover(null); }
    tip.textContent = tipText(it.node);
    tip.hidden = false;
    const rect = box.getBoundingClientRect();
    tip.style.left = `${Math.min(event.clientX - rect.left + 14, SIZE - 150)}px`;
    tip.style.top = `${event.clientY - rect.top + 14}px`;
    onHover(it.node.depth === 1 ? { group: it.node.data } : { group: it.node.parent.data, channel: it.node.data.channel });
  });
  box.addEventListener("pointerleave", () => { tip.hidden = true; onHover(null); });

  const build = (root) => {
    items = [];
    const circles = [];
    const labels = [];
    for (const node of root.descendants().slice(1)) {
      const index = items.length;
      const group = node.depth === 1 ? node.data : node.parent.data;
      const attrs = { "data-item": index, "data-group": group.key };
      let label = null;
      let circle;
      if (node.depth === 1) {
        circle = svg("circle", { ...attrs, class: "cs-group", fill: group.color, stroke: group.color });
        label = svg("text", { class: "cs-group-label", "text-anchor": "middle" }, group.label);
      } else {
        const c = node.data.channel;
        circle = svg("circle", { ...attrs, "data-channel": c, class: `cs-leaf${chosen.has(c) ? " cs-chosen" : ""}`, fill: channelColor(c) });
        label = svg("text", { class: "cs-leaf-label", "text-anchor": "middle" }, String(c));
      }
      items.push({ node, circle, label });
      circles.push(circle);
      labels.push(label);
    }
    layer.replaceChildren(...circles, ...labels);
  };

  return {
    el,
    setData(groups) {
      build(packGroups(groups, SIZE, { labelCap: LABEL_CAP }));
      if (focusKey !== null && !groupNode(focusKey)) focusKey = null;
      view = viewOf(groupNode(focusKey));
      capped = focusKey === null ? 1 : 0;
      place();
      showCrumb();
      el.dataset.zoom = focusKey ?? "root";
    },
    focus(key) {
      if ((groupNode(key) ? key : null) !== focusKey) zoom(key, { notify: false });
    },
    get focusKey() { return focusKey; },
    setChosen(channels) {
      chosen = new Set(channels);
      for (const { node, circle } of items) {
        if (node.depth === 2) circle.classList.toggle("cs-chosen", chosen.has(node.data.channel));
      }
    },
    dispose() { cancelAnimationFrame(frame); },
  };
}
