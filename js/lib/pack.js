// Circle packing of classes and channels (channel view, paper 5.4.1), laid out by
// d3-hierarchy's pack (bundled at build time), plus a stable colour per channel.
//
//   const root = packGroups(groups, 400);   // groups: [{key, label, classIndex, values}]
//   root.descendants() -> nodes with x, y, r, depth (1 = group, 2 = channel), data
import { hierarchy, pack } from "d3-hierarchy";

/**
 * Pack groups (a class, or "all") of channels: each group a circle whose area is the sum of
 * its channels' values, each channel a circle of area proportional to its value.
 * values: array-like of numbers per channel (NaN and negatives count as 0; a group of
 * zeros packs as equal tiny circles).
 */
export function packGroups(groups, size, { padding = 10, innerPadding = 1.5 } = {}) {
  const data = {
    children: groups.map((g) => ({
      ...g,
      children: Array.from(g.values, (v, channel) => ({ channel, entropy: Number.isFinite(v) && v > 0 ? v : 0 })),
    })),
  };
  // A tiny floor keeps the layout defined when every value is 0 (equal circles then).
  const root = hierarchy(data).sum((d) => (d.children ? 0 : d.entropy + 1e-9));
  return pack()
    .size([size, size])
    .padding((node) => (node.depth === 0 ? padding : innerPadding))(root);
}

/** Colour of channel i: hues spread by the golden angle, so neighbours differ. */
export function channelColor(i) {
  const hue = (i * 137.508) % 360;
  const light = 48 + 10 * (i % 3);
  return `hsl(${hue.toFixed(1)}, 62%, ${light}%)`;
}

/** Linear interpolation of two views {x, y, r}. */
export function lerpView(a, b, t) {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, r: a.r + (b.r - a.r) * t };
}

/** Place a node for view {x, y, r} (the focus fills size): returns {cx, cy, r}. */
export function project(node, view, size) {
  const k = size / (2 * view.r);
  return { cx: (node.x - view.x) * k + size / 2, cy: (node.y - view.y) * k + size / 2, r: node.r * k };
}
