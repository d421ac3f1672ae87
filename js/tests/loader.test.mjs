// node --test js/tests/  (run by tests/widgets/test_js_units.py)
// Loading the shared lib once per page (js/lib/loader.js), with models from the static export.
import assert from "node:assert/strict";
import test from "node:test";

import { StaticManager } from "../export/static_model.js";
import { frontEnd, frontEndOf, instantiate, viewModule } from "../lib/loader.js";

let serial = 0;
const digest = () => `test-${process.pid}-${++serial}`; // the page-wide cache outlives a test

/** A load() that counts its calls and returns a fake lib module. */
function fakeLoad(module = { modules: {} }) {
  const load = async (source) => {
    load.sources.push(source);
    if (module instanceof Error) throw module;
    return module;
  };
  load.sources = [];
  return load;
}

function page(key, modules) {
  const doc = {
    models: {
      fe: { name: "AnyModel", state: { digest: key, source: { $asset: "src" } }, buffers: [] },
      view: { name: "AnyModel", state: { _front_end: "IPY_MODEL_fe" }, buffers: [] },
      orphan: { name: "AnyModel", state: { _front_end: null }, buffers: [] },
    },
    assets: { src: "export const modules = {};" },
  };
  const manager = new StaticManager(doc);
  return { manager, load: fakeLoad({ modules }) };
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
  const load = fakeLoad({ modules: { a: 1 } });
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
  const good = fakeLoad({ modules: {} });
  await frontEnd(key, () => "good", good);
  assert.deepEqual(good.sources, ["good"]);
});

test("a view finds the lib through its _front_end reference", async () => {
  const key = digest();
  const { manager, load } = page(key, {});
  const module = await frontEndOf(manager.model("view"), load);
  assert.deepEqual(load.sources, ["export const modules = {};"]); // the FrontEnd's source asset
  assert.equal(await frontEnd(key, () => "unused", load), module);
  await assert.rejects(frontEndOf(manager.model("orphan"), load), /has no front end \(_front_end = null\)/);
});

/** A view's code as js/build.mjs makes it: a factory that requires lib modules. */
function viewFactory(calls) {
  return function (require, module) {
    const { h } = require("lib:dom");
    module.exports.default = { render: (ctx) => { calls.push([h(), ctx]); return "cleanup"; } };
  };
}

test("a factory gets the lib's modules by name and gives its exports", () => {
  const lib = { modules: { dom: { h: () => "node" } } };
  const out = instantiate(lib, (require, module, exports) => {
    exports.made = require("lib:dom").h();
    module.exports.other = 1;
  });
  assert.deepEqual(out, { made: "node", other: 1 });
  assert.throws(() => instantiate(lib, (require) => require("lib:nope")), /the shared lib has no module "lib:nope"/);
  assert.throws(() => instantiate(lib, (require) => require("./dom.js")), /no module "\.\/dom\.js"/);
});

test("a view runs its code with the lib once and draws, returning its cleanup", async () => {
  const { manager, load } = page(digest(), { dom: { h: () => "node" } });
  const calls = [];
  let made = 0;
  const factory = viewFactory(calls);
  const counting = (...args) => { made += 1; return factory(...args); };
  const view = viewModule("layer", counting, load);
  const context = { model: manager.model("view"), el: fakeEl(), signal: null };
  assert.equal(await view.render(context), "cleanup");
  assert.equal(await view.render(context), "cleanup"); // a second output of the same model
  assert.deepEqual(calls, [["node", context], ["node", context]]);
  assert.equal(made, 1);
  await viewModule("layer", factory, load).render(context); // another model: no second load
  assert.equal(load.sources.length, 1);
});

test("a view whose lib cannot load says so in the view instead of throwing", async () => {
  const { manager } = page(digest(), {});
  const el = fakeEl();
  const errors = [];
  const original = console.error;
  console.error = (...args) => errors.push(args);
  try {
    const view = viewModule("layer", viewFactory([]), fakeLoad(new SyntaxError("bad lib")));
    assert.equal(await view.render({ model: manager.model("view"), el }), undefined);
  } finally {
    console.error = original;
  }
  assert.equal(el.children.length, 1);
  assert.equal(el.children[0].className, "cnnslicer-message");
  assert.match(el.children[0].textContent, /could not load the shared lib: bad lib/);
  assert.equal(errors.length, 1);
});
