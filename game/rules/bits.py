"""Milestone sets as 64-bit masks.

A set of at most 64 milestones fits one uint64; set operations on a batch of
sets are then single whole-array (or, in the kernels, single integer) operations.
"""

from __future__ import annotations

import numpy as np

U64 = np.uint64


def pack(x: np.ndarray) -> np.ndarray:
    """bool [..., K] (K <= 64) -> uint64 [...]: bit k set when x[..., k]."""
    p = np.packbits(x, axis=-1, bitorder="little")
    if p.shape[-1] < 8:
        pad = np.zeros(p.shape[:-1] + (8 - p.shape[-1],), np.uint8)
        p = np.concatenate([p, pad], axis=-1)
    return np.ascontiguousarray(p).view(U64)[..., 0]


def unpack(bits: np.ndarray, k: int) -> np.ndarray:
    """uint64 [...] -> bool [..., k]."""
    return ((bits[..., None] >> np.arange(k, dtype=U64)) & U64(1)).astype(bool)
