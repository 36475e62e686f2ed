# scipy.special's functions (gamma, gammaln, psi, tri_gamma, erfinv,
# erfcinv, erfcx) against mpmath at 40 digits, arctan2 and trunc against
# NumPy: random values over each function's domain, the edges of the domain
# (poles, +-1 and 0/2 for the inverses, subnormal arguments, infinities),
# float32 (computed in double, rounded once), integer inputs upgraded to
# float, broadcasting, empty and strided inputs. The same at -O0.
# RUN: %tcc %S/Inputs/special_functions_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/special_functions_model.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
# CHECK: gamma float64: ok
# CHECK-NEXT: gamma float32: ok
# CHECK-NEXT: gamma edges: ok
# CHECK-NEXT: integer inputs: ok
# CHECK-NEXT: erf inverses: ok
# CHECK-NEXT: erf edges: ok
# CHECK-NEXT: erf float32: ok
# CHECK-NEXT: arctan2 trunc: ok
# CHECK-NEXT: empty: ok
import sys

import mpmath
import numpy as np
import tcc
from tcc_testing import same

mpmath.mp.dps = 40
model = tcc.load(sys.argv[1])
rng = np.random.RandomState(5)


def reference(fn, values, dtype=np.float64):
    """fn at each value in 40-digit arithmetic, rounded to dtype."""
    out = []
    for v in np.asarray(values, dtype=np.float64).ravel():
        r = fn(mpmath.mpf(float(v)))
        out.append(float(r))
    return np.array(out, dtype=dtype).reshape(np.shape(values))


def close(label, got, want, rtol, atol=0.0):
    assert got.dtype == want.dtype, (label, got.dtype, want.dtype)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, err_msg=label)


def log_abs_gamma(v):
    return mpmath.log(abs(mpmath.gamma(v)))


def trigamma(v):
    return mpmath.psi(1, v)


def erfcx(t):
    """exp(t**2) erfc(t); past 1e10 its asymptotic 1/(t sqrt(pi)), exact
    there in double (mpmath's erfc cannot take such arguments)."""
    if t > 1e10:
        return 1 / (t * mpmath.sqrt(mpmath.pi))
    return mpmath.exp(t * t) * mpmath.erfc(t)


def erfcinv(t):
    """erfinv(1 - t) with 1 - t exact, even for the smallest subnormal t."""
    with mpmath.workdps(400):
        return +mpmath.erfinv(1 - t)


# Random points over [-6, 40] (never an integer, so no pole) and a strided
# view of them.
points = rng.uniform(-6, 40, size=40)
points[:4] = [0.5, 1.0, 2.0, 1.4616321449683622]  # psi's root last
strided = np.repeat(points, 2)[::2]
assert not strided.flags.c_contiguous
for label, v in [("float64", points), ("strided", strided)]:
    g, lg, psi, tri = model.gamma64(v)
    close("gamma", g, reference(mpmath.gamma, v), 1e-13)
    close("gammaln", lg, reference(log_abs_gamma, v), 1e-13, 1e-15)
    close("psi", psi, reference(mpmath.digamma, v), 1e-13, 1e-15)
    close("tri_gamma", tri, reference(trigamma, v), 1e-13)
print("gamma float64: ok")

v32 = points.astype(np.float32)
g, lg, psi, tri = model.gamma32(v32)
# Computed in double and rounded once: within half an ulp of float32 (the
# references are rounded too, so one ulp apart at most).
close("gamma32", g, reference(mpmath.gamma, v32, np.float32), 1.2e-7)
close("gammaln32", lg, reference(log_abs_gamma, v32, np.float32), 1.2e-7, 1e-7)
close("psi32", psi, reference(mpmath.digamma, v32, np.float32), 1.2e-7, 1e-7)
close("tri32", tri, reference(trigamma, v32, np.float32), 1.2e-7)
print("gamma float32: ok")

