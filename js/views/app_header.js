// The CNNSlicer app's header (Python: widgets/_app_header.py): the store's name and what it
// holds, its epochs ([data-role="epochs"]), whether the app follows the store
// ([data-live="on|off|error"]) and, with several runs, one chip per run ([data-run=i],
// aria-pressed on the active one) that makes that run the one the views show. While a store
// is still written and not followed, a button ([data-role="watch"]) starts following it.
// It also keeps the app within the notebook's visible height (js/lib/app_fit.js).
import { fitApp } from "../lib/app_fit.js";
import { h } from "../lib/dom.js";

function runChips(model) {
  const runs = model.get("runs") || [];
  if (runs.length < 2) return null;
  const active = model.get("active_run");
  return h("div", { class: "cs-app-runs", role: "group", "aria-label": "Runs" },
    h("span", { class: "cs-app-runs-title" }, "Run"),
    ...runs.map((name, i) => h("button", {
      type: "button", class: "cs-app-run", "data-run": i, "aria-pressed": String(i === active),
      title: i === active ? `${name}: shown in the views` : `Show ${name} in the views`,
      onclick: () => { model.set("active_run", i); model.save_changes(); },
    }, name)));
}

function render({ model, el }) {
  const root = h("div", { class: "cnnslicer-view cs-app-header", "data-cnnslicer-view": "app-header" });
  el.replaceChildren(root);
  const draw = () => {
    const epochs = model.get("epochs") || [];
    const live = model.get("live") || "off";
    root.replaceChildren(h("div", { class: "cs-app-head", "data-epochs": epochs.join(",") },
      h("div", { class: "cs-app-line" }, h("b", { class: "cs-app-title" }, "CNNSlicer"), " ",
        h("code", {}, model.get("store") || ""), " · ", h("span", { class: "cs-app-info" }, model.get("info") || "")),
      h("div", { class: "cs-app-line" }, h("span", { "data-role": "epochs" }, model.get("epochs_text") || ""), " · ",
        h("span", { "data-live": live, class: `cs-live cs-live-${live}` }, live === "on" ? "● live" : model.get("live_text") || ""),
        live === "on" ? `: ${model.get("live_text") || ""}` : "",
        model.get("can_watch") ? h("button", {
          type: "button", class: "cs-app-watch", "data-role": "watch", title: "Look for new epochs every second, and show each one",
          onclick: () => { model.set("watch_clicks", (model.get("watch_clicks") || 0) + 1); model.save_changes(); },
        }, live === "error" ? "Retry" : "Follow the store") : null),
      runChips(model)));
    root.dataset.ready = "true";
  };
  const names = "change:store change:info change:epochs change:epochs_text change:live change:live_text change:runs change:active_run change:can_watch";
  model.on(names, draw);
  draw();
  const unfit = fitApp(el); // the app within the notebook's visible height
  return () => { model.off(names, draw); unfit(); };
}

export default { render };
