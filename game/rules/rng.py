"""Counter-based random numbers for the batched core.

Every game in a batch owns a 32-bit key. A draw is a pure function of
(key, turn, stream, index), so the same seed gives the same game whatever the
batch size, a batched step equals the same games stepped one by one, and
reloading a save never re-rolls. There is no generator object and no global
state: the numbers are hashes (the "lowbias32" integer mixer).
"""

from __future__ import annotations

import numpy as np

from game.rules.jit import leaf
from game.rules.mathf import log_f32

_M1 = np.uint32(0x7FEB352D)
_M2 = np.uint32(0x846CA68B)
_GOLDEN = np.uint32(0x9E3779B9)
_S16 = np.uint32(16)
_S15 = np.uint32(15)
_S8 = np.uint32(8)
_TO_UNIT = np.float32(1.0 / 16777216.0)


def mix32(x: np.ndarray) -> np.ndarray:
    """Hash uint32 values to well-mixed uint32 values (any shape; returns a new array)."""
    x = x ^ (x >> _S16)
    x *= _M1
    x ^= x >> _S15
    x *= _M2
    x ^= x >> _S16
    return x


def game_keys(seed: int, count: int, first: int = 0) -> np.ndarray:
    """Per-game keys for games `first .. first+count-1` of a run seeded with `seed`.

    Returns uint32 [count]. Game i of a seed always gets the same key, so a
    game's dice do not depend on how the run was split into batches.
    """
    index = np.arange(first, first + count, dtype=np.uint32)
    base = mix32(np.array([seed & 0xFFFFFFFF], dtype=np.uint32) ^ np.uint32(0xA511E9B3))
    return mix32(index * _GOLDEN ^ base)


POLICY_SALT = 0x5EED5EED


def policy_keys(seed: int, side: int, count: int = 1, first: int = 0) -> np.ndarray:
    """uint32 [count]: the keys of side `side`'s (0 US, 1 USSR) policy dice in games first..first+count-1
    of a run seeded with `seed`: game_keys of the seed mixed with a salt of that side's own, so an AI
    draws other dice than the game's and its rival's. A session and a batch of simulated games with
    the same seed give an AI the same dice."""
    return game_keys(seed ^ (POLICY_SALT if side == 0 else POLICY_SALT * 3), count, first)


def uniforms(key: np.ndarray, turn: np.ndarray, stream: int, n: int) -> np.ndarray:
    """Uniform floats in [0, 1) for each game: float32 [B, n].

    key: uint32 [B]; turn: int [B]; stream: a small constant that separates
    independent uses (research, launches, events, policies...).
    """
    return uniforms_at(key, turn, stream, np.arange(n))


def uniforms_at(key: np.ndarray, turn: np.ndarray, stream: int, cols: np.ndarray) -> np.ndarray:
    """Columns `cols` (ints >= 0) of the stream's uniforms: float32 [B, len(cols)].

    Column c is the same number whichever other columns are asked for.
    """
    return (random_bits(key, turn, stream, cols) >> _S8).astype(np.float32) * _TO_UNIT


def random_bits(key: np.ndarray, turn: np.ndarray, stream: int, cols: np.ndarray) -> np.ndarray:
    """uint32 [B, len(cols)]: 32 random bits for each game and column."""
    salt = np.uint32((stream * 0x632BE5AB) & 0xFFFFFFFF)
    row = mix32(key ^ (turn.astype(np.uint32) * _GOLDEN + salt))
    c = (np.asarray(cols, dtype=np.uint32) + np.uint32(1)) * np.uint32(0x85EBCA6B)
    return mix32(row[:, None] + c[None, :])


def normals_from(u: np.ndarray) -> np.ndarray:
    """Approximately standard-normal floats from uniforms (logistic approximation).

    Same shape as u; mean 0, variance 1, a little heavier tails than a normal.
    """
    u = np.clip(u, np.float32(1e-6), np.float32(1 - 1e-6))
    return np.log(u / (1 - u)) * np.float32(0.5513)


# The same numbers, one at a time, for the compiled rules. uint32 products are
# done in uint64 and masked, which gives numpy's wrap-around uint32 results.
_MASK = np.uint64(0xFFFFFFFF)
_K_M1, _K_M2, _K_GOLDEN = np.uint64(0x7FEB352D), np.uint64(0x846CA68B), np.uint64(0x9E3779B9)
_K_COL = np.uint64(0x85EBCA6B)
_K_16, _K_15, _K_8, _K_1 = np.uint64(16), np.uint64(15), np.uint64(8), np.uint64(1)
_K_LOW16 = np.uint64(0xFFFF)
_K_BY16 = np.float32(1.0 / 65536.0)


@leaf
def mix32_one(x):
    """mix32 of one value (uint64 holding a uint32); returns uint64 < 2**32."""
    x ^= x >> _K_16
    x = (x * _K_M1) & _MASK
    x ^= x >> _K_15
    x = (x * _K_M2) & _MASK
    x ^= x >> _K_16
    return x


@leaf
def row_seed(key, turn, stream):
    """The per-(game, turn, stream) value that random_bits hashes each column against (uint64)."""
    salt = np.uint64((stream * 0x632BE5AB) & 0xFFFFFFFF)
    t = (np.uint64(turn) & _MASK) * _K_GOLDEN & _MASK
    return mix32_one(np.uint64(key) ^ ((t + salt) & _MASK))


@leaf
def bits_at(row, col):
    """random_bits for one column of a row_seed: uint64 < 2**32."""
    c = ((np.uint64(col) + _K_1) * _K_COL) & _MASK
    return mix32_one((row + c) & _MASK)


@leaf
def unit_of(bits):
    """uniforms_at's float32 in [0, 1) from 32 random bits."""
    return np.float32(bits >> _K_8) * _TO_UNIT


@leaf
def pair_of(bits):
    """(hi, lo): two independent float32 uniforms in [0, 1) with 16-bit resolution, from 32 random bits."""
    return np.float32(bits >> _K_16) * _K_BY16, np.float32(bits & _K_LOW16) * _K_BY16


@leaf
def normal_of(u):
    """normals_from for one float32 uniform (its logarithm: mathf.log_f32, the C library's logf bits, while
    normals_from's is numpy's own)."""
    u = min(max(u, np.float32(1e-6)), np.float32(1 - 1e-6))
    return log_f32(u / (np.float32(1) - u)) * np.float32(0.5513)
