"""Compares the JSON printed by `tcc run --json` (on stdin) with expected
values (the first argument, a JSON string) computed independently with NumPy.

The expected JSON has the shape of tcc's: {"outputs": [V, ...], "shared":
{"name": V, ...}}; "shared", when present, must list exactly the model's
shared variables. Each V is either a plain JSON value (a number, a bool or a
nested list) or a tagged value {"dtype": D, "value": ...} where D is a Theano
dtype name. Tolerances follow the dtype: float64 (and untagged values that
contain a float) compare with rtol 1e-12, float32 with rtol 1e-6, an optional
"atol" adds an absolute tolerance, integers must be equal (and not floats),
bools must be JSON booleans. NaN matches NaN, infinities must be equal.
Nested lists must have the same structure (so the same shape).

Exit status 0 when everything matches; otherwise 1, with one line per
mismatch on stderr.
"""
import json
import math
import sys

RTOL = {"float64": 1e-12, "float32": 1e-6}
INTS = {"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"}


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def contains_float(v):
    if isinstance(v, list):
        return any(contains_float(x) for x in v)
    return isinstance(v, float)


def compare(got, want, dtype, atol, where, errors):
    if isinstance(want, list):
        if not isinstance(got, list):
            errors.append(f"{where}: expected a list of {len(want)}, got {got!r}")
        elif len(got) != len(want):
            errors.append(f"{where}: expected {len(want)} elements, got {len(got)}")
        else:
            for i, (g, w) in enumerate(zip(got, want)):
                compare(g, w, dtype, atol, f"{where}[{i}]", errors)
        return
    if isinstance(got, list):
        errors.append(f"{where}: expected {want!r}, got a list {got!r}")
        return
    if dtype == "bool":
        if not isinstance(got, bool) or got != bool(want):
            errors.append(f"{where}: expected {json.dumps(bool(want))}, got {got!r}")
        return
    if not is_number(got):
        errors.append(f"{where}: expected a number, got {got!r}")
        return
    if dtype in INTS:
        if not isinstance(got, int) or got != want:
            errors.append(f"{where}: expected integer {want!r}, got {got!r}")
        return
    g, w = float(got), float(want)
    if math.isnan(w) or math.isnan(g):
        if not (math.isnan(w) and math.isnan(g)):
            errors.append(f"{where}: expected {w!r}, got {g!r}")
        return
    if math.isinf(w) or math.isinf(g):
        if g != w:
            errors.append(f"{where}: expected {w!r}, got {g!r}")
        return
    if abs(g - w) > atol + RTOL[dtype] * abs(w):
        errors.append(f"{where}: expected {w!r}, got {g!r} "
                      f"(rtol {RTOL[dtype]}, atol {atol}, {dtype})")


def compare_value(got, spec, where, errors):
    if isinstance(spec, dict):
        dtype, want, atol = spec["dtype"], spec["value"], spec.get("atol", 0.0)
        if dtype not in RTOL and dtype not in INTS and dtype != "bool":
            raise SystemExit(f"compare_json: unknown dtype {dtype!r} at {where}")
    else:
        want, atol = spec, 0.0
        dtype = "float64" if contains_float(spec) else (
            "bool" if isinstance(spec, bool) or (isinstance(spec, list) and _all_bool(spec))
            else "int64")
    compare(got, want, dtype, atol, where, errors)


def _all_bool(v):
    if isinstance(v, list):
        return len(v) > 0 and all(_all_bool(x) for x in v)
    return isinstance(v, bool)


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: compare_json.py EXPECTED_JSON < tcc_output.json")
    expected = json.loads(sys.argv[1])
    text = sys.stdin.read()
    try:
        actual = json.loads(text)
    except json.JSONDecodeError as e:
        print(f"compare_json: stdin is not JSON ({e}): {text!r}", file=sys.stderr)
        return 1
    errors = []
    outs, want_outs = actual.get("outputs"), expected["outputs"]
    if not isinstance(outs, list) or len(outs) != len(want_outs):
        errors.append(f"outputs: expected {len(want_outs)} outputs, got {outs!r}")
    else:
        for i, (g, w) in enumerate(zip(outs, want_outs)):
            compare_value(g, w, f"outputs[{i}]", errors)
    if "shared" in expected:
        shared, want_shared = actual.get("shared", {}), expected["shared"]
        if sorted(shared) != sorted(want_shared):
            errors.append(f"shared: expected variables {sorted(want_shared)}, "
                          f"got {sorted(shared)}")
        else:
            for name, w in want_shared.items():
                compare_value(shared[name], w, f"shared[{name!r}]", errors)
    for e in errors:
        print("compare_json: " + e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
