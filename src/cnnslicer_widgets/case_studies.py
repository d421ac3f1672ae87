"""The case studies' training runs: train, record, and reuse a store that is already complete.

At the paper's scale the runs take hours on a CPU, so they run once from the command line
and the notebooks read the stores they leave (the same functions, so a notebook run with
the runs already present trains nothing)::

    cnnslicer case-study mnist --out runs --epochs 150 --seeds 0 1 2
    cnnslicer case-study cifar10 --out runs --epochs 120 --every 10 --seeds 0 1 2

- :func:`mnist_size_run`: the LeNet of paper Fig. 5-7 trained on ``per_class`` images of
  every class (a seeded balanced sample), plain SGD; every epoch recorded: the logits of a
  small test probe, the loss, and the confusion matrix on the whole test split.
- :func:`cifar_run`: the 11-layer VGG-style model of paper Fig. 8-15, SGD with momentum;
  every layer of a test probe, the weights and the test confusion matrix every ``every``
  epochs.

The seed chooses the training sample, the initial weights and the batch order together, so
runs with different seeds give the spread of a result over training runs. Next to each
store, ``<store>.json`` records what was run and how long it took (:func:`run_info`).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

__all__ = [
    "cifar_run",
    "cifar_run_path",
    "mnist_run_path",
    "mnist_size_run",
    "run_info",
    "write_run_info",
]


def mnist_run_path(out: str | Path, per_class: int, seed: int) -> Path:
    """Where :func:`mnist_size_run` writes its store.

    Examples
    --------
    >>> mnist_run_path("runs", 100, 0).as_posix()
    'runs/mnist_100_per_class_seed0.h5'
    """
    return Path(out) / f"mnist_{per_class}_per_class_seed{seed}.h5"


def cifar_run_path(out: str | Path, seed: int) -> Path:
    """Where :func:`cifar_run` writes its store.

    Examples
    --------
    >>> cifar_run_path("runs", 2).as_posix()
    'runs/cifar10_vgg11_seed2.h5'
    """
    return Path(out) / f"cifar10_vgg11_seed{seed}.h5"


def run_info(path: str | Path) -> dict:
    """What :func:`mnist_size_run` or :func:`cifar_run` wrote beside a store ({} if nothing).

    Keys: ``seconds`` (training and recording wall time), ``threads``, ``parameters``, and
    ``stopped_at`` for a run stopped on purpose (Ctrl-C) before its last epoch.
    """
    side = Path(f"{path}.json")
    return json.loads(side.read_text()) if side.is_file() else {}


def _complete(path: Path, parameters: dict) -> bool:
    """The store exists, was made with these parameters, and holds every scheduled epoch --
    or was stopped on purpose (Ctrl-C) after its last recorded epoch ``stopped_at``."""
    info = run_info(path)
    if not path.is_file() or info.get("parameters") != parameters:
        return False
    from cnnslicer_widgets.cube import open_cube

    try:
        cube = open_cube(path)
    except (OSError, ValueError):
        return False
    try:
        last = info.get("stopped_at", parameters["epochs"])
        return bool(cube.epochs) and cube.epochs[-1] == last and cube.finished
    finally:
        cube.close()


def write_run_info(path: str | Path, parameters: dict, *, seconds: float | None,
                   threads: int | None = None, stopped_at: int | None = None) -> None:
    """Write ``<store>.json``: the run's parameters, its wall time and, for a run stopped on
    purpose before its last epoch, ``stopped_at`` (its last recorded epoch)."""
    info = {"seconds": None if seconds is None else round(seconds, 1), "threads": threads,
            "parameters": parameters}
    if stopped_at is not None:
        info["stopped_at"] = int(stopped_at)
    Path(f"{path}.json").write_text(json.dumps(info, indent=1))


def _train(path, parameters, build, *, progress: bool) -> Path:
    """Run ``build()`` -> (recorder, step) for each epoch unless the store is complete.

    Ctrl-C (KeyboardInterrupt) stops the run: the store keeps its recorded epochs and is
    closed, ``stopped_at`` in ``<store>.json`` marks it complete as it is, and the interrupt
    goes on to the caller."""
    import torch
    from tqdm.auto import tqdm

    path = Path(path)
    if _complete(path, parameters):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    Path(f"{path}.json").unlink(missing_ok=True)
    t0 = time.perf_counter()
    recorder, step = build()
    try:
        with recorder as rec:
            for epoch in tqdm(range(1, parameters["epochs"] + 1), desc=path.stem,
                              disable=not progress):
                rec.epoch_end(epoch, loss=step())
    except KeyboardInterrupt:
        if recorder.recorded_epochs:
            write_run_info(path, parameters, seconds=time.perf_counter() - t0,
                           threads=torch.get_num_threads(),
                           stopped_at=max(recorder.recorded_epochs))
        raise
    write_run_info(path, parameters, seconds=time.perf_counter() - t0,
                   threads=torch.get_num_threads())
    return path


def mnist_size_run(
    train,
    test,
    per_class: int,
    *,
    seed: int = 0,
    epochs: int = 150,
    lr: float = 0.01,
    batch_size: int = 64,
    probe_per_class: int = 10,
    out: str | Path = "runs",
    progress: bool = False,
) -> Path:
    """Train the MNIST LeNet on ``per_class`` images of every class; return its store.

    Parameters
    ----------
    train, test : ImageDataset
        MNIST splits (:func:`~cnnslicer_widgets.datasets.load_mnist`).
    per_class : int
        Training images per class, a seeded balanced sample of ``train``.
    seed : int
        Seeds the sample, the initial weights and the batch order.
    epochs, lr, batch_size : int, float, int
        Plain SGD for ``epochs`` epochs (every epoch recorded).
    probe_per_class : int
        Test images per class whose logits are recorded.
    out : path
        Folder of the store (:func:`mnist_run_path`).
    progress : bool
        A progress bar over epochs.

    Returns
    -------
    Path
        The store; when it already holds every epoch of a run with these parameters it is
        returned as it is, without training.

    Examples
    --------
    >>> import tempfile
    >>> from cnnslicer_widgets.datasets import load_mnist
    >>> train, test = load_mnist(source="embedded"), load_mnist(source="embedded", train=False)
    >>> path = mnist_size_run(train, test, 5, epochs=1, out=tempfile.mkdtemp())
    >>> path.name, sorted(run_info(path))
    ('mnist_5_per_class_seed0.h5', ['parameters', 'seconds', 'threads'])
    """
    parameters = {"study": "mnist", "per_class": per_class, "seed": seed, "epochs": epochs,
                  "lr": lr, "batch_size": batch_size, "probe_per_class": probe_per_class,
                  "train_size": len(train), "optimizer": "SGD"}

    def build():
        import torch

        from cnnslicer_widgets.datasets import balanced_subset, data_loader
        from cnnslicer_widgets.models import default_device, mnist_lenet, train_epoch
        from cnnslicer_widgets.record import Recorder

        model = mnist_lenet(seed=seed).to(default_device())
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        loader = data_loader(balanced_subset(train, per_class, seed=seed),
                             batch_size=batch_size, seed=seed)
        rec = Recorder(model, balanced_subset(test, probe_per_class), path, epochs=epochs,
                       layers=["fc2"], eval_data=test, weights=False, overwrite=True,
                       dataset_name=f"MNIST {per_class}/class, seed {seed}", progress=False,
                       verbose=False)
        return rec, lambda: train_epoch(model, loader, opt)

    path = mnist_run_path(out, per_class, seed)
    return _train(path, parameters, build, progress=progress)


def cifar_run(
    train,
    test,
    *,
    seed: int = 0,
    epochs: int = 120,
    every: int = 10,
    lr: float = 0.01,
    batch_size: int = 64,
    probe_per_class: int = 50,
    out: str | Path = "runs",
    progress: bool = False,
) -> Path:
    """Train the CIFAR-10 VGG-style model on ``train`` and record every layer; return the store.

    Parameters
    ----------
    train, test : ImageDataset
        CIFAR-10 splits (:func:`~cnnslicer_widgets.datasets.load_cifar10`); all of
        ``train`` is used.
    seed : int
        Seeds the initial weights and the batch order.
    epochs, every : int
        Train ``epochs`` epochs, record epochs 0, every, 2 every, ... and the last.
    lr, batch_size : float, int
        SGD with momentum 0.9.
    probe_per_class : int
        Test images per class recorded (the probe; the first of each class).
    out : path
        Folder of the store (:func:`cifar_run_path`).
    progress : bool
        A progress bar over epochs.

    Returns
    -------
    Path
        The store (returned without training when a complete one with these parameters
        exists).
    """
    parameters = {"study": "cifar10", "seed": seed, "epochs": epochs, "every": every, "lr": lr,
                  "batch_size": batch_size, "probe_per_class": probe_per_class,
                  "train_size": len(train), "optimizer": "SGD momentum 0.9"}

    def build():
        import torch

        from cnnslicer_widgets.datasets import balanced_subset, data_loader
        from cnnslicer_widgets.models import (
            case_study_layers,
            cifar_vgg11,
            default_device,
            train_epoch,
        )
        from cnnslicer_widgets.record import Recorder

        model = cifar_vgg11(seed=seed).to(default_device())
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
        loader = data_loader(train, batch_size=batch_size, seed=seed)
        rec = Recorder(model, balanced_subset(test, probe_per_class), path, epochs=epochs,
                       every=every, layers=case_study_layers(model), eval_data=test,
                       dataset_name=f"CIFAR-10, seed {seed}", overwrite=True, progress=False,
                       verbose=False)
        return rec, lambda: train_epoch(model, loader, opt)

    path = cifar_run_path(out, seed)
    return _train(path, parameters, build, progress=progress)
