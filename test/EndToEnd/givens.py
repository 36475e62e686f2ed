# theano.function's givens with deeplearning.net's minibatch pattern:
# shared datasets sliced by an index input (x: train_set_x[i*bs:(i+1)*bs]),
# trained against the same SGD in NumPy, including the last, shorter
# minibatch; slice bounds from two inputs and a negative start; a shared
# variable replaced by an array. Sizes computed from index values are
# checked before the call: datasets set to disagreeing lengths fail with
# the values and shapes named, and leave the parameters as they were.
# RUN: %tcc %S/Inputs/givens_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/givens_model.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
#
# CHECK: training: 3 epochs of 4 minibatches match NumPy
# CHECK-NEXT: test errors match NumPy
# CHECK-NEXT: window: ok
# CHECK-NEXT: zero_W: ok
# CHECK-NEXT: status=1: test_model: argument 0 ('index') is 1, shared variable 'test_x' has shape (10, 4) and shared variable 'test_y' has shape (12,): elementwise neq at {{.*}}givens_model.th:34:17 needs len(range(test_x.shape[0])[index * 8:8 * (index + 1)]) == len(range(test_y.shape[0])[index * 8:8 * (index + 1)])
# CHECK-NEXT: status=6: train_model: index 4 is out of bounds for axis 0 with size 4 (advanced_subtensor at {{.*}}givens_model.th:33:16)
# CHECK-NEXT: parameters kept: ok
# CHECK-NEXT: shorter datasets: ok
import sys

import numpy as np
import tcc

m = tcc.load(sys.argv[1])

# The model's data, drawn the same way.
rng = np.random.RandomState(7)
n_train, n_test, n_in, n_out, bs = 30, 12, 4, 3, 8
train_labels = rng.randint(0, n_out, n_train)
test_labels = rng.randint(0, n_out, n_test)


def dataset(labels):
    x = rng.randn(len(labels), n_in) + labels.reshape((len(labels), 1)) * 1.5
    return x, labels.astype(np.int32)


train_x, train_y = dataset(train_labels)
test_x, test_y = dataset(test_labels)
assert np.array_equal(m.train_x.get_value(), train_x)
assert np.array_equal(m.test_y.get_value(), test_y.astype(np.float64))


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


W, b = np.zeros((n_in, n_out)), np.zeros(n_out)
n_batches = (n_train + bs - 1) // bs
for epoch in range(3):
    for i in range(n_batches):
        xb, yb = train_x[i * bs:(i + 1) * bs], train_y[i * bs:(i + 1) * bs]
        p = softmax(xb @ W + b)
        want = -np.mean(np.log(p[np.arange(len(yb)), yb]))
        g = p.copy()
        g[np.arange(len(yb)), yb] -= 1
        g /= len(yb)
        W, b = W - 0.13 * xb.T @ g, b - 0.13 * g.sum(axis=0)
        got = m.train_model(i)
        assert np.allclose(got, want, rtol=1e-12, atol=0), (epoch, i, got, want)
assert np.allclose(m.W.get_value(), W, rtol=1e-12, atol=1e-15)
assert np.allclose(m.b.get_value(), b, rtol=1e-12, atol=1e-15)
print("training: 3 epochs of 4 minibatches match NumPy")

for i in range(2):
    xb, yb = test_x[i * bs:(i + 1) * bs], test_y[i * bs:(i + 1) * bs]
    want = np.mean(np.argmax(softmax(xb @ W + b), axis=1) != yb)
    assert m.test_model(i) == want, (i, m.test_model(i), want)
assert np.isnan(m.test_model(2))  # an empty minibatch, as NumPy's mean
print("test errors match NumPy")

for start, stop in [(1, 5), (0, 3), (-2, 30), (5, 2), (-40, 40)]:
    want = train_x[start - 1:stop].sum(axis=1)
    got = m.window(start, stop)
    assert got.shape == want.shape and np.allclose(got, want), (start, stop)
print("window: ok")

for i in range(5):
    got = m.zero_W(i)
    want = softmax(test_x[i::4] @ np.zeros((n_in, n_out)) + b)
    assert got.shape == want.shape and np.allclose(got, want), i
print("zero_W: ok")

# A shorter x than y: the minibatch sizes disagree for the last index.
# Where they meet elementwise (errors' neq), the runtime checks the slice
# lengths before the call; where one indexes the other (the cost's pick),
# the kernel's index check stops the call before any update.
m.test_x.set_value(test_x[:10])
assert m.test_model(0) >= 0
try:
    m.test_model(1)
    print("no error")
except tcc.Error as e:
    print("status=%d:" % e.status, e)
m.train_x.set_value(train_x[:28])
before = m.W.get_value()
for i in range(3):
    m.train_model(i)
m.W.set_value(before)
try:
    m.train_model(3)
    print("no error")
except tcc.Error as e:
    print("status=%d:" % e.status, e)
print("parameters kept:",
      "ok" if np.array_equal(m.W.get_value(), before) else "changed")

# Datasets of another length: the sizes are not fixed at compile time.
m.train_x.set_value(train_x[:20])
m.train_y.set_value(train_y[:20].astype(np.float64))
W, b = m.W.get_value(), m.b.get_value()
xb, yb = train_x[16:20], train_y[16:20]
p = softmax(xb @ W + b)
want = -np.mean(np.log(p[np.arange(4), yb]))
assert np.allclose(m.train_model(2), want)
assert np.isnan(m.train_model(3))  # an empty minibatch: mean of nothing
print("shorter datasets: ok")
