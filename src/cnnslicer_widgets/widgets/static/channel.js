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
  const at = (key) => f ? f[key] + (node[key] - f[key]) * capped : node[key];
  return { cx: (at("x") - view.x) * k + size / 2, cy: (at("y") - view.y) * k + size / 2, r: at("r") * k };
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
  const crumb = h("div", { class: "cs-pack-crumb", "data-role": "pack-crumb" });
  const tip = h("div", { class: "cs-tip", hidden: true });
  const el = h("div", { class: "cs-pack", "data-zoom": "root" }, crumb, h("div", { style: { position: "relative" } }, box, tip));
  let items = [];
  let focusKey = null;
  let view = ROOT_VIEW;
  let capped = 1;
  let frame = 0;
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
    crumb.replaceChildren(
      node ? h("button", { type: "button", class: "cs-link", "data-action": "zoom-out", onclick: () => zoom(null) }, "all groups") : h("span", null, "all groups"),
      node ? ` › ${node.data.title} · click its background to zoom out` : " · click a circle to zoom in, a channel for its deconvnet"
    );
  };
  const zoom = (key, { notify = true, animate = true } = {}) => {
    const target = viewOf(groupNode(key));
    focusKey = groupNode(key) ? key : null;
    showCrumb();
    if (notify) onZoom(focusKey);
    cancelAnimationFrame(frame);
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
      if (t < 1) frame = requestAnimationFrame(step);
      else done();
    };
    el.dataset.zoom = "moving";
    frame = requestAnimationFrame(step);
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
      cancelAnimationFrame(frame);
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
    const pts = [];
    for (let t = 0; t < nEpochs; t++) {
      const v = entropy.data[base + k * nEpochs + t];
      if (Number.isFinite(v)) pts.push(`${sc.x(epochs[t]).toFixed(1)},${sc.y(v).toFixed(1)}`);
    }
    const attrs = { "data-class": k, stroke: colors[k], fill: "none", "stroke-width": 1.3 };
    lines.push(nEpochs > 1 ? svg("polyline", { ...attrs, points: pts.join(" ") }) : svg("circle", { ...attrs, fill: colors[k], cx: pts[0]?.split(",")[0] ?? -9, cy: pts[0]?.split(",")[1] ?? -9, r: 2 }));
  }
  const marker = svg("line", { class: "cs-sm-epoch", y1: PAD.top - 2, y2: H - PAD.bottom });
  const frame = svg("rect", { class: "cs-sm-frame", x: 0.5, y: 0.5, width: W - 1, height: H - 1, rx: 3 });
  const grid = svg("line", { class: "cs-sm-grid", x1: PAD.left, x2: W - PAD.right, y1: sc.y(0), y2: sc.y(0) });
  const title = svg("text", { class: "cs-sm-title", x: 6, y: 12 }, `ch ${channel}`);
  const el = h(
    "div",
    { class: "cs-sm", "data-channel": channel, role: "button", tabindex: 0, title: `channel ${channel}: click to see its deconvnet projections` },
    svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}` }, frame, grid, marker, ...lines, title)
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
function defineView(name, draw) {
  async function render({ model, el, signal }) {
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
        cleanup = await draw({ model, el: body, root, selection, signal });
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
  return { render };
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
  const legend = h("div", { class: "cs-classes", "data-role": "classes" });
  const busy = h("div", { class: "cs-busy", hidden: true, "data-role": "busy" });
  const notes = h("div", { class: "cs-notes", "data-role": "notes" });
  const panel = h("div", { class: "cs-panel", "data-role": "deconv" });
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
    legend,
    h("div", { class: "cs-main", style: { position: "relative" } }, sm.el, h("div", { class: "cs-side" }, packing.el, panel), busy),
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
    for (const b of legend.children) b.setAttribute("aria-pressed", String(Number(b.dataset.class) === k));
    packing.focus(k === null || k === void 0 ? null : `class-${k}`);
  };
  const showChosen = () => {
    const channels = selection.get("channels") || [];
    sm.setChosen(channels);
    packing.setChosen(channels);
  };
  const draw = () => {
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
    legend.replaceChildren(...classLegend(classes, (k) => selection.update({ class_index: selection.get("class_index") === k ? null : k })));
    slider.setEpochs(data.epochs, selection.get("epoch"));
    notes.replaceChildren(...((model.get("info") || {}).notes || []).map((t) => h("div", null, t)));
    showEpoch();
    showClass();
    showChosen();
    root.dataset.layer = model.get("layer");
  };
  const drawPanel = () => {
    panel.replaceChildren(...deconvPanel(model, model.get("classes") || []));
    const info = model.get("deconv_info") || {};
    panel.dataset.channel = info.channel ?? "";
    panel.dataset.state = info.channel === void 0 ? "empty" : info.note ? "note" : "images";
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
      draw();
    });
  };
  for (const name of ["entropy", "entropy_all", "epochs", "info", "layer"]) model.on(`change:${name}`, scheduleDraw);
  model.on("change:deconv_info", drawPanel);
  model.on("change:status", showBusy);
  selection.onChange(showEpoch, ["epoch"]);
  selection.onChange(showClass, ["class_index"]);
  selection.onChange(showChosen, ["channels"]);
  selection.onChange((snap) => sm.setHovered(snap.hovered?.kind === "channel" && snap.hovered.layer === layerName() ? snap.hovered.channel : null), ["hovered"]);
  draw();
  drawPanel();
  showBusy();
  return () => packing.dispose();
}
var channel_default = defineView("channel", channelView);
export {
  channel_default as default
};
