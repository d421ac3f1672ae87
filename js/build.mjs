#!/usr/bin/env node
// Bundle the front end into src/cnnslicer_widgets/widgets/static/ (see js/README.md):
//
//   frontend.js        js/frontend.js: every view (js/views/) and the shared lib (js/lib/),
//                      one module, sent once per page as the FrontEnd model's source
//   frontend.css       js/styles/frontend.css: the stylesheet of every view (FrontEnd._css)
//   frontend_model.js  js/frontend_model.js: the FrontEnd model's _esm (starts the import)
//   <view>.js          one stub per js/views/<view>.js: the view class's _esm, which loads
//                      frontend.js once per page and draws that view (js/lib/loader.js)
//   export_page.js     js/export/export_page.js: the page script of save_html()
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

function parseArgs(argv) {
  const args = { outdir: defaultOutdir, entries: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--outdir") args.outdir = path.resolve(argv[++i]);
    else if (argv[i].startsWith("--")) throw new Error(`unknown option ${argv[i]}`);
    else args.entries.push(path.resolve(argv[i]));
  }
  return args;
}

const STUB = "view-stub:";

/** The names of js/views/*.js, checked to be listed in js/frontend.js. */
function viewNames() {
  const names = fs.readdirSync(path.join(root, "js", "views")).filter((f) => f.endsWith(".js")).map((f) => f.slice(0, -3)).sort();
  const frontend = fs.readFileSync(path.join(root, "js", "frontend.js"), "utf8");
  const missing = names.filter((n) => !frontend.includes(`from "./views/${n}.js"`));
  if (missing.length) throw new Error(`js/frontend.js does not import js/views/${missing.join(".js, js/views/")}.js: add it to views`);
  return names;
}

function defaultEntries() {
  const file = (...parts) => ({ in: path.join("js", ...parts), out: path.basename(parts.at(-1)).replace(/\.(js|css)$/, "") });
  return [
    file("frontend.js"),
    file("frontend_model.js"),
    file("styles", "frontend.css"),
    file("export", "export_page.js"),
    ...viewNames().map((name) => ({ in: `${STUB}${name}`, out: name })),
  ];
}

/** Entries "view-stub:<name>": a view class's _esm, js/lib/loader.js's viewStub(name). */
const stubs = {
  name: "view-stubs",
  setup(b) {
    b.onResolve({ filter: new RegExp(`^${STUB}`) }, (args) => ({ path: args.path.slice(STUB.length), namespace: "view-stub" }));
    b.onLoad({ filter: /.*/, namespace: "view-stub" }, (args) => ({
      contents: `// The _esm of the ${args.path} view: loads the front end once per page and draws the view.\n`
        + `import { viewStub } from "./js/lib/loader.js";\nexport default viewStub(${JSON.stringify(args.path)});\n`,
      resolveDir: root,
      loader: "js",
    }));
  },
};

async function build({ outdir, entries }) {
  const entryPoints = entries.length
    ? entries.map((file) => ({ in: path.relative(root, file), out: path.basename(file).replace(/\.(js|mjs|css)$/, "") }))
    : defaultEntries();
  fs.mkdirSync(outdir, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2020", "chrome100", "firefox100", "safari15"],
    charset: "utf8",
    legalComments: "eof",
    banner: { js: banner, css: banner },
    logLevel: "warning",
    metafile: true,
    plugins: [stubs],
  });
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
