"""Count the HDF5 writes of a process and, at a chosen one, kill it or make writes fail.

Every ``Dataset.__setitem__``, ``Dataset.resize``, ``File.flush`` and ``File.close`` is one
operation. Just before operation number ``state["kill_at"]`` runs, the process

- ``kill``: SIGKILLs itself;
- ``fsize``: sets its file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) to the current size
  of ``state["path"]``, so that this write, or the first later one that grows the file,
  fails inside HDF5 with EFBIG, as on a full disk (no root needed);
- ``eio``: raises ``OSError(EIO)`` instead of running the operation.

A seeded operation number can fall anywhere in the writer: between the resizes of
``begin_epoch``, amid the activation, weight or confusion writes, between the flush and
the completion flag of ``end_epoch``, in ``append_train_loss``, or in the final flush and
close.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import sys
from typing import Any

import h5py


def install(kill_at: int = 0, mode: str = "kill") -> dict[str, Any]:
    """Wrap h5py's write operations; returns the shared state (``ops``, ``kill_at``,
    ``mode``, ``path``, ``fired``)."""
    state: dict[str, Any] = {"ops": 0, "kill_at": kill_at, "mode": mode, "path": None,
                             "fired": False}

    def fire() -> None:
        state["fired"] = True
        sys.stdout.flush()
        if state["mode"] == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif state["mode"] == "fsize":
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            path = str(state["path"])  # the store, or the file that becomes it
            size = os.path.getsize(path if os.path.exists(path) else path + ".creating")
            resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))
            print(f"FIRED {state['ops']} {size}", flush=True)
        else:
            print(f"FIRED {state['ops']}", flush=True)
            raise OSError(errno.EIO, "Input/output error (injected)")

    def wrap(fn):
        def counted(*args, **kwargs):
            state["ops"] += 1
            if state["ops"] == state["kill_at"]:
                fire()
            return fn(*args, **kwargs)

        return counted

    h5py.Dataset.__setitem__ = wrap(h5py.Dataset.__setitem__)
    h5py.Dataset.resize = wrap(h5py.Dataset.resize)
    h5py.File.flush = wrap(h5py.File.flush)
    h5py.File.close = wrap(h5py.File.close)
    return state
