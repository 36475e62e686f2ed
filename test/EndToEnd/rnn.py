# Issue 10's recurrent network (bench/models/rnn.th: a tanh RNN written with
# theano.scan, 100 hidden units, 50 steps, softmax on the last state,
# cross-entropy) trains on random data and matches a NumPy step with
# back-propagation through time written out by hand (bench/workloads.py's
# rnn_numpy), parameter by parameter after every step, in float64 and
# float32. Its gradients against finite differences are in Grad/scan.th
# (the same network, smaller) and here for a few coordinates of each
# weight of the full one.
# RUN: %tcc %S/../../bench/models/rnn.th -o %t.so
# RUN: %tcc %S/../../bench/models/rnn.th --floatX=float32 -o %t32.so
# RUN: env PYTHONPATH=%tcc_pythonpath %python %s %t.so float64 | FileCheck %s
# RUN: env PYTHONPATH=%tcc_pythonpath %python %s %t32.so float32 | FileCheck %s --check-prefix=F32
# CHECK: float64: 5 steps, costs match, parameters match
# CHECK-NEXT: the cost went down: yes
# CHECK-NEXT: states and predictions match: yes
# CHECK-NEXT: finite differences match: yes
# F32: float32: 5 steps, costs match, parameters match
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "bench"))
import training  # noqa: E402
import workloads  # noqa: E402

m, dtype, rtol = training.load_from_argv(sys.argv)
rng = np.random.RandomState(7)
steps, n = 50, 4
x = rng.randn(steps, n, 16).astype(dtype)
t = np.eye(10, dtype=dtype)[rng.randint(0, 10, n)]
spec = workloads.Rnn("rnn", "", "", "train")
initial = spec.state(m)
reference = workloads.rnn_numpy(x, t, initial)

costs = training.train_alongside(m, spec, reference, x, t, 5, rtol)
print("%s: 5 steps, costs match, parameters match" % dtype)
if dtype != np.float64:
    sys.exit(0)
print("the cost went down:", "yes" if costs[-1] < costs[0] else "no")

s = reference.state
h, hs = np.zeros((n, 100)), []
for k in range(steps):
    h = np.tanh(x[k].dot(s["W_in"]) + h.dot(s["W_hh"]) + s["b_h"])
    hs.append(h)
same = np.allclose(m.states(x), np.array(hs), rtol=1e-12, atol=1e-12) and \
    np.array_equal(m.predict(x), (h.dot(s["W_out"]) + s["b_out"]).argmax(1))
print("states and predictions match:", "yes" if same else "no")

# One SGD step moves each weight by -lr * gradient: compare that step with
# central differences of the cost (evaluated in NumPy on the same weights).
lr = 0.05


def cost(w):
    h = np.zeros((n, 100))
    for k in range(steps):
        h = np.tanh(x[k].dot(w["W_in"]) + h.dot(w["W_hh"]) + w["b_h"])
    z = h.dot(w["W_out"]) + w["b_out"]
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -(t * logp).sum(axis=1).mean()


before = {k: getattr(m, k).get_value() for k in spec.names}
m.train(x, t)
ok = True
for k in spec.names:
    moved = (before[k] - getattr(m, k).get_value()) / lr
    flat = before[k].reshape(-1)
    for i in rng.choice(flat.size, 5, replace=False):
        w = {q: v.copy() for q, v in before.items()}
        eps = 1e-6
        w[k].reshape(-1)[i] += eps
        up = cost(w)
        w[k].reshape(-1)[i] -= 2 * eps
        numeric = (up - cost(w)) / (2 * eps)
        if abs(moved.reshape(-1)[i] - numeric) > 1e-6 + 1e-5 * abs(numeric):
            ok = False
            print(k, i, moved.reshape(-1)[i], numeric)
print("finite differences match:", "yes" if ok else "no")
