# The same model through the Python loader, step by step against NumPy.
# RUN: %tcc %examples/logistic_regression.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
# CHECK: data matches RandomState(0)
# CHECK: max weight difference after 50 steps below 1e-12
# CHECK: predictions agree
import os
import sys

import numpy as np
import tcc

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "Inputs"))
import seed002  # noqa: E402

m = tcc.load(sys.argv[1])
rng = np.random.RandomState(0)
X = rng.randn(400, 784)
Y = rng.randint(size=400, low=0, high=2).astype(float)
w = rng.randn(784)
b = 0.0
assert np.array_equal(m.data_x.get_value(), X)
assert np.array_equal(m.data_y.get_value(), Y)
assert np.array_equal(m.w.get_value(), w)
print("data matches RandomState(0)")
for _ in range(50):
    pred, xent = m.train(X, Y)
    assert np.allclose(xent, seed002.stable_xent(X, Y, w, b), rtol=1e-12,
                       atol=1e-12)
    assert np.array_equal(pred, 1 / (1 + np.exp(-(X.dot(w) + b))) > 0.5)
    w, b = seed002.step(X, Y, w, b)
diff = max(np.abs(m.w.get_value() - w).max(), abs(m.b.get_value() - b))
assert diff < 1e-12, diff
print("max weight difference after 50 steps below 1e-12")
assert np.array_equal(m.predict(X), 1 / (1 + np.exp(-(X.dot(w) + b))) > 0.5)
print("predictions agree")
