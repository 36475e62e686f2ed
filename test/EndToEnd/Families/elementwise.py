# The elementwise families on every real dtype against NumPy, each called
# with contiguous, strided, transposed and empty inputs through the C ABI
# and broadcasting a row: arithmetic (Theano's int / int -> floatX, clip's
# upcast with an int8 constant), comparisons and switch, floor/ceil/round
# and casts, the transcendental functions (integers upgraded to float32 or
# float64 as Theano's upgrade_to_float), integer division, modulo and
# bitwise ops, float floor division and the inverse trig functions, and
# logic on bools. The same at -O0.
# RUN: %tcc %S/Inputs/elementwise_model.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %tcc -O0 %S/Inputs/elementwise_model.th -o %t.O0.so
# RUN: %python %s %t.O0.so | FileCheck %s
# CHECK: arith: 10 dtypes x 5 layouts ok
# CHECK-NEXT: compare: 10 dtypes x 5 layouts ok
# CHECK-NEXT: exact: 10 dtypes x 5 layouts ok
# CHECK-NEXT: math: 10 dtypes x 5 layouts ok
# CHECK-NEXT: integer: 8 dtypes x 5 layouts ok
# CHECK-NEXT: floatdiv: 2 dtypes x 5 layouts ok
# CHECK-NEXT: logic: 1 dtypes x 5 layouts ok
import sys

import numpy as np
import tcc
from op_families import (FLOATS, FLOATX, INTS, erf, erfc, layouts,
                         random_values, same, upgrade_to_float)

model = tcc.load(sys.argv[1])
rng = np.random.RandomState(7)
int8_const = np.int8  # a Python int literal in a Theano graph


def const(value):
    """A Python int literal as Theano types it (int8 here), as an array so
    NumPy promotes it by type, not by value."""
    return np.full((1, 1), value, dtype=int8_const)


def arith(x, y):
    if x.dtype.kind in "iu":
        quotient = x.astype(FLOATX) / y.astype(FLOATX)
    else:
        quotient = x / y
    return [x + y, x - y, x * y, quotient, np.maximum(x, y), np.minimum(x, y),
            np.abs(x), np.negative(x), np.sign(x),
            np.clip(x, y, y + const(5)), x * x]


def compare(x, y):
    if x.dtype.kind == "f":
        nan, inf = np.isnan(x), np.isinf(x)
    else:
        nan = inf = np.zeros(x.shape, bool)
    return [x < y, x <= y, x > y, x >= y, x == y, x != y, np.where(x > y, x, y),
            nan, inf]


def exact(x, y):
    f = x.astype(upgrade_to_float(x.dtype))
    return [np.floor(f), np.ceil(f), np.round(f), x.astype(np.int16),
            x.astype(np.float32), x.astype(np.float64), x != 0,
            np.zeros_like(x), np.ones_like(x), np.full(x.shape, 3, np.int8)]


def math_functions(x, y):
    dtype = upgrade_to_float(x.dtype)
    d = x.astype(np.float64)

    def r(v):
        return v.astype(dtype)

    power = x ** y if x.dtype.kind in "iu" else r(d ** y.astype(np.float64))
    return [r(np.exp(d)), r(np.log(d)), r(np.sqrt(d)), r(np.sin(d)),
            r(np.cos(d)), r(np.tan(d)), r(np.tanh(d)), r(np.sinh(d)),
            r(np.cosh(d)), r(np.arctan(d)), r(np.arcsinh(d)),
            r(np.arccosh(d)), r(np.expm1(d)), r(np.log1p(d)), r(np.log2(d)),
            r(np.log10(d)), r(np.exp2(d)), erf(x, dtype), erfc(x, dtype),
            r(1 / (1 + np.exp(-d))), r(1 / d), power]


def integer(x, y):
    return [x // y, x % y, x & y, x | y, x ^ y, ~x]


def floatdiv(x, y):
    d = x.astype(np.float64)

    def r(v):
        return v.astype(x.dtype)

    return [x // y, x % y, r(np.arcsin(d / 4)), r(np.arccos(d / 4)),
            r(np.arctanh(d / 4)), r(np.arctan2(d, y.astype(np.float64)))]


def logic(a, b):
    return [a & b, a | b, a ^ b, ~a, a & b, a | b, a ^ b, ~a, a == b,
            np.where(a, b, ~b), a.astype(np.int8), a.astype(np.float64)]


def family(name, dtypes, reference, low=-20, high=20):
    for dtype in dtypes:
        fn = getattr(model, f"{name}_{dtype}")

        def make(shape):
            return random_values(rng, dtype, shape, low, high)

        for layout, x, y in layouts(make):
            label = f"{name}_{dtype} {layout}"
            with np.errstate(all="ignore"):
                same(label, fn(*(x, y)[:len(fn.inputs)]), reference(x, y))
    print(f"{name}: {len(dtypes)} dtypes x 5 layouts ok")


family("arith", INTS + FLOATS, arith)
family("compare", INTS + FLOATS, compare)
family("exact", INTS + FLOATS, exact)
# Positive inputs inside every function's domain; integers 1 and 2.
family("math", INTS + FLOATS, math_functions, low=1, high=3)
family("integer", INTS, integer)
family("floatdiv", FLOATS, floatdiv, low=1, high=3)
family("logic", ["bool"], logic)
