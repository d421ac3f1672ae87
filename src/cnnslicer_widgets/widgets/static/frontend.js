/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// js/lib/codec.js
var STORAGE = {
  float16: Uint16Array,
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
  bool: Uint8Array
};
var DTYPES = Object.freeze(Object.keys(STORAGE));
var LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
function storageFor(dtype) {
  const Storage = STORAGE[dtype];
  if (!Storage) {
    throw new TypeError(`unsupported dtype ${JSON.stringify(dtype)}; supported: ${DTYPES.join(", ")}`);
  }
  if (!LITTLE_ENDIAN && Storage.BYTES_PER_ELEMENT > 1) {
    throw new Error("this browser is big-endian; the array codec only handles little-endian");
  }
  return Storage;
}
function checkShape(shape) {
  if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new TypeError(`shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  return shape.reduce((a2, b) => a2 * b, 1);
}
function asBytes(buffer) {
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  throw new TypeError(`array payload buffer must be a DataView, TypedArray or ArrayBuffer, got ${typeof buffer}`);
}
function decode(payload) {
  if (payload === null || typeof payload !== "object") {
    throw new TypeError(`expected an array payload {dtype, shape, buffer}, got ${payload}`);
  }
  const { dtype, shape } = payload;
  const Storage = storageFor(dtype);
  const size = checkShape(shape);
  const bytes = asBytes(payload.buffer);
  const need = size * Storage.BYTES_PER_ELEMENT;
  if (bytes.byteLength !== need) {
    throw new RangeError(`${dtype} array of shape [${shape}] needs ${need} bytes, got ${bytes.byteLength}`);
  }
  const aligned = bytes.byteOffset % Storage.BYTES_PER_ELEMENT === 0;
  const raw = aligned ? new Storage(bytes.buffer, bytes.byteOffset, size) : new Storage(bytes.slice().buffer, 0, size);
  const data = dtype === "float16" ? halfToFloat32(raw) : raw;
  return { dtype, shape: [...shape], size, data };
}
var halfTable = null;
function halfBitsToNumber(h2) {
  const sign = h2 & 32768 ? -1 : 1;
  const exponent = h2 >> 10 & 31;
  const mantissa = h2 & 1023;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
function halfToFloat32(bits) {
  if (halfTable === null) {
    halfTable = new Float32Array(65536);
    for (let h2 = 0; h2 < 65536; h2++) halfTable[h2] = halfBitsToNumber(h2);
  }
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfTable[bits[i]];
  return out;
}
var f32 = new Float32Array(1);
var u32 = new Uint32Array(f32.buffer);

// js/lib/colors.js
var CATEGORICAL = Object.freeze([
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac"
]);
function categorical(i) {
  return CATEGORICAL[(i % CATEGORICAL.length + CATEGORICAL.length) % CATEGORICAL.length];
}
var VIRIDIS = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [109, 205, 89],
  [180, 222, 44],
  [253, 231, 37]
];
var BLUES = [
  [247, 251, 255],
  [222, 235, 247],
  [198, 219, 239],
  [158, 202, 225],
  [107, 174, 214],
  [66, 146, 198],
  [33, 113, 181],
  [8, 81, 156],
  [8, 48, 107]
];
function ramp(stops) {
  return (t) => {
    const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(x));
    const f = x - i;
    return stops[i].map((c2, k) => Math.round(c2 + f * (stops[i + 1][k] - c2)));
  };
}
var viridis = ramp(VIRIDIS);
var blues = ramp(BLUES);
function rgb([r, g, b]) {
  return `rgb(${r}, ${g}, ${b})`;
}
function textOn([r, g, b]) {
  const lum = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return lum > 0.55 ? "#111" : "#fff";
}

// js/lib/dom.js
var SVG_NS = "http://www.w3.org/2000/svg";
function build(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === void 0 || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "style" && typeof value === "object") Object.assign(node.style, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === void 0 || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}
function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}
function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}
function linearScale([d0, d1], [r0, r1]) {
  const span = d1 - d0;
  const scale = (v) => span === 0 ? r0 : r0 + (v - d0) / span * (r1 - r0);
  scale.invert = (r) => r1 === r0 ? d0 : d0 + (r - r0) / (r1 - r0) * span;
  return scale;
}
function finiteExtent(values) {
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
function formatNumber(v, digits = 3) {
  if (Number.isNaN(v)) return "–";
  if (v === Infinity) return "∞";
  if (v === -Infinity) return "−∞";
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}
var measureCtx = null;
function textWidth(text, px = 11, weight = "") {
  const s = String(text);
  if (measureCtx === null && globalThis.document) {
    measureCtx = document.createElement("canvas").getContext("2d") || false;
  }
  if (!measureCtx) return s.length * 0.62 * px;
  const family = getComputedStyle(document.body).fontFamily || "sans-serif";
  measureCtx.font = `${weight} ${px}px ${family}`.trim();
  return measureCtx.measureText(s).width * 1.08;
}

// js/lib/images.js
function rgbaOf({ shape, data }, i) {
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
function imageCanvas(decoded, i, px, attrs = {}) {
  const [, height, width] = decoded.shape;
  const canvas = h("canvas", { class: "cs-img", width, height, ...attrs });
  canvas.getContext("2d").putImageData(new ImageData(rgbaOf(decoded, i), width, height), 0, 0);
  const scale = px / Math.max(height, width);
  canvas.style.width = `${Math.round(width * scale)}px`;
  canvas.style.height = `${Math.round(height * scale)}px`;
  return canvas;
}
function maybeDecode(payload) {
  return payload ? decode(payload) : null;
}
function imageRow(label, decoded, { px = 64, role = "", captions = null, title = "" } = {}) {
  const n = decoded ? decoded.shape[0] : 0;
  const cells = [];
  for (let i = 0; i < n; i++) {
    cells.push(
      h(
        "figure",
        { class: "cs-img-cell" },
        imageCanvas(decoded, i, px, { "data-index": i }),
        captions ? h("figcaption", null, captions[i]) : null
      )
    );
  }
  return h(
    "div",
    { class: "cs-img-row", "data-row": role, title: title || null },
    h("div", { class: "cs-img-label" }, label),
    ...cells
  );
}

// ../main/node_modules/d3-hierarchy/dist/d3-hierarchy.mjs
function count(node) {
  var sum = 0, children = node.children, i = children && children.length;
  if (!i) sum = 1;
  else while (--i >= 0) sum += children[i].value;
  node.value = sum;
}
function node_count() {
  return this.eachAfter(count);
}
function node_each(callback, that) {
  let index = -1;
  for (const node of this) {
    callback.call(that, node, ++index, this);
  }
  return this;
}
function node_eachBefore(callback, that) {
  var node = this, nodes = [node], children, i, index = -1;
  while (node = nodes.pop()) {
    callback.call(that, node, ++index, this);
    if (children = node.children) {
      for (i = children.length - 1; i >= 0; --i) {
        nodes.push(children[i]);
      }
    }
  }
  return this;
}
function node_eachAfter(callback, that) {
  var node = this, nodes = [node], next = [], children, i, n, index = -1;
  while (node = nodes.pop()) {
    next.push(node);
    if (children = node.children) {
      for (i = 0, n = children.length; i < n; ++i) {
        nodes.push(children[i]);
      }
    }
  }
  while (node = next.pop()) {
    callback.call(that, node, ++index, this);
  }
  return this;
}
function node_find(callback, that) {
  let index = -1;
  for (const node of this) {
    if (callback.call(that, node, ++index, this)) {
      return node;
    }
  }
}
function node_sum(value) {
  return this.eachAfter(function(node) {
    var sum = +value(node.data) || 0, children = node.children, i = children && children.length;
    while (--i >= 0) sum += children[i].value;
    node.value = sum;
  });
}
function node_sort(compare) {
  return this.eachBefore(function(node) {
    if (node.children) {
      node.children.sort(compare);
    }
  });
}
function node_path(end) {
  var start = this, ancestor = leastCommonAncestor(start, end), nodes = [start];
  while (start !== ancestor) {
    start = start.parent;
    nodes.push(start);
  }
  var k = nodes.length;
  while (end !== ancestor) {
    nodes.splice(k, 0, end);
    end = end.parent;
  }
  return nodes;
}
function leastCommonAncestor(a2, b) {
  if (a2 === b) return a2;
  var aNodes = a2.ancestors(), bNodes = b.ancestors(), c2 = null;
  a2 = aNodes.pop();
  b = bNodes.pop();
  while (a2 === b) {
    c2 = a2;
    a2 = aNodes.pop();
    b = bNodes.pop();
  }
  return c2;
}
function node_ancestors() {
  var node = this, nodes = [node];
  while (node = node.parent) {
    nodes.push(node);
  }
  return nodes;
}
function node_descendants() {
  return Array.from(this);
}
function node_leaves() {
  var leaves = [];
  this.eachBefore(function(node) {
    if (!node.children) {
      leaves.push(node);
    }
  });
  return leaves;
}
function node_links() {
  var root = this, links = [];
  root.each(function(node) {
    if (node !== root) {
      links.push({ source: node.parent, target: node });
    }
  });
  return links;
}
function* node_iterator() {
  var node = this, current, next = [node], children, i, n;
  do {
    current = next.reverse(), next = [];
    while (node = current.pop()) {
      yield node;
      if (children = node.children) {
        for (i = 0, n = children.length; i < n; ++i) {
          next.push(children[i]);
        }
      }
    }
  } while (next.length);
}
function hierarchy(data, children) {
  if (data instanceof Map) {
    data = [void 0, data];
    if (children === void 0) children = mapChildren;
  } else if (children === void 0) {
    children = objectChildren;
  }
  var root = new Node$1(data), node, nodes = [root], child, childs, i, n;
  while (node = nodes.pop()) {
    if ((childs = children(node.data)) && (n = (childs = Array.from(childs)).length)) {
      node.children = childs;
      for (i = n - 1; i >= 0; --i) {
        nodes.push(child = childs[i] = new Node$1(childs[i]));
        child.parent = node;
        child.depth = node.depth + 1;
      }
    }
  }
  return root.eachBefore(computeHeight);
}
function node_copy() {
  return hierarchy(this).eachBefore(copyData);
}
function objectChildren(d) {
  return d.children;
}
function mapChildren(d) {
  return Array.isArray(d) ? d[1] : null;
}
function copyData(node) {
  if (node.data.value !== void 0) node.value = node.data.value;
  node.data = node.data.data;
}
function computeHeight(node) {
  var height = 0;
  do
    node.height = height;
  while ((node = node.parent) && node.height < ++height);
}
function Node$1(data) {
  this.data = data;
  this.depth = this.height = 0;
  this.parent = null;
}
Node$1.prototype = hierarchy.prototype = {
  constructor: Node$1,
  count: node_count,
  each: node_each,
  eachAfter: node_eachAfter,
  eachBefore: node_eachBefore,
  find: node_find,
  sum: node_sum,
  sort: node_sort,
  path: node_path,
  ancestors: node_ancestors,
  descendants: node_descendants,
  leaves: node_leaves,
  links: node_links,
  copy: node_copy,
  [Symbol.iterator]: node_iterator
};
function optional(f) {
  return f == null ? null : required(f);
}
function required(f) {
  if (typeof f !== "function") throw new Error();
  return f;
}
function constantZero() {
  return 0;
}
function constant(x) {
  return function() {
    return x;
  };
}
var a = 1664525;
var c = 1013904223;
var m = 4294967296;
function lcg() {
  let s = 1;
  return () => (s = (a * s + c) % m) / m;
}
function array(x) {
  return typeof x === "object" && "length" in x ? x : Array.from(x);
}
function shuffle(array2, random) {
  let m2 = array2.length, t, i;
  while (m2) {
    i = random() * m2-- | 0;
    t = array2[m2];
    array2[m2] = array2[i];
    array2[i] = t;
  }
  return array2;
}
function packEncloseRandom(circles, random) {
  var i = 0, n = (circles = shuffle(Array.from(circles), random)).length, B = [], p, e;
  while (i < n) {
    p = circles[i];
    if (e && enclosesWeak(e, p)) ++i;
    else e = encloseBasis(B = extendBasis(B, p)), i = 0;
  }
  return e;
}
function extendBasis(B, p) {
  var i, j;
  if (enclosesWeakAll(p, B)) return [p];
  for (i = 0; i < B.length; ++i) {
    if (enclosesNot(p, B[i]) && enclosesWeakAll(encloseBasis2(B[i], p), B)) {
      return [B[i], p];
    }
  }
  for (i = 0; i < B.length - 1; ++i) {
    for (j = i + 1; j < B.length; ++j) {
      if (enclosesNot(encloseBasis2(B[i], B[j]), p) && enclosesNot(encloseBasis2(B[i], p), B[j]) && enclosesNot(encloseBasis2(B[j], p), B[i]) && enclosesWeakAll(encloseBasis3(B[i], B[j], p), B)) {
        return [B[i], B[j], p];
      }
    }
  }
  throw new Error();
}
function enclosesNot(a2, b) {
  var dr = a2.r - b.r, dx = b.x - a2.x, dy = b.y - a2.y;
  return dr < 0 || dr * dr < dx * dx + dy * dy;
}
function enclosesWeak(a2, b) {
  var dr = a2.r - b.r + Math.max(a2.r, b.r, 1) * 1e-9, dx = b.x - a2.x, dy = b.y - a2.y;
  return dr > 0 && dr * dr > dx * dx + dy * dy;
}
function enclosesWeakAll(a2, B) {
  for (var i = 0; i < B.length; ++i) {
    if (!enclosesWeak(a2, B[i])) {
      return false;
    }
  }
  return true;
}
function encloseBasis(B) {
  switch (B.length) {
    case 1:
      return encloseBasis1(B[0]);
    case 2:
      return encloseBasis2(B[0], B[1]);
    case 3:
      return encloseBasis3(B[0], B[1], B[2]);
  }
}
function encloseBasis1(a2) {
  return {
    x: a2.x,
    y: a2.y,
    r: a2.r
  };
}
function encloseBasis2(a2, b) {
  var x1 = a2.x, y1 = a2.y, r1 = a2.r, x2 = b.x, y2 = b.y, r2 = b.r, x21 = x2 - x1, y21 = y2 - y1, r21 = r2 - r1, l = Math.sqrt(x21 * x21 + y21 * y21);
  return {
    x: (x1 + x2 + x21 / l * r21) / 2,
    y: (y1 + y2 + y21 / l * r21) / 2,
    r: (l + r1 + r2) / 2
  };
}
function encloseBasis3(a2, b, c2) {
  var x1 = a2.x, y1 = a2.y, r1 = a2.r, x2 = b.x, y2 = b.y, r2 = b.r, x3 = c2.x, y3 = c2.y, r3 = c2.r, a22 = x1 - x2, a3 = x1 - x3, b2 = y1 - y2, b3 = y1 - y3, c22 = r2 - r1, c3 = r3 - r1, d1 = x1 * x1 + y1 * y1 - r1 * r1, d2 = d1 - x2 * x2 - y2 * y2 + r2 * r2, d3 = d1 - x3 * x3 - y3 * y3 + r3 * r3, ab = a3 * b2 - a22 * b3, xa = (b2 * d3 - b3 * d2) / (ab * 2) - x1, xb = (b3 * c22 - b2 * c3) / ab, ya = (a3 * d2 - a22 * d3) / (ab * 2) - y1, yb = (a22 * c3 - a3 * c22) / ab, A = xb * xb + yb * yb - 1, B = 2 * (r1 + xa * xb + ya * yb), C = xa * xa + ya * ya - r1 * r1, r = -(Math.abs(A) > 1e-6 ? (B + Math.sqrt(B * B - 4 * A * C)) / (2 * A) : C / B);
  return {
    x: x1 + xa + xb * r,
    y: y1 + ya + yb * r,
    r
  };
}
function place(b, a2, c2) {
  var dx = b.x - a2.x, x, a22, dy = b.y - a2.y, y, b2, d2 = dx * dx + dy * dy;
  if (d2) {
    a22 = a2.r + c2.r, a22 *= a22;
    b2 = b.r + c2.r, b2 *= b2;
    if (a22 > b2) {
      x = (d2 + b2 - a22) / (2 * d2);
      y = Math.sqrt(Math.max(0, b2 / d2 - x * x));
      c2.x = b.x - x * dx - y * dy;
      c2.y = b.y - x * dy + y * dx;
    } else {
      x = (d2 + a22 - b2) / (2 * d2);
      y = Math.sqrt(Math.max(0, a22 / d2 - x * x));
      c2.x = a2.x + x * dx - y * dy;
      c2.y = a2.y + x * dy + y * dx;
    }
  } else {
    c2.x = a2.x + c2.r;
    c2.y = a2.y;
  }
}
function intersects(a2, b) {
  var dr = a2.r + b.r - 1e-6, dx = b.x - a2.x, dy = b.y - a2.y;
  return dr > 0 && dr * dr > dx * dx + dy * dy;
}
function score(node) {
  var a2 = node._, b = node.next._, ab = a2.r + b.r, dx = (a2.x * b.r + b.x * a2.r) / ab, dy = (a2.y * b.r + b.y * a2.r) / ab;
  return dx * dx + dy * dy;
}
function Node2(circle) {
  this._ = circle;
  this.next = null;
  this.previous = null;
}
function packSiblingsRandom(circles, random) {
  if (!(n = (circles = array(circles)).length)) return 0;
  var a2, b, c2, n, aa, ca, i, j, k, sj, sk;
  a2 = circles[0], a2.x = 0, a2.y = 0;
  if (!(n > 1)) return a2.r;
  b = circles[1], a2.x = -b.r, b.x = a2.r, b.y = 0;
  if (!(n > 2)) return a2.r + b.r;
  place(b, a2, c2 = circles[2]);
  a2 = new Node2(a2), b = new Node2(b), c2 = new Node2(c2);
  a2.next = c2.previous = b;
  b.next = a2.previous = c2;
  c2.next = b.previous = a2;
  pack: for (i = 3; i < n; ++i) {
    place(a2._, b._, c2 = circles[i]), c2 = new Node2(c2);
    j = b.next, k = a2.previous, sj = b._.r, sk = a2._.r;
    do {
      if (sj <= sk) {
        if (intersects(j._, c2._)) {
          b = j, a2.next = b, b.previous = a2, --i;
          continue pack;
        }
        sj += j._.r, j = j.next;
      } else {
        if (intersects(k._, c2._)) {
          a2 = k, a2.next = b, b.previous = a2, --i;
          continue pack;
        }
        sk += k._.r, k = k.previous;
      }
    } while (j !== k.next);
    c2.previous = a2, c2.next = b, a2.next = b.previous = b = c2;
    aa = score(a2);
    while ((c2 = c2.next) !== b) {
      if ((ca = score(c2)) < aa) {
        a2 = c2, aa = ca;
      }
    }
    b = a2.next;
  }
  a2 = [b._], c2 = b;
  while ((c2 = c2.next) !== b) a2.push(c2._);
  c2 = packEncloseRandom(a2, random);
  for (i = 0; i < n; ++i) a2 = circles[i], a2.x -= c2.x, a2.y -= c2.y;
  return c2.r;
}
function defaultRadius(d) {
  return Math.sqrt(d.value);
}
function index$1() {
  var radius = null, dx = 1, dy = 1, padding = constantZero;
  function pack(root) {
    const random = lcg();
    root.x = dx / 2, root.y = dy / 2;
    if (radius) {
      root.eachBefore(radiusLeaf(radius)).eachAfter(packChildrenRandom(padding, 0.5, random)).eachBefore(translateChild(1));
    } else {
      root.eachBefore(radiusLeaf(defaultRadius)).eachAfter(packChildrenRandom(constantZero, 1, random)).eachAfter(packChildrenRandom(padding, root.r / Math.min(dx, dy), random)).eachBefore(translateChild(Math.min(dx, dy) / (2 * root.r)));
    }
    return root;
  }
  pack.radius = function(x) {
    return arguments.length ? (radius = optional(x), pack) : radius;
  };
  pack.size = function(x) {
    return arguments.length ? (dx = +x[0], dy = +x[1], pack) : [dx, dy];
  };
  pack.padding = function(x) {
    return arguments.length ? (padding = typeof x === "function" ? x : constant(+x), pack) : padding;
  };
  return pack;
}
function radiusLeaf(radius) {
  return function(node) {
    if (!node.children) {
      node.r = Math.max(0, +radius(node) || 0);
    }
  };
}
function packChildrenRandom(padding, k, random) {
  return function(node) {
    if (children = node.children) {
      var children, i, n = children.length, r = padding(node) * k || 0, e;
      if (r) for (i = 0; i < n; ++i) children[i].r += r;
      e = packSiblingsRandom(children, random);
      if (r) for (i = 0; i < n; ++i) children[i].r -= r;
      node.r = e + r;
    }
  };
}
function translateChild(k) {
  return function(node) {
    var parent = node.parent;
    node.r *= k;
    if (parent) {
      node.x = parent.x + k * node.x;
      node.y = parent.y + k * node.y;
    }
  };
}
function treemapDice(parent, x0, y0, x1, y1) {
  var nodes = parent.children, node, i = -1, n = nodes.length, k = parent.value && (x1 - x0) / parent.value;
  while (++i < n) {
    node = nodes[i], node.y0 = y0, node.y1 = y1;
    node.x0 = x0, node.x1 = x0 += node.value * k;
  }
}
function TreeNode(node, i) {
  this._ = node;
  this.parent = null;
  this.children = null;
  this.A = null;
  this.a = this;
  this.z = 0;
  this.m = 0;
  this.c = 0;
  this.s = 0;
  this.t = null;
  this.i = i;
}
TreeNode.prototype = Object.create(Node$1.prototype);
function treemapSlice(parent, x0, y0, x1, y1) {
  var nodes = parent.children, node, i = -1, n = nodes.length, k = parent.value && (y1 - y0) / parent.value;
  while (++i < n) {
    node = nodes[i], node.x0 = x0, node.x1 = x1;
    node.y0 = y0, node.y1 = y0 += node.value * k;
  }
}
var phi = (1 + Math.sqrt(5)) / 2;
function squarifyRatio(ratio, parent, x0, y0, x1, y1) {
  var rows = [], nodes = parent.children, row, nodeValue, i0 = 0, i1 = 0, n = nodes.length, dx, dy, value = parent.value, sumValue, minValue, maxValue, newRatio, minRatio, alpha, beta;
  while (i0 < n) {
    dx = x1 - x0, dy = y1 - y0;
    do
      sumValue = nodes[i1++].value;
    while (!sumValue && i1 < n);
    minValue = maxValue = sumValue;
    alpha = Math.max(dy / dx, dx / dy) / (value * ratio);
    beta = sumValue * sumValue * alpha;
    minRatio = Math.max(maxValue / beta, beta / minValue);
    for (; i1 < n; ++i1) {
      sumValue += nodeValue = nodes[i1].value;
      if (nodeValue < minValue) minValue = nodeValue;
      if (nodeValue > maxValue) maxValue = nodeValue;
      beta = sumValue * sumValue * alpha;
      newRatio = Math.max(maxValue / beta, beta / minValue);
      if (newRatio > minRatio) {
        sumValue -= nodeValue;
        break;
      }
      minRatio = newRatio;
    }
    rows.push(row = { value: sumValue, dice: dx < dy, children: nodes.slice(i0, i1) });
    if (row.dice) treemapDice(row, x0, y0, x1, value ? y0 += dy * sumValue / value : y1);
    else treemapSlice(row, x0, y0, value ? x0 += dx * sumValue / value : x1, y1);
    value -= sumValue, i0 = i1;
  }
  return rows;
}
var squarify = (function custom(ratio) {
  function squarify2(parent, x0, y0, x1, y1) {
    squarifyRatio(ratio, parent, x0, y0, x1, y1);
  }
  squarify2.ratio = function(x) {
    return custom((x = +x) > 1 ? x : 1);
  };
  return squarify2;
})(phi);
var resquarify = (function custom2(ratio) {
  function resquarify2(parent, x0, y0, x1, y1) {
    if ((rows = parent._squarify) && rows.ratio === ratio) {
      var rows, row, nodes, i, j = -1, n, m2 = rows.length, value = parent.value;
      while (++j < m2) {
        row = rows[j], nodes = row.children;
        for (i = row.value = 0, n = nodes.length; i < n; ++i) row.value += nodes[i].value;
        if (row.dice) treemapDice(row, x0, y0, x1, value ? y0 += (y1 - y0) * row.value / value : y1);
        else treemapSlice(row, x0, y0, value ? x0 += (x1 - x0) * row.value / value : x1, y1);
        value -= row.value;
      }
    } else {
      parent._squarify = rows = squarifyRatio(ratio, parent, x0, y0, x1, y1);
      rows.ratio = ratio;
    }
  }
  resquarify2.ratio = function(x) {
    return custom2((x = +x) > 1 ? x : 1);
  };
  return resquarify2;
})(phi);

// js/lib/pack.js
function packGroups(groups, size, { padding = 10, innerPadding = 1.5, labelCap = 0 } = {}) {
  const data = {
    children: groups.map((g) => ({
      ...g,
      children: Array.from(g.values, (v, channel) => ({ channel, entropy: Number.isFinite(v) && v > 0 ? v : 0 }))
    }))
  };
  const root = hierarchy(data).sum((d) => d.children ? 0 : d.entropy + 1e-9);
  const laid = index$1().size([size, size]).padding((node) => node.depth === 0 ? padding : innerPadding)(root);
  if (labelCap > 0) for (const group of laid.children ?? []) makeCap(group, labelCap);
  return laid;
}
var LABEL_MIN_R = 16;
function makeCap(group, cap) {
  if (!(group.r > LABEL_MIN_R) || !group.children) return group;
  const s = Math.max(0.5, 1 - cap / (2 * group.r));
  const dy = (1 - s) * group.r;
  for (const leaf of group.descendants().slice(1)) {
    leaf.full = { x: leaf.x, y: leaf.y, r: leaf.r };
    leaf.x = group.x + (leaf.x - group.x) * s;
    leaf.y = group.y + dy + (leaf.y - group.y) * s;
    leaf.r *= s;
  }
  group.cap = cap;
  return group;
}
function channelColor(i) {
  const hue = i * 137.508 % 360;
  const light = 48 + 10 * (i % 3);
  return `hsl(${hue.toFixed(1)}, 62%, ${light}%)`;
}
function lerpView(a2, b, t) {
  return { x: a2.x + (b.x - a2.x) * t, y: a2.y + (b.y - a2.y) * t, r: a2.r + (b.r - a2.r) * t };
}
function project(node, view, size, capped = 1) {
  const k = size / (2 * view.r);
  const f = node.full && capped < 1 ? node.full : null;
  const at2 = (key) => f ? f[key] + (node[key] - f[key]) * capped : node[key];
  return { cx: (at2("x") - view.x) * k + size / 2, cy: (at2("y") - view.y) * k + size / 2, r: at2("r") * k };
}

// js/lib/packview.js
var SIZE = 400;
var ZOOM_MS = 320;
var ROOT_VIEW = { x: SIZE / 2, y: SIZE / 2, r: SIZE / 2 };
var LABEL_CAP = 18;
var LABEL_BASELINE = 13.5;
function viewOf(node) {
  return node ? { x: node.x, y: node.y, r: node.r * 1.04 } : ROOT_VIEW;
}
function tipText(node) {
  if (node.depth === 1) {
    const n = node.children?.length ?? 0;
    return `${node.data.title}
total ${formatNumber(node.value)} bits over ${n} channels
mean ${formatNumber(node.value / Math.max(n, 1))} bits`;
  }
  return `${node.parent.data.title} · channel ${node.data.channel}
${formatNumber(node.data.entropy)} bits`;
}
function circlePacking({ onZoom, onPickChannel, onHover }) {
  const bg = svg("rect", { class: "cs-pack-bg", width: SIZE, height: SIZE });
  const layer = svg("g");
  const box = svg("svg", { width: SIZE, height: SIZE, viewBox: `0 0 ${SIZE} ${SIZE}`, "data-role": "packing" }, bg, layer);
  const crumb2 = h("div", { class: "cs-pack-crumb", "data-role": "pack-crumb" });
  const tip = h("div", { class: "cs-tip", hidden: true });
  const el = h("div", { class: "cs-pack", "data-zoom": "root" }, crumb2, h("div", { style: { position: "relative" } }, box, tip));
  let items = [];
  let focusKey = null;
  let view = ROOT_VIEW;
  let capped = 1;
  let frame2 = 0;
  let chosen = /* @__PURE__ */ new Set();
  const groupNode = (key) => items.find((it) => it.node.depth === 1 && it.node.data.key === key)?.node ?? null;
  const place2 = () => {
    for (const { node, circle, label } of items) {
      const p = project(node, view, SIZE, capped);
      circle.setAttribute("cx", p.cx.toFixed(2));
      circle.setAttribute("cy", p.cy.toFixed(2));
      circle.setAttribute("r", Math.max(0, p.r).toFixed(2));
      if (!label) continue;
      const group = node.depth === 1;
      const show = group ? focusKey === null && node.cap > 0 : node.parent.data.key === focusKey && p.r >= 7;
      label.setAttribute("visibility", show ? "visible" : "hidden");
      label.setAttribute("x", p.cx.toFixed(2));
      label.setAttribute("y", (group ? p.cy - p.r + LABEL_BASELINE : p.cy + Math.min(12, p.r * 0.8) * 0.35).toFixed(2));
      if (!group) label.setAttribute("font-size", Math.min(12, p.r * 0.8).toFixed(1));
    }
  };
  const showCrumb = () => {
    const node = groupNode(focusKey);
    crumb2.replaceChildren(
      node ? h("button", { type: "button", class: "cs-link", "data-action": "zoom-out", onclick: () => zoom(null) }, "all groups") : h("span", null, "all groups"),
      node ? ` › ${node.data.title} · click its background to zoom out` : " · click a circle to zoom in, a channel for its deconvnet"
    );
  };
  const zoom = (key, { notify = true, animate = true } = {}) => {
    const target = viewOf(groupNode(key));
    focusKey = groupNode(key) ? key : null;
    showCrumb();
    if (notify) onZoom(focusKey);
    cancelAnimationFrame(frame2);
    const from = view;
    const fromCap = capped;
    const toCap = focusKey === null ? 1 : 0;
    const start = performance.now();
    const done = () => {
      view = target;
      capped = toCap;
      place2();
      el.dataset.zoom = focusKey ?? "root";
    };
    if (!animate) return done();
    const step = (now) => {
      const t = Math.min(1, (now - start) / ZOOM_MS);
      const eased = t * t * (3 - 2 * t);
      view = lerpView(from, target, eased);
      capped = fromCap + (toCap - fromCap) * eased;
      place2();
      if (t < 1) frame2 = requestAnimationFrame(step);
      else done();
    };
    el.dataset.zoom = "moving";
    frame2 = requestAnimationFrame(step);
  };
  const itemOf = (event) => {
    const target = event.target.closest?.("circle[data-group]");
    return target ? items[Number(target.dataset.item)] : null;
  };
  box.addEventListener("click", (event) => {
    const it = itemOf(event);
    if (!it) return zoom(null);
    const group = it.node.depth === 1 ? it.node : it.node.parent;
    if (focusKey !== group.data.key) zoom(group.data.key);
    else if (it.node.depth === 1) zoom(null);
    if (it.node.depth === 2) onPickChannel(it.node.data.channel, group.data);
  });
  box.addEventListener("pointermove", (event) => {
    const it = itemOf(event);
    if (!it) {
      tip.hidden = true;
      return onHover(null);
    }
    tip.textContent = tipText(it.node);
    tip.hidden = false;
    const rect = box.getBoundingClientRect();
    tip.style.left = `${Math.min(event.clientX - rect.left + 14, SIZE - 150)}px`;
    tip.style.top = `${event.clientY - rect.top + 14}px`;
    onHover(it.node.depth === 1 ? { group: it.node.data } : { group: it.node.parent.data, channel: it.node.data.channel });
  });
  box.addEventListener("pointerleave", () => {
    tip.hidden = true;
    onHover(null);
  });
  const build2 = (root) => {
    items = [];
    const circles = [];
    const labels = [];
    for (const node of root.descendants().slice(1)) {
      const index = items.length;
      const group = node.depth === 1 ? node.data : node.parent.data;
      const attrs = { "data-item": index, "data-group": group.key };
      let label = null;
      let circle;
      if (node.depth === 1) {
        circle = svg("circle", { ...attrs, class: "cs-group", fill: group.color, stroke: group.color });
        label = svg("text", { class: "cs-group-label", "text-anchor": "middle" }, group.label);
      } else {
        const c2 = node.data.channel;
        circle = svg("circle", { ...attrs, "data-channel": c2, class: `cs-leaf${chosen.has(c2) ? " cs-chosen" : ""}`, fill: channelColor(c2) });
        label = svg("text", { class: "cs-leaf-label", "text-anchor": "middle" }, String(c2));
      }
      items.push({ node, circle, label });
      circles.push(circle);
      labels.push(label);
    }
    layer.replaceChildren(...circles, ...labels);
  };
  return {
    el,
    setData(groups) {
      build2(packGroups(groups, SIZE, { labelCap: LABEL_CAP }));
      if (focusKey !== null && !groupNode(focusKey)) focusKey = null;
      view = viewOf(groupNode(focusKey));
      capped = focusKey === null ? 1 : 0;
      place2();
      showCrumb();
      el.dataset.zoom = focusKey ?? "root";
    },
    focus(key) {
      if ((groupNode(key) ? key : null) !== focusKey) zoom(key, { notify: false });
    },
    get focusKey() {
      return focusKey;
    },
    setChosen(channels) {
      chosen = new Set(channels);
      for (const { node, circle } of items) {
        if (node.depth === 2) circle.classList.toggle("cs-chosen", chosen.has(node.data.channel));
      }
    },
    dispose() {
      cancelAnimationFrame(frame2);
    }
  };
}

// js/lib/slider.js
function epochSlider({ onInput, onCommit, label = "epoch" }) {
  let epochs = [];
  const input = h("input", {
    type: "range",
    min: 0,
    max: 0,
    step: 1,
    value: 0,
    class: "cs-slider",
    "data-role": "epoch-slider",
    "aria-label": `${label} slider`
  });
  const value = h("output", { class: "cs-slider-value", "data-role": "epoch-value" }, "–");
  const el = h("label", { class: "cs-slider-box" }, h("span", { class: "cs-slider-label" }, label), input, value);
  const epochAt = () => epochs[Number(input.value)];
  const show = () => {
    value.textContent = epochs.length ? String(epochAt()) : "–";
  };
  input.addEventListener("input", () => {
    show();
    if (epochs.length) onInput?.(epochAt());
  });
  input.addEventListener("change", () => {
    if (epochs.length) onCommit?.(epochAt());
  });
  const positionOf = (e) => {
    let best = 0;
    epochs.forEach((x, i) => {
      if (x <= e) best = i;
    });
    return best;
  };
  return {
    el,
    input,
    get epochs() {
      return epochs;
    },
    setEpochs(list, current) {
      epochs = [...list];
      input.max = String(Math.max(0, epochs.length - 1));
      input.disabled = epochs.length < 2;
      if (current !== void 0) input.value = String(positionOf(current));
      show();
    },
    setValue(epoch) {
      input.value = String(positionOf(epoch));
      show();
    }
  };
}

// js/lib/smallmult.js
var W = 128;
var H = 72;
var PAD = { left: 5, right: 5, top: 17, bottom: 5 };
function niceMax(v) {
  return Number.isFinite(v) && v > 0 ? Math.ceil(v * 2) / 2 : 1;
}
function scales(epochs, yMax) {
  const lo = epochs[0];
  const hi = epochs[epochs.length - 1];
  const x = (e) => hi === lo ? W / 2 : PAD.left + (e - lo) / (hi - lo) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - v / yMax * (H - PAD.top - PAD.bottom);
  return { x, y };
}
function chart(channel, entropy, epochs, colors, sc) {
  const [, nClasses, nEpochs] = entropy.shape;
  const base = channel * nClasses * nEpochs;
  const lines = [];
  for (let k = 0; k < nClasses; k++) {
    const pts2 = [];
    for (let t = 0; t < nEpochs; t++) {
      const v = entropy.data[base + k * nEpochs + t];
      if (Number.isFinite(v)) pts2.push(`${sc.x(epochs[t]).toFixed(1)},${sc.y(v).toFixed(1)}`);
    }
    const attrs = { "data-class": k, stroke: colors[k], fill: "none", "stroke-width": 1.3 };
    lines.push(nEpochs > 1 ? svg("polyline", { ...attrs, points: pts2.join(" ") }) : svg("circle", { ...attrs, fill: colors[k], cx: pts2[0]?.split(",")[0] ?? -9, cy: pts2[0]?.split(",")[1] ?? -9, r: 2 }));
  }
  const marker = svg("line", { class: "cs-sm-epoch", y1: PAD.top - 2, y2: H - PAD.bottom });
  const frame2 = svg("rect", { class: "cs-sm-frame", x: 0.5, y: 0.5, width: W - 1, height: H - 1, rx: 3 });
  const grid = svg("line", { class: "cs-sm-grid", x1: PAD.left, x2: W - PAD.right, y1: sc.y(0), y2: sc.y(0) });
  const title = svg("text", { class: "cs-sm-title", x: 6, y: 12 }, `ch ${channel}`);
  const el = h(
    "div",
    { class: "cs-sm", "data-channel": channel, role: "button", tabindex: 0, title: `channel ${channel}: click to see its deconvnet projections` },
    svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}` }, frame2, grid, marker, ...lines, title)
  );
  return { el, marker };
}
function smallMultiples({ onPick, onHover }) {
  const axis = h("div", { class: "cs-sm-axis", "data-role": "sm-axis" });
  const grid = h("div", { class: "cs-sm-grid-box", "data-role": "small-multiples", style: { gridTemplateColumns: `repeat(auto-fill, ${W}px)` } });
  const el = h("div", { class: "cs-sm-box" }, axis, grid);
  let charts = [];
  let sc = null;
  let epochs = [];
  const pickFrom = (event) => event.target.closest?.(".cs-sm");
  grid.addEventListener("click", (event) => {
    const c2 = pickFrom(event);
    if (c2) onPick(Number(c2.dataset.channel));
  });
  grid.addEventListener("keydown", (event) => {
    const c2 = pickFrom(event);
    if (c2 && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      onPick(Number(c2.dataset.channel));
    }
  });
  grid.addEventListener("pointerover", (event) => {
    const c2 = pickFrom(event);
    onHover(c2 ? Number(c2.dataset.channel) : null);
  });
  grid.addEventListener("pointerleave", () => onHover(null));
  return {
    el,
    setData({ entropy, epochs: list, colors, yMaxValue }) {
      epochs = list;
      const yMax = niceMax(yMaxValue);
      sc = scales(epochs, yMax);
      charts = [];
      for (let c2 = 0; c2 < entropy.shape[0]; c2++) charts.push(chart(c2, entropy, epochs, colors, sc));
      grid.replaceChildren(...charts.map((ch) => ch.el));
      const span = epochs.length > 1 ? `epochs ${epochs[0]}–${epochs[epochs.length - 1]}` : `epoch ${epochs[0]}`;
      axis.textContent = `Intra-sample entropy over training, one line per class · shared axes: y 0–${formatNumber(yMax)} bits, x ${span}`;
    },
    setEpoch(epoch) {
      if (!sc) return;
      const x = sc.x(epoch);
      for (const ch of charts) {
        ch.marker.setAttribute("x1", x);
        ch.marker.setAttribute("x2", x);
      }
    },
    setClass(classIndex) {
      grid.dataset.focusClass = classIndex ?? "";
      grid.classList.toggle("cs-sm-focus", classIndex !== null && classIndex !== void 0);
      for (const line of grid.querySelectorAll("[data-class]")) {
        line.classList.toggle("cs-sm-on", Number(line.dataset.class) === classIndex);
      }
    },
    setChosen(channels) {
      const chosen = new Set(channels);
      charts.forEach((ch, c2) => ch.el.classList.toggle("cs-chosen", chosen.has(c2)));
    },
    setHovered(channel) {
      charts.forEach((ch, c2) => ch.el.classList.toggle("cs-hovered", c2 === channel));
    }
  };
}

