// The query view's architecture overview as data (no DOM): the module tree that Python sends
// (widgets/_architecture.py: nodes in pre-order, each {id, kind, label, path, depth, parent,
// first, last}), which groups are collapsed, and what that makes visible:
//
//   rows   the tree rows shown: every node whose ancestors are all expanded
//   units  the rows that are a layer or a collapsed group: the columns of the slicer cube,
//          each {node, first, last} (a slab of consecutive layers)
//   arcs   the skip connections between units: edges [from, to] (layer positions) whose
//          units are not neighbours, each {from, to} (unit indices), once
//
// Pure functions, tested by js/tests/arch_tree.test.mjs.

/** Parent ids of each node, outermost first. */
function ancestors(tree, node) {
  const out = [];
  for (let p = node.parent; p >= 0; p = tree[p].parent) out.unshift(p);
  return out;
}

/** Rows shown when the groups in `collapsed` (a Set of ids) are collapsed. */
export function visibleRows(tree, collapsed) {
  return tree.filter((node) => ancestors(tree, node).every((p) => !collapsed.has(p)));
}

/** The cube's columns: shown rows that are layers or collapsed groups. */
export function unitsOf(tree, collapsed) {
  return visibleRows(tree, collapsed)
    .filter((node) => node.kind === "layer" || collapsed.has(node.id))
    .map((node) => ({ node, first: node.first, last: node.last }));
}

/** The collapsed groups of expansion level `level`: groups at depth >= level. */
export function collapsedAt(tree, level) {
  return new Set(tree.filter((n) => n.kind === "group" && n.depth >= level).map((n) => n.id));
}

/** The deepest group level, plus one (the level at which every layer shows). */
export function maxLevel(tree) {
  return 1 + Math.max(-1, ...tree.filter((n) => n.kind === "group").map((n) => n.depth));
}

/** The deepest level whose units fit `maxUnits` (level 0 when none does). */
export function defaultLevel(tree, maxUnits = 24) {
  for (let level = maxLevel(tree); level > 0; level--) {
    if (unitsOf(tree, collapsedAt(tree, level)).length <= maxUnits) return level;
  }
  return 0;
}

/** unitOfLayer[p] = the index of the unit that holds layer position p. */
export function unitOfLayer(units, nLayers) {
  const out = new Int32Array(nLayers).fill(-1);
  units.forEach((u, i) => { for (let p = u.first; p <= u.last; p++) out[p] = i; });
  return out;
}

/** Skip connections between units that are not neighbours, each once, sorted. */
export function skipArcs(edges, unitOf) {
  const seen = new Set();
  const arcs = [];
  for (const [a, b] of edges) {
    const from = unitOf[a];
    const to = unitOf[b];
    if (from < 0 || to < 0 || Math.abs(to - from) < 2) continue;
    const key = `${from},${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    arcs.push({ from: Math.min(from, to), to: Math.max(from, to) });
  }
  return arcs.sort((x, y) => x.from - y.from || x.to - y.to);
}

/** Layer positions (ascending) of the units with indices in `picked` (any iterable). */
export function layersOfUnits(units, picked) {
  const out = new Set();
  for (const i of picked) for (let p = units[i].first; p <= units[i].last; p++) out.add(p);
  return [...out].sort((a, b) => a - b);
}

/** How much of each unit is chosen: 0 (none), 1 (all its layers) or 0.5 (some). */
export function unitCoverage(units, chosenPositions) {
  return units.map((u) => {
    let n = 0;
    for (let p = u.first; p <= u.last; p++) if (chosenPositions.has(p)) n++;
    return n === 0 ? 0 : n === u.last - u.first + 1 ? 1 : 0.5;
  });
}

/** The window [start, start + size) of units shown in the cube, moved to hold unit `keep`. */
export function windowAround(start, size, count, keep = null) {
  const span = Math.min(size, count);
  let s = Math.max(0, Math.min(start, count - span));
  if (keep !== null && keep !== undefined && keep >= 0) {
    if (keep < s) s = keep;
    else if (keep >= s + span) s = keep - span + 1;
  }
  return { start: s, size: span };
}
