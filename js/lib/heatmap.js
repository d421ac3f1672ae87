// A matrix heatmap on canvas: one pixel per cell painted through a colour lookup table,
// then scaled to the display size without smoothing. 512 x 512 cells paint in a few ms.
//
//   const lut = colorTable(viridis, { reverse: true });   // brighter = lower
//   paintMatrix(canvas, { data, rows, cols, rowOrder, colOrder, vmin, vmax, lut }, width, height);

const NAN_RGBA = [190, 190, 190, 255];

/** A size x 4 RGBA table of ramp(t) for t in [0, 1] (reversed: ramp(1 - t)). */
export function colorTable(ramp, { reverse = false, size = 256 } = {}) {
  const lut = new Uint8ClampedArray(size * 4);
  for (let i = 0; i < size; i++) {
    const t = i / (size - 1);
    const [r, g, b] = ramp(reverse ? 1 - t : t);
    lut.set([r, g, b, 255], i * 4);
  }
  return lut;
}

/** The [r, g, b] of value v in a table over [vmin, vmax] (NaN grey). */
export function colorOf(lut, v, vmin, vmax) {
  if (!Number.isFinite(v)) return NAN_RGBA.slice(0, 3);
  const n = lut.length / 4 - 1;
  const k = vmax > vmin ? Math.min(n, Math.max(0, Math.floor(((v - vmin) / (vmax - vmin)) * n))) : 0;
  return [lut[4 * k], lut[4 * k + 1], lut[4 * k + 2]];
}

/**
 * Write the cells of a row-major rows x cols matrix, in display order, into RGBA pixels
 * (a Uint8ClampedArray of rows * cols * 4): row i of the picture is data row rowOrder[i],
 * column j is data column colOrder[j]. `stride` is the data's row length when the picture
 * shows only some of its columns (default cols).
 */
export function paintCells(pixels, { data, rows, cols, rowOrder, colOrder, vmin, vmax, lut, stride = cols }) {
  const out = new Uint32Array(pixels.buffer, pixels.byteOffset, rows * cols);
  const table = new Uint32Array(lut.buffer, lut.byteOffset, lut.length / 4);
  const nan = new Uint32Array(new Uint8ClampedArray(NAN_RGBA).buffer)[0];
  const top = table.length - 1;
  const scale = vmax > vmin ? top / (vmax - vmin) : 0;
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const base = rowOrder[i] * stride;
    for (let j = 0; j < cols; j++) {
      const v = data[base + colOrder[j]];
      if (v !== v) {
        out[p++] = nan;
        continue;
      }
      let k = (v - vmin) * scale;
      k = k <= 0 ? 0 : k >= top ? top : k | 0;
      out[p++] = table[k];
    }
  }
  return pixels;
}

/**
 * Paint the matrix on canvas at CSS size width x height (device pixel ratio applied).
 * Returns the milliseconds it took.
 */
export function paintMatrix(canvas, matrix, width, height) {
  const start = performance.now();
  const { rows, cols } = matrix;
  const cells = document.createElement("canvas");
  cells.width = cols;
  cells.height = rows;
  const image = cells.getContext("2d").createImageData(cols, rows);
  paintCells(image.data, matrix);
  cells.getContext("2d").putImageData(image, 0, 0);
  const ratio = globalThis.devicePixelRatio || 1;
  const w = Math.round(width * ratio);
  const hh = Math.round(height * ratio);
  if (canvas.width !== w || canvas.height !== hh) {
    canvas.width = w;
    canvas.height = hh;
  }
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, w, hh);
  ctx.drawImage(cells, 0, 0, w, hh);
  return performance.now() - start;
}

/** Vertical colour bar (top = high) of a table, as a canvas of CSS size width x height. */
export function colorBar(lut, width, height) {
  const canvas = document.createElement("canvas");
  canvas.width = 1;
  canvas.height = 256;
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(1, 256);
  const n = lut.length / 4;
  for (let y = 0; y < 256; y++) {
    const k = Math.round(((255 - y) / 255) * (n - 1));
    image.data.set(lut.subarray(4 * k, 4 * k + 4), 4 * y);
  }
  ctx.putImageData(image, 0, 0);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.style.imageRendering = "pixelated";
  return canvas;
}

/** Label every step-th of n cells of size cell px so labels sit at least minGap px apart. */
export function tickStep(n, cell, minGap) {
  if (n <= 0) return 1;
  const raw = Math.max(1, Math.ceil(minGap / Math.max(cell, 1e-9)));
  for (const base of [1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100, 128, 200, 256, 500]) {
    if (base >= raw) return base;
  }
  return raw;
}

/**
 * Cell sizes for a rows x cols matrix: at most maxCell px, the whole within maxSide px
 * on each axis (cells may be oblong when one layer has far more channels).
 */
export function cellSize(rows, cols, { maxSide = 512, maxCell = 36 } = {}) {
  return {
    cw: Math.min(maxCell, maxSide / Math.max(cols, 1)),
    ch: Math.min(maxCell, maxSide / Math.max(rows, 1)),
  };
}
