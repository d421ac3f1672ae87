"""Writing behind: a store's writes run on one background thread, in the order given.

The recorder hands every write of an epoch (begin, activations, logits, ..., the flush
that marks it complete) to a :class:`WriteBehind` and returns to training while they run:
the HDF5 writes of one probe batch overlap the forward pass of the next, and the last ones
overlap the next training epoch (h5py releases the GIL while HDF5 writes). The calls run
one at a time in the order they were submitted, so the file goes through the same states
as when they run in the caller's thread: an epoch's data, then its completion flag.

At most ``limit`` bytes of arrays wait at once: a call that would go past it waits until
enough is written (backpressure; one call larger than the limit waits for an empty queue).
The first error a call raises stops the queue (later calls are dropped, unrun) and is
raised by the next :meth:`~WriteBehind.submit`, :meth:`~WriteBehind.wait` or
:meth:`~WriteBehind.close`, the same exception object (a
:class:`~cnnslicer_widgets.store.spec.StoreWriteError` from the writer stays one).
The thread runs only while calls are queued, so an interpreter that exits waits for the
queued writes (it is not a daemon), and an idle recorder holds no thread.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Any

__all__ = ["WriteBehind"]


class WriteBehind:
    """Run calls on one background thread, in order, with at most ``limit`` bytes queued.

    ``limit=0`` runs every call at once in the caller's thread (no thread at all).

    Examples
    --------
    >>> done = []
    >>> q = WriteBehind(limit=1 << 20)
    >>> for i in range(3):
    ...     q.submit(done.append, i, nbytes=8)
    >>> q.wait(); done
    [0, 1, 2]
    >>> q.submit(int, "x")  # the error is raised by the next call
    >>> q.wait()
    Traceback (most recent call last):
    ...
    ValueError: invalid literal for int() with base 10: 'x'
    >>> q.close(quiet=True)
    """

    def __init__(self, *, limit: int):
        self.limit = max(0, int(limit))
        self._jobs: deque[tuple[Callable[..., Any], tuple[Any, ...], int]] = deque()
        self._cond = threading.Condition()
        self._queued = 0  # bytes queued or being written
        self._busy = False  # a call is running on the thread
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._reported = False
        self._running = False

    @property
    def pending(self) -> int:
        """Bytes submitted and not yet written."""
        with self._cond:
            return self._queued

    @property
    def failed(self) -> bool:
        """Whether a call failed (its error is raised by the next call)."""
        return self._error is not None

    def submit(self, fn: Callable[..., Any], *args: Any, nbytes: int = 0) -> None:
        """Queue ``fn(*args)``; raise the error of an earlier call, if one failed."""
        self._raise()
        if self.limit == 0:
            fn(*args)
            return
        with self._cond:
            while (self._queued and self._queued + nbytes > self.limit
                   and self._error is None):
                self._cond.wait()
            if self._error is None:
                self._jobs.append((fn, args, nbytes))
                self._queued += nbytes
                self._start()
        self._raise()

    def wait(self) -> None:
        """Block until every queued call ran; raise the error of one that failed."""
        self.drain()
        self._raise()

    def drain(self) -> None:
        """Block until every queued call ran (or one failed); raise nothing."""
        with self._cond:
            while self._jobs or self._busy:
                self._cond.wait()

    def close(self, *, quiet: bool = False) -> None:
        """Wait for the queued calls and the thread; raise the error of a failed call
        unless it was raised before or ``quiet``."""
        self.drain()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        if self._error is not None and not quiet and not self._reported:
            self._raise()

    # -- internals ----------------------------------------------------------------------
    def _raise(self) -> None:
        err = self._error
        if err is not None:
            self._reported = True
            raise err

    def _start(self) -> None:
        """Start the thread unless one runs (called holding the lock)."""
        if not self._running:
            self._running = True
            self._thread = threading.Thread(target=self._run, name="cnnslicer-write-behind")
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cond:
                if not self._jobs or self._error is not None:
                    self._running = False  # decided holding the lock: submit starts anew
                    self._cond.notify_all()
                    return
                fn, args, nbytes = self._jobs.popleft()
                self._busy = True
            err: BaseException | None = None
            try:
                fn(*args)
            except BaseException as exc:  # noqa: BLE001 - raised in the caller's thread
                err = exc
            del fn, args  # the arrays written are freed now
            with self._cond:
                self._busy = False
                if err is None:
                    self._queued -= nbytes
                else:
                    self._error = err
                    self._jobs.clear()
                    self._queued = 0
                self._cond.notify_all()
