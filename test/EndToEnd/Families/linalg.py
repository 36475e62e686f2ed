# The products on every dtype against NumPy: dot of every rank pair Theano
# accepts (tensor3 . matrix is tensordot, as in Theano), transposed
# operands, outer, tensordot over one and two axes, batched_dot, the
# product scaled by int8 constants (uint8 then upcasts to int16), and
# mixed dtypes; operands contiguous, strided by 2 on every axis or
# transposed (the BLAS calls' transpose flags and copies), and with each
# size 0 in turn. Integer-valued data make the references exact. The same
# at -O0.
# RUN: %tcc %S/Inputs/linalg_model.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %tcc -O0 %S/Inputs/linalg_model.th -o %t.O0.so
# RUN: %python %s %t.O0.so | FileCheck %s
# CHECK: products: 6 dtypes x 7 cases ok
# CHECK-NEXT: mixed: 7 cases ok
import sys

import numpy as np
import tcc
from op_families import LAYOUTS, laid_out, same

model = tcc.load(sys.argv[1])
rng = np.random.RandomState(5)
# (m, k, n, batch): a is m x k, b is k x n, v and w have k elements, t is
# batch x m x k and u batch x k x n.
SIZES = [(3, 4, 5, 2), (3, 0, 5, 2), (0, 4, 5, 2), (3, 4, 0, 2), (3, 4, 5, 0)]
CASES = [(layout, SIZES[0]) for layout in LAYOUTS] + \
    [("contiguous", sizes) for sizes in SIZES[1:]]


def values(dtype):
    low = 0 if np.dtype(dtype).kind == "u" else -3
    return lambda shape: rng.randint(low, 3, size=shape).astype(dtype)


def operands(make, layout, sizes):
    m, k, n, batch = sizes
    shapes = [(m, k), (k, n), (k,), (k,), (batch, m, k), (batch, k, n)]
    return [laid_out(make, shape, layout) for shape in shapes]


def products(a, b, v, w, t, u):
    two, one = np.full((1, 1), 2, np.int8), np.full((1, 1), 1, np.int8)
    return [np.asarray(np.dot(v, w)), np.dot(a, v), np.dot(v, b), np.dot(a, b),
            np.dot(a, b).T, np.dot(a, b), np.dot(t, b), np.outer(v, w),
            np.tensordot(t, b, axes=[[2], [0]]),
            np.tensordot(t, a, axes=[[1, 2], [0, 1]]),
            np.tensordot(a, b, axes=1), np.matmul(t, u),
            np.dot(a, b) * two + one]


for dtype in ["int8", "int32", "int64", "uint8", "float32", "float64"]:
    fn = getattr(model, "products_" + dtype)
    for layout, sizes in CASES:
        args = operands(values(dtype), layout, sizes)
        same(f"products_{dtype} {layout} {sizes}", fn(*args), products(*args))
print(f"products: 6 dtypes x {len(CASES)} cases ok")

for layout, (m, k, n, _) in CASES:
    def make(shape, dtype):
        return laid_out(values(dtype), shape, layout)

    fa, db = make((m, k), np.float32), make((k, n), np.float64)
    iv, fw, bm = make((k,), np.int32), make((k,), np.float32), make((m, k), np.int8)
    same(f"mixed {layout}", model.mixed(fa, db, iv, fw, bm),
         [np.dot(fa, db), np.asarray(np.dot(iv, fw)), np.dot(fa, iv),
          np.dot(bm, db), np.dot(bm, iv)])
print(f"mixed: {len(CASES)} cases ok")
