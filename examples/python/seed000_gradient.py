"""Seed 000: the logistic function's gradient, and the minimal training
example: W = [0.2, 0.7] trained towards target 20 on x = [1, 1], ten calls.

    python3 examples/python/seed000_gradient.py [--steps N] [--json]
"""
from common import arguments, model, report_json

args = arguments(__doc__.splitlines()[0], steps=10)
m = model("seed000_gradient.th")
if not args.json:
    print(m.dlogistic([[0, 1], [-1, -2]]))
for i in range(args.steps):
    result = m.f([1.0, 1.0], 20.0)
    if not args.json:
        print(result)
if args.json:
    report_json(m, result)
