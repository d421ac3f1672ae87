// Styles of the query and performance views and of the charts in js/lib/charts.js, added as a
// <style> element inside each view (the shared stylesheet, js/styles/cnnslicer.css, holds the
// theme variables --cs-fg, --cs-muted, --cs-bg, --cs-chip, --cs-border, --cs-accent used here).

export const CHART_CSS = `
.cnnslicer-view .cs-chart { display: block; overflow: visible; font-size: 11px; }
.cnnslicer-view .cs-chart text { fill: var(--cs-fg); }
.cnnslicer-view .cs-chart .cs-muted, .cnnslicer-view .cs-chart .cs-tick { fill: var(--cs-muted); }
.cnnslicer-view .cs-chart-title { font-weight: 600; font-size: 12px; }
.cnnslicer-view .cs-chart .cs-empty { fill: var(--cs-muted); font-style: italic; }
.cnnslicer-view .cs-axis-title { fill: var(--cs-muted); font-size: 11px; }
.cnnslicer-view .cs-axes line { stroke: var(--cs-muted); stroke-width: 1; }
.cnnslicer-view .cs-axes line.cs-grid { stroke: var(--cs-border); }
.cnnslicer-view .cs-series polyline { stroke-width: 1.6; stroke-linejoin: round; }
.cnnslicer-view .cs-series.cs-faded { opacity: 0.16; }
.cnnslicer-view .cs-series.cs-strong polyline { stroke-width: 3; }
.cnnslicer-view .cs-inf-label { font-size: 13px; }
.cnnslicer-view .cs-inf-band { fill: var(--cs-chip); }
.cnnslicer-view .cs-cursor { stroke: var(--cs-fg); stroke-width: 1; stroke-dasharray: 3 3; opacity: 0.7; }
.cnnslicer-view .cs-slot { fill: transparent; cursor: pointer; }
.cnnslicer-view .cs-slot:hover { fill: var(--cs-fg); fill-opacity: 0.06; }
.cnnslicer-view .cs-bar { cursor: pointer; }
.cnnslicer-view .cs-bar rect { opacity: 0.55; }
.cnnslicer-view .cs-bar.cs-active rect { opacity: 1; stroke: var(--cs-fg); stroke-width: 1.5; }
.cnnslicer-view .cs-bar-value { font-weight: 600; }
.cnnslicer-view .cs-cell { cursor: pointer; }
.cnnslicer-view .cs-cell:hover rect { stroke: var(--cs-fg); stroke-width: 1.5; }
.cnnslicer-view .cs-cell-text { font-size: 9px; pointer-events: none; }
.cnnslicer-view .cs-tooltip {
  position: absolute; z-index: 10; pointer-events: none; white-space: pre; max-width: 26em;
  padding: 4px 7px; font-size: 11px; line-height: 1.35; border-radius: 3px;
  background: var(--cs-bg); color: var(--cs-fg); border: 1px solid var(--cs-border);
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25);
}
`;

