"""float32 functions of the compiled rules that do not call the platform's maths library.

The C library's functions differ between systems and versions in the last bit
(and a saved game is replayed, so a last bit decides whether it loads), and a
call costs more than the arithmetic it does. The functions here are written as
plain float32 steps, the same on every machine, and are inlined.

expm1_f32 follows the classic fdlibm algorithm for float32 (the one glibc
uses on x86-64): for every float32 x <= 0 it gives exactly the bits of that
library's expm1f (all 2**31 such inputs were compared once; the tests check
recorded values and the accuracy).
"""

from __future__ import annotations

import numpy as np

from game.rules.jit import part

F32 = np.float32
_LN2_HI, _LN2_LO = F32(6.9313812256e-01), F32(9.0580006145e-06)   # ln 2 split: hi has its last 12 bits zero
_INV_LN2 = F32(1.4426950216e+00)
# the rational approximation of expm1 on [-ln2 / 2, ln2 / 2] (fdlibm's scaled coefficients)
_Q1, _Q2, _Q3 = F32(-3.3333335072e-02), F32(1.5873016091e-03), F32(-7.9365076090e-05)
_Q4, _Q5 = F32(4.0082177293e-06), F32(-2.0109921195e-07)
_ZERO, _ONE, _HALF, _THREE, _SIX = F32(0), F32(1), F32(0.5), F32(3), F32(6)


@part
def expm1_f32(x):
    """exp(x) - 1 of a float32 x, as float32; for x <= 0 (and -0, -inf) computed here, for anything
    else (x > 0, NaN: the rules never ask) by np.expm1."""
    if not x <= _ZERO:
        return np.expm1(x)
    hx = np.int32(np.float32(x).view(np.uint32) & np.uint32(0x7FFFFFFF))    # |x|'s bits
    if hx >= 0x4195B844:                 # x <= -27 ln2: exp(x) is below half an ulp of 1
        return F32(-1)
    if hx > 0x3EB17218:                  # |x| > ln2 / 2: reduce to x = k ln2 + r, |r| <= ln2 / 2
        if hx < 0x3F851592:              # |x| < 3 ln2 / 2: k = -1
            hi = x + _LN2_HI
            lo = -_LN2_LO
            k = -1
        else:
            k = np.int32(_INV_LN2 * x - _HALF)
            kf = F32(k)
            hi = x - kf * _LN2_HI
            lo = kf * _LN2_LO
        x = hi - lo
        c = (hi - x) - lo                # what the rounding of hi - lo lost
    elif hx < 0x33000000:                # |x| < 2**-25: expm1(x) rounds to x
        return x
    else:
        k = 0
        c = F32(0)
    hfx = _HALF * x
    hxs = x * hfx
    r1 = _ONE + hxs * (_Q1 + hxs * (_Q2 + hxs * (_Q3 + hxs * (_Q4 + hxs * _Q5))))
    t = _THREE - r1 * hfx
    e = hxs * ((r1 - t) / (_SIX - x * t))
    if k == 0:
        return x - (x * e - hxs)
    e = x * (e - c) - c
    e -= hxs
    if k == -1:
        return _HALF * (x - e) - _HALF
    y = _ONE - (e - x)                   # k <= -2: exp(r) * 2**k - 1
    two_k = np.uint32(0x3F800000 + (k << 23)).view(np.float32)
    return y * two_k - _ONE
