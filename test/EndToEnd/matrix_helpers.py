# Theano's matrix helpers and compositions against NumPy: tril/triu/tri,
# diagonal/diag/trace/fill_diagonal (offsets, axes, rank 3), to_one_hot
# (and its index error), inv/iround/deg2rad/rad2deg, largest/smallest,
# ptp, norm, max_and_argmax, isclose/allclose (NaN and inf), roll (static
# and run-time shifts, axis None), diff, stacklists; on random, strided,
# non-square and empty inputs through the Python loader. The same at -O0.
# RUN: %tcc %S/Inputs/matrix_helpers_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/matrix_helpers_model.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
# CHECK: 4x5: ok
# CHECK-NEXT: 5x3 strided: ok
# CHECK-NEXT: 3x3: ok
# CHECK-NEXT: 0x4: ok
# CHECK-NEXT: one_hot: ok
# CHECK-NEXT: IndexOutOfBounds status=6: one_hot: index 5 is out of bounds for axis 1 with size 5 (advanced_set_subtensor at {{.*}}matrix_helpers_model.th:20:33)
# CHECK-NEXT: close: ok
# CHECK-NEXT: lists: ok
# CHECK-NEXT: weighted: ok
# CHECK-NEXT: Error status=1: weighted: argument 1 ('v') has shape (3,) but argument 0 ('x') has shape (4, 5): elementwise mul at {{.*}}matrix_helpers_model.th:39:51 needs v.shape[0] == min(x.shape[0], x.shape[1])
import sys

import numpy as np
import tcc
from tcc_testing import same, show_error

model = tcc.load(sys.argv[1])
rng = np.random.RandomState(3)


def diag_of(x, k):
    return np.diagonal(x, k).copy()


def fill_diagonal(x, value, k=0):
    out = x.copy()
    rows = np.arange(max(0, min(x.shape[0] - max(-k, 0), x.shape[1] - max(k, 0))))
    out[rows + max(-k, 0), rows + max(k, 0)] = value
    return out


def run(label, rows, cols, strided):
    step = 2 if strided else 1
    x = rng.randn(rows, cols * step)[:, ::step]
    x[x > 1.2] = 2.5  # ties for iround and half-way points
    f = rng.randn(rows, cols).astype(np.float32)
    v = rng.randn(cols * step)[::step]
    t = rng.randn(3, rows, cols)
    y = rng.randint(-3, 4, size=cols).astype(np.int32)
    if strided:
        assert not x.flags.c_contiguous and not v.flags.c_contiguous
    same(label, model.triangles(x, f), [
        np.tril(x), np.tril(x, -1), np.triu(x), np.triu(x, 2),
        np.tri(3, 5, 1), np.tri(4, dtype=np.int32), np.tril(f)])
    same(label, model.diagonals(x, v, t), [
        diag_of(x, 0), diag_of(x, 1), diag_of(x, -2), np.trace(x),
        np.diag(v), np.diag(v, 2), np.diag(v, -1), np.diag(x),
        np.diagonal(t, 0, 2, 0), np.diagonal(t, 1, 1, 2),
        fill_diagonal(x, 7), fill_diagonal(x, -1, 1)])
    with np.errstate(divide="ignore"):
        inv_x = 1 / x
        inv_y = 1 / y.astype(np.float64)
    want_max = [x.max(axis=0), x.argmax(axis=0)]
    ptp = [np.float64(np.ptp(x)), np.ptp(x, axis=1), np.ptp(x, axis=0)]
    vv = np.stack([v, v * 2, v - 1])
    same(label, model.math(x, v, y), [
        inv_x, inv_y, np.round(x).astype(np.int64),
        (np.sign(x) * np.floor(np.abs(x) + 0.5)).astype(np.int64),
        x * (np.pi / 180), y * (180 / np.pi), np.where(x > v, x, v),
        vv.min(axis=0), *ptp, np.float64(np.sqrt((x ** 2).sum())),
        np.abs(x).sum(axis=0), np.float64((np.abs(v) ** 3).sum() ** (1 / 3)),
        *want_max])
    x_shift = 4
    same(label, model.shifts(x, t, x_shift), [
        np.roll(x, 1), np.roll(x, -1, axis=1), np.roll(x, x_shift, axis=0),
        np.roll(t, 7, 2), np.roll(x, x_shift), np.diff(x),
        np.diff(x, n=2, axis=0), np.diff(t, axis=1)])
    print(f"{label}: ok")


run("4x5", 4, 5, False)
run("5x3 strided", 5, 3, True)
run("3x3", 3, 3, False)
# Empty rows: the reductions of math() have no identity for max, so it is
# left out; everything else has NumPy's empty results.
x = np.zeros((0, 4))
t = np.zeros((3, 0, 4))
same("0x4", model.triangles(x, np.zeros((0, 4), np.float32))[:4],
     [x, x, x, x])
same("0x4", model.diagonals(x, np.zeros(4), t)[:4],
     [np.zeros(0), np.zeros(0), np.zeros(0), np.float64(0)])
same("0x4", model.shifts(x, t, 2)[1:2], [x])
print("0x4: ok")

y = np.array([0, 4, 2, 2], dtype=np.int32)
eye = np.eye(5)
same("one_hot", model.one_hot(y), [eye[y], eye[y].astype(np.int8)])
print("one_hot: ok")
show_error(model.one_hot, np.array([1, 5], dtype=np.int32))

x = np.array([[1.0, np.nan, np.inf, -np.inf], [1.05, 2.0, np.inf, 0.0]])
v = np.array([1.0, np.nan, np.inf, np.inf])
same("close", model.close(x, v), [
    np.isclose(x, v), np.isclose(x, v, rtol=0.1, atol=0.5, equal_nan=True),
    np.bool_(np.allclose(x, x)), np.bool_(np.allclose(x, v))])
print("close: ok")

v = np.array([1.5, -2.0, 3.0])
same("lists", model.lists(2.0, v), [np.array([[2.0, 4.0], [6.0, 4.0]]),
                                    np.stack([v, v + 1])])
print("lists: ok")

x = rng.randn(5, 3)
v = rng.randn(3)
same("weighted", model.weighted(x, v), [np.diagonal(x) * v, np.prod(x, axis=0)])
print("weighted: ok")
show_error(model.weighted, rng.randn(4, 5), rng.randn(3))
