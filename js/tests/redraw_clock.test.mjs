// node --test js/tests/  (run by tests/widgets/test_js_units.py)
// The draw timings shared by the layer and information views.
import assert from "node:assert/strict";
import test from "node:test";

import { redrawClock } from "../lib/redraw_clock.js";

test("redrawClock stamps each draw and times a requested epoch to its draw", () => {
  const root = { dataset: {} };
  const clock = redrawClock(root);
  clock.stamp(0, 1.234, { drawnLayer: "conv1" });
  assert.equal(root.dataset.drawnEpoch, "0");
  assert.equal(root.dataset.drawMs, "1.23");
  assert.equal(root.dataset.draws, "1");
  assert.equal(root.dataset.drawnLayer, "conv1");
  assert.ok(Number(root.dataset.drawnAt) > 0);
  assert.equal(root.dataset.redrawMs, undefined);
  clock.request(2);
  clock.stamp(1, 0.5); // a draw of another epoch does not answer the request
  assert.equal(root.dataset.redrawMs, undefined);
  clock.stamp(2, 0.5);
  assert.ok(Number(root.dataset.redrawMs) >= 0);
  assert.equal(root.dataset.draws, "3");
  clock.request(3); // a new request clears the last answer
  assert.equal(root.dataset.redrawMs, undefined);
});
