# theano.scan_module.until (a scan that stops on a condition) against loops
# written in NumPy: the Theano documentation's powers of two, a tanh RNN
# over a sequence that stops early (its history, its last state, its
# number of steps and its gradients with respect to the initial state, the
# weights and the sequence, checked by central differences of the NumPy
# loop, and truncated to two steps), the same over a sequence read with
# taps,
# Fibonacci with taps and an integer condition, a shared variable updated
# by the steps run only, and map. The same at -O0.
# RUN: %tcc %S/Inputs/scan_until.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/scan_until.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
#
# CHECK: powers: ok
# CHECK-NEXT: rnn: ok
# CHECK-NEXT: taps: ok
# CHECK-NEXT: fibonacci: ok
# CHECK-NEXT: shared: ok
# CHECK-NEXT: map: ok
import sys

import numpy as np
import tcc

m = tcc.load(sys.argv[1])


# T.constant(1.) is floatX (float32): past 2**127 the powers are inf,
# which is past any bound.
def powers(bound):
    out, p = [], np.float32(1.0)
    for _ in range(1024):
        with np.errstate(over="ignore"):
            p = np.float32(p * 2)
        out.append(p)
        if float(p) > bound:
            break
    return np.array(out, dtype=np.float32)


for bound in (45.0, 0.5, 1.0, 1e300):
    got = m.powers(bound)
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, powers(bound), err_msg=str(bound))
assert m.powers(45.0).tolist() == [2.0, 4.0, 8.0, 16.0, 32.0, 64.0]
assert np.isinf(m.powers(1e300)[-1]) and len(m.powers(1e300)) == 128
print("powers: ok")

rng = np.random.RandomState(7)
X = rng.uniform(-0.5, 0.5, (6, 3)).round(3)
H = rng.uniform(-0.5, 0.5, 4).round(3)
W = rng.uniform(-0.8, 0.8, (3, 4)).round(3)


def rnn(x, h, w, lim):
    rows = []
    for xt in x:
        h = np.tanh(xt @ w + h)
        rows.append(h)
        if h.sum() > lim:
            break
    return np.array(rows)


def cost(x, h, w, lim):
    hs = rnn(x, h, w, lim)
    return (hs ** 2).sum() + hs[-1].sum()


def numeric_grad(f, a, eps=1e-6):
    g = np.zeros_like(a)
    for i in np.ndindex(a.shape):
        up, down = a.copy(), a.copy()
        up[i] += eps
        down[i] -= eps
        g[i] = (f(up) - f(down)) / (2 * eps)
    return g


# The state sums 0.706, 0.869, 0.694, ...: 0.8 stops after two steps, 0.5
# after the first, 0.9 never (all six rows).
for lim, steps in ((0.8, 2), (0.5, 1), (0.9, 6)):
    h, dh0, dw, dx = m.rnn(X, H, W, lim)
    want = rnn(X, H, W, lim)
    assert h.shape == (steps, 4), (lim, h.shape)
    np.testing.assert_allclose(h, want, rtol=1e-12, atol=1e-14)
    last, count = m.rnn_last(X, H, W, lim)
    np.testing.assert_allclose(last, want[-1], rtol=1e-12, atol=1e-14)
    assert int(count) == steps, (lim, count)
    # truncate_gradient=2: exact when at most two steps ran; otherwise the
    # initial state is more than two steps back and gets nothing.
    want = numeric_grad(lambda a: cost(X, a, W, lim), H)
    np.testing.assert_allclose(m.rnn_truncated(X, H, W, lim),
                               want if steps <= 2 else np.zeros(4),
                               rtol=1e-6, atol=1e-8, err_msg=str(lim))
    # The rows no step read have no gradient.
    assert not dx[steps:].any(), (lim, dx)
    for got, arg, f in ((dh0, H, lambda a: cost(X, a, W, lim)),
                        (dw, W, lambda a: cost(X, H, a, lim)),
                        (dx, X, lambda a: cost(a, H, W, lim))):
        np.testing.assert_allclose(got, numeric_grad(f, arg), rtol=1e-6,
                                   atol=1e-8, err_msg=str(lim))
print("rnn: ok")

def taps_rnn(x, g, lim):
    rows = []
    for t in range(1, len(x)):
        g = np.tanh(0.5 * x[t - 1] + x[t] - 0.3 * g)
        rows.append(g)
        if g.sum() > lim:
            break
    return np.array(rows)


# The state sums 0.488, -0.419, 0.274, ...: 0.3 stops after the first step
# (which reads rows 0 and 1), 0.6 never (five steps, rows 0 to 5).
G = np.array([0.1, -0.2, 0.3])
for lim, steps in ((0.3, 1), (0.6, 5)):
    gs, dx = m.taps_rnn(X, G, lim)
    want = taps_rnn(X, G, lim)
    assert gs.shape == (steps, 3), (lim, gs.shape)
    np.testing.assert_allclose(gs, want, rtol=1e-12, atol=1e-14)
    assert not dx[steps + 1:].any(), (lim, dx)
    np.testing.assert_allclose(
        dx, numeric_grad(lambda a: (taps_rnn(a, G, lim) ** 2).sum(), X),
        rtol=1e-6, atol=1e-8, err_msg=str(lim))
print("taps: ok")

fib = m.fibonacci(np.array([0, 1], dtype=np.int64), 100)
assert fib.dtype == np.int64
assert fib.tolist() == [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144], fib
assert m.fibonacci(np.array([5, 8], dtype=np.int64), 3).tolist() == [13]
print("fibonacci: ok")

# The steps run add up until past 10; later values are not added.
assert m.accumulate([3.0, 4.0, 5.0, 6.0]).tolist() == [3.0, 7.0, 12.0]
assert float(m.total.get_value()) == 12.0
assert m.accumulate([1.0, 2.0]).tolist() == [13.0]
assert float(m.total.get_value()) == 13.0
print("shared: ok")

assert m.first_negative([-1.0, 2.0, 3.0]).tolist() == [1.0]
assert m.first_negative([1.0, 2.0, -3.0, 4.0]).tolist() == [1.0, 2.0, 3.0]
assert m.first_negative([1.0, 2.0]).tolist() == [1.0, 2.0]
print("map: ok")
