"""Load a model library compiled by tcc and call it with NumPy arrays.

    import tcc
    m = tcc.load("model.so")            # or tcc.compile("model.th")
    prediction = m.train(X, y)
    w = m.w.get_value(); m.w.set_value(w * 0)
    m.save("state.npz"); m.load_state("state.npz")

Errors reported by the library raise tcc.Error with its message (an index
out of bounds raises tcc.IndexOutOfBounds, also an IndexError, and a value
outside an op's domain tcc.InvalidValue, a ValueError); inputs
that cannot be converted to an input's dtype raise TypeError, as in Theano.
"""
from ._compile import CompileError, compile
from ._lib import (DTYPES, DeviceUnavailable, Error, IndexOutOfBounds,
                   InvalidValue)
from ._model import Function, Model, SharedVariable

__version__ = "0.1.0"
__all__ = ["DTYPES", "CompileError", "DeviceUnavailable", "Error",
           "IndexOutOfBounds",
           "InvalidValue", "Function", "Model", "SharedVariable", "compile",
           "load"]


def load(path):
    """Loads the model library at `path` (a tcc-compiled .so)."""
    return Model(path)
