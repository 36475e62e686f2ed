# Theano's input conversion: lossless conversions are made, a lossy one is
# a TypeError naming the input and both dtypes, and allow_input_downcast=True
# converts anyway, as numpy's astype (float64 -> float32 rounding, 300 ->
# int8 wrapping to 44, 1e40 -> inf). Through the Python loader, and through
# tcc run.
# RUN: %tcc %S/Inputs/downcast_model.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %tcc run %S/Inputs/downcast_model.th loose --arg 'x=[0.1, 1e40]' --arg 'i=[300, -1.7]' | FileCheck %s --check-prefix=RUN-LOOSE
# RUN: not %tcc run %S/Inputs/downcast_model.th strict --arg 'x=[0.1, 1e40]' --arg 'i=[300, -1]' 2>&1 | FileCheck %s --check-prefix=RUN-STRICT
#
# CHECK: TypeError: strict: argument 0 ('x') must be float32, got an array of float64, which cannot be converted to float32 without loss of precision (allow_input_downcast=True in theano.function converts it anyway)
# CHECK-NEXT: TypeError: strict: argument 1 ('i') must be int8, got an array of int64, which cannot be converted to int8 without loss of precision (allow_input_downcast=True in theano.function converts it anyway)
# CHECK-NEXT: lossless: ok
# CHECK-NEXT: downcast: ok
# CHECK-NEXT: C ABI: status=1: strict: argument 0 ('x') must be float32, got float64, which does not convert to it without loss of precision (compile the function with allow_input_downcast=True to convert anyway)
# RUN-LOOSE: output0 = [44.200000762939453, inf]
# RUN-STRICT: tcc run: error: input 'i': 300 does not fit in the input's 8-bit integers (compile the function with allow_input_downcast=True to wrap it)
import sys

import numpy as np
import tcc

np.seterr(all="ignore")
m = tcc.load(sys.argv[1])
x64 = np.array([0.1, 1e40, -2.5])
i64 = np.array([300, -1, 7])
for args in [(x64, i64.astype(np.int8)), (x64.astype(np.float32), i64)]:
    try:
        m.strict(*args)
    except TypeError as e:
        print(f"TypeError: {e}")

# float16 and int8 / bool convert to float32 / int8 without loss.
got = m.strict(x64.astype(np.float16), np.array([True, False, True]))
want = x64.astype(np.float16).astype(np.float32) * 2 + np.array([1, 0, 1], np.int8)
assert got.dtype == np.float32 and np.array_equal(got, want), got
print("lossless: ok")

with np.errstate(over="ignore"):
    want = x64.astype(np.float32) * np.float32(2) + i64.astype(np.int8)
got = m.loose(x64, i64)
assert got.dtype == np.float32 and np.array_equal(got, want), (got, want)
got = m.loose(x64[::-1][::2], np.array([300.7, -1.2]))  # strided, float labels
assert np.array_equal(got, x64[::-1][::2].astype(np.float32) * 2
                      + np.array([300.7, -1.2]).astype(np.int8)), got
print("downcast: ok")

# The C ABI converts the same way (the arrays passed as they are).
from tcc import _lib


def raw_call(name, *arrays):
    views = [_lib.to_tcc(a) for a in arrays]
    return m._lib.call(name, [v[0] for v in views], 1)


(got,) = raw_call("loose", x64, i64)
assert got.dtype == np.float32 and np.array_equal(got, want), got
try:
    raw_call("strict", x64, i64.astype(np.int8))
except tcc.Error as e:
    print(f"C ABI: status={e.status}: {e}")
