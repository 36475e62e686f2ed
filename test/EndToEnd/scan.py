# theano.scan against loops written in NumPy: a tanh RNN with shared
# weights as non_sequences (its history and its last state, float64 and
# float32), several outputs with a non-recurrent one, return_list, output
# taps (Fibonacci with n_steps and no sequences, taps [-3, -1]), sequence
# taps ([-1, 1], [-2, 0], [1, 3]) cut as Theano cuts them, n_steps shorter
# than the sequence, go_backwards (with and without taps), map, reduce,
# foldl and foldr, shared variables updated inside the step (after one and
# two calls), zero steps, two sequences of different lengths, a nested
# scan, a def step reading a shared variable it is not passed, and ifelse
# and switch in the step. The same at -O0.
# RUN: %tcc %S/Inputs/scan_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/scan_model.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
#
# CHECK: rnn: ok
# CHECK-NEXT: multi: ok
# CHECK-NEXT: return_list: ok
# CHECK-NEXT: output taps: ok
# CHECK-NEXT: n_steps 10 : cut: a sequence is shorter than the required number of steps: n_steps is 10, the sequence has 9 rows (scan at {{.*}}scan_model.th:75:14)
# CHECK-NEXT: n_steps -1 : cut: scan was asked to run for a negative number of steps (-1) (scan at {{.*}}scan_model.th:75:14)
# CHECK-NEXT: n_steps -14 : cut: scan was asked to run for a negative number of steps (-14) (scan at {{.*}}scan_model.th:75:14)
# CHECK-NEXT: fib -2: fib: scan was asked to run for a negative number of steps (-2) (scan at {{.*}}scan_model.th:51:11)
# CHECK-NEXT: sequence taps: ok
# CHECK-NEXT: go_backwards: ok
# CHECK-NEXT: map reduce foldl foldr: ok
# CHECK-NEXT: shared updates: ok
# CHECK-NEXT: float32: ok
# CHECK-NEXT: zero steps: ok
# CHECK-NEXT: two lengths: ok
# CHECK-NEXT: nested: ok
# CHECK-NEXT: closure: ok
# CHECK-NEXT: ifelse and switch: ok
import sys

import numpy as np
import tcc
from tcc_testing import same

m = tcc.load(sys.argv[1])
rng = np.random.RandomState(5)


def close(label, got, want, rtol=1e-12, atol=1e-14):
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype, (label, got.dtype, want.dtype)
    assert got.shape == want.shape, (label, got.shape, want.shape)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, err_msg=label)


# The RNN: h[t] = tanh(x[t] W + h[t-1] U).
W, U = m.W.get_value(), m.U.get_value()


def rnn(x, h0, W, U):
    out, h = [], h0
    for x_t in x:
        h = np.tanh(x_t @ W + h @ U)
        out.append(h)
    return np.array(out, dtype=x.dtype).reshape((len(x),) + h0.shape)


for steps in (1, 2, 7):
    x, h0 = rng.uniform(-1, 1, (steps, 3)), rng.uniform(-1, 1, 4)
    want = rnn(x, h0, W, U)
    close("rnn", m.rnn(x, h0), want)
    close("rnn_last", m.rnn_last(x, h0), want[-1])
# The weights are read at each call.
W2 = rng.uniform(-1, 1, (3, 4))
m.W.set_value(W2)
close("rnn after set_value", m.rnn(x, h0), rnn(x, h0, W2, U))
m.W.set_value(W)
print("rnn: ok")

# Several outputs: a (recurrent), a*a - v (not), c (a recurrent scalar).
M, h0 = rng.uniform(-1, 1, (5, 4)), rng.uniform(-1, 1, 4)
a, c, want = h0, 0.0, ([], [], [])
for v in M:
    a = np.tanh(v + 0.5 * a)
    c = c + a.sum()
    for lst, val in zip(want, (a, a * a - v, c)):
        lst.append(val)
got = m.multi(M, h0)
assert len(got) == 3
for k, (g, w) in enumerate(zip(got, want)):
    close(f"multi {k}", g, np.array(w))
print("multi: ok")

