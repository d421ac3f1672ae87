// node --test js/tests/  (run by tests/widgets/test_js_units.py)
// Loading the front end once per page (js/lib/loader.js), with models from the static export.
import assert from "node:assert/strict";
import test from "node:test";

import { StaticManager } from "../export/static_model.js";
import { frontEnd, frontEndOf, viewStub } from "../lib/loader.js";

let serial = 0;
const digest = () => `test-${process.pid}-${++serial}`; // the page-wide cache outlives a test

/** A load() that counts its calls and returns a fake front-end module. */
function fakeLoad(module = { views: {} }) {
  const load = async (source) => {
    load.sources.push(source);
    if (module instanceof Error) throw module;
    return module;
  };
  load.sources = [];
  return load;
}

function page(key, views) {
  const doc = {
    models: {
      fe: { name: "AnyModel", state: { digest: key, source: { $asset: "src" } }, buffers: [] },
      view: { name: "AnyModel", state: { _front_end: "IPY_MODEL_fe" }, buffers: [] },
      orphan: { name: "AnyModel", state: { _front_end: null }, buffers: [] },
    },
    assets: { src: "export const views = {};" },
  };
  const manager = new StaticManager(doc);
  return { manager, load: fakeLoad({ views }) };
}

function fakeEl() {
  const made = [];
  return {
    made,
    children: [],
    ownerDocument: { createElement: (tag) => { const n = { tag, attrs: {} , setAttribute(k, v) { this.attrs[k] = v; } }; made.push(n); return n; } },
    replaceChildren(...nodes) { this.children = nodes; },
  };
}

test("the module of a digest is loaded once, however many ask at once", async () => {
  const key = digest();
  const load = fakeLoad({ views: { a: 1 } });
  let asked = 0;
  const source = () => { asked += 1; return "text"; };
  const [a, b] = await Promise.all([frontEnd(key, source, load), frontEnd(key, source, load)]);
  const c = await frontEnd(key, source, load);
  assert.equal(a, b);
  assert.equal(a, c);
  assert.deepEqual(load.sources, ["text"]);
  assert.equal(asked, 1);
  await frontEnd(digest(), () => "other", load); // another digest is another module
  assert.deepEqual(load.sources, ["text", "other"]);
});

test("a failed load is forgotten, so the next view retries", async () => {
  const key = digest();
  await assert.rejects(frontEnd(key, () => "bad", fakeLoad(new SyntaxError("nope"))), /nope/);
  const good = fakeLoad({ views: {} });
  await frontEnd(key, () => "good", good);
  assert.deepEqual(good.sources, ["good"]);
});

test("a view finds the front end through its _front_end reference", async () => {
  const key = digest();
  const { manager, load } = page(key, {});
  const module = await frontEndOf(manager.model("view"), load);
  assert.deepEqual(load.sources, ["export const views = {};"]); // the FrontEnd's source asset
  assert.equal(await frontEnd(key, () => "unused", load), module);
  await assert.rejects(frontEndOf(manager.model("orphan"), load), /has no front end \(_front_end = null\)/);
});

test("a view's stub draws with views[name] and returns its cleanup", async () => {
  const calls = [];
  const views = { layer: { render: (ctx) => { calls.push(ctx); return "cleanup"; } } };
  const { manager, load } = page(digest(), views);
  const model = manager.model("view");
  const el = fakeEl();
  const context = { model, el, signal: null };
  assert.equal(await viewStub("layer", load).render(context), "cleanup");
  assert.deepEqual(calls, [context]);
  assert.equal(load.sources.length, 1);
  await viewStub("layer", load).render(context); // a second view: no second load
  assert.equal(load.sources.length, 1);
});

test("a stub whose front end fails says so in the view instead of throwing", async () => {
  const { manager } = page(digest(), {});
  const el = fakeEl();
  const errors = [];
  const original = console.error;
  console.error = (...args) => errors.push(args);
  try {
    const out = await viewStub("nope", fakeLoad({ views: {} })).render({ model: manager.model("view"), el });
    assert.equal(out, undefined);
  } finally {
    console.error = original;
  }
  assert.equal(el.children.length, 1);
  assert.equal(el.children[0].className, "cnnslicer-message");
  assert.match(el.children[0].textContent, /could not load its front end: the front end has no view "nope"/);
  assert.equal(errors.length, 1);
});
