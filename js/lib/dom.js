// Small DOM and drawing helpers shared by the views.

const SVG_NS = "http://www.w3.org/2000/svg";

function build(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "style" && typeof value === "object") Object.assign(node.style, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** h("button", {class: "x", "data-key": "layers", onclick}, "text", child...) -> HTMLElement */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** Like h() for SVG elements: svg("rect", {x: 0, y: 0, width: 10, height: 10}). */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/**
 * Size a canvas for CSS size width x height at the device pixel ratio; returns its 2D
 * context scaled so that drawing uses CSS pixels.
 */
export function setupCanvas(canvas, width, height) {
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/** Linear map from domain [d0, d1] to range [r0, r1]; a zero-width domain maps to r0. */
export function linearScale([d0, d1], [r0, r1]) {
  const span = d1 - d0;
  const scale = (v) => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0));
  scale.invert = (r) => (r1 === r0 ? d0 : d0 + ((r - r0) / (r1 - r0)) * span);
  return scale;
}

/** Finite [min, max] of numbers (NaN and ±inf skipped); [0, 0] if none are finite. */
export function finiteExtent(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    const x = Number(v);
    if (Number.isFinite(x)) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/** A number for a label: 3 significant digits, "∞"/"−∞" for infinities, "–" for NaN. */
export function formatNumber(v, digits = 3) {
  if (Number.isNaN(v)) return "–";
  if (v === Infinity) return "∞";
  if (v === -Infinity) return "−∞";
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}

let measureCtx = null;

/**
 * Width in px of `text` at font size `px` (weight e.g. "600"), measured with the page's UI
 * font on a canvas, plus 8% slack for font differences; about 0.62 px per char and px of
 * font size where no canvas exists (node tests).
 */
export function textWidth(text, px = 11, weight = "") {
  const s = String(text);
  if (measureCtx === null && globalThis.document) {
    measureCtx = document.createElement("canvas").getContext("2d") || false;
  }
  if (!measureCtx) return s.length * 0.62 * px;
  const family = getComputedStyle(document.body).fontFamily || "sans-serif";
  measureCtx.font = `${weight} ${px}px ${family}`.trim();
  return measureCtx.measureText(s).width * 1.08;
}
