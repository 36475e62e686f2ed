"""Seed 004: a multilayer perceptron trained with gradient descent with
momentum on two Gaussian clouds, 20 iterations, printing the cost and the
accuracy of each, as the tutorial's training loop does.

    python3 examples/python/seed004_mlp_momentum.py [--steps N] [--json] [--plot cost.png]
"""
import numpy as np

from common import arguments, model, plot_cost, report_json

args = arguments(__doc__.splitlines()[0], steps=20, plot=True)
m = model("seed004_mlp_momentum.th")
X, y = m.data_X.get_value(), m.data_y.get_value()
costs = []
for iteration in range(args.steps):
    current_cost = m.train(X, y)
    costs.append(float(current_cost))
    current_output = m.mlp_output(X)
    accuracy = np.mean((current_output > .5) == y)
    if not args.json:
        print('Cost: {:.3f}, Accuracy: {:.3f}'.format(float(current_cost), accuracy))
if args.json:
    report_json(m, current_cost)
if args.plot:
    plot_cost(costs, args.plot, "seed 004: MLP with momentum")
