# theano.tensor.nnet.conv2d and theano.tensor.signal.pool.pool_2d against
# NumPy references (Inputs/nnet_ref.py, in the shared test helpers: conv2d
# as loops over the kernel, pool_2d transcribed from PyTensor's
# Pool.perform), through the Python loader. conv2d: every border mode
# ('valid', 'full' and 'half' with filters known at compile time, shared
# or given when called, an int and a pair), subsample, filter_dilation,
# filter_flip=False, num_groups, shared filters that change size, the old
# theano.tensor.nnet.conv.conv2d, float32, and empty outputs (an empty
# batch, no filters). pool_2d: every mode, with and without
# ignore_border (partial windows at the border), stride smaller and larger
# than the window, padding, on inputs of rank 2 to 6 and
# float32, the defaults, the old names (ds, st, padding) and
# downsample.max_pool_2d; windows that fit exactly once, windows that do
# not fit (no rows with ignore_border, as in Theano), and empty outputs
# (an image with no rows, an empty batch). Filters larger than the image
# and channels that do not match are located errors. Tolerance: 1e-12
# relative for float64, 1e-5 for float32 (plus the same times the largest
# |reference|, for sums that cancel). The same at -O0.
# RUN: %tcc %S/Inputs/conv_pool_model.th -o %t.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %tcc -O0 %S/Inputs/conv_pool_model.th -o %t.O0.so
# RUN: %python %s %t.O0.so | FileCheck %s
# Compile-time errors: padding needs ignore_border=True and must be
# smaller than the window.
# RUN: sed 's/^# P3: //; t; d' %s > %t3.th && not %tcc %t3.th -o %t3.so 2>&1 | FileCheck --check-prefix=E3 %s
# P3: import theano
# P3: import theano.tensor as T
# P3: from theano.tensor.signal.pool import pool_2d
# P3: x = T.tensor4('x')
# P3: f = theano.function([x], pool_2d(x, (2, 2), pad=(1, 1)))
# E3: :5:26: error: pool_2d: padding works only with ignore_border=True
# RUN: sed 's/^# P4: //; t; d' %s > %t4.th && not %tcc %t4.th -o %t4.so 2>&1 | FileCheck --check-prefix=E4 %s
# P4: import theano
# P4: import theano.tensor as T
# P4: from theano.tensor.signal.pool import pool_2d
# P4: x = T.matrix('x')
# P4: f = theano.function([x], pool_2d(x, (2, 3), ignore_border=True, pad=(1, 3)))
# E4: :5:26: error: pool_2d: padding (1, 3) must be smaller than the window (2, 3)
# CHECK: ok conv_valid
# CHECK-NEXT: ok conv_valid shapes
# CHECK-NEXT: ok conv_valid empty
# CHECK-NEXT: ok conv_options
# CHECK-NEXT: ok conv_const
# CHECK-NEXT: ok conv_shared
# CHECK-NEXT: ok conv_shared resized
# CHECK-NEXT: ok conv_sized (3, 2)
# CHECK-NEXT: ok conv_sized (4, 1)
# CHECK-NEXT: ok conv_sized (1, 5)
# CHECK-NEXT: ok conv_sized (2, 2)
# CHECK-NEXT: ok conv_groups
# CHECK-NEXT: ok conv_groups errors
# CHECK-NEXT: ok conv_old
# CHECK-NEXT: ok conv_f32
# CHECK-NEXT: ok conv errors
# CHECK-NEXT: ok pool4
# CHECK-NEXT: ok pool4 partial windows
# CHECK-NEXT: ok pool4 exact fit
# CHECK-NEXT: ok pool4 windows that do not fit
# CHECK-NEXT: ok pool3
# CHECK-NEXT: ok pool5
# CHECK-NEXT: ok pool6
# CHECK-NEXT: ok pool2
# CHECK-NEXT: ok pool2 tall
# CHECK-NEXT: ok pool_f32
# CHECK-NEXT: ok pool_default
# CHECK-NEXT: ok pool_default no rows
# CHECK-NEXT: ok pool_old
# CHECK-NEXT: ok net
import sys

