// Colour scales shared by the views, so a class or a run has one colour everywhere.

// Tableau 10: distinct, readable on white and on JupyterLab's dark theme.
export const CATEGORICAL = Object.freeze([
  "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
  "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
]);

/** Colour of category i (class, run); cycles after 10. */
export function categorical(i) {
  return CATEGORICAL[((i % CATEGORICAL.length) + CATEGORICAL.length) % CATEGORICAL.length];
}

const VIRIDIS = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
  [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
];
const BLUES = [
  [247, 251, 255], [222, 235, 247], [198, 219, 239], [158, 202, 225], [107, 174, 214],
  [66, 146, 198], [33, 113, 181], [8, 81, 156], [8, 48, 107],
];

function ramp(stops) {
  return (t) => {
    const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(x));
    const f = x - i;
    return stops[i].map((c, k) => Math.round(c + f * (stops[i + 1][k] - c)));
  };
}

/** t in [0, 1] -> [r, g, b], perceptually ordered (for heatmaps of entropy, capacity). */
export const viridis = ramp(VIRIDIS);

/** t in [0, 1] -> [r, g, b], white to dark blue: darker = more (confusion matrix). */
export const blues = ramp(BLUES);

/** "rgb(r, g, b)" of an [r, g, b] triple. */
export function rgb([r, g, b]) {
  return `rgb(${r}, ${g}, ${b})`;
}

/** Black or white, whichever reads better on background [r, g, b]. */
export function textOn([r, g, b]) {
  const lum = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return lum > 0.55 ? "#111" : "#fff";
}
