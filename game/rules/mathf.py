"""float32 functions of the compiled rules that do not call the platform's maths library.

The C library's functions differ between systems and versions in the last bit
(and a saved game is replayed, so a last bit decides whether it loads), and a
call costs more than the arithmetic it does. The functions here are written as
plain float32 steps, the same on every machine, and are inlined.

expm1_f32 follows the classic fdlibm algorithm for float32 (the one glibc
uses on x86-64): for every float32 x <= 0 it gives exactly the bits of that
library's expm1f (all 2**31 such inputs were compared once; the tests check
recorded values and the accuracy).

exp_f32 and log_f32 follow the table-driven algorithms that glibc (since
2.28) and musl use for expf and logf, computed in float64 with fused
multiply-adds as glibc's build for processors that have them does: for every
one of the 2**32 float32 inputs they gave exactly the bits of glibc 2.36's
expf and logf on x86-64 (compared once; the tests check recorded values and
the accuracy). Inputs outside their range (|x| >= 88 for exp; zero, negative,
subnormal, infinite or NaN for log) still go to the C library; the shipped
scenarios' games do not reach them.
"""

from __future__ import annotations

import numpy as np

from game.rules.jit import fma, leaf

F32 = np.float32
_LN2_HI, _LN2_LO = F32(6.9313812256e-01), F32(9.0580006145e-06)   # ln 2 split: hi has its last 12 bits zero
_INV_LN2 = F32(1.4426950216e+00)
# the rational approximation of expm1 on [-ln2 / 2, ln2 / 2] (fdlibm's scaled coefficients)
_Q1, _Q2, _Q3 = F32(-3.3333335072e-02), F32(1.5873016091e-03), F32(-7.9365076090e-05)
_Q4, _Q5 = F32(4.0082177293e-06), F32(-2.0109921195e-07)
_ZERO, _ONE, _HALF, _THREE, _SIX = F32(0), F32(1), F32(0.5), F32(3), F32(6)


@leaf
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


# exp: x = (k + r) ln2 / 32 with integer k and |r| <= 1/2; exp(x) = 2**(k/32) * 2**(r/32), the first from
# a table of 2**(i/32) (i = k mod 32) whose exponent field is then raised by k // 32, the second by a
# cubic in r. _EXP_TABLE[i] holds the bits of 2**(i/32), correctly rounded, minus i << 47.
_EXP_TABLE = np.array([
    0x3FF0000000000000, 0x3FEFD9B0D3158574, 0x3FEFB5586CF9890F, 0x3FEF9301D0125B51, 0x3FEF72B83C7D517B,
    0x3FEF54873168B9AA, 0x3FEF387A6E756238, 0x3FEF1E9DF51FDEE1, 0x3FEF06FE0A31B715, 0x3FEEF1A7373AA9CB,
    0x3FEEDEA64C123422, 0x3FEECE086061892D, 0x3FEEBFDAD5362A27, 0x3FEEB42B569D4F82, 0x3FEEAB07DD485429,
    0x3FEEA47EB03A5585, 0x3FEEA09E667F3BCD, 0x3FEE9F75E8EC5F74, 0x3FEEA11473EB0187, 0x3FEEA589994CCE13,
    0x3FEEACE5422AA0DB, 0x3FEEB737B0CDC5E5, 0x3FEEC49182A3F090, 0x3FEED503B23E255D, 0x3FEEE89F995AD3AD,
    0x3FEEFF76F2FB5E47, 0x3FEF199BDD85529C, 0x3FEF3720DCEF9069, 0x3FEF5818DCFBA487, 0x3FEF7C97337B9B5F,
    0x3FEFA4AFA2A490DA, 0x3FEFD0765B6E4540], np.uint64)
_EXP_N = 32
_EXP_SCALE = float.fromhex("0x1.71547652b82fep+0") * _EXP_N      # 32 / ln 2
_EXP_SHIFT = float.fromhex("0x1.8p+52")                           # adding it rounds to an integer
_EXP_C0 = float.fromhex("0x1.c6af84b912394p-5") / _EXP_N ** 3      # 2**(r/32) ~ 1 + C2 r + C1 r^2 + C0 r^3
_EXP_C1 = float.fromhex("0x1.ebfce50fac4f3p-3") / _EXP_N ** 2
_EXP_C2 = float.fromhex("0x1.62e42ff0c52d6p-1") / _EXP_N
_EXP_LIMIT = np.uint32(0x42B)               # the top 12 bits of 88.0f: |x| >= 88 goes to the library


