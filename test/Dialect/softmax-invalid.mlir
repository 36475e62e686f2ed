// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

// The verifier of th.softmax / th.log_softmax: the axis is a dimension of
// the input (0 <= axis < rank, no negative axes: the front end resolves
// -1), the input is a ranked float tensor, and the result has the input's
// type.

func.func @softmax_axis_too_large(%x: tensor<?x?xf64>) {
  // expected-error @+1 {{'th.softmax' op axis 2 is out of range for rank 2}}
  %0 = th.softmax %x axis = 2 : tensor<?x?xf64>
  return
}

// -----

func.func @log_softmax_axis_too_large(%x: tensor<3xf32>) {
  // expected-error @+1 {{'th.log_softmax' op axis 1 is out of range for rank 1}}
  %0 = th.log_softmax %x axis = 1 : tensor<3xf32>
  return
}

// -----

func.func @softmax_negative_axis(%x: tensor<?x?xf64>) {
  // expected-error @+1 {{'th.softmax' op axis -1 is out of range for rank 2}}
  %0 = th.softmax %x axis = -1 : tensor<?x?xf64>
  return
}

// -----

func.func @log_softmax_negative_axis(%x: tensor<?x?xf64>) {
  // expected-error @+1 {{'th.log_softmax' op axis -1 is out of range for rank 2}}
  %0 = th.log_softmax %x axis = -1 : tensor<?x?xf64>
  return
}

// -----

// A 0-d tensor has no axis at all.
func.func @softmax_scalar(%x: tensor<f64>) {
  // expected-error @+1 {{'th.softmax' op axis 0 is out of range for rank 0}}
  %0 = th.softmax %x axis = 0 : tensor<f64>
  return
}

// -----

func.func @softmax_integer(%x: tensor<?x?xi32>) {
  // expected-error @+1 {{'th.softmax' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values, but got 'tensor<?x?xi32>'}}
  %0 = th.softmax %x axis = 1 : tensor<?x?xi32>
  return
}

// -----

func.func @log_softmax_integer(%x: tensor<?xi64>) {
  // expected-error @+1 {{'th.log_softmax' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values, but got 'tensor<?xi64>'}}
  %0 = th.log_softmax %x axis = 0 : tensor<?xi64>
  return
}

// -----

func.func @log_softmax_bool(%x: tensor<?xi1>) {
  // expected-error @+1 {{'th.log_softmax' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values, but got 'tensor<?xi1>'}}
  %0 = th.log_softmax %x axis = 0 : tensor<?xi1>
  return
}

// -----

// Unranked: rejected by the type constraint before the axis is looked at.
func.func @softmax_unranked(%x: tensor<*xf64>) {
  // expected-error @+1 {{'th.softmax' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values, but got 'tensor<*xf64>'}}
  %0 = "th.softmax"(%x) {axis = 0 : i64} : (tensor<*xf64>) -> tensor<*xf64>
  return
}

// -----

// The result has the input's type (SameOperandsAndResultType), static sizes
// included.
func.func @softmax_result_type(%x: tensor<?xf64>) {
  // expected-error @+2 {{'th.softmax' op inferred type(s) 'tensor<?xf64>' are incompatible with return type(s) of operation 'tensor<1xf64>'}}
  // expected-error @+1 {{'th.softmax' op failed to infer returned types}}
  %0 = "th.softmax"(%x) {axis = 0 : i64} : (tensor<?xf64>) -> tensor<1xf64>
  return
}

// -----

func.func @log_softmax_missing_axis(%x: tensor<?xf64>) {
  // expected-error @+1 {{'th.log_softmax' op requires attribute 'axis'}}
  %0 = "th.log_softmax"(%x) : (tensor<?xf64>) -> tensor<?xf64>
  return
}
