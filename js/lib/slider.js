// An epoch slider over the recorded epochs (which may be irregular: 0, 1, 2, 4, 8, ...).
// The range input moves over positions; the label shows the epoch number.
//
//   const slider = epochSlider({ onInput: (epoch) => ..., onCommit: (epoch) => ... });
//   slider.setEpochs([0, 1, 2, 4]); slider.setValue(2);
import { h } from "./dom.js";

export function epochSlider({ onInput, onCommit, label = "epoch" }) {
  let epochs = [];
  const input = h("input", {
    type: "range", min: 0, max: 0, step: 1, value: 0,
    class: "cs-slider", "data-role": "epoch-slider", "aria-label": `${label} slider`,
  });
  const value = h("output", { class: "cs-slider-value", "data-role": "epoch-value" }, "–");
  const el = h("label", { class: "cs-slider-box" }, h("span", { class: "cs-slider-label" }, label), input, value);
  const epochAt = () => epochs[Number(input.value)];
  const show = () => { value.textContent = epochs.length ? String(epochAt()) : "–"; };
  input.addEventListener("input", () => { show(); if (epochs.length) onInput?.(epochAt()); });
  input.addEventListener("change", () => { if (epochs.length) onCommit?.(epochAt()); });

  /** Position of the recorded epoch nearest at or below e (the first if none). */
  const positionOf = (e) => {
    let best = 0;
    epochs.forEach((x, i) => { if (x <= e) best = i; });
    return best;
  };
  return {
    el,
    input,
    get epochs() { return epochs; },
    setEpochs(list, current) {
      epochs = [...list];
      input.max = String(Math.max(0, epochs.length - 1));
      input.disabled = epochs.length < 2;
      if (current !== undefined) input.value = String(positionOf(current));
      show();
    },
    setValue(epoch) {
      input.value = String(positionOf(epoch));
      show();
    },
  };
}