export const QUERY_CSS = `
.cnnslicer-view .cq-root { position: relative; display: flex; flex-direction: column; gap: 8px; }
.cnnslicer-view .cq-notes { margin: 0; padding: 6px 10px 6px 24px; background: var(--cs-chip); color: var(--cs-fg); border-left: 3px solid var(--cs-accent); }
.cnnslicer-view .cq-overview { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 2px; }
.cnnslicer-view .cq-arrow { color: var(--cs-muted); padding: 0 1px; }
.cnnslicer-view .cq-box {
  display: flex; flex-direction: column; align-items: flex-start; min-width: 74px; max-width: 150px;
  padding: 3px 7px; border: 1px solid var(--cs-border); border-radius: 4px; cursor: pointer;
  background: var(--cs-chip); color: var(--cs-fg); font: inherit; text-align: left;
}
.cnnslicer-view .cq-box > span { max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.cnnslicer-view .cq-box-name { font-weight: 600; }
.cnnslicer-view .cq-box-type, .cnnslicer-view .cq-box-shape { font-size: 11px; color: var(--cs-muted); }
.cnnslicer-view .cq-box.cq-hover { border-color: var(--cs-fg); }
.cnnslicer-view .cq-box.cq-selected { background: var(--cs-accent); border-color: var(--cs-accent); color: #fff; }
.cnnslicer-view .cq-box.cq-selected .cq-box-type, .cnnslicer-view .cq-box.cq-selected .cq-box-shape { color: rgba(255, 255, 255, 0.85); }
.cnnslicer-view .cq-main { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 12px; }
.cnnslicer-view .cq-cube { display: block; font-size: 11px; user-select: none; touch-action: none; flex: none; }
.cnnslicer-view .cq-cube text { fill: var(--cs-muted); pointer-events: none; }
.cnnslicer-view .cq-cube .cq-title { fill: var(--cs-fg); }
.cnnslicer-view .cq-outline { fill: none; stroke: var(--cs-border); stroke-dasharray: 3 3; }
.cnnslicer-view .cq-face { fill: transparent; cursor: crosshair; }
.cnnslicer-view .cq-column { cursor: crosshair; }
.cnnslicer-view .cq-cell { fill: var(--cs-muted); fill-opacity: 0.16; stroke: var(--cs-muted); stroke-opacity: 0.6; stroke-width: 0.8; }
.cnnslicer-view .cq-column.cq-hovered .cq-cell { fill-opacity: 0.32; stroke: var(--cs-fg); }
.cnnslicer-view .cq-slab { fill: var(--cs-accent); fill-opacity: 0.28; stroke: var(--cs-accent); stroke-width: 1; }
.cnnslicer-view .cq-slice { fill: var(--cs-accent); fill-opacity: 0.85; stroke: var(--cs-accent); stroke-width: 0.8; }
.cnnslicer-view .cq-cube .cq-clip { font-size: 10px; fill: var(--cs-fg); }
.cnnslicer-view .cq-band { fill: var(--cs-chip); stroke: var(--cs-border); cursor: ew-resize; }
.cnnslicer-view .cq-band[data-axis="channel"] { cursor: ns-resize; }
.cnnslicer-view .cq-band:hover { fill: var(--cs-border); }
.cnnslicer-view .cq-epoch-band { stroke: var(--cs-chip); stroke-width: 16; stroke-linecap: round; cursor: pointer; }
.cnnslicer-view .cq-epoch-band:hover { stroke: var(--cs-border); }
.cnnslicer-view .cq-tickmark { stroke: var(--cs-muted); }
.cnnslicer-view .cq-handle { fill: var(--cs-accent); stroke: var(--cs-bg); stroke-width: 2; cursor: grab; }
.cnnslicer-view .cq-handle:focus-visible { outline: none; stroke: var(--cs-fg); }
.cnnslicer-view .cq-side { display: flex; flex-direction: column; gap: 6px; flex: 1 1 200px; min-width: 200px; max-width: 300px; }
.cnnslicer-view .cq-side-title { font-weight: 600; }
.cnnslicer-view .cq-status { white-space: pre-line; padding: 4px 8px; background: var(--cs-chip); border-radius: 4px; }
.cnnslicer-view .cq-applied, .cnnslicer-view .cq-help { color: var(--cs-muted); font-size: 11px; }
.cnnslicer-view .cq-error { color: var(--cs-error); }
.cnnslicer-view .cq-buttons { display: flex; flex-wrap: wrap; gap: 4px; }
.cnnslicer-view .cq-buttons button {
  font: inherit; padding: 3px 10px; border-radius: 4px; cursor: pointer;
  border: 1px solid var(--cs-border); background: var(--cs-chip); color: var(--cs-fg);
}
.cnnslicer-view .cq-buttons .cq-query { font-weight: 600; border-color: var(--cs-accent); }
.cnnslicer-view .cq-buttons .cq-query.cq-dirty { background: var(--cs-accent); color: #fff; }
.cnnslicer-view .cq-buttons button:disabled { opacity: 0.5; cursor: not-allowed; }
`;

export const PERF_CSS = `
${CHART_CSS}
.cnnslicer-view .cp-root { position: relative; display: flex; flex-direction: column; gap: 8px; }
.cnnslicer-view .cp-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; }
.cnnslicer-view .cp-runs, .cnnslicer-view .cp-classes { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.cnnslicer-view .cp-label { color: var(--cs-muted); }
.cnnslicer-view .cp-chip {
  display: inline-flex; align-items: center; gap: 5px; padding: 1px 8px; font: inherit;
  border: 1px solid var(--cs-border); border-radius: 10px; background: transparent; color: var(--cs-fg); cursor: pointer;
}
.cnnslicer-view .cp-chip.cp-active { background: var(--cs-chip); border-color: var(--cs-fg); font-weight: 600; }
.cnnslicer-view .cp-swatch { width: 10px; height: 10px; border-radius: 2px; display: inline-block; }
.cnnslicer-view .cp-epoch { display: inline-flex; align-items: center; gap: 6px; }
.cnnslicer-view .cp-epoch input { width: 160px; }
.cnnslicer-view .cp-grid { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: flex-start; }
.cnnslicer-view .cp-panel { display: flex; flex-direction: column; gap: 2px; }
.cnnslicer-view .cp-panel-note { color: var(--cs-muted); font-size: 11px; }
.cnnslicer-view .cp-notes { margin: 0; padding: 6px 10px 6px 24px; background: var(--cs-chip); color: var(--cs-fg); border-left: 3px solid var(--cs-accent); }
`;
