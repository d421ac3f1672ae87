"""The cube's dask arrays: chunks aligned with the store's, reading on a dask.distributed
cluster of separate processes, per-file identity of read handles, read errors named."""

from __future__ import annotations

import logging
import pickle
import shutil

import dask.array as da
import h5py
import numpy as np
import pytest

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.store import StoreReadError, StoreReplacedError
from cnnslicer_widgets.store import reader as _cube_store


@pytest.fixture(scope="session")
def cluster():
    """Two worker processes with one thread and a small memory limit each."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  memory_limit="400MiB", dashboard_address=None,
                                  silence_logs=logging.ERROR) as c:
        yield c


def _store_chunks(path, name: str) -> tuple:
    with h5py.File(path, "r") as f:
        ds = f[name]
        return da.core.normalize_chunks(ds.chunks, ds.shape)


def test_cube_chunks_equal_store_chunks(mnist_run):
    cube = open_cube(mnist_run)
    for lay in cube.layer_info[1:]:
        want = _store_chunks(mnist_run, f"layers/{lay.name}/activation")
        assert cube[lay.name].chunks == want, lay.name
    inp = _store_chunks(mnist_run, "layers/input/activation")
    assert cube["input"].chunks[1:] == inp
    # contiguous selections stay slices: chunks are cut, never regrouped
    sub = cube.sel(layer="0", epoch=[1, 2], x=slice(50, 150), channel=[2, 3, 4])["0"]
    full = _store_chunks(mnist_run, "layers/0/activation")
    assert sub.chunks[0] == (1, 1) and sub.chunks[2] == (1, 1, 1) and sub.chunks[3:] == full[3:]
    assert sum(sub.chunks[1]) == 100 and max(sub.chunks[1]) <= max(full[1])


def test_h5array_pickles_and_reads_the_same(mnist_run):
    cube = open_cube(mnist_run)
    arr = cube["3"].data
    (source,) = [v for v in arr.dask.values() if isinstance(v, _cube_store.H5Array)]
    again = pickle.loads(pickle.dumps(source))
    np.testing.assert_array_equal(again[1, :5, 2], source[1, :5, 2])
    assert again.ident == source.ident and again.epochs == (0, 1, 2, 3)


def test_distributed_reduction_equals_the_in_memory_one(mnist_run, cluster):
    from distributed import Client

    cube = open_cube(mnist_run)
    act = cube.sel(epoch=[0, 3])["0"].astype("float64")
    want = act.load().mean(["x", "h", "w"]).values  # in memory, in this process
    with Client(cluster) as client:
        got = cube.sel(epoch=[0, 3])["0"].astype("float64").mean(["x", "h", "w"]).compute()
        opened = client.run(lambda: sorted({p for p, _ in _cube_store._FILES}))
        per_class = cube.sel(label=[2, 7])["3"].max(["h", "w"]).compute()
        if not np.allclose(got.values, want, rtol=1e-12, atol=0):  # once in CI: which side?
            again = cube.sel(epoch=[0, 3])["0"].astype("float64").mean(["x", "h", "w"])
            rows = [cube._store.positions[e] for e in (0, 3)]  # read by h5py, no dask
            direct = cube._store.read("layers/0/activation", rows).astype("float64").mean(
                axis=(1, 3, 4))
            pytest.fail(f"distributed {got.values.tolist()}\nin this process {want.tolist()}\n"
                        f"distributed again {again.compute().values.tolist()}\nin this process "
                        f"again {again.compute(scheduler='sync').values.tolist()}\nh5py {direct.tolist()}")
    np.testing.assert_allclose(got.values, want, rtol=1e-12)
    assert got.dims == ("epoch", "channel") and list(got.epoch.values) == [0, 3]
    # the work ran in the worker processes, each opening the file itself
    assert any(str(cube.path) in paths for paths in opened.values()), opened
    np.testing.assert_array_equal(per_class.values,
                                  cube.sel(label=[2, 7])["3"].values.max(axis=(3, 4)))


def test_same_name_stores_stay_apart_and_a_replaced_store_is_refused(mnist_run, tmp_path):
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a_dir.mkdir(), b_dir.mkdir()
    shutil.copy(mnist_run, a_dir / "run.h5")
    shutil.copy(mnist_run, b_dir / "run.h5")
    with h5py.File(b_dir / "run.h5", "r+") as f:
        f["layers/0/activation"][1] = 0  # b differs from a at epoch 1
    a, b = open_cube(a_dir / "run.h5"), open_cube(b_dir / "run.h5")
    diff = (a["0"].astype("f4") - b["0"].astype("f4")).sel(epoch=1)
    assert float(abs(diff).max().compute()) > 0  # one graph, two files: no key clash
    old = a["0"].sel(epoch=1)
    shutil.copy(b_dir / "run.h5", a_dir / "run.new")
    (a_dir / "run.new").replace(a_dir / "run.h5")  # re-recorded over the same path
    np.testing.assert_array_equal(open_cube(a_dir / "run.h5")["0"].sel(epoch=1).values, 0)
    assert old.values.any()  # the open cube still reads the file it opened
    a.close()
    with pytest.raises(StoreReplacedError, match="was replaced after this cube was opened"):
        old.load()


def test_a_damaged_chunk_of_a_complete_epoch_is_named(mnist_run, tmp_path):
    path = tmp_path / "damaged.h5"
    shutil.copy(mnist_run, path)
    with h5py.File(path, "r") as f:
        ds = f["layers/3/activation"]
        info = next(ds.id.get_chunk_info(i) for i in range(ds.id.get_num_chunks())
                    if ds.id.get_chunk_info(i).chunk_offset[:3] == (2, 0, 5))
    data = bytearray(path.read_bytes())
    data[info.byte_offset + 100] ^= 0x10
    path.write_bytes(data)
    cube = open_cube(path)  # the metadata is intact
    assert cube.epochs == [0, 1, 2, 3]
    assert cube["3"].sel(epoch=1).values.shape == (200, 16, 10, 10)  # others read fine
    with pytest.raises(StoreReadError, match=r"reading 'layers/3/activation' at epoch 2 "
                       r"\[0\.\.199, 5\.\.5, 0\.\.9, 0\.\.9\] failed .*damaged"):
        cube["3"].sel(epoch=2).load()
