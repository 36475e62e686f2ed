# Issue 4's acceptance run: examples/logistic_regression.th (seed 002's naive
# cross-entropy and T.grad) trains 10000 steps, and its final weights match a
# float64 NumPy implementation with the analytic gradient to 1e-10 relative.
# Its cost at the initial weights is finite (the stability rewrites turn
# log(p_1) and log(1 - p_1) into softplus forms); with --no-stabilize the
# naive formula gives NaN (0 * log(0)), as PyTensor does.
# RUN: %tcc %examples/logistic_regression.th -o %t.so
# RUN: %tcc %examples/logistic_regression.th --no-stabilize -o %t.naive.so
# RUN: %python %s %t.so %t.naive.so | FileCheck %s
# CHECK: initial cost finite: 18.0821{{[0-9]+}} (NumPy 18.0821{{[0-9]+}})
# CHECK-NEXT: naive initial cost: nan
# CHECK-NEXT: 10000 steps: weights within 1e-10 relative, b within 1e-10
import sys

import numpy as np
import tcc

m = tcc.load(sys.argv[1])
naive = tcc.load(sys.argv[2])
rng = np.random.RandomState(0)
X = rng.randn(400, 784)
Y = rng.randint(size=400, low=0, high=2).astype(float)
w = rng.randn(784)
b = 0.0


def cost_numpy(w, b):
    z = X.dot(w) + b
    return (np.logaddexp(0, z) - Y * z).mean() + 0.01 * (w ** 2).sum()


_, xent = m.train(X, Y)
cost0 = xent.mean() + 0.01 * (w ** 2).sum()
assert np.isfinite(cost0)
assert abs(cost0 - cost_numpy(w, b)) <= 1e-12 * abs(cost0)
print(f"initial cost finite: {cost0:.6f} (NumPy {cost_numpy(w, b):.6f})")
_, naive_xent = naive.train(X, Y)
print("naive initial cost:", naive_xent.mean() + 0.01 * (w ** 2).sum())

for step in range(10000):
    if step:
        m.train(X, Y)
    p = 1 / (1 + np.exp(-(X.dot(w) + b)))
    err = p - Y
    w, b = w - 0.1 * (err.dot(X) / 400 + 0.02 * w), b - 0.1 * err.mean()

got_w, got_b = m.w.get_value(), float(m.b.get_value())
rel = np.abs(got_w - w).max() / np.abs(w).max()
assert rel <= 1e-10, rel
assert abs(got_b - b) <= 1e-10 * max(1.0, abs(b)), (got_b, b)
print("10000 steps: weights within 1e-10 relative, b within 1e-10")
