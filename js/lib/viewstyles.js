// Styles shared by the layer and channel views (kept out of the shared cnnslicer.css, which
// another module owns). Injected once per page with useStyle() from ./style.js.

export const SHARED_CSS = `
.cnnslicer-view .cs-head { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; margin-bottom: 8px; }
.cnnslicer-view .cs-title { font-weight: 600; }
.cnnslicer-view .cs-sub { color: var(--cs-muted); }
.cnnslicer-view .cs-seg { display: inline-flex; align-items: center; gap: 6px; }
.cnnslicer-view .cs-seg-buttons { display: inline-flex; border: 1px solid var(--cs-border); border-radius: 4px; overflow: hidden; }
.cnnslicer-view .cs-seg button { border: none; border-left: 1px solid var(--cs-border); background: var(--cs-bg); color: var(--cs-fg); padding: 2px 9px; cursor: pointer; font: inherit; }
.cnnslicer-view .cs-seg button:first-child { border-left: none; }
.cnnslicer-view .cs-seg button[aria-pressed="true"] { background: var(--cs-accent); color: #fff; }
.cnnslicer-view .cs-slider-box { display: inline-flex; align-items: center; gap: 6px; }
.cnnslicer-view .cs-slider-label { color: var(--cs-muted); }
.cnnslicer-view .cs-slider { width: 200px; accent-color: var(--cs-accent); }
.cnnslicer-view .cs-slider-value { min-width: 2.5em; font-weight: 600; font-variant-numeric: tabular-nums; }
.cnnslicer-view .cs-tip { position: absolute; z-index: 3; pointer-events: none; padding: 3px 7px; border: 1px solid var(--cs-border); border-radius: 3px; background: var(--cs-bg); color: var(--cs-fg); white-space: pre; font-size: 12px; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.18); }
.cnnslicer-view .cs-busy { position: absolute; inset: 0; z-index: 2; display: flex; align-items: center; justify-content: center; padding: 12px; text-align: center; background: color-mix(in srgb, var(--cs-bg) 70%, transparent); color: var(--cs-fg); font-style: italic; }
.cnnslicer-view .cs-busy::before { content: ""; width: 14px; height: 14px; margin-right: 8px; flex: none; border: 2px solid var(--cs-border); border-top-color: var(--cs-accent); border-radius: 50%; animation: cs-spin 0.9s linear infinite; }
@keyframes cs-spin { to { transform: rotate(360deg); } }
.cnnslicer-view .cs-notes { margin-top: 4px; color: var(--cs-muted); font-size: 12px; }
.cnnslicer-view .cs-notes:empty { display: none; }
.cnnslicer-view .cs-panel { flex: 1 1 300px; min-width: 260px; }
.cnnslicer-view .cs-panel-head { margin-bottom: 6px; }
.cnnslicer-view .cs-hint { color: var(--cs-muted); font-style: italic; }
.cnnslicer-view .cs-img-row { display: flex; align-items: flex-start; gap: 4px; margin-bottom: 4px; }
.cnnslicer-view .cs-img-label { flex: none; width: 118px; padding-top: 4px; font-size: 12px; color: var(--cs-muted); overflow-wrap: anywhere; }
.cnnslicer-view .cs-img-cell { margin: 0; text-align: center; font-size: 11px; color: var(--cs-muted); }
.cnnslicer-view .cs-img { display: block; image-rendering: pixelated; border: 1px solid var(--cs-border); background: #000; }
.cnnslicer-view svg text { font-family: inherit; }
.cnnslicer-view .cs-axis text { fill: var(--cs-muted); font-size: 10px; }
.cnnslicer-view .cs-axis .cs-axis-title { fill: var(--cs-fg); font-size: 11px; }
`;
