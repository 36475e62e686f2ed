"""Steps a compiled model's `train` next to a NumPy reference step
(bench/workloads.py's *_numpy: the gradients written out by hand) and
checks that they agree, for the end-to-end tests of the bench models."""

import numpy as np


def load_from_argv(argv):
    """The test's model and precision from its command line (MODEL.so
    DTYPE): the loaded model, the dtype, and the relative tolerance a
    training step must meet against NumPy in that dtype."""
    import tcc
    dtype = np.dtype(argv[2])
    return tcc.load(argv[1]), dtype, 1e-9 if dtype == np.float64 else 2e-3


def train_alongside(m, spec, reference, x, t, steps, rtol):
    """Runs `steps` training calls of model `m` and of `reference` on (x, t);
    after each, the costs and every parameter in `spec.names` must agree
    within rtol (relative to the largest entry). Returns the costs."""
    costs = []
    for step in range(steps):
        got, want = float(m.train(x, t)), float(reference())
        assert abs(got - want) <= rtol * abs(want) + 1e-12, (step, got, want)
        for name in spec.names:
            have, expect = getattr(m, name).get_value(), reference.state[name]
            assert have.dtype == x.dtype, (name, have.dtype)
            scale = np.abs(expect).max()
            err = np.abs(have - expect).max()
            assert err <= rtol * scale + 1e-12, (step, name, err, scale)
        costs.append(got)
    return costs
