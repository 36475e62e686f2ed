"""The seed workloads: their data, a NumPy reference, and each peer's version.

A workload is a model file for tcc (bench/models or examples), the function
to call, inputs made from a seeded generator, and for each peer a `make`
function that returns a zero-argument callable doing one call (one training
step, one evaluation) and returning its results as NumPy arrays. Training
steps keep their state between calls, like the tcc model's shared
variables. Peers are imported only when asked for, so a missing one costs
nothing but its row.
"""
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Unavailable(Exception):
    """A peer that cannot run this workload (not installed, or no such op)."""


class Workload:
    def __init__(self, name, title, model, function, flags=(), float32=False):
        self.name = name
        self.title = title
        self.model = model
        self.function = function
        self.flags = list(flags)
        self.dtype = np.float32 if float32 else np.float64

    # Overridden below.
    def inputs(self, smoke):
        raise NotImplementedError

    def state(self, tcc_model):
        """Initial shared state (from the compiled model, so all agree)."""
        return {}

    def flops(self, inputs):
        return 0.0

    def bytes(self, inputs):
        """Bytes a call must move at least; its limits are measured with
        arrays of this size (cache effects included)."""
        return 0

    def limit(self, inputs, machine):
        """The least time a call can take on this machine (`machine`:
        bench/limits.c's figures at self.bytes(inputs)): the flops at
        OpenBLAS's gemm rate or the bytes at copy bandwidth, whichever is
        more. None where there is no meaningful limit."""
        gemm = machine["sgemm_gflops" if self.dtype == np.float32
                       else "dgemm_gflops"] * 1e9
        return max(self.flops(inputs) / gemm,
                   self.bytes(inputs) / (machine["copy_gbs"] * 1e9))


# --- Seed 002's logistic regression -------------------------------------


class LogisticRegression(Workload):
    def inputs(self, smoke):
        rng = np.random.RandomState(0)
        n = 16 if smoke else 400
        return [rng.randn(n, 784), rng.randint(0, 2, n).astype(np.float64)]

    def state(self, m):
        return {"w": m.w.get_value(), "b": np.float64(m.b.get_value())}

    def flops(self, inputs):
        x = inputs[0]
        return 4.0 * x.size  # x.dot(w) and err.dot(x)

    def bytes(self, inputs):
        return inputs[0].nbytes  # one pass over x, both products in it


def logreg_numpy(x, y, state):
    w, b = state["w"].copy(), float(state["b"])

    def step():
        nonlocal w, b
        z = x.dot(w) + b
        p = 1 / (1 + np.exp(-z))
        xent = np.logaddexp(0, z) - y * z
        err = p - y
        w = w - 0.1 * (err.dot(x) / len(y) + 0.02 * w)
        b = b - 0.1 * err.mean()
        return p > 0.5, xent
    return step


def logreg_pytensor(x, y, state):
    import pytensor
    import pytensor.tensor as tt
    X, Y = tt.matrix("x", dtype="float64"), tt.vector("y", dtype="float64")
    w = pytensor.shared(state["w"].copy(), name="w")
    b = pytensor.shared(float(state["b"]), name="b")
    p_1 = 1 / (1 + tt.exp(-tt.dot(X, w) - b))
    xent = -Y * tt.log(p_1) - (1 - Y) * tt.log(1 - p_1)
    cost = xent.mean() + 0.01 * (w ** 2).sum()
    gw, gb = tt.grad(cost, [w, b])
    train = pytensor.function([X, Y], [p_1 > 0.5, xent],
                              updates={w: w - 0.1 * gw, b: b - 0.1 * gb})
    return lambda: train(x, y)


def logreg_torch(x, y, state):
    import torch
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    w = torch.tensor(state["w"], requires_grad=True)
    b = torch.tensor(float(state["b"]), dtype=torch.float64,
                     requires_grad=True)

    def step():
        z = X @ w + b
        p_1 = torch.sigmoid(z)
        xent = torch.nn.functional.softplus(z) - Y * z
        cost = xent.mean() + 0.01 * (w ** 2).sum()
        cost.backward()
        with torch.no_grad():
            w.sub_(0.1 * w.grad)
            b.sub_(0.1 * b.grad)
            w.grad = None
            b.grad = None
        return (p_1 > 0.5).numpy(), xent.detach().numpy()
    return step


