"""Command line: ``cnnslicer demo`` records a small MNIST run; ``cnnslicer info`` describes one
(``--verify`` also reads every chunk, exit status 2 when any is damaged);
``cnnslicer case-study mnist|cifar10`` trains and records the case studies' runs."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

import numpy as np

from cnnslicer_widgets.store.spec import StoreError

__all__ = ["describe", "main"]


def _size(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


def describe(path: str | Path) -> str:
    """A plain-text summary of a store: metadata, layers, epochs, loss and accuracy."""
    from cnnslicer_widgets.cube import open_cube
    from cnnslicer_widgets.store.plan import layer_bytes

    cube = open_cube(path)
    a = cube.attrs
    labels = cube.labels.values
    counts = np.bincount(labels, minlength=len(cube.classes))
    lines = [
        f"store       {Path(path).resolve()} ({_size(Path(path).stat().st_size)})",
        f"format      {a.get('cnnslicer_format')} (written by cnnslicer_widgets "
        f"{a.get('cnnslicer_version')})",
        f"dataset     {cube.dataset_name or '?'}; classes: {', '.join(cube.classes)}",
        f"model       {a.get('model_class')}; activations stored as {a.get('activation_dtype')}",
        f"probe       {len(labels)} samples; per class: {counts.tolist()}",
        f"epochs      complete: {cube.epochs}" + _unfinished(cube),
        "",
    ]
    # columns as wide as their longest entry (capped), so a long name never shifts a row
    name_w = min(40, max([5] + [len(lay.name) for lay in cube.layer_info]))
    type_w = min(28, max([4] + [len(lay.type) for lay in cube.layer_info]))
    lines.append(f"{'#':>3}  {'layer':<{name_w}} {'type':<{type_w}} {'channels':>8} {'map':>9} "
                 f"{'bytes/epoch':>12}")
    item = np.dtype(a.get("activation_dtype", "float16")).itemsize
    for lay in cube.layer_info:
        c = lay.channels
        nbytes = layer_bytes(lay, len(labels), 4 if lay.name == "input" else item)
        kept = "" if lay.stored == "raw" else f"  ({lay.bins}-bin histograms per map)"
        shown = "x".join(map(str, lay.map_shape))
        lines.append(f"{lay.index:>3}  {lay.name:<{name_w}} {lay.type:<{type_w}.{type_w}} "
                     f"{c:>8} {shown:>9} "
                     f"{_size(nbytes):>12}{kept}")
    lines += ["", f"{'epoch':>5}  {'train loss':>10}  {'eval accuracy':>13}  eval samples"]
    conf = cube.confusion
    for e, loss in zip(cube.epochs, cube.loss.values, strict=True):
        m = conf.sel(epoch=e).values
        acc = np.trace(m) / m.sum() if m.sum() else float("nan")
        loss_s = "-" if np.isnan(loss) else f"{loss:.4f}"
        lines.append(f"{e:>5}  {loss_s:>10}  {acc:>12.1%}  {int(m.sum())}")
    cube.close()
    return "\n".join(lines)


def _unfinished(cube) -> str:
    """How the epochs beyond the complete ones stand: being written, or stopped."""
    alive = cube.writer_alive
    if alive:
        doing = f"; being written now: {cube.incomplete_epochs}" if cube.incomplete_epochs else ""
        return doing + " (a writer is recording this run now)"
    if not cube.incomplete_epochs:
        return ""
    return (f"; incomplete (writer stopped): {cube.incomplete_epochs}; continue it with "
            "Recorder(..., resume=True)")


def verify_report(path: Path, *, progress: bool) -> tuple[str, bool]:
    """Read every chunk of the store; returns (report, whether all chunks read back)."""
    from cnnslicer_widgets.store.verify import verify

    damaged = verify(path, progress=progress)
    if not damaged:
        return "verify      every chunk of every complete epoch read back (checksums ok)", True
    lines = [f"verify      {len(damaged)} damaged chunk(s); these parts cannot be read:"]
    lines += [f"            {d}" for d in damaged[:50]]
    if len(damaged) > 50:
        lines.append(f"            ... and {len(damaged) - 50} more")
    lines.append("            Copy the file again from its source, or re-record the run.")
    return "\n".join(lines), False


def demo(out: Path, *, epochs: int, per_class: int, source: str, progress: bool) -> Path:
    """Train the LeNet-style MNIST model on the embedded subset and record it."""
    import torch
    from tqdm.auto import tqdm

    from cnnslicer_widgets.datasets import balanced_subset, data_loader, load_mnist
    from cnnslicer_widgets.models import case_study_layers, default_device, mnist_lenet, train_epoch
    from cnnslicer_widgets.record import Recorder

    train = load_mnist(source=source)
    test = load_mnist(source=source, train=False)
    print(f"data        {train!r}\n            {test!r}")
    device = default_device()
    model = mnist_lenet(seed=0).to(device)
    probe = balanced_subset(train, per_class)
    loader = data_loader(train, batch_size=64, seed=0)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    out.parent.mkdir(parents=True, exist_ok=True)
    rec = Recorder(model, probe, out, epochs=epochs, layers=case_study_layers(model),
                   eval_data=test, dataset_name=f"MNIST ({train.source})", overwrite=True,
                   progress=False)
    t0 = time.perf_counter()
    with rec:
        for epoch in tqdm(range(1, epochs + 1), desc="train", unit="epoch", disable=not progress):
            rec.epoch_end(epoch, loss=train_epoch(model, loader, opt, device=device))
    unit = "epoch" if epochs == 1 else "epochs"
    print(f"trained and recorded {epochs} {unit} on {device} in {time.perf_counter() - t0:.1f} s")
    return out


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


def case_study(args: argparse.Namespace) -> list[Path]:
    """Train (or find complete) the runs of one case study; print one line per run."""
    import torch

    from cnnslicer_widgets import case_studies as cs
    from cnnslicer_widgets.datasets import load_cifar10, load_mnist

    if args.threads:
        torch.set_num_threads(args.threads)
    signal.signal(signal.SIGTERM, _stop)  # `kill PID` stops a run as Ctrl-C does
    load = load_mnist if args.study == "mnist" else load_cifar10
    train, test = load(root=args.root), load(root=args.root, train=False)
    print(f"data        {train!r}\n            {test!r}", flush=True)
    paths = []
    sizes: list[int | None] = list(args.per_class) if args.study == "mnist" else [None]
    for seed in args.seeds:
        for size in sizes:
            if size is not None:
                path = cs.mnist_size_run(train, test, size, seed=seed, epochs=args.epochs,
                                         out=args.out, progress=args.progress)
            else:
                path = cs.cifar_run(train, test, seed=seed, epochs=args.epochs,
                                    every=args.every, out=args.out, progress=args.progress)
            info = cs.run_info(path)
            print(f"{args.study} seed {seed} size {size or 'all'}: {path} "
                  f"({info.get('seconds', '?')} s, {info.get('threads', '?')} threads)", flush=True)
            paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cnnslicer", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("demo", help="train a LeNet on the embedded MNIST subset and record it")
    d.add_argument("--out", type=Path, default=Path("runs/mnist_demo.h5"))
    d.add_argument("--epochs", type=int, default=5)
    d.add_argument("--per-class", type=int, default=50, help="probe images per class")
    d.add_argument("--source", default="embedded", choices=["embedded", "auto", "torchvision"])
    d.add_argument("--no-progress", action="store_true")
    i = sub.add_parser("info", help="print a summary of a store")
    i.add_argument("path", type=Path)
    i.add_argument("--verify", action="store_true",
                   help="read every chunk (checks every checksum); exit 2 if any is damaged")
    i.add_argument("--no-progress", action="store_true")
    c = sub.add_parser("case-study", help="train and record the runs of a case study")
    c.add_argument("study", choices=["mnist", "cifar10"])
    c.add_argument("--out", type=Path, default=Path("runs"))
    c.add_argument("--root", type=Path, default=None, help="dataset folder (default: search)")
    c.add_argument("--epochs", type=int, default=None, help="default 150 (MNIST), 120 (CIFAR)")
    c.add_argument("--every", type=int, default=10, help="CIFAR-10: record every n-th epoch")
    c.add_argument("--per-class", type=int, nargs="+", default=[100, 500, 1000, 2000],
                   help="MNIST: training images per class, one run each")
    c.add_argument("--seeds", type=int, nargs="+", default=[0])
    c.add_argument("--threads", type=int, default=None, help="torch threads")
    c.add_argument("--progress", action="store_true")
    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            path = demo(args.out, epochs=args.epochs, per_class=args.per_class,
                        source=args.source, progress=not args.no_progress)
            print()
            print(describe(path))
            print(
                "\nOpen it in a notebook:\n"
                "    from cnnslicer_widgets import open_cube\n"
                f"    cube = open_cube({str(path)!r})\n"
                "    cube.sel(layer='conv1', label=3, epoch=-1)['conv1']\n"
                "or explore it with the linked views:\n"
                "    from cnnslicer_widgets import CNNSlicer\n"
                "    from cnnslicer_widgets.models import mnist_lenet\n"
                f"    CNNSlicer({str(path)!r}, model=mnist_lenet())\n"
            )
        elif args.command == "case-study":
            if args.epochs is None:
                args.epochs = 150 if args.study == "mnist" else 120
            case_study(args)
        else:
            print(describe(args.path))
            if args.verify:
                report, ok = verify_report(args.path, progress=not args.no_progress)
                print(report)
                if not ok:
                    return 2
    except (FileNotFoundError, ValueError, KeyError, StoreError, OSError) as err:
        print(f"cnnslicer: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("cnnslicer: stopped; the run's recorded epochs are kept and its store is "
              "complete as it is (stopped_at in <store>.json)", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
