"""Seed 003: the AND gate from a perceptron with fixed weights and a hard
threshold (theano.ifelse).

    python3 examples/python/seed003_perceptron.py [--json]
"""
from common import arguments, model, report_json

args = arguments(__doc__.splitlines()[0])
m = model("seed003_perceptron.th")
inputs = [[0, 0], [0, 1], [1, 0], [1, 1]]
for t in inputs:
    out = m.neuron(t)
    if not args.json:
        print('The output for x1=%d | x2=%d is %d' % (t[0], t[1], out))
if args.json:
    report_json(m, out)
