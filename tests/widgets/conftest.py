"""Fixtures for the widget tests: running the JS build and JS unit tests with node."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def node() -> str:
    """Path of ``node``, with the npm dev dependencies installed; fails clearly if not."""
    exe = shutil.which("node")
    if exe is None:
        pytest.fail("node is not on PATH: install Node.js 20+ (run.sh setup does)")
    if not (REPO / "node_modules" / "esbuild").is_dir():
        pytest.fail(
            f"{REPO / 'node_modules'} has no esbuild: run `npm ci` in {REPO} "
            "(bash run.sh setup does it) to install the pinned JS build tools"
        )
    return exe


@pytest.fixture(scope="session")
def run_node(node: str) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``run_node(*args, stdin=None)`` runs node in the repository root and fails the test if node does."""

    def run(
        *args: str, stdin: str | None = None, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [node, *args],
            cwd=REPO,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if proc.returncode != 0:
            pytest.fail(
                f"node {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
            )
        return proc

    return run


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root."""
    return REPO