// js/lib/selection.js
var FIELDS = Object.freeze(["layers", "channels", "epoch", "sample_group", "class_index", "hovered"]);
var HOVER_KINDS = Object.freeze({
  layer: ["layer"],
  channel: ["layer", "channel"],
  class: ["class_index"],
  epoch: ["epoch"],
  sample: ["sample"],
  cell: ["layer", "channel", "to_layer", "to_channel"]
});
var HOVER_STR = ["layer", "to_layer", "source"];
var HOVER_INT = ["channel", "to_channel", "epoch", "class_index", "sample"];
var DEFAULTS = { layers: [], channels: [], sample_group: "all", class_index: null, hovered: {} };
var REF_PREFIX = "IPY_MODEL_";
var isIndex = (v) => Number.isSafeInteger(v) && v >= 0;
var distinct = (list) => new Set(list).size === list.length;
function parseSampleGroup(text) {
  if (typeof text !== "string") return null;
  const words = text.trim().split(/\s+/).join(" ");
  if (words === "all") return { label: null, pred: null, correct: null };
  if (words === "correct" || words === "incorrect") return { label: null, pred: null, correct: words === "correct" };
  const found = { label: null, pred: null, correct: null };
  for (const clause of words.split(" and ")) {
    const m2 = /^(label|pred)\s*==\s*(\d{1,9})$/.exec(clause.trim());
    if (!m2 || found[m2[1]] !== null) return null;
    found[m2[1]] = Number(m2[2]);
  }
  return found;
}
function sampleGroupText(group) {
  if (group.correct !== null) return group.correct ? "correct" : "incorrect";
  const parts = ["label", "pred"].filter((k) => group[k] !== null).map((k) => `${k} == ${group[k]}`);
  return parts.join(" and ") || "all";
}
function validateField(name, value) {
  const bad = (rule) => `Selection.${name} must be ${rule}; got ${JSON.stringify(value)}`;
  switch (name) {
    case "layers":
      return Array.isArray(value) && value.every((v) => typeof v === "string" && v) && distinct(value) ? "" : bad("a list of distinct non-empty layer names");
    case "channels":
      return Array.isArray(value) && value.every(isIndex) && distinct(value) ? "" : bad("a list of distinct non-negative integers");
    case "epoch":
      return isIndex(value) ? "" : bad("a non-negative integer");
    case "class_index":
      return value === null || isIndex(value) ? "" : bad("None or a non-negative integer");
    case "sample_group":
      return parseSampleGroup(value) ? "" : bad("'all', 'correct', 'incorrect', 'label == k', 'pred == k' or 'label == k and pred == j'");
    case "hovered":
      return hoverProblem(value) ? bad(`{} or a hover item: ${hoverProblem(value)}`) : "";
    default:
      return `unknown selection field ${JSON.stringify(name)}; fields: ${FIELDS.join(", ")}`;
  }
}
function hoverProblem(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "not an object";
  if (Object.keys(value).length === 0) return "";
  const required2 = HOVER_KINDS[value.kind];
  if (!required2) return `kind must be one of ${Object.keys(HOVER_KINDS).join(", ")}`;
  const unknown = Object.keys(value).filter((k) => k !== "kind" && !HOVER_STR.includes(k) && !HOVER_INT.includes(k));
  if (unknown.length) return `unknown key(s) ${unknown.join(", ")}`;
  const missing = required2.filter((k) => !(k in value));
  if (missing.length) return `kind ${value.kind} needs ${missing.join(", ")}`;
  if (HOVER_STR.some((k) => k in value && !(typeof value[k] === "string" && value[k]))) return "names must be non-empty strings";
  if (HOVER_INT.some((k) => k in value && !isIndex(value[k]))) return "indices must be non-negative integers";
  return "";
}
var SelectionError = class extends Error {
  constructor(problems) {
    super(problems.join("; "));
    this.name = "SelectionError";
    this.problems = problems;
  }
};
var SelectionClient = class {
  constructor(model) {
    this.model = model;
    this._listeners = [];
  }
  get(name) {
    return this.model.get(name);
  }
  /** The six selection fields as a plain object. */
  snapshot() {
    return Object.fromEntries(FIELDS.map((k) => [k, this.model.get(k)]));
  }
  /**
   * Validate and apply a patch such as {layers: ["conv1"], channels: [3]} in one message.
   * Throws SelectionError (nothing applied) if any field is malformed; with a kernel, the
   * kernel validates again and reverts the page if it disagrees.
   */
  update(patch) {
    const problems = Object.entries(patch).map(([k, v]) => validateField(k, v)).filter(Boolean);
    if (problems.length) throw new SelectionError(problems);
    const clean = { ...patch };
    if ("sample_group" in clean) clean.sample_group = sampleGroupText(parseSampleGroup(clean.sample_group));
    const changed = Object.keys(clean).filter((k) => JSON.stringify(this.model.get(k)) !== JSON.stringify(clean[k]));
    if (!changed.length) return false;
    this.model.set(Object.fromEntries(changed.map((k) => [k, clean[k]])));
    this.model.save_changes();
    return true;
  }
  /** Set hovered ({} for nothing); unchanged values send nothing. */
  hover(item) {
    return this.update({ hovered: item ?? {} });
  }
  /** Reset one field to its default (epoch has none). */
  clear(name) {
    if (!(name in DEFAULTS)) throw new SelectionError([`Selection.${name} cannot be cleared`]);
    return this.update({ [name]: DEFAULTS[name] });
  }
  /**
   * Call callback(snapshot, changedNames) once per model update touching one of fields.
   * Returns a function that removes the listener; dispose() removes all of them.
   */
  onChange(callback, fields = FIELDS) {
    const handler = (model) => {
      const changed = Object.keys(model?.changedAttributes?.() || {});
      const relevant = changed.filter((k) => fields.includes(k));
      if (changed.length && !relevant.length) return;
      callback(this.snapshot(), relevant);
    };
    this.model.on("change", handler);
    this._listeners.push(handler);
    return () => {
      this.model.off("change", handler);
      this._listeners = this._listeners.filter((h2) => h2 !== handler);
    };
  }
  dispose() {
    for (const handler of this._listeners) this.model.off("change", handler);
    this._listeners = [];
  }
};
async function resolveSelection(model) {
  const ref = model.get("selection");
  if (typeof ref !== "string" || !ref.startsWith(REF_PREFIX)) {
    throw new Error(`this view has no shared selection (selection = ${JSON.stringify(ref)})`);
  }
  const id = ref.slice(REF_PREFIX.length);
  let selectionModel;
  try {
    selectionModel = await model.widget_manager.get_model(id);
  } catch (err) {
    throw new Error(`the shared selection (model ${id}) is not in this page: re-run the cell that made the view (${err.message})`);
  }
  return new SelectionClient(selectionModel);
}
function formatChannels(channels) {
  const sorted = [...channels].sort((a2, b) => a2 - b);
  const parts = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}–${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(", ");
}
function describeSampleGroup(text) {
  const g = parseSampleGroup(text);
  if (!g) return String(text);
  if (g.correct !== null) return g.correct ? "correctly classified" : "misclassified";
  const parts = [];
  if (g.label !== null) parts.push(`label ${g.label}`);
  if (g.pred !== null) parts.push(`predicted ${g.pred}`);
  return parts.join(", ") || "all";
}
function describeHover(h2) {
  if (!h2 || !h2.kind) return "";
  switch (h2.kind) {
    case "layer":
      return h2.layer;
    case "channel":
      return `${h2.layer} · channel ${h2.channel}`;
    case "class":
      return `class ${h2.class_index}`;
    case "epoch":
      return `epoch ${h2.epoch}`;
    case "sample":
      return `sample ${h2.sample}`;
    case "cell":
      return `${h2.layer}:${h2.channel} → ${h2.to_layer}:${h2.to_channel}`;
    default:
      return JSON.stringify(h2);
  }
}
function selectionParts(sel, { maxLayers = 4 } = {}) {
  const layers = sel.layers || [];
  const shown = layers.length > maxLayers ? `${layers.slice(0, maxLayers).join(", ")} +${layers.length - maxLayers} more` : layers.join(", ");
  const parts = [
    { key: "layers", label: layers.length === 1 ? "layer" : "layers", text: shown || "none", title: layers.join(", "), clearable: layers.length > 0 },
    { key: "channels", label: "channels", text: sel.channels?.length ? formatChannels(sel.channels) : "all", title: "", clearable: sel.channels?.length > 0 },
    { key: "epoch", label: "epoch", text: String(sel.epoch), title: "", clearable: false },
    { key: "sample_group", label: "samples", text: describeSampleGroup(sel.sample_group), title: sel.sample_group, clearable: sel.sample_group !== "all" }
  ];
  if (sel.class_index !== null && sel.class_index !== void 0) {
    parts.push({ key: "class_index", label: "class", text: String(sel.class_index), title: "", clearable: true });
  }
  const hover = describeHover(sel.hovered);
  if (hover) parts.push({ key: "hovered", label: "hover", text: hover, title: "", clearable: false });
  return parts;
}