import numpy as np

import tcc
from nnet_ref import conv2d_ref, conv_padding, pool_out_len, pool_ref

m = tcc.load(sys.argv[1])
rng = np.random.RandomState(0)


def close(label, got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype, (label, got.dtype, want.dtype)
    assert got.shape == want.shape, (label, got.shape, want.shape)
    rtol = 1e-5 if want.dtype == np.float32 else 1e-12
    atol = rtol * np.abs(want).max() if want.size else 0.0
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, err_msg=label)


def check(label, got, want):
    assert len(got) == len(want), (label, len(got), len(want))
    for k, (g, w) in enumerate(zip(got, want)):
        close(f"{label} output {k}", g, w)
    print("ok", label)


# conv2d, 'valid': x (batch, channels, rows, columns), w (filters,
# channels, rows, columns).
x = rng.randn(2, 3, 7, 6)
w = rng.randn(4, 3, 3, 2)
check("conv_valid", [m.conv_valid(x, w)], [conv2d_ref(x, w)])
cases = [((1, 1, 5, 5), (1, 1, 5, 5)),     # one output element
         ((1, 2, 4, 4), (3, 2, 1, 1)),     # 1x1 filters
         ((3, 1, 1, 9), (2, 1, 1, 4)),     # one row
         ((1, 2, 6, 3), (1, 2, 2, 3))]
for xs, fs in cases:
    xx, ww = rng.randn(*xs), rng.randn(*fs)
    close(f"conv_valid {xs} {fs}", m.conv_valid(xx, ww), conv2d_ref(xx, ww))
print("ok conv_valid shapes")
# An empty batch, no filters.
for xs, fs in [((0, 3, 5, 5), (4, 3, 3, 2)), ((2, 3, 5, 5), (0, 3, 3, 2))]:
    xx, ww = rng.randn(*xs), rng.randn(*fs)
    got = m.conv_valid(xx, ww)
    close(f"conv_valid {xs} {fs}", got, conv2d_ref(xx, ww))
    assert got.size == 0
print("ok conv_valid empty")

check("conv_options", m.conv_options(x, w), [
    conv2d_ref(x, w, pad=(1, 1)),
    conv2d_ref(x, w, pad=(2, 0)),
    conv2d_ref(x, w, stride=(2, 3)),
    conv2d_ref(x, w, dil=(2, 1)),
    conv2d_ref(x, w, pad=(1, 2), stride=(2, 1), dil=(1, 2)),
    conv2d_ref(x, w, flip=False),
    conv2d_ref(x, w, pad=(1, 1), stride=(1, 2), flip=False),
    conv2d_ref(x, w)])

# Filters known at compile time (2, 3, 3, 2): 'full' pads rows - 1 and
# columns - 1 of the dilated filter, 'half' half of them (rounded down, so
# 2 columns pad 1 and the output gains a column).
W = m.filters()
assert W.shape == (2, 3, 3, 2) and W.dtype == np.float64
assert conv_padding('full', (3, 2)) == (2, 1)
assert conv_padding('half', (3, 2)) == (1, 1)
assert conv_padding('half', (3, 2), (2, 2)) == (2, 1)
want = [conv2d_ref(x, W, pad=conv_padding('full', (3, 2))),
        conv2d_ref(x, W, pad=conv_padding('half', (3, 2))),
        conv2d_ref(x, W, pad=conv_padding('half', (3, 2), (2, 2)), dil=(2, 2)),
        conv2d_ref(x, W, pad=conv_padding('full', (3, 2)), stride=(2, 3)),
        conv2d_ref(x, W, pad=conv_padding('full', (3, 2)), flip=False),
        conv2d_ref(x, W),
        conv2d_ref(x, W, pad=conv_padding('half', (3, 2), (1, 3)), dil=(1, 3))]
