#!/usr/bin/env node
// Bundle the front end into src/cnnslicer_widgets/widgets/static/ (see js/README.md):
//
//   lib.js             js/lib.js: the js/lib modules two or more views use, one module sent
//                      once per page as the FrontEnd model's source
//   frontend.css       js/styles/frontend.css: the stylesheet of every view (FrontEnd._css)
//   frontend_model.js  js/frontend_model.js: the FrontEnd model's _esm (starts the import)
//   <view>.js          js/views/<view>.js with its own modules, the view class's _esm: a
//                      factory whose imports of lib modules are require("lib:<name>"),
//                      wrapped by js/lib/loader.js's viewModule(), which loads lib.js once
//                      per page and runs the factory with it
//   export_page.js     js/export/export_page.js: the page script of save_html(), with the
//                      export runtime as a factory of the same kind
//
//   node js/build.mjs                      all of the above -> static/
//   node js/build.mjs --outdir DIR         same entries, another folder (used by the tests)
//   node js/build.mjs --outdir DIR a.js    bundle only the given entries, each self-contained
//                                          (test-only widgets)
//
// Nothing is loaded from the network at run time (a URL import fails the build). The output
// is deterministic, so the committed files can be checked against a fresh build
// (tests/widgets/test_bundles_fresh.py).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const defaultOutdir = path.join(root, "src", "cnnslicer_widgets", "widgets", "static");
const banner = "/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */";
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "browser",
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  charset: "utf8",
  logLevel: "warning",
};

function parseArgs(argv) {
  const args = { outdir: defaultOutdir, entries: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--outdir") args.outdir = path.resolve(argv[++i]);
    else if (argv[i].startsWith("--")) throw new Error(`unknown option ${argv[i]}`);
    else args.entries.push(path.resolve(argv[i]));
  }
  return args;
}

/** js/lib file -> its name in js/lib.js's `modules` (the files imported there). */
function libModules() {
  const text = fs.readFileSync(path.join(root, "js", "lib.js"), "utf8");
  const found = [...text.matchAll(/^import \* as (\w+) from "\.\/(lib\/\w+\.js)";$/gm)];
  return new Map(found.map(([, name, file]) => [path.join(root, "js", file), name]));
}

/** Imports of lib.js's modules become require("lib:<name>") (external to the bundle). */
function libExternals(lib) {
  return {
    name: "lib-externals",
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const name = lib.get(path.resolve(args.resolveDir, args.path));
        return name ? { path: `lib:${name}`, external: true } : undefined;
      });
    },
  };
}

/**
 * An ES module bundle whose imports are all of lib modules, as the body of a function
 * (require, module, exports): `import { h as make } from "lib:dom"` becomes
 * `const { h: make } = require("lib:dom")`, `export { x as default, y }` becomes
 * `Object.assign(module.exports, { default: x, y })`.
 */
function asFactoryBody(code, file) {
  const body = code
    .replace(/^import \{([^}]*)\} from "(lib:\w+)";$/gm, (_, names, from) => `const {${names.replace(/\b(\w+) as (\w+)\b/g, "$1: $2")}} = require("${from}");`)
    .replace(/^import \* as (\w+) from "(lib:\w+)";$/gm, 'const $1 = require("$2");')
    .replace(/^export \{([^}]*)\};$/gm, (_, names) => `Object.assign(module.exports, {${names.replace(/\b(\w+) as (\w+)\b/g, "$2: $1")}});`);
  const left = body.match(/^(import|export)\b.*$/m);
  if (left) throw new Error(`${file}: cannot turn "${left[0]}" into a factory (only lib imports and export {...})`);
  return body;
}

/**
 * "factory:js/views/layer.js": that file and its own modules, with the lib's modules left
 * out (require("lib:<name>")), as `export default function (require, module, exports) {...}`.
 * Records which js/lib files each factory holds (to check that none is in two).
 */
function factories(lib, holders) {
  return {
    name: "factories",
    setup(b) {
      b.onResolve({ filter: /^factory:/ }, (args) => ({ path: args.path.slice("factory:".length), namespace: "factory" }));
      b.onLoad({ filter: /.*/, namespace: "factory" }, async (args) => {
        const result = await esbuild.build({
          ...common, entryPoints: [args.path], format: "esm", write: false, metafile: true,
          plugins: [libExternals(lib)],
        });
        for (const input of Object.keys(result.metafile.inputs)) {
          if (input.startsWith("js/lib/")) holders.set(input, [...(holders.get(input) || []), args.path]);
        }
        const body = asFactoryBody(result.outputFiles[0].text, args.path);
        return { contents: `export default function (require, module, exports) {\n${body}}\n`, resolveDir: root, loader: "js" };
      });
    },
  };
}

function viewNames() {
  return fs.readdirSync(path.join(root, "js", "views")).filter((f) => f.endsWith(".js")).map((f) => f.slice(0, -3)).sort();
}

function defaultEntries() {
  const file = (...parts) => ({ in: path.join("js", ...parts), out: path.basename(parts.at(-1)).replace(/\.(js|css)$/, "") });
  return [
    file("lib.js"),
    file("frontend_model.js"),
    file("styles", "frontend.css"),
    file("export", "export_page.js"),
    ...viewNames().map((name) => ({ in: `view:${name}`, out: name })),
  ];
}

/** Entries "view:<name>": js/views/<name>.js as its class's _esm (loader.js viewModule). */
const views = {
  name: "views",
  setup(b) {
    b.onResolve({ filter: /^view:/ }, (args) => ({ path: args.path.slice("view:".length), namespace: "view" }));
    b.onLoad({ filter: /.*/, namespace: "view" }, (args) => ({
      contents: `import factory from "factory:js/views/${args.path}.js";\n`
        + `import { viewModule } from "./js/lib/loader.js";\n`
        + `export default viewModule(${JSON.stringify(args.path)}, factory);\n`,
      resolveDir: root,
      loader: "js",
    }));
  },
};

async function build({ outdir, entries }) {
  const lib = libModules();
  const holders = new Map(); // js/lib file -> factories that bundle it
  const entryPoints = entries.length
    ? entries.map((file) => ({ in: path.relative(root, file), out: path.basename(file).replace(/\.(js|mjs|css)$/, "") }))
    : defaultEntries();
  fs.mkdirSync(outdir, { recursive: true });
  const result = await esbuild.build({
    ...common,
    entryPoints,
    outdir,
    format: "esm",
    legalComments: "eof",
    banner: { js: banner, css: banner },
    metafile: true,
    plugins: [views, factories(lib, holders)],
  });
  const twice = [...holders].filter(([, where]) => where.length > 1);
  if (twice.length) {
    const list = twice.map(([file, where]) => `${file} (in ${where.join(", ")})`).join("; ");
    throw new Error(`lib modules bundled more than once: ${list}. Import them in js/lib.js, so that they travel once.`);
  }
  const written = new Set(Object.keys(result.metafile.outputs).map((f) => path.basename(f)));
  if (!entries.length) {
    // static/ holds only build output: drop bundles of views that no longer exist.
    for (const f of fs.readdirSync(outdir)) {
      if (/\.(js|css)$/.test(f) && !written.has(f)) fs.rmSync(path.join(outdir, f));
    }
  }
  return [...written].sort();
}

const files = await build(parseArgs(process.argv.slice(2)));
console.log(`built ${files.join(", ")}`);