// js/lib/view.js
function messageBox(model, note, body, root) {
  const show = () => {
    const text = model.get("message") || "";
    note.textContent = text;
    note.hidden = !text;
    body.hidden = Boolean(text);
    root.dataset.state = text ? "message" : "view";
  };
  show();
  return show;
}
function defineView(name, draw3) {
  async function render2({ model, el, signal }) {
    const start = performance.now();
    const note = h("div", { class: "cnnslicer-message", role: "status", "data-role": "message" });
    const body = h("div", { class: "cnnslicer-body" });
    const root = h("div", { class: "cnnslicer-view", "data-cnnslicer-view": name }, note, body);
    el.replaceChildren(root);
    const showMessage = messageBox(model, note, body, root);
    model.on("change:message", showMessage);
    let active = null;
    let disposed = false;
    const unmount = () => {
      if (!active) return;
      const { selection, cleanup } = active;
      active = null;
      selection.dispose();
      if (typeof cleanup === "function") cleanup();
    };
    const mount = async () => {
      unmount();
      body.replaceChildren();
      let selection;
      try {
        selection = await resolveSelection(model);
      } catch (err) {
        note.textContent = err.message;
        note.hidden = false;
        root.dataset.state = "error";
        return;
      }
      if (disposed) return selection.dispose();
      let cleanup;
      try {
        cleanup = await draw3({ model, el: body, root, selection, signal });
      } catch (err) {
        console.error(`cnnslicer ${name} view failed to draw`, err);
        note.textContent = `This view failed to draw: ${err.message}`;
        note.hidden = false;
        root.dataset.state = "error";
      }
      active = { selection, cleanup };
      if (disposed) unmount();
    };
    model.on("change:selection", mount);
    await mount();
    root.dataset.ready = "true";
    root.dataset.renderMs = (performance.now() - start).toFixed(1);
    return () => {
      disposed = true;
      model.off("change:message", showMessage);
      model.off("change:selection", mount);
      unmount();
    };
  }
  return { render: render2 };
}

// js/views/channel.js
var ALL = "all";
function epochIndex(epochs, e) {
  let best = 0;
  epochs.forEach((x, i) => {
    if (x <= e) best = i;
  });
  return best;
}
function packGroups2(entropy, entropyAll, classes, t) {
  const [nChannels, nClasses, nEpochs] = entropy.shape;
  const groups = [];
  for (let k = 0; k < nClasses; k++) {
    const values = new Float64Array(nChannels);
    for (let c2 = 0; c2 < nChannels; c2++) values[c2] = entropy.data[(c2 * nClasses + k) * nEpochs + t];
    const name = classes[k] ?? String(k);
    groups.push({ key: `class-${k}`, label: name, title: `class ${name}`, classIndex: k, color: categorical(k), values });
  }
  const all = new Float64Array(nChannels);
  for (let c2 = 0; c2 < nChannels; c2++) all[c2] = entropyAll.data[c2 * nEpochs + t];
  groups.push({ key: ALL, label: "all", title: "all classes", classIndex: null, color: "#8c8c8c", values: all });
  return groups;
}
function classLegend(classes, onPick) {
  return classes.map((name, k) => h("button", {
    type: "button",
    class: "cs-class",
    "data-class": k,
    "aria-pressed": "false",
    title: `Highlight ${name}`,
    onclick: () => onPick(k)
  }, h("i", { style: { background: categorical(k) } }), name));
}
function deconvPanel(model, classes) {
  const info = model.get("deconv_info") || {};
  if (info.channel === void 0) {
    return [h("div", { class: "cs-hint" }, "Click a channel (a chart or a circle) to see its deconvnet projections.")];
  }
  const head = h(
    "div",
    { class: "cs-panel-head" },
    h("span", { class: "cs-title" }, `Deconvnet: ${info.layer} channel ${info.channel}`),
    h("span", { class: "cs-sub" }, ` · weights of epoch ${info.epoch}`)
  );
  if (info.note) return [head, h("div", { class: "cs-hint", "data-role": "deconv-note" }, info.note)];
  const labels = maybeDecode(model.get("probe_labels"));
  const captions = labels ? Array.from(labels.data, (k) => classes[k] ?? String(k)) : null;
  return [
    head,
    imageRow("probe images", maybeDecode(model.get("probe_images")), { role: "input", captions, px: 64 }),
    imageRow(`projection of ch ${info.channel}`, maybeDecode(model.get("deconv_images")), { role: "deconv", px: 64 }),
    h("div", { class: "cs-notes" }, "Projections to input space; mid grey = 0, lighter = positive.")
  ];
}
function channelView({ model, el, root, selection }) {
  root.classList.add("cs-channel");
  let data = null;
  const layerName = () => model.get("layer");
  const title = h("span", { class: "cs-title", "data-role": "title" });
  const sub = h("span", { class: "cs-sub", "data-role": "subtitle" });
  const slider = epochSlider({ onInput: (epoch) => selection.update({ epoch }) });
  const legend2 = h("div", { class: "cs-classes", "data-role": "classes" });
  const busy = h("div", { class: "cs-busy", hidden: true, "data-role": "busy" });
  const notes = h("div", { class: "cs-notes", "data-role": "notes" });
  const panel2 = h("div", { class: "cs-panel", "data-role": "deconv" });
  const hoverChannel = (channel) => {
    sm.setHovered(channel);
    if (channel !== null) selection.hover({ kind: "channel", layer: layerName(), channel, source: "channel" });
    else if (selection.get("hovered")?.source === "channel") selection.hover({});
  };
  const sm = smallMultiples({ onPick: (c2) => selection.update({ channels: [c2] }), onHover: hoverChannel });
  const packing = circlePacking({
    onZoom: (key) => selection.update({ class_index: key && key !== ALL ? Number(key.slice(6)) : null }),
    onPickChannel: (c2) => selection.update({ channels: [c2] }),
    onHover: (item) => {
      if (item?.channel !== void 0) return hoverChannel(item.channel);
      sm.setHovered(null);
      if (item?.group.classIndex !== null && item?.group.classIndex !== void 0) selection.hover({ kind: "class", class_index: item.group.classIndex, source: "channel" });
      else if (selection.get("hovered")?.source === "channel") selection.hover({});
    }
  });
  el.append(
    h("div", { class: "cs-head" }, h("span", null, title, sub), slider.el),
    legend2,
    h("div", { class: "cs-main", style: { position: "relative" } }, sm.el, h("div", { class: "cs-side" }, packing.el, panel2), busy),
    notes
  );
  const showEpoch = () => {
    if (!data) return;
    const e = selection.get("epoch");
    const t = epochIndex(data.epochs, e);
    packing.setData(packGroups2(data.entropy, data.entropyAll, data.classes, t));
    packing.setChosen(selection.get("channels") || []);
    sm.setEpoch(data.epochs[t]);
    slider.setValue(e);
    const info = model.get("info") || {};
    title.textContent = `Channel view: ${info.layer}`;
    sub.textContent = ` · ${info.n_channels} channels · epoch ${data.epochs[t]} · ${info.n_samples} probe samples · ${info.bins} bins`;
    root.dataset.epoch = String(data.epochs[t]);
  };
  const showClass = () => {
    const k = selection.get("class_index");
    sm.setClass(k);
    for (const b of legend2.children) b.setAttribute("aria-pressed", String(Number(b.dataset.class) === k));
    packing.focus(k === null || k === void 0 ? null : `class-${k}`);
  };
  const showChosen = () => {
    const channels = selection.get("channels") || [];
    sm.setChosen(channels);
    packing.setChosen(channels);
  };
  const draw3 = () => {
    const payload = model.get("entropy");
    if (!payload) {
      data = null;
      return;
    }
    const entropy = decode(payload);
    const entropyAll = decode(model.get("entropy_all"));
    const classes = model.get("classes") || [];
    data = { entropy, entropyAll, classes, epochs: model.get("epochs") || [] };
    const [lo, hi] = finiteExtent(entropy.data);
    sm.setData({ entropy, epochs: data.epochs, colors: classes.map((_, k) => categorical(k)), yMaxValue: Math.max(hi, lo) });
    legend2.replaceChildren(...classLegend(classes, (k) => selection.update({ class_index: selection.get("class_index") === k ? null : k })));
    slider.setEpochs(data.epochs, selection.get("epoch"));
    notes.replaceChildren(...((model.get("info") || {}).notes || []).map((t) => h("div", null, t)));
    showEpoch();
    showClass();
    showChosen();
    root.dataset.layer = model.get("layer");
  };
  const drawPanel = () => {
    panel2.replaceChildren(...deconvPanel(model, model.get("classes") || []));
    const info = model.get("deconv_info") || {};
    panel2.dataset.channel = info.channel ?? "";
    panel2.dataset.state = info.channel === void 0 ? "empty" : info.note ? "note" : "images";
  };
  const showBusy = () => {
    const text = model.get("status") || "";
    busy.textContent = text;
    busy.hidden = !text;
    root.dataset.busy = String(Boolean(text));
  };
  let scheduled = false;
  const scheduleDraw = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      draw3();
    });
  };
  for (const name of ["entropy", "entropy_all", "epochs", "info", "layer"]) model.on(`change:${name}`, scheduleDraw);
  model.on("change:deconv_info", drawPanel);
  model.on("change:status", showBusy);
  selection.onChange(showEpoch, ["epoch"]);
  selection.onChange(showClass, ["class_index"]);
  selection.onChange(showChosen, ["channels"]);
  selection.onChange((snap) => sm.setHovered(snap.hovered?.kind === "channel" && snap.hovered.layer === layerName() ? snap.hovered.channel : null), ["hovered"]);
  draw3();
  drawPanel();
  showBusy();
  return () => packing.dispose();
}
var channel_default = defineView("channel", channelView);

