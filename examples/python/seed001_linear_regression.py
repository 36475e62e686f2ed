"""Seed 001: d/dx (x**2).sum() at [1, 2], then linear regression y = a x + b
trained on (1, 5): the seed's print([f(1, 5) for i in range(10)]).

    python3 examples/python/seed001_linear_regression.py [--steps N] [--json]
"""
from common import arguments, model, report_json

args = arguments(__doc__.splitlines()[0], steps=10)
m = model("seed001_linear_regression.th")
if not args.json:
    print(m.g([1, 2]))
costs = [m.f(1, 5) for i in range(args.steps)]
if args.json:
    report_json(m, costs[-1])
else:
    print([float(c) for c in costs])
