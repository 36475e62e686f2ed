# T.sort and T.argsort against NumPy: every axis of a matrix and a rank-3
# tensor, axis=None, NaN sorted last, ties kept in order (rows of at most
# 16 elements, where NumPy's default sort is stable too; longer rows against
# kind='stable'), float32, signed,
# unsigned and bool dtypes, strided and empty inputs, slices of the result
# with run-time bounds. The same at -O0.
# RUN: %tcc %S/Inputs/sort_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/sort_model.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
# CHECK: random: ok
# CHECK-NEXT: strided: ok
# CHECK-NEXT: ties and nan: ok
# CHECK-NEXT: empty: ok
# CHECK-NEXT: dtypes: ok
# CHECK-NEXT: smallest: ok
import sys

import numpy as np
import tcc
from tcc_testing import same

model = tcc.load(sys.argv[1])
rng = np.random.RandomState(9)


def stable(a, axis):
    """NumPy's argsort with ties in their original order (tcc's; NumPy's
    default introsort agrees on rows of up to 16 elements)."""
    return np.argsort(a, axis=axis, kind="stable")


def check(label, x, t):
    same(label, model.floats(x, t), [
        np.sort(x), np.sort(x, axis=0), np.sort(x, axis=None), np.sort(x, axis=1),
        stable(x, -1), stable(x, 0), stable(x, None),
        np.sort(t, axis=1), stable(t, 0), np.sort(t)])
    print(f"{label}: ok")


check("random", rng.randn(5, 7), rng.randn(3, 4, 6))
x = rng.randn(6, 14)[::2, ::2]
t = rng.randn(3, 8, 6)[:, ::2]
assert not x.flags.c_contiguous and not t.flags.c_contiguous
check("strided", x, t)
x = rng.randint(0, 3, size=(4, 9)).astype(np.float64)
x[1, 2] = x[3, 0] = x[3, 5] = np.nan
x[2, 4] = -np.inf
t = rng.randint(0, 2, size=(5, 3, 4)).astype(np.float64)
check("ties and nan", x, t)
check("empty", np.zeros((0, 5)), np.zeros((2, 0, 3)))

f = rng.randn(11).astype(np.float32)
i8 = rng.randint(-128, 128, size=13).astype(np.int8)
u16 = rng.randint(0, 65536, size=12).astype(np.uint16)
i64 = rng.randint(-2**62, 2**62, size=10).astype(np.int64)
b = rng.randint(0, 2, size=9).astype(bool)
same("dtypes", model.dtypes(f, i8, u16, i64, b), [
    np.sort(f), np.argsort(f), np.sort(i8), np.argsort(i8, kind="stable"),
    np.sort(u16), np.argsort(u16, kind="stable"), np.sort(i64),
    np.argsort(i64), np.sort(b), np.argsort(b, kind="stable")])
print("dtypes: ok")

x = rng.randn(4, 10)
same("smallest", [model.smallest(x, 3)], [np.sort(x)[:, :3]])
print("smallest: ok")
