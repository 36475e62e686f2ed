// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

// The verifier rules of th.arange.

th.func @zero_step(%a: tensor<i64>, %b: tensor<i64>) {
  // expected-error @+1 {{'th.arange' op step must not be zero}}
  %0 = th.arange %a, %b step(0 : i64) : tensor<i64>, tensor<i64> -> tensor<?xi64>
  th.return
}

// -----

th.func @step_type(%a: tensor<i64>, %b: tensor<i64>) {
  // expected-error @+1 {{'th.arange' op step must have the result's element type 'i64'}}
  %0 = th.arange %a, %b step(1.0 : f64) : tensor<i64>, tensor<i64> -> tensor<?xi64>
  th.return
}

// -----

th.func @bounds_type(%a: tensor<i32>, %b: tensor<i32>) {
  // expected-error @+1 {{'th.arange' op start and stop must be scalars of the result's element type 'i64'}}
  %0 = th.arange %a, %b step(1 : i64) : tensor<i32>, tensor<i32> -> tensor<?xi64>
  th.return
}
