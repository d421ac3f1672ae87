// node --test js/tests/  (run by tests/widgets/test_js_units.py)
// The query view's architecture overview as data (js/lib/arch_tree.js) and the slicer
// cube's window and labels at 60-400 columns (js/lib/slicer_cube.js).
import assert from "node:assert/strict";
import test from "node:test";

import {
  collapsedAt, defaultLevel, layersOfUnits, maxLevel, skipArcs, unitCoverage, unitOfLayer, unitsOf,
  visibleRows, windowAround,
} from "../lib/arch_tree.js";
import { MIN_COLUMN, fitText, frontWidthFor, geometry, labelStep, stripStart, windowSize } from "../lib/slicer_cube.js";

// input, conv1, layer1 { 0 { conv1, relu, relu#1 }, 1 { conv1, relu } }, fc  (as widgets/_architecture.py sends it)
const N = (id, kind, label, depth, parent, first, last) => ({ id, kind, label, path: label, depth, parent, first, last });
const TREE = [
  N(0, "layer", "input", 0, -1, 0, 0), N(1, "layer", "conv1", 0, -1, 1, 1),
  N(2, "group", "layer1", 0, -1, 2, 6), N(3, "group", "0", 1, 2, 2, 4),
  N(4, "layer", "conv1", 2, 3, 2, 2), N(5, "layer", "relu", 2, 3, 3, 3), N(6, "layer", "relu#1", 2, 3, 4, 4),
  N(7, "group", "1", 1, 2, 5, 6), N(8, "layer", "conv1", 2, 7, 5, 5), N(9, "layer", "relu", 2, 7, 6, 6),
  N(10, "layer", "fc", 0, -1, 7, 7),
];

test("levels collapse the tree into fewer columns, each a slab of consecutive layers", () => {
  assert.equal(maxLevel(TREE), 2);
  const top = unitsOf(TREE, collapsedAt(TREE, 0));
  assert.deepEqual(top.map((u) => [u.first, u.last]), [[0, 0], [1, 1], [2, 6], [7, 7]]);
  const blocks = unitsOf(TREE, collapsedAt(TREE, 1));
  assert.deepEqual(blocks.map((u) => u.node.id), [0, 1, 3, 7, 10]);
  assert.equal(unitsOf(TREE, collapsedAt(TREE, 2)).length, 8); // every layer
  assert.equal(visibleRows(TREE, collapsedAt(TREE, 1)).length, 6); // + the expanded layer1 row
  assert.equal(defaultLevel(TREE, 8), 2);
  assert.equal(defaultLevel(TREE, 5), 1);
  assert.equal(defaultLevel(TREE, 2), 0);
});

test("skip connections join units that are not neighbours, once each", () => {
  // conv1 -> layer1.0.relu#1 skips the block; relu -> relu#1 inside it; relu#1 -> layer1.1.relu skips.
  const edges = [[0, 1], [1, 2], [2, 3], [3, 4], [1, 4], [4, 5], [5, 6], [4, 6], [6, 7]];
  const all = unitsOf(TREE, collapsedAt(TREE, 2));
  assert.deepEqual(skipArcs(edges, unitOfLayer(all, 8)), [{ from: 1, to: 4 }, { from: 4, to: 6 }]);
  const blocks = unitsOf(TREE, collapsedAt(TREE, 1));
  assert.deepEqual(skipArcs(edges, unitOfLayer(blocks, 8)), []); // inside or between neighbours
});

test("picking units gives their layers; coverage says which units are chosen", () => {
  const blocks = unitsOf(TREE, collapsedAt(TREE, 1));
  assert.deepEqual(layersOfUnits(blocks, [2]), [2, 3, 4]);
  assert.deepEqual(layersOfUnits(blocks, [3, 1]), [1, 5, 6]);
  assert.deepEqual(unitCoverage(blocks, new Set([3, 4, 5, 6])), [0, 0, 0.5, 1, 0]);
});

test("the cube's window keeps every column at least MIN_COLUMN px wide and follows the choice", () => {
  for (const width of [320, 420, 560, 900]) {
    const front = frontWidthFor(width);
    assert.ok(front / windowSize(front) >= MIN_COLUMN, `${width}`);
    assert.ok(geometry(windowSize(front), 3, 64, front).width <= width, `${width}`);
  }
  assert.deepEqual(windowAround(0, 26, 367), { start: 0, size: 26 });
  assert.deepEqual(windowAround(0, 26, 367, 200), { start: 175, size: 26 });
  assert.deepEqual(windowAround(300, 26, 367, 310), { start: 300, size: 26 });
  assert.deepEqual(windowAround(360, 26, 367), { start: 341, size: 26 });
  assert.deepEqual(windowAround(5, 26, 12), { start: 0, size: 12 });
  const g = geometry(26, 3, 64, 260);
  assert.equal(stripStart(g, 367, 26, g.x0), 0);
  assert.equal(stripStart(g, 367, 26, g.x0 + 260), 341);
  assert.equal(stripStart(g, 367, 26, g.x0 + 130), 171);
});

test("vertical column labels sit 12 px apart and are cut to fit", () => {
  assert.equal(labelStep(14), 1);
  assert.equal(labelStep(10), 2);
  assert.equal(labelStep(3), 4);
  assert.equal(fitText("relu", 60), "relu");
  const cut = fitText("features.denseblock3.denselayer9.relu2", 60);
  assert.ok(cut.endsWith("…") && cut.length * 5.9 <= 60 + 5.9, cut);
});
