"""Seed 004's gradient cells: d(foo**2)/dfoo at 10, and the Jacobian of
A x + b with respect to x (which is A).

    python3 examples/python/seed004_gradients.py [--json]
"""
import numpy as np

from common import arguments, model, report_json

args = arguments(__doc__.splitlines()[0])
m = model("seed004_gradients.th")
g = m.bar_grad_fn(10)
J = m.linear_mix_J(np.array([[9, 8, 7], [4, 5, 6]]), np.array([1, 2, 3]),
                   np.array([4, 5]))
if args.json:
    report_json(m, J)
else:
    print(g)
    print(J)
