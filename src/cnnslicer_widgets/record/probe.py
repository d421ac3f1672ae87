"""Turn what users pass as a probe set or an evaluation set into tensors."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, SequentialSampler, Subset

__all__ = ["Probe", "as_probe", "iterate_eval"]


@dataclass
class Probe:
    """A fixed probe set: inputs on the CPU, labels, dataset indices, optional metadata."""

    x: torch.Tensor
    labels: np.ndarray
    sample_index: np.ndarray
    classes: list[str] | None = None
    dataset_name: str = ""

    def __len__(self) -> int:
        return int(self.x.shape[0])


def _dataset_meta(ds) -> tuple[list[str] | None, str]:
    while isinstance(ds, Subset):
        ds = ds.dataset
    classes = getattr(ds, "classes", None)
    name = getattr(ds, "name", None) or type(ds).__name__
    return (list(map(str, classes)) if classes is not None else None), str(name)


def _subset_indices(ds) -> tuple[object, np.ndarray | None]:
    """Unwrap nested Subsets into (base dataset, indices into it)."""
    idx = None
    while isinstance(ds, Subset):
        sub = np.asarray(ds.indices, dtype=np.int64)
        idx = sub if idx is None else sub[idx]
        ds = ds.dataset
    return ds, idx


def _stack_items(ds, indices: Sequence[int] | np.ndarray) -> tuple[torch.Tensor, np.ndarray]:
    xs, ys = [], []
    batched = getattr(ds, "__getitems__", None)  # a whole batch at once (torch's protocol)
    items = batched([int(i) for i in indices]) if batched else (ds[int(i)] for i in indices)
    for i, item in zip(indices, items, strict=True):
        if not isinstance(item, (tuple, list)) or len(item) < 2:
            raise TypeError(
                f"dataset item {int(i)} is a {type(item).__name__}; a probe dataset must "
                "return (input, label) pairs"
            )
        x, y = item[0], item[1]
        if not isinstance(x, torch.Tensor):
            raise TypeError(
                f"dataset item {int(i)} holds a {type(x).__name__}, not a tensor; give the "
                "dataset a transform such as torchvision.transforms.ToTensor()"
            )
        xs.append(x)
        ys.append(int(y))
    return torch.stack(xs), np.asarray(ys, dtype=np.int64)


def _from_loader(loader: DataLoader) -> Probe:
    if not isinstance(loader.sampler, SequentialSampler):
        raise ValueError(
            "the probe DataLoader does not iterate in a fixed order "
            f"(sampler: {type(loader.sampler).__name__}); the probe must be the same samples "
            "in the same order at every epoch: pass shuffle=False"
        )
    xs, ys = [], []
    for batch in loader:
        if not isinstance(batch, (tuple, list)) or len(batch) < 2:
            raise TypeError("the probe DataLoader must yield (inputs, labels) batches")
        xs.append(batch[0].detach().cpu())
        ys.append(np.asarray(batch[1].detach().cpu() if torch.is_tensor(batch[1]) else batch[1]))
    base, idx = _subset_indices(loader.dataset)
    x = torch.cat(xs)
    index = idx if idx is not None else np.arange(len(x))
    classes, name = _dataset_meta(loader.dataset)
    return Probe(x, np.concatenate(ys).astype(np.int64), index[: len(x)], classes, name)


def as_probe(probe, *, labels=None, indices=None) -> Probe:
    """Accept tensors, (inputs, labels), (Dataset, indices), a Subset or a DataLoader.

    Parameters
    ----------
    probe
        ``torch.Tensor`` or ``numpy.ndarray`` of inputs (then ``labels=`` is required);
        ``(inputs, labels)``; ``(dataset, indices)``; a ``torch.utils.data.Dataset``
        (all of it, or ``indices=``); a ``Subset``; or a non-shuffling ``DataLoader``.
    labels
        Labels for tensor inputs.
    indices
        Dataset indices: which items of a Dataset probe to use; for tensor inputs, the
        dataset index of each row (kept as the ``sample_index`` coordinate).
    """
    if isinstance(probe, Probe):
        return probe
    if isinstance(probe, DataLoader):
        return _from_loader(probe)
    if isinstance(probe, tuple) and len(probe) == 2 and isinstance(probe[0], Dataset):
        probe, indices = probe
    if isinstance(probe, Dataset):
        base, sub = _subset_indices(probe)
        size = len(probe)  # type: ignore[arg-type]  # map-style datasets have a length
        idx = np.arange(size) if indices is None else np.asarray(indices, dtype=np.int64)
        x, y = _stack_items(probe, idx)
        classes, name = _dataset_meta(probe)
        own = getattr(base, "indices", None)  # a dataset that knows its items' source indices
        if sub is not None:
            index = sub[idx]
        elif own is not None and len(own) == size:
            index = np.asarray(own, dtype=np.int64)[idx]
        else:
            index = idx
        return Probe(x, y, index, classes, name)
    if isinstance(probe, tuple) and len(probe) == 2:
        probe, labels = probe
    if isinstance(probe, (torch.Tensor, np.ndarray)):
        x = torch.as_tensor(probe).detach().cpu()
        if labels is None:
            raise ValueError(
                "the probe has no labels; pass probe=(inputs, labels) or labels=... "
                "(labels define the class groups of the hypercube)"
            )
        y = np.asarray(labels.cpu() if torch.is_tensor(labels) else labels, dtype=np.int64)
        if y.shape != (len(x),):
            raise ValueError(f"{len(x)} probe inputs but labels of shape {y.shape}")
        index = np.arange(len(x)) if indices is None else np.asarray(indices, dtype=np.int64)
        if index.shape != (len(x),):
            raise ValueError(f"{len(x)} probe inputs but indices of shape {index.shape}")
        return Probe(x, y, index.astype(np.int64))
    raise TypeError(
        f"cannot use a {type(probe).__name__} as a probe; pass a tensor with labels=, "
        "(inputs, labels), (dataset, indices), a Subset or a DataLoader with shuffle=False"
    )


def iterate_eval(data, batch_size: int) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Yield (inputs, labels) batches from a DataLoader, Dataset, Probe or (x, y)."""
    if isinstance(data, DataLoader):
        for batch in data:
            yield batch[0], torch.as_tensor(batch[1])
        return
    p = as_probe(data)
    y = torch.as_tensor(p.labels)
    for start in range(0, len(p), batch_size):
        yield p.x[start : start + batch_size], y[start : start + batch_size]
