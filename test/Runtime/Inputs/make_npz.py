"""Writes the .npz files shared.c loads: one good state and one of each
kind of problem tcc_shared_load must refuse without changing anything."""
import os
import sys

import numpy as np

out = sys.argv[1]


def good(**changes):
    state = {
        "sh": np.array(42, dtype=np.int64),
        "w": np.array([[0.5, 1.5, 2.5], [3.5, 4.5, 5.5]]),
        "p": np.array(-1, dtype=np.int64),
        "q": np.array(-2, dtype=np.int64),
        "v": np.array([[9, 8, 7, 6]], dtype=np.float32),
    }
    state.update(changes)
    return {k: v for k, v in state.items() if v is not None}


def save(name, compressed=False, **changes):
    path = os.path.join(out, name)
    (np.savez_compressed if compressed else np.savez)(path, **good(**changes))


save("numpy_ok.npz")
save("fortran.npz", w=np.asfortranarray(np.arange(6.0).reshape(2, 3)))
save("wrong_dtype.npz", w=np.zeros((2, 3), dtype=np.float32))
save("wrong_rank.npz", w=np.zeros(6))
save("big_endian.npz", w=np.zeros((2, 3), dtype=">f8"))
save("bcast.npz", v=np.zeros((2, 4), dtype=np.float32))
save("extra.npz", zz=np.zeros(3))
save("missing.npz", q=None)
save("compressed.npz", compressed=True)
with open(os.path.join(out, "notzip.npz"), "w") as f:
    f.write("this is not a zip archive\n" * 10)

# Flip one byte of w's data: the CRC no longer matches.
data = bytearray(open(os.path.join(out, "numpy_ok.npz"), "rb").read())
needle = np.array([3.5], dtype="<f8").tobytes()
at = data.index(needle)
data[at] ^= 1
open(os.path.join(out, "corrupt.npz"), "wb").write(bytes(data))

# Not readable: state saved over a directory.
os.makedirs(os.path.join(out, "adir.npz"), exist_ok=True)
