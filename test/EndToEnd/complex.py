# Complex dtypes end to end against NumPy: arithmetic (NumPy's division
# algorithm, division by zero), broadcasting, promotion, exp/log, parts,
# modulus, angle, construction and casts, for complex128 and complex64;
# random, empty and strided inputs through the C ABI, and the input
# conversion rules. The same at -O0, and through `tcc run`.
# RUN: %tcc %S/Inputs/complex_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/complex_model.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
# RUN: %tcc run %S/Inputs/complex_model.th parts --arg 'z=[["1+2j", -3]]' --arg 'r=[["0.5j"]]' --arg 'x=[[2]]' | FileCheck --check-prefix=PARTS %s
# RUN: %tcc run %S/Inputs/complex_model.th total --arg 'z=[["3+4j", "1j"]]' | FileCheck --check-prefix=TOTAL %s
# PARTS: output0 = {{\[\[}}2.2360679774997{{[0-9]*}}, 3]]
# PARTS-NEXT: output1 = {{\[\[}}0.5]]
# PARTS-NEXT: output2 = {{\[\[}}1, -3]]
# PARTS-NEXT: output3 = {{\[\[}}0.5]]
# PARTS: output6 = {{\[\[}}(1-2j), (-3-0j)]]
# PARTS-NEXT: output7 = {{\[\[}}-0.5j]]
# PARTS: output13 = {{\[\[}}(2+4j)]]
# PARTS-NEXT: output14 = {{\[\[}}1.5j]]
# TOTAL: output0 = 26
#
# CHECK: 2x3: ok
# CHECK-NEXT: strided: ok
# CHECK-NEXT: empty: ok
# CHECK-NEXT: float32 to complex64 accepted
# CHECK-NEXT: refused: arith: argument 1 ('r') must be complex64, got an array of complex128, which cannot be converted to complex64 without loss of precision
import sys

import numpy as np
import tcc
from tcc_testing import same

model = tcc.load(sys.argv[1])
rng = np.random.RandomState(11)
np.seterr(all="ignore")  # z / 0 and log(0) as NumPy computes them.


def inputs(rows, cols, strided):
    step = 2 if strided else 1
    z = (rng.randn(rows, cols * step) + 1j * rng.randn(rows, cols * step))[:, ::step]
    if z.size:
        z.flat[0] = 0  # log(0) and angle(0)
    r = (rng.randn(1, cols * step) + 1j * rng.randn(1, cols * step)).astype(np.complex64)[:, ::step]
    x = rng.randn(rows, cols * step)[:, ::step]
    f = rng.randn(cols * step).astype(np.float32)[::step]
    if strided:
        assert not z.flags.c_contiguous and not r.flags.c_contiguous
    return z, r, x, f


def run(label, rows, cols, strided):
    z, r, x, f = inputs(rows, cols, strided)
    n = np.int64(3)
    same(label, model.arith(z, r, x, f, n), [
        z + r, z - x, z * r, z / r, r / f, r * f, z * n, -z, r * r, z / 0,
        np.exp(r), np.log(z), z == r, z != z * 1])
    same(label, model.parts(z, r, x), [
        abs(z), abs(r), z.real, r.imag, z.real, z.imag, np.conj(z), np.conj(r),
        np.angle(z), np.angle(x), x, np.zeros_like(x), x,
        x + 1j * (x * 2), (r.real + 1.5j).astype(np.complex64)])
    same(label, model.casts(z, x, f), [
        z.astype(np.complex64), x.astype(np.complex64), f.astype(np.complex128),
        f.astype(np.complex64), z])
    same(label, [model.total(z)], [np.float64((z * np.conj(z)).real.sum())])
    print(f"{label}: ok")


run("2x3", 2, 3, False)
run("strided", 3, 4, True)
run("empty", 0, 3, False)

# Theano's input conversion: float32 fits complex64 exactly; float64 data
# for a complex128 input is accepted, complex128 for complex64 is not.
z, r, x, f = inputs(2, 3, False)
model.arith(z, r.real.astype(np.float32), x, f, 3)
print("float32 to complex64 accepted")
try:
    model.arith(x, r, x, f, 3)
    model.arith(z, r.astype(np.complex128), x, f, 3)
    print("no error")
except TypeError as e:  # Theano's filter raises TypeError.
    print("refused:", e)
