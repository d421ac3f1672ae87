"""How the estimators run on dask: chunk tasks, the client, progress and kernel threads.

A dask-backed input (e.g. ``cube.activations(layer)``) is estimated chunk by chunk: each
task reads one block of the store and reduces it with the compiled kernels, so memory
holds a few blocks, never the whole array. Where the tasks run:

- ``client=`` a ``dask.distributed.Client``: on its cluster (each worker process opens
  the store file itself);
- ``client=None`` (the default): on the active client, ``distributed.default_client()``
  (the one ``distributed.get_client()`` returns outside a worker), when one exists;
- otherwise on dask's local scheduler in this process (``scheduler``: threads for the
  per-map kernels, synchronous for estimators whose kernels are parallel inside).

When dask runs tasks side by side (threads, or a cluster's workers), the compiled numba
kernels in a task use one thread (:func:`kernel_threads`): the parallelism comes from
dask, and nested OpenMP teams would oversubscribe the cores (their threads spin-wait).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators._results import progress_bar


def is_lazy(da: xr.DataArray) -> bool:
    """True when ``da`` is dask-backed (its values are not in memory)."""
    from dask import is_dask_collection

    return is_dask_collection(da.data)


def resolve_client(client: Any = None) -> Any:
    """``client`` checked, else the active distributed client, else None (local dask)."""
    if client is not None:
        if not (hasattr(client, "compute") and hasattr(client, "gather")):
            raise TypeError(
                f"client must be a dask.distributed Client, got {type(client).__name__}; "
                "e.g. client=distributed.Client(distributed.LocalCluster(n_workers=2))"
            )
        return client
    if "distributed" not in sys.modules:  # no client can exist: do not import it
        return None
    from distributed import default_client

    try:
        return default_client()
    except ValueError:  # none started
        return None


@contextlib.contextmanager
def kernel_threads(n: int | None) -> Iterator[None]:
    """Run the numba kernels of this thread with ``n`` threads (None: leave as is)."""
    if n is None:
        yield
        return
    import numba

    old = numba.get_num_threads()
    numba.set_num_threads(max(1, min(int(n), numba.config.NUMBA_NUM_THREADS)))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        numba.set_num_threads(old)


def task_threads(client: Any, scheduler: str) -> int | None:
    """Kernel threads per task: 1 when dask runs tasks side by side, else all (None)."""
    return None if client is None and scheduler == "synchronous" else 1


class _TaskBar:
    """A dask local-scheduler callback that moves a tqdm bar as tasks finish."""

    def __init__(self, bar: Any):
        from dask.callbacks import Callback

        self.bar = bar
        self.callback = Callback(start_state=self._start, posttask=self._post)

    def _start(self, dsk: Any, state: dict) -> None:
        self.bar.reset(total=sum(len(state[k]) for k in ("ready", "waiting", "running")))

    def _post(self, key: Any, result: Any, dsk: Any, state: dict, worker_id: Any) -> None:
        self.bar.update(1)


def compute(
    tasks: Sequence[Any],
    *,
    client: Any,
    scheduler: str,
    desc: str,
    progress: bool,
) -> list[Any]:
    """Compute dask collections (delayed objects or arrays) to a list of results.

    On a client, each task is a future and the bar counts finished tasks; locally the
    bar counts graph tasks. Results come back to this process: keep them small.
    """
    import dask

    client = resolve_client(client)
    with progress_bar(len(tasks), desc=desc, enabled=progress) as bar:
        if client is None:
            with _TaskBar(bar).callback:
                return list(dask.compute(*tasks, scheduler=scheduler))
        from distributed import as_completed

        futures = client.compute(list(tasks))
        try:
            for _ in as_completed(futures):
                bar.update(1)
            return client.gather(futures)
        finally:
            for f in futures:
                f.release()


def compute_blocks(
    arr: Any, *, client: Any, scheduler: str, desc: str, progress: bool
) -> np.ndarray:
    """A dask array computed block by block (one task per block) into one numpy array."""
    blocks = arr.to_delayed()
    values = compute(
        list(blocks.ravel()), client=client, scheduler=scheduler, desc=desc, progress=progress
    )
    out = np.empty(arr.shape, arr.dtype)
    starts = [np.concatenate([[0], np.cumsum(c)]) for c in arr.chunks]
    for index, value in zip(np.ndindex(blocks.shape), values, strict=True):
        key = tuple(slice(s[i], s[i + 1]) for s, i in zip(starts, index, strict=True))
        out[key] = value
    return out


def block_slices(n: int, per_item_bytes: int, budget: int) -> list[slice]:
    """Consecutive slices of ``range(n)`` holding about ``budget`` bytes each (>= 1 item)."""
    step = max(1, budget // max(1, per_item_bytes))
    return [slice(s, min(n, s + step)) for s in range(0, n, step)]


def delayed(func: Callable, *args: Any, **kwargs: Any) -> Any:
    """``dask.delayed(func, pure=True)(*args, **kwargs)``: same inputs, same key."""
    import dask

    return dask.delayed(func, pure=True)(*args, **kwargs)
