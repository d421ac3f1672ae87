// node --test js/tests/  (run by tests/widgets/test_js_units.py)
// Label placement that keeps long class names and many layers readable (CIFAR-10, ResNet).
import assert from "node:assert/strict";
import test from "node:test";

import { heatmapWidth, tickLayout } from "../lib/charts.js";
import { LABEL_MIN_R, makeCap, packGroups, project } from "../lib/pack.js";
import { clipLabels } from "../lib/slicer_cube.js";

test("tickLayout keeps labels flat when they fit, else turns them just enough", () => {
  assert.deepEqual(tickLayout(10, 30, 8), { angle: 0, every: 1, depth: 15 });
  assert.equal(tickLayout(10, 22, 60).angle, 45); // 22 * sin 45° = 15.6 >= 15
  assert.equal(tickLayout(10, 18, 60).angle, 60);
  assert.equal(tickLayout(10, 16, 60).angle, 90);
  const tight = tickLayout(100, 5, 60);
  assert.equal(tight.angle, 90);
  assert.ok(tight.every * 5 >= 15, `every ${tight.every}`);
  // The depth below the axis grows with the label width.
  assert.ok(tickLayout(10, 18, 80).depth > tickLayout(10, 18, 40).depth);
});

test("heatmapWidth grows with the class names", () => {
  const cifar = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];
  const digits = Array.from({ length: 10 }, (_, k) => String(k));
  assert.ok(heatmapWidth(cifar) > heatmapWidth(digits));
  assert.equal(heatmapWidth(digits), 46 + 52 + 180); // the 46 px minimum margin
});

test("clipLabels labels each run of equal clipped columns once", () => {
  // cifar_vgg11 with the cube 32 channels tall: 64 x3 then 128 x4.
  const counts = [3, 32, 32, 32, 64, 64, 64, 128, 128, 128, 128, 10];
  assert.deepEqual(clipLabels(counts, 32, 25), [
    { first: 4, last: 6, channels: 64 },
    { first: 7, last: 10, channels: 128 },
  ]);
  // Alternating counts on narrow columns: labels that would touch are left out.
  const alternating = Array.from({ length: 30 }, (_, i) => (i % 2 ? 256 : 512));
  const shown = clipLabels(alternating, 64, 10);
  assert.ok(shown.length > 1 && shown.length < 30, `${shown.length}`);
  for (let k = 1; k < shown.length; k++) {
    const gap = ((shown[k].first + shown[k].last + 1) / 2 - (shown[k - 1].first + shown[k - 1].last + 1) / 2) * 10;
    assert.ok(gap >= 4 * 6.2 + 4, `labels ${gap} px apart`);
  }
  assert.deepEqual(clipLabels([3, 16, 8], 16, 40), []);
});

test("packGroups leaves a label cap free of channel circles in each labelled group", () => {
  const groups = Array.from({ length: 11 }, (_, k) => ({
    key: `g${k}`, label: `class ${k}`, values: Array.from({ length: 32 }, (_, c) => 1 + ((c * 7 + k) % 5)),
  }));
  const cap = 18;
  const root = packGroups(groups, 400, { labelCap: cap });
  for (const group of root.children) {
    assert.ok(group.r > LABEL_MIN_R);
    assert.equal(group.cap, cap);
    const top = group.y - group.r;
    for (const leaf of group.children) {
      assert.ok(leaf.y - leaf.r >= top + cap - 1e-6, `a channel circle reaches into the cap of ${group.data.key}`);
      assert.ok(Math.hypot(leaf.x - group.x, leaf.y - group.y) + leaf.r <= group.r + 1e-6, "a channel leaves its group");
    }
  }
  // A group too small for a label is left alone.
  const small = { r: 10, x: 0, y: 0, children: [{ x: 1, y: 1, r: 2 }], descendants() { return [this, ...this.children]; } };
  makeCap(small, cap);
  assert.deepEqual(small.children[0], { x: 1, y: 1, r: 2 });
});

test("project draws capped channels at their full place when zoomed in (capped = 0)", () => {
  const group = { x: 100, y: 100, r: 40, children: [], descendants() { return [this, ...this.children]; } };
  group.children.push({ x: 100, y: 80, r: 10, parent: group });
  makeCap(group, 18);
  const view = { x: 100, y: 100, r: 50 };
  const leaf = group.children[0];
  const full = project(leaf, view, 100, 0);
  const capped = project(leaf, view, 100, 1);
  assert.deepEqual(full, project({ x: 100, y: 80, r: 10 }, view, 100));
  assert.ok(capped.cy > full.cy && capped.r < full.r);
  const half = project(leaf, view, 100, 0.5);
  assert.ok(Math.abs(half.cy - (full.cy + capped.cy) / 2) < 1e-9);
});
