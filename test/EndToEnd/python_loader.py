# The Python loader on a compiled model (Inputs/loader_model.th): update
# semantics (outputs and updates computed from the shared values the call
# started with), state shared between functions, get_value/set_value, and
# failed calls that leave every shared variable as it was. The expected
# values are computed here with NumPy.
# RUN: %tcc %S/Inputs/loader_model.th -o %t.so
# RUN: env PYTHONPATH=%tcc_pythonpath %python %s %t.so | FileCheck %s
import sys

import numpy as np

import tcc

m = tcc.load(sys.argv[1])
assert sorted(m.functions) == ['accumulate', 'function_1', 'function_2', 'peek', 'step'], m.functions
assert sorted(m.shared) == ['a', 'b', 'count', 'sh', 'shared_var'], m.shared


def expect_error(f, *args):
    try:
        f(*args)
    except (tcc.Error, TypeError, ValueError) as e:
        return str(e)
    raise AssertionError("no error")


# Seed 003: 0, 1, 4 for three calls with x = 1, then sh is 3.
assert [int(m.accumulate(1)) for _ in range(3)] == [0, 1, 4]
assert int(m.sh.get_value()) == 3 and m.sh.get_value().dtype == np.int64
m.sh.set_value(-2)
assert int(m.accumulate(5)) == 4 and int(m.sh.get_value()) == 3
print("seed 003 accumulator ok")
# CHECK: seed 003 accumulator ok

# Seed 004: function_2 changes what function_1 returns.
S = np.array([[3.0, 4.0], [2.0, 1.0]])
np.testing.assert_array_equal(m.shared_var.get_value(), S)
np.testing.assert_array_equal(m.function_1(), S ** 2)
old = m.function_2(np.array([[1, 1], [1, 1]]))
np.testing.assert_array_equal(old, S)
np.testing.assert_array_equal(m.shared_var.get_value(), S - 1)
np.testing.assert_array_equal(m.function_1(), (S - 1) ** 2)
print("seed 004 shared_var ok")
# CHECK-NEXT: seed 004 shared_var ok

# step: outputs are the old a and b; a <- a + b and b <- a * v both use the
# old a; count counts successful calls.
a = np.array([1.0, 2.0, 3.0])
b = np.array([10.0, 20.0, 30.0])
for k, vv in enumerate([np.array([1.0, 0.5, 2.0]), np.array([-1.0, 3.0, 0.25])]):
    out_a, out_b, dot = m.step(vv)
    np.testing.assert_array_equal(out_a, a)
    np.testing.assert_array_equal(out_b, b)
    np.testing.assert_allclose(dot, (a * vv).sum(), rtol=1e-12, atol=0)
    a, b = a + b, a * vv
    np.testing.assert_array_equal(m.a.get_value(), a)
    np.testing.assert_array_equal(m.b.get_value(), b)
    assert int(m.count.get_value()) == k + 1
np.testing.assert_array_equal(m.peek(), a + b)
print("update semantics ok")
# CHECK-NEXT: update semantics ok

# get_value returns a copy; set_value stores a copy and may change the size
# of a non-broadcastable dimension.
got = m.a.get_value()
got[0] = 1e9
np.testing.assert_array_equal(m.a.get_value(), a)
new_a = np.array([1.0, 2.0, 3.0, 4.0])
m.a.set_value(new_a)
new_a[0] = -7.0
np.testing.assert_array_equal(m.a.get_value(), [1.0, 2.0, 3.0, 4.0])
m.b.set_value([1, 1, 1, 1])  # ints are converted to the float64 variable
np.testing.assert_array_equal(m.peek(), [2.0, 3.0, 4.0, 5.0])
a, b = np.array([1.0, 2.0, 3.0, 4.0]), np.array([1.0, 1.0, 1.0, 1.0])
print("get_value/set_value ok")
# CHECK-NEXT: get_value/set_value ok

# A failed call changes nothing: v has 3 elements but a and b have 4.
count = int(m.count.get_value())
msg = expect_error(m.step, np.array([1.0, 2.0, 3.0]))
print(msg)
# CHECK-NEXT: step: shared variable 'a' has shape (4,) but argument 0 ('v') has shape (3,): elementwise mul at {{.*}}loader_model.th:27:39 needs a.shape[0] == v.shape[0]
np.testing.assert_array_equal(m.a.get_value(), a)
np.testing.assert_array_equal(m.b.get_value(), b)
assert int(m.count.get_value()) == count
# ... and so does a set_value of the wrong rank.
msg = expect_error(m.a.set_value, np.zeros((2, 2)))
print(msg)
# CHECK-NEXT: tcc_shared_set: shared variable 'a' must have rank 1, got rank 2 (shape (2, 2))
np.testing.assert_array_equal(m.a.get_value(), a)
# The state still works after the failures.
out_a, out_b, dot = m.step(np.array([1.0, 1.0, 1.0, 1.0]))
np.testing.assert_array_equal(out_a, a)
np.testing.assert_array_equal(m.a.get_value(), a + b)
assert int(m.count.get_value()) == count + 1
print("failed calls ok")
# CHECK-NEXT: failed calls ok
