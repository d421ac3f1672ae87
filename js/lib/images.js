// Small image grids from uint8 arrays (n, H, W, C), C = 1 (grey) or 3 (RGB), as the
// kernel sends them (widgets/_display.py): probe images, feature maps, deconvnet results.
import { decode } from "./codec.js";
import { h } from "./dom.js";

/** RGBA pixels of image i of a decoded (n, H, W, C) uint8 array. */
export function rgbaOf({ shape, data }, i) {
  const [, height, width, channels] = shape;
  const size = height * width;
  const out = new Uint8ClampedArray(size * 4);
  const base = i * size * channels;
  for (let p = 0; p < size; p++) {
    const q = base + p * channels;
    const grey = data[q];
    out[4 * p] = grey;
    out[4 * p + 1] = channels === 3 ? data[q + 1] : grey;
    out[4 * p + 2] = channels === 3 ? data[q + 2] : grey;
    out[4 * p + 3] = 255;
  }
  return out;
}

/** A canvas showing image i at CSS size px x px (nearest-neighbour scaling). */
export function imageCanvas(decoded, i, px, attrs = {}) {
  const [, height, width] = decoded.shape;
  const canvas = h("canvas", { class: "cs-img", width, height, ...attrs });
  canvas.getContext("2d").putImageData(new ImageData(rgbaOf(decoded, i), width, height), 0, 0);
  const scale = px / Math.max(height, width);
  canvas.style.width = `${Math.round(width * scale)}px`;
  canvas.style.height = `${Math.round(height * scale)}px`;
  return canvas;
}

/** Decode a payload, or null when the trait is None. */
export function maybeDecode(payload) {
  return payload ? decode(payload) : null;
}

/**
 * One row of a labelled image grid: a label cell, then one canvas per image.
 * role names the row for tests (data-row); captions (optional) go under each image.
 */
export function imageRow(label, decoded, { px = 64, role = "", captions = null, title = "" } = {}) {
  const n = decoded ? decoded.shape[0] : 0;
  const cells = [];
  for (let i = 0; i < n; i++) {
    cells.push(
      h("figure", { class: "cs-img-cell" },
        imageCanvas(decoded, i, px, { "data-index": i }),
        captions ? h("figcaption", null, captions[i]) : null),
    );
  }
  return h("div", { class: "cs-img-row", "data-row": role, title: title || null },
    h("div", { class: "cs-img-label" }, label),
    ...cells);
}
