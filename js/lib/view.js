// defineView: the render() every CNNSlicer view shares (Python: CNNSlicerView).
//
//   import { defineView } from "../lib/view.js";
//   export default defineView("confusion", ({ model, el, selection, signal, actions }) => {
//     const redraw = () => { ... };
//     selection.onChange(redraw, ["epoch"]);   // removed for you when the view goes
//     model.on("change:matrix", redraw);       // removed by anywidget when the view goes
//     redraw();
//     return () => { ... };                    // optional extra cleanup
//   });
//
// It builds <div class="cnnslicer-view" data-cnnslicer-view=name> with a message box and a
// body, shows model "message" instead of the body when it is not empty, resolves the shared
// selection (again if Python assigns another one), and sets data-ready="true" and
// data-render-ms on the root once the first draw is done. `actions` is an element shown
// under the message: a view puts there what the user can do about it (menus, buttons), so
// that no message asks for code.
import { h } from "./dom.js";
import { resolveSelection } from "./selection.js";

/** A run without a complete epoch yet: a button that asks the kernel to look again. */
function lookAgain(model) {
  const epochs = model.get("epochs");
  if (!Array.isArray(epochs) || epochs.length) return null;
  return h("button", { type: "button", class: "cs-action", "data-action": "refresh", onclick: () => model.send({ event: "refresh" }) }, "Look again");
}

function messageBox(model, note, body, root, actions) {
  const show = () => {
    const text = model.get("message") || "";
    const again = actions.querySelector('[data-action="refresh"]');
    const wanted = text ? lookAgain(model) : null;
    if (wanted && !again) actions.append(wanted);
    if (!wanted && again) again.remove();
    note.textContent = text;
    note.hidden = !text;
    actions.hidden = !text || !actions.childNodes.length;
    body.hidden = Boolean(text);
    root.dataset.state = text ? "message" : "view";
  };
  show();
  return show;
}

/**
 * An anywidget module {render} for a view. draw({model, el, root, selection, signal}) draws
 * into el (the body) and may return a cleanup function (or a promise of one).
 */
export function defineView(name, draw) {
  async function render({ model, el, signal }) {
    const start = performance.now();
    const note = h("div", { class: "cnnslicer-message", role: "status", "data-role": "message" });
    const actions = h("div", { class: "cnnslicer-actions", "data-role": "message-actions", hidden: true });
    const body = h("div", { class: "cnnslicer-body" });
    const root = h("div", { class: "cnnslicer-view", "data-cnnslicer-view": name }, note, actions, body);
    el.replaceChildren(root);
    const showMessage = messageBox(model, note, body, root, actions);
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
      actions.replaceChildren();
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
        cleanup = await draw({ model, el: body, root, selection, signal, actions });
        showMessage();
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