assert want[0].shape == (2, 2, 9, 7) and want[1].shape == (2, 2, 7, 7)
assert want[6].shape == (2, 2, 7, 7)
check("conv_const", m.conv_const(x), want)

# Shared filters (3, 2, 2, 3); set_value may change their size.
x2 = rng.randn(2, 2, 6, 7)
Ws = m.ws.get_value()
assert Ws.shape == (3, 2, 2, 3)
# 'full' and 'half' pad by the filters' size when called.
def shared_refs(Wv):
    fs = Wv.shape[2:]
    return [conv2d_ref(x2, Wv), conv2d_ref(x2, Wv, pad=(2, 1)),
            conv2d_ref(x2, Wv, pad=(1, 2), stride=(2, 2)),
            conv2d_ref(x2, Wv, pad=conv_padding('full', fs)),
            conv2d_ref(x2, Wv, pad=conv_padding('half', fs, (2, 1)),
                       dil=(2, 1))]


check("conv_shared", m.conv_shared(x2), shared_refs(Ws))
Wn = rng.randn(5, 2, 4, 1)
m.ws.set_value(Wn)
got = m.conv_shared(x2)
assert got[3].shape == (2, 5, 9, 7) and got[4].shape == (2, 5, 6, 7)
check("conv_shared resized", got, shared_refs(Wn))
m.ws.set_value(Ws)

# Filters that are an input.
for fs in [(3, 2), (4, 1), (1, 5), (2, 2)]:
    ww = rng.randn(3, 3, *fs)
    check(f"conv_sized {fs}", m.conv_sized(x, ww), [
        conv2d_ref(x, ww, pad=conv_padding('full', fs)),
        conv2d_ref(x, ww, pad=conv_padding('half', fs)),
        conv2d_ref(x, ww, pad=conv_padding('full', fs), stride=(2, 3),
                   flip=False),
        conv2d_ref(x, ww, pad=conv_padding('half', fs, (1, 3)), dil=(1, 3))])

# num_groups: group g of the channels with group g of the filters.
def grouped_ref(xv, wv, groups, **kw):
    c, f = xv.shape[1] // groups, wv.shape[0] // groups
    return np.concatenate([conv2d_ref(xv[:, g * c:(g + 1) * c],
                                      wv[g * f:(g + 1) * f], **kw)
                           for g in range(groups)], axis=1)


x6c = rng.randn(2, 6, 7, 6)
w2g, w3g = rng.randn(4, 3, 3, 2), rng.randn(6, 2, 2, 3)
check("conv_groups", m.conv_groups(x6c, w2g, w3g), [
    grouped_ref(x6c, w2g, 2),
    grouped_ref(x6c, w3g, 3, pad=conv_padding('half', (2, 3)), stride=(2, 1))])
# Channels or filters that the groups do not divide: an error.
for xx, w2, w3 in [(rng.randn(2, 5, 7, 6), w2g, w3g),
                   (x6c, rng.randn(5, 3, 3, 2), w3g)]:
    try:
        m.conv_groups(xx, w2, w3)
    except tcc.Error as e:
        assert str(e).startswith("conv_groups: ") and "reshape" in str(e), e
    else:
        raise AssertionError(f"conv_groups ran on {xx.shape}, {w2.shape}")
print("ok conv_groups errors")

# theano.tensor.nnet.conv.conv2d: a true convolution ('valid' or 'full').
check("conv_old", m.conv_old(x, w), [
    conv2d_ref(x, w), conv2d_ref(x, w, stride=(2, 2)),
    conv2d_ref(x, W, pad=(2, 1)), conv2d_ref(x, W, pad=(2, 1), stride=(1, 2))])