// js/lib/heatmap.js
var NAN_RGBA = [190, 190, 190, 255];
function colorTable(ramp2, { reverse = false, size = 256 } = {}) {
  const lut = new Uint8ClampedArray(size * 4);
  for (let i = 0; i < size; i++) {
    const t = i / (size - 1);
    const [r, g, b] = ramp2(reverse ? 1 - t : t);
    lut.set([r, g, b, 255], i * 4);
  }
  return lut;
}
function colorOf(lut, v, vmin, vmax) {
  if (!Number.isFinite(v)) return NAN_RGBA.slice(0, 3);
  const n = lut.length / 4 - 1;
  const k = vmax > vmin ? Math.min(n, Math.max(0, Math.floor((v - vmin) / (vmax - vmin) * n))) : 0;
  return [lut[4 * k], lut[4 * k + 1], lut[4 * k + 2]];
}
function paintCells(pixels, { data, rows, cols, rowOrder, colOrder, vmin, vmax, lut }) {
  const out = new Uint32Array(pixels.buffer, pixels.byteOffset, rows * cols);
  const table = new Uint32Array(lut.buffer, lut.byteOffset, lut.length / 4);
  const nan = new Uint32Array(new Uint8ClampedArray(NAN_RGBA).buffer)[0];
  const top = table.length - 1;
  const scale = vmax > vmin ? top / (vmax - vmin) : 0;
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const base = rowOrder[i] * cols;
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
function paintMatrix(canvas, matrix2, width, height) {
  const start = performance.now();
  const { rows, cols } = matrix2;
  const cells = document.createElement("canvas");
  cells.width = cols;
  cells.height = rows;
  const image = cells.getContext("2d").createImageData(cols, rows);
  paintCells(image.data, matrix2);
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
function colorBar(lut, width, height) {
  const canvas = document.createElement("canvas");
  canvas.width = 1;
  canvas.height = 256;
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(1, 256);
  const n = lut.length / 4;
  for (let y = 0; y < 256; y++) {
    const k = Math.round((255 - y) / 255 * (n - 1));
    image.data.set(lut.subarray(4 * k, 4 * k + 4), 4 * y);
  }
  ctx.putImageData(image, 0, 0);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.style.imageRendering = "pixelated";
  return canvas;
}
function tickStep(n, cell, minGap) {
  if (n <= 0) return 1;
  const raw = Math.max(1, Math.ceil(minGap / Math.max(cell, 1e-9)));
  for (const base of [1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100, 128, 200, 256, 500]) {
    if (base >= raw) return base;
  }
  return raw;
}
function cellSize(rows, cols, { maxSide = 512, maxCell = 36 } = {}) {
  return {
    cw: Math.min(maxCell, maxSide / Math.max(cols, 1)),
    ch: Math.min(maxCell, maxSide / Math.max(rows, 1))
  };
}

// js/lib/charts.js
var RUN_COLORS = Object.freeze(["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#666666", "#e6ab02"]);
function runColor(i) {
  return RUN_COLORS[(i % RUN_COLORS.length + RUN_COLORS.length) % RUN_COLORS.length];
}
function niceTicks(lo, hi, count2 = 5) {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count2);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m2) => m2 * mag).find((s) => s >= raw) ?? 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}
function runsOf(values) {
  const sorted = [...new Set(values)].sort((a2, b) => a2 - b);
  const out = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else out.push([v, v]);
  }
  return out;
}
function attachTooltip(root) {
  const tip = h("div", { class: "cs-tooltip", role: "tooltip", "data-role": "tooltip", hidden: true });
  root.append(tip);
  const place2 = (event) => {
    const box = root.getBoundingClientRect();
    const x = event.clientX - box.left + 14;
    const y = event.clientY - box.top + 12;
    tip.style.left = `${Math.min(x, Math.max(0, box.width - tip.offsetWidth - 4))}px`;
    tip.style.top = `${y}px`;
  };
  const over = (event) => {
    const target = event.target.closest?.("[data-tip]");
    if (!target || !root.contains(target)) {
      tip.hidden = true;
      return;
    }
    tip.textContent = target.getAttribute("data-tip");
    tip.hidden = false;
    place2(event);
  };
  const leave = () => {
    tip.hidden = true;
  };
  root.addEventListener("pointermove", over);
  root.addEventListener("pointerleave", leave);
  return () => {
    root.removeEventListener("pointermove", over);
    root.removeEventListener("pointerleave", leave);
    tip.remove();
  };
}
function frame({ width, height, margin, title, xLabel, yLabel, role }) {
  const node = svg("svg", { class: "cs-chart", width, height, viewBox: `0 0 ${width} ${height}`, "data-role": role });
  if (title) node.append(svg("text", { class: "cs-chart-title", x: margin.left, y: 13 }, title));
  const plot = { x0: margin.left, x1: width - margin.right, y0: height - margin.bottom, y1: margin.top };
  if (xLabel) node.append(svg("text", { class: "cs-axis-title", x: (plot.x0 + plot.x1) / 2, y: height - 4, "text-anchor": "middle" }, xLabel));
  if (yLabel) {
    const cy = (plot.y0 + plot.y1) / 2;
    node.append(svg("text", { class: "cs-axis-title", x: 11, y: cy, "text-anchor": "middle", transform: `rotate(-90 11 ${cy})` }, yLabel));
  }
  return { node, plot };
}
function axes(node, plot, xs, ys, xTicks, yTicks) {
  const g = svg("g", { class: "cs-axes" });
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x1, y2: plot.y0 }));
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x0, y2: plot.y1 }));
  for (const t of xTicks) {
    g.append(svg("line", { x1: xs(t), y1: plot.y0, x2: xs(t), y2: plot.y0 + 4 }));
    g.append(svg("text", { class: "cs-tick", x: xs(t), y: plot.y0 + 15, "text-anchor": "middle" }, formatNumber(t)));
  }
  for (const t of yTicks) {
    g.append(svg("line", { class: "cs-grid", x1: plot.x0, y1: ys(t), x2: plot.x1, y2: ys(t) }));
    g.append(svg("text", { class: "cs-tick", x: plot.x0 - 5, y: ys(t) + 3.5, "text-anchor": "end" }, formatNumber(t)));
  }
  node.append(g);
}
function segments(x, y) {
  const out = [];
  let cur = [];
  for (let i = 0; i < y.length; i++) {
    if (Number.isFinite(y[i]) && Number.isFinite(x[i])) cur.push([x[i], y[i]]);
    else if (cur.length) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}
function lineChart({ width, height, title, xLabel, yLabel, series, xDomain, yDomain, infMarkers = false, cursor = null, slots = [], onPick = null, role = "line-chart", dots = null, xTicks = null, empty = "no data" }) {
  const band = infMarkers ? Math.min(30, Math.max(10, series.length * 3)) : 0;
  const margin = { left: 46, right: 10, top: 22 + (band ? band + 8 : 0), bottom: 34 };
  const { node, plot } = frame({ width, height, margin, title, xLabel, yLabel, role });
  const all = series.flatMap((s) => Array.from(s.y));
  const [lo, hi] = yDomain || finiteExtent([0, ...all]);
  const top = hi > lo ? hi * 1.05 : lo + 1;
  const xs = linearScale(xDomain, [plot.x0 + 6, plot.x1 - 6]);
  const ys = linearScale([Math.min(0, lo), top], [plot.y0, plot.y1]);
  const ticks = xTicks ?? niceTicks(xDomain[0], xDomain[1], Math.max(2, Math.floor((plot.x1 - plot.x0) / 45))).filter((t) => Number.isInteger(t));
  axes(node, plot, xs, ys, ticks, niceTicks(Math.min(0, lo), top, 4));
  if (!all.some((v) => Number.isFinite(v) || v === Infinity)) {
    node.append(svg("text", { class: "cs-empty", x: (plot.x0 + plot.x1) / 2, y: (plot.y0 + plot.y1) / 2, "text-anchor": "middle" }, empty));
  }
  const bandTop = plot.y1 - band - 6;
  if (band) {
    node.append(svg("rect", { class: "cs-inf-band", x: plot.x0, y: bandTop, width: plot.x1 - plot.x0, height: band }));
    node.append(svg("text", { class: "cs-tick cs-inf-label", x: plot.x0 - 5, y: bandTop + band / 2 + 4, "text-anchor": "end" }, "∞"));
  }
  if (cursor !== null && Number.isFinite(cursor)) {
    node.append(svg("line", { class: "cs-cursor", "data-role": "cursor", "data-x": cursor, x1: xs(cursor), x2: xs(cursor), y1: plot.y0, y2: band ? bandTop : plot.y1 }));
  }
  const showDots = dots ?? Math.max(0, ...series.map((s) => s.y.length)) <= 25;
  const row = band / Math.max(1, series.length);
  const markWidth = Math.max(3, Math.min(12, slots.length > 1 ? 0.6 * Math.abs(xs(slots[1].x) - xs(slots[0].x)) : 12));
  const order = series.map((s, k) => [s, k]).sort(([a2], [b]) => (a2.emphasis === "strong") - (b.emphasis === "strong"));
  for (const [s, k] of order) {
    const g = svg("g", { class: `cs-series${s.emphasis ? ` cs-${s.emphasis}` : ""}`, "data-key": s.key, stroke: s.color, fill: s.color });
    for (const seg of segments(s.x, s.y)) {
      if (seg.length > 1) g.append(svg("polyline", { fill: "none", points: seg.map(([a2, b]) => `${xs(a2).toFixed(1)},${ys(b).toFixed(1)}`).join(" ") }));
      if (showDots || seg.length === 1) for (const [a2, b] of seg) g.append(svg("circle", { cx: xs(a2), cy: ys(b), r: 2.6, stroke: "none" }));
    }
    for (let i = 0; band && i < s.y.length; i++) {
      if (s.y[i] !== Infinity) continue;
      g.append(svg("rect", { class: "cs-inf", "data-role": "inf-marker", x: xs(s.x[i]) - markWidth / 2, y: bandTop + k * row, width: markWidth, height: Math.max(1, row - 0.6), stroke: "none" }));
    }
    node.append(g);
  }
  const hover = svg("g", { class: "cs-slots" });
  const widthOf = slots.length > 1 ? Math.abs(xs(slots[1].x) - xs(slots[0].x)) : plot.x1 - plot.x0;
  const slotTop = band ? bandTop : plot.y1;
  for (const slot of slots) {
    const cx = xs(slot.x);
    hover.append(svg("rect", { class: "cs-slot", x: cx - widthOf / 2, y: slotTop, width: Math.max(2, widthOf), height: plot.y0 - slotTop, "data-tip": slot.tip, "data-x": slot.x, onclick: onPick ? () => onPick(slot.x) : null }));
  }
  node.append(hover);
  return node;
}
function barChart({ width, height, title, yLabel, bars, onPick = null, role = "bar-chart", digits = 4 }) {
  const margin = { left: 46, right: 8, top: 30, bottom: 38 };
  const { node, plot } = frame({ width, height, margin, title, yLabel, role });
  const [, hi] = finiteExtent([0, ...bars.map((b) => b.value)]);
  const ys = linearScale([0, hi > 0 ? hi * 1.12 : 1], [plot.y0, plot.y1]);
  const band = (plot.x1 - plot.x0) / Math.max(1, bars.length);
  axes(node, plot, () => 0, ys, [], niceTicks(0, hi > 0 ? hi * 1.12 : 1, 4));
  bars.forEach((b, i) => {
    const x = plot.x0 + i * band + band * 0.18;
    const w = band * 0.64;
    const ok = Number.isFinite(b.value);
    const y = ok ? ys(b.value) : plot.y0;
    const g = svg("g", { class: `cs-bar${b.active ? " cs-active" : ""}`, "data-run": i, "data-key": b.key, "data-tip": b.tip, onclick: onPick ? () => onPick(i) : null });
    g.append(svg("rect", { x, y, width: w, height: Math.max(0, plot.y0 - y), fill: b.color }));
    g.append(svg("text", { class: "cs-bar-value", x: x + w / 2, y: y - 4, "text-anchor": "middle" }, ok ? b.value.toPrecision(digits) : "n/a"));
    g.append(svg("text", { class: "cs-tick", x: x + w / 2, y: plot.y0 + 14, "text-anchor": "middle" }, b.label));
    if (b.sublabel) g.append(svg("text", { class: "cs-tick cs-muted", x: x + w / 2, y: plot.y0 + 26, "text-anchor": "middle" }, b.sublabel));
    node.append(g);
  });
  return node;
}
function tickLayout(n, cell, widest, line = 15) {
  if (widest + 6 <= cell) return { angle: 0, every: 1, depth: line };
  for (const angle of [45, 60, 90]) {
    const rad = angle * Math.PI / 180;
    if (cell * Math.sin(rad) >= line) return { angle, every: 1, depth: widest * Math.sin(rad) + line * Math.cos(rad) + 2 };
  }
  return { angle: 90, every: Math.ceil(line / Math.max(cell, 1e-9)), depth: widest + 2 };
}
var HEATMAP_RIGHT = 52;
function heatmapLeft(rowLabels) {
  return Math.max(46, Math.ceil(Math.max(0, ...rowLabels.map((t) => textWidth(t, 11)))) + 26);
}
function heatmapWidth(rowLabels, n = rowLabels.length, cell = 18) {
  return heatmapLeft(rowLabels) + HEATMAP_RIGHT + cell * n;
}
function countHeatmap({ size, values, n, rowLabels, colLabels, title, xLabel, yLabel, tip, onPick = null, role = "heatmap" }) {
  const font = 11;
  const rowWide = Math.max(0, ...rowLabels.map((t) => textWidth(t, font)));
  const colWide = Math.max(0, ...colLabels.map((t) => textWidth(t, font)));
  const margin = { left: heatmapLeft(rowLabels), right: HEATMAP_RIGHT, top: 24, bottom: 36 };
  const cell = Math.max(6, Math.floor((size - margin.left - margin.right) / Math.max(1, n)));
  const cols = tickLayout(n, cell, colWide);
  const reach = cols.angle ? colWide * Math.cos(cols.angle * Math.PI / 180) - cell / 2 + 4 : 0;
  margin.left = Math.max(margin.left, Math.ceil(reach));
  margin.bottom = Math.ceil(8 + cols.depth + 18);
  const width = margin.left + cell * n + margin.right;
  const height = margin.top + cell * n + margin.bottom;
  const { node, plot } = frame({ width, height, margin, title, xLabel, yLabel, role });
  let max = 0;
  for (const v of values) max = Math.max(max, Number(v));
  const scale = (v) => max > 0 ? Math.log1p(v) / Math.log1p(max) : 0;
  const showText = cell >= 20 && n <= 16;
  const grid = svg("g", { class: "cs-cells" });
  for (let r = 0; r < n; r++) {
    for (let c2 = 0; c2 < n; c2++) {
      const v = Number(values[r * n + c2]);
      const color = blues(0.04 + 0.96 * scale(v));
      const x = plot.x0 + c2 * cell;
      const y = plot.y1 + r * cell;
      const g = svg(
        "g",
        { class: "cs-cell", "data-row": r, "data-col": c2, "data-value": v, "data-tip": tip(r, c2, v), onclick: onPick ? () => onPick(r, c2) : null },
        svg("rect", { x, y, width: cell - 1, height: cell - 1, fill: rgb(color) })
      );
      if (showText && v > 0) g.append(svg("text", { class: "cs-cell-text", x: x + (cell - 1) / 2, y: y + cell / 2 + 3, "text-anchor": "middle", fill: textOn(color) }, String(v)));
      grid.append(g);
    }
  }
  node.append(grid);
  const bottom = plot.y1 + n * cell;
  for (let k = 0; k < n; k += cols.every) {
    const x = plot.x0 + k * cell + cell / 2;
    const label = cols.angle ? svg("text", { class: "cs-tick", x, y: bottom + 8, "text-anchor": "end", "dominant-baseline": "central", transform: `rotate(${-cols.angle} ${x} ${bottom + 8})`, "data-axis": "x" }, colLabels[k]) : svg("text", { class: "cs-tick", x, y: bottom + 12, "text-anchor": "middle", "data-axis": "x" }, colLabels[k]);
    node.append(label);
  }
  const rowEvery = Math.ceil(14 / cell);
  for (let k = 0; k < n; k += rowEvery) {
    node.append(svg("text", { class: "cs-tick", x: plot.x0 - 4, y: plot.y1 + k * cell + cell / 2 + 3.5, "text-anchor": "end", "data-axis": "y" }, rowLabels[k]));
  }
  node.append(colorBar2(plot.x0 + n * cell + 12, plot.y1, cell * n, max));
  return node;
}
function colorBar2(x, y, height, max) {
  const g = svg("g", { class: "cs-colorbar" });
  const steps = 24;
  for (let i = 0; i < steps; i++) {
    const t = 1 - i / steps;
    g.append(svg("rect", { x, y: y + i * height / steps, width: 9, height: height / steps + 0.5, fill: rgb(blues(0.04 + 0.96 * t)) }));
  }
  const at2 = (v) => y + height * (1 - (max > 0 ? Math.log1p(v) / Math.log1p(max) : 0));
  const ticks = max > 0 ? [.../* @__PURE__ */ new Set([0, Math.round(Math.sqrt(max)), max])] : [0];
  for (const v of ticks) g.append(svg("text", { class: "cs-tick", x: x + 12, y: at2(v) + 3.5 }, String(v)));
  return g;
}

// js/lib/info_plane.js
var MARGIN = { left: 46, right: 14, top: 14, bottom: 38 };
function epochColor(i, n) {
  return rgb(viridis(n > 1 ? i / (n - 1) : 1));
}
function at(arr, l, e, b) {
  const [, E, B] = arr.shape;
  return arr.data[(l * E + e) * B + b];
}
function epochPosition(epochs, epoch) {
  let best = 0;
  epochs.forEach((x, i) => {
    if (x <= epoch) best = i;
  });
  return best;
}
function pointTip(info, arrays, l, e) {
  const { xt, ty, nul } = arrays;
  const bounds = info.bounds;
  const lines = [`${info.layers[l]} · epoch ${info.epochs[e]}`];
  bounds.forEach((name, b) => {
    const tag = bounds.length > 1 ? ` (${name.replace("kde_", "")})` : "";
    lines.push(`I(X;T)${tag} = ${formatNumber(at(xt, l, e, b))} bits, I(T;Y)${tag} = ${formatNumber(at(ty, l, e, b))} bits`);
  });
  const q = at(nul, l, e, bounds.length - 1);
  if (Number.isFinite(q)) lines.push(`shuffled labels, 95%: I(T;Y) ≤ ${formatNumber(q)} bits`);
  if (arrays.sat.data.length && bounds.some((_, b) => at(arrays.sat, l, e, b))) lines.push("saturated (see the notes)");
  lines.push("click: select this layer");
  return lines.join("\n");
}
function epochLegend(epochs, width) {
  const n = epochs.length;
  const items = [];
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((width - 60) / 34))));
  for (let i = 0; i < n; i += every) {
    items.push(h("span", { class: "ci-legend-item" }, h("i", { style: { background: epochColor(i, n) } }), String(epochs[i])));
  }
  if ((n - 1) % every) items.push(h("span", { class: "ci-legend-item" }, h("i", { style: { background: epochColor(n - 1, n) } }), String(epochs[n - 1])));
  return h("div", { class: "ci-legend", "data-role": "epoch-legend", style: { marginLeft: `${MARGIN.left}px` } }, h("span", { class: "ci-legend-title" }, "epoch"), ...items);
}
function guides(node, plot, xs, ys, info) {
  const g = svg("g", { class: "ci-guides" });
  g.append(svg("line", { x1: plot.x0, x2: plot.x1, y1: ys(info.h_y), y2: ys(info.h_y) }));
  g.append(svg("text", { x: plot.x0 + 4, y: ys(info.h_y) - 4 }, `H(Y) = ${formatNumber(info.h_y)}`));
  g.append(svg("line", { x1: xs(info.log2_n), x2: xs(info.log2_n), y1: plot.y0, y2: plot.y1 }));
  g.append(svg("text", { x: xs(info.log2_n) - 4, y: plot.y0 - 6, "text-anchor": "end" }, `log2 N = ${formatNumber(info.log2_n)}`));
  node.append(g);
}
function axes2(node, plot, xs, ys, xMax, yMax) {
  const g = svg("g", { class: "cs-axes" });
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x1, y2: plot.y0 }));
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x0, y2: plot.y1 }));
  for (const t of niceTicks(0, xMax, 6)) {
    g.append(svg("line", { x1: xs(t), y1: plot.y0, x2: xs(t), y2: plot.y0 + 4 }));
    g.append(svg("text", { class: "cs-tick", x: xs(t), y: plot.y0 + 15, "text-anchor": "middle" }, formatNumber(t)));
  }
  for (const t of niceTicks(0, yMax, 5)) {
    g.append(svg("line", { class: "cs-grid", x1: plot.x0, y1: ys(t), x2: plot.x1, y2: ys(t) }));
    g.append(svg("text", { class: "cs-tick", x: plot.x0 - 5, y: ys(t) + 3.5, "text-anchor": "end" }, formatNumber(t)));
  }
  node.append(g);
}
function nullBand(node, plot, ys, arrays, info, focus, e) {
  const B = info.bounds.length;
  let q = NaN;
  let who = "";
  if (focus >= 0) {
    q = at(arrays.nul, focus, e, B - 1);
    who = info.layers[focus];
  } else {
    for (let l = 0; l < info.layers.length; l++) {
      const v = at(arrays.nul, l, e, B - 1);
      if (Number.isFinite(v) && !(v <= q)) q = v;
    }
    who = "largest over layers";
  }
  if (!Number.isFinite(q)) return;
  const y = ys(Math.max(0, q));
  node.append(svg("rect", {
    class: "ci-null",
    "data-role": "null-band",
    "data-value": q,
    x: plot.x0,
    y,
    width: plot.x1 - plot.x0,
    height: Math.max(0, plot.y0 - y),
    "data-tip": `Shuffled labels (${info.n_permutations} permutations): 95% of the I(T;Y) estimates lie below ${formatNumber(q)} bits (${who}, epoch ${info.epochs[e]}). Values in this band are not distinguishable from chance.`
  }));
  node.append(svg("text", { class: "ci-null-label", x: plot.x0 + 4, y: Math.min(plot.y0 - 4, y + 12) }, `shuffled labels, 95% (${who})`));
}
function trajectory(l, arrays, info, scales2, state) {
  const { xs, ys } = scales2;
  const E = info.epochs.length;
  const B = info.bounds.length;
  const picked = state.selected.includes(info.layers[l]);
  const g = svg("g", { class: `ci-traj${picked ? " ci-picked" : ""}`, "data-layer": info.layers[l], "data-role": "trajectory", onclick: () => state.onPick(info.layers[l]) });
  const pts2 = (b) => Array.from({ length: E }, (_, e) => [at(arrays.xt, l, e, b), at(arrays.ty, l, e, b)]).filter(([a2, c2]) => Number.isFinite(a2) && Number.isFinite(c2));
  const path = (list) => list.map(([a2, c2]) => `${xs(a2).toFixed(1)},${ys(c2).toFixed(1)}`).join(" ");
  const main = pts2(B - 1);
  if (B === 2) {
    const lower = pts2(0);
    g.append(svg("polygon", { class: "ci-band", "data-role": "band", points: `${path(main)} ${path([...lower].reverse())}` }));
    g.append(svg("polyline", { class: "ci-lower", points: path(lower) }));
  }
  g.append(svg("polyline", { class: "ci-line", points: path(main) }));
  g.append(svg("polyline", { class: "ci-hit", points: path(main) }));
  for (let b = 0; b < B; b++) {
    for (let e = 0; e < E; e++) {
      const x = at(arrays.xt, l, e, b);
      const y = at(arrays.ty, l, e, b);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const color = epochColor(e, E);
      const hollow = arrays.sat.data.length && at(arrays.sat, l, e, b);
      const r = b === B - 1 ? 4 : 2.6;
      if (e === state.epoch && b === B - 1) g.append(svg("circle", { class: "ci-ring", "data-role": "epoch-ring", cx: xs(x), cy: ys(y), r: r + 3.5 }));
      g.append(svg("circle", { class: "ci-point", cx: xs(x), cy: ys(y), r, fill: hollow ? "var(--cs-bg)" : color, stroke: color, "data-epoch": info.epochs[e], "data-tip": pointTip(info, arrays, l, e) }));
    }
  }
  if (main.length) {
    const [x, y] = main[main.length - 1];
    state.labels.push({ name: info.layers[l], x: xs(x), y: ys(y) });
  }
  return g;
}
function placeLabels(labels, { line = 12, charWidth = 6.2 } = {}) {
  const placed = [];
  for (const lab of [...labels].sort((a2, b) => a2.y - b.y || a2.x - b.x)) {
    const width = lab.name.length * charWidth;
    let y = lab.y + 4;
    const clash = (p) => Math.abs(p.y - y) < line && lab.x + 7 < p.x + 7 + p.width && p.x + 7 < lab.x + 7 + width;
    while (placed.some(clash)) y += line;
    placed.push({ ...lab, y0: lab.y, y, width, moved: Math.abs(y - lab.y - 4) > 0.5 });
  }
  return placed;
}
function drawLabels(labels, state) {
  const g = svg("g", { class: "ci-labels" });
  for (const p of placeLabels(labels)) {
    const picked = state.selected.includes(p.name);
    if (p.moved) g.append(svg("line", { class: "ci-leader", x1: p.x + 2, y1: p.y0, x2: p.x + 6, y2: p.y - 4 }));
    g.append(svg("text", { class: `ci-layer-label${picked ? " ci-picked" : ""}`, "data-layer": p.name, x: p.x + 7, y: p.y, "data-tip": `${p.name}: click to select`, onclick: () => state.onPick(p.name) }, p.name));
  }
  return g;
}
function infoPlane({ xt, ty, nul, sat, info, width, height, selected, epoch, onPick }) {
  const box = h("div", { class: "ci-plane-box" });
  const node = svg("svg", { class: "cs-chart ci-plane", width, height, viewBox: `0 0 ${width} ${height}`, "data-role": "plane", "data-estimator": info.estimator });
  const plot = { x0: MARGIN.left, x1: width - MARGIN.right, y0: height - MARGIN.bottom, y1: MARGIN.top };
  const xMax = info.log2_n * 1.04;
  const yMax = info.h_y * 1.08;
  const xs = linearScale([0, xMax], [plot.x0, plot.x1]);
  const ys = linearScale([0, yMax], [plot.y0, plot.y1]);
  node.append(svg("text", { class: "cs-axis-title", x: (plot.x0 + plot.x1) / 2, y: height - 4, "text-anchor": "middle" }, "I(X;T), bits"));
  const cy = (plot.y0 + plot.y1) / 2;
  node.append(svg("text", { class: "cs-axis-title", x: 11, y: cy, "text-anchor": "middle", transform: `rotate(-90 11 ${cy})` }, "I(T;Y), bits"));
  const e = epochPosition(info.epochs, epoch);
  const arrays = { xt, ty, nul, sat };
  const focus = info.layers.indexOf(selected[0]);
  nullBand(node, plot, ys, arrays, info, focus, e);
  axes2(node, plot, xs, ys, xMax, yMax);
  guides(node, plot, xs, ys, info);
  const state = { selected, epoch: e, onPick, labels: [] };
  const order = info.layers.map((_, l) => l).sort((a2, b) => selected.includes(info.layers[a2]) - selected.includes(info.layers[b]));
  for (const l of order) node.append(trajectory(l, arrays, info, { xs, ys }, state));
  node.append(drawLabels(state.labels, state));
  box.append(node, epochLegend(info.epochs, width));
  const untip = attachTooltip(box);
  return { el: box, dispose: untip };
}

