"""Theano's verify_grad for a tcc-compiled model.

    verify_grad.py MODEL.so --cost COST --grad GRADS
        [--input NAME:SHAPE]... [--shared NAME[:SHAPE]]...
        [--data NAME:SHAPE]...
        [--positive NAME]... [--nonzero NAME]... [--distinct NAME]...
        [--range NAME=LO,HI]... [--binary NAME]... [--value NAME=JSON]...
        [--seed N] [--eps E] [--rtol R] [--atol A]

The model has a function COST returning a float scalar and a function GRADS
returning T.grad(cost, wrt) for the same cost, with wrt in the order of the
--input and --shared options on the command line (a list when there are
several; one array when there is one). Both functions take the same inputs,
passed by name:

  --input NAME:SHAPE    an input that is differentiated;
  --data NAME:SHAPE     an input that is not (labels, a mask, ...);
  --shared NAME[:SHAPE] a shared variable that is differentiated; a random
                        value of SHAPE is stored with set_value (without a
                        SHAPE the compiled-in value is used), and the finite
                        differences perturb it through set_value.

SHAPE is a comma-separated list of sizes, empty for a scalar ("x:" or "x").
The dtype of each value is the model's (float64 or float32 for a
differentiated value; any dtype for --data). Values are drawn uniformly from
[-1, 1], or:

  --positive NAME     from [0.1, 2] (log, sqrt, a pow base, ...);
  --nonzero NAME      |v| from [0.1, 1] with a random sign (abs: away from 0);
  --distinct NAME     from a shuffled grid of [-1, 1] shared by every
                      --distinct value, so no two of them are within 0.05 of
                      each other (max/min, maximum/minimum: no ties);
  --range NAME=LO,HI  from [LO, HI];
  --binary NAME       0 or 1 (labels, masks);
  --value NAME=JSON   exactly this value (a JSON number or nested list).

Each gradient is compared, element by element, with the central difference
(cost(v + eps) - cost(v - eps)) / (2 eps) (the step actually taken, after
rounding to the value's dtype), eps 1e-6 for float64 and 2**-8 for float32;
they must agree within atol + rtol * |numeric| (1e-6 and 1e-6 for float64,
1e-3 and 1e-3 for float32). A gradient of the wrong shape or dtype, a wrong
number of gradients, or a non-finite value is an error.

Prints one line per differentiated value, then "verify_grad: N gradients
ok"; exits 1 with a message on stderr on any mismatch.
"""
import argparse
import json
import sys

import numpy as np

import tcc

DEFAULT_EPS = {"float64": 1e-6, "float32": 2.0 ** -8}
DEFAULT_TOL = {"float64": 1e-6, "float32": 1e-3}


class Failure(Exception):
    pass


def parse_shape(text, option):
    if text in ("", "scalar", "()"):
        return ()
    try:
        shape = tuple(int(s) for s in text.split(","))
    except ValueError:
        raise Failure(f"{option}: bad shape {text!r} (expected e.g. 3,4)")
    if any(d < 0 for d in shape):
        raise Failure(f"{option}: bad shape {text!r}")
    return shape


