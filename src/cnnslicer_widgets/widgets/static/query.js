/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// factory:js/views/query.js
function query_default(require2, module, exports) {
  const { defineView } = require2("lib:view");
  const { h: h2 } = require2("lib:dom");
  const { formatChannels } = require2("lib:selection");
  const { h, svg } = require2("lib:dom");
  var ROW_H = 22;
  var GUTTER = 30;
  var INDENT = 12;
  function shapeText(row) {
    return row.height === 1 && row.width === 1 ? "1×1" : `${row.height}×${row.width}`;
  }
  function rowTip(node, table) {
    if (node.kind === "layer") {
      const row = table[node.first];
      const kept = row.stored === "histogram" ? "; kept as per-map histograms" : "";
      return `${node.path} (${row.type}): ${row.channels} channel${row.channels === 1 ? "" : "s"} of ${shapeText(row)}${kept}.
Click to choose it, shift-click to add or remove it.`;
    }
    const n = node.last - node.first + 1;
    return `${node.path}: ${n} layers, ${table[node.first].name} … ${table[node.last].name}.
Click to choose them all, shift-click to add or remove them; the triangle collapses or expands.`;
  }
  function rowMeta(node, table) {
    if (node.kind === "group") return `${node.last - node.first + 1} layers`;
    const row = table[node.first];
    return `${row.channels} ch · ${shapeText(row)}`;
  }
  var ArchPanel = class {
    constructor({ table, levels, onPick, onToggle, onLevel, onHover }) {
      Object.assign(this, { table, onPick, onToggle, onLevel, onHover });
      this.levelButtons = Array.from({ length: levels + 1 }, (_, k) => h("button", {
        type: "button",
        class: "cq-level",
        "data-level": k,
        title: k === levels ? "Show every layer" : k === 0 ? "Collapse every group" : `Show the tree down to depth ${k}`,
        onclick: () => this.onLevel(k)
      }, k === levels ? "all" : String(k)));
      this.arcs = svg("svg", { class: "cq-arcs", "data-role": "arcs", "aria-hidden": "true" });
      this.rows = h("div", { class: "cq-rows" });
      this.scroller = h("div", { class: "cq-tree", "data-role": "tree", role: "tree", "aria-label": "Architecture overview" }, this.arcs, this.rows);
      this.legend = h("span", { class: "cq-arc-note", "data-role": "arc-note" });
      this.node = h(
        "div",
        { class: "cq-arch", "data-role": "overview" },
        h("div", { class: "cq-levelbar" }, h("span", { class: "cq-levelbar-title" }, "Depth"), ...this.levelButtons, this.legend),
        this.scroller
      );
      this.rowNodes = /* @__PURE__ */ new Map();
    }
    makeRow(node) {
      const pick = h("button", {
        type: "button",
        class: "cq-pick",
        "data-role": "pick",
        title: rowTip(node, this.table),
        "data-layer": node.kind === "layer" ? node.path : null,
        "data-group": node.kind === "group" ? node.path : null,
        onclick: (event) => this.onPick(node.id, event.shiftKey || event.metaKey || event.ctrlKey)
      }, node.label);
      const twisty = node.kind === "group" ? h("button", { type: "button", class: "cq-twisty", "data-role": "toggle", onclick: () => this.onToggle(node.id) }) : h("span", { class: "cq-twisty cq-leaf", "aria-hidden": "true" });
      return h("div", {
        class: `cq-row cq-${node.kind}`,
        "data-node": node.id,
        "data-kind": node.kind,
        role: "treeitem",
        "aria-level": node.depth + 1,
        style: { paddingLeft: `${GUTTER + node.depth * INDENT}px`, height: `${ROW_H}px` }
      }, twisty, pick, h("span", { class: "cq-meta" }, rowMeta(node, this.table)));
    }
    rowNode(node) {
      if (!this.rowNodes.has(node.id)) this.rowNodes.set(node.id, this.makeRow(node));
      return this.rowNodes.get(node.id);
    }
    update({ rows, units, rowOfUnit, arcs, skips, collapsed, coverage, hovered, level, edgeSource }) {
      this.rows.replaceChildren(...rows.map((node) => this.rowNode(node)));
      const unitOfNode = new Map(units.map((u, i) => [u.node.id, i]));
      for (const node of rows) {
        const el = this.rowNode(node);
        const unit = unitOfNode.get(node.id);
        const cover = coverage.get(node.id) || 0;
        el.classList.toggle("cq-selected", cover === 1);
        el.classList.toggle("cq-partial", cover === 0.5);
        el.classList.toggle("cq-hover", unit !== void 0 && unit === hovered);
        el.querySelector("[data-role='pick']").setAttribute("aria-pressed", String(cover === 1));
        el.dataset.unit = unit === void 0 ? "" : String(unit);
        el.onpointerenter = () => this.onHover(unit === void 0 ? null : unit);
        el.onpointerleave = () => this.onHover(null);
        const toggle = el.querySelector("[data-role='toggle']");
        if (toggle) {
          const open = !collapsed.has(node.id);
          toggle.textContent = open ? "▾" : "▸";
          toggle.setAttribute("aria-expanded", String(open));
          toggle.title = open ? `Collapse ${node.path} into one column` : `Expand ${node.path}`;
        }
      }
      this.levelButtons.forEach((b, k) => b.setAttribute("aria-pressed", String(k === level)));
      this.drawArcs(rows, units, rowOfUnit, arcs, hovered);
      this.legend.textContent = edgeSource === "call order" ? "no skip connections known" : arcs.length ? `${arcs.length} skip connection${arcs.length === 1 ? "" : "s"} shown` : skips ? "skip connections: inside collapsed groups" : "no skip connections";
      this.legend.title = edgeSource === "call order" ? "This store holds no data-flow graph (recorded before the recorder traced models, or the model could not be traced): layers are shown in call order. Pass model= to trace it." : `Arcs on the left join layers that one feeds the other past the layers between them (from ${edgeSource === "model" ? "the model, traced with torch.fx" : "the store: the recorder traced the model with torch.fx"}).`;
    }
    drawArcs(rows, units, rowOfUnit, arcs, hovered) {
      const height = rows.length * ROW_H;
      this.arcs.setAttribute("width", GUTTER);
      this.arcs.setAttribute("height", height);
      this.arcs.setAttribute("viewBox", `0 0 ${GUTTER} ${height}`);
      const x = GUTTER - 3;
      const paths = arcs.map(({ from, to }) => {
        const y1 = (rowOfUnit[from] + 0.5) * ROW_H;
        const y2 = (rowOfUnit[to] + 0.5) * ROW_H;
        const bend = Math.min(GUTTER - 5, 6 + 3.2 * Math.log2(1 + rowOfUnit[to] - rowOfUnit[from]));
        const hot = hovered === from || hovered === to;
        return svg("path", {
          class: `cq-arc${hot ? " cq-arc-hot" : ""}`,
          "data-from": units[from].node.path,
          "data-to": units[to].node.path,
          d: `M${x},${y1} C${x - bend},${y1} ${x - bend},${y2} ${x},${y2}`
        });
      });
      this.arcs.replaceChildren(...paths);
    }
    /** Scroll the tree so that the row of unit i shows. */
    reveal(rowIndex) {
      const top = rowIndex * ROW_H;
      const box = this.scroller;
      if (top < box.scrollTop || top + ROW_H > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  };
  function createArchPanel(options) {
    return new ArchPanel(options);
  }
  function ancestors(tree, node) {
    const out = [];
    for (let p = node.parent; p >= 0; p = tree[p].parent) out.unshift(p);
    return out;
  }
  function visibleRows(tree, collapsed) {
    return tree.filter((node) => ancestors(tree, node).every((p) => !collapsed.has(p)));
  }
  function unitsOf(tree, collapsed) {
    return visibleRows(tree, collapsed).filter((node) => node.kind === "layer" || collapsed.has(node.id)).map((node) => ({ node, first: node.first, last: node.last }));
  }
  function collapsedAt(tree, level) {
    return new Set(tree.filter((n) => n.kind === "group" && n.depth >= level).map((n) => n.id));
  }
  function maxLevel(tree) {
    return 1 + Math.max(-1, ...tree.filter((n) => n.kind === "group").map((n) => n.depth));
  }
  function defaultLevel(tree, maxUnits = 24) {
    for (let level = maxLevel(tree); level > 0; level--) {
      if (unitsOf(tree, collapsedAt(tree, level)).length <= maxUnits) return level;
    }
    return 0;
  }
  function unitOfLayer(units, nLayers) {
    const out = new Int32Array(nLayers).fill(-1);
    units.forEach((u, i) => {
      for (let p = u.first; p <= u.last; p++) out[p] = i;
    });
    return out;
  }
  function skipArcs(edges, unitOf) {
    const seen = /* @__PURE__ */ new Set();
    const arcs = [];
    for (const [a, b] of edges) {
      const from = unitOf[a];
      const to = unitOf[b];
      if (from < 0 || to < 0 || Math.abs(to - from) < 2) continue;
      const key = `${from},${to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      arcs.push({ from: Math.min(from, to), to: Math.max(from, to) });
    }
    return arcs.sort((x, y) => x.from - y.from || x.to - y.to);
  }
  function layersOfUnits(units, picked) {
    const out = /* @__PURE__ */ new Set();
    for (const i of picked) for (let p = units[i].first; p <= units[i].last; p++) out.add(p);
    return [...out].sort((a, b) => a - b);
  }
  function unitCoverage(units, chosenPositions) {
    return units.map((u) => {
      let n = 0;
      for (let p = u.first; p <= u.last; p++) if (chosenPositions.has(p)) n++;
      return n === 0 ? 0 : n === u.last - u.first + 1 ? 1 : 0.5;
    });
  }
  function windowAround(start, size, count, keep = null) {
    const span = Math.min(size, count);
    let s = Math.max(0, Math.min(start, count - span));
    if (keep !== null && keep !== void 0 && keep >= 0) {
      if (keep < s) s = keep;
      else if (keep >= s + span) s = keep - span + 1;
    }
    return { start: s, size: span };
  }
  const { svg: svg2 } = require2("lib:dom");
  const { niceTicks, runsOf } = require2("lib:charts");
  var FRONT_W = 300;
  var FRONT_H = 150;
  var LEFT = 66;
  var TOP = 10;
  var GAP = 0.12;
  var LABEL_DEPTH = 66;
  var STRIP_H = 12;
  var MIN_COLUMN = 10;
  function geometry(nLayers, nEpochs, channelMax, frontW = FRONT_W) {
    const depthX = Math.round(frontW * 0.36);
    const depthY = Math.round(depthX * 0.62);
    const x0 = LEFT;
    const yb = TOP + depthY + FRONT_H;
    const colW = frontW / Math.max(1, nLayers);
    const chH = FRONT_H / Math.max(1, channelMax);
    const p = (l, c, e) => [x0 + l * colW + e * depthX, yb - Math.min(c, channelMax) * chH - e * depthY];
    const epochDepth = (i) => (i + 0.5) / Math.max(1, nEpochs);
    const labels = yb + 26;
    const strip = labels + LABEL_DEPTH + 4;
    return {
      x0,
      yb,
      colW,
      chH,
      p,
      epochDepth,
      frontW,
      frontH: FRONT_H,
      depthX,
      depthY,
      labels,
      strip,
      width: x0 + frontW + depthX + 40,
      height: strip + STRIP_H + 6,
      heightNoStrip: strip
    };
  }
  function windowSize(frontW) {
    return Math.max(4, Math.floor(frontW / MIN_COLUMN));
  }
  function frontWidthFor(width) {
    return Math.max(150, Math.min(340, Math.floor((width - LEFT - 40) / 1.36)));
  }
  var pts = (list) => list.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
  function boxFaces(g, [l0, l1], [c0, c1], [e0, e1], attrs) {
    const { p } = g;
    return [
      svg2("polygon", { ...attrs, points: pts([p(l0, c0, e0), p(l1, c0, e0), p(l1, c1, e0), p(l0, c1, e0)]) }),
      svg2("polygon", { ...attrs, points: pts([p(l0, c1, e0), p(l1, c1, e0), p(l1, c1, e1), p(l0, c1, e1)]) }),
      svg2("polygon", { ...attrs, points: pts([p(l1, c0, e0), p(l1, c0, e1), p(l1, c1, e1), p(l1, c1, e0)]) })
    ];
  }
  function channelRanges(channels, size) {
    if (!channels.length) return [[0, size]];
    return runsOf(channels).filter(([a]) => a < size).map(([a, b]) => [a, Math.min(b + 1, size)]);
  }
  function drawColumns(g, units, state, channelMax) {
    const out = [];
    const { start, size } = state.window;
    for (let k = 0; k < size; k++) {
      const i = start + k;
      const unit = units[i];
      const l = [k + GAP, k + 1 - GAP];
      const top = Math.min(unit.channels, channelMax);
      const cover = state.coverage[i] || 0;
      const cls = ["cq-column", state.hovered === i ? "cq-hovered" : "", unit.group ? "cq-group" : "", cover === 0.5 ? "cq-partial" : ""];
      const col = svg2(
        "g",
        { class: cls.filter(Boolean).join(" "), "data-layer": unit.name, "data-unit": i, "data-index": i },
        svg2("title", {}, unit.tip),
        ...boxFaces(g, l, [0, top], [0, 1], { class: "cq-cell" })
      );
      if (cover > 0) {
        const e = g.epochDepth(state.epoch);
        const half = 0.5 / Math.max(1, g.nEpochs);
        for (const [c0, c1] of channelRanges(state.channels, top)) {
          col.append(...boxFaces(g, l, [c0, c1], [0, 1], { class: "cq-slab" }));
          col.append(...boxFaces(g, l, [c0, c1], [e - half, e + half], { class: "cq-slice", "data-role": "slice" }));
        }
      }
      out.push(col);
    }
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
  function labelStep(colW, lineH = 12) {
    return Math.max(1, Math.ceil(lineH / Math.max(colW, 1e-9)));
  }
  function fitText(text, px, charW = 5.9) {
    const n = Math.floor(px / charW);
    return text.length <= n ? text : `${text.slice(0, Math.max(1, n - 1))}…`;
  }
  function drawClipLabels(g, units, state) {
    const { start, size } = state.window;
    const shown = units.slice(start, start + size);
    const out = svg2("g", { class: "cq-clips" });
    for (const run of clipLabels(shown.map((u) => u.channels), state.channelMax, g.colW)) {
      const [x, y] = g.p((run.first + run.last + 1) / 2, state.channelMax, 0.5);
      const span = run.last > run.first ? `${shown[run.first].name} … ${shown[run.last].name}` : shown[run.first].name;
      out.append(svg2(
        "text",
        { class: "cq-clip", x, y: y + 3, "text-anchor": "middle", "data-role": "clip-label" },
        svg2("title", {}, `${span}: ${run.channels} channels, taller than the cube (drawn to ${state.channelMax})`),
        `↑${run.channels}`
      ));
    }
    return out;
  }
  function layerAxis(g, units, state) {
    const { x0, yb, colW, frontW } = g;
    const { start, size } = state.window;
    const step = labelStep(colW);
    const band = svg2(
      "g",
      { class: "cq-axis" },
      svg2(
        "rect",
        { class: "cq-band", "data-axis": "layer", x: x0, y: yb + 4, width: frontW, height: 18 },
        svg2("title", {}, "Click a column to choose it, drag for a slab of columns")
      )
    );
    for (let k = 0; k < size; k += step) {
      const unit = units[start + k];
      const x = x0 + (k + 0.5) * colW + 3.5;
      const y = g.labels;
      band.append(svg2("text", {
        class: `cq-tick cq-layer-label${unit.group ? " cq-group-label" : ""}`,
        x,
        y,
        "text-anchor": "end",
        transform: `rotate(-90 ${x} ${y})`,
        "data-role": "layer-label",
        "data-unit": start + k
      }, fitText(unit.label, LABEL_DEPTH - 4)));
    }
    return band;
  }
  function overviewStrip(g, units, state) {
    const { x0, frontW, strip } = g;
    const n = units.length;
    const { start, size } = state.window;
    const w = frontW / n;
    const group = svg2(
      "g",
      { class: "cq-strip", "data-role": "overview" },
      svg2(
        "rect",
        { class: "cq-strip-bg", "data-axis": "overview", x: x0, y: strip, width: frontW, height: STRIP_H },
        svg2("title", {}, `All ${n} columns: drag the window, or click to move it there`)
      )
    );
    units.forEach((u, i) => {
      const cover = state.coverage[i] || 0;
      if (!cover && !u.group) return;
      group.append(svg2("rect", { class: cover ? "cq-strip-chosen" : "cq-strip-group", x: x0 + i * w, y: strip + (cover ? 0 : STRIP_H - 3), width: Math.max(1, w), height: cover ? STRIP_H : 3 }));
    });
    group.append(svg2("rect", {
      class: "cq-brush",
      "data-role": "brush",
      "data-axis": "overview",
      x: x0 + start * w,
      y: strip - 1,
      width: size * w,
      height: STRIP_H + 2,
      tabindex: 0,
      role: "scrollbar",
      "aria-label": "Columns shown",
      "aria-valuemin": 0,
      "aria-valuemax": n - size,
      "aria-valuenow": start,
      "data-start": start,
      "data-size": size
    }, svg2("title", {}, `columns ${start + 1}–${start + size} of ${n}: drag, or use the arrow keys`)));
    return group;
  }
  function channelAxis(g, channelMax) {
    const { x0, yb, chH } = g;
    const band = svg2(
      "g",
      { class: "cq-axis" },
      svg2("rect", { class: "cq-band", "data-axis": "channel", x: x0 - 22, y: yb - FRONT_H, width: 18, height: FRONT_H })
    );
    for (const t of niceTicks(0, channelMax - 1, Math.min(6, channelMax))) {
      if (!Number.isInteger(t)) continue;
      band.append(svg2("text", { class: "cq-tick", x: x0 - 24, y: yb - (t + 0.5) * chH + 3.5, "text-anchor": "end" }, String(t)));
    }
    const cy = yb - FRONT_H / 2;
    band.append(svg2("text", { class: "cq-title", x: 12, y: cy, "text-anchor": "middle", transform: `rotate(-90 12 ${cy})` }, "channel (drag)"));
    return band;
  }
  function epochAxis(g, epochs, state) {
    const a = g.p(g.nLayers, 0, 0);
    const b = g.p(g.nLayers, 0, 1);
    const group = svg2(
      "g",
      { class: "cq-axis" },
      svg2("line", { class: "cq-band cq-epoch-band", "data-axis": "epoch", x1: a[0], y1: a[1], x2: b[0], y2: b[1] })
    );
    const step = Math.max(1, Math.ceil(epochs.length / 8));
    epochs.forEach((ep, i) => {
      const [x, y] = g.p(g.nLayers, 0, g.epochDepth(i));
      group.append(svg2("line", { class: "cq-tickmark", x1: x, y1: y, x2: x + 5, y2: y + 3 }));
      if (i % step === 0 || i === epochs.length - 1) group.append(svg2("text", { class: "cq-tick", x: x + 8, y: y + 9 }, String(ep)));
    });
    group.append(svg2("text", { class: "cq-title", x: b[0] - 4, y: b[1] - 10, "text-anchor": "middle" }, "epoch"));
    const [hx, hy] = g.p(g.nLayers, 0, g.epochDepth(state.epoch));
    group.append(svg2("circle", {
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
    }, svg2("title", {}, `epoch ${epochs[state.epoch]} (drag along the epoch axis, or use the arrow keys)`)));
    return group;
  }
  function localPoint(node, event) {
    const m = node.getScreenCTM();
    if (!m) return [0, 0];
    const pt = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
    return [pt.x, pt.y];
  }
  var clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  var range = (a, b) => Array.from({ length: Math.abs(b - a) + 1 }, (_, k) => Math.min(a, b) + k);
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
  function stripStart(g, count, size, x, grab = null) {
    const w = g.frontW / count;
    const at = (x - g.x0) / w;
    const s = grab === null ? Math.round(at - size / 2) : Math.round(at - grab);
    return clamp(s, 0, Math.max(0, count - size));
  }
  var EVENTS = ["pointerdown", "pointermove", "pointerup", "pointercancel", "pointerleave", "keydown"];
  var SlicerCube = class {
    constructor({ epochs, onChange, onHover, onWindow }) {
      Object.assign(this, { epochs, onChange, onHover, onWindow });
      this.node = svg2("svg", { class: "cq-cube", "data-role": "cube", role: "group", "aria-label": "Slicer cube: layer × channel × epoch" });
      this.units = [];
      this.state = { coverage: [], channels: [], epoch: 0, hovered: null, channelMax: 1, window: { start: 0, size: 0 }, frontW: FRONT_W };
      this.drag = null;
      this.handlers = {
        pointerdown: (e) => this.down(e),
        pointermove: (e) => this.move(e),
        pointerup: (e) => this.up(e),
        pointercancel: (e) => this.up(e),
        pointerleave: () => !this.drag && this.onHover(null),
        keydown: (e) => this.key(e)
      };
      for (const name of EVENTS) this.node.addEventListener(name, this.handlers[name]);
    }
    update(next) {
      if (next.units) this.units = next.units;
      this.state = { ...this.state, ...next };
      delete this.state.units;
      this.draw();
    }
    draw() {
      const { units, epochs, state, node } = this;
      const { size } = state.window;
      const g = geometry(size, epochs.length, state.channelMax, state.frontW);
      Object.assign(g, { nLayers: size, nEpochs: epochs.length });
      this.g = g;
      this.pick = picker(g, size, epochs.length, state.channelMax);
      const height = size < units.length ? g.height : g.heightNoStrip;
      for (const [k, v] of [["width", g.width], ["height", height], ["viewBox", `0 0 ${g.width} ${height}`]]) node.setAttribute(k, v);
      const face = svg2("rect", { class: "cq-face", "data-role": "face", x: g.x0, y: g.yb - FRONT_H, width: g.frontW, height: FRONT_H });
      const outline = boxFaces(g, [0, size], [0, state.channelMax], [0, 1], { class: "cq-outline" });
      node.replaceChildren(
        ...outline,
        face,
        ...drawColumns(g, units, state, state.channelMax),
        drawClipLabels(g, units, state),
        layerAxis(g, units, state),
        channelAxis(g, state.channelMax),
        epochAxis(g, epochs, state),
        ...size < units.length ? [overviewStrip(g, units, state)] : []
      );
      node.dataset.channels = state.channels.join(",");
      node.dataset.epoch = String(epochs[state.epoch]);
      node.dataset.columns = String(units.length);
      node.dataset.window = `${state.window.start},${size}`;
    }
    focusHandle() {
      this.node.querySelector("[data-role='epoch-handle']")?.focus();
    }
    /** A patch of window columns -> unit indices. */
    toUnits(patch) {
      if (!patch.layers) return patch;
      const { start } = this.state.window;
      return { ...patch, layers: patch.layers.map((k) => start + k) };
    }
    down(event) {
      const kind = kindOf(event.target);
      if (!kind || event.button !== 0) return;
      event.preventDefault();
      this.node.setPointerCapture?.(event.pointerId);
      const start = localPoint(this.node, event);
      if (kind === "overview") {
        const { start: s, size } = this.state.window;
        const onBrush = event.target.dataset?.role === "brush";
        const grab = onBrush ? (start[0] - this.g.x0) / (this.g.frontW / this.units.length) - s : null;
        this.drag = { kind, grab: grab ?? size / 2, g: this.g };
        if (!onBrush) this.onWindow(stripStart(this.g, this.units.length, size, start[0]));
        return;
      }
      this.drag = { kind, start, pick: this.pick };
      this.onChange(this.toUnits(gesturePatch(kind, this.pick, start, start)), { final: false });
    }
    move(event) {
      if (this.drag) {
        const at = localPoint(this.node, event);
        if (this.drag.kind === "overview") {
          this.onWindow(stripStart(this.drag.g, this.units.length, this.state.window.size, at[0], this.drag.grab));
          return;
        }
        const { kind, pick, start } = this.drag;
        this.onChange(this.toUnits(gesturePatch(kind, pick, start, at)), { final: false });
        return;
      }
      const column = event.target.closest?.(".cq-column");
      this.onHover(column ? Number(column.dataset.unit) : null);
    }
    up(event) {
      if (!this.drag) return;
      const { kind, pick, start } = this.drag;
      this.drag = null;
      this.node.releasePointerCapture?.(event.pointerId);
      if (kind === "overview") return;
      this.onChange(this.toUnits(gesturePatch(kind, pick, start, localPoint(this.node, event))), { final: true });
    }
    key(event) {
      const role = event.target.dataset?.role;
      const delta = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[event.key];
      if (!delta || role !== "epoch-handle" && role !== "brush") return;
      event.preventDefault();
      if (role === "brush") {
        const { start, size } = this.state.window;
        this.onWindow(clamp(start + delta * Math.max(1, Math.floor(size / 4)), 0, Math.max(0, this.units.length - size)));
        this.node.querySelector("[data-role='brush']")?.focus();
        return;
      }
      this.onChange({ epoch: clamp(this.state.epoch + delta, 0, this.epochs.length - 1) }, { final: true });
    }
    dispose() {
      for (const name of EVENTS) this.node.removeEventListener(name, this.handlers[name]);
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
  var PENDING_EVENTS = "change:pending_layers change:pending_channels change:pending_epoch change:notes";
  var HELP = "Click a row of the overview (a block: all its layers) or a column of the cube, drag along the layer axis for a slab, along the channel axis (or on the front face) for channels, and move the round handle for the epoch. Query applies it to every linked view.";
  var MAX_UNITS = 24;
  var tail = (name) => name.split(".").length > 2 ? `…${name.split(".").slice(-2).join(".")}` : name;
  function describeLayers(names, table) {
    if (!names.length) return "none";
    const idx = names.map((n) => table.findIndex((r) => r.name === n));
    const contiguous = idx.every((v, k) => k === 0 || v === idx[k - 1] + 1);
    if (contiguous && names.length > 2) return `${tail(names[0])} … ${tail(names[names.length - 1])} (${names.length})`;
    return names.length > 3 ? `${names.slice(0, 2).map(tail).join(", ")}, … (${names.length} layers)` : names.map(tail).join(", ");
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
  function channelAxisMax(units, coverage) {
    const widest = Math.max(1, ...units.map((u) => u.channels));
    const over = coverage.some((c) => c > 0) ? units.filter((_, i) => coverage[i] > 0) : units;
    return Math.max(Math.min(4, widest), ...over.map((u) => u.channels));
  }
  function unitInfo(unit, table, tree) {
    const node = unit.node;
    const rows = table.slice(unit.first, unit.last + 1);
    const channels = Math.max(...rows.map((r) => r.channels));
    if (node.kind === "layer") {
      const row = rows[0];
      return {
        name: row.name,
        label: node.label,
        channels,
        group: false,
        tip: `${row.name} · ${row.type} · ${row.channels} channel${row.channels === 1 ? "" : "s"} · ${row.height}×${row.width}`
      };
    }
    const parent = node.parent >= 0 ? tree[node.parent] : null;
    const label = /^\d+$/.test(node.label) && parent ? `${parent.label}.${node.label}` : node.label;
    return {
      name: node.path,
      label,
      channels,
      group: true,
      tip: `${node.path}: ${rows.length} layers (${rows[0].name} … ${rows[rows.length - 1].name}), up to ${channels} channels`
    };
  }
  var QueryController = class {
    constructor({ model, el, root, selection }) {
      Object.assign(this, { model, root, selection });
      this.table = model.get("layer_table") || [];
      this.tree = model.get("layer_tree") || [];
      this.edges = model.get("edges") || [];
      this.edgeSource = model.get("edge_source") || "call order";
      this.skips = this.edges.filter(([a, b]) => b !== a + 1).length;
      this.epochs = Array.from(model.get("epochs") || []);
      this.byName = new Map(this.table.map((r, i) => [r.name, i]));
      this.hovered = null;
      this.level = defaultLevel(this.tree, MAX_UNITS);
      this.collapsed = collapsedAt(this.tree, this.level);
      this.start = 0;
      this.frontW = 300;
      this.notes = h2("ul", { class: "cq-notes", "data-role": "notes" });
      this.panel = createArchPanel({
        table: this.table,
        levels: maxLevel(this.tree),
        onPick: (id, add) => this.pickNode(id, add),
        onToggle: (id) => this.toggle(id),
        onLevel: (level) => this.setLevel(level),
        onHover: (unit) => this.hover(unit)
      });
      this.cube = this.makeCube();
      this.cubeBox = h2("div", { class: "cq-cubebox" }, this.cube.node);
      el.append(h2(
        "div",
        { class: "cq-root" },
        this.notes,
        h2("div", { class: "cq-layout" }, this.panel.node, this.cubeBox, this.sidePanel())
      ));
      this.restructure();
      this.resizer = new ResizeObserver(() => this.measure());
      this.resizer.observe(this.cubeBox);
    }
    /** The collapse state changed: recompute rows, units and arcs. */
    restructure() {
      this.rows = visibleRows(this.tree, this.collapsed);
      this.units = unitsOf(this.tree, this.collapsed);
      this.unitOf = unitOfLayer(this.units, this.table.length);
      this.unitInfo = this.units.map((u) => unitInfo(u, this.table, this.tree));
      const rowIndex = new Map(this.rows.map((n, i) => [n.id, i]));
      this.rowOfUnit = this.units.map((u) => rowIndex.get(u.node.id));
      this.arcs = skipArcs(this.edges, this.unitOf);
      this.hovered = null;
    }
    measure() {
      const width = this.cubeBox.clientWidth;
      if (!width) return;
      const frontW = frontWidthFor(width);
      if (frontW !== this.frontW) {
        this.frontW = frontW;
        this.redraw();
      }
    }
    sidePanel() {
      const button = (role, text, onclick) => h2("button", { type: "button", "data-role": role, onclick }, text);
      this.status = h2("div", { class: "cq-status", "data-role": "pending" });
      this.applied = h2("div", { class: "cq-applied", "data-role": "applied" });
      this.error = h2("div", { class: "cq-error", role: "alert", hidden: true });
      this.queryButton = button("query", "Query", () => this.apply());
      this.queryButton.classList.add("cq-query");
      const buttons = h2(
        "div",
        { class: "cq-buttons" },
        this.queryButton,
        button("all-channels", "All channels", () => this.setPending({ channels: [] })),
        button("clear", "Clear", () => this.setPending({ layers: [], channels: [] })),
        button("revert", "Revert", () => this.follow(this.selection.snapshot(), ["layers", "channels", "epoch"]))
      );
      return h2(
        "div",
        { class: "cq-side" },
        h2("div", { class: "cq-side-title" }, "Pending query"),
        this.status,
        buttons,
        this.applied,
        this.error,
        h2("div", { class: "cq-help" }, HELP)
      );
    }
    makeCube() {
      return createSlicerCube({
        epochs: this.epochs,
        onChange: (patch, { final }) => {
          const out = {};
          if (patch.layers) out.layers = layersOfUnits(this.units, patch.layers).map((p) => this.table[p].name);
          if (patch.channels) out.channels = patch.channels;
          if (patch.epoch !== void 0) out.epoch = this.epochs[patch.epoch];
          this.setPending(out, final);
          if (!final) this.redraw();
          else if (patch.layers) this.panel.reveal(this.rowOfUnit[patch.layers[0]]);
        },
        onHover: (unit) => this.hover(unit),
        onWindow: (start) => {
          this.start = start;
          this.redraw();
        }
      });
    }
    /** A followed store gained epochs (QueryView.refresh()): rebuild the cube. */
    replaceEpochs() {
      this.epochs = Array.from(this.model.get("epochs") || []);
      const old = this.cube;
      this.cube = this.makeCube();
      old.node.replaceWith(this.cube.node);
      old.dispose();
      this.redraw();
    }
    pending() {
      const m = this.model;
      return { layers: m.get("pending_layers") || [], channels: m.get("pending_channels") || [], epoch: m.get("pending_epoch") };
    }
    setPending(patch, save = true) {
      const next = {};
      if (patch.layers) next.pending_layers = [...new Set(patch.layers)].sort((a, b) => this.byName.get(a) - this.byName.get(b));
      if (patch.channels) next.pending_channels = [...new Set(patch.channels)].sort((a, b) => a - b);
      if (patch.epoch !== void 0) next.pending_epoch = patch.epoch;
      this.model.set(next);
      if (save) this.model.save_changes();
    }
    pickNode(id, add) {
      const node = this.tree[id];
      const mine = this.table.slice(node.first, node.last + 1).map((r) => r.name);
      const cur = this.pending().layers;
      let layers = mine;
      if (add) layers = mine.every((n) => cur.includes(n)) ? cur.filter((n) => !mine.includes(n)) : [...cur, ...mine];
      this.setPending({ layers });
    }
    toggle(id) {
      if (this.collapsed.has(id)) this.collapsed.delete(id);
      else this.collapsed.add(id);
      this.level = null;
      this.restructure();
      this.redraw();
    }
    setLevel(level) {
      this.level = level;
      this.collapsed = collapsedAt(this.tree, level);
      this.restructure();
      this.redraw({ reveal: true });
    }
    hover(unit) {
      if (this.hovered === unit) return;
      this.hovered = unit;
      const info = unit === null ? null : this.unitInfo[unit];
      try {
        this.selection.hover(info && !info.group ? { kind: "layer", layer: info.name, source: "query" } : {});
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
      this.redraw({ reveal: Boolean(patch.layers) });
    }
    /** Redraw everything; reveal: move the cube's window (and the tree) to the chosen layers. */
    redraw({ reveal = false } = {}) {
      const start = performance.now();
      const p = this.pending();
      const positions = new Set(p.layers.map((n) => this.byName.get(n)).filter((i) => i !== void 0));
      const coverage = unitCoverage(this.units, positions);
      const size = windowSize(this.frontW);
      const firstChosen = coverage.findIndex((c) => c > 0);
      const win = windowAround(this.start, size, this.units.length, reveal && firstChosen >= 0 ? firstChosen : null);
      this.start = win.start;
      const outside = this.hovered === null ? layerOfHover(this.selection.get("hovered"), this.byName) : null;
      const hovered = this.hovered ?? (outside === null ? null : this.unitOf[outside]);
      const hadFocus = document.activeElement?.dataset?.role === "epoch-handle";
      this.cube.update({
        units: this.unitInfo,
        coverage,
        channels: p.channels,
        epoch: Math.max(0, this.epochs.indexOf(p.epoch)),
        hovered,
        channelMax: channelAxisMax(this.unitInfo, coverage),
        window: win,
        frontW: this.frontW
      });
      this.cube.node.dataset.layers = p.layers.filter((n) => this.byName.has(n)).join(",");
      if (hadFocus) this.cube.focusHandle();
      this.panel.update({
        rows: this.rows,
        units: this.units,
        rowOfUnit: this.rowOfUnit,
        arcs: this.arcs,
        skips: this.skips,
        collapsed: this.collapsed,
        coverage: this.nodeCoverage(positions),
        hovered,
        level: this.level,
        edgeSource: this.edgeSource
      });
      if (reveal && firstChosen >= 0) this.panel.reveal(this.rowOfUnit[firstChosen]);
      this.drawStatus(p);
      const texts = this.model.get("notes") || [];
      this.notes.replaceChildren(...texts.map((t) => h2("li", {}, t)));
      this.notes.hidden = !texts.length;
      this.root.dataset.drawMs = (performance.now() - start).toFixed(1);
    }
    /** Coverage of every shown row (groups too, expanded or not): node id -> 0, 0.5 or 1. */
    nodeCoverage(positions) {
      const out = /* @__PURE__ */ new Map();
      for (const node of this.rows) {
        let n = 0;
        for (let q = node.first; q <= node.last; q++) if (positions.has(q)) n++;
        out.set(node.id, n === 0 ? 0 : n === node.last - node.first + 1 ? 1 : 0.5);
      }
      return out;
    }
    drawStatus(p) {
      const snap = this.selection.snapshot();
      const mine = snap.layers.filter((n) => this.byName.has(n));
      this.status.replaceChildren(
        h2("span", {}, `layers ${describeLayers(p.layers, this.table)}`),
        h2("span", {}, `channels ${describeChannels(p.channels)}`),
        h2("span", {}, `epoch ${p.epoch}`)
      );
      this.status.title = p.layers.join(", ");
      this.applied.textContent = `Applied: layers ${describeLayers(mine, this.table)} · channels ${describeChannels(snap.channels)} · epoch ${snap.epoch}`;
      const dirty = JSON.stringify([p.layers, p.channels, p.epoch]) !== JSON.stringify([snap.layers, snap.channels, snap.epoch]);
      const q = this.queryButton;
      q.disabled = !p.layers.length;
      q.classList.toggle("cq-dirty", dirty && p.layers.length > 0);
      q.title = !p.layers.length ? "Choose at least one layer first" : dirty ? "Apply the pending query to the linked views" : "The pending query is already applied";
      this.root.dataset.dirty = String(dirty);
    }
    dispose() {
      this.resizer.disconnect();
      this.cube.dispose();
    }
  };
  function draw(ctx) {
    const { model, selection } = ctx;
    const epochs = model.get("epochs") || [];
    if (!(model.get("layer_table") || []).length || !epochs.length) return void 0;
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
      view.dispose();
    };
  }
  var query_default3 = defineView("query", draw);
  Object.assign(module.exports, {
    default: query_default3
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

// view:query
var query_default2 = viewModule("query", query_default);
export {
  query_default2 as default
};