xf = rng.randn(2, 3, 8, 7).astype(np.float32)
wf = rng.randn(2, 3, 3, 3).astype(np.float32)
got = m.conv_f32(xf, wf)
# The references summed in float64, then rounded.
xd, wd = xf.astype(np.float64), wf.astype(np.float64)
check("conv_f32", got, [
    conv2d_ref(xd, wd).astype(np.float32),
    conv2d_ref(xd, wd, pad=(2, 1), stride=(1, 2), dil=(2, 1),
               flip=False).astype(np.float32)])

# Channels that do not match, or filters larger than the image: an error,
# not a wrong answer.
for xx, ww, why in [
        (rng.randn(2, 2, 7, 6), w, "x.shape[1] == w.shape[1]"),
        (x, rng.randn(4, 2, 3, 2), "x.shape[1] == w.shape[1]"),
        (rng.randn(2, 3, 2, 5), w, "(the filters must fit in the padded rows)"),
        (rng.randn(2, 3, 5, 1), w,
         "(the filters must fit in the padded columns)")]:
    try:
        m.conv_valid(xx, ww)
    except tcc.Error as e:
        assert str(e).startswith("conv_valid: argument ") and why in str(e), str(e)
    else:
        raise AssertionError(f"conv_valid ran on {xx.shape} and {ww.shape}")
print("ok conv errors")

# pool_2d: the model's CONFIGS.
CONFIGS = [
    ((2, 2), False, None, (0, 0), 'max'),
    ((2, 2), True, None, (0, 0), 'max'),
    ((3, 2), False, (1, 1), (0, 0), 'max'),
    ((3, 2), True, (1, 1), (0, 0), 'max'),
    ((2, 3), False, (3, 4), (0, 0), 'max'),
    ((2, 3), True, (3, 4), (0, 0), 'max'),
    ((3, 3), True, (2, 1), (1, 2), 'max'),
    ((3, 2), False, (2, 1), (0, 0), 'sum'),
    ((3, 2), True, (2, 1), (1, 1), 'sum'),
    ((2, 2), False, None, (0, 0), 'sum'),
    ((3, 3), False, (2, 2), (0, 0), 'average_inc_pad'),
    ((3, 3), True, (2, 2), (1, 1), 'average_inc_pad'),
    ((3, 2), True, (1, 2), (2, 1), 'average_inc_pad'),
    ((2, 2), False, (3, 3), (0, 0), 'average_inc_pad'),
    ((3, 3), False, (2, 2), (0, 0), 'average_exc_pad'),
    ((3, 3), True, (2, 2), (1, 1), 'average_exc_pad'),
    ((3, 2), True, (1, 2), (2, 1), 'average_exc_pad'),
    ((4, 1), True, (1, 1), (0, 0), 'average_exc_pad'),
]


def pools(v):
    return [pool_ref(v, ws, ib, st, pad, mode)
            for ws, ib, st, pad, mode in CONFIGS]


x4 = rng.randn(2, 3, 7, 6)
check("pool4", m.pool4(x4), pools(x4))
# 7 rows and 6 columns with 2x2 windows: ignore_border=False keeps a last
# row of partial windows (1x2), True drops it.
z = m.pool4(x4)
assert z[0].shape == (2, 3, 4, 3) and z[1].shape == (2, 3, 3, 3)
np.testing.assert_array_equal(z[0][..., 3, :],
                              np.maximum(x4[..., 6, 0::2], x4[..., 6, 1::2]))
assert z[9].shape == (2, 3, 4, 3)
np.testing.assert_allclose(z[9][..., 3, :], x4[..., 6, 0::2] + x4[..., 6, 1::2],
                           rtol=1e-12)
