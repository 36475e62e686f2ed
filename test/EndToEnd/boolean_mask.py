# Boolean-mask indexing and nonzero against NumPy: masks of rank 1 to 3
# computed in the graph or passed in, combined with slices; set and
# inc_subtensor through masks; nonzero / flatnonzero / nonzero_values of
# float64, float32 (NaN counts as nonzero), int32 and bool. Random,
# empty, all-false and strided (non-contiguous) inputs through the C ABI,
# and the check of the mask's shape before the call. The same at -O0.
# RUN: %tcc %S/Inputs/boolean_mask_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/boolean_mask_model.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
#
# CHECK: random: ok
# CHECK-NEXT: strided: ok
# CHECK-NEXT: all false: ok
# CHECK-NEXT: empty: ok
# CHECK-NEXT: mismatch: select: argument 5 ('r') has shape (4,) but argument 0 ('x') has shape (3, 3): boolean mask indexing at {{.*}}boolean_mask_model.th:16:{{[0-9]+}} needs r.shape[0] == x.shape[0]
# CHECK-NEXT: unchanged: ok
import sys
import warnings

import numpy as np
import tcc
from tcc_testing import same

model = tcc.load(sys.argv[1])
rng = np.random.RandomState(7)
# The mean of no elements is NaN, as in NumPy.
warnings.filterwarnings("ignore", "Mean of empty slice")
np.seterr(invalid="ignore")


def inputs(n, strided, density):
    """x, t, m and r index each other both ways (x[:, r], t[:, m]), so
    every dimension has size n."""
    step = 2 if strided else 1
    x = rng.uniform(-1, 1, size=(n, n * step))[:, ::step]
    x[rng.uniform(size=x.shape) > density] = 0
    t = rng.uniform(0, 1, size=(n * step, n, n))[::step]
    v = rng.uniform(-1, 1, size=(n * step,)).astype(np.float32)[::step]
    v[::3] = np.nan
    i = rng.randint(-5, 6, size=(n,)).astype(np.int32)
    m = (rng.uniform(size=(n, n * step)) < density)[:, ::step]
    r = (rng.uniform(size=(n * step,)) < density)[::step]
    if strided and n > 1:
        for a in (x, t, v, m, r):
            assert not a.flags.c_contiguous
    return x, t, v, i, m, r


def select(x, t, v, i, m, r):
    return [x[x > 0], x[m], x[r], x[:, r], x[r, 1:], t[m], t[:, m],
            t[t < 0.5], t[1:, m], v[np.isnan(v)], v[~np.isnan(v)],
            i[i % 2 == 0], x[r][:, r], np.float64((x[x > 0] * 2).sum()),
            x[x > 0] + x[x > 0].mean()]


def update(x, v, m, r):
    outs = [x.copy(), x.copy(), x.copy(), v.copy(), x.copy()]
    outs[0][x < 0] = 0
    outs[1][m] += 10
    outs[2][r] = v.astype(np.float64)
    outs[3][v > 0] -= v[v > 0]
    outs[4][:, r] = -1
    return outs


def coordinates(x, t, i, m):
    return [np.nonzero(x)[0], np.nonzero(x)[1], np.array(np.nonzero(t)).reshape(3, -1),
            np.array(np.nonzero(m)).reshape(2, -1), np.flatnonzero(x),
            np.flatnonzero(i), x[x != 0], i[i != 0], np.nonzero(m)[1]]


def run(label, n, strided, density):
    x, t, v, i, m, r = inputs(n, strided, density)
    same(label, model.select(x, t, v, i, m, r), select(x, t, v, i, m, r))
    same(label, model.update(x, v, m, r), update(x, v, m, r))
    same(label, model.coordinates(x, t, i, m), coordinates(x, t, i, m))
    print(f"{label}: ok")


run("random", 5, False, 0.5)
run("strided", 4, True, 0.6)
run("all false", 3, False, 0.0)
run("empty", 0, False, 0.5)

# A mask of the wrong length fails before the call and leaves the
# arguments alone.
x, t, v, i, m, r = inputs(3, False, 0.5)
x_before = x.copy()
try:
    model.select(x, t, v, i, m, np.ones(4, dtype=bool))
    print("mismatch: no error")
except tcc.Error as e:
    print("mismatch:", e)
assert np.array_equal(x, x_before)
print("unchanged: ok")