def logreg_jax(x, y, state):
    import jax
    import jax.numpy as jnp
    jax.config.update("jax_enable_x64", True)

    def loss(params, X, Y):
        w, b = params
        z = X @ w + b
        xent = jax.nn.softplus(z) - Y * z
        return xent.mean() + 0.01 * (w ** 2).sum(), (z > 0, xent)

    @jax.jit
    def step(params, X, Y):
        (_, aux), grads = jax.value_and_grad(loss, has_aux=True)(params, X, Y)
        return [p - 0.1 * g for p, g in zip(params, grads)], aux

    X, Y = jnp.asarray(x), jnp.asarray(y)
    params = [jnp.asarray(state["w"]), jnp.asarray(float(state["b"]))]

    def call():
        nonlocal params
        params, (prediction, xent) = step(params, X, Y)
        xent.block_until_ready()
        return np.asarray(prediction), np.asarray(xent)
    return call


# --- Seed 002's multilayer perceptron -----------------------------------


class Mlp(Workload):
    def inputs(self, smoke):
        rng = np.random.RandomState(1)
        n = 4 if smoke else 60
        x = rng.randn(n, 784).astype(self.dtype)
        t = np.eye(10, dtype=self.dtype)[rng.randint(0, 10, n)]
        return [x, t]

    def state(self, m):
        return {k: getattr(m, k).get_value() for k in ("W1", "b1", "W2", "b2")}

    def flops(self, inputs):
        n = inputs[0].shape[0]
        # x.W1 and its gradient x^T.dh; h.W2, its gradient and dh = dz.W2^T.
        return 2.0 * n * 784 * 500 * 2 + 2.0 * n * 500 * 10 * 3

    def bytes(self, inputs):
        return (784 * 500 + 500 * 10) * np.dtype(self.dtype).itemsize * 2


def _pytensor_sgd(inputs, cost, params, lr, dtype):
    """A PyTensor function of `inputs` that returns `cost` and takes one SGD
    step on `params`."""
    import pytensor
    import pytensor.tensor as T
    grads = T.grad(cost, params)
    lr = np.asarray(lr, dtype=dtype)
    return pytensor.function(inputs, cost, updates=[
        (q, q - lr * g) for q, g in zip(params, grads)])


def _torch_sgd_step(params, lr, cost_fn):
    """A call that evaluates `cost_fn()` and takes one SGD step on
    `params` (PyTorch tensors that require gradients)."""
    import torch

    def step():
        cost = cost_fn()
        cost.backward()
        with torch.no_grad():
            for q in params:
                q.sub_(lr * q.grad)
                q.grad = None
        return cost.detach().numpy()
    return step


def mlp_numpy(x, t, state):
    s = {k: v.copy() for k, v in state.items()}
    lr = x.dtype.type(0.01)

    def step():
        h = np.tanh(x.dot(s["W1"]) + s["b1"])
        z = h.dot(s["W2"]) + s["b2"]
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        p = e / e.sum(axis=1, keepdims=True)
        n = x.shape[0]
        cost = -(t * np.log(p)).sum(axis=1).mean()
        dz = (p - t) / n
        dh = dz.dot(s["W2"].T) * (1 - h * h)
        s["W2"] -= lr * h.T.dot(dz)
        s["b2"] -= lr * dz.sum(axis=0)
        s["W1"] -= lr * x.T.dot(dh)
        s["b1"] -= lr * dh.sum(axis=0)
        return np.asarray(cost, dtype=x.dtype)
    return step


