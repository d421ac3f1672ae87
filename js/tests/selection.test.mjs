// node --test js/tests/  (run by tests/widgets/test_js_units.py)
import assert from "node:assert/strict";
import test from "node:test";

import {
  SelectionClient, SelectionError, describeSelection, formatChannels, parseSampleGroup,
  sampleGroupText, selectionParts, validateField,
} from "../lib/selection.js";

// The smallest model the client needs: get/set/save_changes/on/off, backbone-style events.
class FakeModel {
  constructor(state) {
    this.state = { ...state };
    this.handlers = [];
    this.saved = 0;
    this.changed = {};
  }
  get(k) { return this.state[k]; }
  set(patch) {
    this.changed = patch;
    Object.assign(this.state, patch);
    for (const h of this.handlers) h(this);
  }
  changedAttributes() { return this.changed; }
  save_changes() { this.saved++; }
  on(_event, h) { this.handlers.push(h); }
  off(_event, h) { this.handlers = this.handlers.filter((x) => x !== h); }
}

const initial = { layers: [], channels: [], epoch: 0, sample_group: "all", class_index: null, hovered: {} };

test("sample groups parse to the same canonical text as Python", () => {
  assert.equal(sampleGroupText(parseSampleGroup("label==3   and pred == 5")), "label == 3 and pred == 5");
  assert.equal(sampleGroupText(parseSampleGroup(" correct ")), "correct");
  for (const bad of ["label == -1", "label == 3 and label == 4", "labels == 3", "all and correct", "", 3]) {
    assert.equal(parseSampleGroup(bad), null, String(bad));
  }
});

test("validateField mirrors the Python rules", () => {
  assert.equal(validateField("channels", [0, 4]), "");
  assert.match(validateField("channels", [-1]), /non-negative/);
  assert.match(validateField("channels", [1, 1]), /distinct/);
  assert.match(validateField("channels", [1.5]), /integers/);
  assert.match(validateField("layers", [""]), /non-empty/);
  assert.match(validateField("epoch", true), /non-negative integer/);
  assert.equal(validateField("class_index", null), "");
  assert.equal(validateField("hovered", {}), "");
  assert.equal(validateField("hovered", { kind: "channel", layer: "conv1", channel: 2, source: "x" }), "");
  assert.match(validateField("hovered", { kind: "channel", layer: "conv1" }), /needs channel/);
  assert.match(validateField("hovered", { kind: "layer", layer: "a", color: 1 }), /unknown key/);
  assert.match(validateField("colour", 1), /unknown selection field/);
});

test("the client validates, sends changed fields only, and notifies listeners", () => {
  const model = new FakeModel(initial);
  const client = new SelectionClient(model);
  const seen = [];
  const stop = client.onChange((snap, changed) => seen.push([snap.channels, changed]), ["channels"]);
  assert.throws(() => client.update({ channels: [-1], epoch: 2 }), SelectionError);
  assert.equal(model.get("epoch"), 0, "nothing applied on error");
  assert.equal(client.update({ channels: [3], epoch: 0 }), true);
  assert.deepEqual(model.changed, { channels: [3] });
  assert.equal(model.saved, 1);
  assert.equal(client.update({ channels: [3] }), false, "unchanged: nothing sent");
  client.update({ epoch: 4 });
  assert.deepEqual(seen, [[[3], ["channels"]]], "epoch change filtered out");
  client.update({ sample_group: "label==2" });
  assert.equal(model.get("sample_group"), "label == 2");
  client.clear("channels");
  assert.deepEqual(model.get("channels"), []);
  stop();
  client.dispose();
  assert.equal(model.handlers.length, 0);
});

test("breadcrumb text", () => {
  assert.equal(formatChannels([7, 0, 1, 2, 3, 9, 10]), "0–3, 7, 9, 10");
  const sel = { ...initial, layers: ["conv1", "conv2"], channels: [0, 1, 2], epoch: 5, sample_group: "label == 3", class_index: 3,
    hovered: { kind: "channel", layer: "conv2", channel: 7 } };
  assert.equal(describeSelection(sel),
    "layers conv1, conv2 · channels 0–2 · epoch 5 · samples label 3 · class 3 · hover conv2 · channel 7");
  const many = selectionParts({ ...initial, layers: ["a", "b", "c", "d", "e", "f"] });
  assert.equal(many[0].text, "a, b, c, d +2 more");
  assert.equal(describeSelection(initial), "layers none · channels all · epoch 0 · samples all");
});
