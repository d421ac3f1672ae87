/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// factory:js/views/channel.js
function channel_default(require2, module, exports) {
  const { decode } = require2("lib:codec");
  const { categorical } = require2("lib:colors");
  const { finiteExtent, h: h3 } = require2("lib:dom");
  const { imageRow, maybeDecode } = require2("lib:images");
  const { formatNumber, h, svg } = require2("lib:dom");
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
  function Node(circle) {
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
    a2 = new Node(a2), b = new Node(b), c2 = new Node(c2);
    a2.next = c2.previous = b;
    b.next = a2.previous = c2;
    c2.next = b.previous = a2;
    pack: for (i = 3; i < n; ++i) {
      place(a2._, b._, c2 = circles[i]), c2 = new Node(c2);
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
    const build = (root) => {
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
        build(packGroups(groups, SIZE, { labelCap: LABEL_CAP }));
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
  const { epochSlider } = require2("lib:slider");
  const { formatNumber: formatNumber2, h: h2, svg: svg2 } = require2("lib:dom");
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
      lines.push(nEpochs > 1 ? svg2("polyline", { ...attrs, points: pts.join(" ") }) : svg2("circle", { ...attrs, fill: colors[k], cx: pts[0]?.split(",")[0] ?? -9, cy: pts[0]?.split(",")[1] ?? -9, r: 2 }));
    }
    const marker = svg2("line", { class: "cs-sm-epoch", y1: PAD.top - 2, y2: H - PAD.bottom });
    const frame = svg2("rect", { class: "cs-sm-frame", x: 0.5, y: 0.5, width: W - 1, height: H - 1, rx: 3 });
    const grid = svg2("line", { class: "cs-sm-grid", x1: PAD.left, x2: W - PAD.right, y1: sc.y(0), y2: sc.y(0) });
    const title = svg2("text", { class: "cs-sm-title", x: 6, y: 12 }, `ch ${channel}`);
    const el = h2(
      "div",
      { class: "cs-sm", "data-channel": channel, role: "button", tabindex: 0, title: `channel ${channel}: click to see its deconvnet projections` },
      svg2("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}` }, frame, grid, marker, ...lines, title)
    );
    return { el, marker };
  }
  function smallMultiples({ onPick, onHover }) {
    const axis = h2("div", { class: "cs-sm-axis", "data-role": "sm-axis" });
    const grid = h2("div", { class: "cs-sm-grid-box", "data-role": "small-multiples", style: { gridTemplateColumns: `repeat(auto-fill, ${W}px)` } });
    const el = h2("div", { class: "cs-sm-box" }, axis, grid);
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
        axis.textContent = `Intra-sample entropy over training, one line per class · shared axes: y 0–${formatNumber2(yMax)} bits, x ${span}`;
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
  const { defineView } = require2("lib:view");
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
    return classes.map((name, k) => h3("button", {
      type: "button",
      class: "cs-class",
      "data-class": k,
      "aria-pressed": "false",
      title: `Highlight ${name}`,
      onclick: () => onPick(k)
    }, h3("i", { style: { background: categorical(k) } }), name));
  }
  function deconvPanel(model, classes) {
    const info = model.get("deconv_info") || {};
    if (info.channel === void 0) {
      return [h3("div", { class: "cs-hint" }, "Click a channel (a chart or a circle) to see its deconvnet projections.")];
    }
    const head = h3(
      "div",
      { class: "cs-panel-head" },
      h3("span", { class: "cs-title" }, `Deconvnet: ${info.layer} channel ${info.channel}`),
      h3("span", { class: "cs-sub" }, ` · weights of epoch ${info.epoch}`)
    );
    if (info.note) return [head, h3("div", { class: "cs-hint", "data-role": "deconv-note" }, info.note)];
    const labels = maybeDecode(model.get("probe_labels"));
    const captions = labels ? Array.from(labels.data, (k) => classes[k] ?? String(k)) : null;
    return [
      head,
      imageRow("probe images", maybeDecode(model.get("probe_images")), { role: "input", captions, px: 64 }),
      imageRow(`projection of ch ${info.channel}`, maybeDecode(model.get("deconv_images")), { role: "deconv", px: 64 }),
      h3("div", { class: "cs-notes" }, "Projections to input space; mid grey = 0, lighter = positive.")
    ];
  }
  function channelView({ model, el, root, selection }) {
    root.classList.add("cs-channel");
    let data = null;
    const layerName = () => model.get("layer");
    const title = h3("span", { class: "cs-title", "data-role": "title" });
    const sub = h3("span", { class: "cs-sub", "data-role": "subtitle" });
    const slider = epochSlider({ onInput: (epoch) => selection.update({ epoch }) });
    const legend = h3("div", { class: "cs-classes", "data-role": "classes" });
    const busy = h3("div", { class: "cs-busy", hidden: true, "data-role": "busy" });
    const notes = h3("div", { class: "cs-notes", "data-role": "notes" });
    const panel = h3("div", { class: "cs-panel", "data-role": "deconv" });
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
      h3("div", { class: "cs-head" }, h3("span", null, title, sub), slider.el),
      legend,
      h3("div", { class: "cs-main", style: { position: "relative" } }, sm.el, h3("div", { class: "cs-side" }, packing.el, panel), busy),
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
      notes.replaceChildren(...((model.get("info") || {}).notes || []).map((t) => h3("div", null, t)));
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
  var channel_default3 = defineView("channel", channelView);
  Object.assign(module.exports, {
    default: channel_default3
  });
}

// js/lib/loader.js
var REF_PREFIX = "IPY_MODEL_";
var CACHE = /* @__PURE__ */ Symbol.for("cnnslicer_widgets.frontend");
function modules() {
  globalThis[CACHE] ?? (globalThis[CACHE] = /* @__PURE__ */ new Map());
  return globalThis[CACHE];
}
async function importSource(source) {
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    return await import(
      /* @vite-ignore */
      url
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
function frontEnd(digest, source, load = importSource) {
  const cache = modules();
  if (!cache.has(digest)) {
    const promise = Promise.resolve().then(() => load(source()));
    promise.catch(() => cache.delete(digest));
    cache.set(digest, promise);
  }
  return cache.get(digest);
}
async function frontEndOf(model, load = importSource) {
  const ref = model.get("_front_end");
  if (typeof ref !== "string" || !ref.startsWith(REF_PREFIX)) {
    throw new Error(`this widget has no front end (_front_end = ${JSON.stringify(ref)})`);
  }
  const holder = await model.widget_manager.get_model(ref.slice(REF_PREFIX.length));
  return frontEnd(holder.get("digest"), () => holder.get("source"), load);
}
function libModule(lib, specifier) {
  const name = specifier.startsWith("lib:") ? specifier.slice(4) : "";
  const module = lib.modules?.[name];
  if (!module) throw new Error(`the shared lib has no module "${specifier}"`);
  return module;
}
function instantiate(lib, factory) {
  const module = { exports: {} };
  factory((specifier) => libModule(lib, specifier), module, module.exports);
  return module.exports;
}
function viewModule(name, factory, load = importSource) {
  let made = null;
  async function render(context) {
    try {
      const lib = await frontEndOf(context.model, load);
      if (made?.lib !== lib) made = { lib, view: instantiate(lib, factory).default };
      if (typeof made.view?.render !== "function") throw new Error(`the ${name} view's code has no render()`);
    } catch (err) {
      made = null;
      console.error(`cnnslicer ${name} view: the shared lib did not load`, err);
      const note = context.el.ownerDocument.createElement("div");
      note.className = "cnnslicer-message";
      note.setAttribute("role", "alert");
      note.textContent = `This view could not load the shared lib: ${err.message}. Re-run the cell that made it.`;
      context.el.replaceChildren(note);
      return void 0;
    }
    return made.view.render(context);
  }
  return { render };
}

// view:channel
var channel_default2 = viewModule("channel", channel_default);
export {
  channel_default2 as default
};
