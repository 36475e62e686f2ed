"""Prints every array of an .npz as NumPy reads it, sorted by name."""
import sys

import numpy as np

with np.load(sys.argv[1]) as f:
    for name in sorted(f.files):
        a = f[name]
        print(f"{name}: {a.dtype} {a.shape} {a.tolist()}")
