// Test-only view built like a real one (defineView): buttons with data- attributes that
// write the shared selection, and a line that shows the selection as this view sees it.
import { h } from "../../../js/lib/dom.js";
import { describeSelection } from "../../../js/lib/selection.js";
import { defineView } from "../../../js/lib/view.js";

export default defineView("picker", ({ el, selection }) => {
  const current = h("div", { "data-role": "current" });
  const clientError = h("div", { "data-role": "client-error" });
  const show = () => { current.textContent = describeSelection(selection.snapshot()); };
  const pick = (patch) => () => selection.update(patch);
  el.append(
    h("div", null,
      ...[0, 1, 2, 3, 4].map((c) => h("button", { type: "button", "data-channel": c, onclick: pick({ channels: [c] }) }, `channel ${c}`)),
      ...["conv1", "conv2"].map((l) => h("button", { type: "button", "data-layer": l, onclick: pick({ layers: [l] }) }, l)),
      h("button", {
        type: "button",
        "data-action": "malformed",
        // Bypasses the client's checks on purpose, as a buggy view might: the kernel must refuse it.
        onclick: () => { selection.model.set({ channels: [-1, "x"] }); selection.model.save_changes(); },
      }, "send malformed"),
      h("button", {
        type: "button",
        "data-action": "malformed-client",
        onclick: () => {
          try { selection.update({ channels: [-1] }); } catch (err) { clientError.textContent = err.message; }
        },
      }, "try malformed"),
    ),
    current,
    clientError,
  );
  show();
  selection.onChange(show);
});
