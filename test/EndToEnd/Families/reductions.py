# The reductions on every dtype against NumPy: sum/prod (Theano's int64 and
# uint64 accumulators, float32 accumulated in float64), mean/var/std
# (integers to float64), all/any, max/min/argmax/argmin, cumsum/cumprod
# (keeping the dtype, as Theano's CumOp), over single, tuple, negative and
# all axes with keepdims; on contiguous, strided, transposed and empty
# tensor3 inputs through the C ABI. The same at -O0.
# RUN: %tcc %S/Inputs/reductions_model.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %tcc -O0 %S/Inputs/reductions_model.th -o %t.O0.so
# RUN: %python %s %t.O0.so | FileCheck %s
# CHECK: reduce: 10 dtypes ok
# CHECK-NEXT: extreme: 10 dtypes ok
# CHECK-NEXT: reduce_bool: ok
# CHECK-NEXT: Error status=1: extreme_float64: argument 0 ('x') has shape (0, 3, 4): max at {{.*}}reductions_model.th:22:27 needs x.shape[0] >= 1 (an empty reduction has no max)
import sys
import warnings

import numpy as np
import tcc
from op_families import (FLOATS, FLOATX, INTS, accumulator, layouts3, same,
                         random_values, upgrade_to_float)
from tcc_testing import show_error

model = tcc.load(sys.argv[1])
# NumPy warns that the mean and variance of an empty slice are NaN.
warnings.simplefilter("ignore", RuntimeWarning)
rng = np.random.RandomState(11)


def statistic(x):
    """The dtype mean, var and std compute in (float64 for integers)."""
    return x.dtype if x.dtype.kind == "f" else np.dtype(FLOATX)


def reduce(x):
    acc = accumulator(x.dtype)
    d = x.astype(np.float64)
    s = statistic(x)

    def sum_(axis=None, keepdims=False):
        return np.sum(d, axis=axis, keepdims=keepdims).astype(acc) \
            if acc.kind == "f" else np.sum(x, axis=axis, dtype=acc,
                                           keepdims=keepdims)

    def prod(axis, keepdims=False):
        return np.prod(d, axis=axis, keepdims=keepdims).astype(acc) \
            if acc.kind == "f" else np.prod(x, axis=axis, dtype=acc,
                                            keepdims=keepdims)

    return [np.asarray(sum_()), sum_(0), sum_((0, 2)), sum_(1, True),
            sum_(-1), prod(2), prod((0, 1), True),
            np.mean(d, axis=1).astype(s), np.asarray(np.mean(d), dtype=s),
            np.var(d, axis=0).astype(s),
            np.std(d, axis=(1, 2), keepdims=True).astype(s),
            np.all(x, axis=1), np.any(x, axis=(0, 2)), np.asarray(np.all(x)),
            np.cumsum(x, axis=1, dtype=x.dtype),
            np.cumprod(x, axis=2, dtype=x.dtype),
            np.cumsum(x, dtype=x.dtype)]


def extreme(x):
    return [np.max(x, axis=0), np.min(x, axis=2),
            np.max(x, axis=(0, 2), keepdims=True), np.argmax(x, axis=2),
            np.argmin(x, axis=0), np.argmax(x, axis=-1, keepdims=True)]


def reduce_bool(b):
    return [np.sum(b, axis=1, dtype=np.int64), np.all(b, axis=(0, 2)),
            np.asarray(np.any(b)), np.any(b, axis=2, keepdims=True),
            np.max(b, axis=0)]


def family(name, reference, empty):
    for dtype in INTS + FLOATS:
        fn = getattr(model, f"{name}_{dtype}")
        for layout, x in layouts3(
                lambda shape: random_values(rng, dtype, shape, -4, 5), empty):
            with np.errstate(all="ignore"):
                same(f"{name}_{dtype} {layout}", fn(x), reference(x))
    print(f"{name}: {len(INTS + FLOATS)} dtypes ok")


family("reduce", reduce, ((2, 0, 4), (0, 3, 4)))
family("extreme", extreme, ((2, 0, 4),))
for layout, b in layouts3(lambda shape: random_values(rng, "bool", shape),
                          ((2, 0, 4),)):
    same(f"reduce_bool {layout}", model.reduce_bool(b), reduce_bool(b))
print("reduce_bool: ok")
# A maximum over an empty axis has no value (NumPy's and Theano's error).
show_error(model.extreme_float64, np.zeros((0, 3, 4)))
