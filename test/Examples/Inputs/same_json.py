"""Exits 0 when two JSON files (`tcc run --json` and a Python script's
--json) hold exactly the same values: the same structure, equal numbers
(NaN equal to NaN), the same bools. Prints the first differences otherwise."""
import json
import math
import sys


def diff(a, b, where, out):
    if isinstance(a, dict) and isinstance(b, dict):
        if sorted(a) != sorted(b):
            out.append(f"{where}: keys {sorted(a)} != {sorted(b)}")
        for k in sorted(set(a) & set(b)):
            diff(a[k], b[k], f"{where}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{where}: {len(a)} elements != {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, f"{where}[{i}]", out)
    elif isinstance(a, bool) or isinstance(b, bool):
        if a is not b:
            out.append(f"{where}: {a!r} != {b!r}")
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if not (a == b or (isinstance(a, float) and isinstance(b, float)
                           and math.isnan(a) and math.isnan(b))):
            out.append(f"{where}: {a!r} != {b!r}")
    elif a != b:
        out.append(f"{where}: {a!r} != {b!r}")


with open(sys.argv[1]) as f, open(sys.argv[2]) as g:
    a, b = json.load(f), json.load(g)
problems = []
diff(a, b, "$", problems)
for p in problems[:10]:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
