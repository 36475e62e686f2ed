"""Seed 003: a two-layer network learning XNOR, full-batch gradient
descent for 30000 iterations, then the outputs and the flow of the cost.

    python3 examples/python/seed003_xnor.py [--steps N] [--json] [--plot cost.png]
"""
from common import train_gate

train_gate("seed003_xnor.th", [1, 0, 0, 1], __doc__.splitlines()[0])
