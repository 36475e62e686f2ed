"""Row softmax and its cross-entropy: tcc against NumPy in one run.

    /usr/bin/python3 bench/softmax.py [--rows N] [--cols N] [--budget SECONDS]

Compiles bench/Inputs/softmax.th twice with build/bin/tcc: as is, and with
--optimizer-excluding=reduction_fusion (max, sum of exp and the division as
three matrix-sized loop nests instead of one loop over rows), and times a
call of each against NumPy's max-shifted softmax. Wall-clock, timed with
bench/run.py's best_of (best of five repeats of --budget seconds of calls);
run it on an idle machine.
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
import tcc  # noqa: E402
from run import best_of  # noqa: E402  (bench/run.py)


def numpy_softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def numpy_xent(x, t):
    shifted = x - x.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -(t * logp).sum(axis=1)



def compile_model(*flags):
    out = os.path.join(tempfile.mkdtemp(), "softmax.so")
    subprocess.check_call([os.path.join(ROOT, "build", "bin", "tcc"),
                           os.path.join(ROOT, "bench", "Inputs", "softmax.th"),
                           "-o", out, *flags])
    return tcc.load(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=400)
    parser.add_argument("--cols", type=int, default=784)
    parser.add_argument("--budget", type=float, default=0.1,
                        help="seconds per timed repeat")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    x = rng.normal(size=(args.rows, args.cols)) * 3
    t = rng.dirichlet(np.ones(args.cols), size=args.rows)

    fused = compile_model()
    unfused = compile_model("--optimizer-excluding=reduction_fusion")
    for m in (fused, unfused):
        np.testing.assert_allclose(m.softmax(x), numpy_softmax(x), rtol=1e-12)
        np.testing.assert_allclose(m.xent(x, t), numpy_xent(x, t), rtol=1e-10)

    print("row softmax and cross-entropy (%dx%d, float64), us/call"
          % (args.rows, args.cols))
    for name, run_fused, run_unfused, run_np in [
            ("softmax", lambda: fused.softmax(x), lambda: unfused.softmax(x),
             lambda: numpy_softmax(x)),
            ("xent", lambda: fused.xent(x, t), lambda: unfused.xent(x, t),
             lambda: numpy_xent(x, t))]:
        a = best_of(run_fused, args.budget)
        b = best_of(run_unfused, args.budget)
        c = best_of(run_np, args.budget)
        print("  %-8s tcc %8.1f  tcc unfused %8.1f  numpy %8.1f   "
              "tcc/numpy %.2f  tcc/unfused %.2f" % (name, a * 1e6, b * 1e6,
                                                    c * 1e6, a / c, a / b))


if __name__ == "__main__":
    main()
