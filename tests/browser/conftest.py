"""Real JupyterLab + headless Chromium for the widget tests (docs/dev/testing.md).

One JupyterLab server and one browser per session; each test gets a fresh browser context
(``lab`` fixture) that records every request and console error, and always leaves a
screenshot in tests/artifacts/browser/. Notebook kernels run this venv's python.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ARTIFACTS = REPO / "tests" / "artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SLOW = 180_000  # ms: generous, the machine is shared and has two cores
ONE_FRONT_END = """() => ({
    libs: globalThis[Symbol.for("cnnslicer_widgets.frontend")]?.size ?? 0,
    sheets: [...document.querySelectorAll("style")]
        .filter((s) => s.textContent.includes(".cnnslicer-view")).length,
    inViews: document.querySelectorAll(".cnnslicer-view style").length,
})"""
"""Page probe: how many shared libs were imported (js/lib/loader.js), how many <style>
elements hold the views' styles, and how many <style> elements are inside views."""


@dataclass
class LabServer:
    url: str
    token: str
    root: Path
    log: Path

    def api(self, method: str, path: str) -> Any:
        req = urllib.request.Request(f"{self.url}{path}?token={self.token}", method=method)
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read()
        return json.loads(body) if body else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lab_env(base: Path) -> dict[str, str]:
    dirs = {
        "JUPYTER_CONFIG_DIR": base / "config",
        "JUPYTER_RUNTIME_DIR": base / "runtime",
        "JUPYTER_DATA_DIR": base / "data",
        "JUPYTERLAB_SETTINGS_DIR": base / "settings",
        "JUPYTERLAB_WORKSPACES_DIR": base / "workspaces",
        "IPYTHONDIR": base / "ipython",
        "JUPYTER_PATH": base / "path",  # searched first, before the venv's share/jupyter
    }
    for d in dirs.values():
        d.mkdir(parents=True)
    notify = dirs["JUPYTERLAB_SETTINGS_DIR"] / "@jupyterlab" / "apputils-extension"
    notify.mkdir(parents=True)
    (notify / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    # The default "python3" kernel is this venv's python, whatever is first on PATH.
    spec = dirs["JUPYTER_PATH"] / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.joinpath("kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Python 3 (test venv)", "language": "python"})
    )
    env = {**os.environ, **{k: str(v) for k, v in dirs.items()}}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    # Kernels start in the server's root dir: a relative PYTHONPATH (PYTHONPATH=src, to test
    # a worktree) would point nowhere there and they would import another checkout.
    if env.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.pathsep.join(
            str(Path(p).resolve()) for p in env["PYTHONPATH"].split(os.pathsep) if p
        )
    return env


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """A JupyterLab server on a free port with fresh config, data and settings dirs."""
    server, proc = _start_server(tmp_path_factory.mktemp("jupyterlab"), "jupyterlab", [
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ])  # fmt: skip
    spec = server.api("GET", "/api/kernelspecs")["kernelspecs"]["python3"]["spec"]
    if spec["argv"][0] != sys.executable:
        proc.terminate()
        pytest.fail(f"the python3 kernel would run {spec['argv'][0]}, not {sys.executable}")
    yield server
    _stop(proc)


