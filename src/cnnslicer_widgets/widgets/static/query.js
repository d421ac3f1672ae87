/* Built by js/build.mjs from the js/ sources: edit those, then rebuild. */

// factory:js/views/query.js
function query_default(require2, module, exports) {
  const { defineView } = require2("lib:view");
  const { h } = require2("lib:dom");
  const { formatChannels } = require2("lib:selection");
  const { svg } = require2("lib:dom");
  const { niceTicks, runsOf } = require2("lib:charts");
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
    const p = (l, c, e) => [x0 + l * colW + e * DEPTH_X, yb - Math.min(c, channelMax) * chH - e * DEPTH_Y];
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
    return runsOf(channels).filter(([a]) => a < size).map(([a, b]) => [a, Math.min(b + 1, size)]);
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
    const a = g.p(g.nLayers, 0, 0);
    const b = g.p(g.nLayers, 0, 1);
    const group = svg(
      "g",
      { class: "cq-axis" },
      svg("line", { class: "cq-band cq-epoch-band", "data-axis": "epoch", x1: a[0], y1: a[1], x2: b[0], y2: b[1] })
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
  var EVENTS = ["pointerdown", "pointermove", "pointerup", "pointercancel", "pointerleave", "keydown"];
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
      for (const name of EVENTS) this.node.addEventListener(name, this.handlers[name]);
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
      node.dataset.layers = [...state.layers].sort((a, b) => a - b).map((i) => layers[i].name).join(",");
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
  var HELP = "Drag along the layer axis for a slab of layers, along the channel axis (or on the front face) for channels, and move the round handle for the epoch. Query applies it to every linked view.";
  function layerBox(row, onClick, onHover) {
    const shape = row.height === 1 && row.width === 1 ? "1×1 (vector)" : `${row.height}×${row.width}`;
    const module2 = row.module && row.module !== row.name ? `, module ${row.module}` : "";
    const kept = row.stored === "histogram" ? "; kept as per-map histograms" : "";
    return h(
      "button",
      {
        type: "button",
        class: "cq-box",
        "data-layer": row.name,
        "data-index": row.index,
        title: `${row.name} (${row.type}${module2}): ${row.channels} channel${row.channels === 1 ? "" : "s"} of ${shape}${kept}.
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
      this.epochs = Array.from(model.get("epochs") || []);
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
      if (patch.layers) next.pending_layers = [...patch.layers].sort((a, b) => this.byName.get(a) - this.byName.get(b));
      if (patch.channels) next.pending_channels = [...new Set(patch.channels)].sort((a, b) => a - b);
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
      view.cube.dispose();
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