// js/lib/info_boxes.js
var MARGIN2 = { left: 46, right: 10, top: 22, bottom: 38 };
function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}
function boxStats(values) {
  const v = Array.from(values).filter(Number.isFinite).sort((a2, b) => a2 - b);
  const q1 = quantile(v, 0.25);
  const q3 = quantile(v, 0.75);
  const reach = 1.5 * (q3 - q1);
  const inside = v.filter((x) => x >= q1 - reach && x <= q3 + reach);
  return {
    n: v.length,
    min: v[0],
    max: v[v.length - 1],
    q1,
    median: quantile(v, 0.5),
    q3,
    lo: inside[0],
    hi: inside[inside.length - 1],
    outliers: v.filter((x) => x < q1 - reach || x > q3 + reach)
  };
}
function boxTip(s, epoch, nul) {
  const lines = [
    `epoch ${epoch} · ${s.n} channel${s.n === 1 ? "" : "s"}`,
    `median ${formatNumber(s.median)} bits`,
    `quartiles ${formatNumber(s.q1)} – ${formatNumber(s.q3)}`,
    `range ${formatNumber(s.min)} – ${formatNumber(s.max)}`
  ];
  if (Number.isFinite(nul)) lines.push(`shuffled labels 95% (mean over channels): ${formatNumber(nul)}`);
  lines.push("click: select this epoch");
  return lines.join("\n");
}
function boxPlot({ values, epochs, nChannels, nullLevel, yMax, width, height, epoch, onPick, title }) {
  const node = svg("svg", { class: "cs-chart ci-boxes", width, height, viewBox: `0 0 ${width} ${height}`, "data-role": "boxes" });
  node.append(svg("text", { class: "cs-chart-title", x: MARGIN2.left, y: 13 }, title));
  const plot = { x0: MARGIN2.left, x1: width - MARGIN2.right, y0: height - MARGIN2.bottom, y1: MARGIN2.top };
  const E = epochs.length;
  const stats = epochs.map((_, e) => boxStats(values.subarray(e * nChannels, (e + 1) * nChannels)));
  const lo = Math.min(0, ...stats.map((s) => s.min).filter(Number.isFinite));
  const top = Math.max(yMax, ...stats.map((s) => s.max).filter(Number.isFinite)) * 1.04;
  const ys = linearScale([lo, top], [plot.y0, plot.y1]);
  const band = (plot.x1 - plot.x0) / Math.max(1, E);
  const xc = (e) => plot.x0 + (e + 0.5) * band;
  const g = svg("g", { class: "cs-axes" });
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x1, y2: plot.y0 }));
  g.append(svg("line", { x1: plot.x0, y1: plot.y0, x2: plot.x0, y2: plot.y1 }));
  for (const t of niceTicks(lo, top, 5)) {
    g.append(svg("line", { class: "cs-grid", x1: plot.x0, y1: ys(t), x2: plot.x1, y2: ys(t) }));
    g.append(svg("text", { class: "cs-tick", x: plot.x0 - 5, y: ys(t) + 3.5, "text-anchor": "end" }, formatNumber(t)));
  }
  const every = Math.max(1, Math.ceil(26 / band));
  epochs.forEach((ep, e) => {
    if (e % every === 0 || e === E - 1) g.append(svg("text", { class: "cs-tick", x: xc(e), y: plot.y0 + 14, "text-anchor": "middle" }, String(ep)));
  });
  node.append(g);
  node.append(svg("text", { class: "cs-axis-title", x: (plot.x0 + plot.x1) / 2, y: height - 4, "text-anchor": "middle" }, "epoch"));
  const cy = (plot.y0 + plot.y1) / 2;
  node.append(svg("text", { class: "cs-axis-title", x: 11, y: cy, "text-anchor": "middle", transform: `rotate(-90 11 ${cy})` }, "I(T_c;Y), bits"));
  node.append(svg("line", { class: "ci-limit", x1: plot.x0, x2: plot.x1, y1: ys(yMax), y2: ys(yMax) }));
  node.append(svg("text", { class: "ci-limit-label", x: plot.x1 - 2, y: ys(yMax) - 3, "text-anchor": "end" }, `H(Y) = ${formatNumber(yMax)}`));
  const nulPts = epochs.map((_, e) => [xc(e), nullLevel?.[e]]).filter(([, v]) => Number.isFinite(v));
  if (nulPts.length) {
    node.append(svg(nulPts.length > 1 ? "polyline" : "line", nulPts.length > 1 ? { class: "ci-null-line", "data-role": "null-line", points: nulPts.map(([x, v]) => `${x.toFixed(1)},${ys(v).toFixed(1)}`).join(" ") } : { class: "ci-null-line", "data-role": "null-line", x1: nulPts[0][0] - band / 2, x2: nulPts[0][0] + band / 2, y1: ys(nulPts[0][1]), y2: ys(nulPts[0][1]) }));
  }
  const current = epochPosition(epochs, epoch);
  const w = Math.min(34, band * 0.56);
  stats.forEach((s, e) => {
    if (!s.n) return;
    const x = xc(e);
    const color = epochColor(e, E);
    const bx = svg("g", { class: `ci-box${e === current ? " ci-current" : ""}`, "data-epoch": epochs[e], "data-tip": boxTip(s, epochs[e], nullLevel?.[e]), onclick: () => onPick(epochs[e]) });
    bx.append(svg("rect", { class: "ci-box-hit", x: x - band / 2, y: plot.y1, width: band, height: plot.y0 - plot.y1 }));
    bx.append(svg("line", { class: "ci-whisker", x1: x, x2: x, y1: ys(s.lo), y2: ys(s.hi) }));
    for (const v of [s.lo, s.hi]) bx.append(svg("line", { class: "ci-whisker", x1: x - w / 4, x2: x + w / 4, y1: ys(v), y2: ys(v) }));
    bx.append(svg("rect", { class: "ci-box-body", x: x - w / 2, y: ys(s.q3), width: w, height: Math.max(1.5, ys(s.q1) - ys(s.q3)), fill: color }));
    bx.append(svg("line", { class: "ci-median", x1: x - w / 2, x2: x + w / 2, y1: ys(s.median), y2: ys(s.median) }));
    for (const v of s.outliers) bx.append(svg("circle", { class: "ci-outlier", cx: x, cy: ys(v), r: 2.2 }));
    node.append(bx);
  });
  const legend2 = h(
    "div",
    { class: "ci-box-legend", style: { marginLeft: `${MARGIN2.left}px` } },
    h("span", null, h("i", { class: "ci-key-null" }), "shuffled labels, 95% (mean over channels)"),
    h("span", null, "box: quartiles and median over channels; whiskers 1.5 IQR")
  );
  return h("div", { class: "ci-boxes-box" }, node, legend2);
}

// js/lib/info_heatmap.js
var MARGIN3 = { top: 12, right: 8, bottom: 30 };
function classHeatmap({ lut, title, legendTitle, describe, onPick, role, onHover = () => {
}, onLeave = () => {
} }) {
  const canvas = h("canvas", { "data-role": `${role}-canvas` });
  const axisLayer = svg("g");
  const marksLayer = svg("g");
  const overlay = svg("svg", { class: "ci-hm-overlay" }, axisLayer, marksLayer);
  const tip = h("div", { class: "cs-tip", hidden: true, "data-role": "tooltip" });
  const plot = h("div", { class: "ci-hm-plot", "data-role": role }, canvas, overlay, tip);
  const legendBox = h("div", { class: "ci-hm-legend" });
  const head = h("div", { class: "ci-hm-title" }, title);
  const el = h("div", { class: "ci-hm" }, head, h("div", { class: "ci-hm-row" }, plot, legendBox));
  let m2 = null;
  const cellAt = (event) => {
    if (!m2) return null;
    const rect = canvas.getBoundingClientRect();
    const col = Math.floor((event.clientX - rect.left) / m2.cw);
    const row = Math.floor((event.clientY - rect.top) / m2.ch);
    if (row < 0 || col < 0 || row >= m2.rows || col >= m2.cols) return null;
    return { row, col, value: m2.data[row * m2.cols + col] };
  };
  const band = (cell) => {
    const style = { class: "ci-hm-band" };
    marksLayer.replaceChildren(
      svg("rect", { ...style, x: m2.left, y: MARGIN3.top + cell.row * m2.ch, width: m2.cols * m2.cw, height: m2.ch }),
      svg("rect", { ...style, x: m2.left + cell.col * m2.cw, y: MARGIN3.top, width: m2.cw, height: m2.rows * m2.ch })
    );
  };
  let hovered = null;
  const leave = () => {
    tip.hidden = true;
    marksLayer.replaceChildren();
    if (hovered) {
      hovered = null;
      onLeave();
    }
  };
  const move = (event) => {
    const cell = cellAt(event);
    if (!cell) return leave();
    tip.textContent = describe(cell);
    tip.hidden = false;
    const rect = plot.getBoundingClientRect();
    tip.style.left = `${Math.max(0, Math.min(event.clientX - rect.left + 14, rect.width - 190))}px`;
    tip.style.top = `${event.clientY - rect.top + 14}px`;
    band(cell);
    if (!hovered || hovered.row !== cell.row || hovered.col !== cell.col) {
      hovered = cell;
      onHover(cell);
    }
  };
  const click = (event) => {
    const cell = cellAt(event);
    if (cell) onPick(cell.col);
  };
  canvas.addEventListener("pointermove", move);
  canvas.addEventListener("pointerleave", leave);
  canvas.addEventListener("click", click);
  return {
    el,
    setTitle(text) {
      head.textContent = text;
    },
    /** Paint; returns the paint time in ms. */
    render({ data, rows, cols, vmin, vmax, rowLabels, marks = [], rowMarks = [], legendTop, legendBottom, maxWidth = 560 }) {
      const left = Math.max(30, 10 + 6.2 * Math.max(0, ...rowLabels.map((t) => String(t).length)));
      const cw = Math.max(2, Math.min(28, (maxWidth - left - MARGIN3.right) / Math.max(1, cols)));
      const ch = Math.max(10, Math.min(22, 220 / Math.max(1, rows)));
      m2 = { data, rows, cols, cw, ch, left };
      const W2 = cols * cw;
      const H2 = rows * ch;
      const ms = paintMatrix(canvas, {
        data,
        rows,
        cols,
        vmin,
        vmax,
        lut,
        rowOrder: Array.from({ length: rows }, (_, i) => i),
        colOrder: Array.from({ length: cols }, (_, j) => j)
      }, W2, H2);
      Object.assign(canvas.style, { left: `${left}px`, top: `${MARGIN3.top}px` });
      const width = left + W2 + MARGIN3.right;
      const height = MARGIN3.top + H2 + MARGIN3.bottom;
      Object.assign(plot.style, { width: `${width}px`, height: `${height}px` });
      overlay.setAttribute("width", width);
      overlay.setAttribute("height", height);
      const g = svg("g", { class: "cs-axis" });
      for (let j = 0; j < cols; j += tickStep(cols, cw, 22)) {
        g.append(svg("text", { x: left + (j + 0.5) * cw, y: MARGIN3.top + H2 + 11, "text-anchor": "middle" }, String(j)));
      }
      for (let i = 0; i < rows; i += tickStep(rows, ch, 11)) {
        g.append(svg("text", { x: left - 4, y: MARGIN3.top + (i + 0.5) * ch + 3.5, "text-anchor": "end" }, rowLabels[i] ?? String(i)));
      }
      g.append(svg("text", { class: "cs-axis-title", x: left, y: MARGIN3.top + H2 + 25 }, `channel (${cols})`));
      g.append(svg("text", { class: "cs-axis-title", x: left - 4, y: MARGIN3.top - 2, "text-anchor": "end" }, "class"));
      for (const c2 of marks) {
        if (c2 >= 0 && c2 < cols) g.append(svg("path", { class: "ci-hm-mark", "data-role": "channel-mark", d: `M${left + (c2 + 0.5) * cw},${MARGIN3.top - 1} l-4,-7 h8 z` }));
      }
      for (const r of rowMarks) {
        if (r >= 0 && r < rows) g.append(svg("rect", { class: "ci-hm-row-mark", "data-role": "class-mark", x: left - 1, y: MARGIN3.top + r * ch - 1, width: W2 + 2, height: ch + 2 }));
      }
      axisLayer.replaceChildren(g);
      marksLayer.replaceChildren();
      legendBox.replaceChildren(
        h("div", { class: "cs-legend-title" }, legendTitle),
        h(
          "div",
          { class: "ci-hm-legend-body" },
          colorBar(lut, 12, Math.max(H2, 90)),
          h("div", { class: "ci-hm-legend-scale", style: { height: `${Math.max(H2, 90)}px` } }, h("span", null, legendTop ?? formatNumber(vmax)), h("span", null, legendBottom ?? formatNumber(vmin)))
        )
      );
      plot.dataset.rows = String(rows);
      plot.dataset.cols = String(cols);
      return ms;
    },
    dispose() {
      canvas.removeEventListener("pointermove", move);
      canvas.removeEventListener("pointerleave", leave);
      canvas.removeEventListener("click", click);
    }
  };
}

// js/lib/redraw_clock.js
function redrawClock(root) {
  let pending = null;
  let draws = 0;
  return {
    request(epoch) {
      pending = { epoch, t0: performance.now() };
      delete root.dataset.redrawMs;
    },
    stamp(epoch, paintMs, extra = {}) {
      const now = performance.now();
      draws += 1;
      Object.assign(root.dataset, {
        ...extra,
        drawnEpoch: String(epoch),
        drawMs: paintMs.toFixed(2),
        draws: String(draws),
        drawnAt: (performance.timeOrigin + now).toFixed(2)
      });
      if (pending && pending.epoch === epoch) {
        root.dataset.redrawMs = (now - pending.t0).toFixed(2);
        pending = null;
      }
    }
  };
}

// js/views/information.js
var MI_LUT = colorTable(viridis);
var RANK_LUT = colorTable(blues, { reverse: true });
var ESTIMATORS = [
  ["kde", "KDE band", "KDE: the band runs from the lower (Bhattacharyya) to the upper (KL) pairwise bound"],
  ["kde_upper", "KDE upper", "KDE upper bound (KL kernel, exp(-d²/2σ²))"],
  ["kde_lower", "KDE lower", "KDE lower bound (Bhattacharyya kernel, exp(-d²/8σ²))"],
  ["binning", "binning", "Binning: 30 equal bins over the layer's range, each sample's binned vector is one state"]
];
function estimatorControl(model) {
  const buttons = ESTIMATORS.map(([key, text, title]) => h("button", {
    type: "button",
    "data-estimator": key,
    "aria-pressed": "false",
    title,
    onclick: () => {
      model.set("estimator", key);
      model.save_changes();
    }
  }, text));
  const show = () => buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.estimator === model.get("estimator"))));
  show();
  const el = h("span", { class: "cs-seg", "data-role": "estimator" }, h("span", { class: "cs-slider-label" }, "estimator"), h("span", { class: "cs-seg-buttons" }, ...buttons));
  return { el, show };
}
function notesOf(lines, caption) {
  return [h("div", null, caption), ...(lines || []).map((t) => h("div", { "data-role": "note" }, t))];
}
function informationView({ model, el, root, selection }) {
  root.classList.add("ci-info");
  const clock = redrawClock(root);
  const requestEpoch = (epoch) => {
    if (epoch === selection.get("epoch")) return;
    clock.request(epoch);
    selection.update({ epoch });
  };
  const estimator = estimatorControl(model);
  const slider = epochSlider({ onInput: () => {
  }, onCommit: requestEpoch });
  const sub = h("span", { class: "cs-sub", "data-role": "subtitle" });
  const planeBox = h("div", { "data-role": "plane-box" });
  const planeNotes = h("div", { class: "cs-notes", "data-role": "plane-notes", style: { maxWidth: "480px" } });
  const layerTitle = h("div", { class: "ci-sub-title", "data-role": "layer-title" });
  const boxesBox = h("div", { "data-role": "boxes-box" });
  const panelMessage = h("div", { class: "ci-panel-message", "data-role": "panel-message", hidden: true });
  const onPickChannel = (channel) => model.send({ event: "pick_channel", channel });
  const info = () => model.get("layer_info") || {};
  const hoverCell = (c2) => selection.hover({ kind: "channel", layer: info().layer, channel: c2.col, source: "information" });
  const unhover = () => {
    if (selection.get("hovered")?.source === "information") selection.hover({});
  };
  const classes = () => info().classes || [];
  const miMap = classHeatmap({
    lut: MI_LUT,
    title: "",
    legendTitle: "bits",
    role: "mi-heatmap",
    onPick: onPickChannel,
    onHover: hoverCell,
    onLeave: unhover,
    describe: (c2) => {
      const payload = model.get("class_p");
      const p = payload ? decode(payload) : null;
      const pv = p ? p.data[c2.row * p.shape[1] + c2.col] : NaN;
      return `class ${classes()[c2.row] ?? c2.row} vs rest · channel ${c2.col}
I(T_c; 1[Y=k]) = ${formatNumber(c2.value)} bits${Number.isFinite(pv) ? `
permutation p = ${formatNumber(pv)}` : ""}`;
    }
  });
  const rankMap = classHeatmap({
    lut: RANK_LUT,
    title: "",
    legendTitle: "rank",
    role: "rank-heatmap",
    onPick: onPickChannel,
    onHover: hoverCell,
    onLeave: unhover,
    describe: (c2) => `class ${classes()[c2.row] ?? c2.row} · channel ${c2.col}
rank ${c2.value} of ${info().n_channels} (1 = most informative)`
  });
  const mapsNotes = h("div", { class: "cs-notes", "data-role": "layer-notes", style: { maxWidth: "900px" } });
  const maps = h("div", { class: "ci-maps" }, miMap.el, rankMap.el);
  const layerBody = h("div", { class: "ci-layer-body" }, boxesBox, maps, mapsNotes);
  const busy = h("div", { class: "cs-busy", hidden: true, "data-role": "busy" });
  el.append(
    h("div", { class: "cs-head" }, h("span", null, h("span", { class: "cs-title" }, "Information plane"), sub), estimator.el, slider.el),
    h(
      "div",
      { class: "ci-main" },
      h("div", null, planeBox, planeNotes),
      h("div", { class: "ci-layer" }, layerTitle, panelMessage, layerBody)
    ),
    busy
  );
  let plane = null;
  const drawPlane = () => {
    plane?.dispose();
    plane = null;
    const p = model.get("plane_xt");
    const pi = model.get("plane_info") || {};
    if (!p || !pi.layers) {
      planeBox.replaceChildren();
      return;
    }
    plane = infoPlane({
      xt: decode(p),
      ty: decode(model.get("plane_ty")),
      nul: decode(model.get("plane_null")),
      sat: decode(model.get("plane_saturated")),
      info: pi,
      width: 480,
      height: 360,
      selected: selection.get("layers") || [],
      epoch: selection.get("epoch"),
      onPick: (layer) => model.send({ event: "pick_layer", layer })
    });
    planeBox.replaceChildren(plane.el);
    sub.textContent = ` · ${pi.label} · ${pi.layers.length} layers · ${pi.n_samples} samples · ${pi.n_permutations} label shuffles`;
    const caption = "One trajectory per layer through the recorded epochs (colour = epoch, ring = selected epoch, hollow = saturated). Click a trajectory to select its layer.";
    planeNotes.replaceChildren(...notesOf(pi.notes, caption));
    root.dataset.drawnEstimator = pi.estimator;
  };
  const drawPanels = () => {
    const msg = model.get("panel_message") || "";
    panelMessage.textContent = msg;
    panelMessage.hidden = !msg;
    layerBody.hidden = Boolean(msg);
    const li = info();
    const payload = model.get("channel_mi");
    if (msg || !payload || !li.layer) {
      layerTitle.textContent = msg ? "" : "…";
      return;
    }
    layerTitle.textContent = `${li.layer} · ${li.n_channels} channel${li.n_channels === 1 ? "" : "s"} · ${li.method}`;
    const mi = decode(payload);
    boxesBox.replaceChildren(boxPlot({
      values: mi.data,
      epochs: li.epochs,
      nChannels: mi.shape[1],
      nullLevel: decode(model.get("channel_null")).data,
      yMax: li.h_y,
      width: 470,
      height: 250,
      epoch: selection.get("epoch"),
      onPick: requestEpoch,
      title: `I(T_c;Y) of each channel of ${li.layer} over epochs`
    }));
    const cm = decode(model.get("class_mi"));
    const rk = decode(model.get("class_rank"));
    const [rows, cols] = cm.shape;
    const marks = selection.get("channels") || [];
    const klass = selection.get("class_index");
    const rowMarks = Number.isInteger(klass) ? [klass] : [];
    miMap.setTitle(`One-vs-rest I(T_c; 1[Y=k]) at epoch ${li.epoch}`);
    rankMap.setTitle(`Rank of each channel within its class at epoch ${li.epoch}`);
    const t0 = performance.now();
    miMap.render({ data: cm.data, rows, cols, vmin: 0, vmax: li.vmax, rowLabels: li.classes, marks, rowMarks, maxWidth: 460 });
    rankMap.render({ data: Float32Array.from(rk.data), rows, cols, vmin: 1, vmax: Math.max(2, cols), rowLabels: li.classes, marks, rowMarks, maxWidth: 460, legendTop: cols > 1 ? `${cols} (least)` : "", legendBottom: cols > 1 ? "1 (most)" : "1 (the only channel)" });
    const ms = performance.now() - t0;
    const caption = `Box plots: I(T_c;Y) over the ${li.n_channels} channel${li.n_channels === 1 ? "" : "s"}, 0 to H(Y) = ${formatNumber(li.h_y)} bits; click a box for its epoch. Heatmaps: colour 0 to ${formatNumber(li.vmax)} bits (the largest H(1[Y=k])) and rank 1 (dark) to ${cols}; hover for values, click a column to select the channel.`;
    mapsNotes.replaceChildren(...notesOf(li.notes, caption));
    Object.assign(maps.dataset, { layer: li.layer, epoch: String(li.epoch), rows: String(rows), cols: String(cols) });
    clock.stamp(li.epoch, ms, { drawnLayer: li.layer });
  };
  let scheduled = { plane: false, panels: false };
  const schedule = (what) => {
    if (scheduled[what]) return;
    scheduled[what] = true;
    queueMicrotask(() => {
      scheduled[what] = false;
      (what === "plane" ? drawPlane : drawPanels)();
    });
  };
  const showBusy = () => {
    const text = model.get("status") || "";
    busy.textContent = text;
    busy.hidden = !text;
    root.dataset.busy = String(Boolean(text));
  };
  const syncSlider = () => slider.setEpochs(model.get("epochs") || [], selection.get("epoch"));
  for (const name of ["plane_xt", "plane_ty", "plane_null", "plane_saturated", "plane_info"]) model.on(`change:${name}`, () => schedule("plane"));
  for (const name of ["channel_mi", "channel_null", "class_mi", "class_rank", "layer_info", "panel_message"]) model.on(`change:${name}`, () => schedule("panels"));
  model.on("change:estimator", estimator.show);
  model.on("change:status", showBusy);
  model.on("change:epochs", syncSlider);
  selection.onChange((snap) => {
    slider.setValue(snap.epoch);
    schedule("plane");
  }, ["epoch", "layers"]);
  selection.onChange(() => schedule("panels"), ["channels", "class_index"]);
  syncSlider();
  showBusy();
  drawPlane();
  drawPanels();
  return () => {
    plane?.dispose();
    miMap.dispose();
    rankMap.dispose();
  };
}
var information_default = defineView("information", informationView);