s = rng.uniform(-1, 1, 6)
close("return_list", m.return_list(s), s * 3.0)
print("return_list: ok")

# Output taps [-2, -1]: Fibonacci, int64 kept exact.
fib = [5, 8]
for _ in range(40):
    fib.append(fib[-2] + fib[-1])
got = m.fib(np.array([5, 8]), 40)
same("fib", [got], [np.array(fib[2:], dtype=np.int64)])
same("fib one step", [m.fib(np.array([5, 8]), 1)], [np.array([13])])
# taps [-3, -1] on a matrix: g0's three rows are the earlier values.
g0 = rng.uniform(-1, 1, (3, 2))
rows = list(g0)
for _ in range(6):
    rows.append(rows[-3] - 0.5 * rows[-1] + 1.0)
close("lag3", m.lag3(g0, 6), np.array(rows[3:]))
# Only the first three rows of a longer initial are the earlier values.
close("lag3 long initial", m.lag3(np.vstack([g0, g0 * 7]), 6), np.array(rows[3:]))
print("output taps: ok")

# Sequence taps: mintap = min(taps, 0), maxtap = max(taps, 0), and
# len(s) - (maxtap - mintap) steps, step t reading s[t - mintap + k].
s = rng.uniform(-1, 1, 9)
acc, want = 0.0, []
for t in range(len(s) - 2):
    acc = s[t + 2] - 2.0 * s[t] + 0.5 * acc
    want.append(acc)
close("taps [-1, 1]", m.seq_taps_a(s), np.array(want))
close("taps [-2, 0]", m.seq_taps_b(s),
      np.array([s[t] * 3.0 + s[t + 2] ** 2 for t in range(len(s) - 2)]))
close("taps [1, 3]", m.seq_taps_c(s),
      np.array([s[t + 3] - s[t + 1] for t in range(len(s) - 3)]))
close("taps [-1, 1] exact length", m.seq_taps_a(s[:3]), np.array(want[:1]))
close("taps [-1, 1] too short", m.seq_taps_a(s[:2]), np.zeros(0))
close("n_steps cut", m.cut(s, 4), np.cumsum(s[:4]))
close("n_steps 0", m.cut(s, 0), np.zeros(0))
close("n_steps = len", m.cut(s, len(s)), np.cumsum(s))
# Theano's scan raises for more steps than a sequence has rows (ValueError)
# and for a negative number (IndexError); so does the call, naming the scan.
for steps, error in ((len(s) + 1, ValueError), (-1, IndexError),
                     (-len(s) - 5, IndexError)):
    try:
        m.cut(s, steps)
        print("n_steps", steps, ": no error")
    except error as e:
        print("n_steps", steps, ":", e)
try:
    m.fib(np.array([1, 1]), -2)
    print("fib -2: no error")
except IndexError as e:
    print("fib -2:", e)
close("cut after errors", m.cut(s, 3), np.cumsum(s[:3]))
print("sequence taps: ok")

acc, want = 0.0, []
for v in s[::-1]:
    acc = acc * 0.9 + np.sin(v)
    want.append(acc)
close("go_backwards", m.backwards(s), np.array(want))
# Taps [-1, 0], then reversed: step t reads s[L-2-t] and s[L-1-t].
L = len(s)
close("go_backwards taps", m.backwards_taps(s),
      np.array([s[L - 1 - t] - 3.0 * s[L - 2 - t] for t in range(L - 1)]))
print("go_backwards: ok")

s2 = rng.uniform(-1, 1, 9)
close("map", m.map_fn(s, s2, 0.25), s * s2 + 0.25)
close("reduce", m.reduce_fn(s), np.array(np.sum(s * s)), rtol=1e-12)


def horner(values):
    acc = 0.0
    for v in values:
        acc = acc * 2.0 + v
    return np.array(acc)


close("foldl", m.foldl_fn(s), horner(s))
close("foldr", m.foldr_fn(s), horner(s[::-1]))
close("map empty", m.map_fn(np.zeros(0), np.zeros(0), 1.0), np.zeros(0))
print("map reduce foldl foldr: ok")

