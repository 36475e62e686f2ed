// RUN: tcc-opt %s -split-input-file | tcc-opt -split-input-file | FileCheck %s
// RUN: tcc-opt %s -split-input-file --mlir-print-op-generic | tcc-opt -split-input-file | FileCheck %s

// The ops of symbolic differentiation round-trip.
// CHECK-LABEL: th.func @ops(
// CHECK: grad {{%[^ ]+}} wrt({{%[^)]+}}) consider_constant({{%[^)]+}}) : tensor<f64>, (tensor<?xf64>), (tensor<?xf64>) -> (tensor<?xf64>)
// CHECK: grad {{%[^ ]+}} seed {{%[^ ]+}} : tensor<?xf64> wrt(
// CHECK: jacobian {{%[^ ]+}} wrt {{%[^ ]+}} : tensor<?xf64>, tensor<?xf64> -> tensor<?x?xf64>
// CHECK: shape_i {{%[^[]+}}[0] : tensor<?xf64> -> tensor<i64>
// CHECK: second {{%[^,]+}}, {{%[^ ]+}} : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
// CHECK: gradient_stop {{%[^ ]+}} {disconnected = true} : tensor<?xf64>
// CHECK: stack {{%[^[]+}}[0] rows like {{%[^ ]+}} : tensor<?xf64>, tensor<?xf64> -> tensor<?x?xf64> {
// CHECK: th.onehot
// CHECK: th.yield {{%[^ ]+}} : tensor<?xf64>
th.func @ops(%x: tensor<?xf64>, %c: tensor<f64>, %o: tensor<1xf64>) -> tensor<?x?xf64> {
  %t = th.exp %x : tensor<?xf64>
  %s = th.sum %t axes = [0] : tensor<?xf64> -> tensor<f64>
  %g = th.grad %s wrt(%x) consider_constant(%t) : tensor<f64>, (tensor<?xf64>), (tensor<?xf64>) -> (tensor<?xf64>)
  %v = th.grad %t seed %x : tensor<?xf64> wrt(%x) : tensor<?xf64>, (tensor<?xf64>) -> (tensor<?xf64>)
  %j = th.jacobian %t wrt %x : tensor<?xf64>, tensor<?xf64> -> tensor<?x?xf64>
  %n = th.shape_i %x[0] : tensor<?xf64> -> tensor<i64>
  %f = th.second %x, %o : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %d = th.gradient_stop %f {disconnected = true} : tensor<?xf64>
  %r = th.stack %t[0] rows like %x : tensor<?xf64>, tensor<?xf64> -> tensor<?x?xf64> {
  ^bb0(%i: tensor<i64>):
    %h = th.onehot %t[%i] : tensor<?xf64>, tensor<i64>
    th.yield %h : tensor<?xf64>
  }
  th.return %r : tensor<?x?xf64>
}
