# Unsigned dtypes (uint8..uint64) end to end against NumPy: wrap-around
# arithmetic, unsigned division, modulo, comparison, max/min and
# conversion; Theano's promotion with signed types and Python ints (int8 /
# int16 constants); reductions (sum to uint64, argmax, mean); constants and
# a wrapping shared counter; uint8 index arrays; strided and empty inputs
# through the C ABI. The same at -O0.
# RUN: %tcc %S/Inputs/unsigned_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/unsigned_model.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
# RUN: %tcc run %S/Inputs/unsigned_model.th arith8 --arg 'a=[200,3]' --arg 'b=[7,250]' | FileCheck --check-prefix=RUN8 %s
# RUN: %tcc run %S/Inputs/unsigned_model.th mixed --arg 'a=[1]' --arg 'i8=[-1]' --arg 'u16=[65535]' --arg 'u32=[4294967295]' --arg 'u64=[18446744073709551615]' --arg 'i64=[-1]' | FileCheck --check-prefix=RUN64 %s
# RUN: not %tcc run %S/Inputs/unsigned_model.th arith8 --arg 'a=[-1]' --arg 'b=[7]' 2>&1 | FileCheck --check-prefix=RUNNEG %s
# RUN8: output0 = [207, 253]
# RUN8-NEXT: output1 = [193, 9]
# RUN64: output2 = [4294967296]
# RUN64-NEXT: output3 = [1.8446744073709552e+19]
# RUNNEG: tcc run: error: input 'a': -1 does not fit in the input's 8-bit unsigned integers (compile the function with allow_input_downcast=True to wrap it)
#
# CHECK: arith8: 23 outputs match
# CHECK-NEXT: normalize: ok
# CHECK-NEXT: mixed: 12 outputs match
# CHECK-NEXT: reduce: 10 outputs match
# CHECK-NEXT: tick: ok
# CHECK-NEXT: gather: ok
# CHECK-NEXT: strided and empty: ok
import sys

import numpy as np
import tcc

m = tcc.load(sys.argv[1])
rng = np.random.RandomState(3)
i8, i16 = np.int8, np.int16


def const(value, dtype):
    """A Python int in a Theano graph: a constant of the smallest signed
    type that holds it, promoted by type (a 1-element array, so NumPy does
    not apply its value-based casting of scalars)."""
    return np.array([value], dtype=dtype)


def same(got, want, label):
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype, (label, got.dtype, want.dtype)
    assert got.shape == want.shape, (label, got.shape, want.shape)
    if want.dtype.kind == "f":
        assert np.allclose(got, want, rtol=1e-6, atol=0), (label, got, want)
    else:
        assert np.array_equal(got, want), (label, got, want)


def check(label, got, want):
    assert len(got) == len(want), (label, len(got), len(want))
    for k, (g, w) in enumerate(zip(got, want)):
        same(g, w, "%s[%d]" % (label, k))
    print("%s: %d outputs match" % (label, len(got)))


with np.errstate(all="ignore"):
    a = np.array([200, 3, 0, 255, 17, 128, 9], dtype=np.uint8)
    b = np.array([7, 250, 5, 255, 0, 128, 2], dtype=np.uint8)
    zero_safe = np.where(b == 0, 1, b)
    check("arith8", m.arith8(a, b), [
        a + b, a - b, a * b, np.where(b == 0, 0, a // zero_safe).astype(np.uint8),
        np.where(b == 0, 0, a % zero_safe).astype(np.uint8), -a, a,
        np.sign(a), a ** const(2, i8), np.maximum(a, b), np.minimum(a, b), a & b,
        a | b, a ^ b, ~a, a < b, a <= b, a > b, a >= b, a == b, a != b,
        np.where(a > b, a, b), np.clip(a, const(10, i8), const(200, i16))])

    img = rng.randint(0, 256, size=(3, 4)).astype(np.uint8)
    same(m.normalize(img), img.astype(np.float32) / const(255, i16), "normalize")
    print("normalize: ok")

    s8 = np.array([-128, -1, 0, 5, 127, -7], dtype=np.int8)
    a6 = a[:6]
    u16 = np.array([65535, 1, 300, 0, 40000, 7], dtype=np.uint16)
    u32 = np.array([4294967295, 1, 70000, 0, 5, 2 ** 31], dtype=np.uint32)
    u64 = np.array([2 ** 64 - 1, 1, 2 ** 63, 0, 12345678901234, 10], dtype=np.uint64)
    s64 = np.array([-1, 1, -(2 ** 62), 0, 5, 2 ** 40], dtype=np.int64)
    check("mixed", m.mixed(a6, s8, u16, u32, u64, s64), [
        a6 + s8, u16 * s8, u32 - s64, u64 + s64, u64 // const(3, i8), u32 > s64,
        s8.astype(np.uint8), a6.astype(np.int8), u64.astype(np.float64),
        (u32.astype(np.float32) * np.float32(0.5)).astype(np.uint32),
        u64 % const(10, i8), np.maximum(u64, const(5, i8))])

    mat = rng.randint(0, 65536, size=(3, 5)).astype(np.uint16)
    mat[1, 2] = 65535
    check("reduce", m.reduce(mat), [
        mat.sum(dtype=np.uint64), mat.sum(axis=0, dtype=np.uint64),
        mat.prod(axis=1, dtype=np.uint64), mat.max(), mat.min(axis=0),
        mat.argmax(axis=1), mat.argmin(axis=0), mat.mean(),
        np.cumsum(mat, axis=1, dtype=np.uint16),  # Theano's CumOp keeps the dtype
        mat.max(axis=1, keepdims=True) - mat])

    counter = np.array([254, 0, 7], dtype=np.uint8)
    k = np.array([250, 5, 128], dtype=np.uint8)
    for _ in range(3):
        got = m.tick()
        same(got[0], counter * k, "tick *")
        same(got[1], counter + k, "tick +")
        counter = (counter + const(1, i8)).astype(np.uint8)
    same(m.counter.get_value(), counter, "counter")
    print("tick: ok")

    v = np.arange(10.0) * 1.5
    idx = np.array([9, 0, 3, 3], dtype=np.uint8)
    got = m.gather(v, idx)
    same(got[0], v[idx], "v[idx]")
    same(got[1], v[idx[0]:], "v[idx[0]:]")
    same(got[2], v[idx[1]], "v[idx[1]]")
    print("gather: ok")

    # Strided views go through the C ABI as they are; empty arrays too.
    big = rng.randint(0, 256, size=(6, 8)).astype(np.uint8)
    same(m.normalize(big[::2, 1::3]), big[::2, 1::3].astype(np.float32) / const(255, i16),
         "strided")
    wide = rng.randint(0, 65536, size=(4, 6)).astype(np.uint16)
    same(m.reduce(wide.T[::2])[3], wide.T[::2].max(), "strided reduce")
    empty = np.zeros(0, dtype=np.uint8)
    got = m.arith8(empty, empty)
    assert all(np.asarray(g).shape == (0,) for g in got)
    same(m.normalize(np.zeros((0, 3), dtype=np.uint8)),
         np.zeros((0, 3), dtype=np.float32), "empty normalize")
    print("strided and empty: ok")
