"""Seed 003: a sigmoid neuron learning the AND gate, full-batch gradient
descent for 30000 iterations, then the outputs and the flow of the cost.

    python3 examples/python/seed003_and_neuron.py [--steps N] [--json] [--plot cost.png]
"""
from common import train_gate

train_gate("seed003_and_neuron.th", [0, 0, 0, 1], __doc__.splitlines()[0])
