"""What the op-family tests share: Theano's dtype rules for the references,
random data per dtype, and the memory layouts every family is called with
(contiguous, strided, transposed and empty) through the C ABI."""
import math

import numpy as np

INTS = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
FLOATS = ["float32", "float64"]
FLOATX = np.float64


def upgrade_to_float(dtype):
    """Theano's upgrade_to_float: the float type an integer is computed in
    by exp, sin, floor, ... (bool and 8/16-bit integers to float32)."""
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return dtype
    return np.dtype(np.float32 if dtype.itemsize <= 2 else np.float64)


def random_values(rng, dtype, shape, low=-20, high=20):
    """Random values of `dtype` in [low, high) (unsigned types from 0),
    never 0 for integers so they can divide."""
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return rng.rand(*shape) < 0.5
    if dtype.kind == "f":
        return rng.uniform(low, high, size=shape).astype(dtype)
    low = max(low, 0) if dtype.kind == "u" else low
    values = rng.randint(low, high, size=shape)
    values[values == 0] = 1
    return values.astype(dtype)


def layouts(make):
    """(label, x, y) with x a 3x4 matrix and y a 1x4 row made by
    make(shape), laid out in every way a caller can pass them."""
    yield "contiguous", make((3, 4)), make((1, 4))
    x, y = make((6, 8))[::2, 1::2], make((2, 8))[:1, ::2]
    assert not x.flags.c_contiguous and not y.flags.c_contiguous
    yield "strided", x, y
    x = make((4, 3)).T
    assert x.flags.f_contiguous and not x.flags.c_contiguous
    yield "transposed", x, make((1, 4))
    yield "0x4", make((0, 4)), make((1, 4))
    yield "3x0", make((3, 0)), make((1, 0))


def in_float64(f, x, dtype):
    """f (a scalar function of Python's math module) elementwise in double
    precision, rounded once to `dtype`: the reference for functions NumPy
    lacks or computes less accurately in float32."""
    out = np.vectorize(f, otypes=[np.float64])(x.astype(np.float64))
    return out.astype(dtype)


def erf(x, dtype):
    return in_float64(math.erf, x, dtype)


def erfc(x, dtype):
    return in_float64(math.erfc, x, dtype)


def same(label, got, want):
    """Outputs equal the references: same dtype and shape, values within
    the rounding of the dtype (float32 to 4e-6 relative, float64 1e-12,
    integers and bools exactly)."""
    assert len(got) == len(want), (label, len(got), len(want))
    for k, (g, w) in enumerate(zip(got, want)):
        w = np.asarray(w)
        assert g.dtype == w.dtype, (label, k, g.dtype, w.dtype)
        assert g.shape == w.shape, (label, k, g.shape, w.shape)
        rtol = 4e-6 if w.dtype == np.float32 else 1e-12
        np.testing.assert_allclose(g, w, rtol=rtol, atol=0,
                                   err_msg=f"{label} output {k}")


def layouts3(make, empty=((2, 0, 4), (0, 3, 4))):
    """(label, x) with x a 2x3x4 tensor3 made by make(shape) in every
    layout, then the `empty` shapes."""
    yield "contiguous", make((2, 3, 4))
    x = make((4, 6, 8))[::2, ::2, 1::2]
    assert x.shape == (2, 3, 4) and not x.flags.c_contiguous
    yield "strided", x
    x = make((4, 3, 2)).transpose(2, 1, 0)
    assert not x.flags.c_contiguous
    yield "transposed", x
    for shape in empty:
        yield "x".join(map(str, shape)), make(shape)


def accumulator(dtype):
    """The dtype Theano's sum and prod return: signed integers and bool to
    int64, unsigned to uint64, floats unchanged."""
    dtype = np.dtype(dtype)
    if dtype.kind in "ib":
        return np.dtype(np.int64)
    if dtype.kind == "u":
        return np.dtype(np.uint64)
    return dtype


LAYOUTS = ["contiguous", "strided", "transposed"]


def laid_out(make, shape, layout):
    """An array of `shape` made by make(shape) and laid out in memory as
    `layout` says: contiguous, every axis strided by 2, or axes reversed
    (Fortran order; a vector is strided instead)."""
    if layout == "contiguous":
        return make(shape)
    if layout == "transposed" and len(shape) > 1:
        return make(shape[::-1]).transpose(*reversed(range(len(shape))))
    return make(tuple(2 * s for s in shape))[(slice(None, None, 2),) * len(shape)]
