// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

// The verifier rules of th.join, th.join_piece and th.alloc.

th.func @join_rank_mismatch(%a: tensor<?xf64>, %b: tensor<?x?xf64>) {
  // expected-error @+1 {{'th.join' op input 1 has rank 2, input 0 has rank 1}}
  %0 = th.join %a, %b axis = 0 : (tensor<?xf64>, tensor<?x?xf64>) -> tensor<?xf64>
  th.return
}

// -----

th.func @join_axis(%a: tensor<?xf64>) {
  // expected-error @+1 {{'th.join' op axis 1 is out of range for rank 1}}
  %0 = th.join %a, %a axis = 1 : (tensor<?xf64>, tensor<?xf64>) -> tensor<?xf64>
  th.return
}

// -----

th.func @join_scalars(%a: tensor<f64>) {
  // expected-error @+1 {{'th.join' op cannot join scalars (rank 0); stack them instead}}
  %0 = th.join %a, %a axis = 0 : (tensor<f64>, tensor<f64>) -> tensor<f64>
  th.return
}

// -----

th.func @join_static_sizes(%a: tensor<2x3xf64>, %b: tensor<2x4xf64>) {
  // expected-error @+1 {{'th.join' op dimension 1 has sizes 3 and 4; inputs must agree outside the axis 0}}
  %0 = th.join %a, %b axis = 0 : (tensor<2x3xf64>, tensor<2x4xf64>) -> tensor<4x3xf64>
  th.return
}

// -----

th.func @join_element_types(%a: tensor<?xf64>, %b: tensor<?xf32>) {
  // expected-error @+1 {{'th.join' op requires the same element type for all operands}}
  %0 = th.join %a, %b axis = 0 : (tensor<?xf64>, tensor<?xf32>) -> tensor<?xf64>
  th.return
}

// -----

th.func @join_wrong_result(%a: tensor<?x1xf64>, %b: tensor<?x?xf64>) {
  // expected-error @+2 {{'th.join' op failed to infer returned types}}
  // expected-error @+1 {{'th.join' op inferred type(s) 'tensor<?x1xf64>' are incompatible with return type(s) of operation 'tensor<?x?xf64>'}}
  %0 = th.join %a, %b axis = 0 : (tensor<?x1xf64>, tensor<?x?xf64>) -> tensor<?x?xf64>
  th.return
}

// -----

th.func @piece_index(%g: tensor<?xf64>, %a: tensor<?xf64>) {
  // expected-error @+2 {{'th.join_piece' op failed to infer returned types}}
  // expected-error @+1 {{'th.join_piece' op index 2 is out of range for 2 pieces}}
  %0 = th.join_piece %g[2] of(%a, %a) axis = 0 : tensor<?xf64>, (tensor<?xf64>, tensor<?xf64>) -> tensor<?xf64>
  th.return
}

// -----

th.func @piece_input_shape(%g: tensor<?x3xf64>, %a: tensor<?x2xf64>) {
  // expected-error @+1 {{'th.join_piece' op input 'tensor<?x3xf64>' does not have the shape of the pieces joined, 'tensor<?x2xf64>'}}
  %0 = th.join_piece %g[0] of(%a, %a) axis = 0 : tensor<?x3xf64>, (tensor<?x2xf64>, tensor<?x2xf64>) -> tensor<?x2xf64>
  th.return
}

// -----

th.func @alloc_rank(%v: tensor<f64>, %n: tensor<i64>) {
  // expected-error @+1 {{'th.alloc' op has 1 sizes for a result of rank 2}}
  %0 = th.alloc %v, [%n] : tensor<f64>, (tensor<i64>) -> tensor<?x?xf64>
  th.return
}

// -----

th.func @alloc_element(%v: tensor<f64>, %n: tensor<i64>) {
  // expected-error @+1 {{'th.alloc' op result element type must be the value's, 'f64'}}
  %0 = th.alloc %v, [%n] : tensor<f64>, (tensor<i64>) -> tensor<?xf32>
  th.return
}
