// Formulas are written as \( ... \) and \[ ... \] (pymdownx.arithmatex, generic mode).
// No MathJax script is loaded from a CDN: the docs build and read offline, and the
// formulas stay readable as TeX source when MathJax is absent.
window.MathJax = { tex: { inlineMath: [["\\(", "\\)"]], displayMath: [["\\[", "\\]"]] } };
