"""Reductions over a short middle axis, written as a few whole-array operations.

numpy's own reductions over an axis of 2 to 8 elements are slow on large
batches (one strided inner loop per output element); a Python loop over the
short axis does the same work as a handful of vectorised operations.
"""

from __future__ import annotations

import numpy as np


def sum_short(x: np.ndarray, axis: int) -> np.ndarray:
    """x.sum(axis) for a short axis (booleans are counted as int32)."""
    parts = np.moveaxis(x, axis, 0)
    out = parts[0].astype(np.int32) if x.dtype == bool else parts[0].copy()
    for p in parts[1:]:
        out += p
    return out


def min_short(x: np.ndarray, axis: int) -> np.ndarray:
    """x.min(axis) for a short axis."""
    parts = np.moveaxis(x, axis, 0)
    out = parts[0].copy()
    for p in parts[1:]:
        np.minimum(out, p, out=out)
    return out


def all_short(x: np.ndarray, axis: int) -> np.ndarray:
    """x.all(axis) for a short boolean axis."""
    parts = np.moveaxis(x, axis, 0)
    out = parts[0].copy()
    for p in parts[1:]:
        out &= p
    return out