@leaf
def exp_f32(x):
    """exp(x) of a float32 x, as float32 (the same bits as glibc's expf, see above)."""
    if ((np.float32(x).view(np.uint32) >> np.uint32(20)) & np.uint32(0x7FF)) >= _EXP_LIMIT:
        return np.exp(x)                    # |x| >= 88 (overflow, underflow), inf, NaN
    z = _EXP_SCALE * np.float64(x)
    kd = z + _EXP_SHIFT                     # k in the low bits of kd's mantissa
    ki = np.float64(kd).view(np.uint64)
    kd -= _EXP_SHIFT
    r = fma(_EXP_SCALE, np.float64(x), -kd)
    scale = np.uint64(_EXP_TABLE[ki % np.uint64(_EXP_N)] + (ki << np.uint64(47))).view(np.float64)
    y = fma(_EXP_C0, r, _EXP_C1)
    y = fma(y, r * r, fma(_EXP_C2, r, 1.0))
    return np.float32(y * scale)


# log: x = 2**k z with z in [0x1.66p-1, 0x1.66p0), split in 16 intervals by the top bits of z's mantissa;
# interval i has a c near its middle with _LOG_INV_C[i] = 1/c and _LOG_LOG_C[i] = log c, and
# log x = k ln2 + log c + log1p(z/c - 1), the last by a polynomial.
_LOG_INV_C = np.array([float.fromhex(v) for v in (
    "0x1.661ec79f8f3bep+0", "0x1.571ed4aaf883dp+0", "0x1.49539f0f010bp+0", "0x1.3c995b0b80385p+0",
    "0x1.30d190c8864a5p+0", "0x1.25e227b0b8eap+0", "0x1.1bb4a4a1a343fp+0", "0x1.12358f08ae5bap+0",
    "0x1.0953f419900a7p+0", "0x1p+0", "0x1.e608cfd9a47acp-1", "0x1.ca4b31f026aap-1",
    "0x1.b2036576afce6p-1", "0x1.9c2d163a1aa2dp-1", "0x1.886e6037841edp-1", "0x1.767dcf5534862p-1")])
_LOG_LOG_C = np.array([float.fromhex(v) for v in (
    "-0x1.57bf7808caadep-2", "-0x1.2bef0a7c06ddbp-2", "-0x1.01eae7f513a67p-2", "-0x1.b31d8a68224e9p-3",
    "-0x1.6574f0ac07758p-3", "-0x1.1aa2bc79c81p-3", "-0x1.a4e76ce8c0e5ep-4", "-0x1.1973c5a611cccp-4",
    "-0x1.252f438e10c1ep-5", "0x0p+0", "0x1.aa5aa5df25984p-5", "0x1.c5e53aa362eb4p-4",
    "0x1.526e57720db08p-3", "0x1.bc2860d22477p-3", "0x1.1058bc8a07ee1p-2", "0x1.4043057b6ee09p-2")])
_LN2 = float.fromhex("0x1.62e42fefa39efp-1")
_LOG_A0 = float.fromhex("-0x1.00ea348b88334p-2")                  # log1p(r) ~ r + A2 r^2 + A1 r^3 + A0 r^4
_LOG_A1 = float.fromhex("0x1.5575b0be00b6ap-2")
_LOG_A2 = float.fromhex("-0x1.ffffef20a4123p-2")
_LOG_OFF = np.uint32(0x3F330000)            # the bits of 0x1.66p-1, where the intervals start


@leaf
def log_f32(x):
    """log(x) of a float32 x, as float32 (the same bits as glibc's logf, see above)."""
    ix = np.float32(x).view(np.uint32)
    if ix - np.uint32(0x00800000) >= np.uint32(0x7F800000 - 0x00800000) or ix == np.uint32(0x3F800000):
        return np.log(x)                    # zero, negative, subnormal, inf, NaN; log 1 = 0
    tmp = ix - _LOG_OFF
    i = (tmp >> np.uint32(19)) % np.uint32(16)
    k = np.int32(tmp) >> np.int32(23)       # arithmetic shift: k < 0 below the first interval
    z = np.float64(np.uint32(ix - (tmp & np.uint32(0xFF800000))).view(np.float32))
    r = fma(z, _LOG_INV_C[i], -1.0)
    y0 = fma(np.float64(k), _LN2, _LOG_LOG_C[i])
    r2 = r * r
    y = fma(_LOG_A0, r2, fma(_LOG_A1, r, _LOG_A2))
    return np.float32(fma(y, r2, y0 + r))