// js/lib/heatplot.js
var MARGIN4 = { left: 46, top: 10, right: 10, bottom: 44 };
function axes3(m2) {
  const W2 = m2.cols * m2.cw;
  const H2 = m2.rows * m2.ch;
  const g = svg("g", { class: "cs-axis" });
  for (let j = 0; j < m2.cols; j += tickStep(m2.cols, m2.cw, 24)) {
    g.append(svg("text", { x: MARGIN4.left + (j + 0.5) * m2.cw, y: MARGIN4.top + H2 + 12, "text-anchor": "middle" }, String(m2.colOrder[j])));
  }
  for (let i = 0; i < m2.rows; i += tickStep(m2.rows, m2.ch, 12)) {
    g.append(svg("text", { x: MARGIN4.left - 4, y: MARGIN4.top + (i + 0.5) * m2.ch + 3.5, "text-anchor": "end" }, String(m2.rowOrder[i])));
  }
  const cy = MARGIN4.top + H2 / 2;
  g.append(svg("text", { class: "cs-axis-title", x: MARGIN4.left, y: MARGIN4.top + H2 + 30 }, m2.xTitle));
  g.append(svg("text", { class: "cs-axis-title", x: 11, y: cy, "text-anchor": "middle", transform: `rotate(-90 11 ${cy})` }, m2.yTitle));
  for (const c2 of m2.marks || []) {
    const j = m2.colOrder.indexOf(c2);
    if (j >= 0) g.append(svg("path", { class: "cs-mark", d: `M${MARGIN4.left + (j + 0.5) * m2.cw},${MARGIN4.top - 1} l-4,-7 h8 z` }));
    const i = m2.rowOrder.indexOf(c2);
    if (i >= 0) g.append(svg("path", { class: "cs-mark", d: `M${MARGIN4.left + W2 + 1},${MARGIN4.top + (i + 0.5) * m2.ch} l7,-4 v8 z` }));
  }
  return g;
}
function cellRect(m2, i, j, picked) {
  const box = { x: MARGIN4.left + j * m2.cw, y: MARGIN4.top + i * m2.ch, width: Math.max(m2.cw, 1), height: Math.max(m2.ch, 1), fill: "none" };
  const wide = picked ? 4 : 3;
  return svg(
    "g",
    { class: picked ? "cs-picked" : "cs-hover" },
    svg("rect", { ...box, stroke: "#fff", "stroke-width": wide }),
    svg("rect", { ...box, stroke: "#111", "stroke-width": wide / 2.5 })
  );
}
function bands(m2, i, j) {
  const style = { class: "cs-band" };
  return [
    svg("rect", { ...style, x: MARGIN4.left, y: MARGIN4.top + i * m2.ch, width: m2.cols * m2.cw, height: Math.max(m2.ch, 1) }),
    svg("rect", { ...style, x: MARGIN4.left + j * m2.cw, y: MARGIN4.top, width: Math.max(m2.cw, 1), height: m2.rows * m2.ch })
  ];
}
function legend(lut, vmax, height) {
  return h(
    "div",
    { class: "cs-legend", "data-role": "legend", title: "Channel capacity in bits: darker = more shared information, brighter = less" },
    h("div", { class: "cs-legend-title" }, "bits"),
    h(
      "div",
      { class: "cs-legend-body" },
      colorBar(lut, 14, height),
      h("div", { class: "cs-legend-scale", style: { height: `${height}px` } }, h("span", null, formatNumber(vmax)), h("span", null, "0"))
    )
  );
}
function heatPlot({ lut, describe, onHover, onLeave, onPick }) {
  const canvas = h("canvas", { "data-role": "heatmap" });
  const axisLayer = svg("g");
  const marksLayer = svg("g");
  const overlay = svg("svg", {}, axisLayer, marksLayer);
  const tip = h("div", { class: "cs-tip", hidden: true, "data-role": "tooltip" });
  const busy = h("div", { class: "cs-busy", hidden: true, "data-role": "busy" });
  const plot = h("div", { class: "cs-plot", "data-role": "plot" }, canvas, overlay, tip, busy);
  const legendBox = h("div");
  const el = h("div", { class: "cs-plot-row" }, plot, legendBox);
  let m2 = null;
  let hover = null;
  let picked = [];
  const drawMarks = () => {
    const children = [];
    if (m2 && hover) children.push(...bands(m2, hover.i, hover.j), cellRect(m2, hover.i, hover.j, false));
    if (m2 && picked.length === 2) {
      const j = m2.colOrder.indexOf(picked[0]);
      const i = m2.rowOrder.indexOf(picked[1]);
      if (i >= 0 && j >= 0) children.push(cellRect(m2, i, j, true));
    }
    marksLayer.replaceChildren(...children);
  };
  const cellAt = (event) => {
    if (!m2) return null;
    const rect = canvas.getBoundingClientRect();
    const j = Math.floor((event.clientX - rect.left) / m2.cw);
    const i = Math.floor((event.clientY - rect.top) / m2.ch);
    if (i < 0 || j < 0 || i >= m2.rows || j >= m2.cols) return null;
    const col = m2.colOrder[j];
    const row = m2.rowOrder[i];
    return { i, j, col, row, value: m2.data[row * m2.cols + col] };
  };
  const leave = () => {
    tip.hidden = true;
    if (!hover) return;
    hover = null;
    drawMarks();
    onLeave();
  };
  const move = (event) => {
    const cell = cellAt(event);
    if (!cell) return leave();
    tip.replaceChildren(...describe(cell));
    tip.hidden = false;
    const rect = plot.getBoundingClientRect();
    tip.style.left = `${Math.min(event.clientX - rect.left + 14, rect.width - 150)}px`;
    tip.style.top = `${event.clientY - rect.top + 14}px`;
    if (hover && hover.i === cell.i && hover.j === cell.j) return;
    hover = cell;
    drawMarks();
    onHover(cell);
  };
  const click = (event) => {
    const cell = cellAt(event);
    if (cell) onPick(cell);
  };
  canvas.addEventListener("pointermove", move);
  canvas.addEventListener("pointerleave", leave);
  canvas.addEventListener("click", click);
  return {
    el,
    plot,
    /** Paint m; returns the paint time in ms. */
    render(next) {
      const { cw, ch } = cellSize(next.rows, next.cols);
      m2 = { ...next, cw, ch };
      const W2 = m2.cols * cw;
      const H2 = m2.rows * ch;
      const ms = paintMatrix(canvas, { ...m2, lut }, W2, H2);
      Object.assign(canvas.style, { left: `${MARGIN4.left}px`, top: `${MARGIN4.top}px` });
      const width = MARGIN4.left + Math.max(W2, 230) + MARGIN4.right;
      const height = MARGIN4.top + H2 + MARGIN4.bottom;
      Object.assign(plot.style, { width: `${width}px`, height: `${height}px` });
      overlay.setAttribute("width", width);
      overlay.setAttribute("height", height);
      axisLayer.replaceChildren(axes3(m2));
      if (hover && (hover.i >= m2.rows || hover.j >= m2.cols)) hover = null;
      drawMarks();
      legendBox.replaceChildren(legend(lut, m2.vmax, Math.max(H2, 120)));
      return ms;
    },
    get width() {
      return m2 ? MARGIN4.left + Math.max(m2.cols * m2.cw, 230) + MARGIN4.right + 60 : 0;
    },
    setPicked(next) {
      picked = next || [];
      drawMarks();
    },
    setBusy(text) {
      busy.textContent = text;
      busy.hidden = !text;
    },
    dispose() {
      canvas.removeEventListener("pointermove", move);
      canvas.removeEventListener("pointerleave", leave);
      canvas.removeEventListener("click", click);
    }
  };
}

// js/views/layer.js
var LUT = colorTable(viridis, { reverse: true });
var SORTS = [["max", "max"], ["mean", "mean"], ["none", "channel"]];
function sortControl(model) {
  const buttons = SORTS.map(([by, text]) => h("button", {
    type: "button",
    "data-sort": by,
    "aria-pressed": "false",
    title: by === "none" ? "Rows and columns in channel order" : `Sort rows and columns by their ${by} capacity, largest first`,
    onclick: () => {
      model.set("sort_by", by);
      model.save_changes();
    }
  }, text));
  const show = () => buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.sort === model.get("sort_by"))));
  show();
  const el = h("span", { class: "cs-seg" }, h("span", { class: "cs-slider-label" }, "sort"), h("span", { class: "cs-seg-buttons" }, ...buttons));
  return { el, show };
}
function featurePanel(model) {
  const info = model.get("picked_info") || {};
  if (!info.source) {
    return [h("div", { class: "cs-hint" }, "Click a cell to see the feature maps of its source and target channels for a few probe images.")];
  }
  const classes = model.get("classes") || [];
  const labels = maybeDecode(model.get("probe_labels"));
  const captions = labels ? Array.from(labels.data, (k) => classes[k] ?? String(k)) : null;
  const range2 = (r) => `grey scale ${formatNumber(r[0])} (black) to ${formatNumber(r[1])} (white)`;
  const rows = [
    imageRow("probe images", maybeDecode(model.get("probe_images")), { role: "input", captions }),
    imageRow(`${info.source} ch ${info.source_channel}`, maybeDecode(model.get("source_maps")), { role: "source", title: range2(info.source_range) }),
    imageRow(`${info.target} ch ${info.target_channel}`, maybeDecode(model.get("target_maps")), { role: "target", title: range2(info.target_range) })
  ];
  if (info.deconv) {
    rows.push(imageRow(`deconvnet ${info.source} ch ${info.source_channel}`, maybeDecode(model.get("source_deconv")), { role: "source-deconv" }));
    rows.push(imageRow(`deconvnet ${info.target} ch ${info.target_channel}`, maybeDecode(model.get("target_deconv")), { role: "target-deconv" }));
  }
  const deconvNote = info.deconv ? "Deconvnet: projections to input space, mid grey = 0." : "";
  return [
    h(
      "div",
      { class: "cs-panel-head" },
      h("span", { class: "cs-title" }, `${info.source} ch ${info.source_channel} → ${info.target} ch ${info.target_channel}`),
      h("span", { class: "cs-sub" }, ` · ${formatNumber(info.value)} bits at epoch ${info.epoch}`)
    ),
    ...rows,
    h("div", { class: "cs-notes" }, `Feature maps: one grey scale per row (black = its minimum). ${deconvNote} ${info.note || ""}`.trim())
  ];
}
function cellTip(info) {
  return (cell) => [
    h("span", { class: "cs-swatch", style: { background: rgb(colorOf(LUT, cell.value, info().vmin ?? 0, info().vmax ?? 1)) } }),
    `${formatNumber(cell.value)} bits
source ${info().source} ch ${cell.col}
target ${info().target} ch ${cell.row}`
  ];
}
function heatmapDrawer({ model, selection, plot, title, sub, notes, clock }) {
  return () => {
    const payload = model.get("capacity");
    if (!payload) return;
    const m2 = model.get("info") || {};
    const cap = decode(payload);
    const [rows, cols] = cap.shape;
    const order = m2.sort_by === "none" ? "channel order" : `sorted by ${m2.sort_by}`;
    const ms = plot.render({
      data: cap.data,
      rows,
      cols,
      vmin: m2.vmin ?? 0,
      vmax: m2.vmax ?? 1,
      rowOrder: Array.from(decode(model.get("row_order")).data),
      colOrder: Array.from(decode(model.get("column_order")).data),
      xTitle: `source ${m2.source} · ${cols} channel${cols === 1 ? "" : "s"} (${order})`,
      yTitle: `target ${m2.target} · ${rows}`,
      marks: selection.get("channels") || []
    });
    title.textContent = `Channel capacity: ${m2.source} → ${m2.target}`;
    sub.textContent = ` · epoch ${m2.epoch} · ${m2.n_samples} samples (${m2.sample_group}) · ${m2.bins} bins`;
    const caption = `Colour: channel capacity from 0 bits (bright) to ${formatNumber(m2.vmax ?? 0)} bits (dark); brighter = less shared information. Hover for values, click a cell for feature maps.`;
    notes.replaceChildren(h("div", null, caption), ...(m2.notes || []).map((t) => h("div", { "data-role": "note" }, t)));
    notes.style.maxWidth = `${plot.width}px`;
    Object.assign(plot.plot.dataset, { source: m2.source, target: m2.target, rows, cols, epoch: m2.epoch, sorted: m2.sort_by });
    clock.stamp(m2.epoch, ms);
  };
}
function layerView({ model, el, root, selection }) {
  root.classList.add("cs-layer");
  const info = () => model.get("info") || {};
  const clock = redrawClock(root);
  const requestEpoch = (epoch, commit) => {
    if (epoch === selection.get("epoch") || !(commit || (info().cached || []).includes(epoch))) return;
    clock.request(epoch);
    selection.update({ epoch });
  };
  const title = h("span", { class: "cs-title", "data-role": "title" });
  const sub = h("span", { class: "cs-sub", "data-role": "subtitle" });
  const sort = sortControl(model);
  const slider = epochSlider({ onInput: (e) => requestEpoch(e, false), onCommit: (e) => requestEpoch(e, true) });
  const plot = heatPlot({
    lut: LUT,
    describe: cellTip(info),
    onHover: (c2) => selection.hover({ kind: "cell", layer: info().source, channel: c2.col, to_layer: info().target, to_channel: c2.row, source: "layer" }),
    onLeave: () => {
      if (selection.get("hovered")?.source === "layer") selection.hover({});
    },
    onPick: (c2) => {
      model.set("picked", [c2.col, c2.row]);
      model.save_changes();
      plot.setPicked([c2.col, c2.row]);
    }
  });
  const notes = h("div", { class: "cs-notes", "data-role": "notes" });
  const panel2 = h("div", { class: "cs-panel", "data-role": "maps" });
  el.append(
    h("div", { class: "cs-head" }, h("span", null, title, sub), sort.el, slider.el),
    h("div", { class: "cs-main" }, h("div", null, plot.el, notes), panel2)
  );
  const draw3 = heatmapDrawer({ model, selection, plot, title, sub, notes, clock });
  let scheduled = false;
  const scheduleDraw = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      draw3();
    });
  };
  const drawPanel = () => {
    panel2.replaceChildren(...featurePanel(model));
    panel2.dataset.picked = (model.get("picked") || []).join(",");
  };
  const showBusy = () => {
    plot.setBusy(model.get("status") || "");
    root.dataset.busy = String(Boolean(model.get("status")));
  };
  const syncSlider = () => slider.setEpochs(model.get("epochs") || [], selection.get("epoch"));
  for (const name of ["capacity", "row_order", "column_order", "info"]) model.on(`change:${name}`, scheduleDraw);
  model.on("change:sort_by", sort.show);
  model.on("change:status", showBusy);
  model.on("change:epochs", syncSlider);
  model.on("change:picked", () => plot.setPicked(model.get("picked")));
  model.on("change:picked_info", drawPanel);
  selection.onChange((snap) => slider.setValue(snap.epoch), ["epoch"]);
  selection.onChange(scheduleDraw, ["channels"]);
  syncSlider();
  showBusy();
  draw3();
  plot.setPicked(model.get("picked"));
  drawPanel();
  return () => plot.dispose();
}
var layer_default = defineView("layer", layerView);

// js/lib/perf_panels.js
var matrix = (payload) => payload ? decode(payload) : null;
function layout(width, classes = []) {
  const w = Math.max(320, width - 4);
  const need = classes.length ? Math.min(heatmapWidth(classes, Math.min(classes.length, 16)), 600) : 0;
  if (w < 760) return { confusion: Math.min(w, Math.max(380, need)), line: Math.min(w, 460), bars: Math.min(w, 460), loss: Math.min(w, 460) };
  const confusion = Math.min(Math.max(Math.min(340, Math.round(w * 0.34)), need), Math.round(w * 0.45));
  const line = Math.floor((w - confusion - 40) / 2);
  const bars = Math.min(360, Math.round(w * 0.36));
  return { confusion, line, bars, loss: w - bars - 22 };
}
function classLines(values, epochs, classes, focus) {
  const K = classes.length;
  return classes.map((name, k) => ({
    key: `class-${k}`,
    label: name,
    color: categorical(k),
    x: epochs,
    y: Array.from(epochs, (_, e) => values.data[e * K + k]),
    emphasis: focus === null || focus === void 0 ? void 0 : focus === k ? "strong" : "faded"
  }));
}
function entropyTips(values, epochs, classes, what) {
  const K = classes.length;
  return Array.from(epochs, (epoch, e) => {
    const rows = classes.map((name, k) => {
      const v = values.data[e * K + k];
      return `${name}: ${v === Infinity ? `∞ (${what})` : `${formatNumber(v)} bits`}`;
    });
    return { x: epoch, tip: `epoch ${epoch} (click to show it)
${rows.join("\n")}` };
  });
}
function lossSeries(model, runs, active) {
  const steps = matrix(model.get("loss_epochs"));
  const values = matrix(model.get("loss_values"));
  if (!steps || !values || !steps.shape[0]) return [];
  const T = steps.shape[1];
  return runs.map((run, r) => ({
    key: `run-${r}`,
    label: run.name,
    color: runColor(r),
    x: Array.from(steps.data.subarray(r * T, (r + 1) * T)),
    y: Array.from(values.data.subarray(r * T, (r + 1) * T)),
    emphasis: runs.length > 1 && r === active ? "strong" : void 0
  }));
}
function panel(role, chart2, ...notes) {
  const width = chart2 ? Number(chart2.getAttribute("width")) : 0;
  return h("div", { class: "cp-panel", "data-panel": role, style: width ? { width: `${width}px` } : null }, chart2, ...notes);
}
function confusionPanel({ model, selection }, { sizes, runs, active, classes }) {
  const payload = matrix(model.get("confusion"));
  const shown = model.get("confusion_epoch");
  const run = runs[active];
  if (!payload) return panel("confusion", null, h("div", { class: "cp-panel-note", "data-role": "confusion" }, `No confusion matrix: run ${run?.name ?? ""} has no complete epoch.`));
  const n = payload.shape[0];
  const values = payload.data;
  const rowSum = (r) => {
    let s = 0;
    for (let c2 = 0; c2 < n; c2++) s += values[r * n + c2];
    return s;
  };
  const colSum = (c2) => {
    let s = 0;
    for (let r = 0; r < n; r++) s += values[r * n + c2];
    return s;
  };
  const pct = (v, total) => total ? `${(100 * v / total).toFixed(1)}%` : "–";
  const chart2 = countHeatmap({
    size: sizes.confusion,
    values,
    n,
    rowLabels: classes,
    colLabels: classes,
    role: "confusion",
    title: `Confusion matrix · epoch ${shown}`,
    xLabel: "predicted class",
    yLabel: "true class",
    tip: (r, c2, v) => `true ${classes[r]} → predicted ${classes[c2]}: ${v} sample${v === 1 ? "" : "s"}
${pct(v, rowSum(r))} of true ${classes[r]}, ${pct(v, colSum(c2))} of predicted ${classes[c2]}
(click: select these samples)`,
    onPick: (r, c2) => selection.update({ sample_group: `label == ${r} and pred == ${c2}` })
  });
  chart2.dataset.epoch = String(shown);
  chart2.dataset.total = String(values.reduce((a2, b) => a2 + Number(b), 0));
  const empty = classes.filter((_, c2) => colSum(c2) === 0);
  return panel(
    "confusion",
    chart2,
    h("div", { class: "cp-panel-note" }, h("span", { class: "cp-swatch", style: { background: runColor(active) } }), ` ${run.name} · rows: true class, columns: predicted; darker = more (log scale).`),
    empty.length ? h("div", { class: "cp-panel-note", "data-role": "never-predicted" }, `Never predicted at epoch ${shown}: class${empty.length > 1 ? "es" : ""} ${empty.join(", ")} (empty column${empty.length > 1 ? "s" : ""}).`) : null
  );
}
function entropyPanel({ model, selection, setEpoch }, { sizes, epochs, classes, active, runs }, { role, values, title, what }) {
  if (!values || !epochs.length) return panel(role, null);
  const xs = Array.from(epochs);
  const lo = xs[0];
  const hi = xs[xs.length - 1];
  const chart2 = lineChart({
    width: sizes.line,
    height: 230,
    role,
    title,
    xLabel: "epoch",
    yLabel: "bits",
    xDomain: lo === hi ? [lo - 1, hi + 1] : [lo, hi],
    xTicks: lo === hi ? [lo] : null,
    series: classLines(values, xs, classes, selection.get("class_index")),
    infMarkers: true,
    cursor: model.get("confusion_epoch"),
    slots: entropyTips(values, xs, classes, what),
    onPick: setEpoch
  });
  return panel(role, chart2, h(
    "div",
    { class: "cp-panel-note" },
    h("span", { class: "cp-swatch", style: { background: runColor(active) } }),
    ` ${runs[active].name} · a mark in the ∞ band (a row per class): ${what}.`
  ));
}
function runPanels({ model, selection, setEpoch, setActive }, { sizes, runs, active }) {
  const inter = matrix(model.get("inter_entropy"));
  const layer = model.get("inter_layer");
  const bars = runs.map((run, r) => {
    const v = inter ? Number(inter.data[r]) : NaN;
    return {
      key: run.name,
      label: run.name,
      sublabel: `N = ${run.samples}`,
      value: v,
      color: runColor(r),
      active: r === active,
      tip: `${run.name}
${run.samples} probe samples
inter-sample entropy of ${layer || "—"}: ${Number.isFinite(v) ? `${v.toFixed(4)} bits` : "not available"}
(click: show this run)`
    };
  });
  const barsChart = barChart({ width: sizes.bars, height: 230, title: `Inter-sample entropy (${layer || "not computed"})`, yLabel: "bits", bars, onPick: setActive, role: "inter-bars" });
  const series = lossSeries(model, runs, active);
  const xs = series.flatMap((s) => s.x.filter(Number.isFinite));
  const lo = xs.length ? Math.min(...xs) : 0;
  const hi = xs.length ? Math.max(...xs) : 1;
  const steps = [...new Set(xs)].sort((a2, b) => a2 - b);
  const loss = lineChart({
    width: sizes.loss,
    height: 230,
    role: "loss-chart",
    title: "Training loss",
    xLabel: "training epoch",
    yLabel: "loss",
    xDomain: lo === hi ? [lo - 1, hi + 1] : [lo, hi],
    xTicks: lo === hi ? [lo] : null,
    series,
    cursor: selection.get("epoch"),
    onPick: setEpoch,
    empty: "no training loss recorded",
    slots: steps.map((x) => ({ x, tip: `epoch ${x}
${series.map((s) => `${s.label}: ${formatNumber(s.y[s.x.indexOf(x)] ?? NaN)}`).join("\n")}` }))
  });
  return [
    panel("inter", barsChart, h("div", { class: "cp-panel-note" }, "Diversity of each run's probe set (paper Fig. 5B). Click a bar to show that run.")),
    panel("loss", loss, h("div", { class: "cp-panel-note" }, "One line per run, every training epoch."))
  ];
}

