# The Python loader (python/tcc) on the hand-written fake model:
# calls, Theano-style input conversion, keyword and default arguments,
# results owned by NumPy, shared variables, .npz state, and errors.
# RUN: rm -rf %t.dir && mkdir -p %t.dir
# RUN: %python %s %tcc_libdir/tcc_fake_model.so %t.dir | FileCheck %s --match-full-lines

import gc
import os
import sys
import threading

import numpy as np

import tcc
from tcc_testing import show_error

lib, tmp = sys.argv[1], sys.argv[2]


# Relative paths are relative to the current directory, not dlopen's path.
os.chdir(os.path.dirname(lib))
m = tcc.load(os.path.basename(lib))
print(sorted(m.functions))
# CHECK:['acc', 'addw', 'affine', 'dotv', 'ident', 'positive', 'scale', 'square', 'swap', 'tr', 'vset']
print(sorted(m.shared), m.name, m.floatX)
# CHECK-NEXT:['p', 'q', 'sh', 'v', 'w'] fake float64
print(m.scale, m.w)
# CHECK-NEXT:<tcc function scale(x, factor=...)> <tcc shared variable w: float64, ndim 2>
assert m["acc"] is m.acc is m.functions["acc"] and m["w"] is m.w
assert m.acc.inputs == ["x"] and m.acc.outputs == ["sq", "next"]

# Several outputs: a list of 0-d arrays (as Theano), from old values.
sq, nxt = m.acc(2)
assert isinstance(sq, np.ndarray) and sq.shape == () and sq.dtype == np.int64
assert (int(sq), int(nxt)) == (9, 5) and int(m.sh.get_value()) == 5
assert [int(a) for a in m.acc(x=1)] == [25, 6]

# Lists are converted; a transposed (strided) array is passed as a view.
s, rowsum = m.addw([[10, 20, 30], [40, 50, 60]])
assert s.tolist() == [[11, 22, 33], [44, 55, 66]] and rowsum.tolist() == [60, 150]
s, _ = m.addw(np.arange(6.0).reshape(3, 2).T)
assert s.tolist() == [[11, 24, 37], [45, 58, 71]]
m.reset()

# Results are writable NumPy arrays that own their memory; aliased outputs
# (the input itself, two outputs sharing a buffer) come back independent.
x = np.array([[1, 2, 3, 4]], dtype=np.float32)
same, plus, again = m.ident(x)
assert not np.shares_memory(same, x) and not np.shares_memory(plus, again)
plus[0, 0] = 100
assert again[0, 0] == 2 and same.flags.writeable and same.dtype == np.float32
t, row1, t2 = m.tr(np.arange(6.0).reshape(2, 3))
assert t.tolist() == t2.tolist() == [[0, 3], [1, 4], [2, 5]]
assert row1.tolist() == [3, 4, 5] and t.flags.c_contiguous
kept = m.scale(np.ones(4))[1:]  # a view keeps the runtime buffer alive
gc.collect()
assert kept.tolist() == [2, 2, 2]
assert m.positive([-1, 0, 5]).dtype == np.bool_
assert m.square(np.eye(3)).shape == () and float(m.square(np.eye(3))) == 3
assert m.vset(np.ones((1, 4), dtype=np.float32)) == ()
assert m.v.get_value().tolist() == [[1.5, 2.5, 3.5, 4.5]]

# Defaults: trailing ones left out, a middle one by keyword.
assert m.scale([1, 2]).tolist() == [2, 4]
assert m.scale([1, 2], 3).tolist() == [3, 6]
assert m.scale(x=[1, 2], factor=0.5).tolist() == [0.5, 1]
assert m.affine([1, 2]).tolist() == [2.5, 4.5]
assert m.affine([1, 2], b=1).tolist() == [3, 5]
assert m.affine([1, 2], 3.0, b=0).tolist() == [3, 6]

# Input conversion as in Theano: safe array casts, exact Python values.
assert m.scale(np.arange(3, dtype=np.int32)).tolist() == [0, 2, 4]
assert int(m.acc(np.int64(0))[1]) == 3 and int(m.acc(2.0)[1]) == 5
assert m.ident([[0.5, 1.5, 2, 3]])[0].dtype == np.float32
assert np.isnan(m.scale([np.nan])[0])
show_error(m.ident, np.zeros((1, 4)))
# CHECK-NEXT:TypeError: ident: argument 0 ('x') must be float32, got an array of float64, which cannot be converted to float32 without loss of precision (allow_input_downcast=True in theano.function converts it anyway)
show_error(m.acc, 2.5)
# CHECK-NEXT:TypeError: acc: argument 0 ('x') must be int64, and 2.5 cannot be converted to int64 exactly
show_error(m.acc, 2**63)
# CHECK-NEXT:TypeError: acc: argument 0 ('x') must be int64, and 9223372036854775808 cannot be converted to int64 exactly
show_error(m.positive, [1, 2**40])
# CHECK-NEXT:TypeError: positive: argument 0 ('x') must be int32, and [1, 1099511627776] cannot be converted to int32 exactly
show_error(m.ident, [[0.1, 0.2, 0.3, 0.4]])
# CHECK-NEXT:TypeError: ident: argument 0 ('x') must be float32, and {{\[\[}}0.1, 0.2, 0.3, 0.4]] cannot be converted to float32 exactly
show_error(m.scale, np.ones(2, dtype=np.complex128))
# CHECK-NEXT:TypeError: scale: argument 0 ('x') must be float64, got an array of complex128, which cannot be converted to float64 without loss of precision (allow_input_downcast=True in theano.function converts it anyway)
show_error(m.scale, "abc")
# CHECK-NEXT:TypeError: scale: argument 0 ('x') must be float64, got 'abc'

