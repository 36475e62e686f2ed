# Random draws inside a scan's step against NumPy: each draw in the step
# owns a RandomState seeded with seeds.randint(2**30) from
# RandomState(seed), in the order the step makes them, as Theano's
# RandomStreams does; every step draws anew, the scan's updates carry the
# states to the next call, and the gradient uses the forward steps' draws
# (checked by central differences of the NumPy loop with those draws). The
# same at -O0.
# RUN: %tcc %S/Inputs/scan_random.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/scan_random.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
#
# CHECK: draws: ok
# CHECK-NEXT: next call: ok
# CHECK-NEXT: gradient: ok
import sys

import numpy as np
import tcc

m = tcc.load(sys.argv[1])
seeds = np.random.RandomState(234)
mask_rng = np.random.RandomState(seeds.randint(2 ** 30))
noise_rng = np.random.RandomState(seeds.randint(2 ** 30))

rng = np.random.RandomState(3)
X = rng.uniform(-1, 1, (5, 3))
H = rng.uniform(-1, 1, 3)


def draws(steps):
    out = []
    for _ in range(steps):
        keep = mask_rng.binomial(1, 0.8, size=3)
        noise = noise_rng.normal(0.0, 0.1, size=3)
        out.append((keep, noise))
    return out


def rnn(x, h, drawn):
    rows = []
    for xt, (keep, noise) in zip(x, drawn):
        h = np.tanh(xt + h) * keep + noise
        rows.append(h)
    return np.array(rows)


drawn = draws(5)
np.testing.assert_allclose(m.noisy_rnn(X, H), rnn(X, H, drawn), rtol=1e-13,
                           atol=1e-15)
# Not the same noise at every step.
assert len({tuple(n) for _, n in drawn}) == 5
print("draws: ok")

# The scan's updates carry the states on: a second call draws the next
# numbers.
drawn = draws(4)
np.testing.assert_allclose(m.noisy_rnn(X[:4], H), rnn(X[:4], H, drawn),
                           rtol=1e-13, atol=1e-15)
print("next call: ok")

drawn = draws(5)
h, dx = m.noisy_grad(X, H)
np.testing.assert_allclose(h, rnn(X, H, drawn), rtol=1e-13, atol=1e-15)
eps = 1e-6
want = np.zeros_like(X)
for i in np.ndindex(X.shape):
    up, down = X.copy(), X.copy()
    up[i] += eps
    down[i] -= eps
    want[i] = ((rnn(up, H, drawn) ** 2).sum() -
               (rnn(down, H, drawn) ** 2).sum()) / (2 * eps)
np.testing.assert_allclose(dx, want, rtol=1e-6, atol=1e-9)
print("gradient: ok")
