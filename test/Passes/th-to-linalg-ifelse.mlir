// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg --control-flow-sink | FileCheck %s

// th.ifelse becomes an scf.if yielding each branch's value (a tensor.cast
// where the branch's type is more static than the result's), and
// control-flow-sink moves what only one branch uses into it: the branch
// not taken is not computed, its index check included.

// CHECK-LABEL: func.func @lazy
// CHECK-SAME: (%[[C:.*]]: tensor<i1>, %[[V:.*]]: tensor<?xf64>, %[[I:.*]]: tensor<i64>)
// CHECK: %[[B:.*]] = tensor.extract %[[C]][]
// CHECK: scf.if %[[B]] -> (tensor<?xf64>) {
// CHECK: tensor.extract_slice %[[V]]
// CHECK: th.check_index
// CHECK: linalg.generic
// CHECK: arith.mulf
// CHECK: scf.yield
// CHECK: } else {
// CHECK-NOT: th.check_index
// CHECK: %[[E:.*]] = linalg.generic
// CHECK: math.exp
// CHECK: scf.yield %[[E]]
th.func @lazy(%c: tensor<i1>, %v: tensor<?xf64>, %i: tensor<i64>) -> tensor<?xf64> {
  %0 = th.subtensor %v[%i:] : tensor<?xf64> -> tensor<?xf64>
  %1 = th.subtensor %0[%i] : tensor<?xf64> -> tensor<f64>
  %2 = th.mul %1, %1 : tensor<f64>, tensor<f64> -> tensor<f64>
  %3 = th.dimshuffle %2 pattern = [-1] : tensor<f64> -> tensor<1xf64>
  %4 = th.second %v, %3 : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %5 = th.exp %v : tensor<?xf64>
  %6 = th.ifelse %c, %4, %5 : tensor<i1>, tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %6 : tensor<?xf64>
}

// CHECK-LABEL: func.func @sizes
// CHECK: scf.if %{{.*}} -> (tensor<?xf64>) {
// CHECK: %[[CAST:.*]] = tensor.cast %{{.*}} : tensor<3xf64> to tensor<?xf64>
// CHECK: scf.yield %[[CAST]]
th.func @sizes(%c: tensor<i1>, %a: tensor<3xf64>, %b: tensor<?xf64>) -> tensor<?xf64> {
  %0 = th.ifelse %c, %a, %b : tensor<i1>, tensor<3xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %0 : tensor<?xf64>
}
