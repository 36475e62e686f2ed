# complex64 and complex128 in the Python loader, on the hand-written model
# of complex.c (Inputs/complex_model.c): complex arrays and Python complex
# scalars in and out, Theano's conversion rules, shared variables and .npz
# state.
# RUN: rm -rf %t.dir && mkdir -p %t.dir
# RUN: %cc -c -fPIC -O2 -I%tcc_include -o %t.dir/model.o %S/Inputs/complex_model.c
# RUN: %cc -shared -o %t.dir/model.so %t.dir/model.o %tcc_libdir/libtccrt.a -lopenblas -lstdc++ -lm -Wl,--version-script=%S/../../runtime/tcc.map
# RUN: %python %s %t.dir | FileCheck %s --match-full-lines

import os
import sys

import numpy as np

import tcc
from tcc_testing import show_error

tmp = sys.argv[1]
m = tcc.load(os.path.join(tmp, "model.so"))


def same(a, dtype, values):
    """`a` is an array of `dtype` holding exactly `values`."""
    assert isinstance(a, np.ndarray) and a.dtype == dtype, (a, dtype)
    assert a.tolist() == values, (a.tolist(), values)


# The codes of tcc.h.
assert tcc.DTYPES.index("complex64") == 11
assert tcc.DTYPES.index("complex128") == 12

# Complex arrays pass through and come back as NumPy complex arrays.
z = np.array([1 + 2j, 3.5 - 0j])
same(m.z128(z), np.complex128, [1 + 2j, 3.5 - 0j])
same(m.z128(z[::-1]), np.complex128, [3.5 - 0j, 1 + 2j])
c = np.array([0.5 - 1j], dtype=np.complex64)
same(m.z64(c), np.complex64, [0.5 - 1j])
# Lossless conversions: complex64, float and integer arrays, Python values.
same(m.z128(c), np.complex128, [0.5 - 1j])
same(m.z128(np.array([1, -2], dtype=np.int64)), np.complex128, [1, -2])
same(m.z64(np.array([True, False])), np.complex64, [1, 0])
same(m.z64(np.array([1.5], dtype=np.float32)), np.complex64, [1.5])
same(m.z128([1, 2.5, 3j]), np.complex128, [1, 2.5, 3j])
same(m.z64([0.5 + 0.25j]), np.complex64, [0.5 + 0.25j])
show_error(m.z64, np.array([1 + 2j]))
# CHECK:TypeError: z64: argument 0 ('x') must be complex64, got an array of complex128, which cannot be converted to complex64 without loss of precision (allow_input_downcast=True in theano.function converts it anyway)
show_error(m.z64, np.array([1, 2], dtype=np.int32))
# CHECK-NEXT:TypeError: z64: argument 0 ('x') must be complex64, got an array of int32, which cannot be converted to complex64 without loss of precision (allow_input_downcast=True in theano.function converts it anyway)
show_error(m.z64, [0.1j])
# CHECK-NEXT:TypeError: z64: argument 0 ('x') must be complex64, and [0.1j] cannot be converted to complex64 exactly

# allow_input_downcast: complex128 -> complex64 rounds each part; complex
# -> real keeps the real part (NumPy's astype); bool tests the whole number.
same(m.z64d(np.array([0.1 + 0.2j])), np.complex64,
     [complex(np.float32(0.1), np.float32(0.2))])
same(m.f64d(np.array([3.5 + 9j, -1j])), np.float64, [3.5, 0])
same(m.f64d([2 - 1j]), np.float64, [2])
same(m.i32d(np.array([3.7 + 9j, -2.9 + 1j])), np.int32, [3, -2])
same(m.bd(np.array([1j, 0j, 2 + 0j])), np.bool_, [True, False, True])
# Without it, complex -> real is refused, even for a zero imaginary part
# (the runtime decides by dtype).
show_error(m.f64, np.array([1 + 0j]))
# CHECK-NEXT:TypeError: f64: argument 0 ('x') must be float64, got an array of complex128, which cannot be converted to float64 without loss of precision (allow_input_downcast=True in theano.function converts it anyway)
show_error(m.f64, [2 + 0j])
# CHECK-NEXT:TypeError: f64: argument 0 ('x') must be float64, got [(2+0j)], which is complex and cannot be converted to float64 without loss of precision (allow_input_downcast=True in theano.function converts it anyway)
show_error(m.f64, np.complex64(1))
# CHECK-NEXT:TypeError: f64: argument 0 ('x') must be float64, got (1+0j), which is complex and cannot be converted to float64 without loss of precision (allow_input_downcast=True in theano.function converts it anyway)

# A 0-d complex input: its default, Python complex and real scalars.
same(m.rot(), np.complex128, [-2 + 1j, 4 + 3j])
same(m.rot(-1j), np.complex128, [1 + 2j, 3 - 4j])
same(m.rot(2), np.complex128, [2 + 4j, 6 - 8j])
same(m.rot(k=np.complex64(0.5)), np.complex128, [1 + 2j, 3 - 4j])

# Shared variables.
same(m.z.get_value(), np.complex128, [1 + 2j, 3 - 4j])
same(m.c.get_value(), np.complex64, 0.5 - 1.5j)
m.c.set_value(1 - 1j)
same(m.c.get_value(), np.complex64, 1 - 1j)
m.z.set_value(np.array([1, 2, 3], dtype=np.float32))
same(m.z.get_value(), np.complex128, [1, 2, 3])
show_error(m.c.set_value, 0.1j)
# CHECK-NEXT:TypeError: c.set_value must be complex64, and 0.1j cannot be converted to complex64 exactly
show_error(m.c.set_value, np.array(1j))
# CHECK-NEXT:TypeError: c.set_value must be complex64, got an array of complex128, which cannot be converted to complex64 without loss of precision

# .npz state: NumPy's '<c8' / '<c16', both ways.
path = os.path.join(tmp, "state.npz")
m.save(path)
with np.load(path) as state:
    assert state["c"].dtype.str == "<c8" and state["z"].dtype.str == "<c16"
    assert state["c"].tolist() == 1 - 1j and state["z"].tolist() == [1, 2, 3]
np.savez(path, z=np.array([2j]), c=np.complex64(-3 + 0.5j))
m.load_state(path)
same(m.z.get_value(), np.complex128, [2j])
same(m.c.get_value(), np.complex64, -3 + 0.5j)
np.savez(path, z=np.array([2j]), c=np.complex128(1))
show_error(m.load_state, path)
# CHECK-NEXT:Error status=1: tcc_shared_load: '{{.*}}state.npz': array 'c' must be complex64, got complex128
np.savez(path, z=np.array([2j], dtype=">c16"), c=np.complex64(1))
show_error(m.load_state, path)
# CHECK-NEXT:Error status=1: tcc_shared_load: '{{.*}}state.npz': array 'z' must be complex128, got '>c16'
same(m.z.get_value(), np.complex128, [2j])
print("done")
# CHECK-NEXT:done
