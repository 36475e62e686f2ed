// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

// The verifier of th.gemv / th.gemm (c + alpha * dot(a, b)): gemv takes a
// matrix and a vector in either order, gemm two matrices; the contracted
// sizes agree where both are static; c (and the result) has the product's
// type up to dynamic sizes; alpha is a 0-d tensor; all four share one float
// element type.

//===----------------------------------------------------------------------===//
// Ranks
//===----------------------------------------------------------------------===//

func.func @gemv_two_matrices(%c: tensor<?x?xf64>, %alpha: tensor<f64>, %a: tensor<?x?xf64>, %b: tensor<?x?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{'th.gemv' op needs a matrix and a vector, in either order, got ranks 2 and 2}}
  %0 = th.gemv %c, %alpha, %a, %b : tensor<?x?xf64>, tensor<f64>, tensor<?x?xf64>, tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}

// -----

// vector.vector is th.dot's business (a 0-d result), not gemv's.
func.func @gemv_two_vectors(%c: tensor<f64>, %alpha: tensor<f64>, %a: tensor<?xf64>, %b: tensor<?xf64>) -> tensor<f64> {
  // expected-error @+1 {{'th.gemv' op needs a matrix and a vector, in either order, got ranks 1 and 1}}
  %0 = th.gemv %c, %alpha, %a, %b : tensor<f64>, tensor<f64>, tensor<?xf64>, tensor<?xf64>
  return %0 : tensor<f64>
}

// -----

func.func @gemm_with_vector(%c: tensor<?xf64>, %alpha: tensor<f64>, %a: tensor<?x?xf64>, %b: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{'th.gemm' op needs two matrices, got ranks 2 and 1}}
  %0 = th.gemm %c, %alpha, %a, %b : tensor<?xf64>, tensor<f64>, tensor<?x?xf64>, tensor<?xf64>
  return %0 : tensor<?xf64>
}

// -----

func.func @gemm_vector_first(%c: tensor<?xf32>, %alpha: tensor<f32>, %a: tensor<?xf32>, %b: tensor<?x?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'th.gemm' op needs two matrices, got ranks 1 and 2}}
  %0 = th.gemm %c, %alpha, %a, %b : tensor<?xf32>, tensor<f32>, tensor<?xf32>, tensor<?x?xf32>
  return %0 : tensor<?xf32>
}

//===----------------------------------------------------------------------===//
// Contracted sizes
//===----------------------------------------------------------------------===//

// -----

func.func @gemv_contracted_mismatch(%c: tensor<?xf64>, %alpha: tensor<f64>, %a: tensor<?x3xf64>, %b: tensor<4xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{'th.gemv' op contracted sizes 3 and 4 differ}}
  %0 = th.gemv %c, %alpha, %a, %b : tensor<?xf64>, tensor<f64>, tensor<?x3xf64>, tensor<4xf64>
  return %0 : tensor<?xf64>
}

// -----

// vector.matrix contracts the vector with the matrix's first dimension.
func.func @gemv_vecmat_contracted_mismatch(%c: tensor<?xf64>, %alpha: tensor<f64>, %a: tensor<2xf64>, %b: tensor<3x?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{'th.gemv' op contracted sizes 2 and 3 differ}}
  %0 = th.gemv %c, %alpha, %a, %b : tensor<?xf64>, tensor<f64>, tensor<2xf64>, tensor<3x?xf64>
  return %0 : tensor<?xf64>
}

// -----

func.func @gemm_contracted_mismatch(%c: tensor<?x?xf64>, %alpha: tensor<f64>, %a: tensor<2x3xf64>, %b: tensor<5x?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{'th.gemm' op contracted sizes 3 and 5 differ}}
  %0 = th.gemm %c, %alpha, %a, %b : tensor<?x?xf64>, tensor<f64>, tensor<2x3xf64>, tensor<5x?xf64>
  return %0 : tensor<?x?xf64>
}

//===----------------------------------------------------------------------===//
// The accumulator
//===----------------------------------------------------------------------===//

// -----

func.func @gemm_accumulator_shape(%c: tensor<3x?xf64>, %alpha: tensor<f64>, %a: tensor<2x?xf64>, %b: tensor<?x?xf64>) -> tensor<3x?xf64> {
  // expected-error @+1 {{'th.gemm' op accumulator type 'tensor<3x?xf64>' does not match the product's type 'tensor<2x?xf64>'}}
  %0 = th.gemm %c, %alpha, %a, %b : tensor<3x?xf64>, tensor<f64>, tensor<2x?xf64>, tensor<?x?xf64>
  return %0 : tensor<3x?xf64>
}

// -----

func.func @gemv_accumulator_vecmat(%c: tensor<4xf64>, %alpha: tensor<f64>, %a: tensor<?xf64>, %b: tensor<?x5xf64>) -> tensor<4xf64> {
  // expected-error @+1 {{'th.gemv' op accumulator type 'tensor<4xf64>' does not match the product's type 'tensor<5xf64>'}}
  %0 = th.gemv %c, %alpha, %a, %b : tensor<4xf64>, tensor<f64>, tensor<?xf64>, tensor<?x5xf64>
  return %0 : tensor<4xf64>
}

// -----

// A gemv's product is a vector: a matrix accumulator has the wrong rank.
func.func @gemv_accumulator_rank(%c: tensor<?x?xf64>, %alpha: tensor<f64>, %a: tensor<?x?xf64>, %b: tensor<?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{'th.gemv' op accumulator type 'tensor<?x?xf64>' does not match the product's type 'tensor<?xf64>'}}
  %0 = th.gemv %c, %alpha, %a, %b : tensor<?x?xf64>, tensor<f64>, tensor<?x?xf64>, tensor<?xf64>
  return %0 : tensor<?x?xf64>
}

//===----------------------------------------------------------------------===//
// alpha and element types
//===----------------------------------------------------------------------===//

// -----

// alpha is a 0-d tensor, not a broadcastable 1.
func.func @alpha_not_0d(%c: tensor<?xf64>, %alpha: tensor<1xf64>, %a: tensor<?x?xf64>, %b: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{'th.gemv' op operand #1 must be 0D tensor of 32-bit float or 64-bit float values, but got 'tensor<1xf64>'}}
  %0 = th.gemv %c, %alpha, %a, %b : tensor<?xf64>, tensor<1xf64>, tensor<?x?xf64>, tensor<?xf64>
  return %0 : tensor<?xf64>
}

// -----

func.func @mixed_element_types(%c: tensor<?xf64>, %alpha: tensor<f32>, %a: tensor<?x?xf64>, %b: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{'th.gemv' op failed to verify that all of {c, alpha, a, b} have same element type}}
  %0 = th.gemv %c, %alpha, %a, %b : tensor<?xf64>, tensor<f32>, tensor<?x?xf64>, tensor<?xf64>
  return %0 : tensor<?xf64>
}

// -----

// Float element types only (BLAS has no integer gemm).
func.func @integer(%c: tensor<?x?xi64>, %alpha: tensor<f64>, %a: tensor<?x?xi64>, %b: tensor<?x?xi64>) -> tensor<?x?xi64> {
  // expected-error @+1 {{'th.gemm' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values, but got 'tensor<?x?xi64>'}}
  %0 = th.gemm %c, %alpha, %a, %b : tensor<?x?xi64>, tensor<f64>, tensor<?x?xi64>, tensor<?x?xi64>
  return %0 : tensor<?x?xi64>
}