# Argument binding errors.
show_error(m.scale, [1], 2, 3)
# CHECK-NEXT:TypeError: scale() takes 2 arguments but 3 were given
show_error(m.scale, [1], y=2)
# CHECK-NEXT:TypeError: scale() got an unexpected keyword argument 'y'
show_error(m.scale, [1], x=[2])
# CHECK-NEXT:TypeError: scale() got multiple values for argument 'x'
show_error(m.affine, a=1.0)
# CHECK-NEXT:TypeError: affine() missing argument 0 ('x')

# Errors from the library raise tcc.Error with its message.
show_error(m.addw, np.zeros((3, 3)))
# CHECK-NEXT:Error status=1: addw: argument 0 ('m') has shape (3, 3) but shared variable 'w' has shape (2, 3): elementwise + at fake.th:4:9 needs m.shape[0] == w.shape[0]
show_error(m.addw, np.zeros(6))
# CHECK-NEXT:Error status=1: addw: argument 0 ('m') must have rank 2, got rank 1 (shape (6,))
show_error(m.dotv, np.zeros((2, 3)), np.zeros(4))
# CHECK-NEXT:Error status=1: dotv: argument 0 ('x') has shape (2, 3) but argument 1 ('y') has shape (4,): dot at fake.th:9:5 needs x.shape[1] == y.shape[0]
show_error(m.ident, np.zeros((2, 4), dtype=np.float32))
# CHECK-NEXT:Error status=1: ident: argument 0 ('x') has shape (2, 4) but its dimension 0 is broadcastable and must be 1
assert m.w.get_value().tolist() == [[1, 2, 3], [4, 5, 6]]

# Shared variables: get_value copies, set_value converts like an input.
w = m.w.get_value()
w[0, 0] = 99
assert m.w.get_value()[0, 0] == 1
m.w.set_value([[1, 1, 1], [2, 2, 2]])
m.w.set_value(np.arange(6, dtype=np.float32).reshape(2, 3))
assert m.w.get_value().dtype == np.float64
show_error(m.w.set_value, np.zeros(6))
# CHECK-NEXT:Error status=1: tcc_shared_set: shared variable 'w' must have rank 2, got rank 1 (shape (6,))
show_error(m.v.set_value, np.zeros((1, 4), dtype=np.int64))
# CHECK-NEXT:TypeError: v.set_value must be float32, got an array of int64, which cannot be converted to float32 without loss of precision

# State: save, change, load back; NumPy reads and writes the same files.
path = os.path.join(tmp, "state.npz")
m.save(path)
with np.load(path) as f:
    assert sorted(f.files) == ["p", "q", "sh", "v", "w"]
    assert f["w"].tolist() == [[0, 1, 2], [3, 4, 5]] and f["sh"].dtype == np.int64
m.reset()
assert m.w.get_value().tolist() == [[1, 2, 3], [4, 5, 6]]
m.load_state(path)
assert m.w.get_value().tolist() == [[0, 1, 2], [3, 4, 5]]
np.savez(os.path.join(tmp, "numpy.npz"), sh=np.int64(7), w=np.ones((4, 2)),
         p=np.int64(1), q=np.int64(2), v=np.zeros((1, 3), dtype=np.float32))
m.load_state(os.path.join(tmp, "numpy.npz"))
assert int(m.sh.get_value()) == 7 and m.w.get_value().shape == (4, 2)
show_error(m.load_state, os.path.join(tmp, "missing.npz"))
# CHECK-NEXT:Error status=4: tcc_shared_load: cannot open '{{.*}}/missing.npz': No such file or directory

# Calls from several threads (the GIL is released during a call).
m.reset()
threads = [threading.Thread(target=lambda: [m.acc(1) for _ in range(200)])
           for _ in range(4)]
for th in threads:
    th.start()
for th in threads:
    th.join()
assert int(m.sh.get_value()) == 3 + 800

# A second Model of the same file shares the library and its state.
assert int(tcc.load(lib).sh.get_value()) == 803
try:
    m.nope
except AttributeError as e:
    print(e)
# CHECK-NEXT:model 'fake' has no function or shared variable named 'nope'
print("done")
# CHECK-NEXT:done
