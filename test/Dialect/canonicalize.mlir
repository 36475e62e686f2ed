// RUN: tcc-opt %s --canonicalize | FileCheck %s
// Theano's canonicalize phase as th folders: --x -> x, x+0, 0+x, x-0, x*1,
// 1*x, x/1 -> x, where the identity does not broadcast x to a larger shape,
// and a dimshuffle of a splat constant is a constant.

// CHECK-LABEL: th.func @identities(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>)
// CHECK-NOT: neg
// CHECK-NOT: add
// CHECK-NOT: mul
// CHECK-NOT: true_div
// CHECK-NOT: sub
// CHECK: return [[X]], [[X]], [[X]], [[X]], [[X]], [[X]]
th.func @identities(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %n = th.neg %x : tensor<?xf64>
  %nn = th.neg %n : tensor<?xf64>
  %z = th.constant dense<0.0> : tensor<1xf64>
  %o = th.constant dense<1.0> : tensor<1xf64>
  %a = th.add %x, %z : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %b = th.add %z, %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = th.sub %x, %z : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %d = th.mul %o, %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %e = th.true_div %x, %o : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  th.return %nn, %a, %b, %c, %d, %e : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// x * 1 where the 1 is larger than x broadcasts x: kept.
// CHECK-LABEL: th.func @broadcasting_identity(
// CHECK: mul
th.func @broadcasting_identity(%x: tensor<1xf64>) -> tensor<3xf64> {
  %o = th.constant dense<1.0> : tensor<3xf64>
  %m = th.mul %x, %o : tensor<1xf64>, tensor<3xf64> -> tensor<3xf64>
  th.return %m : tensor<3xf64>
}

// 0 - x is not x.
// CHECK-LABEL: th.func @zero_minus(
// CHECK: sub
th.func @zero_minus(%x: tensor<f64>) -> tensor<f64> {
  %z = th.constant dense<0.0> : tensor<f64>
  %s = th.sub %z, %x : tensor<f64>, tensor<f64> -> tensor<f64>
  th.return %s : tensor<f64>
}

// CHECK-LABEL: th.func @dimshuffle_constant(
// CHECK: [[C:%.*]] = constant dense<2.000000e+00> : tensor<1x1xf64>
// CHECK-NOT: dimshuffle
// CHECK: return [[C]]
th.func @dimshuffle_constant() -> tensor<1x1xf64> {
  %c = th.constant dense<2.0> : tensor<f64>
  %d = th.dimshuffle %c pattern = [-1, -1] : tensor<f64> -> tensor<1x1xf64>
  th.return %d : tensor<1x1xf64>
}