def mlp_pytensor(x, t, state):
    import pytensor
    import pytensor.tensor as T
    dtype = str(x.dtype)
    X, Tt = T.matrix("x", dtype=dtype), T.matrix("t", dtype=dtype)
    params = [pytensor.shared(state[k].copy(), name=k)
              for k in ("W1", "b1", "W2", "b2")]
    W1, b1, W2, b2 = params
    h = T.tanh(T.dot(X, W1) + b1)
    p = T.special.softmax(T.dot(h, W2) + b2, axis=-1)
    cost = T.nnet.categorical_crossentropy(p, Tt).mean() \
        if hasattr(T, "nnet") else -(Tt * T.log(p)).sum(axis=1).mean()
    train = _pytensor_sgd([X, Tt], cost, params, 0.01, dtype)
    return lambda: np.asarray(train(x, t))


def mlp_torch(x, t, state):
    import torch
    X, Tt = torch.from_numpy(x), torch.from_numpy(t)
    params = [torch.tensor(state[k], requires_grad=True)
              for k in ("W1", "b1", "W2", "b2")]
    W1, b1, W2, b2 = params

    def cost():
        h = torch.tanh(X @ W1 + b1)
        logp = torch.log_softmax(h @ W2 + b2, dim=1)
        return -(Tt * logp).sum(dim=1).mean()
    return _torch_sgd_step(params, 0.01, cost)


def mlp_jax(x, t, state):
    import jax
    import jax.numpy as jnp
    jax.config.update("jax_enable_x64", True)

    def loss(params, X, T):
        W1, b1, W2, b2 = params
        h = jnp.tanh(X @ W1 + b1)
        logp = jax.nn.log_softmax(h @ W2 + b2, axis=1)
        return -(T * logp).sum(axis=1).mean()

    @jax.jit
    def step(params, X, T):
        cost, grads = jax.value_and_grad(loss)(params, X, T)
        return [q - 0.01 * g for q, g in zip(params, grads)], cost

    X, Tt = jnp.asarray(x), jnp.asarray(t)
    params = [jnp.asarray(state[k]) for k in ("W1", "b1", "W2", "b2")]

    def call():
        nonlocal params
        params, cost = step(params, X, Tt)
        return np.asarray(cost.block_until_ready())
    return call


# --- Seed 002's convolutional network -----------------------------------


class Convnet(Workload):
    """256x256 images, 6 7x7 filters, 5x5 max pooling to 6x50x50, tanh,
    16 6x7x7 filters, tanh, a 30976x10 product, softmax; one SGD step."""
    names = ("W1", "b1", "W2", "b2", "W3", "b3")

    def inputs(self, smoke):
        rng = np.random.RandomState(1)
        n = 1 if smoke else 8
        x = rng.randn(n, 1, 256, 256).astype(self.dtype)
        t = np.eye(10, dtype=self.dtype)[rng.randint(0, 10, n)]
        return [x, t]

    def state(self, m):
        return {k: getattr(m, k).get_value() for k in self.names}

    def flops(self, inputs):
        n = inputs[0].shape[0]
        conv1 = 2.0 * n * 6 * 250 * 250 * 49
        conv2 = 2.0 * n * 16 * 44 * 44 * 6 * 49
        # Forward, and the filters' gradients; conv2 also the input's.
        return 2 * conv1 + 3 * conv2 + 2.0 * n * 30976 * 10 * 3

    def bytes(self, inputs):
        return inputs[0].nbytes + 30976 * 10 * inputs[0].itemsize * 2


def _correlate(x, w):
    """Valid cross-correlation, NCHW images with FCHW filters."""
    kh, kw = w.shape[2:]
    oh, ow = x.shape[2] - kh + 1, x.shape[3] - kw + 1
    out = np.zeros((x.shape[0], w.shape[0], oh, ow), x.dtype)
    for i in range(kh):
        for j in range(kw):
            out += np.einsum("nchw,fc->nfhw", x[:, :, i:i + oh, j:j + ow],
                             w[:, :, i, j], optimize=True)
    return out


