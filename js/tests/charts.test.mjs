// node --test js/tests/  (run by tests/widgets/test_js_units.py)
// Pure parts of the chart helpers and of the slicer cube's pointer mapping.
import assert from "node:assert/strict";
import test from "node:test";

import { niceTicks, runColor, runsOf, RUN_COLORS } from "../lib/charts.js";
import { CATEGORICAL } from "../lib/colors.js";
import { channelRanges, gesturePatch, geometry, picker } from "../lib/slicer_cube.js";

test("niceTicks gives round values covering the range", () => {
  assert.deepEqual(niceTicks(0, 10, 5), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(niceTicks(0, 1, 4), [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(niceTicks(3, 3), [3]);
  assert.deepEqual(niceTicks(0, Infinity), []);
  assert.deepEqual(niceTicks(0, 119, 6), [0, 20, 40, 60, 80, 100]);
});

test("runsOf groups consecutive integers", () => {
  assert.deepEqual(runsOf([5, 1, 2, 3, 9, 2]), [[1, 3], [5, 5], [9, 9]]);
  assert.deepEqual(runsOf([]), []);
});

test("run colours cycle and differ from the class colours", () => {
  assert.equal(runColor(0), RUN_COLORS[0]);
  assert.equal(runColor(RUN_COLORS.length), RUN_COLORS[0]);
  for (const c of RUN_COLORS) assert.ok(!CATEGORICAL.includes(c), c);
});

test("channelRanges clips the pending channels to a layer's channels", () => {
  assert.deepEqual(channelRanges([], 6), [[0, 6]]);
  assert.deepEqual(channelRanges([0, 1, 2, 7, 8], 8), [[0, 3], [7, 8]]);
  assert.deepEqual(channelRanges([10, 11], 6), []);
});

test("the slicer cube maps pointer positions to layers, channels and epochs", () => {
  const [L, E, C] = [7, 4, 16];
  const g = geometry(L, E, C);
  const pick = picker(g, L, E, C);
  // middle of layer i's column on the front face, at channel c
  const at = (i, c) => g.p(i + 0.5, c + 0.5, 0);
  for (let i = 0; i < L; i++) assert.equal(pick.layer(at(i, 0)), i);
  for (const c of [0, 5, 15]) assert.equal(pick.channel(at(0, c)), c);
  assert.equal(pick.layer([-50, 0]), 0); // clamped
  assert.equal(pick.channel([0, -1e4]), C - 1);
  for (let e = 0; e < E; e++) assert.equal(pick.epoch(g.p(L, 0, g.epochDepth(e))), e);
  assert.deepEqual(gesturePatch("layer", pick, at(3, 0), at(1, 0)), { layers: [1, 2, 3] });
  assert.deepEqual(gesturePatch("channel", pick, at(0, 2), at(0, 4)), { channels: [2, 3, 4] });
  assert.deepEqual(gesturePatch("face", pick, at(5, 1), at(6, 0)), { layers: [5, 6], channels: [0, 1] });
  assert.deepEqual(gesturePatch("epoch", pick, at(0, 0), g.p(L, 0, 0.99)), { epoch: E - 1 });
});
