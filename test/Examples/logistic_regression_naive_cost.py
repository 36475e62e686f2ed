# Seed 002's logistic regression as written (naive cross-entropy, tt.grad),
# issue 4's acceptance run: the stability rewrites keep its cost finite at
# the initial weights (equal to NumPy's stable log(1 + exp(z)) - y*z; NumPy
# evaluating the naive expression gets nan there, as PyTensor does), and
# after 10000 steps the weights match a float64 NumPy implementation with
# the analytic gradient (Inputs/seed002.py) to 1e-10 relative.
# RUN: %tcc %examples/logistic_regression.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %tcc %examples/logistic_regression.th --no-stabilize -o %t.naive.so
# RUN: %python %s %t.naive.so --initial-only | FileCheck %s --check-prefix=NAIVE
# CHECK: initial cost finite: True
# CHECK: initial cost equals numpy's stable form: 18.0821{{[0-9]+}}
# CHECK: numpy's naive initial cost: nan
# CHECK: 10000 steps: weights within 1e-10 of numpy
# CHECK: accuracy 1.0
# NAIVE: initial cost finite: False
import os
import sys

import numpy as np
import tcc

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "Inputs"))
import seed002  # noqa: E402

m = tcc.load(sys.argv[1])
X, Y = m.data_x.get_value(), m.data_y.get_value()
w, b = m.w.get_value().copy(), 0.0
pred, xent = m.train(X, Y)  # outputs come from the initial weights
print("initial cost finite:", bool(np.isfinite(xent).all()))
if "--initial-only" in sys.argv:
    sys.exit(0)
reference = seed002.stable_xent(X, Y, w, b)
assert np.allclose(xent, reference, rtol=1e-12, atol=1e-12)
cost = xent.mean() + 0.01 * (w ** 2).sum()
print(f"initial cost equals numpy's stable form: {cost:.6f}")
with np.errstate(all="ignore"):
    p = 1 / (1 + np.exp(-(X.dot(w) + b)))
    naive = (-Y * np.log(p) - (1 - Y) * np.log(1 - p)).mean()
print("numpy's naive initial cost:", naive)

w, b = seed002.step(X, Y, w, b)
for _ in range(9999):
    m.train(X, Y)
    w, b = seed002.step(X, Y, w, b)
rel = np.abs(m.w.get_value() - w).max() / np.abs(w).max()
assert rel < 1e-10 and abs(m.b.get_value() - b) < 1e-10, (rel, m.b.get_value(), b)
print("10000 steps: weights within 1e-10 of numpy")
print("accuracy", (m.predict(X) == Y).mean())