def _correlate_grads(x, w, g):
    """The gradients of _correlate(x, w) for the output's gradient g."""
    kh, kw = w.shape[2:]
    oh, ow = g.shape[2:]
    gx, gw = np.zeros_like(x), np.zeros_like(w)
    for i in range(kh):
        for j in range(kw):
            patch = x[:, :, i:i + oh, j:j + ow]
            gw[:, :, i, j] = np.einsum("nfhw,nchw->fc", g, patch,
                                       optimize=True)
            gx[:, :, i:i + oh, j:j + ow] += np.einsum(
                "nfhw,fc->nchw", g, w[:, :, i, j], optimize=True)
    return gx, gw


def convnet_numpy(x, t, state):
    """The step written out in NumPy, gradients by hand. Theano's conv2d
    flips the filters: a cross-correlation with W[:, :, ::-1, ::-1]."""
    s = {k: v.copy() for k, v in state.items()}
    lr = x.dtype.type(0.001)

    def step():
        n = x.shape[0]
        w1, w2 = s["W1"][:, :, ::-1, ::-1], s["W2"][:, :, ::-1, ::-1]
        c1 = _correlate(x, w1)
        windows = c1.reshape(n, 6, 50, 5, 50, 5)
        m1 = windows.max(axis=(3, 5))
        h1 = np.tanh(m1 + s["b1"][None, :, None, None])
        c2 = _correlate(h1, w2)
        h2 = np.tanh(c2 + s["b2"][None, :, None, None])
        z = h2.reshape(n, -1).dot(s["W3"]) + s["b3"]
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        cost = -(t * np.log(p)).sum(axis=1).mean()
        dz = (p - t) / n
        dh2 = dz.dot(s["W3"].T).reshape(h2.shape)
        dc2 = dh2 * (1 - h2 * h2)
        dh1, dw2 = _correlate_grads(h1, w2, dc2)
        dm1 = dh1 * (1 - h1 * h1)
        # Max pooling: every element equal to its window's max (Theano).
        hit = windows == m1[:, :, :, None, :, None]
        dc1 = (hit * dm1[:, :, :, None, :, None]).reshape(c1.shape)
        _, dw1 = _correlate_grads(x, w1, dc1)
        grads = {"W1": dw1[:, :, ::-1, ::-1], "b1": dm1.sum(axis=(0, 2, 3)),
                 "W2": dw2[:, :, ::-1, ::-1], "b2": dc2.sum(axis=(0, 2, 3)),
                 "W3": h2.reshape(n, -1).T.dot(dz), "b3": dz.sum(axis=0)}
        for k in s:
            s[k] -= lr * grads[k]
        return np.asarray(cost, dtype=x.dtype)
    step.state = s
    return step


def convnet_pytensor(x, t, state):
    import pytensor
    import pytensor.tensor as T
    try:  # PyTensor before 2.9 (Theano's nnet.conv2d and signal.pool).
        from pytensor.tensor.nnet import conv2d
        from pytensor.tensor.signal.pool import pool_2d
    except ImportError:
        raise Unavailable("PyTensor %s has no conv2d or pool_2d (it dropped "
                          "Theano's nnet and signal.pool)"
                          % pytensor.__version__)
    dtype = str(x.dtype)
    X = T.tensor4("x", dtype=dtype)
    Tt = T.matrix("t", dtype=dtype)
    params = [pytensor.shared(state[k].copy(), name=k)
              for k in Convnet.names]
    W1, b1, W2, b2, W3, b3 = params
    h1 = T.tanh(pool_2d(conv2d(X, W1), (5, 5), ignore_border=True)
                + b1.dimshuffle("x", 0, "x", "x"))
    h2 = T.tanh(conv2d(h1, W2) + b2.dimshuffle("x", 0, "x", "x"))
    p = T.special.softmax(T.dot(h2.flatten(2), W3) + b3, axis=-1)
    cost = -(Tt * T.log(p)).sum(axis=1).mean()
    train = _pytensor_sgd([X, Tt], cost, params, 0.001, dtype)
    return lambda: np.asarray(train(x, t))


