// The CNNSlicer app fits the notebook's visible height (used by js/views/app_header.js): it
// measures the height of the box the notebook scrolls in (JupyterLab's and Notebook 7's
// windowed panel; the window elsewhere) and sets on the app element
//   --cs-fit-body   the most the front tab's body may take (px): from its top to the box's
//                   height counted from the app's top (side by side), or the box's height
//                   less the tab bar (stacked, below 900 px);
//   --cs-fit-query  the most the query column may take (side by side only).
// js/styles/app.css caps both with them (what is longer scrolls inside); the layer view
// sizes its heatmap to --cs-fit-body. After each change the app element gets a "cs-fit"
// event. Header, selection and tab bar stay where they are: the selection is always shown.

const MIN_BODY = 320; // px: below this the tab body stays this tall (the page scrolls)
const SLACK = 14; // px: the output area's padding under the app

function scroller(el) {
  const known = el.closest(".jp-WindowedPanel-outer, .jp-NotebookPanel-notebook");
  if (known) return known;
  for (let a = el.parentElement; a; a = a.parentElement) { // the nearest box tall enough that scrolls
    const s = getComputedStyle(a);
    if ((s.overflowY === "auto" || s.overflowY === "scroll") && a.clientHeight >= 0.4 * window.innerHeight) return a;
  }
  return null;
}

/** Keep the app around `el` within the visible height; returns a cleanup function. */
export function fitApp(el) {
  let app = null;
  let box = null;
  const seen = { body: "", query: "" };
  const update = () => {
    app = app || el.closest(".cnnslicer-app");
    if (!app) return;
    box = box || scroller(app);
    const visible = box ? box.clientHeight : window.innerHeight;
    const top = app.getBoundingClientRect().top;
    const grid = app.querySelector(".cs-app-grid");
    const tabs = app.querySelector(".cs-app-tabs");
    const bar = tabs && tabs.querySelector(".lm-TabBar");
    const query = app.querySelector(".cs-app-query");
    if (!grid || !tabs || !bar) return;
    const side = query && Math.abs(query.getBoundingClientRect().top - tabs.getBoundingClientRect().top) < 40;
    const barBottom = bar.getBoundingClientRect().bottom;
    const body = Math.max(MIN_BODY, Math.floor(side ? visible - (barBottom - top) - SLACK : visible - (barBottom - tabs.getBoundingClientRect().top) - SLACK));
    const q = side ? Math.max(MIN_BODY, Math.floor(visible - (query.getBoundingClientRect().top - top) - SLACK)) : null;
    const next = { body: `${body}px`, query: q === null ? "none" : `${q}px` };
    if (next.body === seen.body && next.query === seen.query) return;
    Object.assign(seen, next);
    app.style.setProperty("--cs-fit-body", next.body);
    app.style.setProperty("--cs-fit-query", next.query);
    app.dataset.fitBody = String(body);
    app.dispatchEvent(new CustomEvent("cs-fit", { detail: { body, query: q } }));
  };
  let frame = 0;
  const soon = () => { cancelAnimationFrame(frame); frame = requestAnimationFrame(update); };
  const ro = new ResizeObserver(soon);
  let tries = 0;
  const start = () => {
    app = el.closest(".cnnslicer-app");
    if (!app) { // not attached yet (or no app around: a header shown alone)
      if (++tries < 300) frame = requestAnimationFrame(start);
      return;
    }
    ro.observe(app);
    box = scroller(app);
    if (box) ro.observe(box);
    update();
  };
  window.addEventListener("resize", soon);
  start();
  return () => { ro.disconnect(); window.removeEventListener("resize", soon); cancelAnimationFrame(frame); };
}