def _start_server(base: Path, module: str, extra: list[str]) -> tuple[LabServer, subprocess.Popen]:
    """Start ``python -m <module>`` (jupyterlab or notebook) on a free port; wait for it."""
    root = base / "notebooks"
    root.mkdir()
    port, token = _free_port(), secrets.token_hex(16)
    log = base / "server.log"
    cmd = [
        sys.executable, "-m", module, "--allow-root", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", *extra,
    ]  # fmt: skip
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, env=_lab_env(base), stdout=out, stderr=subprocess.STDOUT)
    server = LabServer(f"http://127.0.0.1:{port}", token, root, log)
    deadline = time.monotonic() + 180
    while True:
        if proc.poll() is not None:
            pytest.fail(f"{module} exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            server.api("GET", "/api/status")
            return server, proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"{module} did not answer in 180 s:\n{log.read_text()[-3000:]}")
            time.sleep(0.25)  # polling a server that is starting: nothing in a page to await


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def notebook7(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """A Jupyter Notebook 7 server (fresh config, settings and runtime folders), started on
    first use: the views must work there as in JupyterLab."""
    server, proc = _start_server(tmp_path_factory.mktemp("notebook7"), "notebook", [])
    yield server
    _stop(proc)


@pytest.fixture(scope="session")
def probes(lab_server: LabServer) -> Path:
    """Bundle the test-only widgets (tests/browser/js) next to the notebooks, with probes.py."""
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "esbuild").is_dir():
        pytest.fail(f"node or node_modules/esbuild missing: run `npm ci` in {REPO} (run.sh does)")
    entries = sorted(str(p) for p in (HERE / "js").glob("*.js"))
    out = lab_server.root / "_probe_static"
    proc = subprocess.run(
        [node, "js/build.mjs", "--outdir", str(out), *entries],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        pytest.fail(f"building the test widgets failed:\n{proc.stdout}\n{proc.stderr}")
    shutil.copy(HERE / "probes.py", lab_server.root / "probes.py")
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (run.sh setup does)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class LabPage:
    """One browser page on JupyterLab, with helpers to run notebooks and read the kernel."""

    page: Any
    server: LabServer
    name: str
    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    # -- notebooks ---------------------------------------------------------------------

    def open_notebook(self, cells: list[str]) -> None:
        """Write a notebook of code cells, open it, and wait for its kernel to be idle."""
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}  # fmt: skip
        nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
        path = self.server.root / f"{self.name}.ipynb"
        nbformat.write(nb, path)
        # One workspace per test, or JupyterLab reopens the notebooks of earlier tests.
        url = f"{self.server.url}/lab/workspaces/{self.name}/tree/{path.name}"
        self.page.goto(f"{url}?token={self.server.token}")
        self.page.locator(".jp-Notebook .jp-Cell").nth(len(cells) - 1).wait_for(timeout=SLOW)
        # The execution indicator says "idle" before any kernel exists ("No Kernel |
        # Initializing"), and Run All then runs nothing: wait for the kernel's own Idle.
        self.page.wait_for_function(
            """() => {
                const bar = document.querySelector('#jp-main-statusbar');
                const text = bar ? bar.innerText : '';
                return /\\| Idle/.test(text) && !text.includes('No Kernel');
            }""",
            timeout=SLOW,
        )
        self.wait_idle()

    def wait_idle(self) -> None:
        self.page.locator(
            '.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status="idle"]'
        ).wait_for(timeout=SLOW)

    def cell(self, index: int) -> Any:
        return self.page.locator(".jp-Notebook .jp-Cell").nth(index)

    def _wait_executed(self, indices: list[int], timeout: float = SLOW) -> None:
        self.page.wait_for_function(
            """(indices) => {
                const cells = document.querySelectorAll('.jp-Notebook .jp-Cell');
                return indices.every((i) => {
                    const prompt = cells[i] && cells[i].querySelector('.jp-InputArea-prompt');
                    return prompt && /\\[\\d+\\]/.test(prompt.textContent);
                });
            }""",
            arg=indices,
            timeout=timeout,
        )
        self.wait_idle()

    def code_cells(self) -> list[int]:
        """Indices of the notebook's non-empty code cells: the ones that get an execution
        count (markdown and raw cells, and empty code cells, never do)."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].flatMap((cell, i) => {
                const editor = cell.querySelector('.jp-InputArea-editor .cm-content');
                const code = editor ? editor.textContent.trim() : '';
                return cell.classList.contains('jp-CodeCell') && code ? [i] : [];
            })"""
        )

    def run_all(self, timeout: float = SLOW) -> float:
        """Run > Run All Cells through the menu, then wait until every code cell has run.

        Markdown cells are skipped (they never get an execution count). Returns the
        ``time.monotonic()`` of the click, to time what follows from it.
        """
        self.page.locator('#jp-MainMenu .lm-MenuBar-itemLabel:text-is("Run")').click()
        self.page.locator('#jp-mainmenu-run li[data-command="runmenu:run-all"]').click()
        clicked = time.monotonic()
        self._wait_executed(self.code_cells(), timeout)
        return clicked

    def _edit_new_cell(self) -> int:
        """Put an empty cell at the end in edit mode (reusing an empty last cell)."""
        cells = self.page.locator(".jp-Notebook .jp-Cell")
        last = cells.count() - 1
        editor = cells.nth(last).locator(".jp-InputArea-editor")
        if not editor.inner_text().strip():
            editor.locator(".cm-content").click()
            return last
        cells.nth(last).locator(".jp-InputPrompt").click()
        for key in ("Escape", "b", "Enter"):  # command mode, new cell below, edit it
            self.page.keyboard.press(key)
        return last + 1

    def run_cell(self, code: str) -> str:
        """Add a cell at the end, run it, and return its output text.

        Use it to read kernel state after a browser interaction: a cell queued by Run All
        would run before the browser's messages reach the kernel.
        """
        index = self._edit_new_cell()
        self.page.keyboard.insert_text(code)  # verbatim: no auto-indent or auto-close
        self.page.keyboard.press("Shift+Enter")
        self._wait_executed([index])
        return self.output(index)

    def time_cell(self, code: str, selector: str) -> float:
        """Seconds from running a new cell to ``selector`` appearing in its output."""
        index = self._edit_new_cell()
        self.page.keyboard.insert_text(code)
        start = time.monotonic()
        self.page.keyboard.press("Shift+Enter")
        self.cell(index).locator(selector).wait_for(timeout=SLOW)
        elapsed = time.monotonic() - start
        self._wait_executed([index])
        return elapsed

    def check(self, code: str) -> str:
        """Run ``code`` (asserts) in the kernel; fail with its traceback if it raises."""
        text = self.run_cell(f"{code}\nprint('CHECK-OK')")
        assert "CHECK-OK" in text, f"kernel check failed:\n{code}\n--- output ---\n{text}"
        return text

    def output(self, index: int) -> str:
        """The cell's output text (scrolled into view first: JupyterLab does not render
        cells far off screen, and their innerText is empty)."""
        area = self.cell(index).locator(".jp-OutputArea")
        area.scroll_into_view_if_needed(timeout=SLOW)
        return area.inner_text()

    # -- evidence ----------------------------------------------------------------------

    def screenshot(self, label: str = "", target: Any = None) -> Path:
        """Save a screenshot under tests/artifacts/browser/ (scrolled to target if given)."""
        if target is not None:
            target.scroll_into_view_if_needed(timeout=SLOW)
        path = ARTIFACTS / f"{self.name}{'-' + label if label else ''}.png"
        self.page.screenshot(path=str(path))
        return path

    def assert_clean(self) -> None:
        """No request left 127.0.0.1 and the console logged no error."""
        assert not self.external, f"requests outside 127.0.0.1: {self.external}"
        assert not self.console_errors, f"browser console errors: {self.console_errors}"


