// The Selection model displayed on its own: a one-line breadcrumb of the current selection,
// with a × button to clear each clearable part, and the kernel's report of a rejected update.
import { h } from "../lib/dom.js";
import { FIELDS, SelectionClient, selectionParts } from "../lib/selection.js";

function crumb(part, client) {
  const clear = part.clearable
    ? h("button", {
        type: "button",
        class: "cs-clear",
        "data-action": "clear",
        "data-key": part.key,
        title: `Clear ${part.label}`,
        "aria-label": `Clear ${part.label}`,
        onclick: () => client.clear(part.key),
      }, "×")
    : null;
  return h(
    "span",
    { class: `cs-crumb${part.key === "hovered" ? " cs-hover" : ""}${part.clearable ? " cs-clearable" : ""}`, "data-key": part.key, title: part.title || null },
    h("span", { class: "cs-label" }, part.label),
    h("span", { class: "cs-value", "data-role": "value" }, part.text),
    clear,
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
    error,
  );
  el.replaceChildren(root);
  const draw = () => {
    line.replaceChildren(...selectionParts(client.snapshot()).map((p) => crumb(p, client)));
    const text = model.get("error") || "";
    error.textContent = text;
    error.hidden = !text;
  };
  client.onChange(draw, [...FIELDS, "error"]);
  draw();
  root.dataset.ready = "true";
  root.dataset.renderMs = (performance.now() - start).toFixed(1);
  return () => client.dispose();
}

export default { render };
