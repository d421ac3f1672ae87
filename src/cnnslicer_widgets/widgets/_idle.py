"""Work a view does a step at a time while the kernel is idle (:class:`Steps`).

In a Jupyter kernel the cell's code and the browser's messages run on one asyncio loop. A
view that has more to compute than what a message needs right now (the information plane
of 60 layers, the capacity matrices of the other epochs) queues it as short steps: each
runs from that loop a few milliseconds after the last, so a message from the browser that
arrives meanwhile waits for one step at most, not for the whole job. Outside a kernel
(scripts, tests, doctests: no kernel's loop running when the view is made) every step runs
at once, so results are there when the call returns.

A step added with ``urgent=True`` (the layer view's refining of the matrix on screen) goes
before every other view's: while one is queued, the other views' queues wait their turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["Steps"]

_log = logging.getLogger(__name__)

PAUSE = 0.02
"""Seconds between two steps: long enough for the loop to take in a waiting message
(its handler needs a few loop turns), short enough not to slow the job."""


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The IPython kernel's running loop, or None: another library's loop running in this
    thread (playwright's sync API keeps one running while its caller works) is no kernel
    to come back to between steps."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    kernelapp = sys.modules.get("ipykernel.kernelapp")
    app = getattr(kernelapp, "IPKernelApp", None)
    if app is None or not app.initialized():
        return None
    return loop


_URGENT: weakref.WeakSet[Steps] = weakref.WeakSet()
"""The queues holding an urgent step (the others wait for them)."""


class Steps:
    """A queue of keyed steps run one at a time from the kernel's loop.

    ``add(key, step)`` queues ``step()`` unless ``key`` is queued already; ``step`` may
    queue more. ``on_error(err)`` hears of a step that raised (the queue goes on).
    Without a running loop at construction, :meth:`add` runs the step at once.

    Examples
    --------
    >>> done = []
    >>> steps = Steps()  # no running loop here: steps run at once
    >>> steps.add("a", lambda: done.append("a")); done, steps.pending
    (['a'], 0)
    """

    def __init__(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        self._loop = _running_loop()
        self._thread = threading.get_ident()
        self._queue: OrderedDict[Hashable, Callable[[], Any]] = OrderedDict()
        self._timer: asyncio.TimerHandle | None = None
        self._running = False
        self._on_error = on_error
        self._urgent: set[Hashable] = set()
        self.lock: Any = contextlib.nullcontext()
        """Held while a step runs (the app's lock: steps never interleave with a refresh
        of its watcher thread)."""

    @property
    def deferred(self) -> bool:
        """Whether steps wait for the loop (True in a kernel)."""
        return self._loop is not None and not self._loop.is_closed()

    @property
    def pending(self) -> int:
        """Steps queued and not yet run."""
        return len(self._queue)

    def add(
        self, key: Hashable, step: Callable[[], Any], *, first: bool = False, urgent: bool = False
    ) -> None:
        """Queue ``step`` under ``key`` (at the front with ``first``); no-op if queued.
        ``urgent``: other queues wait until it has run."""
        if urgent:
            self._urgent.add(key)
            _URGENT.add(self)
        if key in self._queue:
            if first:
                self._queue.move_to_end(key, last=False)
            return
        self._queue[key] = step
        if first:
            self._queue.move_to_end(key, last=False)
        if not self.deferred:
            if not self._running:
                self.run_all()
            return
        self._arm()

    def discard(self, keep: Callable[[Any], bool]) -> None:
        """Drop the queued steps whose key ``keep(key)`` rejects."""
        for key in [k for k in self._queue if not keep(k)]:
            del self._queue[key]

    def clear(self) -> None:
        """Drop every queued step."""
        self._queue.clear()

    def run_all(self) -> None:
        """Run every queued step now (and those they queue), in order."""
        self._running = True
        try:
            while self._queue:
                self._run_one()
        finally:
            self._running = False

    def _arm(self) -> None:
        loop = self._loop
        if loop is None or self._timer is not None or self._running or not self._queue:
            return
        if threading.get_ident() != self._thread:  # e.g. the app's watcher thread
            loop.call_soon_threadsafe(self._arm)
            return
        self._timer = loop.call_later(PAUSE, self._tick)

    @property
    def urgent(self) -> bool:
        """Whether an urgent step is queued."""
        return any(k in self._queue for k in self._urgent)

    def _tick(self) -> None:
        self._timer = None
        if self._running:
            return
        if not self.urgent and any(o is not self and o.deferred and o.urgent for o in list(_URGENT)):
            self._arm()  # another view's urgent step first
            return
        self._running = True
        try:
            self._run_one()
        finally:
            self._running = False
        self._arm()

    def _run_one(self) -> None:
        if not self._queue:
            return
        key, step = self._queue.popitem(last=False)
        self._urgent.discard(key)
        if not self._urgent:
            _URGENT.discard(self)
        try:
            with self.lock:
                step()
        except Exception as err:  # noqa: BLE001 - a failed step is reported, the rest go on
            _log.exception("a background step of a view failed")
            if self._on_error is not None:
                self._on_error(err)
