# Theano's RandomStreams against NumPy: each draw owns a RandomState seeded
# with seeds.randint(2**30) from RandomState(seed), as shared_randomstreams
# does, and draws NumPy's numbers (uniform, normal, binomial with both
# algorithms, random_integers; sizes from shapes; broadcast parameters;
# dtype casts; choice and permutation). The state is shared state: calls advance it (default
# updates), no_default_updates leaves it, seed() reseeds, get/set_value
# see it; a bad parameter fails the call with status 7 (tcc.InvalidValue, a
# ValueError) and leaves every state as it was. The same at -O0.
# RUN: %tcc %S/Inputs/random_streams_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/random_streams_model.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
#
# CHECK: tutorial: ok
# CHECK-NEXT: corrupt: ok
# CHECK-NEXT: params: ok
# CHECK-NEXT: InvalidValue status=7: params: binomial: p < 0, p > 1 or p is NaN
# CHECK-NEXT: InvalidValue status=7: params: binomial: p < 0, p > 1 or p is NaN
# CHECK-NEXT: state kept: ok
# CHECK-NEXT: choice and permutation: ok
# CHECK-NEXT: status=7: choices: choice: probabilities do not sum to 1
# CHECK-NEXT: status=7: choices: choice: probabilities are not non-negative
# CHECK-NEXT: status=7: choices: choice: 'a' and 'p' must have same size
# CHECK-NEXT: status=7: choices: choice: probabilities contain NaN
# CHECK-NEXT: choice state kept: ok
# CHECK-NEXT: seed: ok
# CHECK-NEXT: dropout training: ok
# CHECK-NEXT: InvalidValue status=7: f: a random state must have 627 int64 words (a RandomStreams state variable was set to another length)
import sys
import warnings

import numpy as np
import tcc

warnings.simplefilter("ignore", DeprecationWarning)  # random_integers
m = tcc.load(sys.argv[1])


def streams(seed, count):
    seeds = np.random.RandomState(seed)
    return [np.random.RandomState(seeds.randint(2 ** 30)) for _ in range(count)]


def same(got, want, label):
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype, (label, got.dtype, want.dtype)
    assert np.array_equal(got, want), (label, got, want)


# The tutorial's: f advances its stream, g does not, rv_u drawn once per call.
u, n = streams(234, 2)
for _ in range(3):
    same(m.f(), u.uniform(size=(2, 2)), "f")
gauss = n.normal(size=(2, 2))
for _ in range(2):
    same(m.g(), gauss, "g")
same(m.nearly_zeros(), np.zeros((2, 2)), "nearly_zeros")
print("tutorial: ok")

rs = streams(7, 6)
x = np.arange(6.0).reshape(2, 3) + 1
for _ in range(3):
    same(m.corrupt(x), rs[0].binomial(1, 0.3, size=x.shape).astype(np.float64) * x, "corrupt")
print("corrupt: ok")

lo = np.array([0.0, 10.0, -5.0])
p = np.array([0.25, 0.0, 1.0, 0.5])
for _ in range(2):
    got = m.params(lo, p)
    same(got[0], rs[1].binomial(50, [0.1, 0.5, 0.9, 1.0], size=(3, 4)), "binomial")
    same(got[1], rs[2].uniform(lo, lo + 2.0), "uniform")
    same(got[2], np.array([[rs[3].random_integers(-3, 3) for _ in range(5)] for _ in range(2)]),
         "random_integers")
    same(got[3], rs[4].normal(1.0, [0.5, 1.0, 2.0], size=(3,)).astype(np.float32), "normal")
    same(got[4], rs[5].binomial(3, p), "binomial(p)")
print("params: ok")

# A bad p fails the call and changes no state (NumPy checks p first).
states = {name: getattr(m, name).get_value() for name in m.shared
          if name.startswith("random_state")}
for bad in ([0.5, 1.5, 0.1, 0.2], [0.5, np.nan, 0.1, 0.2]):
    try:
        m.params(lo, np.array(bad))
    except tcc.Error as e:
        assert isinstance(e, ValueError)
        print(f"{type(e).__name__} status={e.status}: {e}")
for name, value in states.items():
    same(getattr(m, name).get_value(), value, name)
got = m.params(lo, p)
same(got[4], rs[5].binomial(3, p), "binomial after the failures")
print("state kept: ok")

# choice and permutation: NumPy's RandomState.choice / permutation.
rs = streams(11, 8)
probs = np.array([0.1, 0.2, 0.3, 0.4])
pool = np.array([1.5, -2.0, 4.25], dtype=np.float32)
for _ in range(3):
    got = m.choices(probs, pool)
    same(got[0], rs[0].choice(10, (3, 4)), "choice")
    same(got[1], rs[1].choice(7, (5,), replace=False), "choice unique")
    same(got[2], rs[2].choice(4, (6,), p=probs), "choice p")
    same(got[3], rs[3].choice(5, (3,), replace=False, p=[0.5, 0.0, 0.2, 0.2, 0.1]),
         "choice unique p")
    same(got[4], rs[4].choice(pool, (4,)), "choice of a vector")
    same(got[5], np.array([rs[5].permutation(5) for _ in range(2)]), "permutation")
    same(got[6], rs[6].permutation(3).astype(np.int32), "permutation of n")
    # float32 p sums to 1 + 1.5e-8: within float32's tolerance, as NumPy.
    same(got[7], rs[7].choice(3, (2,), p=np.array([0.2, 0.3, 0.5], dtype=np.float32)),
         "choice float32 p")
print("choice and permutation: ok")
states = {name: getattr(m, name).get_value() for name in m.shared
          if name.startswith("random_state")}
for bad in ([0.1, 0.2, 0.3, 0.3], [0.5, 0.6, -0.1, 0.0], [0.5, 0.5], [0.5, np.nan, 0.5, 0.0]):
    try:
        m.choices(np.array(bad), pool)
    except tcc.InvalidValue as e:
        print(f"status={e.status}: {e}")
for name, value in states.items():
    same(getattr(m, name).get_value(), value, name)
print("choice state kept: ok")

# RandomStreams.seed(99) after the draws: the streams get the new seeds.
r1, r2 = streams(99, 2)
for _ in range(2):
    a, b = m.both()
    same(a, r1.uniform(size=(3,)), "reseeded uniform")
    same(b, r2.normal(size=(2,)), "reseeded normal")
print("seed: ok")

# Dropout training against NumPy, the mask from the stream.
(keep_rng,) = streams(12, 1)
w = np.array([-1.0, -0.25, 0.5, 1.0])
x = np.random.RandomState(0).uniform(-1, 1, size=(5, 4))
for _ in range(4):
    keep = keep_rng.binomial(1, 0.5, size=x.shape).astype(np.float64)
    a = np.tanh((x * keep) @ w)
    cost = np.sum(a ** 2)
    grad = (x * keep).T @ (2 * a * (1 - a ** 2))
    np.testing.assert_allclose(m.train(x), cost, rtol=1e-12)
    w = w - 0.1 * grad
    np.testing.assert_allclose(m.w.get_value(), w, rtol=1e-12)
print("dropout training: ok")

# A state set to the wrong length is refused by the draw, not read past.
name = [n for n in m.shared if n.startswith("random_state")][0]
getattr(m, name).set_value(np.zeros(5, dtype=np.int64))
try:
    m.f()
except tcc.Error as e:
    print(f"{type(e).__name__} status={e.status}: {e}")
