# addbroadcast / unbroadcast / patternbroadcast (Theano's Rebroadcast)
# against NumPy: broadcasting through a dimension made broadcastable, its
# size checked to be 1 before the call (Theano's "supposed to be 1"
# error), the pattern a function's outputs report, the gradient through it,
# and a static size that cannot be made broadcastable (compile time).
# RUN: %tcc %S/Inputs/rebroadcast_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/rebroadcast_model.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
# RUN: sed 's/^# P1: //; t; d' %s > %t1.th && not %tcc --emit=th %t1.th 2>&1 | FileCheck --check-prefix=E1 %s
# P1: import numpy as np
# P1: import theano.tensor as T
# P1: x = T.constant(np.zeros((2, 3)))
# P1: y = T.addbroadcast(x, 1)
# E1: :4:5: error: addbroadcast: dimension 1 in Rebroadcast's input was supposed to be 1 (got 3 instead){{$}}
# CHECK: bias: ok
# CHECK-NEXT: Error status=1: rows: argument 0 ('x') has shape (2, 3): rebroadcast at {{.*}}rebroadcast_model.th:13:36 needs x.shape[0] == 1 (Theano's Rebroadcast: dimension 0 was made broadcastable)
# CHECK-NEXT: rows: ok
# CHECK-NEXT: columns: ok
# CHECK-NEXT: Error status=1: columns: argument 0 ('x') has shape (2, 2): rebroadcast at {{.*}}rebroadcast_model.th:15:35 needs x.shape[1] == 1 (Theano's Rebroadcast: dimension 1 was made broadcastable)
# CHECK-NEXT: step: ok
import sys

import numpy as np
import tcc
from tcc_testing import same, show_error

model = tcc.load(sys.argv[1])
rng = np.random.RandomState(7)
b = np.array([[0.5, -1.0, 2.0]])

x = rng.randn(4, 6)[:, ::2]  # strided
same("bias", [model.bias(x)], [x + b])
same("bias", [model.bias(np.zeros((0, 3)))], [np.zeros((0, 3))])
print("bias: ok")

show_error(model.rows, rng.randn(2, 3), rng.randn(1, 3), rng.randn(1, 1))
x = rng.randn(1, 3)
r = rng.randn(1, 3)
c = rng.randn(1, 1)
same("rows", [model.rows(x, r, c)[0]], [x * r.T])
same("rows", model.rows(x, r, c)[1:], [r, c])
print("rows: ok")

x = rng.randn(3, 1)
r = rng.randn(1, 4)
same("columns", [model.columns(x, r)], [x * r])
print("columns: ok")
show_error(model.columns, rng.randn(2, 2), r)

x = rng.randn(5, 3)
total = (x + b).sum()
same("step", [model.step(x)], [np.full((1, 3), 2 * total * 5)])
print("step: ok")