// js/views/performance.js
var EVENTS = [
  "confusion",
  "confusion_epoch",
  "runs",
  "active_run",
  "classes",
  "epochs",
  "label_given_pred",
  "pred_given_label",
  "loss_values",
  "inter_entropy",
  "notes"
].map((k) => `change:${k}`).join(" ");
function chip({ color, text, title, active, attrs, onclick }) {
  return h(
    "button",
    { type: "button", class: `cp-chip${active ? " cp-active" : ""}`, title, "aria-pressed": String(Boolean(active)), onclick, ...attrs },
    h("span", { class: "cp-swatch", style: { background: color } }),
    text
  );
}
function header() {
  const parts = {
    notes: h("ul", { class: "cp-notes", "data-role": "notes" }),
    runChips: h("div", { class: "cp-runs", "data-role": "runs" }),
    slider: h("input", { type: "range", min: 0, max: 0, step: 1, "data-role": "epoch-slider", "aria-label": "Epoch" }),
    epochText: h("span", { "data-role": "epoch-value" }),
    classChips: h("div", { class: "cp-classes", "data-role": "classes" }),
    grid: h("div", { class: "cp-grid" })
  };
  parts.box = h(
    "div",
    { class: "cp-root" },
    parts.notes,
    h(
      "div",
      { class: "cp-bar" },
      h("span", { class: "cp-label" }, "Runs"),
      parts.runChips,
      h("label", { class: "cp-epoch" }, h("span", { class: "cp-label" }, "Epoch"), parts.slider, parts.epochText)
    ),
    h("div", { class: "cp-bar" }, h("span", { class: "cp-label" }, "Classes (click to emphasise)"), parts.classChips),
    parts.grid
  );
  return parts;
}
function drawChips({ runChips, classChips }, { runs, active, classes, focus }, { setActive, toggleClass }) {
  runChips.replaceChildren(...runs.map((run, r) => chip({
    color: runColor(r),
    text: `${run.name} (N = ${run.samples})`,
    title: `${run.path}
epochs ${run.epochs}`,
    active: r === active,
    attrs: { "data-run": r },
    onclick: () => setActive(r)
  })));
  classChips.replaceChildren(...classes.map((name, k) => chip({
    color: categorical(k),
    text: name,
    title: `class ${name}`,
    active: focus === k,
    attrs: { "data-class": k },
    onclick: () => toggleClass(k)
  })));
}
function draw({ model, el, root, selection }) {
  const parts = header();
  const { notes, slider, epochText, grid } = parts;
  el.append(parts.box);
  const detachTip = attachTooltip(parts.box);
  let asked = null;
  const ctx = {
    model,
    selection,
    setEpoch: (epoch) => {
      if (epoch === selection.get("epoch")) return;
      asked = { epoch, at: performance.now() };
      selection.update({ epoch });
    },
    setActive: (r) => {
      if (r === model.get("active_run")) return;
      model.set("active_run", r);
      model.save_changes();
    },
    toggleClass: (k) => selection.update({ class_index: selection.get("class_index") === k ? null : k })
  };
  slider.addEventListener("input", () => {
    const epochs = matrix(model.get("epochs"));
    if (epochs && epochs.size) ctx.setEpoch(epochs.data[Number(slider.value)]);
  });
  function redraw() {
    const start = performance.now();
    const classes = model.get("classes") || [];
    const state = {
      runs: model.get("runs") || [],
      active: model.get("active_run"),
      classes,
      epochs: matrix(model.get("epochs"))?.data ?? [],
      sizes: layout(el.clientWidth || root.clientWidth || 900, classes),
      focus: selection.get("class_index")
    };
    drawChips(parts, state, ctx);
    const shown = model.get("confusion_epoch");
    slider.max = String(Math.max(0, state.epochs.length - 1));
    slider.value = String(Math.max(0, Array.from(state.epochs).indexOf(shown)));
    slider.disabled = state.epochs.length < 2;
    epochText.textContent = shown >= 0 ? String(shown) : "–";
    grid.replaceChildren(
      confusionPanel(ctx, state),
      entropyPanel(ctx, state, { role: "label-given-pred", values: matrix(model.get("label_given_pred")), title: "H(label | pred = i)", what: "class i never predicted" }),
      entropyPanel(ctx, state, { role: "pred-given-label", values: matrix(model.get("pred_given_label")), title: "H(pred | label = i)", what: "class i has no samples" }),
      ...runPanels(ctx, state)
    );
    const texts = model.get("notes") || [];
    notes.replaceChildren(...texts.map((t) => h("li", {}, t)));
    notes.hidden = !texts.length;
    root.dataset.drawMs = (performance.now() - start).toFixed(1);
    if (asked && asked.epoch === shown) {
      root.dataset.epochRedrawMs = (performance.now() - asked.at).toFixed(1);
      asked = null;
    }
  }
  let frame2 = 0;
  const schedule = () => {
    if (!frame2) frame2 = requestAnimationFrame(() => {
      frame2 = 0;
      redraw();
    });
  };
  model.on(EVENTS, schedule);
  selection.onChange(schedule, ["epoch", "class_index"]);
  const resize = new ResizeObserver(schedule);
  resize.observe(el);
  redraw();
  return () => {
    model.off(EVENTS, schedule);
    resize.disconnect();
    if (frame2) cancelAnimationFrame(frame2);
    detachTip();
  };
}
var performance_default = defineView("performance", draw);

// js/lib/slicer_cube.js
var FRONT_W = 300;
var FRONT_H = 170;
var DEPTH_X = 120;
var DEPTH_Y = 78;
var LEFT = 70;
var TOP = 14;
var GAP = 0.12;
function geometry(nLayers, nEpochs, channelMax) {
  const x0 = LEFT;
  const yb = TOP + DEPTH_Y + FRONT_H;
  const colW = FRONT_W / Math.max(1, nLayers);
  const chH = FRONT_H / Math.max(1, channelMax);
  const p = (l, c2, e) => [x0 + l * colW + e * DEPTH_X, yb - Math.min(c2, channelMax) * chH - e * DEPTH_Y];
  const epochDepth = (i) => (i + 0.5) / Math.max(1, nEpochs);
  return { x0, yb, colW, chH, p, epochDepth, width: x0 + FRONT_W + DEPTH_X + 64, height: yb + 58 };
}
var pts = (list) => list.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
function boxFaces(g, [l0, l1], [c0, c1], [e0, e1], attrs) {
  const { p } = g;
  return [
    svg("polygon", { ...attrs, points: pts([p(l0, c0, e0), p(l1, c0, e0), p(l1, c1, e0), p(l0, c1, e0)]) }),
    svg("polygon", { ...attrs, points: pts([p(l0, c1, e0), p(l1, c1, e0), p(l1, c1, e1), p(l0, c1, e1)]) }),
    svg("polygon", { ...attrs, points: pts([p(l1, c0, e0), p(l1, c0, e1), p(l1, c1, e1), p(l1, c1, e0)]) })
  ];
}
function channelRanges(channels, size) {
  if (!channels.length) return [[0, size]];
  return runsOf(channels).filter(([a2]) => a2 < size).map(([a2, b]) => [a2, Math.min(b + 1, size)]);
}
function drawColumns(g, layers, state, channelMax) {
  const out = [];
  layers.forEach((layer, i) => {
    const l = [i + GAP, i + 1 - GAP];
    const top = Math.min(layer.channels, channelMax);
    const hovered = state.hovered === i;
    const col = svg(
      "g",
      { class: `cq-column${hovered ? " cq-hovered" : ""}`, "data-layer": layer.name, "data-index": i },
      svg("title", {}, `${layer.name} · ${layer.type} · ${layer.channels} channel${layer.channels === 1 ? "" : "s"} · ${layer.height}×${layer.width}`),
      ...boxFaces(g, l, [0, top], [0, 1], { class: "cq-cell" })
    );
    if (state.layers.has(i)) {
      const e = g.epochDepth(state.epoch);
      const half = 0.5 / Math.max(1, g.nEpochs);
      for (const [c0, c1] of channelRanges(state.channels, top)) {
        col.append(...boxFaces(g, l, [c0, c1], [0, 1], { class: "cq-slab" }));
        col.append(...boxFaces(g, l, [c0, c1], [e - half, e + half], { class: "cq-slice", "data-role": "slice" }));
      }
    }
    out.push(col);
  });
  return out;
}
function clipLabels(counts, channelMax, colW, charW = 6.2) {
  const runs = [];
  counts.forEach((n, i) => {
    const last = runs[runs.length - 1];
    if (n <= channelMax) return;
    if (last && last.channels === n && last.last === i - 1) last.last = i;
    else runs.push({ first: i, last: i, channels: n });
  });
  const shown = [];
  let end = -Infinity;
  for (const run of runs) {
    const half = ((String(run.channels).length + 1) * charW + 4) / 2;
    const mid = (run.first + run.last + 1) / 2 * colW;
    if (mid - half < end) continue;
    shown.push(run);
    end = mid + half;
  }
  return shown;
}
function layerTickStep(nLayers, colW, chars, charW = 6.2) {
  const need = chars * charW + 6;
  for (const step of [1, 2, 5, 10, 20, 50]) if (step * colW >= need) return step;
  return Math.ceil(need / Math.max(colW, 1e-9));
}
function drawClipLabels(g, layers, channelMax) {
  const out = svg("g", { class: "cq-clips" });
  for (const run of clipLabels(layers.map((l) => l.channels), channelMax, g.colW)) {
    const [x, y] = g.p((run.first + run.last + 1) / 2, channelMax, 0.5);
    const span = run.last > run.first ? `layers ${layers[run.first].name} … ${layers[run.last].name}` : `layer ${layers[run.first].name}`;
    out.append(svg(
      "text",
      { class: "cq-clip", x, y: y + 3, "text-anchor": "middle", "data-role": "clip-label" },
      svg("title", {}, `${span}: ${run.channels} channels, taller than the cube (drawn to ${channelMax})`),
      `↑${run.channels}`
    ));
  }
  return out;
}
function layerAxis(g, layers) {
  const { x0, yb, colW } = g;
  const useNames = layers.every((l) => l.name.length * 6.2 + 6 < colW);
  const step = useNames ? 1 : layerTickStep(layers.length, colW, String(layers.length - 1).length);
  const band = svg(
    "g",
    { class: "cq-axis" },
    svg("rect", { class: "cq-band", "data-axis": "layer", x: x0, y: yb + 4, width: FRONT_W, height: 22 })
  );
  layers.forEach((layer, i) => {
    if (i % step !== 0) return;
    band.append(svg("text", { x: x0 + (i + 0.5) * colW, y: yb + 19, "text-anchor": "middle", class: "cq-tick" }, useNames ? layer.name : String(i)));
  });
  band.append(svg(
    "text",
    { class: "cq-title", x: x0 + FRONT_W / 2, y: yb + 44, "text-anchor": "middle" },
    useNames ? "layer  (drag to choose a slab)" : "layer index  (drag to choose a slab)"
  ));
  return band;
}
function channelAxis(g, channelMax) {
  const { x0, yb, chH } = g;
  const band = svg(
    "g",
    { class: "cq-axis" },
    svg("rect", { class: "cq-band", "data-axis": "channel", x: x0 - 26, y: yb - FRONT_H, width: 22, height: FRONT_H })
  );
  for (const t of niceTicks(0, channelMax - 1, Math.min(6, channelMax))) {
    if (!Number.isInteger(t)) continue;
    band.append(svg("text", { class: "cq-tick", x: x0 - 30, y: yb - (t + 0.5) * chH + 3.5, "text-anchor": "end" }, String(t)));
  }
  const cy = yb - FRONT_H / 2;
  band.append(svg("text", { class: "cq-title", x: 14, y: cy, "text-anchor": "middle", transform: `rotate(-90 14 ${cy})` }, "channel  (drag)"));
  return band;
}
function epochAxis(g, epochs, state) {
  const a2 = g.p(g.nLayers, 0, 0);
  const b = g.p(g.nLayers, 0, 1);
  const group = svg(
    "g",
    { class: "cq-axis" },
    svg("line", { class: "cq-band cq-epoch-band", "data-axis": "epoch", x1: a2[0], y1: a2[1], x2: b[0], y2: b[1] })
  );
  const step = Math.max(1, Math.ceil(epochs.length / 8));
  epochs.forEach((ep, i) => {
    const [x, y] = g.p(g.nLayers, 0, g.epochDepth(i));
    group.append(svg("line", { class: "cq-tickmark", x1: x, y1: y, x2: x + 5, y2: y + 3 }));
    if (i % step === 0 || i === epochs.length - 1) group.append(svg("text", { class: "cq-tick", x: x + 8, y: y + 9 }, String(ep)));
  });
  group.append(svg("text", { class: "cq-title", x: b[0] + 6, y: b[1] - 8 }, "epoch"));
  const [hx, hy] = g.p(g.nLayers, 0, g.epochDepth(state.epoch));
  group.append(svg("circle", {
    class: "cq-handle",
    "data-role": "epoch-handle",
    cx: hx,
    cy: hy,
    r: 7,
    tabindex: 0,
    role: "slider",
    "aria-label": "Epoch",
    "aria-valuemin": epochs[0],
    "aria-valuemax": epochs[epochs.length - 1],
    "aria-valuenow": epochs[state.epoch],
    "data-epoch": epochs[state.epoch]
  }, svg("title", {}, `epoch ${epochs[state.epoch]} (drag along the epoch axis, or use the arrow keys)`)));
  return group;
}
function localPoint(node, event) {
  const m2 = node.getScreenCTM();
  if (!m2) return [0, 0];
  const pt = new DOMPoint(event.clientX, event.clientY).matrixTransform(m2.inverse());
  return [pt.x, pt.y];
}
var clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
var range = (a2, b) => Array.from({ length: Math.abs(b - a2) + 1 }, (_, k) => Math.min(a2, b) + k);
function picker(g, nLayers, nEpochs, channelMax) {
  return {
    layer: ([x]) => clamp(Math.floor((x - g.x0) / g.colW), 0, nLayers - 1),
    channel: ([, y]) => clamp(Math.floor((g.yb - y) / g.chH), 0, channelMax - 1),
    epoch: ([x, y]) => {
      const [ax, ay] = g.p(nLayers, 0, 0);
      const [bx, by] = g.p(nLayers, 0, 1);
      const t = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2);
      return clamp(Math.floor(t * nEpochs), 0, nEpochs - 1);
    }
  };
}
function gesturePatch(kind, pick, start, now) {
  if (kind === "layer") return { layers: range(pick.layer(start), pick.layer(now)) };
  if (kind === "channel") return { channels: range(pick.channel(start), pick.channel(now)) };
  if (kind === "face") {
    return { layers: range(pick.layer(start), pick.layer(now)), channels: range(pick.channel(start), pick.channel(now)) };
  }
  return { epoch: pick.epoch(now) };
}
var EVENTS2 = ["pointerdown", "pointermove", "pointerup", "pointercancel", "pointerleave", "keydown"];
var SlicerCube = class {
  constructor({ layers, epochs, onChange, onHover }) {
    Object.assign(this, { layers, epochs, onChange, onHover });
    this.node = svg("svg", { class: "cq-cube", "data-role": "cube", role: "group", "aria-label": "Slicer cube: layer × channel × epoch" });
    this.state = { layers: /* @__PURE__ */ new Set(), channels: [], epoch: 0, hovered: null, channelMax: 1 };
    this.drag = null;
    this.handlers = {
      pointerdown: (e) => this.down(e),
      pointermove: (e) => this.move(e),
      pointerup: (e) => this.up(e),
      pointercancel: (e) => this.up(e),
      pointerleave: () => !this.drag && this.onHover(null),
      keydown: (e) => this.key(e)
    };
    for (const name of EVENTS2) this.node.addEventListener(name, this.handlers[name]);
  }
  update(next) {
    this.state = { ...this.state, ...next };
    this.draw();
  }
  draw() {
    const { layers, epochs, state, node } = this;
    const g = geometry(layers.length, epochs.length, state.channelMax);
    Object.assign(g, { nLayers: layers.length, nEpochs: epochs.length });
    this.pick = picker(g, layers.length, epochs.length, state.channelMax);
    for (const [k, v] of [["width", g.width], ["height", g.height], ["viewBox", `0 0 ${g.width} ${g.height}`]]) node.setAttribute(k, v);
    const face = svg("rect", { class: "cq-face", "data-role": "face", x: g.x0, y: g.yb - FRONT_H, width: FRONT_W, height: FRONT_H });
    const outline = boxFaces(g, [0, layers.length], [0, state.channelMax], [0, 1], { class: "cq-outline" });
    node.replaceChildren(
      ...outline,
      face,
      ...drawColumns(g, layers, state, state.channelMax),
      drawClipLabels(g, layers, state.channelMax),
      layerAxis(g, layers),
      channelAxis(g, state.channelMax),
      epochAxis(g, epochs, state)
    );
    node.dataset.layers = [...state.layers].sort((a2, b) => a2 - b).map((i) => layers[i].name).join(",");
    node.dataset.channels = state.channels.join(",");
    node.dataset.epoch = String(epochs[state.epoch]);
  }
  focusHandle() {
    this.node.querySelector("[data-role='epoch-handle']")?.focus();
  }
  down(event) {
    const kind = kindOf(event.target);
    if (!kind || event.button !== 0) return;
    event.preventDefault();
    this.node.setPointerCapture?.(event.pointerId);
    const start = localPoint(this.node, event);
    this.drag = { kind, start, pick: this.pick };
    this.onChange(gesturePatch(kind, this.pick, start, start), { final: false });
  }
  move(event) {
    if (this.drag) {
      const { kind, pick, start } = this.drag;
      this.onChange(gesturePatch(kind, pick, start, localPoint(this.node, event)), { final: false });
      return;
    }
    const column = event.target.closest?.(".cq-column");
    this.onHover(column ? Number(column.dataset.index) : null);
  }
  up(event) {
    if (!this.drag) return;
    const { kind, pick, start } = this.drag;
    this.drag = null;
    this.node.releasePointerCapture?.(event.pointerId);
    this.onChange(gesturePatch(kind, pick, start, localPoint(this.node, event)), { final: true });
  }
  key(event) {
    if (event.target.dataset?.role !== "epoch-handle") return;
    const delta = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[event.key];
    if (!delta) return;
    event.preventDefault();
    this.onChange({ epoch: clamp(this.state.epoch + delta, 0, this.epochs.length - 1) }, { final: true });
  }
  dispose() {
    for (const name of EVENTS2) this.node.removeEventListener(name, this.handlers[name]);
  }
};
function kindOf(target) {
  const el = target.closest?.("[data-axis], [data-role='face'], [data-role='epoch-handle'], .cq-column");
  if (!el) return null;
  if (el.dataset.axis) return el.dataset.axis;
  if (el.dataset.role === "epoch-handle") return "epoch";
  return "face";
}
function createSlicerCube(options) {
  return new SlicerCube(options);
}