def convnet_torch(x, t, state):
    import torch
    import torch.nn.functional as F
    X, Tt = torch.from_numpy(x), torch.from_numpy(t)
    # Theano's conv2d is a true convolution: torch's conv2d correlates.
    flipped = {k: np.ascontiguousarray(v[:, :, ::-1, ::-1])
               if k in ("W1", "W2") else v for k, v in state.items()}
    params = [torch.tensor(flipped[k], requires_grad=True)
              for k in Convnet.names]
    W1, b1, W2, b2, W3, b3 = params

    def cost():
        h1 = torch.tanh(F.max_pool2d(F.conv2d(X, W1), 5)
                        + b1[None, :, None, None])
        h2 = torch.tanh(F.conv2d(h1, W2) + b2[None, :, None, None])
        logp = torch.log_softmax(h2.flatten(1) @ W3 + b3, dim=1)
        return -(Tt * logp).sum(dim=1).mean()
    return _torch_sgd_step(params, 0.001, cost)


def convnet_jax(x, t, state):
    raise Unavailable("no JAX version of the convnet yet")


# --- Issue 10's recurrent network (scan) --------------------------------


class Rnn(Workload):
    """A tanh RNN, 100 hidden units, 50 steps of a batch of 8 sequences of
    16 features, softmax on the last state; one SGD step (BPTT)."""
    names = ("W_in", "W_hh", "b_h", "W_out", "b_out")

    def inputs(self, smoke):
        rng = np.random.RandomState(1)
        steps, n = (5, 2) if smoke else (50, 8)
        x = rng.randn(steps, n, 16).astype(self.dtype)
        t = np.eye(10, dtype=self.dtype)[rng.randint(0, 10, n)]
        return [x, t]

    def state(self, m):
        return {k: getattr(m, k).get_value() for k in self.names}

    def flops(self, inputs):
        steps, n, _ = inputs[0].shape
        # Per step x.W_in and h.W_hh forward; their gradients (the weights'
        # and h's) backward.
        per_step = 2.0 * n * (16 * 100 + 100 * 100)
        return steps * per_step * 3 - 2.0 * steps * n * 16 * 100

    def bytes(self, inputs):
        return inputs[0].nbytes + (16 + 100 + 10) * 100 * inputs[0].itemsize


def rnn_numpy(x, t, state):
    s = {k: v.copy() for k, v in state.items()}
    lr = x.dtype.type(0.05)

    def step():
        steps, n, _ = x.shape
        hs = [np.zeros((n, 100), dtype=x.dtype)]
        for k in range(steps):
            hs.append(np.tanh(x[k].dot(s["W_in"]) + hs[-1].dot(s["W_hh"])
                              + s["b_h"]))
        z = hs[-1].dot(s["W_out"]) + s["b_out"]
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        p = e / e.sum(axis=1, keepdims=True)
        cost = -(t * np.log(p)).sum(axis=1).mean()
        dz = (p - t) / n
        g = {"W_out": hs[-1].T.dot(dz), "b_out": dz.sum(axis=0)}
        dh = dz.dot(s["W_out"].T)
        g["W_in"] = np.zeros_like(s["W_in"])
        g["W_hh"] = np.zeros_like(s["W_hh"])
        g["b_h"] = np.zeros_like(s["b_h"])
        for k in reversed(range(steps)):
            da = dh * (1 - hs[k + 1] ** 2)
            g["W_in"] += x[k].T.dot(da)
            g["W_hh"] += hs[k].T.dot(da)
            g["b_h"] += da.sum(axis=0)
            dh = da.dot(s["W_hh"].T)
        for k in Rnn.names:
            s[k] -= lr * g[k]
        return np.asarray(cost, dtype=x.dtype)
    step.state = s
    return step


