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
    // Each label as the four corners of its box on the page: SVG text through its own
    // transform (a slanted tick label is a slanted box), anything else its client rect.
    const corners = (el, r) => {
        if (el instanceof SVGGraphicsElement && el.getScreenCTM()) {
            const b = el.getBBox(), m = el.getScreenCTM();
            return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height],
                    [b.x, b.y + b.height]].map(([x, y]) => [m.a * x + m.c * y + m.e,
                                                            m.b * x + m.d * y + m.f]);
        }
        return [[r.left, r.top], [r.right, r.top], [r.right, r.bottom], [r.left, r.bottom]];
    };
    const items = [];
    for (const el of root.querySelectorAll(selector)) {
        const r = el.getBoundingClientRect();
        if (r.width < 0.5 || r.height < 0.5 || !(el.textContent || '').trim()) continue;
        if (getComputedStyle(el).visibility === 'hidden') continue;
        const tree = el.closest('.cq-tree');  // rows scrolled out of the tree are not seen
        if (tree) {
            const t = tree.getBoundingClientRect();
            if (r.bottom <= t.top + 1 || r.top >= t.bottom - 1) continue;
        }
        items.push({el, r, p: corners(el, r)});
    }
    // Two convex boxes overlap by more than a pixel unless some edge's normal separates
    // them, or their projections on it share at most a pixel.
    const overlap = (p, q) => {
        for (const poly of [p, q]) {
            for (let i = 0; i < 4; i++) {
                const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4];
                const len = Math.hypot(x2 - x1, y2 - y1);
                if (len < 1e-6) continue;
                const nx = (y1 - y2) / len, ny = (x2 - x1) / len;
                const a = p.map(([x, y]) => x * nx + y * ny), b = q.map(([x, y]) => x * nx + y * ny);
                if (Math.min(Math.max(...a), Math.max(...b)) - Math.max(Math.min(...a), Math.min(...b)) <= 1)
                    return false;
            }
        }
        return true;
    };
    const overlaps = [];
    for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
            const a = items[i], b = items[j];
            if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
            const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
            const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
            if (w > 1 && h > 1 && overlap(a.p, b.p)) overlaps.push(
                `${a.el.textContent.trim().slice(0, 24)} / ${b.el.textContent.trim().slice(0, 24)}`);
        }
    }
    return {labels: items.length, overlaps: overlaps.slice(0, 10)};
}"""
"""Pairs of visible labels (SVG text, tree rows, buttons, chips, tab titles) whose boxes
overlap by more than a pixel each way (a turned SVG label by its turned box), and how many
labels were compared."""


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

CUT = """(root) => {
    const cut = [];
    const clipX = (el) => {  // the nearest ancestor inside root that clips sideways
        for (let a = el.parentElement; a && a !== root.parentElement; a = a.parentElement) {
            const s = getComputedStyle(a);
            if (s.overflowX !== 'visible' && a.tagName.toLowerCase() !== 'svg') return a;
        }
        return null;
    };
    for (const el of root.querySelectorAll('svg text, button, label, span, canvas, svg')) {
        const r = el.getBoundingClientRect();
        if (r.width < 0.5 || r.height < 0.5) continue;
        const name = `${el.tagName.toLowerCase()} ${(el.textContent || '').trim().slice(0, 20)}`;
        const owner = el.tagName.toLowerCase() === 'text' ? el.ownerSVGElement : null;
        if (owner) {
            const o = owner.getBoundingClientRect();
            if (r.left < o.left - 1 || r.right > o.right + 1 || r.top < o.top - 1 ||
                r.bottom > o.bottom + 1) cut.push(`${name}: outside its svg`);
        }
        const clip = clipX(el);
        if (clip) {
            const c = clip.getBoundingClientRect();
            if (r.left < c.left - 1 || r.right > c.right + 1) cut.push(`${name}: past its box`);
        }
    }
    for (const el of root.querySelectorAll('*')) {  // text clipped by its own box (an ellipsis)
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.clientWidth < 1) continue;
        const s = getComputedStyle(el);
        if (s.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
            cut.push(`${el.tagName.toLowerCase()} ${el.textContent.trim().slice(0, 20)}: clipped`);
    }
    return cut.slice(0, 10);
}"""
"""Text cut at an edge: SVG text reaching outside its <svg> (which clips it); labels,
buttons, canvases and SVGs reaching sideways past the nearest box that clips or scrolls;
text wider than its own box that clips it (cut short by an ellipsis)."""
