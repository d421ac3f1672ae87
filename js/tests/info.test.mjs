// node --test js/tests/  (run by tests/widgets/test_js_units.py)
// Pure parts of the information view: box-plot statistics, epoch positions, label placing.
import assert from "node:assert/strict";
import test from "node:test";

import { boxStats, quantile } from "../lib/info_boxes.js";
import { epochPosition, placeLabels } from "../lib/info_plane.js";

test("quantile interpolates linearly between sorted values", () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
  assert.equal(quantile([7], 0.9), 7);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test("boxStats: quartiles, Tukey whiskers and outliers; NaN left out", () => {
  const s = boxStats(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 100, NaN]));
  assert.equal(s.n, 9);
  assert.equal(s.median, 5);
  assert.equal(s.q1, 3);
  assert.equal(s.q3, 7);
  assert.equal(s.lo, 1);
  assert.equal(s.hi, 8);
  assert.deepEqual(s.outliers, [100]);
  const one = boxStats([0.4]);  // a layer with one channel: a box of one value
  assert.deepEqual([one.q1, one.median, one.q3, one.lo, one.hi], [0.4, 0.4, 0.4, 0.4, 0.4]);
});

test("epochPosition snaps to the recorded epoch at or below", () => {
  assert.equal(epochPosition([0, 1, 2, 4, 8], 4), 3);
  assert.equal(epochPosition([0, 1, 2, 4, 8], 5), 3);
  assert.equal(epochPosition([2, 4], 0), 0);
});

test("placeLabels moves clashing names down a line, others stay", () => {
  const placed = placeLabels([
    { name: "conv1", x: 100, y: 50 },
    { name: "conv2", x: 102, y: 52 },
    { name: "fc1", x: 300, y: 51 },
  ], { line: 12 });
  const at = Object.fromEntries(placed.map((p) => [p.name, p]));
  assert.equal(at.conv1.y, 54);
  assert.ok(at.conv2.y >= at.conv1.y + 12 && at.conv2.moved);
  assert.equal(at.fc1.y, 55);
  assert.ok(!at.fc1.moved);
});
