"""The CNNSlicer app's runs: opening them (:func:`open_runs`), and following stores still
being written (:func:`poll`, the watcher thread; :func:`apply_under`, which keeps the
browser's updates from interleaving with its refreshes)."""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from cnnslicer_widgets.cube import Hypercube, as_cube
from cnnslicer_widgets.widgets._performance_data import collect_runs

__all__ = ["GIVE_UP_AFTER", "apply_under", "open_runs", "poll", "trained"]

_log = logging.getLogger("cnnslicer_widgets.widgets.app")


def open_runs(runs: Any, names: Sequence[str] | None) -> list[tuple[str, Hypercube]]:
    """The app's runs as (name, cube): one run, a sequence, or a mapping name -> run."""
    if isinstance(runs, dict):
        opened: Any = {str(k): open_run(v) for k, v in runs.items()}
    elif isinstance(runs, (list, tuple)):
        if not runs:
            raise ValueError("CNNSlicer needs at least one run (a store path or a cube)")
        opened = [open_run(r) for r in runs]
    else:
        opened = open_run(runs)
    try:
        return collect_runs(opened, names)
    except (TypeError, ValueError) as err:
        raise type(err)(f"CNNSlicer: {err}") from None


def open_run(store_or_path: Any) -> Any:
    if isinstance(store_or_path, (str, os.PathLike)) and not Path(store_or_path).exists():
        raise FileNotFoundError(
            f"no store at {os.fspath(store_or_path)}: CNNSlicer needs the .h5 file written by "
            "Recorder(model, probe, path, epochs=...), or a cube from open_cube(path)"
        )
    try:
        return as_cube(store_or_path)
    except TypeError as err:
        raise TypeError(f"CNNSlicer: {err}") from None


def apply_under(lock: threading.RLock, widget: widgets.Widget) -> None:
    """Apply the widget's updates from the browser holding ``lock``, so that they never
    interleave with a refresh that the watcher thread is making."""
    apply = widget.set_state

    def set_state(sync_data: dict[str, Any]) -> None:
        with lock:
            apply(sync_data)

    widget.set_state = set_state
    steps = getattr(widget, "_steps", None)  # work a view does while the kernel is idle
    if steps is not None:
        steps.lock = lock


def trained(cube: Hypercube) -> int:
    return int(cube.train_loss.sizes["train_epoch"])


GIVE_UP_AFTER = 10.0
"""Seconds of failed looks in a row before the watcher stops (a writer resuming or
flushing can leave the file unreadable for a moment)."""


def poll(ref: weakref.ref, stop: threading.Event, interval: float) -> None:
    """The watcher thread: one look at the store per ``interval`` until told to stop."""
    failing_since: float | None = None
    while not stop.wait(interval):
        app = ref()
        if app is None:
            return
        try:
            keep = app._poll_once()
            failing_since = None
        except Exception as err:  # noqa: BLE001 - shown in the header; the views stay usable
            now = time.monotonic()
            failing_since = now if failing_since is None else failing_since
            if now - failing_since < GIVE_UP_AFTER:
                _log.debug("CNNSlicer: %s not readable now (%s); looking again", app.cube.path,
                           err)
                del app
                continue
            _log.exception("CNNSlicer stopped following %s", app.cube.path)
            app._state = (
                f"error: live updates stopped ({type(err).__name__}: {err}); "
                "press Retry to follow the store again"
            )
            keep = False
        if not keep:
            stop.set()
            app._thread = None
            app._show_header()
            return
        del app