class Var:
    def __init__(self, kind, name, shape):
        self.kind = kind        # 'input', 'data' or 'shared'
        self.name = name
        self.shape = shape      # None: a shared variable's current value
        self.dtype = None
        self.value = None

    @property
    def wrt(self):
        return self.kind in ("input", "shared")


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("library")
    p.add_argument("--cost", required=True)
    p.add_argument("--grad", required=True)
    order = []

    class Collect(argparse.Action):
        def __call__(self, parser, namespace, value, option_string=None):
            order.append((self.dest, value, option_string))

    p.add_argument("--input", dest="input", action=Collect, default=[])
    p.add_argument("--data", dest="data", action=Collect, default=[])
    p.add_argument("--shared", dest="shared", action=Collect, default=[])
    for kind in ("positive", "nonzero", "distinct", "binary", "range", "value"):
        p.add_argument("--" + kind, action="append", default=[])
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--eps", type=float)
    p.add_argument("--rtol", type=float)
    p.add_argument("--atol", type=float)
    args = p.parse_args(argv)

    m = tcc.load(args.library)
    specs = {f["name"]: f for f in m.manifest["functions"]}
    for role, name in (("--cost", args.cost), ("--grad", args.grad)):
        if name not in specs:
            raise Failure(f"{role}: the model has no function {name!r} "
                          f"(it has {sorted(specs)})")
        if specs[name]["updates"]:
            raise Failure(f"{role}: function {name!r} updates shared "
                          "variables; verify_grad needs pure functions")
    cost_spec, grad_spec = specs[args.cost], specs[args.grad]
    if len(cost_spec["outputs"]) != 1:
        raise Failure(f"cost function {args.cost!r} has "
                      f"{len(cost_spec['outputs'])} outputs, expected 1")
    out = cost_spec["outputs"][0]
    if out["broadcastable"] != [] or out["dtype"] not in DEFAULT_EPS:
        raise Failure(f"cost function {args.cost!r} returns a "
                      f"{out['dtype']} of rank {len(out['broadcastable'])}, "
                      "expected a float scalar")

    # The values, in command-line order.
    variables, by_name = [], {}
    for kind, text, option in order:
        name, colon, shape_text = text.partition(":")
        if not name or name in by_name:
            raise Failure(f"{option} {text}: missing or repeated name")
        has_shape = kind != "shared" or bool(colon)
        v = Var(kind, name, parse_shape(shape_text, option) if has_shape
                else None)
        variables.append(v)
        by_name[name] = v
    wrt = [v for v in variables if v.wrt]
    if not wrt:
        raise Failure("nothing to differentiate: give --input or --shared")

    # Inputs must be exactly the function's inputs; dtypes come from the
    # manifest.
    inputs = [v for v in variables if v.kind != "shared"]
    for fname, spec in ((args.cost, cost_spec), (args.grad, grad_spec)):
        names = [i["name"] for i in spec["inputs"]]
        given = sorted(v.name for v in inputs)
        if sorted(names) != given:
            raise Failure(f"function {fname!r} takes inputs {names}, but "
                          f"--input/--data give {given}")
        for i in spec["inputs"]:
            v = by_name[i["name"]]
            if v.dtype is not None and v.dtype != i["dtype"]:
                raise Failure(f"input {v.name!r} is {v.dtype} in one function "
                              f"and {i['dtype']} in the other")
            v.dtype = i["dtype"]
            if len(i["broadcastable"]) != len(v.shape):
                raise Failure(f"input {v.name!r} has rank "
                              f"{len(i['broadcastable'])}, but the shape "
                              f"given is {v.shape}")
    for v in variables:
        if v.kind == "shared":
            if v.name not in m.shared:
                raise Failure(f"--shared {v.name}: the model has no shared "
                              f"variable of that name (it has "
                              f"{sorted(m.shared)})")
            v.dtype = m.shared[v.name].dtype
            if v.shape is not None and len(v.shape) != m.shared[v.name].ndim:
                raise Failure(f"shared variable {v.name!r} has rank "
                              f"{m.shared[v.name].ndim}, but the shape given "
                              f"is {v.shape}")
        if v.wrt and v.dtype not in DEFAULT_EPS:
            raise Failure(f"{v.name!r} is {v.dtype}; only float64 and "
                          "float32 values can be differentiated")

    # Distributions.
    dist = {}

    def set_dist(name, kind, param=None):
        if name not in by_name:
            raise Failure(f"--{kind} {name}: no such --input/--data/--shared")
        if name in dist:
            raise Failure(f"{name}: more than one distribution given")
        dist[name] = (kind, param)

    for n in args.positive:
        set_dist(n, "range", (0.1, 2.0))
    for n in args.nonzero:
        set_dist(n, "nonzero")
    for n in args.distinct:
        set_dist(n, "distinct")
    for n in args.binary:
        set_dist(n, "binary")
    for text in args.range:
        n, _, bounds = text.partition("=")
        try:
            lo, hi = (float(b) for b in bounds.split(","))
        except ValueError:
            raise Failure(f"--range {text}: expected NAME=LO,HI")
        set_dist(n, "range", (lo, hi))
    for text in args.value:
        n, _, js = text.partition("=")
        set_dist(n, "value", json.loads(js))

    rng = np.random.default_rng(args.seed)
    distinct = [v for v in variables
                if dist.get(v.name, ("",))[0] == "distinct"]
    if distinct:
        if any(v.shape is None for v in distinct):
            raise Failure("--distinct needs a shape for a shared variable")
        total = sum(int(np.prod(v.shape)) for v in distinct)
        grid = np.linspace(-1.0, 1.0, max(total, 2))
        gap = grid[1] - grid[0]
        if total > 1 and gap < 0.05:
            raise Failure(f"--distinct: {total} values are too many to keep "
                          "0.05 apart in [-1, 1]")
        grid = grid[:total] + rng.uniform(-gap / 8, gap / 8, total)
        rng.shuffle(grid)
        pool = iter(grid)
    for v in variables:
        kind, param = dist.get(v.name, ("range", (-1.0, 1.0)))
        if v.shape is None:
            if kind != "range" or v.name in dist:
                raise Failure(f"--shared {v.name}: give a shape to draw a "
                              "value")
            v.value = np.asarray(m.shared[v.name].get_value())
            continue
        size = int(np.prod(v.shape))
        if kind == "range":
            a = rng.uniform(param[0], param[1], size)
        elif kind == "nonzero":
            a = rng.uniform(0.1, 1.0, size) * rng.choice([-1.0, 1.0], size)
        elif kind == "binary":
            a = rng.integers(0, 2, size).astype(np.float64)
        elif kind == "distinct":
            a = np.array([next(pool) for _ in range(size)])
        else:
            a = np.asarray(param, dtype=np.float64)
            if a.shape != v.shape:
                raise Failure(f"--value {v.name}: shape {a.shape}, but the "
                              f"shape given is {v.shape}")
        v.value = a.reshape(v.shape).astype(v.dtype)

    shared = [v for v in variables if v.kind == "shared"]
    for v in shared:
        m[v.name].set_value(v.value)
        if not np.array_equal(m[v.name].get_value(), v.value):
            raise Failure(f"set_value of {v.name!r} did not take")

    cost_fn, grad_fn = m[args.cost], m[args.grad]

    def cost():
        c = np.asarray(cost_fn(**{v.name: v.value for v in inputs}))
        if c.shape != ():
            raise Failure(f"cost returned shape {c.shape}, expected a scalar")
        if not np.isfinite(c):
            raise Failure(f"cost is {c} at the point drawn; choose other "
                          "values (--positive, --range, ...)")
        return float(c)

    base = cost()
    grads = grad_fn(**{v.name: v.value for v in inputs})
    if not isinstance(grads, (list, tuple)):  # the loader's one-output convention
        grads = [grads]
    if len(grads) != len(wrt):
        raise Failure(f"{args.grad} returned {len(grads)} gradients for "
                      f"{len(wrt)} wrt values "
                      f"({', '.join(v.name for v in wrt)})")
    for v, g in zip(wrt, grads):
        g = np.asarray(g)
        if g.shape != v.value.shape:
            raise Failure(f"{v.name}: the gradient has shape {g.shape}, but "
                          f"{v.name} has shape {v.value.shape}")
        if g.dtype != v.value.dtype:
            raise Failure(f"{v.name}: the gradient is {g.dtype}, but "
                          f"{v.name} is {v.value.dtype}")
        if not np.all(np.isfinite(g)):
            raise Failure(f"{v.name}: the gradient is not finite: {g}")
    if cost() != base:
        raise Failure("calling the gradient changed the cost (state?)")

    failures = []
    for v, g in zip(wrt, grads):
        g = np.asarray(g, dtype=np.float64)
        eps = args.eps if args.eps is not None else DEFAULT_EPS[v.dtype]
        rtol = args.rtol if args.rtol is not None else DEFAULT_TOL[v.dtype]
        atol = args.atol if args.atol is not None else DEFAULT_TOL[v.dtype]
        numeric = np.zeros(v.value.shape)
        original = v.value
        for index in np.ndindex(*original.shape):
            plus, minus = original.copy(), original.copy()
            plus[index] = original[index] + eps
            minus[index] = original[index] - eps
            step = float(plus[index]) - float(minus[index])
            values = []
            for perturbed in (plus, minus):
                v.value = perturbed
                if v.kind == "shared":
                    m[v.name].set_value(perturbed)
                values.append(cost())
            numeric[index] = (values[0] - values[1]) / step
        v.value = original
        if v.kind == "shared":
            m[v.name].set_value(original)
        error = np.abs(g - numeric)
        max_error = float(error.max()) if error.size else 0.0
        bad = error > atol + rtol * np.abs(numeric)
        status = "ok" if not bad.any() else "MISMATCH"
        print(f"{v.name}: max abs error {max_error:.1e} {status} "
              f"(shape {original.shape}, max |grad| "
              f"{float(np.abs(g).max()) if g.size else 0.0:.1e})")
        if bad.any():
            worst = np.unravel_index(np.argmax(error - rtol * np.abs(numeric)),
                                     error.shape)
            failures.append(
                f"{v.name}: the gradient differs from the finite differences "
                f"at {int(bad.sum())} of {bad.size} elements; worst at index "
                f"{tuple(int(i) for i in worst)}: gradient {g[worst]!r}, "
                f"numeric {numeric[worst]!r} (atol {atol}, rtol {rtol})\n"
                f"  value:    {original.tolist()}\n"
                f"  gradient: {g.tolist()}\n"
                f"  numeric:  {numeric.tolist()}")
    if failures:
        raise Failure("\n".join(failures))
    print(f"verify_grad: {len(wrt)} gradient{'s' if len(wrt) != 1 else ''} ok")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except (Failure, tcc.Error) as e:
        sys.stdout.flush()
        print(f"verify_grad: error: {e}", file=sys.stderr)
        sys.exit(1)
