# split (sizes from constants, an int scalar input and x.shape; any axis;
# empty pieces), swapaxes, tensor_copy/copy, ravel, round (both modes),
# fill/zeros_like/ones_like as methods (fill's 2.5 is a float32 constant,
# as Theano autocasts it), mgrid/ogrid (int64 and float grids),
# theano.tensor.xlogx's xlogx/xlogy0 (0 at x == 0; int8 computes in
# float32): against NumPy on contiguous, strided and empty inputs. The same
# at -O0.
# RUN: %tcc %S/Inputs/array_helpers_model.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %tcc -O0 %S/Inputs/array_helpers_model.th -o %t.O0.so
# RUN: %python %s %t.O0.so | FileCheck %s
# CHECK: pieces: ok
# CHECK-NEXT: Error status=1: pieces: argument 1 ('n') is 2 but argument 0 ('x') has shape (4, 4): reshape at {{.*}}array_helpers_model.th:10:23 needs x.shape[0] * x.shape[1] == x.shape[0] * (n + 3)
# CHECK-NEXT: axes: ok
# CHECK-NEXT: grids: ok
# CHECK-NEXT: logs: ok
import sys

import numpy as np
import tcc
from tcc_testing import same, show_error

model = tcc.load(sys.argv[1])
rng = np.random.RandomState(2)


def round_half_away(x):
    return np.sign(x) * np.floor(np.abs(x) + 0.5)


for rows, cols, step in [(4, 4, 1), (5, 4, 2), (2, 3, 1)]:
    x = np.round(rng.randn(rows, cols * step) * 4) / 2
    x = x[:, ::step]
    n = cols - 3
    same("pieces", model.pieces(x, n),
         [x[:, :1], x[:, 1:1 + n], x[:, 1 + n:], x[:2], x[2:]])
print("pieces: ok")
show_error(model.pieces, np.ones((4, 4)), 2)

for shape in [(3, 4), (0, 4)]:
    x = np.round(rng.randn(*shape) * 4) / 2  # half-way points for round
    t = rng.randint(-9, 9, size=(2,) + shape).astype(np.int32)[:, ::-1]
    same("axes", model.axes(x, t), [
        x.T, np.swapaxes(t, -1, 0), t, x, t, t.ravel(), np.round(x),
        round_half_away(x), np.full(x.shape, 2.5, np.float32),np.zeros(t.shape, np.int8),
        np.ones_like(x)])
print("axes: ok")

same("grids", model.grids(), list(np.mgrid[0:3, 1:8:3]) +
     [g.astype(np.int64) for g in np.ogrid[0:2, -1:1]] +
     list(np.mgrid[0:1.5:0.5, 2:4].astype(np.float64)))
print("grids: ok")

for x in [np.array([[0.0, 1.5, -2.0], [3.0, 0.0, 0.25]]), np.zeros((0, 3)),
          rng.randn(6, 4)[::2, 1::2]]:
    a = np.abs(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        a8 = np.abs(x).astype(np.int8).astype(np.float32)
        same("logs", model.logs(x), [
            np.where(a == 0, 0, a * np.log(a)),
            np.where(x == 0, 0, x * np.log(a + 1)),
            np.where(a8 == 0, 0, a8 * np.log(a8)).astype(np.float32)])
print("logs: ok")
