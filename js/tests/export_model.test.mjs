// node --test js/tests/  (run by tests/widgets/test_js_units.py)
// The kernel-less models of static HTML exports (js/export/static_model.js).
import assert from "node:assert/strict";
import test from "node:test";

import { decode } from "../lib/codec.js";
import { SelectionClient } from "../lib/selection.js";
import { StaticManager, StaticModel, base64ToBytes, restoreBuffers, same } from "../export/static_model.js";

const selectionState = { layers: [], channels: [], epoch: 0, sample_group: "all", class_index: null, hovered: {} };

function doc(extra = {}) {
  return {
    models: {
      sel: { name: "AnyModel", state: { ...selectionState, _esm: { $asset: "esm-1" } }, buffers: [] },
      view: {
        name: "AnyModel",
        state: { selection: "IPY_MODEL_sel", sort_by: "max", capacity: { dtype: "float32", shape: [2], buffer: null } },
        buffers: [{ path: ["capacity", "buffer"], data: Buffer.from(new Float32Array([1.5, NaN]).buffer).toString("base64") }],
      },
    },
    assets: { "esm-1": "export default {render() {}}" },
    kernel_traits: { view: { sort_by: ["view"] }, sel: { epoch: ["view"] } },
    ...extra,
  };
}

test("base64 and buffer paths become DataViews the codec decodes", () => {
  assert.deepEqual([...base64ToBytes("AQID/w==")], [1, 2, 3, 255]);
  const state = { a: { b: [0, { buffer: null, dtype: "uint8", shape: [2] }] } };
  restoreBuffers(state, [{ path: ["a", "b", 1, "buffer"], data: "Bwg=" }]);
  assert.ok(state.a.b[1].buffer instanceof DataView);
  assert.deepEqual([...decode(state.a.b[1]).data], [7, 8]);
  assert.throws(() => restoreBuffers({}, [{ path: ["x", "y"], data: "" }]), /not in the state/);
});

test("the manager resolves assets, buffers and IPY_MODEL references", async () => {
  const manager = new StaticManager(doc());
  const view = manager.model("view");
  assert.equal(manager.model("sel").get("_esm"), "export default {render() {}}");
  const cap = decode(view.get("capacity"));
  assert.equal(cap.data[0], 1.5);
  assert.ok(Number.isNaN(cap.data[1]));
  assert.equal(await view.widget_manager.get_model("sel"), manager.model("IPY_MODEL_sel"));
  await assert.rejects(view.widget_manager.get_model("nope"), /model nope is not in this export/);
  assert.throws(() => new StaticManager(doc({ assets: {} })), /asset esm-1 of _esm is missing/);
});

test("set fires change:name then change, as backbone does; off removes", () => {
  const model = new StaticModel("m", "AnyModel", { a: 1, b: [1, 2], c: "x" }, null);
  const seen = [];
  const onAB = (m, v) => seen.push(["ab", v]);
  model.on("change:a change:b", onAB);
  model.on("change", (m) => seen.push(["change", Object.keys(m.changedAttributes())]));
  model.set({ a: 2, b: [1, 2], c: "y" }); // b is equal: no event for it
  assert.deepEqual(seen, [["ab", 2], ["change", ["a", "c"]]]);
  seen.length = 0;
  model.set("b", [3]);
  model.off("change:a change:b", onAB);
  model.set({ a: 5, b: [4] });
  assert.deepEqual(seen, [["ab", [3]], ["change", ["b"]], ["change", ["a", "b"]]]);
  assert.equal(model.set("a", 5), model); // unchanged: no event
  assert.equal(seen.length, 3);
});

test("two views' selection clients share one model without a kernel", async () => {
  const manager = new StaticManager(doc());
  const a = new SelectionClient(await manager.get_model("sel"));
  const b = new SelectionClient(await manager.get_model("sel"));
  const got = [];
  b.onChange((snap, changed) => got.push([snap.epoch, changed]), ["epoch"]);
  assert.equal(a.update({ epoch: 2 }), true);
  a.hover({ kind: "layer", layer: "conv1" }); // not a watched field: b's listener skips it
  assert.deepEqual(got, [[2, ["epoch"]]]);
  assert.equal(b.get("epoch"), 2);
});

test("save_changes reports the changes Python would have answered; send is counted", () => {
  const calls = [];
  const manager = new StaticManager(doc(), {
    onSaved: (model, names, owners) => calls.push([model.model_id, names, owners]),
    onUnanswered: (model, content) => calls.push(["sent", model.model_id, content]),
  });
  const view = manager.model("view");
  view.set("sort_by", "mean");
  view.save_changes();
  view.save_changes(); // nothing new since the last save
  manager.model("sel").set({ hovered: { kind: "layer", layer: "x" } });
  manager.model("sel").save_changes(); // hovered: no Python observer
  manager.model("sel").set({ epoch: 3 });
  manager.model("sel").save_changes();
  view.send({ type: "feature_maps" });
  assert.deepEqual(calls, [["view", ["sort_by"], ["view"]], ["sel", ["epoch"], ["view"]], ["sent", "view", { type: "feature_maps" }]]);
  assert.equal(manager.messages, 1);
});

test("same() compares JSON values deeply and buffers by identity", () => {
  assert.ok(same({ a: [1, { b: null }] }, { a: [1, { b: null }] }));
  assert.ok(!same({ a: [1] }, { a: [1, 2] }));
  assert.ok(!same([1], { 0: 1 }));
  assert.ok(same(NaN, NaN));
  const dv = new DataView(new ArrayBuffer(2));
  assert.ok(same(dv, dv));
  assert.ok(!same(dv, new DataView(new ArrayBuffer(2))));
});
