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
export function packGroups(groups, size, { padding = 10, innerPadding = 1.5, labelCap = 0 } = {}) {
  const data = {
    children: groups.map((g) => ({
      ...g,
      children: Array.from(g.values, (v, channel) => ({ channel, entropy: Number.isFinite(v) && v > 0 ? v : 0 })),
    })),
  };
  // A tiny floor keeps the layout defined when every value is 0 (equal circles then).
  const root = hierarchy(data).sum((d) => (d.children ? 0 : d.entropy + 1e-9));
  const laid = pack()
    .size([size, size])
    .padding((node) => (node.depth === 0 ? padding : innerPadding))(root);
  if (labelCap > 0) for (const group of laid.children ?? []) makeCap(group, labelCap);
  return laid;
}

/** Groups at least this large (px, at the packing's own scale) carry a label. */
export const LABEL_MIN_R = 16;

/**
 * Free a cap `cap` px tall at the top of a labelled group circle for its label: its
 * channels shrink by s = 1 - cap / 2r (at least a half) about the group's bottom point, so
 * that no channel circle reaches the cap. Each channel keeps its place without the cap in
 * `.full` {x, y, r}, for a view zoomed into the group (no label there).
 */
export function makeCap(group, cap) {
  if (!(group.r > LABEL_MIN_R) || !group.children) return group;
  const s = Math.max(0.5, 1 - cap / (2 * group.r));
  const dy = (1 - s) * group.r;
  for (const leaf of group.descendants().slice(1)) {
    leaf.full = { x: leaf.x, y: leaf.y, r: leaf.r }; // the place without a cap (zoomed in)
    leaf.x = group.x + (leaf.x - group.x) * s;
    leaf.y = group.y + dy + (leaf.y - group.y) * s;
    leaf.r *= s;
  }
  group.cap = cap;
  return group;
}

/**
 * Fill of a channel circle: a grey, darker for more entropy (t = value / the group's
 * largest, 0..1). Greys never read as a class colour (the class circles carry those).
 */
export function channelShade(t) {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const light = Math.round(80 - 50 * x);
  return `hsl(215, 8%, ${light}%)`;
}

/** Linear interpolation of two views {x, y, r}. */
export function lerpView(a, b, t) {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, r: a.r + (b.r - a.r) * t };
}

/**
 * Place a node for view {x, y, r} (the focus fills size): returns {cx, cy, r}. A capped
 * channel (makeCap) is drawn `capped` (0..1) of the way from its full place to its capped one.
 */
export function project(node, view, size, capped = 1) {
  const k = size / (2 * view.r);
  const f = node.full && capped < 1 ? node.full : null;
  const at = (key) => (f ? f[key] + (node[key] - f[key]) * capped : node[key]);
  return { cx: (at("x") - view.x) * k + size / 2, cy: (at("y") - view.y) * k + size / 2, r: at("r") * k };
}