def _is_external(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in {"http", "https", "ws", "wss"} and parsed.hostname not in LOCAL_HOSTS


@pytest.fixture
def lab(
    request: pytest.FixtureRequest, lab_server: LabServer, browser: Any, probes: Path
) -> Iterator[LabPage]:
    """A fresh page on JupyterLab; screenshot and clean-page checks at the end of the test."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(SLOW)
    lab = LabPage(page, lab_server, name)
    page.on("request", lambda r: _is_external(r.url) and lab.external.append(r.url))
    page.on("websocket", lambda ws: _is_external(ws.url) and lab.external.append(ws.url))
    page.on(
        "console",
        lambda m: m.type == "error" and lab.console_errors.append(f"{m.text} @ {m.location}"),
    )
    page.on("pageerror", lambda err: lab.console_errors.append(f"uncaught: {err}"))
    try:
        yield lab
    finally:
        try:
            lab.screenshot("end")
        finally:
            context.close()
            for session in lab_server.api("GET", "/api/sessions"):
                lab_server.api("DELETE", f"/api/sessions/{session['id']}")
            if lab.timings:
                _record_timings(name, lab.timings)
    lab.assert_clean()


def _record_timings(test: str, timings: dict[str, float]) -> None:
    path = ARTIFACTS / "timings.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[test] = timings
    path.write_text(json.dumps(data, indent=2, sort_keys=True))
