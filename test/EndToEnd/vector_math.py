# The math functions that LLVM's vectorizer turns into glibc libmvec calls
# (tcc's target library info; SSE variants for the portable target, AVX2
# and AVX-512 ones too under --march=host) agree with NumPy's scalar libm
# on 1003 values (vector body and scalar tail): float64 within 4e-15
# relative (libmvec promises 4 ulp), float32 within 1e-6.
# RUN: %tcc -O2 %S/Inputs/vector_math.th --emit=llvm-ir | FileCheck %s --check-prefix=IR
# RUN: %tcc %S/Inputs/vector_math.th -o %t.so
# RUN: %tcc %S/Inputs/vector_math.th --march=host -o %t.host.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.host.so | FileCheck %s
# IR-DAG: call <2 x double> @_ZGVbN2v_sin(
# IR-DAG: call <2 x double> @_ZGVbN2v_tanh(
# IR-DAG: call <2 x double> @_ZGVbN2vv_pow(
# IR-DAG: call <4 x float> @_ZGVbN4v_expf(
# IR-NOT: _ZGVdN4v
# CHECK: f64: 22 outputs match NumPy
# CHECK: f32: 9 outputs match NumPy
import math
import sys

import numpy as np
import tcc

m = tcc.load(sys.argv[1])
rng = np.random.RandomState(0)
x = rng.uniform(-3, 3, 1003)
y = rng.uniform(-0.99, 0.99, 1003)
erf = np.vectorize(math.erf)
erfc = np.vectorize(math.erfc)
expected64 = [np.sin(x), np.cos(x), np.tan(x), np.arcsin(y), np.arccos(y),
              np.arctan(x), np.arctan2(x, y), np.sinh(x), np.cosh(x),
              np.tanh(x), np.arcsinh(x), np.arctanh(y), np.exp(x),
              np.exp2(x), np.expm1(x), np.log(abs(x)), np.log2(abs(x)),
              np.log10(abs(x)), np.log1p(abs(x)), abs(x) ** y, erf(x),
              erfc(x)]
got = m.f64(x, y)
for i, (g, e) in enumerate(zip(got, expected64)):
    np.testing.assert_allclose(g, e, rtol=4e-15, atol=1e-300,
                               err_msg="f64 output %d" % i)
print("f64: %d outputs match NumPy" % len(got))

xf, yf = x.astype(np.float32), y.astype(np.float32)
expected32 = [np.sin(xf), np.cos(xf), np.tanh(xf), np.exp(xf), np.expm1(xf),
              np.log(abs(xf)), np.log1p(abs(xf)), abs(xf) ** yf,
              erf(xf).astype(np.float32)]
got = m.f32(xf, yf)
for i, (g, e) in enumerate(zip(got, expected32)):
    assert g.dtype == np.float32, g.dtype
    np.testing.assert_allclose(g, e, rtol=1e-6, atol=1e-7,
                               err_msg="f32 output %d" % i)
print("f32: %d outputs match NumPy" % len(got))
