"""Driven by nan-guard.th: a --nan-guard model called from Python."""
import sys

import tcc

m = tcc.load(sys.argv[1])
try:
    m.f([3, 1, 5])
except ValueError as e:
    print(type(e).__name__, e)
print("w after the failed call:", m.w.get_value().tolist())
m.f([3, 4, 5])
print("w after a good call:", m.w.get_value().tolist())
