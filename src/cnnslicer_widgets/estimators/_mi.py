"""Array core of the mutual-information estimators (information plane, per-channel MI).

Everything works on a stack of C variables at once, ``x`` of shape (C, N, S): C
"channels" (a whole layer is one channel of S = all its units), N samples, S values per
sample. Labels arrive as integer codes (P + 1, N): row 0 the true labels, rows 1..P
shuffled copies for the permutation null, so that the null costs one wider matrix
product (KDE) or one larger histogram (binning), never a second pass over the data.

- KDE: :func:`kde_class_sums` gives R[f, c, p, i, k] = sum over samples j of class k
  (under label set p) of exp(-||x_ci - x_cj||^2 / (f s2_c)); every KDE quantity of
  infoplane.py and mutual_info.py is a function of these sums (:func:`kde_mi`).
- Binning: :func:`state_ids` numbers the distinct binned rows of each channel;
  :func:`binned_mi` counts (state, class) pairs.

Arrays only (the xarray side is _mi_inputs.py); torch is imported inside functions.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np

from cnnslicer_widgets.estimators._inputs import pick_device

LOG2 = np.log(2.0)
BLOCK_ELEMENTS = 2**21  # one (C x rows x N) float64 block of distances: 16 MiB
BLOCKS = 6  # row blocks at least: the upper triangle of blocks is ~(1 + 1/6) / 2 of all pairs
GROUP_BYTES = 256 * 2**20  # per group of channels: values + class sums
FULL_GRAM_BYTES = 64 * 2**20  # CPU float64: a whole N x N Gram matrix up to N = 2896


def channel_groups(n_channels: int, per_channel_bytes: int) -> list[slice]:
    """Consecutive channel slices of about GROUP_BYTES each (at least one channel)."""
    step = max(1, GROUP_BYTES // max(1, per_channel_bytes))
    return [slice(s, min(n_channels, s + step)) for s in range(0, n_channels, step)]


def kde_class_sums(
    x: np.ndarray,
    codes: np.ndarray,
    n_classes: int,
    factors: Sequence[float],
    *,
    noise_variance: float | np.ndarray,
    relative: bool,
    device: Any = None,
    dtype: str = "float64",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Class sums of Gaussian kernels (F, C, P+1, N, K) float64, s2 (C,), and varies (C,).

    R[f, c, p, i, k] = sum_{j: codes[p, j] = k} exp(-d2_cij / (factors[f] * s2[c])), self
    included (d2_cii = 0 exactly); s2 = ``noise_variance`` (one or one per channel), times channel c's total
    variance (mean squared distance to the centroid) if ``relative``. Distances are
    |a|^2 + |b|^2 - 2 a.b, clamped at 0. ``varies`` is False for a channel whose samples are
    all equal (its kernels are exactly 1).

    Two ways, the same numbers to rounding (~1e-12 bits):

    - CPU, N^2 <= 2 x BLOCK_ELEMENTS (N up to 2048): per channel the whole Gram matrix by
      numpy's BLAS (a symmetric rank-k product, half the work of a general one, and on
      CPUs 1.5-2.5x faster than torch's float64 product; float32 products with
      ``dtype="float32"``, on centred data), then one compiled float64 pass over the
      pairs (:mod:`._mi_kernels`); in float64 the data are centred only when their mean
      dwarfs their spread. Memory: three N x N matrices (96 MiB at N = 2048).
    - Otherwise (GPU, larger N): centred data, one block of rows against the
      columns from the block on, so that each pair is computed once and its kernel added
      to both rows (about half of a full distance matrix); torch, on ``device``. Memory:
      O(C x rows x N) besides the result.

    Either way only the widest factor's kernel costs an exponential; the others are its
    powers (exp(-a/2) = exp(-a/8)^4 for the KDE bounds (8, 2): two multiplications).
    """
    import torch

    dev = pick_device(device)
    tdtype = getattr(torch, dtype)
    n_ch, n, _ = x.shape
    # d2 capped where every kernel term is below e^-floor (float64: e^-700, float32: e^-79)
    # and those terms set to about that: the self term is 1, so no sum moves by more than
    # N e^-floor relative; fewer denormals (slow) in the exponentials
    floor = -float(np.log(np.finfo(dtype).tiny)) - 8.0
    if dev.type == "cpu" and n * n <= 2 * BLOCK_ELEMENTS:
        from cnnslicer_widgets.estimators import _mi_kernels

        x = np.ascontiguousarray(x, dtype=np.float64)
        return _mi_kernels.class_sums(
            x, codes, n_classes, factors,
            noise_variance=noise_variance, relative=relative, floor=floor,
            single=dtype == "float32",
        )  # fmt: skip
    t, sq, varies = _centred(torch.as_tensor(np.ascontiguousarray(x), device=dev))
    s2 = noise_variance * (sq.mean(dim=1).cpu().numpy() if relative else np.ones(n_ch))
    numpy_products = dev.type == "cpu" and dtype == "float64"
    xs: Any = t.numpy() if numpy_products else None
    safe = np.where(s2 > 0, s2, 1.0)  # s2 = 0 only for constant data: all d2 = 0, kernel 1
    wide = max(factors)
    t, sq = t.to(tdtype), sq.to(tdtype)
    onehot = (codes[:, :, None] == np.arange(n_classes)).transpose(1, 0, 2).reshape(n, -1)
    oh = torch.as_tensor(onehot, device=dev, dtype=tdtype)  # (N, (P+1) K)
    rate = torch.as_tensor(-1.0 / (wide * safe), device=dev, dtype=tdtype)[:, None, None]
    cap = torch.as_tensor(floor * wide * safe, device=dev, dtype=tdtype)[:, None, None]
    zero = torch.zeros_like(cap)
    out = torch.zeros((len(factors), n_ch, n, oh.shape[1]), device=dev, dtype=tdtype)
    step = max(1, min(-(-n // BLOCKS), BLOCK_ELEMENTS // max(1, n_ch * n)))
    for start in range(0, n, step):
        stop = min(n, start + step)
        width = stop - start
        if numpy_products:
            d2 = torch.from_numpy(np.matmul(xs[:, start:stop], xs[:, start:].transpose(0, 2, 1)))
            d2.mul_(-2.0).add_(sq[:, start:stop, None]).add_(sq[:, None, start:])
        else:
            d2 = torch.baddbmm(
                sq[:, start:stop, None] + sq[:, None, start:],
                t[:, start:stop],
                t[:, start:].transpose(1, 2),
                alpha=-2,
            )
        torch.clamp(d2, min=zero, max=cap, out=d2)
        diag = torch.arange(width, device=dev)
        d2[:, diag, diag] = 0
        base = d2.mul_(rate).exp_()  # the kernel of the widest factor, in place
        for f, k in enumerate(_kernels(base, [wide / f for f in factors])):
            out[f, :, start:stop] += k @ oh[start:]
            if stop < n:  # the same pairs seen from the columns' side
                out[f, :, stop:] += torch.matmul(oh[start:stop].T, k[:, :, width:]).transpose(1, 2)
    r = out.reshape(len(factors), n_ch, n, len(codes), n_classes).permute(0, 1, 3, 2, 4)
    return r.double().cpu().numpy(), s2, varies.cpu().numpy()


def _centred(t: Any) -> tuple[Any, Any, Any]:
    """Data (C, N, S') centred over the samples, without the units constant in every
    channel (they add 0 to every distance); squared norms (C, N); varies (C,)."""
    import torch

    lo, hi = torch.aminmax(t, dim=1)  # (C, S)
    unit_varies = hi > lo
    keep = unit_varies.any(dim=0)
    if not bool(keep.all()):
        t = t[:, :, keep]
    t = t - t.mean(dim=1, keepdim=True)  # centred: |a|^2 + |b|^2 - 2 a.b loses less
    return t, (t * t).sum(dim=-1), unit_varies.any(dim=1)


def _kernels(base: Any, ratios: list[float]) -> Any:
    """exp(-a / f) for each factor f from base = exp(-a / wide), ratio = wide / f: base
    itself, its square, its 4th power (multiplications), else base ** ratio."""
    squared = None
    for ratio in ratios:
        if ratio == 1:
            yield base
        elif ratio in (2, 4):
            squared = base * base if squared is None else squared
            yield squared if ratio == 2 else squared * squared
        else:
            yield base.pow(ratio)


def kde_mi(
    r: np.ndarray, codes: np.ndarray, counts: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """KDE estimates in bits from class sums ``r`` (..., P+1, N, K) of one kernel.

    Returns I(X;T) (...,), I(T;Y) (..., P+1) and one-vs-rest I(T;1[Y=k]) (..., P+1, K):
    I(X;T) = -mean_i ln(S_i / N), S_i = sum_k r[i, k];
    I(T;Y) = mean_i ln((r[i, y_i] / N_{y_i}) / (S_i / N)) (the class-conditional terms
    with the constant d/2 ln(2 pi e s2) cancelled); the binary label is the same with the
    two groups {k} and the rest: r[i, k] and S_i - r[i, k].
    """
    n = r.shape[-2]
    total = r[..., 0, :, :].sum(axis=-1)  # (..., N): the same for every label set
    i_xt = -np.log(total / n).mean(axis=-1)
    idx = np.broadcast_to(codes[..., None], r.shape[:-1] + (1,))
    own = np.take_along_axis(r, idx, axis=-1)[..., 0]  # (..., P+1, N)
    total = total[..., None, :, None]  # (..., 1, N, 1)
    # each ratio in one division: exactly 1 (ln = 0) where T says nothing (e.g. constant T)
    i_ty = np.log(own * n / (total[..., 0] * counts[codes])).mean(axis=-1)
    inside = codes[..., None] == np.arange(len(counts))  # (P+1, N, K)
    group = np.where(inside, r, total - r)  # kernel mass in the sample's own binary group
    size = np.where(inside, counts, n - counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.log(group * n / (total * size))
    term = np.where(counts < n, term, 0.0)  # a single class: the binary label is constant
    i_bin = term.mean(axis=-2)
    return i_xt / LOG2, i_ty / LOG2, i_bin / LOG2


def binned_states(
    x: np.ndarray, lo: np.ndarray, hi: np.ndarray, bins: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Bin x (C, N, S) into ``bins`` equal bins over per-channel [lo, hi]; number the states.

    Values outside [lo, hi] go to the edge bins; a channel with hi == lo is one state.
    Returns state ids (C, N) (:func:`state_ids`), the number of distinct states (C,) and
    the number of clipped values (C,).
    """
    n_ch, n, s = x.shape
    lo3, hi3 = lo[:, None, None], hi[:, None, None]
    scale = bins / np.where(hi3 > lo3, hi3 - lo3, 1.0)
    b = np.empty(x.shape, np.uint8)
    clipped = np.zeros(n_ch, np.int64)
    step = max(1, BLOCK_ELEMENTS // max(1, n_ch * s))
    for i in range(0, n, step):
        v = x[:, i : i + step]
        clipped += ((v < lo3) | (v > hi3)).sum(axis=(1, 2))
        b[:, i : i + step] = np.clip(np.floor((v - lo3) * scale), 0, bins - 1)
    ids = state_ids(b)
    return ids, ids.max(axis=1) + 1, clipped


def state_ids(b: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Dense ids (C, N) of the distinct rows of b (C, N, S) within each channel.

    Rows are keyed by a 64-bit hash of their bins (a sum of bins times random odd
    ``weights``, wrapping mod 2**64), sorted per channel; rows with equal keys are then
    compared in full, and a channel with a hash collision falls back to np.unique.
    """
    n_ch, n, s = b.shape
    w: Any = (np.random.default_rng(0).integers(1, 2**63, size=s, dtype=np.uint64)
              | np.uint64(1)) if weights is None else weights
    keys = np.empty((n_ch, n), np.uint64)
    step = max(1, BLOCK_ELEMENTS // max(1, n_ch * s))
    for i in range(0, n, step):
        keys[:, i : i + step] = (b[:, i : i + step].astype(np.uint64) * w).sum(
            axis=-1, dtype=np.uint64
        )
    order = np.argsort(keys, axis=1, kind="stable")
    sk = np.take_along_axis(keys, order, axis=1)
    same = sk[:, 1:] == sk[:, :-1]
    c, j = np.nonzero(same)
    differ = (b[c, order[c, j]] != b[c, order[c, j + 1]]).any(axis=-1)
    new = np.concatenate([np.ones((n_ch, 1), bool), ~same], axis=1)
    ids = np.empty((n_ch, n), np.int64)
    np.put_along_axis(ids, order, np.cumsum(new, axis=1) - 1, axis=1)
    for ch in np.unique(c[differ]):  # a hash collision (probability ~ N^2 / 2^64)
        ids[ch] = np.unique(b[ch], axis=0, return_inverse=True)[1].reshape(-1)
    return ids


def _xlog2x(n: np.ndarray) -> np.ndarray:
    n = np.asarray(n, np.float64)
    return n * np.log2(np.where(n > 0, n, 1.0))


def binned_mi(
    ids: np.ndarray, codes: np.ndarray, n_classes: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Plug-in estimates in bits from state ids (C, N) and label codes (P+1, N).

    Returns H(T) = I(X;T) (C,), I(T;Y) (C, P+1), one-vs-rest I(T;1[Y=k]) (C, P+1, K) and
    the largest share of samples in one state (C,). Each is clipped to its mathematical
    range ([0, H(Y)] and so on), which only removes rounding.
    """
    n_ch, n = ids.shape
    n_sets = len(codes)
    flat = (np.arange(n_ch * n_sets).reshape(n_ch, n_sets, 1) * n + ids[:, None, :]) * n_classes
    joint = np.bincount((flat + codes[None]).ravel(), minlength=n_ch * n_sets * n * n_classes)
    joint = joint.reshape(n_ch, n_sets, n, n_classes)
    per_state = joint[:, 0].sum(axis=-1)  # (C, N)
    counts = joint[0, 0].sum(axis=0)  # (K,)
    log_n = np.log2(n)
    h_t = log_n - _xlog2x(per_state).sum(axis=-1) / n
    h_y = log_n - _xlog2x(counts).sum() / n
    h_ty = log_n - _xlog2x(joint).sum(axis=(-2, -1)) / n
    i_ty = np.clip(h_t[:, None] + h_y - h_ty, 0.0, h_y)
    h_b = binary_entropies(counts)
    rest = per_state[:, None, :, None] - joint
    h_tb = log_n - (_xlog2x(joint) + _xlog2x(rest)).sum(axis=-2) / n  # (C, P+1, K)
    i_bin = np.clip(h_t[:, None, None] + h_b - h_tb, 0.0, h_b)
    return np.clip(h_t, 0.0, log_n), i_ty, i_bin, per_state.max(axis=-1) / n


def binary_entropies(counts: np.ndarray) -> np.ndarray:
    """H(1[Y = k]) in bits for every class k, from the class counts."""
    n = counts.sum()
    return np.log2(n) - (_xlog2x(counts) + _xlog2x(n - counts)) / n


def entropy_of_counts(counts: np.ndarray) -> float:
    """Shannon entropy (bits) of a vector of counts."""
    n = counts.sum()
    return float(np.log2(n) - _xlog2x(counts).sum() / n)


def null_summary(name: str, stat: np.ndarray, dims: Sequence[Hashable]) -> dict[str, Any]:
    """Value and permutation-null statistics of ``stat`` (..., P+1), as Dataset variables.

    p-value = (1 + #{null >= value}) / (1 + P): the chance that shuffled labels give an
    estimate at least as large (a tolerance of 1e-12 bits counts ties as >=).
    """
    value, null = stat[..., 0], stat[..., 1:]
    out: dict[str, Any] = {name: (tuple(dims), value)}
    if null.shape[-1] == 0:
        return out
    ge = (null >= value[..., None] - 1e-12).sum(axis=-1)
    ddof = 1 if null.shape[-1] > 1 else 0
    out[f"{name}_null_mean"] = (tuple(dims), null.mean(axis=-1))
    out[f"{name}_null_std"] = (tuple(dims), null.std(axis=-1, ddof=ddof))
    out[f"{name}_null_q95"] = (tuple(dims), np.quantile(null, 0.95, axis=-1))
    out[f"{name}_p_value"] = (tuple(dims), (1.0 + ge) / (1.0 + null.shape[-1]))
    return out
