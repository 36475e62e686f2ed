"""Driven by python-package.test: argv = model.th, a scratch directory."""
import inspect
import os
import sys

import tcc

source, tmp = sys.argv[1], sys.argv[2]
print("from", tcc.__file__)
m = tcc.compile(source)
print("compiled:", os.path.basename(m.path))
print("cached:", "same library" if tcc.compile(source).path == m.path
      else "recompiled")
print("affine" + str(inspect.signature(m.affine)))
print(m.affine.__doc__)
print(m.step.__doc__)
print(m.__doc__)
print(m.w.__doc__)
print("affine ->", m.affine([1, 2, 3]))
print("affine by keyword ->", m.affine(scale=10, x=[1, 1, 1])[0].tolist())
print("step ->", m.step([1, 1, 1]))
print("w =", m.w.get_value().tolist())
f32 = tcc.compile(source, os.path.join(tmp, "f32.so"), flags=["--floatX=float32"])
print("float32 model:", f32.floatX)

bad = os.path.join(tmp, "bad.th")
with open(bad, "w") as f:
    f.write("import theano\nx = 1 +\n")
for path, kwargs in ((bad, {}), (os.path.join(tmp, "missing.th"), {}),
                     (source, {"tcc": "/nonexistent/tcc"})):
    try:
        env = os.environ.pop("TCC") if "tcc" in kwargs else None
        os.environ["PATH"] = "" if "tcc" in kwargs else os.environ["PATH"]
        tcc.compile(path, os.path.join(tmp, "x.so"), **kwargs)
    except tcc.CompileError as e:
        print("CompileError:", e)
