// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg | FileCheck %s

// Complex elementwise ops become complex dialect ops in the linalg body;
// division is NumPy's (Smith's) algorithm in float arithmetic: the larger
// part of the divisor is divided out first, both branches computed and
// selected, and a zero divisor divides each part by its zero.

// CHECK-LABEL: func.func @arith
// CHECK: linalg.generic
// CHECK: complex.add
// CHECK: complex.mul
// CHECK: complex.exp
// CHECK: complex.re
// CHECK: complex.conj
th.func @arith(%z: tensor<?xcomplex<f64>>) -> (tensor<?xcomplex<f64>>, tensor<?xf64>, tensor<?xcomplex<f64>>) {
  %0 = th.add %z, %z : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  %1 = th.mul %0, %z : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  %2 = th.exp %1 : tensor<?xcomplex<f64>>
  %3 = th.real %2 : tensor<?xcomplex<f64>> -> tensor<?xf64>
  %4 = th.conj %z : tensor<?xcomplex<f64>>
  th.return %2, %3, %4 : tensor<?xcomplex<f64>>, tensor<?xf64>, tensor<?xcomplex<f64>>
}

// CHECK-LABEL: func.func @division
// CHECK: ^bb0(%[[A:[a-z0-9_]+]]: complex<f32>, %[[B:[a-z0-9_]+]]: complex<f32>
// CHECK-DAG: %[[BR:.*]] = complex.re %[[B]]
// CHECK-DAG: %[[BI:.*]] = complex.im %[[B]]
// CHECK: %[[ABR:.*]] = math.absf %[[BR]]
// CHECK: %[[ABI:.*]] = math.absf %[[BI]]
// CHECK: %[[RAT1:.*]] = arith.divf %[[BI]], %[[BR]]
// CHECK: %[[RAT2:.*]] = arith.divf %[[BR]], %[[BI]]
// CHECK: %[[FIRST:.*]] = arith.cmpf oge, %[[ABR]], %[[ABI]]
// CHECK-DAG: arith.cmpf oeq, %[[ABR]]
// CHECK-DAG: arith.cmpf oeq, %[[ABI]]
// CHECK: arith.select %[[FIRST]]
// CHECK: complex.create
th.func @division(%a: tensor<?xcomplex<f32>>, %b: tensor<?xcomplex<f32>>) -> tensor<?xcomplex<f32>> {
  %0 = th.true_div %a, %b : tensor<?xcomplex<f32>>, tensor<?xcomplex<f32>> -> tensor<?xcomplex<f32>>
  th.return %0 : tensor<?xcomplex<f32>>
}

// Casts: a real x is x + 0j, complex64 <-> complex128 part by part, a
// complex number is true unless both parts are zero.
// CHECK-LABEL: func.func @casts
// CHECK: arith.sitofp %{{.*}} : i32 to f64
// CHECK: complex.create %{{.*}}, %{{.*}} : complex<f64>
// CHECK: complex.re %{{.*}} : complex<f64>
// CHECK: arith.truncf
// CHECK: complex.im %{{.*}} : complex<f64>
// CHECK: arith.truncf
// CHECK: complex.create %{{.*}}, %{{.*}} : complex<f32>
// CHECK: complex.neq
th.func @casts(%i: tensor<?xi32>, %z: tensor<?xcomplex<f64>>) -> (tensor<?xcomplex<f64>>, tensor<?xcomplex<f32>>, tensor<?xi1>) {
  %0 = th.cast %i : tensor<?xi32> -> tensor<?xcomplex<f64>>
  %1 = th.cast %z : tensor<?xcomplex<f64>> -> tensor<?xcomplex<f32>>
  %2 = th.cast %z : tensor<?xcomplex<f64>> -> tensor<?xi1>
  th.return %0, %1, %2 : tensor<?xcomplex<f64>>, tensor<?xcomplex<f32>>, tensor<?xi1>
}
