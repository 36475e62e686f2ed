# In-place updates of shared variables give the values pure updates give:
# the same model compiled at -O0 (no in-place updates) runs the same calls,
# and both are checked against NumPy. The -O2 library's manifest lists the
# updates its kernels write in place.
# RUN: %tcc %S/Inputs/inplace_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/inplace_model.th -o %t.O0.so
# RUN: %tcc -O2 %S/Inputs/inplace_model.th --emit=llvm-ir | FileCheck %s --check-prefix=MANIFEST
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
#
# Functions in source order; shared variables w (0), v (1), k (2). step_new
# returns the value it writes in place (the runtime copies the output).
# MANIFEST: @__tcc_manifest
# MANIFEST-SAME: \22inplace\22:[0]
# MANIFEST-SAME: \22name\22:\22step\22
# MANIFEST-SAME: \22inplace\22:[]
# MANIFEST-SAME: \22name\22:\22step_old\22
# MANIFEST-SAME: \22inplace\22:[0]
# MANIFEST-SAME: \22name\22:\22step_new\22
# MANIFEST-SAME: \22inplace\22:[2]
# MANIFEST-SAME: \22name\22:\22from_w\22
# MANIFEST-SAME: \22inplace\22:[]
# MANIFEST-SAME: \22name\22:\22swap\22
#
# CHECK: step: ok
# CHECK: step_old: ok
# CHECK: step_new: ok
# CHECK: from_w: ok
# CHECK: swap: ok
# CHECK: reset: ok
import sys

import numpy as np
import tcc

m = tcc.load(sys.argv[1])
w = np.array([1.0, 2.0, 3.0, 4.0])
v = np.array([10.0, 20.0, 30.0, 40.0])
k = 0.5


def same(name, got, want):
    if not np.array_equal(np.asarray(got), np.asarray(want)):
        sys.exit(f"{name}: got {got}, want {want}")


x = np.array([1.0, -1.0, 2.0, 0.5])
for _ in range(3):
    m.step(x)
    w = w - 0.5 * x
same("step", m.w.get_value(), w)
print("step: ok")

old = m.step_old(x)
same("step_old output", old, w)
w = w - 0.5 * x
same("step_old w", m.w.get_value(), w)
print("step_old: ok")

new = m.step_new(x)
same("step_new output", new, w + x)
w = w + x
same("step_new w", m.w.get_value(), w)
# The output is the caller's own array: another step must not change it.
m.step(x)
w = w - 0.5 * x
same("step_new output after step", new, w + 0.5 * x)
print("step_new: ok")

m.from_w()
v, k = w * 2.0, k * 3.0
same("from_w v", m.v.get_value(), v)
same("from_w k", m.k.get_value(), k)
same("from_w w", m.w.get_value(), w)
print("from_w: ok")

m.swap()
w, v = v + 0.0, w + 0.0
same("swap w", m.w.get_value(), w)
same("swap v", m.v.get_value(), v)
print("swap: ok")

# The compiled-in initial values were never written: reset brings them
# back, and training from them again gives the same values.
m.reset()
same("reset w", m.w.get_value(), [1.0, 2.0, 3.0, 4.0])
same("reset v", m.v.get_value(), [10.0, 20.0, 30.0, 40.0])
same("reset k", m.k.get_value(), 0.5)
m.step(x)
same("step after reset", m.w.get_value(), np.array([1.0, 2.0, 3.0, 4.0]) - 0.5 * x)
print("reset: ok")
