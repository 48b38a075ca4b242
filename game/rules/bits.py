"""Milestone sets as 64-bit masks, and sums of per-milestone values over a mask.

A set of at most 64 milestones fits one uint64; set operations on a batch of
sets are then single whole-array operations, and the sum of per-milestone
values (prestige) over a set is a few byte-wise table lookups.
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


def pack_rows(x: np.ndarray) -> np.ndarray:
    """bool [B, N] (any N) -> uint64 [B, ceil(N / 64)]: bit n of word n // 64 set when x[:, n]."""
    b, n = x.shape
    words = max(1, (n + 63) // 64)
    p = np.packbits(x, axis=1, bitorder="little")
    if p.shape[1] < 8 * words:
        p = np.concatenate([p, np.zeros((b, 8 * words - p.shape[1]), np.uint8)], axis=1)
    return np.ascontiguousarray(p).view(U64)


def unpack(bits: np.ndarray, k: int) -> np.ndarray:
    """uint64 [...] -> bool [..., k]."""
    return ((bits[..., None] >> np.arange(k, dtype=U64)) & U64(1)).astype(bool)


def byte_tables(values: np.ndarray) -> np.ndarray:
    """float32 [nbytes, 256]: table[j, v] = sum of values[8j + i] over the bits i set in byte v."""
    k = len(values)
    nbytes = max(1, (k + 7) // 8)
    padded = np.zeros(nbytes * 8, np.float64)
    padded[:k] = values
    byte_bits = ((np.arange(256)[:, None] >> np.arange(8)) & 1).astype(np.float64)  # [256, 8]
    return np.stack([byte_bits @ padded[8 * j:8 * j + 8] for j in range(nbytes)]).astype(np.float32)


def bit_sum(bits: np.ndarray, tables: np.ndarray) -> np.ndarray:
    """float32 [...]: the sum of the values (see byte_tables) of the bits set in `bits` (uint64 [...])."""
    out = tables[0][(bits & U64(255)).astype(np.intp)]
    for j in range(1, tables.shape[0]):
        out = out + tables[j][((bits >> U64(8 * j)) & U64(255)).astype(np.intp)]
    return out
