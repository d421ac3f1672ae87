"""Build ``mnist_subset.npz``, the small real MNIST subset shipped inside the package.

The embedded subset is the demo's default data and the last fallback of
:func:`cnnslicer_widgets.datasets.load_mnist` when no other copy of MNIST is found.
It holds the first ``N_TRAIN // 10`` images of every class of the offline MNIST
training file and the first ``N_TEST // 10`` of every class of the offline test file
(``../shared/datasets/MNIST/raw``, a shuffled 10,000-digit sample of MNIST, LeCun,
Cortes & Burges, CC BY-SA 3.0), in file order, as uint8.

Run once from the project root (numpy only, no torch)::

    python src/cnnslicer_widgets/_data/make_mnist_subset.py [RAW_DIR]

Arrays in the file: ``x_train`` (N, 28, 28) uint8, ``y_train`` (N,) uint8, ``x_test``,
``y_test``, ``classes`` (10,) str, ``source_index_train`` / ``source_index_test``
(positions in the raw files the images came from) and ``provenance`` (a sentence).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

N_TRAIN = 2000
N_TEST = 500
OUT = Path(__file__).with_name("mnist_subset.npz")
DEFAULT_RAW = Path(__file__).resolve().parents[3] / ".." / "shared" / "datasets" / "MNIST" / "raw"


def read_idx(path: Path) -> np.ndarray:
    """Read an IDX file (the MNIST format: magic, dims as big-endian int32, uint8 data)."""
    raw = path.read_bytes()
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def first_per_class(labels: np.ndarray, n_per_class: int) -> np.ndarray:
    """Positions of the first ``n_per_class`` items of every class, in file order."""
    keep = np.concatenate([np.flatnonzero(labels == c)[:n_per_class] for c in range(10)])
    return np.sort(keep)


def main(raw_dir: Path = DEFAULT_RAW) -> Path:
    arrays: dict[str, np.ndarray] = {}
    for split, prefix, n in (("train", "train", N_TRAIN), ("test", "t10k", N_TEST)):
        images = read_idx(raw_dir / f"{prefix}-images-idx3-ubyte")
        labels = read_idx(raw_dir / f"{prefix}-labels-idx1-ubyte")
        keep = first_per_class(labels, n // 10)
        arrays[f"x_{split}"] = np.ascontiguousarray(images[keep])
        arrays[f"y_{split}"] = labels[keep].astype(np.uint8)
        arrays[f"source_index_{split}"] = keep.astype(np.int32)
    np.savez_compressed(
        OUT,
        **arrays,  # type: ignore[arg-type]
        classes=np.array([str(d) for d in range(10)]),
        provenance=np.array(
            f"First {N_TRAIN // 10} train / {N_TEST // 10} test images per class of the "
            "10,000-digit offline MNIST sample (MNIST: LeCun, Cortes, Burges; CC BY-SA 3.0)."
        ),
    )
    return OUT


if __name__ == "__main__":
    out = main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_RAW)
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