def rnn_pytensor(x, t, state):
    import pytensor
    import pytensor.tensor as T
    dtype = str(x.dtype)
    X = T.tensor3("x", dtype=dtype)
    Tt = T.matrix("t", dtype=dtype)
    params = [pytensor.shared(state[k].copy(), name=k) for k in Rnn.names]
    W_in, W_hh, b_h, W_out, b_out = params
    h0 = T.zeros((X.shape[1], 100), dtype=dtype)
    h, _ = pytensor.scan(
        lambda x_t, h: T.tanh(T.dot(x_t, W_in) + T.dot(h, W_hh) + b_h),
        sequences=X, outputs_info=h0)
    p = T.special.softmax(T.dot(h[-1], W_out) + b_out, axis=-1)
    cost = -(Tt * T.log(p)).sum(axis=1).mean()
    train = _pytensor_sgd([X, Tt], cost, params, 0.05, dtype)
    return lambda: np.asarray(train(x, t))


def rnn_torch(x, t, state):
    import torch
    X, Tt = torch.from_numpy(x), torch.from_numpy(t)
    params = [torch.tensor(state[k], requires_grad=True) for k in Rnn.names]
    W_in, W_hh, b_h, W_out, b_out = params

    def cost():
        h = torch.zeros(X.shape[1], 100, dtype=X.dtype)
        for k in range(X.shape[0]):
            h = torch.tanh(X[k] @ W_in + h @ W_hh + b_h)
        logp = torch.log_softmax(h @ W_out + b_out, dim=1)
        return -(Tt * logp).sum(dim=1).mean()
    return _torch_sgd_step(params, 0.05, cost)


def rnn_jax(x, t, state):
    raise Unavailable("no JAX version of the RNN yet")


# --- Seed 002's elementwise expressions ---------------------------------


class Elementwise(Workload):
    def __init__(self, name, title, model, arity, numpy_fn, text):
        super().__init__(name, title, model, "f")
        self.arity = arity
        self.numpy_fn = numpy_fn
        self.text = text  # for numexpr and PyTensor

    def inputs(self, smoke):
        rng = np.random.RandomState(2)
        n = 1000 if smoke else 10 ** 7
        return [rng.rand(n) for _ in range(self.arity)]

    def bytes(self, inputs):
        return inputs[0].nbytes

    def limit(self, inputs, machine):
        # A copy of one array (the target is relative to it), or STREAM's
        # triad (two arrays in, one out) for the two-input expression.
        if self.arity == 1:
            return machine["copy_s"]
        return 3 * inputs[0].nbytes / (machine["triad_gbs"] * 1e9)


def elementwise_numpy(workload, arrays):
    return lambda: workload.numpy_fn(*arrays)


def elementwise_numexpr(workload, arrays):
    import numexpr
    names = dict(zip("ab", arrays))
    return lambda: numexpr.evaluate(workload.text, local_dict=names)


def elementwise_pytensor(workload, arrays):
    import pytensor
    import pytensor.tensor as tt
    a, b = tt.dvector("a"), tt.dvector("b")
    out = eval(workload.text, {"a": a, "b": b, "sin": tt.sin, "exp": tt.exp})
    f = pytensor.function([a, b][:workload.arity], out)
    return lambda: f(*arrays)


def elementwise_torch(workload, arrays):
    import torch
    tensors = [torch.from_numpy(a) for a in arrays]
    env = {"sin": torch.sin, "exp": torch.exp}

    def call():
        env.update(zip("ab", tensors))
        return eval(workload.text, env).numpy()
    return call


def elementwise_jax(workload, arrays):
    import jax
    import jax.numpy as jnp
    jax.config.update("jax_enable_x64", True)
    env = {"sin": jnp.sin, "exp": jnp.exp}
    f = jax.jit(lambda *xs: eval(workload.text, dict(env, **dict(zip("ab", xs)))))
    xs = [jnp.asarray(a) for a in arrays]
    return lambda: np.asarray(f(*xs).block_until_ready())


# --- The smallest call --------------------------------------------------


class ScalarAdd(Workload):
    def inputs(self, smoke):
        return [np.float64(1.5), np.float64(2.25)]

    def limit(self, inputs, machine):
        return None


def scalar_numpy(x, y):
    return lambda: np.add(x, y)


