// RUN: tcc-opt %s --tcc-lower-index-checks | FileCheck %s

// Each th.check_index becomes the index wrapped into [0, size) and a
// branch, taken when the wrapped index is still outside (one unsigned
// comparison), that calls the runtime's __tcc_index_error(check, axis,
// index, size). Checks with the same "what at location" share a number;
// the numbers index the module attribute tcc.index_checks.

// CHECK-LABEL: module attributes
// CHECK-SAME: tcc.index_checks = ["subtensor at {{.*}}a.th:3:9", "advanced_subtensor at {{.*}}a.th:4:2", "scan at {{.*}}a.th:7:5"]
// Each callee is declared once, first in the module.
// CHECK-DAG: func.func private @__tcc_index_error(i64, i64, i64, i64)
// CHECK-DAG: func.func private @__tcc_steps_error(i64, i64, i64)

// CHECK-LABEL: func.func @one
// CHECK-SAME: (%[[I:.*]]: index, %[[N:.*]]: index)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[I]], %[[ZERO]]
// CHECK: %[[SUM:.*]] = arith.addi %[[I]], %[[N]]
// CHECK: %[[W:.*]] = arith.select %[[NEG]], %[[SUM]], %[[I]]
// CHECK: %[[OUT:.*]] = arith.cmpi uge, %[[W]], %[[N]]
// CHECK: scf.if %[[OUT]] {
// CHECK-DAG: %[[CHECK:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[AXIS:.*]] = arith.constant 1 : i64
// CHECK-DAG: %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK-DAG: %[[N64:.*]] = arith.index_cast %[[N]] : index to i64
// CHECK: func.call @__tcc_index_error(%[[CHECK]], %[[AXIS]], %[[I64]], %[[N64]]) : (i64, i64, i64, i64) -> ()
// CHECK: }
// CHECK: return %[[W]]
func.func @one(%i: index, %n: index) -> index {
  %0 = th.check_index %i, %n {axis = 1 : i64, what = "subtensor"} loc("a.th":3:9)
  return %0 : index
}

// The same reason reuses number 0; another gets 1.
// CHECK-LABEL: func.func @two
// CHECK: scf.if
// CHECK: %[[C0:.*]] = arith.constant 0 : i64
// CHECK: func.call @__tcc_index_error(%[[C0]],
// CHECK: scf.if
// CHECK: %[[C1:.*]] = arith.constant 1 : i64
// CHECK: func.call @__tcc_index_error(%[[C1]],
func.func @two(%i: index, %n: index) -> index {
  %0 = th.check_index %i, %n {axis = 0 : i64, what = "subtensor"} loc("a.th":3:9)
  %1 = th.check_index %0, %n {axis = 0 : i64, what = "advanced_subtensor"} loc("a.th":4:2)
  return %1 : index
}

// A scan's number of steps: one unsigned comparison with the rows of the
// shortest sequence (a negative number is huge), and a call of
// __tcc_steps_error(check, steps, rows) when it is greater.
// CHECK-LABEL: func.func @steps
// CHECK-SAME: (%[[S:.*]]: index, %[[R:.*]]: index)
// CHECK: %[[BAD:.*]] = arith.cmpi ugt, %[[S]], %[[R]]
// CHECK: scf.if %[[BAD]] {
// CHECK-DAG: %[[CHECK:.*]] = arith.constant 2 : i64
// CHECK-DAG: %[[S64:.*]] = arith.index_cast %[[S]] : index to i64
// CHECK-DAG: %[[R64:.*]] = arith.index_cast %[[R]] : index to i64
// CHECK: func.call @__tcc_steps_error(%[[CHECK]], %[[S64]], %[[R64]]) : (i64, i64, i64) -> ()
// CHECK: }
// CHECK: return %[[S]]
func.func @steps(%s: index, %r: index) -> index {
  %0 = th.check_steps %s, %r {what = "scan"} loc("a.th":7:5)
  return %0 : index
}

// Without a sequence only a negative number fails, and the rows are -1.
// CHECK-LABEL: func.func @steps_alone
// CHECK-SAME: (%[[S:.*]]: index)
// CHECK: %[[BAD:.*]] = arith.cmpi slt, %[[S]], %{{.*}}
// CHECK: %[[NONE:.*]] = arith.constant -1 : index
// CHECK: scf.if %[[BAD]] {
// CHECK: %[[NONE64:.*]] = arith.index_cast %[[NONE]] : index to i64
// CHECK: func.call @__tcc_steps_error(%{{.*}}, %{{.*}}, %[[NONE64]])
// CHECK: return %[[S]]
func.func @steps_alone(%s: index) -> index {
  %0 = th.check_steps %s {what = "scan"} loc("a.th":7:5)
  return %0 : index
}

// CHECK-NOT: th.check_index
// CHECK-NOT: th.check_steps