# Poles and infinities, as scipy.special gives them: gamma(+0) = inf,
# gammaln(-n) = inf, psi(+-0) = -+inf, psi(-n) = nan, tri_gamma(-n) = inf;
# gamma overflows to inf past 171.6.
edges = np.array([0.0, -0.0, -3.0, np.inf, 180.0, 1e-300])
g, lg, psi, tri = model.gamma64(edges)
same("edges", [g[[0, 3, 4]], lg[:4], psi[:4], tri[[0, 2, 3]]], [
    np.array([np.inf, np.inf, np.inf]), np.array([np.inf] * 4),
    np.array([-np.inf, np.inf, np.nan, np.inf]), np.array([np.inf, np.inf, 0.0])])
close("large and tiny", np.array([lg[4], psi[5], lg[5]]),
      np.array([float(log_abs_gamma(mpmath.mpf(180))),
                float(mpmath.digamma(mpmath.mpf(1e-300))),
                float(log_abs_gamma(mpmath.mpf(1e-300)))]), 1e-14)
print("gamma edges: ok")

small = np.array([1, 2, 5, -1, 7], dtype=np.int8)
ints = np.array([1, 3, 10, 20, 100], dtype=np.int32)
g8, lg32 = model.gamma_int(small, ints)
same("gamma int8", [g8[[0, 1, 2, 4]]], [np.array([1, 1, 24, 720], np.float32)])
assert np.isnan(g8[3]), g8
close("gammaln int32", lg32, reference(log_abs_gamma, ints), 1e-14, 1e-15)
print("integer inputs: ok")

u = rng.uniform(-1, 1, size=30)
z = rng.uniform(0, 2, size=30)
w = np.concatenate([rng.uniform(-5, 40, size=30), [25.99, 26.0, 1e5, 1e300]])
inv, cinv, cx = model.erf64(u, z, w)
close("erfinv", inv, reference(mpmath.erfinv, u), 1e-14)
close("erfcinv", cinv, reference(erfcinv, z), 1e-14, 1e-16)
close("erfcx", cx, reference(erfcx, w), 1e-14)
print("erf inverses: ok")

# The tails: erfinv near +-1, erfcinv down to the smallest subnormal, and
# the ends of their domains.
tail_u = np.array([1 - 2.0**-52, -(1 - 2.0**-53), 0.5, -0.5, 1e-300])
tail_z = np.array([5e-324, 1e-300, 1e-20, 2 - 2.0**-51, 1.0, 0.5])
inv, cinv, cx = model.erf64(tail_u, tail_z[:5], np.array([-1e10, np.inf, -np.inf, 0.0, 27.5]))
close("erfinv tail", inv, reference(mpmath.erfinv, tail_u), 1e-14)
close("erfcinv tail", cinv, reference(erfcinv, tail_z[:5]), 1e-14)
same("erfcx edges", [cx[:4]], [np.array([np.inf, 0.0, np.inf, 1.0])])
inv, cinv, _ = model.erf64(np.array([1.0, -1.0, 1.5, np.nan]),
                           np.array([0.0, 2.0, -0.1, 2.5]), np.zeros(0))
same("domain", [inv, cinv], [np.array([np.inf, -np.inf, np.nan, np.nan]),
                             np.array([np.inf, -np.inf, np.nan, np.nan])])
print("erf edges: ok")

u32 = rng.uniform(-1, 1, size=20).astype(np.float32)
inv, cx = model.erf32(u32)
close("erfinv32", inv, reference(mpmath.erfinv, u32, np.float32), 1.2e-7)
close("erfcx32", cx, reference(erfcx, u32, np.float32), 1.2e-7)
print("erf float32: ok")

a = rng.randn(3, 8)[:, ::2]  # strided
b = rng.randn(1, 4)
b[0, 0] = 0.0
a[0, 0] = -0.0
ints = np.array([-3, 0, 4], dtype=np.int32)
same("angles", model.angles(a, b, ints), [
    np.arctan2(a, b), np.arctan2(b, a), np.arctan2(ints, 2).astype(np.float64),
    np.trunc(a), np.trunc(a * 3)])
print("arctan2 trunc: ok")

empty = np.zeros(0)
outs = model.gamma64(empty) + model.erf64(empty, empty, empty)
assert all(o.shape == (0,) and o.dtype == np.float64 for o in outs)
outs = model.angles(np.zeros((0, 4)), b, np.zeros(0, np.int32))
assert [o.shape for o in outs] == [(0, 4), (0, 4), (0,), (0, 4), (0, 4)]
print("empty: ok")
