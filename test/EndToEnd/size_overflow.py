# Regression test; this was a bug (UBSan, found while fixing the fuzzer's
# tile overflow): the manifest's sizes folded 2**62 * 4 into a wrapped
# constant. Now the product stays symbolic and the call fails with the
# check's reason; the shared-size model next to it still works.
# RUN: %tcc %S/Inputs/size_overflow.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
#
# CHECK: f: reshape at {{.*}}size_overflow.th:8:26 needs x.shape[0] * 4611686018427387904 * 4 == 4611686018427387904 * (x.shape[0] * 4)
# CHECK-NEXT: g: ok
import sys

import numpy as np
import tcc

m = tcc.load(sys.argv[1])
x = np.array([0.5, -1.0, 2.0])
try:
    m.f(x)
    print("f: no error")
except tcc.Error as e:
    print("f:", str(e).split(": ", 2)[-1])
got = m.g(x)
print("g:", "ok" if np.isclose(got, np.tile(x, (3, 2)).sum()) else got)
