# Shape ops and indexing on several dtypes against NumPy: reshape with
# run-time sizes and -1, flatten, dimshuffle, transpose, padding, stack,
# concatenate, tile, repeat, squeeze, shape (x.shape as a vector output),
# basic slicing with negative steps, set/inc_subtensor on slices; integer
# indexing, advanced indexing by int64 and int32 index arrays (negative and
# repeated indices; inc_subtensor accumulates repeats as np.add.at), paired
# index arrays and boolean masks. Matrices and index arrays contiguous,
# strided or transposed, and empty for the shape ops. The same at -O0.
# RUN: %tcc %S/Inputs/shapes_model.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %tcc -O0 %S/Inputs/shapes_model.th -o %t.O0.so
# RUN: %python %s %t.O0.so | FileCheck %s
# CHECK: reshape: 5 dtypes x 5 layouts ok
# CHECK-NEXT: gather: 5 dtypes x 3 layouts ok
# CHECK-NEXT: IndexOutOfBounds status=6: gather_float64: index 3 is out of bounds for axis 0 with size 3 (advanced_subtensor at {{.*}}shapes_model.th:25:48)
import sys

import numpy as np
import tcc
from op_families import LAYOUTS, laid_out, layouts, random_values, same
from tcc_testing import show_error

model = tcc.load(sys.argv[1])
rng = np.random.RandomState(13)
DTYPES = ["int8", "uint16", "int64", "float32", "float64"]


def set_(x, index, value):
    out = x.copy()
    out[index] = value
    return out


def inc(x, index, value):
    out = x.copy()
    np.add.at(out, index, np.asarray(value).astype(x.dtype))
    return out


def reshape(x):
    m, n = x.shape
    return [x.reshape(n, m), x.reshape(-1), x.flatten(), x.reshape(m, n, 1),
            x.T[:, None, :], x.T, x.T, x[None], x[:, :, None, None],
            np.stack([x, x], axis=1), np.concatenate([x, x], axis=0),
            np.concatenate([x, x], axis=1), np.tile(x, (2, 1)),
            np.repeat(x, 2, axis=0), np.repeat(x, 3, axis=1), x.copy(),
            np.array(x.shape, np.int64), x[::-1], x[1:, ::2], x[::-2, 1:3],
            set_(x, (slice(1, None), slice(None, 2)), 0),
            inc(x, slice(None, None, 2), 1)]


def gather(x, rows, cols):
    pair = (rows, cols[:4])
    return [x[1], x[:, 2], x[-1, -2], x[rows], x[:, cols], x[pair],
            set_(x, rows, 0), inc(x, (slice(None), cols), 1), inc(x, pair, 5),
            x[x > 1], x[1:][rows[:2] - 1]]


for dtype in DTYPES:
    for layout, x, _ in layouts(lambda shape: random_values(rng, dtype, shape, 0, 5)):
        fn = getattr(model, f"reshape_{dtype}")
        same(f"reshape_{dtype} {layout}", fn(x), reshape(x))
print(f"reshape: {len(DTYPES)} dtypes x 5 layouts ok")

for dtype in DTYPES:
    fn = getattr(model, f"gather_{dtype}")
    for layout in LAYOUTS:
        x = laid_out(lambda s: random_values(rng, dtype, s, 0, 5), (3, 4), layout)
        rows = laid_out(lambda s: np.resize(np.array([0, 2, 2, -1], np.int64), s),
                        (4,), layout)
        cols = laid_out(lambda s: np.resize(np.array([3, 0, 0, -4, 2], np.int32), s),
                        (5,), layout)
        same(f"gather_{dtype} {layout}", fn(x, rows, cols), gather(x, rows, cols))
print(f"gather: {len(DTYPES)} dtypes x {len(LAYOUTS)} layouts ok")
show_error(model.gather_float64, np.ones((3, 4)), np.array([0, 3, 1, 1]),
           np.arange(5, dtype=np.int32) % 4)
