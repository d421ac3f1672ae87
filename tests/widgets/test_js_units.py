"""Run the JS unit tests (node --test js/tests/) and cross-check float16 with numpy."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np


def test_js_unit_tests_pass(run_node: Callable) -> None:
    proc = run_node("--test", "js/tests/")
    assert "# fail 0" in proc.stdout, proc.stdout


def test_js_float16_rounding_matches_numpy(run_node: Callable) -> None:
    rng = np.random.default_rng(0)
    values = np.concatenate(
        [
            rng.normal(0, 1, 4000),
            rng.normal(0, 1e4, 2000),
            rng.uniform(-1e-4, 1e-4, 2000),  # subnormal range of float16
            [65504, 65519, 65520, 1e6, -1e6, 2**-24, 2**-25, 0.0, -0.0, np.inf, -np.inf],
        ]
    ).astype(np.float32)
    script = (
        "import fs from 'node:fs';"
        "import { numberToHalfBits } from './js/lib/codec.js';"
        "const raw = Buffer.from(fs.readFileSync(0, 'utf8').trim(), 'hex');"
        "const xs = new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);"
        "console.log(JSON.stringify(Array.from(xs, numberToHalfBits)));"
    )
    stdin = values.astype("<f4").tobytes().hex()
    proc = run_node("--input-type=module", "-e", script, stdin=stdin)
    got = np.array(json.loads(proc.stdout), dtype=np.uint16)
    with np.errstate(over="ignore"):  # 65520 and 1e6 round to inf, on purpose
        want = values.astype(np.float16).view(np.uint16)
    bad = np.flatnonzero(got != want)
    assert bad.size == 0, [(float(values[i]), hex(got[i]), hex(want[i])) for i in bad[:5]]
