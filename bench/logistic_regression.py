"""Seed 002's training step: tcc's model library against NumPy in one run.

    /usr/bin/python3 bench/logistic_regression.py [--steps N] [--model PATH]

Prints the time per step of each and the ratio. Build first
(scripts/build.sh tcc); the model is compiled here with build/bin/tcc.
Timings are wall-clock on this machine; run it on an idle machine.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "runtime", "python"))
import tcc  # noqa: E402


def numpy_step(X, Y, w, b):
    z = X.dot(w) + b
    p = 1 / (1 + np.exp(-z))
    xent = np.logaddexp(0, z) - Y * z
    err = p - Y
    return p > 0.5, xent, w - 0.1 * (err.dot(X) / len(Y) + 0.02 * w), b - 0.1 * err.mean()


def best_of(fn, steps, repeats=3):
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn(steps)
        best = min(best, (time.perf_counter() - t) / steps)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    model = args.model
    if model is None:
        model = os.path.join(tempfile.mkdtemp(), "logistic_regression.so")
        subprocess.check_call([os.path.join(ROOT, "build", "bin", "tcc"),
                               os.path.join(ROOT, "examples", "logistic_regression.th"),
                               "-o", model])
    m = tcc.load(model)
    X, Y = m.data_x.get_value(), m.data_y.get_value()

    def run_tcc(n):
        for _ in range(n):
            m.train(X, Y)

    state = {"w": m.w.get_value(), "b": float(m.b.get_value())}

    def run_numpy(n):
        w, b = state["w"], state["b"]
        for _ in range(n):
            _, _, w, b = numpy_step(X, Y, w, b)

    t_tcc = best_of(run_tcc, args.steps)
    t_np = best_of(run_numpy, args.steps)
    print("logistic regression train step (400x784, float64)")
    print("  tcc   %8.1f us/step" % (t_tcc * 1e6))
    print("  numpy %8.1f us/step (numpy %s)" % (t_np * 1e6, np.__version__))
    print("  tcc/numpy time ratio: %.2f (below 1 means tcc is faster)" % (t_tcc / t_np))

    # The same training from the C host program (no Python between steps),
    # against NumPy's loop of the same length.
    host = os.path.join(ROOT, "build", "bin", "logistic_regression_main")
    if os.path.exists(host):
        steps = 10 * args.steps
        t = time.perf_counter()
        subprocess.check_call([host, str(steps)], stdout=subprocess.DEVNULL)
        t_host = (time.perf_counter() - t) / steps
        state = {"w": m.w.get_value(), "b": float(m.b.get_value())}
        m.w.set_value(state["w"])
        t_np_long = best_of(run_numpy, steps, repeats=1)
        print("C host program, %d steps (including its per-step cost and "
              "accuracy printout work)" % steps)
        print("  tcc   %8.1f us/step" % (t_host * 1e6))
        print("  numpy %8.1f us/step" % (t_np_long * 1e6))
        print("  tcc/numpy time ratio: %.2f" % (t_host / t_np_long))


if __name__ == "__main__":
    main()
