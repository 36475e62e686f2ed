# The deeplearning.net tutorial's LogisticRegression class
# (examples/logistic_sgd.th: softmax regression, integer-label negative
# log-likelihood through log(p)[T.arange(n), y], zero-one errors), trained
# by minibatch SGD through the Python loader, against the same training
# written out in NumPy (softmax, the one-hot gradient by hand).
# RUN: %tcc %examples/logistic_sgd.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
# CHECK: 60 steps: costs and parameters match NumPy
# CHECK-NEXT: errors and predictions match NumPy
# CHECK-NEXT: validation error {{0\.[01][0-9]*}}
# CHECK-NEXT: givens minibatches: parameters and errors match
# CHECK-NEXT: label 3 of 3 classes: IndexOutOfBounds
import sys

import numpy as np
import tcc

m = tcc.load(sys.argv[1])
rng = np.random.RandomState(1234)
n, n_in, n_out, batch = 300, 5, 3, 20
centers = rng.randn(n_out, n_in) * 2
labels = rng.randint(0, n_out, n).astype(np.int32)
X = centers[labels] + rng.randn(n, n_in)

W, b = np.zeros((n_in, n_out)), np.zeros(n_out)
lr = 0.13
for step in range(60):
    i = step % (n // batch)
    xb, yb = X[i * batch:(i + 1) * batch], labels[i * batch:(i + 1) * batch]
    z = xb @ W + b
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    cost = -np.mean(np.log(p[np.arange(len(yb)), yb]))
    d = p.copy()
    d[np.arange(len(yb)), yb] -= 1
    d /= len(yb)
    W, b = W - lr * xb.T @ d, b - lr * d.sum(axis=0)
    got = float(m.train_model(xb, yb))
    assert abs(got - cost) <= 1e-12 * max(1.0, abs(cost)), (step, got, cost)
np.testing.assert_allclose(m.W.get_value(), W, rtol=1e-10, atol=1e-13)
np.testing.assert_allclose(m.b.get_value(), b, rtol=1e-10, atol=1e-13)
print("60 steps: costs and parameters match NumPy")

pred = np.argmax(X @ W + b, axis=1)
np.testing.assert_array_equal(m.predict(X), pred)
err = float(m.validate_model(X, labels))
assert err == np.mean(pred != labels)
print("errors and predictions match NumPy")
print("validation error %.3f" % err)

# The tutorial's givens form: the same 60 steps from shared datasets.
m.W.set_value(np.zeros((n_in, n_out)))
m.b.set_value(np.zeros(n_out))
m.train_set_x.set_value(X)
m.train_set_y.set_value(labels.astype(np.float64))
for step in range(60):
    m.train_batch(step % (n // batch))
np.testing.assert_allclose(m.W.get_value(), W, rtol=1e-10, atol=1e-13)
np.testing.assert_allclose(m.b.get_value(), b, rtol=1e-10, atol=1e-13)
errs = [float(m.validate_batch(i)) for i in range(n // batch)]
assert np.isclose(np.mean(errs), err), (np.mean(errs), err)
print("givens minibatches: parameters and errors match")

try:
    m.train_model(X[:2], np.array([0, 3], dtype=np.int32))
    print("NO ERROR")
except IndexError as e:
    assert "index 3 is out of bounds for axis 1 with size 3" in str(e), e
    np.testing.assert_allclose(m.W.get_value(), W, rtol=1e-10, atol=1e-13)
    print("label 3 of 3 classes:", type(e).__name__)
