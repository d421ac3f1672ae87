"""Count the HDF5 writes of a process and SIGKILL it at a chosen one.

Every ``Dataset.__setitem__``, ``Dataset.resize`` and ``File.flush`` is one operation; the
process kills itself just before operation number ``state["kill_at"]`` runs, so a seeded
kill point can fall anywhere in the writer: between the resizes of ``begin_epoch``, amid
the activation, weight or confusion writes, between the flush and the completion flag of
``end_epoch``, or in ``append_train_loss``.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import h5py


def install(kill_at: int = 0) -> dict[str, Any]:
    """Wrap h5py's write operations; returns the shared state (``ops``, ``kill_at``)."""
    state: dict[str, Any] = {"ops": 0, "kill_at": kill_at}

    def wrap(fn):
        def counted(*args, **kwargs):
            state["ops"] += 1
            if state["ops"] == state["kill_at"]:
                sys.stdout.flush()
                os.kill(os.getpid(), signal.SIGKILL)
            return fn(*args, **kwargs)

        return counted

    h5py.Dataset.__setitem__ = wrap(h5py.Dataset.__setitem__)
    h5py.Dataset.resize = wrap(h5py.Dataset.resize)
    h5py.File.flush = wrap(h5py.File.flush)
    return state
