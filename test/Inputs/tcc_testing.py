"""Helpers shared by the Python tests (lit puts this directory on
PYTHONPATH): comparing a model's outputs with NumPy references, and
printing the error a call must raise."""
import numpy as np

import tcc


def same(label, got, want):
    """Outputs `got` equal the NumPy references `want`: same dtype and shape,
    values within the rounding of the dtype (float32 and complex64 to 2e-6,
    wider types to 1e-12, integers and bools exactly)."""
    assert len(got) == len(want), (label, len(got), len(want))
    for k, (g, w) in enumerate(zip(got, want)):
        w = np.asarray(w)
        assert g.dtype == w.dtype, (label, k, g.dtype, w.dtype)
        assert g.shape == w.shape, (label, k, g.shape, w.shape)
        single = w.dtype in (np.complex64, np.float32)
        np.testing.assert_allclose(g, w, rtol=2e-6 if single else 1e-12,
                                   atol=0, err_msg=f"{label} output {k}")


def show_error(f, *args, **kwargs):
    """Calls f and prints the exception it must raise."""
    try:
        f(*args, **kwargs)
    except (tcc.Error, TypeError) as e:
        status = f" status={e.status}" if isinstance(e, tcc.Error) else ""
        print(f"{type(e).__name__}{status}: {e}")
    else:
        print("NO ERROR")
