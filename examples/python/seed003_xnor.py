"""Seed 003: a two-layer network learning XNOR, full-batch gradient
descent for 30000 iterations, then the outputs and the flow of the cost.

    python3 examples/python/seed003_xnor.py [--steps N] [--json] [--plot cost.png]
"""
from common import arguments, model, plot_cost, report_json

args = arguments(__doc__.splitlines()[0], steps=30000, plot=True)
m = model("seed003_xnor.th")
inputs = [[0, 0], [0, 1], [1, 0], [1, 1]]
outputs = [1, 0, 0, 1]
cost = []
for iteration in range(args.steps):
    pred, cost_iter = m.train(inputs, outputs)
    cost.append(float(cost_iter))
if args.json:
    report_json(m, (pred, cost_iter))
else:
    print('The outputs of the NN are:')
    for i in range(len(inputs)):
        print('The output for x1=%d | x2=%d is %.2f' % (inputs[i][0], inputs[i][1], pred[i]))
    print('\nThe flow of cost during model run is as following:')
    for i in sorted({0, len(cost) // 10, len(cost) // 2, len(cost) - 1}):
        print('iteration %5d  cost %.6f' % (i + 1, cost[i]))
if args.plot:
    plot_cost(cost, args.plot, "seed 003: xnor")
