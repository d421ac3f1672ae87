#!/usr/bin/env node
// Bundle the front end: one self-contained ESM file per view, plus the shared stylesheet.
//
//   node js/build.mjs                      js/views/*.js and js/export/export_runtime.js
//                                          -> src/cnnslicer_widgets/widgets/static/
//   node js/build.mjs --outdir DIR         same entries, another folder (used by the tests)
//   node js/build.mjs --outdir DIR a.js    bundle only the given entries (test-only widgets)
//
// Shared code lives in js/lib/ and is inlined into each bundle; nothing is loaded from the
// network at run time (a URL import fails the build). The output is deterministic, so the
// committed bundles can be checked against a fresh build (tests/widgets/test_bundles_fresh.py).
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

function defaultEntries() {
  const views = path.join(root, "js", "views");
  const files = fs.readdirSync(views).filter((f) => f.endsWith(".js")).sort();
  const exporter = path.join(root, "js", "export", "export_runtime.js"); // page script of save_html()
  return [...files.map((f) => path.join(views, f)), exporter, path.join(root, "js", "styles", "frontend.css")];
}

async function build({ outdir, entries }) {
  const chosen = entries.length ? entries : defaultEntries();
  const entryPoints = chosen.map((file) => ({
    in: path.relative(root, file),
    out: path.basename(file).replace(/\.(js|mjs|css)$/, ""),
  }));
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
