"""Math written out for numba: exp and log that vectorise, bit casts, and exact squared
distances (used by the compiled kernels of inter-sample entropy, kNN and the KDE).

numba has no vector math library (SVML) to call, and torch's float64 exp runs at 1.5-5 ns
per value here. ``exp_neg`` and ``log_pos`` are written out (range reduction and a
polynomial, within about 1 ulp of numpy) so that the loops that call them vectorise
(AVX-512: 8 values at a time, about 0.4 ns per value per core).

Compiled on first use and cached on disk (``cache=True``); imported inside functions only.
"""

from __future__ import annotations

import math

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.extending import intrinsic

# FMA contraction and reassociation (vectorised sums); no assumption that values are finite,
# as infinite rates (duplicate points) pass through exp_neg.
# FMA contraction and reassociation (vectorised sums); no assumption that values are finite,
# as infinite rates (duplicate points) pass through exp_neg.
_FAST = {"contract", "reassoc", "nsz"}


_LN2_HI = 6.93147180369123816490e-01  # ln 2 split: k * _LN2_HI is exact for |k| < 2**20


_LN2_LO = 1.90821492927058770002e-10


_LOG2E = 1.4426950408889634


_SQRT2 = 1.4142135623730951


@intrinsic
def _bits_to_float(typingctx, bits):
    if bits != types.int64:
        return None

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())

    return types.float64(types.int64), codegen


@intrinsic
def _float_to_bits(typingctx, value):
    if value != types.float64:
        return None

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.IntType(64))

    return types.int64(types.float64), codegen


@intrinsic
def _trailing_zeros(typingctx, bits):
    if bits != types.uint64:
        return None

    def codegen(context, builder, signature, args):
        return builder.cttz(args[0], ir.Constant(ir.IntType(1), 0))

    return types.uint64(types.uint64), codegen


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def exp_neg(x):  # pragma: no cover
    """exp(x) for x <= 0 (NaN-free): 2**k * exp(r), |r| <= ln(2)/2, degree-13 Taylor; 0 below -708."""
    y = max(x, -708.0)
    k = math.floor(y * _LOG2E + 0.5)
    r = (y - k * _LN2_HI) - k * _LN2_LO
    p = 1.0 / 6227020800.0
    p = p * r + 1.0 / 479001600.0
    p = p * r + 1.0 / 39916800.0
    p = p * r + 1.0 / 3628800.0
    p = p * r + 1.0 / 362880.0
    p = p * r + 1.0 / 40320.0
    p = p * r + 1.0 / 5040.0
    p = p * r + 1.0 / 720.0
    p = p * r + 1.0 / 120.0
    p = p * r + 1.0 / 24.0
    p = p * r + 1.0 / 6.0
    p = p * r + 0.5
    p = p * r + 1.0
    p = p * r + 1.0
    scaled = p * _bits_to_float((np.int64(k) + 1023) << 52)
    return scaled if x >= -708.0 else 0.0


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def log_pos(x):  # pragma: no cover
    """ln(x) for normal x > 0: x = 2**e * m, m in [sqrt(1/2), sqrt(2)), 2 atanh((m-1)/(m+1))."""
    bits = _float_to_bits(x)
    e = (bits >> 52) - 1023
    m = _bits_to_float((bits & 0x000FFFFFFFFFFFFF) | 0x3FF0000000000000)
    big = m > _SQRT2
    m = m * 0.5 if big else m
    e = e + 1 if big else e
    f = (m - 1.0) / (m + 1.0)
    s = f * f
    p = 1.0 / 23.0
    p = p * s + 1.0 / 21.0
    p = p * s + 1.0 / 19.0
    p = p * s + 1.0 / 17.0
    p = p * s + 1.0 / 15.0
    p = p * s + 1.0 / 13.0
    p = p * s + 1.0 / 11.0
    p = p * s + 1.0 / 9.0
    p = p * s + 1.0 / 7.0
    p = p * s + 1.0 / 5.0
    p = p * s + 1.0 / 3.0
    p = p * s + 1.0
    return e * _LN2_HI + (2.0 * f * p + e * _LN2_LO)


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def sqdist(x, i, j):  # pragma: no cover
    """||x_i - x_j||^2 from differences in float64: exact 0 for equal rows, symmetric in i, j."""
    acc = 0.0
    for t in range(x.shape[1]):
        diff = np.float64(x[i, t]) - np.float64(x[j, t])
        acc += diff * diff
    return acc
