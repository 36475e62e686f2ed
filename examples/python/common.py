"""What the seed scripts share: compiling their model, the command line,
`tcc run --json`'s report, and the cost plot.

Each script compiles ../<seed>.th with tcc.compile (the tcc on PATH, $TCC,
or the checkout's build/bin/tcc) and runs the tutorial's host loop. With
--json it prints, instead of the tutorial's text, what
`tcc run <model> <function> ... --repeat N --json` prints for the same
calls: the last call's outputs and every shared variable.
"""
import argparse
import json
import os
import sys

import numpy as np

# The checkout's python/ when the package is not installed.
sys.path.append(os.path.join(os.path.dirname(__file__), "..", "..", "python"))
import tcc  # noqa: E402

EXAMPLES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def arguments(description, steps=None, plot=False):
    parser = argparse.ArgumentParser(description=description)
    if steps is not None:
        parser.add_argument("--steps", type=int, default=steps,
                            help=f"training steps (default {steps})")
    parser.add_argument("--json", action="store_true",
                        help="print the last outputs and the shared variables "
                             "as `tcc run --json` does")
    if plot:
        parser.add_argument("--plot", metavar="FILE.png",
                            help="plot the cost with matplotlib, where "
                                 "installed")
    return parser.parse_args()


def model(th_name):
    """The example's model, compiled (or found in tcc's cache) and loaded."""
    return tcc.compile(os.path.join(EXAMPLES, th_name))


def _plain(value):
    value = np.asarray(value)
    if np.iscomplexobj(value):
        return np.stack([value.real, value.imag], axis=-1).tolist()
    return value.tolist()


def report_json(m, outputs):
    """`tcc run --json`'s {"outputs": [...], "shared": {...}}."""
    if not isinstance(outputs, tuple):
        outputs = (outputs,)
    print(json.dumps({
        "outputs": [_plain(o) for o in outputs],
        "shared": {name: _plain(s.get_value()) for name, s in m.shared.items()},
    }))


def plot_cost(costs, path, title):
    """The seeds' `plt.plot(cost)`, saved to `path`."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"(matplotlib is not installed: no plot written to {path})")
        return
    plt.figure()
    plt.plot(costs)
    plt.title(title)
    plt.xlabel("iteration")
    plt.ylabel("cost")
    plt.savefig(path)
    print(f"cost plot written to {path}")


def train_gate(th_name, outputs, description, steps=30000):
    """Seed 003's training loop for a logic gate: `train(inputs, outputs)`
    for `steps` iterations on the four input pairs, then the network's
    outputs and the flow of the cost (or --json, or --plot)."""
    args = arguments(description, steps=steps, plot=True)
    m = model(th_name)
    inputs = [[0, 0], [0, 1], [1, 0], [1, 1]]
    cost = []
    for iteration in range(args.steps):
        pred, cost_iter = m.train(inputs, outputs)
        cost.append(float(cost_iter))
    if args.json:
        report_json(m, (pred, cost_iter))
    else:
        print('The outputs of the NN are:')
        for i in range(len(inputs)):
            print('The output for x1=%d | x2=%d is %.2f'
                  % (inputs[i][0], inputs[i][1], pred[i]))
        print('\nThe flow of cost during model run is as following:')
        for i in sorted({0, len(cost) // 10, len(cost) // 2, len(cost) - 1}):
            print('iteration %5d  cost %.6f' % (i + 1, cost[i]))
    if args.plot:
        plot_cost(cost, args.plot, "seed 003: " + th_name)
