"""How the core is compiled: numba's `njit`, set up once for every kernel.

The rules are written per game, as plain loops over scalars, and compiled to
machine code; a batch is a loop over its games inside the compiled code. A
game's turn reads and writes only that game's rows, so a batch of B games is
exactly the same B games stepped one at a time, whatever B is.

Three kinds of compiled function, chosen for the time it takes to compile
them (a fresh install compiles everything once) as much as for speed:
- `kernel`: an entry point called from Python, cached on disk.
- `part`: a piece called from several places: compiled once, then inlined by
  LLVM into each caller (`forceinline`), so calls cost nothing at run time.
- `inlined` and `leaf`: a piece with one caller, or a few lines of arithmetic,
  copied into its callers at numba's IR level: compiled with them, so it is
  not compiled and optimised on its own and again in each caller.
The tables and the state reach every piece as two pointers (game.rules.bundle).

Settings: `cache=True` keeps the compiled code in the user's cache folder
(platformdirs; SPACERACE_CACHE_DIR moves it), under a hash of this package's
sources: numba checks only the file of a compiled entry point, not the parts
inlined into it, so a changed rule anywhere means a fresh folder and a fresh
compile. No `fastmath`, so float32 arithmetic is done in written order,
IEEE-exact, on every machine; `nogil` lets a UI keep drawing while the AI
thinks on another thread; `_nrt=False` (numba's own option) leaves out
reference counting, which cost ten times the work in the hot loops: the
kernels never allocate, every array they touch is made by the caller.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numba
import numpy as np
from llvmlite import ir
from numba import njit as _njit
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

F32 = np.float32
U64 = np.uint64


def cache_dir(sources: Path = Path(__file__).parent) -> Path:
    """Where compiled rules are kept: <user cache>/kernels/<hash of the *.py files in `sources`>."""
    from platformdirs import user_cache_dir

    digest = hashlib.sha256()
    for source in sorted(sources.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    base = Path(os.environ.get("SPACERACE_CACHE_DIR") or user_cache_dir("spacerace"))
    return base / "kernels" / digest.hexdigest()[:16]


def _writable(folder: Path) -> Path:
    """`folder`, created; or, when it cannot be written (a read-only home), the same name under the
    system's temporary folder, so the game still runs and still caches."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
        return folder
    except OSError:
        import tempfile

        fallback = Path(tempfile.gettempdir()) / "spacerace-kernels" / folder.name
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


numba.config.CACHE_DIR = str(_writable(cache_dir()))   # read by numba when each kernel below is decorated


def is_cached(name: str) -> bool:
    """Has the kernel `name` (a function name) been compiled into the cache for these sources?"""
    return any(Path(numba.config.CACHE_DIR).rglob(f"*.{name}-*.nbi"))


def kernel(fn):
    """Compile an entry point of the rules (numba nopython mode, cached, no fastmath, GIL released)."""
    return _njit(cache=True, nogil=True, error_model="numpy", _nrt=False)(fn)


def direct(fn, args: tuple):
    """Kernel `fn` (a `kernel`) compiled for the numba types of `args` (loaded from the cache, or
    compiled now), as a plain callable that skips numba's dispatch at each call.

    The dispatcher types every argument again at every call: for the kernels'
    named tuples of ~150 arrays that is tens of microseconds, more right after
    a large step has flushed the caches, paid by each thread of a step.
    The callable must be given arguments of exactly these types (dtypes,
    dimensions, C-contiguous arrays): the caller guarantees it by building
    them the same way each time; other types are not checked. A plain Python
    function (not compiled) is returned as it is.
    """
    if not isinstance(fn, numba.core.registry.CPUDispatcher):
        return fn
    return fn.compile(tuple(numba.typeof(a) for a in args))


def part(fn):
    """Compile a piece of the rules that kernels call from several places: compiled once for each
    signature (keep the argument types of its calls alike: a literal 0 and an int64 variable are
    two signatures), then inlined into each caller by LLVM. Not callable from Python."""
    return _njit(error_model="numpy", _nrt=False, nogil=True, forceinline=True, no_cpython_wrapper=True,
                 no_cfunc_wrapper=True)(fn)


def inlined(fn):
    """Compile a piece of the rules with one caller as part of that caller (inlined at numba's IR
    level): a `part` would be optimised once on its own and again in its caller."""
    return _njit(inline="always", error_model="numpy")(fn)


def leaf(fn):
    """Compile a few lines of arithmetic on scalars into each caller (inlined at numba's IR level).
    Callable from Python too (the tests do)."""
    return _njit(inline="always", error_model="numpy")(fn)


@intrinsic
def fma(typingctx, a, b, c):
    """a * b + c for float64, rounded once (LLVM's fma: the processor's instruction, or the C
    library's correctly rounded fma where there is none), so the result is the same everywhere."""
    if not (a == types.float64 and b == types.float64 and c == types.float64):
        return None

    def codegen(context, builder, sig, args):
        f64 = ir.DoubleType()
        fn = cgutils.get_or_insert_function(builder.module, ir.FunctionType(f64, [f64, f64, f64]), "llvm.fma.f64")
        return builder.call(fn, args)
    return types.float64(types.float64, types.float64, types.float64), codegen


@intrinsic
def take_next(typingctx, counter):
    """Atomically add 1 to counter[0] (a 1-D int64 array) and return its value before: how
    threads running the same kernel share out blocks of work, each block taken exactly once."""
    def codegen(context, builder, sig, args):
        ary = context.make_array(sig.args[0])(context, builder, args[0])
        return builder.atomic_rmw("add", ary.data, ir.Constant(ir.IntType(64), 1), "monotonic")

    if not (isinstance(counter, types.Array) and counter.dtype == types.int64 and counter.ndim == 1):
        return None
    return types.int64(counter), codegen


def _prefetch_codegen(write: int):
    def codegen(context, builder, sig, args):
        ary = context.make_array(sig.args[0])(context, builder, args[0])
        ptr = builder.gep(ary.data, [args[1]])
        i32 = ir.IntType(32)
        fn = cgutils.get_or_insert_function(builder.module, ir.FunctionType(ir.VoidType(), [ptr.type, i32, i32, i32]),
                                            "llvm.prefetch.p0")
        # (address, write?, locality 2: the outer caches, data)
        builder.call(fn, [ptr, ir.Constant(i32, write), ir.Constant(i32, 2), ir.Constant(i32, 1)])
        return context.get_dummy_value()
    return codegen


def _is_bytes(arr) -> bool:
    return isinstance(arr, types.Array) and arr.dtype == types.uint8 and arr.ndim == 1


@intrinsic
def prefetch(typingctx, arr, index):
    """Ask the CPU to start loading the cache line of arr[index] (arr: 1-D uint8; index: uint64) for
    reading. A hint: it changes nothing but time (index must lie inside arr)."""
    if not (_is_bytes(arr) and index == types.uint64):
        return None
    return types.void(arr, index), _prefetch_codegen(0)


@intrinsic
def prefetch_to_write(typingctx, arr, index):
    """As prefetch, for a line about to be written (the CPU fetches it for ownership)."""
    if not (_is_bytes(arr) and index == types.uint64):
        return None
    return types.void(arr, index), _prefetch_codegen(1)
