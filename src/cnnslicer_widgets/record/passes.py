"""The recording pass of one epoch: the probe set through the model with the recorder's
hooks on (:func:`probe_pass`; :func:`~.distributed.sharded_pass` shares it out over the
ranks instead), each batch's outputs queued for writing (:func:`write_batch`), and the
confusion matrix of the epoch (:func:`confusion`).

Functions of a :class:`~.recorder.Recorder` (``rec``, typed ``Any`` as in
:mod:`.distributed`: the recorder imports this module): they read its model, probe,
layers and writer, and queue writes on its write-behind thread (``rec._behind``).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import torch

from cnnslicer_widgets.record.hooks import MapHistograms, ModeGuard, Tap
from cnnslicer_widgets.record.probe import iterate_eval
from cnnslicer_widgets.store.spec import count_dtype

__all__ = ["confusion", "forward_pass", "make_tap", "probe_pass", "write_batch"]


def make_tap(rec: Any) -> Tap:
    """Hooks on the recorded modules (outputs channels first, summarized where asked)."""
    return Tap(rec.model, rec._modules, keep=rec._keep, dtype=rec._torch_dtype,
               summarize=rec._summarize, layouts=rec._layouts)  # fmt: skip


def forward_pass(rec: Any, tap: Tap, x: torch.Tensor) -> torch.Tensor:
    """The logits of a batch, the tap filled with its recorded outputs."""
    tap.reset()
    with torch.no_grad():
        out = rec.model(x.to(rec.device))
    if not isinstance(out, torch.Tensor) or out.dim() != 2:
        raise TypeError(
            f"{type(rec.model).__name__} returned "
            f"{tuple(out.shape) if torch.is_tensor(out) else type(out).__name__}; the "
            "recorder needs a classifier returning logits of shape (N, classes)"
        )
    return out


def probe_pass(rec: Any, epoch: int) -> np.ndarray:
    """Record epoch ``epoch`` in one process: every probe batch through the model, its
    outputs queued for writing; returns the probe's logits."""
    from tqdm.auto import tqdm

    n = len(rec.probe)
    logits = np.empty((n, rec.spec.n_classes), dtype=np.float32)
    tap = make_tap(rec)
    bar = tqdm(total=n, desc=f"record epoch {epoch}", unit="sample", leave=False,
               disable=not rec.progress)  # fmt: skip
    with ModeGuard(rec.model), tap, bar:
        for start in range(0, n, rec.batch_size):
            xb = rec.probe.x[start : start + rec.batch_size]
            out = forward_pass(rec, tap, xb)
            write_batch(rec, tap, out, start)
            logits[start : start + len(xb)] = out.detach().float().cpu().numpy()
            bar.update(len(xb))
    if tap.overflow:
        warnings.warn(f"epoch {epoch}: layers {sorted(tap.overflow)} have values beyond the "
                      "float16 range (stored as inf); record with dtype='float32'",
                      stacklevel=3)  # fmt: skip
    return logits


def write_batch(rec: Any, tap: Any, out: torch.Tensor, start: int) -> None:
    """Queue the writes of one batch's recorded outputs (``tap.out``) and logits ``out``,
    at probe row ``start``."""
    w, submit = rec._open_writer, rec._behind.submit
    missing = rec._keep - tap.out.keys()
    if missing:
        raise RuntimeError(f"layers {sorted(missing)} were not produced by this forward "
                           "pass; the model's control flow must not change between passes")
    index = {lay.name: lay.index for lay in rec.layers}
    for key, t in tap.out.items():
        if isinstance(t, MapHistograms):
            lay = rec.layers[index[key]]
            counts = t.counts.numpy().astype(count_dtype(lay.map_size))
            lo, hi = t.lo.numpy(), t.hi.numpy()
            submit(w.write_histogram, key, start, counts, lo, hi,
                   nbytes=counts.nbytes + lo.nbytes + hi.nbytes)  # fmt: skip
        else:
            a = t.numpy()
            submit(w.write_activation, key, start, a, nbytes=a.nbytes)
    if "output" in index:
        t = out.detach().to("cpu", rec._torch_dtype, copy=True)
        a = t.reshape(*t.shape, 1, 1).numpy()
        submit(w.write_activation, "output", start, a, nbytes=a.nbytes)


def confusion(rec: Any, probe_logits: np.ndarray) -> np.ndarray:
    """The epoch's confusion matrix (true x predicted counts): on ``rec.eval_data`` when
    given, else on the probe's logits."""
    k = rec.spec.n_classes
    if rec.eval_data is None:
        pred, true = probe_logits.argmax(1), rec.probe.labels
    else:
        preds, trues = [], []
        with ModeGuard(rec.model), torch.no_grad():
            for xb, yb in iterate_eval(rec.eval_data, rec.batch_size):
                preds.append(rec.model(xb.to(rec.device)).argmax(1).cpu().numpy())
                trues.append(np.asarray(yb.cpu()))
        pred, true = np.concatenate(preds), np.concatenate(trues)
    ok = (true >= 0) & (true < k)
    return np.bincount(true[ok] * k + pred[ok], minlength=k * k).reshape(k, k)
