# Indices known only at run time against NumPy, their bounds errors (status
# 6, IndexError in Python, NumPy's message with the operation and source
# position), and that a call stopped by one leaves shared state as it was.
# The same at -O0 (no fusion, no in-place updates).
# RUN: %tcc %S/Inputs/runtime_index_model.th -o %t.so
# RUN: %tcc -O0 %S/Inputs/runtime_index_model.th -o %t.O0.so
# RUN: %python %s %t.so | FileCheck %s
# RUN: %python %s %t.O0.so | FileCheck %s
#
# CHECK: pick: ok
# CHECK-NEXT: IndexOutOfBounds status=6: pick: index 3 is out of bounds for axis 0 with size 3 (subtensor at {{.*}}runtime_index_model.th:10:36)
# CHECK-NEXT: IndexOutOfBounds status=6: pick: index -4 is out of bounds for axis 0 with size 3 (subtensor at {{.*}}runtime_index_model.th:10:36)
# CHECK-NEXT: IndexOutOfBounds status=6: pick: index 4 is out of bounds for axis 1 with size 4 (subtensor at {{.*}}runtime_index_model.th:10:42)
# CHECK-NEXT: IndexOutOfBounds status=6: pick: index 0 is out of bounds for axis 0 with size 0 (subtensor at {{.*}}runtime_index_model.th:10:36)
# CHECK-NEXT: bump: ok
# CHECK-NEXT: IndexOutOfBounds status=6: bump: index 5 is out of bounds for axis 0 with size 3 (subtensor at {{.*}}runtime_index_model.th:17:32)
# CHECK-NEXT: state kept: ok
# CHECK-NEXT: repeated failures: ok
# CHECK-NEXT: grad_row: ok
import sys

import numpy as np
import tcc

m = tcc.load(sys.argv[1])
rng = np.random.RandomState(7)
x = rng.uniform(-5, 5, size=(3, 4))


def show_error(f, *args):
    try:
        f(*args)
    except tcc.Error as e:
        assert isinstance(e, IndexError)
        print(f"{type(e).__name__} status={e.status}: {e}")
    else:
        print("NO ERROR")


for i, j in [(0, 0), (2, 3), (-1, -4), (-3, 1), (1, -1)]:
    got = m.pick(x, i, j)
    s = x.copy()
    s[i] = 0.0
    t = x.copy()
    t[:, j] += 10.0
    want = [x[i], x[:, j], x[i, j], x[i, 1:], x[-1 - i], s, t]
    assert len(got) == len(want)
    for a, b in zip(got, want):
        np.testing.assert_array_equal(a, b)
print("pick: ok")
show_error(m.pick, x, 3, 0)
show_error(m.pick, x, -4, 0)
show_error(m.pick, x, 0, 4)
show_error(m.pick, np.zeros((0, 4)), 0, 0)

table = m.table.get_value()
for i, delta in [(1, [0.5, -1.0]), (-1, [2.0, 2.0]), (1, [1.0, 1.0])]:
    got = m.bump(i, np.array([delta]))
    np.testing.assert_array_equal(got, table[i] * 2.0)
    table[i] += delta
    np.testing.assert_array_equal(m.table.get_value(), table)
assert m.count.get_value() == 3.0
print("bump: ok")
show_error(m.bump, 5, np.array([[1.0, 1.0]]))
np.testing.assert_array_equal(m.table.get_value(), table)
assert m.count.get_value() == 3.0
print("state kept: ok")

# A stopped kernel frees what it allocated (the runtime tracks the
# kernel's buffers); many failing calls in a row stay correct.
for _ in range(2000):
    try:
        m.pick(x, 7, 0)
    except IndexError:
        pass
np.testing.assert_array_equal(m.pick(x, 1, 1)[0], x[1])
print("repeated failures: ok")

for i in [0, 2, -2]:
    want = np.zeros_like(x)
    want[i] = 2 * x[i]
    np.testing.assert_allclose(m.grad_row(x, i), want, rtol=1e-15)
print("grad_row: ok")
