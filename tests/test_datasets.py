"""Dataset loaders on real files: the ../shared offline copies and the embedded MNIST subset."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from cnnslicer_widgets import datasets as ds
from cnnslicer_widgets.datasets import (
    EMBEDDED_MNIST,
    balanced_indices,
    balanced_subset,
    data_loader,
    load_cifar10,
    load_dataset,
    load_mnist,
    search_folders,
    to_tensors,
)

SHARED = (Path(__file__).resolve().parents[1].parent / "shared" / "datasets").resolve()
# Class counts of the offline MNIST training file (../shared/datasets/README.md).
SHARED_MNIST_TRAIN_COUNTS = [808, 885, 800, 794, 780, 684, 815, 875, 775, 784]
CIFAR10_CLASSES = "airplane automobile bird cat deer dog frog horse ship truck".split()


@pytest.fixture(autouse=True)
def _isolated_search(monkeypatch, tmp_path):
    """No CNNSLICER_DATA and an empty user cache: only the folders a test sets are searched."""
    monkeypatch.delenv(ds.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_search_folders_default_ends_with_shared_copy(tmp_path):
    folders = search_folders()
    assert folders[0] == tmp_path / "cache" / "cnnslicer_widgets" / "datasets"
    assert SHARED in folders
    assert search_folders(root=tmp_path) == [tmp_path]


def test_mnist_from_shared_copy_through_torchvision():
    train, test = load_mnist(), load_mnist(train=False)
    assert (train.source, train.path, train.train) == ("torchvision", SHARED, True)
    assert (len(train), len(test), test.train) == (8000, 2000, False)
    assert train.targets.bincount().tolist() == SHARED_MNIST_TRAIN_COUNTS
    assert train.classes == [str(d) for d in range(10)]
    assert train.data.dtype == torch.uint8 and tuple(train.data.shape[1:]) == (1, 28, 28)
    assert "torchvision" in repr(train) and "8000 images" in repr(train)


def test_env_var_and_root_are_honoured(monkeypatch, tmp_path):
    shutil.copytree(SHARED / "MNIST", tmp_path / "data" / "MNIST")
    monkeypatch.setenv(ds.ENV_VAR, str(tmp_path / "data"))
    assert search_folders()[0] == tmp_path / "data"
    assert load_mnist(train=False).path == tmp_path / "data"
    monkeypatch.delenv(ds.ENV_VAR)
    assert load_mnist(root=SHARED, source="torchvision").path == SHARED


def test_embedded_subset_is_small_balanced_real_mnist():
    assert EMBEDDED_MNIST.stat().st_size < 1_000_000
    train, test = load_mnist(source="embedded"), load_mnist(source="embedded", train=False)
    assert (train.source, train.path) == ("embedded", EMBEDDED_MNIST)
    assert train.targets.bincount().tolist() == [200] * 10
    assert test.targets.bincount().tolist() == [50] * 10
    # The pixels are those of the offline MNIST files at the recorded positions.
    full = load_mnist(root=SHARED, source="torchvision", train=False)
    with np.load(EMBEDDED_MNIST) as npz:
        where = torch.as_tensor(npz["source_index_test"].astype(np.int64))
    assert torch.equal(test.data, full.data[where])
    assert torch.equal(test.targets, full.targets[where])


def test_embedded_subset_is_rebuilt_identically_by_its_script(tmp_path, monkeypatch):
    script = EMBEDDED_MNIST.with_name("make_mnist_subset.py")
    spec = importlib.util.spec_from_file_location("make_mnist_subset", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path / "rebuilt.npz")
    rebuilt = module.main(SHARED / "MNIST" / "raw")
    with np.load(rebuilt) as new, np.load(EMBEDDED_MNIST) as shipped:
        assert sorted(new.files) == sorted(shipped.files)
        for key in shipped.files:
            np.testing.assert_array_equal(new[key], shipped[key])


def test_fallback_to_embedded_when_root_is_empty(tmp_path):
    found = load_mnist(root=tmp_path)
    assert found.source == "embedded" and len(found) == 2000


def test_clear_error_when_nothing_is_found(tmp_path):
    with pytest.raises(FileNotFoundError) as err:
        load_mnist(root=tmp_path, source="torchvision")
    message = str(err.value)
    for hint in (str(tmp_path), "download=True", ds.ENV_VAR, "root="):
        assert hint in message
    with pytest.raises(FileNotFoundError, match="cifar10_subset.npz"):
        load_cifar10(root=tmp_path)


def test_cifar10_from_offline_npz(tmp_path):
    train, test = load_cifar10(), load_cifar10(train=False)
    assert (train.source, train.path) == ("npz", SHARED / "cifar10" / "cifar10_subset.npz")
    assert (len(train), len(test)) == (4000, 660)
    assert tuple(train.data.shape[1:]) == (3, 32, 32) and train.classes == CIFAR10_CLASSES
    with np.load(train.path) as npz:
        assert torch.equal(test.data, torch.from_numpy(npz["x_test"]))
        assert test.targets.tolist() == npz["y_test"].astype(int).tolist()
    copy = shutil.copy(train.path, tmp_path / "mine.npz")
    assert load_cifar10(root=copy).path == Path(copy)
    assert load_dataset("cifar10", train=False, source="npz").name == "CIFAR10"


def test_unknown_source_and_dataset_are_rejected():
    with pytest.raises(ValueError, match="source must be one of"):
        load_mnist(source="npz")
    with pytest.raises(ValueError, match="unknown dataset"):
        load_dataset("imagenet")
    with pytest.raises(TypeError):
        load_mnist(True)  # options are keyword-only


def test_balanced_indices_first_n_and_seeded():
    y = np.array([0, 1, 1, 0, 2, 2, 1, 0, 2, 0])
    np.testing.assert_array_equal(balanced_indices(y, 2), [0, 1, 2, 3, 4, 5])
    a, b = balanced_indices(y, 2, seed=1), balanced_indices(y, 2, seed=1)
    np.testing.assert_array_equal(a, b)
    assert np.bincount(y[a]).tolist() == [2, 2, 2]
    with pytest.raises(ValueError, match="class 1 has only 3"):
        balanced_indices(y, 4)


def test_balanced_subset_of_real_mnist_keeps_dataset_indices():
    full = load_mnist(source="embedded")
    sub = balanced_subset(full, 7, seed=3)
    assert sub.targets.bincount().tolist() == [7] * 10
    assert torch.equal(sub.data, full.data[sub.indices])
    assert not torch.equal(sub.indices, balanced_subset(full, 7, seed=4).indices)
    nested = balanced_subset(sub, 2)  # indices still point into the full dataset
    assert torch.equal(nested.data, full.data[nested.indices])


def test_to_tensors_normalises_to_unit_interval():
    sub = balanced_subset(load_mnist(source="embedded", train=False), 3)
    x, y = to_tensors(sub)
    assert x.dtype == torch.float32 and y.dtype == torch.int64
    assert float(x.min()) == 0.0 and float(x.max()) == 1.0
    torch.testing.assert_close(x, sub.data.float() / 255.0)
    item, label = sub[4]
    torch.testing.assert_close(item, x[4])
    assert label == int(y[4])
    sub.transform = lambda img: 2 * img - 1  # the slow path of any (image, label) dataset
    x2, y2 = to_tensors(sub)
    torch.testing.assert_close(x2, 2 * x - 1)
    assert torch.equal(y2, y)


def test_data_loader_order_is_fixed_by_seed():
    data = balanced_subset(load_mnist(source="embedded"), 5)
    first = [yb for _, yb in data_loader(data, batch_size=16, seed=7)]
    again = [yb for _, yb in data_loader(data, batch_size=16, seed=7)]
    assert all(torch.equal(a, b) for a, b in zip(first, again, strict=True))
    assert sorted(torch.cat(first).tolist()) == sorted(data.targets.tolist())


def test_package_import_does_not_import_torch():
    code = "import sys, cnnslicer_widgets; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_batched_items_equal_single_items_and_keep_the_loader_order():
    from cnnslicer_widgets.datasets import data_loader, load_mnist

    images = load_mnist(source="embedded").subset(range(300))
    pairs = images.__getitems__([5, 0, 299])
    for (x, y), i in zip(pairs, [5, 0, 299], strict=True):
        assert torch.equal(x, images[i][0]) and y == images[i][1]

    class OneByOne(torch.utils.data.Dataset):  # the same items without __getitems__
        def __len__(self):
            return len(images)

        def __getitem__(self, i):
            return images[i]

    batched = list(data_loader(images, batch_size=64, seed=3))
    single = list(torch.utils.data.DataLoader(
        OneByOne(), batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(3)))
    assert len(batched) == len(single) == 5
    for (xa, ya), (xb, yb) in zip(batched, single, strict=True):
        assert torch.equal(xa, xb) and torch.equal(ya, yb)