print("ok pool4 partial windows")
# A 4x3 image: the largest windows (4 rows, 3 columns) fit exactly once
# when they ignore the border, and cover it partially when not.
x4s = rng.randn(1, 2, 4, 3)
want = pools(x4s)
assert want[17].shape == (1, 2, 1, 3) and want[5].shape == (1, 2, 1, 1)
check("pool4 exact fit", m.pool4(x4s), want)
# A 3x2 image: windows of 4 rows, or of 3 columns, do not fit; with
# ignore_border they give no rows (or columns), as in Theano.
x4t = rng.randn(1, 2, 3, 2)
want = pools(x4t)
assert want[17].shape == (1, 2, 0, 2) and want[5].shape == (1, 2, 1, 0)
check("pool4 windows that do not fit", m.pool4(x4t), want)
np.testing.assert_array_equal(m.pool_tall_grad(x4t), np.ones_like(x4t))
assert m.pool_tall_grad(x4)[0, 0].tolist() != np.ones((7, 6)).tolist()
x3 = rng.randn(3, 7, 6)
check("pool3", m.pool3(x3), pools(x3))
x5 = rng.randn(2, 1, 3, 7, 6)
check("pool5", m.pool5(x5), pools(x5))
x6 = rng.randn(2, 1, 2, 3, 5, 7)
# The gradient of the sum of squares of 2x2 max pools: twice each window's
# maximum at its place (the values are distinct), nothing in the last row
# and column, which ignore_border drops.
grad = np.zeros_like(x6)
for r in range(0, 4, 2):
    for c in range(0, 6, 2):
        win = x6[..., r:r + 2, c:c + 2].reshape(x6.shape[:-2] + (4,))
        k = win.argmax(-1)
        idx = np.indices(k.shape)
        grad[(*idx, r + k // 2, c + k % 2)] = 2 * win.max(-1)
check("pool6", m.pool6(x6), [
    pool_ref(x6, (2, 3), True, (1, 2), mode='average_exc_pad'),
    pool_ref(x6, (3, 2)), grad])
x2 = rng.randn(7, 6)
check("pool2", m.pool2(x2), pools(x2))
x2t = rng.randn(11, 4)
check("pool2 tall", m.pool2(x2t), pools(x2t))
x4f = rng.randn(2, 2, 7, 6).astype(np.float32)
want = [pool_ref(x4f.astype(np.float64), ws, ib, st, pad, mode).astype(np.float32)
        for ws, ib, st, pad, mode in CONFIGS]
check("pool_f32", m.pool_f32(x4f), want)

# Defaults: ignore_border=False, stride = ws, mode max.
check("pool_default", m.pool_default(x4),
      [pool_ref(x4, (2, 3)), pool_ref(x4, (3, 1))])
# Empty outputs: an image with no rows, an empty batch.
for shape in [(1, 1, 0, 4), (0, 2, 3, 3)]:
    xe = np.zeros(shape)
    got = m.pool_default(xe)
    for k, want in enumerate([pool_ref(xe, (2, 3)), pool_ref(xe, (3, 1))]):
        assert want.size == 0
        close(f"pool_default {shape} output {k}", got[k], want)
print("ok pool_default no rows")

check("pool_old", m.pool_old(x4, x2), [
    pool_ref(x4, (3, 2), True, (1, 2), (1, 1)),
    pool_ref(x4, (2, 2)),
    pool_ref(x4, (2, 3), True),
    pool_ref(x4, (3, 2), True, (1, 2), (1, 1)),
    pool_ref(x4, (3, 3), True, (2, 2), (1, 1), 'average_exc_pad'),
    pool_ref(x2, (2, 2), mode='sum')])

# conv -> relu -> average pool -> conv -> max pool.
xn = rng.randn(2, 3, 10, 9)
w2 = rng.randn(2, 4, 2, 2)
h = conv2d_ref(xn, w, pad=(1, 0))
h = pool_ref(0.5 * (h + np.abs(h)), (2, 2), True, mode='average_exc_pad')
out = pool_ref(conv2d_ref(h, w2), (2, 2))
got = m.net(xn, w, w2)
close("net", got[0], out)
assert got[1].shape == w.shape and got[2].shape == w2.shape
print("ok net")
