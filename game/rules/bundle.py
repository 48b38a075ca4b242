"""Bundles: many arrays and scalars handed to the compiled rules as one pointer.

The kernels read the tables (~100 arrays) and the state (~40) through bundles.
To numba a bundle is a pointer to a buffer of descriptors (one numba array
struct, or one scalar, per field) and a base address added to every array's
data address (0, or the block a State lies in); `b.name` loads that field's
descriptor. A named tuple of the same arrays is copied whole,
field by field, at every inlined call and every use, which made the compiled
code (and the time to compile it) many times larger.

The buffer is written in Python before a kernel runs and only read by it, so
its loads are marked invariant: LLVM loads each descriptor once and keeps it,
as it would a function argument. A bundle's arrays must outlive the kernel
call (the Bundle object keeps them).

Python side: `Bundle.of(kind, values)` for arrays made once (the tables); and
`bundle_layout(...)` for the many States that share one memory layout: one
bundle whose data addresses are offsets, put over each block inside the kernel
with `on_block(bundle, block)`.
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.core.imputils import impl_ret_borrowed, lower_getattr_generic
from numba.core.typing.templates import AttributeTemplate
from numba.extending import NativeValue, infer_getattr, intrinsic, models, register_model, typeof_impl, unbox

_HEAD = 5   # an array struct's words before shape and strides: meminfo, parent, nitems, itemsize, data


def _words(ty) -> int:
    """Descriptor words (8 bytes each) of a field of numba type `ty`."""
    return _HEAD + 2 * ty.ndim if isinstance(ty, types.Array) else 1


class BundleType(types.Type):
    """A bundle of fields ((name, numba type), ...): arrays (C-contiguous) and scalars."""

    def __init__(self, kind: str, fields: tuple):
        self.kind, self.fields = kind, tuple(fields)
        self.index = {name: i for i, (name, _) in enumerate(self.fields)}
        offsets, word = [], 0
        for _, ty in self.fields:
            offsets.append(word)
            word += _words(ty)
        self.word_offsets, self.n_words = tuple(offsets), word
        super().__init__(name=f"{kind}({', '.join(f'{n}: {t}' for n, t in self.fields)})")


@register_model(BundleType)
class _BundleModel(models.StructModel):
    def __init__(self, dmm, fe_type):
        super().__init__(dmm, fe_type, [("words", types.voidptr), ("base", types.int64)])


@infer_getattr
class _BundleAttributes(AttributeTemplate):
    key = BundleType

    def generic_resolve(self, typ, attr):
        i = typ.index.get(attr)
        return None if i is None else typ.fields[i][1]


@lower_getattr_generic(BundleType)
def _load_field(context, builder, typ, value, attr):
    i = typ.index[attr]
    ty = typ.fields[i][1]
    bundle = cgutils.create_struct_proxy(typ)(context, builder, value=value)
    at = builder.gep(bundle.words, [ir.Constant(ir.IntType(64), 8 * typ.word_offsets[i])])
    stored = context.get_value_type(ty) if isinstance(ty, types.Array) else context.get_data_type(ty)
    loaded = builder.load(builder.bitcast(at, stored.as_pointer()))
    loaded.set_metadata("invariant.load", builder.module.add_metadata([]))
    if isinstance(ty, types.Array):
        array = cgutils.create_struct_proxy(ty)(context, builder, value=loaded)
        data = builder.gep(builder.bitcast(array.data, ir.IntType(8).as_pointer()), [bundle.base])
        array.data = builder.bitcast(data, array.data.type)
        loaded = array._getvalue()
    else:
        loaded = context.data_model_manager[ty].from_data(builder, loaded)
    return impl_ret_borrowed(context, builder, ty, loaded)


@intrinsic
def on_block(typingctx, bundle, block):
    """The bundle `bundle` (a BundleLayout's: its arrays' data addresses are offsets) over `block`
    (a 1-D uint8 array laid out as it says): its arrays are then those of the block."""
    if not (isinstance(bundle, BundleType) and isinstance(block, types.Array)):
        return None

    def codegen(context, builder, sig, args):
        out = cgutils.create_struct_proxy(sig.return_type)(context, builder, value=args[0])
        data = cgutils.create_struct_proxy(sig.args[1])(context, builder, value=args[1]).data
        out.base = builder.ptrtoint(data, ir.IntType(64))
        return out._getvalue()
    return bundle(bundle, block), codegen


@unbox(BundleType)
def _unbox(typ, obj, c):
    address = c.pyapi.object_getattr_string(obj, "address")
    pointer = c.pyapi.long_as_voidptr(address)
    c.pyapi.decref(address)
    bundle = cgutils.create_struct_proxy(typ)(c.context, c.builder)
    bundle.words = pointer
    bundle.base = ir.Constant(ir.IntType(64), 0)
    return NativeValue(bundle._getvalue(), is_error=cgutils.is_null(c.builder, pointer))


class Bundle:
    """The Python side of a bundle: its numba type, its descriptor buffer (`words`, int64) and the
    arrays it points into (kept alive with it). `address` is what a kernel receives."""

    __slots__ = ("numba_type", "words", "keep", "address")

    def __init__(self, numba_type: BundleType, words: np.ndarray, keep):
        self.numba_type, self.words, self.keep = numba_type, words, keep
        self.address = words.__array_interface__["data"][0]

    def __getattr__(self, name: str):
        """A field, read from Python (so the rules' plain Python forms, `fn.py_func`, take bundles)."""
        fields = object.__getattribute__(self, "keep")
        if isinstance(fields, dict) and name in fields:
            return fields[name]
        raise AttributeError(f"bundle has no field {name!r}")

    @staticmethod
    def of(kind: str, values: dict) -> Bundle:
        """A bundle of `values` (name -> C-contiguous array, or numpy scalar: int64, float32, float64,
        bool), in that order. The arrays are kept, not copied. Bundles of the same kind, names, dtypes
        and dimensions share one numba type (made once: making it costs far more than the words)."""
        key, words = [kind], []
        for name, v in values.items():
            if isinstance(v, np.ndarray):
                if not v.flags.c_contiguous:
                    raise ValueError(f"bundle {kind}: {name} is not C-contiguous")
                key.append((name, v.dtype.str, v.ndim))
                words += _descriptor_words(v)
            else:
                v = np.asarray(v)
                key.append((name, v.dtype.str, -1))
                slot = np.zeros(1, np.int64)
                slot.view(np.uint8)[:v.dtype.itemsize] = v.reshape(1).view(np.uint8)
                words.append(int(slot[0]))
        numba_type = _BUNDLE_TYPES.get(tuple(key))
        if numba_type is None:
            numba_type = _BUNDLE_TYPES[tuple(key)] = _bundle_type(kind, values)
        return Bundle(numba_type, np.array(words, np.int64), dict(values))


_BUNDLE_TYPES: dict = {}     # (kind, (name, dtype, ndim or -1 for a scalar)...) -> BundleType


def _bundle_type(kind: str, values: dict) -> BundleType:
    fields = []
    for name, v in values.items():
        if isinstance(v, np.ndarray):
            fields.append((name, types.Array(_numba_dtype(v.dtype), v.ndim, "C")))
        else:
            fields.append((name, _numba_dtype(np.asarray(v).dtype)))
    return BundleType(kind, tuple(fields))


def bundle_layout(kind: str, fields) -> Bundle:
    """A bundle of C-contiguous arrays that lie in one block of memory: `fields` gives each one's
    (name, shape, dtype, byte offset in the block), and its data address is that offset. The same
    bundle serves every block of that layout, given to a kernel with on_block(bundle, block); used
    as it is, its arrays point nowhere."""
    types_, parts = [], []
    for name, shape, dtype, offset in fields:
        dtype = np.dtype(dtype)
        strides = [dtype.itemsize * int(np.prod(shape[i + 1:], dtype=np.int64)) for i in range(len(shape))]
        types_.append((name, types.Array(_numba_dtype(dtype), len(shape), "C")))
        size = int(np.prod(shape, dtype=np.int64))
        parts.append(np.array([0, 0, size, dtype.itemsize, offset, *shape, *strides], np.int64))
    return Bundle(BundleType(kind, tuple(types_)), np.concatenate(parts), None)


@typeof_impl.register(Bundle)
def _typeof_bundle(value, context):
    return value.numba_type


def _descriptor_words(a: np.ndarray) -> list:
    """The int64 words of numba's array struct for `a`: meminfo and parent (none), size, itemsize, data
    address, shape, strides (bundle_layout writes the same words for arrays inside a block)."""
    return [0, 0, a.size, a.itemsize, a.__array_interface__["data"][0], *a.shape, *a.strides]


def _numba_dtype(dtype: np.dtype):
    from numba.np.numpy_support import from_dtype

    return from_dtype(dtype)
