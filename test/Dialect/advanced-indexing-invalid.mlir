// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

// The verifier rules of the advanced indexing ops.

th.func @wrong_type(%x: tensor<?x?xf64>, %i: tensor<5xi64>) {
  // expected-error @+1 {{'th.advanced_subtensor' op result must have type 'tensor<5x?xf64>', got 'tensor<?x5xf64>'}}
  %0 = th.advanced_subtensor %x[%i] axes [0] : tensor<?x?xf64>[tensor<5xi64>] -> tensor<?x5xf64>
  th.return
}

// -----

th.func @axes_order(%x: tensor<?x?xf64>, %i: tensor<5xi64>) {
  // expected-error @+1 {{'th.advanced_subtensor' op axes must be increasing dimensions of the input}}
  %0 = th.advanced_subtensor %x[%i, %i] axes [1, 0] : tensor<?x?xf64>[tensor<5xi64>, tensor<5xi64>] -> tensor<5xf64>
  th.return
}

// -----

th.func @count(%x: tensor<?x?xf64>, %i: tensor<5xi64>) {
  // expected-error @+1 {{'th.advanced_subtensor' op has 1 index arrays for 2 axes}}
  %0 = th.advanced_subtensor %x[%i] axes [0, 1] : tensor<?x?xf64>[tensor<5xi64>] -> tensor<5xf64>
  th.return
}

// -----

th.func @no_broadcast(%x: tensor<?x?xf64>, %i: tensor<5xi64>, %j: tensor<3xi64>) {
  // expected-error @+1 {{'th.advanced_subtensor' op shape mismatch: index arrays of sizes 5 and 3 cannot be broadcast together}}
  %0 = th.advanced_subtensor %x[%i, %j] axes [0, 1] : tensor<?x?xf64>[tensor<5xi64>, tensor<3xi64>] -> tensor<5xf64>
  th.return
}

// -----

th.func @value(%x: tensor<?x4xf64>, %i: tensor<5xi64>, %v: tensor<3xf64>) {
  // expected-error @+1 {{'th.advanced_inc_subtensor' op value of shape 'tensor<3xf64>' does not broadcast to the region 'tensor<5x4xf64>'}}
  %0 = th.advanced_inc_subtensor %x[%i] axes [0], %v : tensor<?x4xf64>[tensor<5xi64>], tensor<3xf64> -> tensor<?x4xf64>
  th.return
}
