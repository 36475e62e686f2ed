"""Seed 002: logistic regression on 400 random examples with 784 features,
trained for 10000 steps; prints the initial and final model and the
predictions, as the tutorial does.

    python3 examples/python/seed002_logistic_regression.py [--steps N] [--json] [--plot cost.png]
"""
import numpy as np

from common import arguments, model, plot_cost, report_json

args = arguments(__doc__.splitlines()[0], steps=10000, plot=True)
m = model("logistic_regression.th")
# The data set is part of the model (made at compile time from
# RandomState(0)); the seed draws it in Python the same way.
D = (m.data_x.get_value(), m.data_y.get_value())
if not args.json:
    print("Initial model:")
    print(m.w.get_value(), m.b.get_value())
costs = []
for i in range(args.steps):
    pred, err = m.train(D[0], D[1])
    costs.append(err.mean())
if args.json:
    report_json(m, (pred, err))
else:
    print("Final model:")
    print(m.w.get_value(), m.b.get_value())
    print("target values for D:", D[1])
    print("prediction on D:", m.predict(D[0]))
    print("accuracy: %.4f" % np.mean(m.predict(D[0]) == D[1]))
if args.plot:
    plot_cost(costs, args.plot, "seed 002: mean cross-entropy")
