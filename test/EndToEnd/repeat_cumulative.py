# cumsum, cumprod, repeat, tile, eye, identity_like and alloc of a tensor
# against NumPy: float64, float32, int32 and int8 inputs (each op keeps
# Theano's dtype: the input's for cumsum/cumprod, floatX or the given one
# for eye), every axis, flattening, empty arrays and strided views passed
# through the C ABI. The same at -O0.
# RUN: %tcc %S/Inputs/repeat_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/repeat_model.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
#
# CHECK: totals 3x4: ok
# CHECK-NEXT: totals strided: ok
# CHECK-NEXT: totals empty: ok
# CHECK-NEXT: copies 3x4: ok
# CHECK-NEXT: copies strided: ok
# CHECK-NEXT: copies empty: ok
# CHECK-NEXT: eyes 3x4: ok
# CHECK-NEXT: eyes 2x2: ok
# CHECK-NEXT: counted 3x4: ok
# CHECK-NEXT: counted empty: ok
# CHECK-NEXT: Error status=1: counted: argument 2 ('n') is -1: alloc at {{.*}}repeat_model.th:{{[0-9]+}}:{{[0-9]+}} needs n >= 0 (negative dimensions are not allowed)
import sys

import numpy as np
import tcc
from tcc_testing import show_error

m = tcc.load(sys.argv[1])
rng = np.random.RandomState(3)


def check(label, got, want):
    assert len(got) == len(want), (len(got), len(want))
    for k, (g, w) in enumerate(zip(got, want)):
        assert g.dtype == w.dtype, (label, k, g.dtype, w.dtype)
        assert g.shape == w.shape, (label, k, g.shape, w.shape)
        np.testing.assert_allclose(g, w, rtol=1e-6, atol=0, err_msg=f"{label} output {k}")
    print(f"{label}: ok")


def inputs(rows, cols, strided):
    big = (2 if strided else 1)
    x = rng.uniform(-2, 2, size=(rows, cols * big))[:, ::big]
    v = rng.uniform(0.5, 1.5, size=(cols * big,)).astype(np.float32)[::big]
    i = rng.randint(-3, 4, size=(rows * big, cols)).astype(np.int32)[::big]
    b = rng.randint(-5, 6, size=(cols,)).astype(np.int8)
    t = rng.uniform(-1, 1, size=(2, rows, cols * big))[:, :, ::big]
    if strided:
        assert not x.flags.c_contiguous and not t.flags.c_contiguous
    return x, v, i, b, t


def totals(x, v, i, b, t):
    # Theano keeps the input dtype (NumPy widens int8 / int32 sums).
    return [np.cumsum(x, axis=0), np.cumsum(x, axis=-1), np.cumprod(x, axis=1),
            np.cumsum(x), np.cumsum(v), np.cumprod(i, axis=0).astype(np.int32),
            np.cumsum(b).astype(np.int8), np.cumprod(t, axis=1)]


def copies(x, v, i, t):
    return [np.repeat(x, 2, axis=1), np.repeat(x, 3, axis=0), np.repeat(v, 2),
            np.repeat(i, x.shape[0], axis=-1), np.tile(x, (2, 3)), np.tile(v, 3),
            np.tile(i, (2, 1, 2)), np.tile(t[None], [1, 1, 1, 2]), np.repeat(t, 2, axis=1)]


def eyes(x):
    return [np.eye(3), np.eye(x.shape[0], x.shape[1], 1), np.eye(4, 2, -1, dtype=np.int32),
            np.eye(*x.shape), np.broadcast_to(x[0], (2, x.shape[1])) + x[:2]]


for label, rows, cols, strided in [("3x4", 3, 4, False), ("strided", 3, 4, True),
                                   ("empty", 0, 4, False)]:
    x, v, i, b, t = inputs(rows, cols, strided)
    if rows == 0:
        v, b = v[:0], b[:0]
    check(f"totals {label}", m.totals(x, v, i, b, t), totals(x, v, i, b, t))
for label, rows, cols, strided in [("3x4", 3, 4, False), ("strided", 3, 4, True),
                                   ("empty", 0, 4, False)]:
    x, v, i, b, t = inputs(rows, cols, strided)
    check(f"copies {label}", m.copies(x, v, i, t), copies(x, v, i, t))
for label, rows, cols in [("3x4", 3, 4), ("2x2", 2, 2)]:
    x = inputs(rows, cols, False)[0]
    check(f"eyes {label}", m.eyes(x), eyes(x))

for label, rows, n, k in [("3x4", 3, 3, 2), ("empty", 0, 1, 0)]:
    x, v = inputs(rows, 4, False)[:2]
    got = m.counted(x, v, n, k)
    want = [np.repeat(x, n, axis=0), np.repeat(v, k + 1), np.tile(x, (n, k)),
            np.tile(v, n * 2), x.reshape((n, -1)), np.repeat(x, 3, axis=1)]
    check(f"counted {label}", got, want)
x, v = inputs(3, 4, False)[:2]
show_error(m.counted, x, v, -1, 1)
