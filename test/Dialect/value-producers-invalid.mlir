// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

// The verifier rules of th.arange and th.ifelse.

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

// -----

// th.ifelse (here with the arange checks: the verifiers of the value
// producers without a file of their own).
th.func @ifelse_cond(%c: tensor<2xi1>, %a: tensor<2xf64>) {
  // expected-error @+1 {{'th.ifelse' op the condition must be a scalar, got 'tensor<2xi1>'}}
  %0 = th.ifelse %c, %a, %a : tensor<2xi1>, tensor<2xf64>, tensor<2xf64> -> tensor<2xf64>
  th.return
}

// -----

th.func @ifelse_types(%c: tensor<i1>, %a: tensor<2xf64>, %b: tensor<2xf32>) {
  // expected-error @+1 {{'th.ifelse' op the branches must have one element type and rank, got 'tensor<2xf64>' and 'tensor<2xf32>'}}
  %0 = th.ifelse %c, %a, %b : tensor<i1>, tensor<2xf64>, tensor<2xf32> -> tensor<2xf64>
  th.return
}

// -----

th.func @ifelse_result(%c: tensor<i1>, %a: tensor<2xf64>, %b: tensor<3xf64>) {
  // expected-error @+1 {{'th.ifelse' op result dimension 0 must be dynamic}}
  %0 = th.ifelse %c, %a, %b : tensor<i1>, tensor<2xf64>, tensor<3xf64> -> tensor<2xf64>
  th.return
}
