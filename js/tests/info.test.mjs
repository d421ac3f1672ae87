// node --test js/tests/  (run by tests/widgets/test_js_units.py)
// Pure parts of the information view: box-plot statistics, epoch positions, label placing.
import assert from "node:assert/strict";
import test from "node:test";

import { boxStats, quantile } from "../lib/info_boxes.js";
import { epochPosition, estimatesOf, placeLabels } from "../lib/info_plane.js";

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

test("placeLabels never overlaps two names, a point or the bounds; selected names first", () => {
  const widthOf = (t) => t.length * 6;
  // 61 trajectories ending in a heap: far fewer names fit, none overlapping.
  const ends = Array.from({ length: 61 }, (_, i) => ({ name: `layer${i % 4}.${i % 2}.conv${i}`, x: 200 + (i % 7) * 3, y: 100 + (i % 5) * 2, priority: i === 60 ? 0 : 2 }));
  const obstacles = [{ x0: 196, y0: 96, x1: 204, y1: 104 }];
  const bounds = { x0: 0, y0: 0, x1: 480, y1: 300 };
  const placed = placeLabels(ends, { bounds, obstacles, widthOf });
  assert.ok(placed.length > 2 && placed.length < 61, `${placed.length} placed`);
  assert.equal(placed[0].name, ends[60].name); // the selected layer's name is placed first
  for (const [i, a] of placed.entries()) {
    assert.ok(a.box.x0 >= 0 && a.box.x1 <= 480 && a.box.y0 >= 0 && a.box.y1 <= 300);
    assert.ok(!(a.box.x0 < 204 && 196 < a.box.x1 && a.box.y0 < 104 && 96 < a.box.y1), "over a point");
    for (const b of placed.slice(i + 1)) {
      const clash = a.box.x0 < b.box.x1 && b.box.x0 < a.box.x1 && a.box.y0 < b.box.y1 && b.box.y0 < a.box.y1;
      assert.ok(!clash, `${a.name} overlaps ${b.name}`);
    }
  }
  // Names far apart keep their first spot: right of the point, on its line.
  const two = placeLabels([{ name: "a", x: 10, y: 50, priority: 2 }, { name: "b", x: 300, y: 50, priority: 2 }], { widthOf });
  assert.deepEqual(two.map((p) => [p.x, p.y]), [[18, 54], [308, 54]]);
});

test("estimatesOf: the KDE draws a range, the others one estimate", () => {
  const bounds = ["kde_lower", "kde_upper", "binning"];
  assert.deepEqual(estimatesOf("kde", bounds), { main: 1, low: 0 });
  assert.deepEqual(estimatesOf("kde_lower", bounds), { main: 0, low: -1 });
  assert.deepEqual(estimatesOf("binning", bounds), { main: 2, low: -1 });
});
