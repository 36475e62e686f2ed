# Seed 004's MLP with momentum (examples/seed004_mlp_momentum.th), trained
# 20 steps through the Python loader, against the same network written out
# in NumPy (forward pass, backpropagation and momentum by hand).
# RUN: %tcc %examples/seed004_mlp_momentum.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
# CHECK: bar_grad(10) = 20.0
# CHECK: initial parameters match RandomState(0)
# CHECK: 20 steps: costs and parameters match NumPy
# CHECK: accuracy {{0\.9[0-9]*|1\.0}}
import sys

import numpy as np
import tcc

m = tcc.load(sys.argv[1])
print("bar_grad(10) = %.1f" % m.bar_grad_fn(10.0))


def sig(v):
    return 1 / (1 + np.exp(-v))


rng = np.random.RandomState(0)
N = 1000
labels = rng.randint(0, 2, N)
X = rng.randn(2, N) + (2 * labels - 1)
y = labels.astype(np.float64)
W1, W2 = rng.randn(4, 2), rng.randn(1, 4)
b1, b2 = np.ones((4, 1)), np.ones((1, 1))
assert np.array_equal(m.data_X.get_value(), X)
assert np.array_equal(m.data_y.get_value(), y)
print("initial parameters match RandomState(0)")

params = [W1, b1, W2, b2]
velocity = [np.zeros_like(p) for p in params]
for step in range(20):
    got = float(m.train(X, y))
    W1, b1, W2, b2 = params
    h = sig(W1.dot(X) + b1)
    out = sig(W2.dot(h) + b2)
    cost = ((out - y) ** 2).sum()
    assert abs(got - cost) <= 1e-9 * abs(cost), (step, got, cost)
    dz2 = 2 * (out - y) * out * (1 - out)
    dz1 = W2.T.dot(dz2) * h * (1 - h)
    grads = [dz1.dot(X.T), dz1.sum(axis=1, keepdims=True),
             dz2.dot(h.T), dz2.sum(axis=1, keepdims=True)]
    # Both updates use the values from before the step.
    params = [p - 0.01 * v for p, v in zip(params, velocity)]
    velocity = [0.9 * v + 0.1 * g for v, g in zip(velocity, grads)]
out = m.mlp_output(X)
W1, b1, W2, b2 = params
expected = sig(W2.dot(sig(W1.dot(X) + b1)) + b2)
assert np.allclose(out, expected, rtol=1e-9, atol=1e-12), np.abs(out - expected).max()
print("20 steps: costs and parameters match NumPy")
print("accuracy", np.mean((out[0] > 0.5) == labels))