// js/views/query.js
var PENDING_EVENTS = "change:pending_layers change:pending_channels change:pending_epoch change:notes";
var HELP = "Drag along the layer axis for a slab of layers, along the channel axis (or on the front face) for channels, and move the round handle for the epoch. Query applies it to every linked view.";
function layerBox(row, onClick, onHover) {
  const shape = row.height === 1 && row.width === 1 ? "1×1 (vector)" : `${row.height}×${row.width}`;
  const module = row.module && row.module !== row.name ? `, module ${row.module}` : "";
  const kept = row.stored === "histogram" ? "; kept as per-map histograms" : "";
  return h(
    "button",
    {
      type: "button",
      class: "cq-box",
      "data-layer": row.name,
      "data-index": row.index,
      title: `${row.name} (${row.type}${module}): ${row.channels} channel${row.channels === 1 ? "" : "s"} of ${shape}${kept}.
Click to choose it, shift-click to add or remove it.`,
      onclick: (event) => onClick(row.name, event.shiftKey || event.metaKey || event.ctrlKey),
      onpointerenter: () => onHover(row.name),
      onpointerleave: () => onHover(null)
    },
    h("span", { class: "cq-box-name" }, `${row.index} · ${row.name}`),
    h("span", { class: "cq-box-type" }, row.type),
    h("span", { class: "cq-box-shape" }, `${row.channels} ch · ${shape}`)
  );
}
function describeLayers(names, table) {
  if (!names.length) return "none";
  const idx = names.map((n) => table.findIndex((r) => r.name === n));
  const contiguous = idx.every((v, k) => k === 0 || v === idx[k - 1] + 1);
  return contiguous && names.length > 2 ? `${names[0]} … ${names[names.length - 1]} (${names.length})` : names.join(", ");
}
var describeChannels = (channels) => channels.length ? formatChannels(channels) : "all";
function nearestEpoch(epochs, epoch) {
  let best = epochs[0];
  for (const e of epochs) if (e <= epoch) best = e;
  return best;
}
function layerOfHover(hovered, byName) {
  if (!hovered || !hovered.layer || !byName.has(hovered.layer)) return null;
  return hovered.kind === "layer" || hovered.kind === "channel" ? byName.get(hovered.layer) : null;
}
function channelAxisMax(table, chosen) {
  const widest = Math.max(1, ...table.map((r) => r.channels));
  const over = chosen.size ? [...chosen] : table.map((_, i) => i);
  return Math.max(Math.min(4, widest), ...over.map((i) => table[i].channels));
}
var QueryController = class {
  constructor({ model, el, root, selection }) {
    Object.assign(this, { model, root, selection });
    this.table = model.get("layer_table") || [];
    this.epochs = Array.from(decode(model.get("epochs")).data);
    this.byName = new Map(this.table.map((r, i) => [r.name, i]));
    this.hovered = null;
    this.notes = h("ul", { class: "cq-notes", "data-role": "notes" });
    this.boxes = this.table.map((row) => layerBox(row, (name, add) => this.clickBox(name, add), (name) => this.hover(name)));
    const overview = h(
      "div",
      { class: "cq-overview", "data-role": "overview", role: "group", "aria-label": "Architecture overview" },
      ...this.boxes.flatMap((b, i) => i ? [h("span", { class: "cq-arrow", "aria-hidden": "true" }, "→"), b] : [b])
    );
    this.cube = this.makeCube();
    el.append(h("div", { class: "cq-root" }, this.notes, overview, h("div", { class: "cq-main" }, this.cube.node, this.sidePanel())));
  }
  sidePanel() {
    const button = (role, text, onclick) => h("button", { type: "button", "data-role": role, onclick }, text);
    this.status = h("div", { class: "cq-status", "data-role": "pending" });
    this.applied = h("div", { class: "cq-applied", "data-role": "applied" });
    this.error = h("div", { class: "cq-error", role: "alert", hidden: true });
    this.queryButton = button("query", "Query", () => this.apply());
    this.queryButton.classList.add("cq-query");
    const buttons = h(
      "div",
      { class: "cq-buttons" },
      this.queryButton,
      button("all-channels", "All channels", () => this.setPending({ channels: [] })),
      button("clear", "Clear", () => this.setPending({ layers: [], channels: [] })),
      button("revert", "Revert", () => this.follow(this.selection.snapshot(), ["layers", "channels", "epoch"]))
    );
    return h(
      "div",
      { class: "cq-side" },
      h("div", { class: "cq-side-title" }, "Pending query"),
      this.status,
      buttons,
      this.applied,
      this.error,
      h("div", { class: "cq-help" }, HELP)
    );
  }
  makeCube() {
    return createSlicerCube({
      layers: this.table,
      epochs: this.epochs,
      onChange: (patch, { final }) => {
        const out = {};
        if (patch.layers) out.layers = patch.layers.map((i) => this.table[i].name);
        if (patch.channels) out.channels = patch.channels;
        if (patch.epoch !== void 0) out.epoch = this.epochs[patch.epoch];
        this.setPending(out, final);
        if (!final) this.redraw();
      },
      onHover: (i) => this.hover(i === null ? null : this.table[i].name)
    });
  }
  /** A followed store gained epochs (QueryView.refresh()): rebuild the cube. */
  replaceEpochs() {
    this.epochs = Array.from(decode(this.model.get("epochs")).data);
    const old = this.cube;
    this.cube = this.makeCube();
    old.node.replaceWith(this.cube.node);
    old.dispose();
    this.redraw();
  }
  pending() {
    const m2 = this.model;
    return { layers: m2.get("pending_layers") || [], channels: m2.get("pending_channels") || [], epoch: m2.get("pending_epoch") };
  }
  setPending(patch, save = true) {
    const next = {};
    if (patch.layers) next.pending_layers = [...patch.layers].sort((a2, b) => this.byName.get(a2) - this.byName.get(b));
    if (patch.channels) next.pending_channels = [...new Set(patch.channels)].sort((a2, b) => a2 - b);
    if (patch.epoch !== void 0) next.pending_epoch = patch.epoch;
    this.model.set(next);
    if (save) this.model.save_changes();
  }
  clickBox(name, add) {
    const cur = this.pending().layers;
    const layers = !add ? [name] : cur.includes(name) ? cur.filter((n) => n !== name) : [...cur, name];
    this.setPending({ layers });
  }
  hover(name) {
    if (this.hovered === name) return;
    this.hovered = name;
    try {
      this.selection.hover(name ? { kind: "layer", layer: name, source: "query" } : {});
    } catch (err) {
      console.warn("query view: hover not sent", err);
    }
    this.redraw();
  }
  apply() {
    const p = this.pending();
    try {
      this.selection.update({ layers: p.layers, channels: p.channels, epoch: p.epoch });
      this.error.hidden = true;
    } catch (err) {
      this.error.textContent = err.message;
      this.error.hidden = false;
    }
    this.redraw();
  }
  follow(snap, changed) {
    const patch = {};
    if (changed.includes("layers")) patch.layers = (snap.layers || []).filter((n) => this.byName.has(n));
    if (changed.includes("channels")) patch.channels = snap.channels || [];
    if (changed.includes("epoch")) patch.epoch = nearestEpoch(this.epochs, snap.epoch);
    if (Object.keys(patch).length) this.setPending(patch);
    this.redraw();
  }
  redraw() {
    const start = performance.now();
    const p = this.pending();
    const chosen = new Set(p.layers.map((n) => this.byName.get(n)).filter((i) => i !== void 0));
    const hovered = this.hovered !== null ? this.byName.get(this.hovered) ?? null : layerOfHover(this.selection.get("hovered"), this.byName);
    const hadFocus = document.activeElement?.dataset?.role === "epoch-handle";
    this.cube.update({ layers: chosen, channels: p.channels, epoch: Math.max(0, this.epochs.indexOf(p.epoch)), hovered, channelMax: channelAxisMax(this.table, chosen) });
    if (hadFocus) this.cube.focusHandle();
    for (const box of this.boxes) {
      const i = this.byName.get(box.dataset.layer);
      box.classList.toggle("cq-selected", chosen.has(i));
      box.setAttribute("aria-pressed", String(chosen.has(i)));
      box.classList.toggle("cq-hover", i === hovered);
    }
    this.drawStatus(p);
    const texts = this.model.get("notes") || [];
    this.notes.replaceChildren(...texts.map((t) => h("li", {}, t)));
    this.notes.hidden = !texts.length;
    this.root.dataset.drawMs = (performance.now() - start).toFixed(1);
  }
  drawStatus(p) {
    const snap = this.selection.snapshot();
    const mine = snap.layers.filter((n) => this.byName.has(n));
    this.status.textContent = `layers ${describeLayers(p.layers, this.table)}
channels ${describeChannels(p.channels)}
epoch ${p.epoch}`;
    this.applied.textContent = `Applied: layers ${describeLayers(mine, this.table)} · channels ${describeChannels(snap.channels)} · epoch ${snap.epoch}`;
    const dirty = JSON.stringify([p.layers, p.channels, p.epoch]) !== JSON.stringify([snap.layers, snap.channels, snap.epoch]);
    const q = this.queryButton;
    q.disabled = !p.layers.length;
    q.classList.toggle("cq-dirty", dirty && p.layers.length > 0);
    q.title = !p.layers.length ? "Choose at least one layer first" : dirty ? "Apply the pending query to the linked views" : "The pending query is already applied";
    this.root.dataset.dirty = String(dirty);
  }
};
function draw2(ctx) {
  const { model, selection } = ctx;
  const epochs = model.get("epochs");
  if (!(model.get("layer_table") || []).length || !epochs || !decode(epochs).size) return void 0;
  const view = new QueryController(ctx);
  const onModel = () => view.redraw();
  const onEpochs = () => view.replaceEpochs();
  model.on(PENDING_EVENTS, onModel);
  model.on("change:epochs", onEpochs);
  selection.onChange((snap, changed) => view.follow(snap, changed), ["layers", "channels", "epoch"]);
  selection.onChange(() => {
    if (view.hovered === null) view.redraw();
  }, ["hovered"]);
  view.redraw();
  return () => {
    model.off(PENDING_EVENTS, onModel);
    model.off("change:epochs", onEpochs);
    view.cube.dispose();
  };
}
var query_default = defineView("query", draw2);

// js/views/selection.js
function crumb(part, client) {
  const clear = part.clearable ? h("button", {
    type: "button",
    class: "cs-clear",
    "data-action": "clear",
    "data-key": part.key,
    title: `Clear ${part.label}`,
    "aria-label": `Clear ${part.label}`,
    onclick: () => client.clear(part.key)
  }, "×") : null;
  return h(
    "span",
    { class: `cs-crumb${part.key === "hovered" ? " cs-hover" : ""}${part.clearable ? " cs-clearable" : ""}`, "data-key": part.key, title: part.title || null },
    h("span", { class: "cs-label" }, part.label),
    h("span", { class: "cs-value", "data-role": "value" }, part.text),
    clear
  );
}
function render({ model, el }) {
  const start = performance.now();
  const client = new SelectionClient(model);
  const line = h("div", { class: "cs-crumbs" });
  const error = h("div", { class: "cs-error", role: "alert", "data-role": "error" });
  const root = h(
    "div",
    { class: "cnnslicer-view cnnslicer-breadcrumb", "data-cnnslicer-view": "selection", role: "group", "aria-label": "Current selection" },
    line,
    error
  );
  el.replaceChildren(root);
  const draw3 = () => {
    line.replaceChildren(...selectionParts(client.snapshot()).map((p) => crumb(p, client)));
    const text = model.get("error") || "";
    error.textContent = text;
    error.hidden = !text;
  };
  client.onChange(draw3, [...FIELDS, "error"]);
  draw3();
  root.dataset.ready = "true";
  root.dataset.renderMs = (performance.now() - start).toFixed(1);
  return () => client.dispose();
}
var selection_default = { render };

// js/export/static_model.js
var REF_PREFIX2 = "IPY_MODEL_";
function base64ToBytes(text) {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
function restoreBuffers(state, buffers = []) {
  for (const { path, data } of buffers) {
    if (!Array.isArray(path) || !path.length) throw new Error(`bad buffer path ${JSON.stringify(path)}`);
    let holder = state;
    for (const key of path.slice(0, -1)) {
      holder = holder?.[key];
      if (holder === null || typeof holder !== "object") throw new Error(`buffer path ${JSON.stringify(path)} is not in the state`);
    }
    const bytes = base64ToBytes(data);
    holder[path[path.length - 1]] = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return state;
}
function same(a2, b) {
  if (a2 === b) return true;
  if (a2 === null || b === null || typeof a2 !== "object" || typeof b !== "object") return Number.isNaN(a2) && Number.isNaN(b);
  if (ArrayBuffer.isView(a2) || ArrayBuffer.isView(b) || a2 instanceof ArrayBuffer || b instanceof ArrayBuffer) return false;
  if (Array.isArray(a2) !== Array.isArray(b)) return false;
  const ka = Object.keys(a2);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a2[k], b[k]));
}
var StaticModel = class {
  constructor(id, name, state, manager) {
    this.model_id = id;
    this.name = name;
    this.widget_manager = manager;
    this._state = state;
    this._events = /* @__PURE__ */ new Map();
    this.changed = {};
    this._unsaved = /* @__PURE__ */ new Set();
  }
  get(name) {
    return this._state[name];
  }
  /** set("x", 1) or set({x: 1, y: 2}): fires "change:x" (model, value) per changed key, then "change" (model). */
  set(key, value) {
    const patch = typeof key === "object" && key !== null ? key : { [key]: value };
    const changed = {};
    for (const [k, v] of Object.entries(patch)) {
      if (!same(this._state[k], v)) changed[k] = v;
    }
    const names = Object.keys(changed);
    if (!names.length) return this;
    Object.assign(this._state, changed);
    for (const k of names) this._unsaved.add(k);
    this.changed = changed;
    for (const k of names) this._emit(`change:${k}`, this, changed[k]);
    this._emit("change", this);
    return this;
  }
  /** The keys and values of the last set() that changed something (false if none), as in backbone. */
  changedAttributes() {
    return Object.keys(this.changed).length ? { ...this.changed } : false;
  }
  /** With a kernel this sends the changes to Python; here it tells the manager which ones were "sent". */
  save_changes() {
    const names = [...this._unsaved];
    this._unsaved.clear();
    if (names.length) this.widget_manager?.saved?.(this, names);
  }
  /** A custom message to Python: nobody answers in a static file (counted, never thrown). */
  send(content, _callbacks, _buffers) {
    this.widget_manager?.unanswered?.(this, content);
  }
  on(events, callback, context) {
    if (typeof callback !== "function") return this;
    for (const name of String(events).split(/\s+/).filter(Boolean)) {
      if (!this._events.has(name)) this._events.set(name, []);
      this._events.get(name).push({ callback, context });
    }
    return this;
  }
  off(events, callback) {
    const names = events ? String(events).split(/\s+/).filter(Boolean) : [...this._events.keys()];
    for (const name of names) {
      const list = this._events.get(name) || [];
      this._events.set(name, callback ? list.filter((e) => e.callback !== callback) : []);
    }
    return this;
  }
  _emit(name, ...args) {
    for (const { callback, context } of [...this._events.get(name) || []]) callback.apply(context ?? this, args);
  }
};
var StaticManager = class {
  constructor(doc, { onSaved = null, onUnanswered = null } = {}) {
    this.doc = doc;
    this.models = /* @__PURE__ */ new Map();
    this.onSaved = onSaved;
    this.onUnanswered = onUnanswered;
    this.messages = 0;
    for (const [id, spec] of Object.entries(doc.models || {})) {
      const state = restoreBuffers(this._assets(spec.state), spec.buffers);
      this.models.set(id, new StaticModel(id, spec.name, state, this));
    }
  }
  _assets(state) {
    const out = {};
    for (const [k, v] of Object.entries(state || {})) {
      const key = v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 ? v.$asset : void 0;
      if (key !== void 0 && !(key in (this.doc.assets || {}))) throw new Error(`asset ${key} of ${k} is missing from the export`);
      out[k] = key !== void 0 ? this.doc.assets[key] : v;
    }
    return out;
  }
  /** The model of id (also accepts "IPY_MODEL_<id>"); throws if the export does not hold it. */
  model(id) {
    const key = typeof id === "string" && id.startsWith(REF_PREFIX2) ? id.slice(REF_PREFIX2.length) : id;
    const model = this.models.get(key);
    if (!model) throw new Error(`model ${key} is not in this export`);
    return model;
  }
  /** The widget manager call the views make (a promise, as in Jupyter). */
  async get_model(id) {
    return this.model(id);
  }
  saved(model, names) {
    const owners = this.doc.kernel_traits?.[model.model_id] || {};
    const reacting = names.filter((n) => n in owners);
    if (reacting.length && this.onSaved) this.onSaved(model, reacting, [...new Set(reacting.flatMap((n) => owners[n]))]);
  }
  unanswered(model, content) {
    this.messages += 1;
    if (this.onUnanswered) this.onUnanswered(model, content);
  }
};

// js/export/export_runtime.js
var DOC_ID = "cnnslicer-export";
var HOST_ID = "cnnslicer-export-root";
var STYLE_KEYS = {
  background: "background",
  text_color: "color",
  font_size: "font-size",
  font_weight: "font-weight",
  font_style: "font-style",
  font_family: "font-family",
  text_decoration: "text-decoration"
};
function applyLayout(manager, model, node) {
  for (const cls of model.get("_dom_classes") || []) node.classList.add(cls);
  const ref = model.get("layout");
  if (typeof ref === "string" && ref) {
    const layout2 = manager.model(ref);
    for (const [key, value] of Object.entries(layout2._state)) {
      if (key.startsWith("_") || value === null || value === void 0 || value === "") continue;
      node.style.setProperty(key.replace(/_/g, "-"), String(value));
    }
  }
  const styleRef = model.get("style");
  if (typeof styleRef === "string" && styleRef) {
    const style = manager.model(styleRef);
    for (const [key, css] of Object.entries(STYLE_KEYS)) {
      const value = style.get(key);
      if (value !== null && value !== void 0 && value !== "") node.style.setProperty(css, String(value));
    }
  }
}
var Runtime = class {
  constructor(doc) {
    this.modules = /* @__PURE__ */ new Map();
    this.styles = /* @__PURE__ */ new Set();
    this.views = /* @__PURE__ */ new Map();
    this.initialized = /* @__PURE__ */ new Set();
    this.controller = new AbortController();
    this.manager = new StaticManager(doc, {
      onSaved: (model, names, owners) => this.kernelNote(model, names, owners),
      onUnanswered: (model) => this.count("unansweredMessages", model)
    });
  }
  count(key, model) {
    const root = document.documentElement;
    root.dataset[key] = String(Number(root.dataset[key] || 0) + 1);
    root.dataset[`${key}From`] = model.model_id;
  }
  module(key, source) {
    if (!this.modules.has(key)) {
      const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      this.modules.set(key, import(
        /* @vite-ignore */
        url
      ).finally(() => URL.revokeObjectURL(url)));
    }
    return this.modules.get(key);
  }
  css(key, text) {
    if (!text || this.styles.has(key)) return;
    this.styles.add(key);
    document.head.append(h("style", { "data-export-css": key }, text));
  }
  /** Every anywidget's _css, once per distinct stylesheet (the FrontEnd's holds the views'). */
  stylesheets() {
    for (const [id, spec] of Object.entries(this.manager.doc.models)) {
      if (spec.name === "AnyModel") this.css(spec.css_key || id, this.manager.model(id).get("_css"));
    }
  }
  async anywidget(model, node) {
    const spec = this.manager.doc.models[model.model_id];
    const mod = await this.module(spec.esm_key || model.model_id, model.get("_esm"));
    let widget = mod.default ?? mod;
    if (typeof widget === "function") widget = await widget();
    if (!this.initialized.has(model.model_id)) {
      this.initialized.add(model.model_id);
      if (typeof widget.initialize === "function") await widget.initialize({ model });
    }
    if (typeof widget.render !== "function") throw new Error(`the front end of ${spec.python_class} has no render()`);
    const experimental = { invoke: () => Promise.reject(new Error("no Python kernel in a static HTML export")) };
    await widget.render({ model, el: node, signal: this.controller.signal, experimental });
  }
  // -- ipywidgets containers and text --------------------------------------------------
  async box(model, node, kind) {
    node.classList.add("cx-box", `cx-${kind}`);
    const refs = model.get("children") || [];
    for (const ref of refs) {
      const child = h("div", { class: "cx-child" });
      node.append(child);
      await this.display(ref, child);
    }
  }
  titles(model, count2) {
    const titles = model.get("titles") || [];
    return Array.from({ length: count2 }, (_, i) => titles[i] || `Item ${i + 1}`);
  }
  async tab(model, node) {
    node.classList.add("cx-tab");
    const refs = model.get("children") || [];
    const names = this.titles(model, refs.length);
    const bar = h("div", { class: "cx-tabbar", role: "tablist" });
    const panels = refs.map(() => h("div", { class: "cx-panel", role: "tabpanel", hidden: true }));
    const drawn = /* @__PURE__ */ new Set();
    const buttons = names.map((name, i) => h("button", {
      type: "button",
      role: "tab",
      class: "cx-tabbtn",
      "data-index": i,
      onclick: () => {
        model.set("selected_index", i);
      }
    }, name));
    bar.append(...buttons);
    node.append(bar, ...panels);
    const show = async () => {
      const index = model.get("selected_index");
      buttons.forEach((b, i) => b.setAttribute("aria-selected", String(i === index)));
      panels.forEach((p, i) => {
        p.hidden = i !== index;
      });
      if (index !== null && index !== void 0 && refs[index] && !drawn.has(index)) {
        drawn.add(index);
        await this.display(refs[index], panels[index]);
      }
    };
    model.on("change:selected_index", () => show().catch((err) => this.fail(err)));
    await show();
  }
  async accordion(model, node) {
    node.classList.add("cx-accordion");
    const refs = model.get("children") || [];
    const names = this.titles(model, refs.length);
    const drawn = /* @__PURE__ */ new Set();
    const items = refs.map((ref, i) => {
      const body = h("div", { class: "cx-panel" });
      const item = h("details", { class: "cx-item", "data-index": i }, h("summary", {}, names[i]), body);
      item.addEventListener("toggle", () => {
        if (item.open && !drawn.has(i)) {
          drawn.add(i);
          this.display(ref, body).catch((err) => this.fail(err));
        }
        if (item.open) model.set("selected_index", i);
      });
      return item;
    });
    node.append(...items);
    const index = model.get("selected_index");
    if (index !== null && index !== void 0 && items[index]) {
      drawn.add(index);
      items[index].open = true;
      await this.display(refs[index], items[index].querySelector(".cx-panel"));
    }
  }
  async stack(model, node) {
    const refs = model.get("children") || [];
    const index = model.get("selected_index");
    if (index !== null && index !== void 0 && refs[index]) await this.display(refs[index], node);
  }
  text(model, node, html) {
    node.classList.add("cx-text");
    const description = model.get("description");
    if (description) node.append(h("label", { class: "cx-description" }, description));
    const value = h(html ? "div" : "span", { class: "cx-value" });
    if (html) value.innerHTML = model.get("value") || "";
    else value.textContent = model.get("value") || "";
    node.append(value);
  }
  // -- dispatch ---------------------------------------------------------------------------
  async display(ref, node) {
    const model = this.manager.model(ref);
    node.dataset.exportModel = model.model_id;
    node.dataset.exportWidget = this.manager.doc.models[model.model_id].python_class;
    applyLayout(this.manager, model, node);
    if (!this.views.has(model.model_id)) this.views.set(model.model_id, []);
    this.views.get(model.model_id).push(node);
    switch (model.name) {
      case "AnyModel":
        return this.anywidget(model, node);
      case "BoxModel":
        return this.box(model, node, "box");
      case "VBoxModel":
        return this.box(model, node, "vbox");
      case "HBoxModel":
        return this.box(model, node, "hbox");
      case "GridBoxModel":
        return this.box(model, node, "gridbox");
      case "TabModel":
        return this.tab(model, node);
      case "AccordionModel":
        return this.accordion(model, node);
      case "StackModel":
        return this.stack(model, node);
      case "HTMLModel":
      case "HTMLMathModel":
        return this.text(model, node, true);
      case "LabelModel":
        return this.text(model, node, false);
      default:
        throw new Error(`cannot draw a ${model.name} (${this.manager.doc.models[model.model_id].python_class}) in a static export`);
    }
  }
  /** A change Python would have answered: say so on the views that would have redrawn. */
  kernelNote(model, names, owners) {
    this.count("kernelChanges", model);
    for (const id of owners) {
      for (const node of this.views.get(id) || []) {
        let note = node.querySelector(":scope > .cx-kernel-note");
        if (!note) {
          note = h("div", { class: "cx-kernel-note", role: "status", "data-role": "kernel-note" });
          note.changes = /* @__PURE__ */ new Map();
          node.prepend(note);
        }
        for (const n of names) note.changes.set(n, JSON.stringify(model.get(n)));
        const values = [...note.changes].map(([n, v]) => `${n} = ${v}`).join(", ");
        note.textContent = `No Python kernel in this file: what Python computes for ${values} is not updated here; this view shows those results as they were when the file was saved.`;
      }
    }
  }
  fail(err) {
    console.error("cnnslicer static export:", err);
    const host = document.getElementById(HOST_ID) || document.body;
    host.prepend(h("div", { class: "cx-error", role: "alert", "data-role": "export-error" }, `This export could not be drawn: ${err.message}`));
    document.documentElement.dataset.exportReady = "error";
  }
};
async function boot(doc = null, start = performance.now()) {
  let runtime = null;
  try {
    doc ?? (doc = JSON.parse(document.getElementById(DOC_ID).textContent));
    runtime = new Runtime(doc);
    runtime.stylesheets();
    const host = document.getElementById(HOST_ID);
    for (const ref of doc.roots) {
      const node = h("div", { class: "cx-root" });
      host.append(node);
      await runtime.display(ref, node);
    }
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const root = document.documentElement;
    root.dataset.exportMs = (performance.now() - start).toFixed(1);
    if (root.dataset.exportReady !== "error") root.dataset.exportReady = "true";
  } catch (err) {
    (runtime || new Runtime({ models: {} })).fail(err);
  }
  return runtime;
}

// js/frontend.js
var views = { channel: channel_default, information: information_default, layer: layer_default, performance: performance_default, query: query_default, selection: selection_default };
export {
  boot as bootExport,
  views
};
