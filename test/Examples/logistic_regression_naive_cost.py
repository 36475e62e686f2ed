# Seed 002's logistic regression as written (naive cross-entropy, tt.grad):
# the stability rewrites keep its cost finite at the initial weights (NumPy
# evaluating the same expression gets nan there), and after 10000 steps the
# weights match a float64 NumPy implementation with the analytic gradient.
# RUN: %tcc %examples/logistic_regression.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %tcc %examples/logistic_regression.th --no-stabilize -o %t.naive.so
# RUN: %python %s %t.naive.so --initial-only | FileCheck %s --check-prefix=NAIVE
# CHECK: initial cost finite: True
# CHECK: numpy's naive initial cost: nan
# CHECK: 10000 steps: weights within 1e-10 of numpy
# CHECK: accuracy 1.0
# NAIVE: initial cost finite: False
import sys

import numpy as np
import tcc

m = tcc.load(sys.argv[1])
X, Y = m.data_x.get_value(), m.data_y.get_value()
w, b = m.w.get_value().copy(), 0.0
pred, xent = m.train(X, Y)  # outputs come from the initial weights
print("initial cost finite:", bool(np.isfinite(xent).all()))
if "--initial-only" in sys.argv:
    sys.exit(0)
with np.errstate(all="ignore"):
    p = 1 / (1 + np.exp(-(X.dot(w) + b)))
    naive = (-Y * np.log(p) - (1 - Y) * np.log(1 - p)).mean()
print("numpy's naive initial cost:", naive)


def step(w, b):
    p = 1 / (1 + np.exp(-(X.dot(w) + b)))
    err = p - Y
    return w - 0.1 * (err.dot(X) / len(Y) + 0.02 * w), b - 0.1 * err.mean()


w, b = step(w, b)
for _ in range(9999):
    m.train(X, Y)
    w, b = step(w, b)
rel = np.abs(m.w.get_value() - w).max() / np.abs(w).max()
assert rel < 1e-10 and abs(m.b.get_value() - b) < 1e-10, (rel, m.b.get_value(), b)
print("10000 steps: weights within 1e-10 of numpy")
print("accuracy", (m.predict(X) == Y).mean())
