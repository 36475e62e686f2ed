"""NumPy references for theano.tensor.nnet.conv2d and
theano.tensor.signal.pool.pool_2d (shared by the Python tests; lit puts this
directory on PYTHONPATH)."""
import numpy as np


def conv_padding(mode, kernel, dilation=(1, 1)):
    """The padding of conv2d's border_mode for filters of `kernel` (rows,
    columns): Theano's get_conv_shape_1axis, on the dilated kernel."""
    span = [(k - 1) * d + 1 for k, d in zip(kernel, dilation)]
    if mode == 'valid':
        return (0, 0)
    if mode == 'full':
        return (span[0] - 1, span[1] - 1)
    if mode == 'half':
        return (span[0] // 2, span[1] // 2)
    if isinstance(mode, int):
        return (mode, mode)
    return tuple(mode)


def conv2d_ref(x, w, pad=(0, 0), stride=(1, 1), dil=(1, 1), flip=True):
    """Theano's conv2d in loops: a cross-correlation with the flipped
    filters (filter_flip=True), over x zero-padded by `pad`."""
    if flip:
        w = w[:, :, ::-1, ::-1]
    n, c, h, wd = x.shape
    f, c2, kh, kw = w.shape
    assert c == c2
    xp = np.zeros((n, c, h + 2 * pad[0], wd + 2 * pad[1]), x.dtype)
    xp[:, :, pad[0]:pad[0] + h, pad[1]:pad[1] + wd] = x
    sh = (kh - 1) * dil[0] + 1
    sw = (kw - 1) * dil[1] + 1
    oh = max(0, (xp.shape[2] - sh) // stride[0] + 1)
    ow = max(0, (xp.shape[3] - sw) // stride[1] + 1)
    out = np.zeros((n, f, oh, ow), x.dtype)
    if oh == 0 or ow == 0:
        return out
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :,
                       i * dil[0]: i * dil[0] + (oh - 1) * stride[0] + 1: stride[0],
                       j * dil[1]: j * dil[1] + (ow - 1) * stride[1] + 1: stride[1]]
            out += np.einsum('nchw,fc->nfhw', patch, w[:, :, i, j])
    return out


def pool_out_len(r, ws, st, pad, ignore_border):
    """PyTensor's Pool.out_shape for one dimension."""
    v = r + 2 * pad
    if ignore_border:
        if ws == st:
            return v // st
        return max(0, (v - ws) // st + 1)
    if st >= ws:
        return (v - 1) // st + 1
    return max(0, (v - 1 - ws + st) // st) + 1


def pool_ref(x, ws, ignore_border=False, stride=None, pad=(0, 0), mode='max'):
    """PyTensor's Pool.perform, transcribed: pools the last two dimensions.
    Windows are clipped to the padded image; except for average_inc_pad
    they are also clipped to the image itself (so the padding never counts
    and max never sees it)."""
    stride = stride or ws
    h, w = x.shape[-2:]
    oh = pool_out_len(h, ws[0], stride[0], pad[0], ignore_border)
    ow = pool_out_len(w, ws[1], stride[1], pad[1], ignore_border)
    img = (h + 2 * pad[0], w + 2 * pad[1])
    y = np.zeros(x.shape[:-2] + img, x.dtype)
    y[..., pad[0]:pad[0] + h, pad[1]:pad[1] + w] = x
    func = {'max': np.max, 'sum': np.sum}.get(mode, np.average)
    inc = mode == 'average_inc_pad'
    z = np.zeros(x.shape[:-2] + (oh, ow), x.dtype)
    for r in range(oh):
        rs = r * stride[0]
        re = min(rs + ws[0], img[0])
        if not inc:
            rs, re = max(rs, pad[0]), min(re, h + pad[0])
        for c in range(ow):
            cs = c * stride[1]
            ce = min(cs + ws[1], img[1])
            if not inc:
                cs, ce = max(cs, pad[1]), min(ce, w + pad[1])
            assert rs < re and cs < ce, "an empty window"
            z[..., r, c] = func(y[..., rs:re, cs:ce], axis=(-2, -1))
    return z
