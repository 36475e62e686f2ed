"""Driven by debug-mode.th: a perturbed --debug-mode model from Python."""
import sys

import tcc

m = tcc.load(sys.argv[1])
v = next(f for f in m.manifest["functions"] if f["name"] == "v")
print("v updates w in place:", v["inplace"] == [0])
try:
    m.v([3.0, 3.0, 3.0])
except ValueError as e:
    print(type(e).__name__, e)
print("w after the failed call:", m.w.get_value().tolist())
