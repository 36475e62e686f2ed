// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg | FileCheck %s

// scipy.special's functions call C functions of a double: libm's tgamma and
// lgamma, the runtime's __tcc_* for the others, each declared once. float32
// is extended to double and the result truncated. trunc and arctan2 are
// math dialect ops.

// One declaration per callee, private, taking and returning a double,
// first in the module.
// CHECK-DAG: func.func private @tgamma(f64) -> f64
// CHECK-DAG: func.func private @lgamma(f64) -> f64
// CHECK-DAG: func.func private @__tcc_psi(f64) -> f64
// CHECK-DAG: func.func private @__tcc_trigamma(f64) -> f64
// CHECK-DAG: func.func private @__tcc_erfinv(f64) -> f64
// CHECK-DAG: func.func private @__tcc_erfcinv(f64) -> f64
// CHECK-DAG: func.func private @__tcc_erfcx(f64) -> f64
// CHECK-NOT: func.func private @__tcc_psi

// CHECK-LABEL: func.func @special
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0(%[[X:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT: %[[G:.*]] = func.call @tgamma(%[[X]]) : (f64) -> f64
// CHECK-NEXT: linalg.yield %[[G]]
// CHECK: func.call @lgamma
// CHECK: func.call @__tcc_psi
// CHECK: func.call @__tcc_trigamma
// CHECK: func.call @__tcc_erfinv
// CHECK: func.call @__tcc_erfcinv
// CHECK: func.call @__tcc_erfcx
// CHECK: math.trunc
// CHECK: math.atan2
th.func @special(%x: tensor<?xf64>, %y: tensor<1xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %0 = th.gamma %x : tensor<?xf64>
  %1 = th.gammaln %x : tensor<?xf64>
  %2 = th.psi %x : tensor<?xf64>
  %3 = th.tri_gamma %x : tensor<?xf64>
  %4 = th.erfinv %x : tensor<?xf64>
  %5 = th.erfcinv %x : tensor<?xf64>
  %6 = th.erfcx %x : tensor<?xf64>
  %7 = th.trunc %x : tensor<?xf64>
  %8 = th.arctan2 %x, %y : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  th.return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// CHECK-LABEL: func.func @float32
// CHECK: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[WIDE:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK-NEXT: %[[P:.*]] = func.call @__tcc_psi(%[[WIDE]]) : (f64) -> f64
// CHECK-NEXT: %[[NARROW:.*]] = arith.truncf %[[P]] : f64 to f32
// CHECK-NEXT: linalg.yield %[[NARROW]]
th.func @float32(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = th.psi %x : tensor<3xf32>
  th.return %0 : tensor<3xf32>
}
