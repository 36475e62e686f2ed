// RUN: tcc-opt %s --th-specialize | FileCheck %s

// local_pow_specialize: x**2 -> sqr, x**0.5 -> sqrt, x**-1 -> 1/x (the 1 is
// -(-1) folded), x**10 by
// repeated squaring (x^2, x^4, x^8; x^8 * x^2), non-integer powers stay.
// CHECK-LABEL: th.func @powers(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>)
// CHECK: [[ONE:%.*]] = constant dense<1.000000e+00> : tensor<1xf64>
// CHECK: [[SQ:%.*]] = sqr [[X]] : tensor<?xf64>
// CHECK: [[RT:%.*]] = sqrt [[X]] : tensor<?xf64>
// CHECK: [[REC:%.*]] = true_div [[ONE]], [[X]]
// CHECK: [[X2:%.*]] = sqr [[X]]
// CHECK: [[X4:%.*]] = sqr [[X2]]
// CHECK: [[X8:%.*]] = sqr [[X4]]
// CHECK: [[X10:%.*]] = mul [[X2]], [[X8]]
// CHECK: [[P:%.*]] = pow [[X]], {{%.*}}
// CHECK: return [[SQ]], [[RT]], [[REC]], [[X10]], [[P]]
th.func @powers(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %c2 = th.constant dense<2.0> : tensor<1xf64>
  %a = th.pow %x, %c2 : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %ch = th.constant dense<0.5> : tensor<1xf64>
  %b = th.pow %x, %ch : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %cm = th.constant dense<-1.0> : tensor<1xf64>
  %c = th.pow %x, %cm : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %c10 = th.constant dense<10.0> : tensor<1xf64>
  %d = th.pow %x, %c10 : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %c15 = th.constant dense<1.5> : tensor<1xf64>
  %e = th.pow %x, %c15 : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  th.return %a, %b, %c, %d, %e : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}