def scalar_pytensor(x, y):
    import pytensor
    import pytensor.tensor as tt
    a, b = tt.dscalar("x"), tt.dscalar("y")
    f = pytensor.function([a, b], a + b)
    # Theano's fast path: no input checks, the C thunk called directly.
    f.trust_input = True
    xa, ya = np.asarray(x), np.asarray(y)
    return lambda: f(xa, ya)


def scalar_torch(x, y):
    import torch
    a, b = torch.tensor(x), torch.tensor(y)
    return lambda: (a + b).numpy()


def scalar_jax(x, y):
    import jax
    import jax.numpy as jnp
    jax.config.update("jax_enable_x64", True)
    f = jax.jit(lambda a, b: a + b)
    a, b = jnp.asarray(x), jnp.asarray(y)
    return lambda: np.asarray(f(a, b).block_until_ready())


# --- The table ------------------------------------------------------------


def all_workloads():
    """(workload, {peer: make(workload, inputs, state)}), in table order."""
    ew = lambda fn: (lambda w, xs, s: fn(w, xs))  # noqa: E731
    two = lambda fn: (lambda w, xs, s: fn(*xs, s))  # noqa: E731
    sc = lambda fn: (lambda w, xs, s: fn(*xs))  # noqa: E731
    examples = os.path.join(ROOT, "examples")
    models = os.path.join(ROOT, "bench", "models")
    logreg = LogisticRegression(
        "logreg", "logistic regression step 400x784",
        os.path.join(examples, "logistic_regression.th"), "train")
    mlp64 = Mlp("mlp", "MLP 60x784-500-10 SGD step",
                os.path.join(models, "mlp.th"), "train")
    mlp32 = Mlp("mlp_f32", "MLP 60x784-500-10 step, float32",
                os.path.join(models, "mlp.th"), "train",
                flags=["--floatX=float32"], float32=True)
    convnet = Convnet("convnet", "convnet 8x1x256x256 SGD step",
                      os.path.join(models, "convnet.th"), "train")
    rnn = Rnn("rnn", "RNN 50 steps x8, 16-100-10, BPTT step",
              os.path.join(models, "rnn.th"), "train")
    pow10 = Elementwise("pow", "a + a**10, 1e7",
                        os.path.join(models, "elemwise_pow.th"), 1,
                        lambda a: a + a ** 10, "a + a**10")
    trig = Elementwise("trig", "2*a + b*sin(a)/exp(b), 1e7",
                       os.path.join(models, "elemwise_trig.th"), 2,
                       lambda a, b: 2 * a + b * np.sin(a) / np.exp(b),
                       "2*a + b*sin(a)/exp(b)")
    scalar = ScalarAdd("scalar", "call overhead: scalar x + y",
                       os.path.join(models, "scalar_add.th"), "f")
    train_peers = lambda np_, pt, th, jx: {  # noqa: E731
        "numpy": two(np_), "pytensor": two(pt), "torch": two(th),
        "jax": two(jx)}
    ew_peers = {"numpy": ew(elementwise_numpy),
                "numexpr": ew(elementwise_numexpr),
                "pytensor": ew(elementwise_pytensor),
                "torch": ew(elementwise_torch), "jax": ew(elementwise_jax)}
    return [
        (logreg, train_peers(logreg_numpy, logreg_pytensor, logreg_torch,
                             logreg_jax)),
        (mlp64, train_peers(mlp_numpy, mlp_pytensor, mlp_torch, mlp_jax)),
        (mlp32, train_peers(mlp_numpy, mlp_pytensor, mlp_torch, mlp_jax)),
        (convnet, train_peers(convnet_numpy, convnet_pytensor, convnet_torch,
                              convnet_jax)),
        (rnn, train_peers(rnn_numpy, rnn_pytensor, rnn_torch, rnn_jax)),
        (pow10, ew_peers),
        (trig, ew_peers),
        (scalar, {"numpy": sc(scalar_numpy), "pytensor": sc(scalar_pytensor),
                  "torch": sc(scalar_torch), "jax": sc(scalar_jax)}),
    ]