# count and total updated inside the step; each step reads the value the
# previous one left, the function's updates keep the last.
count, total = 0, 1.0
for call in range(2):
    s = rng.uniform(-1, 1, 4 + call)
    p, want = 1.0, []
    for v in s:
        p = p * 2.0 + total
        count, total = count + 1, total * 0.5 + v
        want.append(p)
    close(f"ticked call {call}", m.ticked(s), np.array(want))
    same(f"count after call {call}", [m.count.get_value()], [np.array(count)])
    close(f"total after call {call}", m.total.get_value(), np.array(total))
print("shared updates: ok")

Wf, Uf = m.Wf.get_value(), m.Uf.get_value()
assert Wf.dtype == np.float32 and Uf.dtype == np.float32
xf = rng.uniform(-1, 1, (6, 2)).astype(np.float32)
hf0 = rng.uniform(-1, 1, 3).astype(np.float32)
hist, last = m.rnn32(xf, hf0)
want = rnn(xf, hf0, Wf, Uf)
assert want.dtype == np.float32
close("rnn32", hist, want, rtol=1e-5, atol=1e-6)
close("rnn32 last", last, want[-1], rtol=1e-5, atol=1e-6)
print("float32: ok")

# Zero steps: an empty history of the right shape.
close("n_steps=0", m.zero_steps(rng.uniform(-1, 1, (2, 3)), 0), np.zeros((0, 3)))
g = rng.uniform(-1, 1, (2, 3))
close("n_steps=3", m.zero_steps(g, 3), np.array([g[0] * 2, g[0] * 4, g[0] * 8]))
close("fib 0 steps", m.fib(np.array([1, 1]), 0), np.zeros(0, dtype=np.int64))
close("empty sequence", m.rnn(np.zeros((0, 3)), np.ones(4)), np.zeros((0, 4)))
close("empty sequence, several outputs", m.multi(np.zeros((0, 4)), np.ones(4))[2],
      np.zeros(0))
close("empty reduce history", m.two_lengths(np.zeros(0), s2), np.zeros(0))
# h[-1] is the last state, kept without the history (th-scan-save-mem, at
# every -O): of zero steps it is the initial state. (Theano refuses to run
# a scan of zero steps at all.)
close("rnn_last of zero steps", m.rnn_last(np.zeros((0, 3)), np.ones(4)),
      np.ones(4))
print("zero steps: ok")

# Two sequences of different lengths: as many steps as the shorter.
a, b = rng.uniform(-1, 1, 7), rng.uniform(-1, 1, 4)
close("two lengths", m.two_lengths(a, b), np.cumsum(a[:4] * b))
close("two lengths swapped", m.two_lengths(b, a), np.cumsum(a[:4] * b))
print("two lengths: ok")

# Nested: row i of the result sums, over the rows so far, the inner scan
# of each row started from that row's s.
M, s = rng.uniform(-1, 1, (4, 5)), rng.uniform(-1, 1, 4)
acc, want = np.zeros(5), []
for row, start in zip(M, s):
    a, inner = start, []
    for v in row:
        a = a * 0.5 + v
        inner.append(a)
    acc = acc + np.array(inner)
    want.append(acc)
close("nested", m.nested(M, s), np.array(want))
print("nested: ok")


def closure(M, bias):
    h, out = np.zeros(3), []
    for x_t in M:
        h = np.tanh(x_t + 0.75 * h + bias)
        out.append(h)
    return np.array(out)


M = rng.uniform(-1, 1, (5, 3))
close("closure", m.closure(M), closure(M, m.bias.get_value()))
bias = rng.uniform(-1, 1, 3)
m.bias.set_value(bias)
close("closure after set_value", m.closure(M), closure(M, bias))
print("closure: ok")

s = np.array([0.5, -1.0, 2.0, -0.25, 0.0, 3.0, -2.0])
acc, gated, chosen = 1.0, [], []
for v in s:
    chosen.append(v if v > acc else acc - 1.0)
    acc = acc + v if v > 0 else acc * 0.5
    gated.append(acc)
got = m.branches(s)
close("ifelse", got[0], np.array(gated))
close("switch", got[1], np.array(chosen))
print("ifelse and switch: ok")
