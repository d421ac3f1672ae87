/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// factory:js/views/information.js
function information_default(require2, module, exports) {
  const { decode } = require2("lib:codec");
  const { blues, viridis: viridis2 } = require2("lib:colors");
  const { formatNumber: formatNumber4, h: h4 } = require2("lib:dom");
  const { colorTable } = require2("lib:heatmap");
  const { niceTicks: niceTicks2 } = require2("lib:charts");
  const { formatNumber: formatNumber2, h: h2, linearScale: linearScale2, svg: svg2 } = require2("lib:dom");
  const { attachTooltip, niceTicks } = require2("lib:charts");
  const { rgb, viridis } = require2("lib:colors");
  const { formatNumber, h, linearScale, svg } = require2("lib:dom");
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
  function axes(node, plot, xs, ys, xMax, yMax) {
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
  function trajectory(l, arrays, info, scales, state) {
    const { xs, ys } = scales;
    const E = info.epochs.length;
    const B = info.bounds.length;
    const picked = state.selected.includes(info.layers[l]);
    const g = svg("g", { class: `ci-traj${picked ? " ci-picked" : ""}`, "data-layer": info.layers[l], "data-role": "trajectory", onclick: () => state.onPick(info.layers[l]) });
    const pts = (b) => Array.from({ length: E }, (_, e) => [at(arrays.xt, l, e, b), at(arrays.ty, l, e, b)]).filter(([a, c]) => Number.isFinite(a) && Number.isFinite(c));
    const path = (list) => list.map(([a, c]) => `${xs(a).toFixed(1)},${ys(c).toFixed(1)}`).join(" ");
    const main = pts(B - 1);
    if (B === 2) {
      const lower = pts(0);
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
    for (const lab of [...labels].sort((a, b) => a.y - b.y || a.x - b.x)) {
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
    axes(node, plot, xs, ys, xMax, yMax);
    guides(node, plot, xs, ys, info);
    const state = { selected, epoch: e, onPick, labels: [] };
    const order = info.layers.map((_, l) => l).sort((a, b) => selected.includes(info.layers[a]) - selected.includes(info.layers[b]));
    for (const l of order) node.append(trajectory(l, arrays, info, { xs, ys }, state));
    node.append(drawLabels(state.labels, state));
    box.append(node, epochLegend(info.epochs, width));
    const untip = attachTooltip(box);
    return { el: box, dispose: untip };
  }
  var MARGIN2 = { left: 46, right: 10, top: 22, bottom: 38 };
  function quantile(sorted, q) {
    if (!sorted.length) return NaN;
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
  function boxStats(values) {
    const v = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
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
      `median ${formatNumber2(s.median)} bits`,
      `quartiles ${formatNumber2(s.q1)} – ${formatNumber2(s.q3)}`,
      `range ${formatNumber2(s.min)} – ${formatNumber2(s.max)}`
    ];
    if (Number.isFinite(nul)) lines.push(`shuffled labels 95% (mean over channels): ${formatNumber2(nul)}`);
    lines.push("click: select this epoch");
    return lines.join("\n");
  }
  function boxPlot({ values, epochs, nChannels, nullLevel, yMax, width, height, epoch, onPick, title }) {
    const node = svg2("svg", { class: "cs-chart ci-boxes", width, height, viewBox: `0 0 ${width} ${height}`, "data-role": "boxes" });
    node.append(svg2("text", { class: "cs-chart-title", x: MARGIN2.left, y: 13 }, title));
    const plot = { x0: MARGIN2.left, x1: width - MARGIN2.right, y0: height - MARGIN2.bottom, y1: MARGIN2.top };
    const E = epochs.length;
    const stats = epochs.map((_, e) => boxStats(values.subarray(e * nChannels, (e + 1) * nChannels)));
    const lo = Math.min(0, ...stats.map((s) => s.min).filter(Number.isFinite));
    const top = Math.max(yMax, ...stats.map((s) => s.max).filter(Number.isFinite)) * 1.04;
    const ys = linearScale2([lo, top], [plot.y0, plot.y1]);
    const band = (plot.x1 - plot.x0) / Math.max(1, E);
    const xc = (e) => plot.x0 + (e + 0.5) * band;
    const g = svg2("g", { class: "cs-axes" });
    g.append(svg2("line", { x1: plot.x0, y1: plot.y0, x2: plot.x1, y2: plot.y0 }));
    g.append(svg2("line", { x1: plot.x0, y1: plot.y0, x2: plot.x0, y2: plot.y1 }));
    for (const t of niceTicks2(lo, top, 5)) {
      g.append(svg2("line", { class: "cs-grid", x1: plot.x0, y1: ys(t), x2: plot.x1, y2: ys(t) }));
      g.append(svg2("text", { class: "cs-tick", x: plot.x0 - 5, y: ys(t) + 3.5, "text-anchor": "end" }, formatNumber2(t)));
    }
    const every = Math.max(1, Math.ceil(26 / band));
    epochs.forEach((ep, e) => {
      if (e % every === 0 || e === E - 1) g.append(svg2("text", { class: "cs-tick", x: xc(e), y: plot.y0 + 14, "text-anchor": "middle" }, String(ep)));
    });
    node.append(g);
    node.append(svg2("text", { class: "cs-axis-title", x: (plot.x0 + plot.x1) / 2, y: height - 4, "text-anchor": "middle" }, "epoch"));
    const cy = (plot.y0 + plot.y1) / 2;
    node.append(svg2("text", { class: "cs-axis-title", x: 11, y: cy, "text-anchor": "middle", transform: `rotate(-90 11 ${cy})` }, "I(T_c;Y), bits"));
    node.append(svg2("line", { class: "ci-limit", x1: plot.x0, x2: plot.x1, y1: ys(yMax), y2: ys(yMax) }));
    node.append(svg2("text", { class: "ci-limit-label", x: plot.x1 - 2, y: ys(yMax) - 3, "text-anchor": "end" }, `H(Y) = ${formatNumber2(yMax)}`));
    const nulPts = epochs.map((_, e) => [xc(e), nullLevel?.[e]]).filter(([, v]) => Number.isFinite(v));
    if (nulPts.length) {
      node.append(svg2(nulPts.length > 1 ? "polyline" : "line", nulPts.length > 1 ? { class: "ci-null-line", "data-role": "null-line", points: nulPts.map(([x, v]) => `${x.toFixed(1)},${ys(v).toFixed(1)}`).join(" ") } : { class: "ci-null-line", "data-role": "null-line", x1: nulPts[0][0] - band / 2, x2: nulPts[0][0] + band / 2, y1: ys(nulPts[0][1]), y2: ys(nulPts[0][1]) }));
    }
    const current = epochPosition(epochs, epoch);
    const w = Math.min(34, band * 0.56);
    stats.forEach((s, e) => {
      if (!s.n) return;
      const x = xc(e);
      const color = epochColor(e, E);
      const bx = svg2("g", { class: `ci-box${e === current ? " ci-current" : ""}`, "data-epoch": epochs[e], "data-tip": boxTip(s, epochs[e], nullLevel?.[e]), onclick: () => onPick(epochs[e]) });
      bx.append(svg2("rect", { class: "ci-box-hit", x: x - band / 2, y: plot.y1, width: band, height: plot.y0 - plot.y1 }));
      bx.append(svg2("line", { class: "ci-whisker", x1: x, x2: x, y1: ys(s.lo), y2: ys(s.hi) }));
      for (const v of [s.lo, s.hi]) bx.append(svg2("line", { class: "ci-whisker", x1: x - w / 4, x2: x + w / 4, y1: ys(v), y2: ys(v) }));
      bx.append(svg2("rect", { class: "ci-box-body", x: x - w / 2, y: ys(s.q3), width: w, height: Math.max(1.5, ys(s.q1) - ys(s.q3)), fill: color }));
      bx.append(svg2("line", { class: "ci-median", x1: x - w / 2, x2: x + w / 2, y1: ys(s.median), y2: ys(s.median) }));
      for (const v of s.outliers) bx.append(svg2("circle", { class: "ci-outlier", cx: x, cy: ys(v), r: 2.2 }));
      node.append(bx);
    });
    const legend = h2(
      "div",
      { class: "ci-box-legend", style: { marginLeft: `${MARGIN2.left}px` } },
      h2("span", null, h2("i", { class: "ci-key-null" }), "shuffled labels, 95% (mean over channels)"),
      h2("span", null, "box: quartiles and median over channels; whiskers 1.5 IQR")
    );
    return h2("div", { class: "ci-boxes-box" }, node, legend);
  }
  const { formatNumber: formatNumber3, h: h3, svg: svg3 } = require2("lib:dom");
  const { colorBar, paintMatrix, tickStep } = require2("lib:heatmap");
  var MARGIN3 = { top: 12, right: 8, bottom: 30 };
  function classHeatmap({ lut, title, legendTitle, describe, onPick, role, onHover = () => {
  }, onLeave = () => {
  } }) {
    const canvas = h3("canvas", { "data-role": `${role}-canvas` });
    const axisLayer = svg3("g");
    const marksLayer = svg3("g");
    const overlay = svg3("svg", { class: "ci-hm-overlay" }, axisLayer, marksLayer);
    const tip = h3("div", { class: "cs-tip", hidden: true, "data-role": "tooltip" });
    const plot = h3("div", { class: "ci-hm-plot", "data-role": role }, canvas, overlay, tip);
    const legendBox = h3("div", { class: "ci-hm-legend" });
    const head = h3("div", { class: "ci-hm-title" }, title);
    const el = h3("div", { class: "ci-hm" }, head, h3("div", { class: "ci-hm-row" }, plot, legendBox));
    let m = null;
    const cellAt = (event) => {
      if (!m) return null;
      const rect = canvas.getBoundingClientRect();
      const col = Math.floor((event.clientX - rect.left) / m.cw);
      const row = Math.floor((event.clientY - rect.top) / m.ch);
      if (row < 0 || col < 0 || row >= m.rows || col >= m.cols) return null;
      return { row, col, value: m.data[row * m.cols + col] };
    };
    const band = (cell) => {
      const style = { class: "ci-hm-band" };
      marksLayer.replaceChildren(
        svg3("rect", { ...style, x: m.left, y: MARGIN3.top + cell.row * m.ch, width: m.cols * m.cw, height: m.ch }),
        svg3("rect", { ...style, x: m.left + cell.col * m.cw, y: MARGIN3.top, width: m.cw, height: m.rows * m.ch })
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
        m = { data, rows, cols, cw, ch, left };
        const W = cols * cw;
        const H = rows * ch;
        const ms = paintMatrix(canvas, {
          data,
          rows,
          cols,
          vmin,
          vmax,
          lut,
          rowOrder: Array.from({ length: rows }, (_, i) => i),
          colOrder: Array.from({ length: cols }, (_, j) => j)
        }, W, H);
        Object.assign(canvas.style, { left: `${left}px`, top: `${MARGIN3.top}px` });
        const width = left + W + MARGIN3.right;
        const height = MARGIN3.top + H + MARGIN3.bottom;
        Object.assign(plot.style, { width: `${width}px`, height: `${height}px` });
        overlay.setAttribute("width", width);
        overlay.setAttribute("height", height);
        const g = svg3("g", { class: "cs-axis" });
        for (let j = 0; j < cols; j += tickStep(cols, cw, 22)) {
          g.append(svg3("text", { x: left + (j + 0.5) * cw, y: MARGIN3.top + H + 11, "text-anchor": "middle" }, String(j)));
        }
        for (let i = 0; i < rows; i += tickStep(rows, ch, 11)) {
          g.append(svg3("text", { x: left - 4, y: MARGIN3.top + (i + 0.5) * ch + 3.5, "text-anchor": "end" }, rowLabels[i] ?? String(i)));
        }
        g.append(svg3("text", { class: "cs-axis-title", x: left, y: MARGIN3.top + H + 25 }, `channel (${cols})`));
        g.append(svg3("text", { class: "cs-axis-title", x: left - 4, y: MARGIN3.top - 2, "text-anchor": "end" }, "class"));
        for (const c of marks) {
          if (c >= 0 && c < cols) g.append(svg3("path", { class: "ci-hm-mark", "data-role": "channel-mark", d: `M${left + (c + 0.5) * cw},${MARGIN3.top - 1} l-4,-7 h8 z` }));
        }
        for (const r of rowMarks) {
          if (r >= 0 && r < rows) g.append(svg3("rect", { class: "ci-hm-row-mark", "data-role": "class-mark", x: left - 1, y: MARGIN3.top + r * ch - 1, width: W + 2, height: ch + 2 }));
        }
        axisLayer.replaceChildren(g);
        marksLayer.replaceChildren();
        legendBox.replaceChildren(
          h3("div", { class: "cs-legend-title" }, legendTitle),
          h3(
            "div",
            { class: "ci-hm-legend-body" },
            colorBar(lut, 12, Math.max(H, 90)),
            h3("div", { class: "ci-hm-legend-scale", style: { height: `${Math.max(H, 90)}px` } }, h3("span", null, legendTop ?? formatNumber3(vmax)), h3("span", null, legendBottom ?? formatNumber3(vmin)))
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
  const { redrawClock } = require2("lib:redraw_clock");
  const { epochSlider } = require2("lib:slider");
  const { defineView } = require2("lib:view");
  var MI_LUT = colorTable(viridis2);
  var RANK_LUT = colorTable(blues, { reverse: true });
  var ESTIMATORS = [
    ["kde", "KDE band", "KDE: the band runs from the lower (Bhattacharyya) to the upper (KL) pairwise bound"],
    ["kde_upper", "KDE upper", "KDE upper bound (KL kernel, exp(-d²/2σ²))"],
    ["kde_lower", "KDE lower", "KDE lower bound (Bhattacharyya kernel, exp(-d²/8σ²))"],
    ["binning", "binning", "Binning: 30 equal bins over the layer's range, each sample's binned vector is one state"]
  ];
  function estimatorControl(model) {
    const buttons = ESTIMATORS.map(([key, text, title]) => h4("button", {
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
    const el = h4("span", { class: "cs-seg", "data-role": "estimator" }, h4("span", { class: "cs-slider-label" }, "estimator"), h4("span", { class: "cs-seg-buttons" }, ...buttons));
    return { el, show };
  }
  function notesOf(lines, caption) {
    return [h4("div", null, caption), ...(lines || []).map((t) => h4("div", { "data-role": "note" }, t))];
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
    const sub = h4("span", { class: "cs-sub", "data-role": "subtitle" });
    const planeBox = h4("div", { "data-role": "plane-box" });
    const planeNotes = h4("div", { class: "cs-notes", "data-role": "plane-notes", style: { maxWidth: "480px" } });
    const layerTitle = h4("div", { class: "ci-sub-title", "data-role": "layer-title" });
    const boxesBox = h4("div", { "data-role": "boxes-box" });
    const panelMessage = h4("div", { class: "ci-panel-message", "data-role": "panel-message", hidden: true });
    const onPickChannel = (channel) => model.send({ event: "pick_channel", channel });
    const info = () => model.get("layer_info") || {};
    const hoverCell = (c) => selection.hover({ kind: "channel", layer: info().layer, channel: c.col, source: "information" });
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
      describe: (c) => {
        const payload = model.get("class_p");
        const p = payload ? decode(payload) : null;
        const pv = p ? p.data[c.row * p.shape[1] + c.col] : NaN;
        return `class ${classes()[c.row] ?? c.row} vs rest · channel ${c.col}
I(T_c; 1[Y=k]) = ${formatNumber4(c.value)} bits${Number.isFinite(pv) ? `
permutation p = ${formatNumber4(pv)}` : ""}`;
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
      describe: (c) => `class ${classes()[c.row] ?? c.row} · channel ${c.col}
rank ${c.value} of ${info().n_channels} (1 = most informative)`
    });
    const mapsNotes = h4("div", { class: "cs-notes", "data-role": "layer-notes", style: { maxWidth: "900px" } });
    const maps = h4("div", { class: "ci-maps" }, miMap.el, rankMap.el);
    const layerBody = h4("div", { class: "ci-layer-body" }, boxesBox, maps, mapsNotes);
    const busy = h4("div", { class: "cs-busy", hidden: true, "data-role": "busy" });
    el.append(
      h4("div", { class: "cs-head" }, h4("span", null, h4("span", { class: "cs-title" }, "Information plane"), sub), estimator.el, slider.el),
      h4(
        "div",
        { class: "ci-main" },
        h4("div", null, planeBox, planeNotes),
        h4("div", { class: "ci-layer" }, layerTitle, panelMessage, layerBody)
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
      const caption = `Box plots: I(T_c;Y) over the ${li.n_channels} channel${li.n_channels === 1 ? "" : "s"}, 0 to H(Y) = ${formatNumber4(li.h_y)} bits; click a box for its epoch. Heatmaps: colour 0 to ${formatNumber4(li.vmax)} bits (the largest H(1[Y=k])) and rank 1 (dark) to ${cols}; hover for values, click a column to select the channel.`;
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
  var information_default3 = defineView("information", informationView);
  Object.assign(module.exports, {
    default: information_default3
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

// view:information
var information_default2 = viewModule("information", information_default);
export {
  information_default2 as default
};
