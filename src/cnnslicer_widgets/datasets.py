"""MNIST and CIFAR-10 loaders: torchvision, offline copies, and an embedded MNIST subset.

Every loader returns an :class:`ImageDataset`: all images in memory as uint8
``(N, C, H, W)``, with ``.targets``, ``.classes``, ``.name`` and ``.source`` (which of the
places below it came from) and ``.path`` (the folder or file read).

Where a loader looks, in order (``source="auto"``):

1. **torchvision** (``source="torchvision"``): ``torchvision.datasets.MNIST`` / ``CIFAR10``
   in each search folder with ``download=False``; then, only when ``download=True``, a
   torchvision download into the first search folder. The search folders are ``root=``
   when given (and nothing else), otherwise ``$CNNSLICER_DATA``, the user cache folder
   (``~/.cache/cnnslicer_widgets/datasets``) and ``../shared/datasets`` next to the project
   root (the offline copies this project is built and tested with; MNIST there is in
   torchvision layout, ``MNIST/raw/``).
2. **npz** (CIFAR-10 only, ``source="npz"``): ``cifar10/cifar10_subset.npz`` in a search
   folder, or ``root=`` naming the ``.npz`` file itself. torchvision's CIFAR10 checks the md5
   sums of the original batches and cannot read such a subset.
3. **embedded** (MNIST only, ``source="embedded"``): 2,000 training and 500 test images of
   real MNIST, 200 / 50 per class, shipped in the package (``_data/mnist_subset.npz``).
   The demo's default.

Nothing touches the network unless ``download=True``. When nothing is found the error lists
every place looked at and how to fix it.

Normalisation: an item is ``(image, label)`` with ``image`` a float32 tensor
``(C, H, W)`` equal to the uint8 pixels divided by 255, so in [0, 1]; no mean/std
standardisation is applied (pass ``transform=`` for that), so recorded input maps and
deconvnet projections live in pixel units.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

__all__ = [
    "ENV_VAR",
    "EMBEDDED_MNIST",
    "ImageDataset",
    "balanced_indices",
    "balanced_subset",
    "data_loader",
    "load_cifar10",
    "load_dataset",
    "load_mnist",
    "search_folders",
    "to_tensors",
]

ENV_VAR = "CNNSLICER_DATA"
EMBEDDED_MNIST = Path(__file__).with_name("_data") / "mnist_subset.npz"
MNIST_CLASSES = tuple(str(d) for d in range(10))
CIFAR10_CLASSES = tuple("airplane automobile bird cat deer dog frog horse ship truck".split())
CIFAR10_NPZ = Path("cifar10") / "cifar10_subset.npz"
_SOURCES = {"mnist": ("auto", "torchvision", "embedded"), "cifar10": ("auto", "torchvision", "npz")}


@dataclass(repr=False, eq=False)
class ImageDataset(Dataset):
    """Images held in memory; items are ``(float32 image in [0, 1], int label)``.

    Parameters
    ----------
    data, targets : torch.Tensor
        uint8 images (N, C, H, W) and int64 labels (N,).
    classes : sequence of str
        Class names; ``classes[label]`` names a label.
    name, source : str
        Dataset name ("MNIST", "CIFAR10") and where it came from
        ("torchvision", "npz" or "embedded").
    path : Path, optional
        Folder or file that was read.
    train : bool
        Training or test split.
    indices : torch.Tensor, optional
        Position of each item in the dataset it was taken from (default ``arange(N)``);
        kept by :meth:`subset`, so a probe can name its dataset indices.
    transform : callable, optional
        Applied to each float image in ``__getitem__``.

    Examples
    --------
    >>> ds = load_mnist(source="embedded", train=False)
    >>> x, y = ds[0]
    >>> tuple(x.shape), x.dtype, float(x.min()) >= 0.0, float(x.max()) <= 1.0, ds.classes[y]
    ((1, 28, 28), torch.float32, True, True, '7')
    """

    data: torch.Tensor
    targets: torch.Tensor
    classes: Sequence[str]
    name: str
    source: str
    path: Path | None = None
    train: bool = True
    indices: torch.Tensor | None = None
    transform: Callable[[torch.Tensor], torch.Tensor] | None = None

    def __post_init__(self) -> None:
        if self.data.dtype != torch.uint8 or self.data.ndim != 4:
            raise ValueError(
                f"data must be uint8 (N, C, H, W), got {self.data.dtype} {tuple(self.data.shape)}"
            )
        self.targets = torch.as_tensor(self.targets, dtype=torch.int64)
        self.classes = list(self.classes)
        self.indices = (
            torch.arange(len(self.data)) if self.indices is None else torch.as_tensor(self.indices)
        )

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, int]:
        x = self.data[i].to(torch.float32) / 255.0
        if self.transform is not None:
            x = self.transform(x)
        return x, int(self.targets[i])

    def __getitems__(self, indices: Sequence[int]) -> list[tuple[torch.Tensor, int]]:
        """The items at ``indices`` (what a DataLoader fetches for a batch), converted in one
        vectorised step instead of one Python call per image; equal to ``[self[i] ...]``."""
        if self.transform is not None:
            return [self[int(i)] for i in indices]
        pos = torch.as_tensor(np.asarray(indices, dtype=np.int64))
        x = self.data[pos].to(torch.float32) / 255.0
        return list(zip(x, self.targets[pos].tolist(), strict=True))

    def subset(self, positions: Sequence[int] | np.ndarray | torch.Tensor) -> ImageDataset:
        """A new dataset of the items at ``positions``, keeping names and dataset indices."""
        pos = torch.as_tensor(np.asarray(positions, dtype=np.int64))
        assert self.indices is not None  # set in __post_init__
        return replace(
            self, data=self.data[pos], targets=self.targets[pos], indices=self.indices[pos]
        )

    def __repr__(self) -> str:
        split = "train" if self.train else "test"
        where = f" at {self.path}" if self.path is not None else ""
        return (
            f"ImageDataset({self.name} {split}, {len(self)} images "
            f"{tuple(self.data.shape[1:])}, source={self.source!r}{where})"
        )


def _project_roots() -> list[Path]:
    """Folders holding a pyproject.toml above this file and above the working directory."""
    roots = []
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if (folder / "pyproject.toml").is_file():
                roots.append(folder)
                break
    return roots


def search_folders(*, root: str | os.PathLike | None = None) -> list[Path]:
    """The folders a loader searches, in order.

    ``[root]`` when ``root`` is given; otherwise ``$CNNSLICER_DATA`` (if set), the user
    cache folder and ``../shared/datasets`` next to the project root.

    Examples
    --------
    >>> search_folders(root="/data")
    [PosixPath('/data')]
    """
    if root is not None:
        return [Path(root).expanduser()]
    folders = []
    if os.environ.get(ENV_VAR):
        folders.append(Path(os.environ[ENV_VAR]).expanduser())
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folders.append(cache / "cnnslicer_widgets" / "datasets")
    folders += [(p.parent / "shared" / "datasets").resolve() for p in _project_roots()]
    return list(dict.fromkeys(folders))


def _from_torchvision(name: str, tv_dataset) -> ImageDataset:
    data = torch.as_tensor(np.asarray(tv_dataset.data))
    data = data.unsqueeze(1) if data.ndim == 3 else data.permute(0, 3, 1, 2)  # MNIST / CIFAR
    classes = MNIST_CLASSES if name == "MNIST" else tv_dataset.classes
    return ImageDataset(
        data.contiguous(),
        torch.as_tensor(np.asarray(tv_dataset.targets)),
        classes=classes,
        name=name,
        source="torchvision",
        path=Path(tv_dataset.root),
        train=tv_dataset.train,
    )


def _from_npz(name: str, path: Path, *, train: bool, source: str) -> ImageDataset:
    split = "train" if train else "test"
    with np.load(path) as npz:
        x, y = npz[f"x_{split}"], npz[f"y_{split}"]
        names = [str(c) for c in npz["classes"]] if "classes" in npz else None
    data = torch.from_numpy(np.ascontiguousarray(x))
    data = data.unsqueeze(1) if data.ndim == 3 else data
    classes = names or list(MNIST_CLASSES if name == "MNIST" else CIFAR10_CLASSES)
    return ImageDataset(
        data,
        torch.from_numpy(y.astype(np.int64)),
        classes=classes,
        name=name,
        source=source,
        path=path,
        train=train,
    )


def _try_torchvision(name, folders, *, train, download, looked) -> ImageDataset | None:
    import torchvision.datasets as tvd

    cls = tvd.MNIST if name == "MNIST" else tvd.CIFAR10
    for folder in folders:
        try:
            return _from_torchvision(name, cls(str(folder), train=train, download=False))
        except RuntimeError:
            looked.append(f"torchvision {name} in {folder}: not found")
    if download:
        target = folders[0]
        try:
            return _from_torchvision(name, cls(str(target), train=train, download=True))
        except Exception as err:  # any network or file error: reported, then offline copies
            looked.append(
                f"torchvision download into {target}: failed ({type(err).__name__}: {err})"
            )
            warnings.warn(f"{name} download failed ({err}); trying offline copies", stacklevel=3)
    return None


def _check_source(key: str, source: str) -> None:
    if source not in _SOURCES[key]:
        raise ValueError(f"source must be one of {_SOURCES[key]}, got {source!r}")


def _not_found(name: str, train: bool, looked: list[str]) -> FileNotFoundError:
    split = "train" if train else "test"
    places = "\n".join(f"  - {place}" for place in looked)
    return FileNotFoundError(
        f"{name} ({split}) not found. Looked at:\n{places}\nTo fix: pass download=True "
        f"(needs internet) to fetch it with torchvision, set {ENV_VAR}=/path/to/datasets (a "
        f"folder holding MNIST/raw/ or {CIFAR10_NPZ}), or pass root=... to the loader."
    )


def load_mnist(
    *,
    train: bool = True,
    root: str | os.PathLike | None = None,
    download: bool = False,
    source: str = "auto",
    transform: Callable[[torch.Tensor], torch.Tensor] | None = None,
) -> ImageDataset:
    """Load MNIST: torchvision (search folders, then download if asked), else the embedded subset.

    Parameters
    ----------
    train : bool
        Training split (default) or test split.
    root : path, optional
        The only folder to search (and to download into); default: :func:`search_folders`.
    download : bool
        Let torchvision download MNIST when no folder holds it (needs internet).
    source : {"auto", "torchvision", "embedded"}
        "auto" tries torchvision, then the embedded 2,000/500-image subset;
        "torchvision" never falls back; "embedded" reads only the embedded subset.
    transform : callable, optional
        Applied to each float image (C, H, W) in [0, 1].

    Returns
    -------
    ImageDataset
        ``.source`` is "torchvision" or "embedded"; ``.classes`` are "0".."9".

    Raises
    ------
    FileNotFoundError
        Nothing found; the message lists the places looked at and the fixes.

    Examples
    --------
    >>> ds = load_mnist(source="embedded")
    >>> len(ds), ds.source, ds.classes[:3]
    (2000, 'embedded', ['0', '1', '2'])
    """
    _check_source("mnist", source)
    looked: list[str] = []
    if source in ("auto", "torchvision"):
        folders = search_folders(root=root)
        found = _try_torchvision("MNIST", folders, train=train, download=download, looked=looked)
        if found is not None:
            found.transform = transform
            return found
    if source in ("auto", "embedded"):
        if EMBEDDED_MNIST.is_file():
            ds = _from_npz("MNIST", EMBEDDED_MNIST, train=train, source="embedded")
            ds.transform = transform
            return ds
        looked.append(f"embedded subset {EMBEDDED_MNIST}: missing (broken install?)")
    raise _not_found("MNIST", train, looked)


def load_cifar10(
    *,
    train: bool = True,
    root: str | os.PathLike | None = None,
    download: bool = False,
    source: str = "auto",
    transform: Callable[[torch.Tensor], torch.Tensor] | None = None,
) -> ImageDataset:
    """Load CIFAR-10: torchvision (search folders, then download if asked), else an offline npz.

    Parameters
    ----------
    train : bool
        Training split (default) or test split.
    root : path, optional
        The only folder to search (and to download into), or an ``.npz`` file with
        ``x_train`` (N, 3, 32, 32) uint8, ``y_train``, ``x_test``, ``y_test``, ``classes``.
    download : bool
        Let torchvision download CIFAR-10 when no folder holds it (needs internet).
    source : {"auto", "torchvision", "npz"}
        "auto" tries torchvision, then ``cifar10/cifar10_subset.npz`` in the search folders.
    transform : callable, optional
        Applied to each float image (C, H, W) in [0, 1].

    Raises
    ------
    FileNotFoundError
        Nothing found; the message lists the places looked at and the fixes.

    Examples
    --------
    >>> ds = load_cifar10(train=False, source="npz")  # the offline ../shared subset
    >>> ds.source, tuple(ds.data.shape[1:]), ds.classes[:2]
    ('npz', (3, 32, 32), ['airplane', 'automobile'])
    """
    _check_source("cifar10", source)
    looked: list[str] = []
    is_file = root is not None and Path(root).suffix == ".npz"
    folders = search_folders(root=None if is_file else root)
    found = None
    if source in ("auto", "torchvision") and not is_file:
        found = _try_torchvision("CIFAR10", folders, train=train, download=download, looked=looked)
    if found is None and source in ("auto", "npz"):
        paths = (
            [Path(root)]  # type: ignore[arg-type]  # is_file: root is a path
            if is_file
            else [f / n for f in folders for n in (CIFAR10_NPZ, CIFAR10_NPZ.name)]
        )
        for path in paths:
            if path.is_file():
                found = _from_npz("CIFAR10", path, train=train, source="npz")
                break
            looked.append(f"npz subset {path}: not found")
    if found is None:
        raise _not_found("CIFAR10", train, looked)
    found.transform = transform
    return found


def load_dataset(name: str, **kwargs) -> ImageDataset:
    """Load a dataset by name ("mnist" or "cifar10"); keyword arguments go to its loader.

    Examples
    --------
    >>> load_dataset("mnist", source="embedded", train=False).name
    'MNIST'
    """
    loaders = {"mnist": load_mnist, "cifar10": load_cifar10, "cifar-10": load_cifar10}
    key = name.lower()
    if key not in loaders:
        raise ValueError(f"unknown dataset {name!r} (known: mnist, cifar10)")
    return loaders[key](**kwargs)


def balanced_indices(
    targets: Sequence[int] | np.ndarray | torch.Tensor,
    n_per_class: int,
    *,
    seed: int | None = None,
) -> np.ndarray:
    """Positions of ``n_per_class`` items of every class, sorted.

    With ``seed=None`` the first ``n_per_class`` of each class in dataset order are taken;
    with an integer seed a seeded random choice within each class.

    Examples
    --------
    >>> balanced_indices([0, 1, 0, 1, 1, 0], 2)
    array([0, 1, 2, 3])
    """
    y = np.asarray(targets)
    rng = None if seed is None else np.random.default_rng(seed)
    picks = []
    for c in np.unique(y):
        where = np.flatnonzero(y == c)
        if len(where) < n_per_class:
            raise ValueError(
                f"class {c} has only {len(where)} items, fewer than n_per_class={n_per_class}"
            )
        picks.append(
            where[:n_per_class] if rng is None else rng.choice(where, n_per_class, replace=False)
        )
    return np.sort(np.concatenate(picks))


def balanced_subset(
    dataset: ImageDataset, n_per_class: int, *, seed: int | None = None
) -> ImageDataset:
    """A class-balanced subset: ``n_per_class`` items of every class (see :func:`balanced_indices`).

    Examples
    --------
    >>> sub = balanced_subset(load_mnist(source="embedded"), 10, seed=0)
    >>> len(sub), sub.targets.bincount().tolist() == [10] * 10
    (100, True)
    """
    return dataset.subset(balanced_indices(dataset.targets, n_per_class, seed=seed))


def to_tensors(dataset: Dataset) -> tuple[torch.Tensor, torch.Tensor]:
    """All items as ``(x, y)``: x float32 (N, C, H, W) in [0, 1] (or transformed), y int64.

    Works for any dataset of ``(image, label)`` items; an :class:`ImageDataset` without a
    transform is converted in one vectorised step.

    Examples
    --------
    >>> x, y = to_tensors(balanced_subset(load_mnist(source="embedded"), 2))
    >>> tuple(x.shape), x.dtype, y.bincount().tolist()
    ((20, 1, 28, 28), torch.float32, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2])
    """
    if isinstance(dataset, ImageDataset) and dataset.transform is None:
        return dataset.data.to(torch.float32) / 255.0, dataset.targets.clone()
    xs, ys = zip(*(dataset[i] for i in range(len(dataset))), strict=True)  # type: ignore[arg-type]
    return torch.stack(xs), torch.as_tensor(ys, dtype=torch.int64)


def data_loader(
    dataset: Dataset, *, batch_size: int = 64, shuffle: bool = True, seed: int = 0
) -> DataLoader:
    """A DataLoader whose shuffling order is fixed by ``seed`` (reproducible runs).

    Examples
    --------
    >>> xb, yb = next(iter(data_loader(load_mnist(source="embedded"), batch_size=8)))
    >>> tuple(xb.shape), yb.dtype
    ((8, 1, 28, 28), torch.int64)
    """
    generator = torch.Generator().manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, generator=generator)
