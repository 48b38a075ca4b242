"""The rules' own float32 maths (game.rules.mathf): the same bits on every machine, and accurate."""

import math

import numpy as np

from game.rules.mathf import expm1_f32

# (x, expm1 x) as float32 bits, one or more per branch of the algorithm: recorded where the function was
# compared with the C library's expm1f over all 2**31 inputs x <= 0 (glibc 2.36, x86-64) and matched.
RECORDED = [
    (0x80000000, 0x80000000),   # -0
    (0xB089705F, 0xB089705F),   # |x| < 2**-25: x itself
    (0xB300D959, 0xB300D959),
    (0xBC23D70A, 0xBC230605),   # |x| <= ln2 / 2: no reduction
    (0xBDCCCCCD, 0xBDC2E49A),
    (0xBE99999A, 0xBE84B37A),
    (0xBF000000, 0xBEC974D0),   # ln2 / 2 < |x| < 3 ln2 / 2: k = -1
    (0xBF800000, 0xBF21D2A7),
    (0xC0000000, 0xBF5D5AAB),   # k <= -2
    (0xC0A00000, 0xBF7E466C),
    (0xC1480000, 0xBF7FFFC1),
    (0xC1900000, 0xBF800000),
    (0xC1980000, 0xBF800000),   # x <= -27 ln2: -1
    (0xFF800000, 0xBF800000),   # -inf
]


def _f32(bits: int) -> np.float32:
    return np.array([bits], np.uint32).view(np.float32)[0]


def _bits(x) -> int:
    return int(np.array([x], np.float32).view(np.uint32)[0])


def test_expm1_gives_the_recorded_bits():
    got = [(x, _bits(expm1_f32(_f32(x)))) for x, _ in RECORDED]
    assert got == RECORDED


def test_expm1_is_within_one_float32_step_of_the_exact_value():
    rng = np.random.default_rng(7)
    xs = np.concatenate([-rng.exponential(1.0, 3000), -rng.uniform(0, 25, 3000), -np.geomspace(1e-12, 1, 1000)])
    for x in xs.astype(np.float32):
        got = float(expm1_f32(x))
        exact = math.expm1(float(x))
        assert abs(got - exact) <= float(np.spacing(np.float32(abs(exact)))), (x, got, exact)


def test_expm1_of_positive_or_nan_input_is_numpy_s():
    for x in (np.float32(0.25), np.float32(3.0)):
        assert abs(float(expm1_f32(x)) - math.expm1(float(x))) <= float(np.spacing(np.float32(math.expm1(float(x)))))
    assert np.isnan(expm1_f32(np.float32("nan")))
