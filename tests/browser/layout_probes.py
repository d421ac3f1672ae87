"""Page probes for layout checks at real widths: horizontal overflow, overlapping labels,
and the notebook output width (used by test_dashboard.py)."""

from __future__ import annotations

from typing import Any

OUTPUT_WIDTH = """(cell) => {
    const out = cell.querySelector('.jp-OutputArea-output');
    return out ? out.getBoundingClientRect().width : 0;
}"""
"""Width of the first output of a cell (the room a widget has)."""

OVERFLOW = """(root) => {
    const area = root.closest('.jp-OutputArea-output') || document.documentElement;
    const box = area.getBoundingClientRect();
    const out = [];
    for (const el of root.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width < 0.5 || r.height < 0.5) continue;  // hidden (a closed tab) or empty
        if (r.right > box.right + 1 || r.left < box.left - 1) {
            out.push(`${el.tagName.toLowerCase()}.${String(el.className.baseVal ?? el.className)
                .split(' ')[0]} ${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)}`);
        }
    }
    return {width: Math.round(box.width), scroll: area.scrollWidth - area.clientWidth,
            outside: out.slice(0, 10)};
}"""
"""Elements of ``root`` that stick out of its output area, left or right, and how far the
output area scrolls sideways."""

LABELS = """(root) => {
    const selector = 'svg text, .cq-pick, .cq-meta, .cq-level, .cq-arc-note, button, ' +
        '.cs-crumb, .cs-app-line, .cs-app-hint, .lm-TabBar-tabLabel';
    const items = [];
    for (const el of root.querySelectorAll(selector)) {
        const r = el.getBoundingClientRect();
        if (r.width < 0.5 || r.height < 0.5 || !(el.textContent || '').trim()) continue;
        const tree = el.closest('.cq-tree');  // rows scrolled out of the tree are not seen
        if (tree) {
            const t = tree.getBoundingClientRect();
            if (r.bottom <= t.top + 1 || r.top >= t.bottom - 1) continue;
        }
        items.push({el, r});
    }
    const overlaps = [];
    for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
            const a = items[i], b = items[j];
            if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
            const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
            const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
            if (w > 1 && h > 1) overlaps.push(
                `${a.el.textContent.trim().slice(0, 24)} / ${b.el.textContent.trim().slice(0, 24)}`);
        }
    }
    return {labels: items.length, overlaps: overlaps.slice(0, 10)};
}"""
"""Pairs of visible labels (SVG text, tree rows, buttons, chips, tab titles) whose bounding
boxes overlap by more than a pixel each way, and how many labels were compared."""


def set_output_width(lab: Any, cell: Any, width: int, height: int = 800) -> float:
    """Resize the page until the cell's output area is ``width`` px wide; returns it."""
    page = lab.page
    for _ in range(5):
        got = cell.evaluate(OUTPUT_WIDTH)
        if abs(got - width) < 0.5:
            break
        size = page.viewport_size
        page.set_viewport_size({"width": int(round(size["width"] + width - got)), "height": height})
        page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    got = cell.evaluate(OUTPUT_WIDTH)
    assert abs(got - width) < 1, f"output area {got} px wide, wanted {width}"
    return got
