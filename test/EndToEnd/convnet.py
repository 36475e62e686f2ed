# Seed 002's convolutional network (bench/models/convnet.th: 256x256 images,
# 6 7x7 filters, 5x5 max pooling to 6x50x50, tanh, 16 6x7x7 filters, tanh,
# a product to 10 classes, softmax, cross-entropy) trains on random data and
# matches a NumPy step written out by hand (bench/workloads.py's
# convnet_numpy: the forward pass and every gradient explicit), parameter by
# parameter after every step, in float64 and float32.
# RUN: %tcc %S/../../bench/models/convnet.th -o %t.so
# RUN: %tcc %S/../../bench/models/convnet.th --floatX=float32 -o %t32.so
# RUN: env PYTHONPATH=%tcc_pythonpath %python %s %t.so float64 | FileCheck %s
# RUN: env PYTHONPATH=%tcc_pythonpath %python %s %t32.so float32 | FileCheck %s --check-prefix=F32
# CHECK: float64: 3 steps, costs match, parameters match
# CHECK-NEXT: the cost went down: yes
# CHECK-NEXT: predictions match: yes
# F32: float32: 3 steps, costs match, parameters match
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "bench"))
import training  # noqa: E402
import workloads  # noqa: E402

m, dtype, rtol = training.load_from_argv(sys.argv)
rng = np.random.RandomState(7)
n = 3
x = rng.randn(n, 1, 256, 256).astype(dtype)
t = np.eye(10, dtype=dtype)[rng.randint(0, 10, n)]
spec = workloads.Convnet("convnet", "", "", "train")
reference = workloads.convnet_numpy(x, t, spec.state(m))

costs = training.train_alongside(m, spec, reference, x, t, 3, rtol)
print("%s: 3 steps, costs match, parameters match" % dtype)
if dtype == np.float64:
    print("the cost went down:", "yes" if costs[2] < costs[0] else "no")
    # predict = argmax of the same network's outputs with the new weights.
    s = reference.state
    w1, w2 = s["W1"][:, :, ::-1, ::-1], s["W2"][:, :, ::-1, ::-1]
    c1 = workloads._correlate(x, w1)
    h1 = np.tanh(c1.reshape(n, 6, 50, 5, 50, 5).max(axis=(3, 5))
                 + s["b1"][None, :, None, None])
    h2 = np.tanh(workloads._correlate(h1, w2) + s["b2"][None, :, None, None])
    z = h2.reshape(n, -1).dot(s["W3"]) + s["b3"]
    same = np.array_equal(m.predict(x), z.argmax(axis=1))
    print("predictions match:", "yes" if same else "no")
