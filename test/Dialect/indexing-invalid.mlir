// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

// The verifier rules of th.subtensor, th.inc_subtensor / th.set_subtensor
// and th.reshape.

th.func @too_many_indices(%x: tensor<?xf64>) {
  // expected-error @+1 {{'th.subtensor' op has 2 indices for a tensor of rank 1}}
  %0 = th.subtensor %x[0, 1] : tensor<?xf64> -> tensor<f64>
  th.return
}

// -----

th.func @index_out_of_bounds(%x: tensor<3x2xf64>) {
  // expected-error @+1 {{'th.subtensor' op index -3 is out of bounds for axis 1 with size 2}}
  %0 = th.subtensor %x[:, -3] : tensor<3x2xf64> -> tensor<3xf64>
  th.return
}

// -----

th.func @zero_step(%x: tensor<?xf64>) {
  // expected-error @+1 {{'th.subtensor' op slice 0 has step 0}}
  %0 = th.subtensor %x[::0] : tensor<?xf64> -> tensor<?xf64>
  th.return
}

// -----

th.func @wrong_result(%x: tensor<5xf64>) {
  // expected-error @+1 {{'th.subtensor' op result must have type 'tensor<3xf64>', got 'tensor<?xf64>'}}
  %0 = th.subtensor %x[::2] : tensor<5xf64> -> tensor<?xf64>
  th.return
}

// -----

th.func @value_rank(%x: tensor<?x?xf64>, %v: tensor<?x?xf64>) {
  // expected-error @+1 {{'th.inc_subtensor' op value of rank 2 does not fit a region of rank 1}}
  %0 = th.inc_subtensor %x[0], %v : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  th.return
}

// -----

th.func @value_shape(%x: tensor<5x4xf64>, %v: tensor<3xf64>) {
  // expected-error @+1 {{'th.set_subtensor' op value of shape 'tensor<3xf64>' does not broadcast to the region 'tensor<2x4xf64>'}}
  %0 = th.set_subtensor %x[1:3], %v : tensor<5x4xf64>, tensor<3xf64> -> tensor<5x4xf64>
  th.return
}

// -----

th.func @two_rest(%x: tensor<?x?xf64>) {
  %m1 = th.constant dense<-1> : tensor<i64>
  // expected-error @+1 {{'th.reshape' op can have only one size of -1}}
  %0 = th.reshape %x, [%m1, %m1] : tensor<?x?xf64>, (tensor<i64>, tensor<i64>) -> tensor<?x?xf64>
  th.return
}

// -----

th.func @count(%x: tensor<2x3xf64>) {
  %four = th.constant dense<4> : tensor<i64>
  // expected-error @+1 {{'th.reshape' op cannot reshape 6 elements into 4}}
  %0 = th.reshape %x, [%four] : tensor<2x3xf64>, (tensor<i64>) -> tensor<4xf64>
  th.return
}

// -----

th.func @static_mismatch(%x: tensor<?xf64>) {
  %four = th.constant dense<4> : tensor<i64>
  // expected-error @+1 {{'th.reshape' op result dimension 0 has size 5 but its size operand is 4}}
  %0 = th.reshape %x, [%four] : tensor<?xf64>, (tensor<i64>) -> tensor<5xf64>
  th.return
}

// -----

// Sizes whose product passes 64 bits (this was undefined behaviour in the
// verifier, which multiplied them unchecked).
th.func @count_overflow(%x: tensor<2x3xf64>) {
  %big = th.constant dense<4611686018427387904> : tensor<i64>
  %four = th.constant dense<4> : tensor<i64>
  // expected-error @+1 {{'th.reshape' op sizes multiply past 64 bits}}
  %0 = th.reshape %x, [%big, %four] : tensor<2x3xf64>, (tensor<i64>, tensor<i64>) -> tensor<4611686018427387904x4xf64>
  th.return
}

// -----

// An input whose static sizes pass 64 bits is not compared (no such tensor
// exists at run time; its reshape fails there).
th.func @input_overflow(%x: tensor<1099511627776x1099511627776xf64>) {
  %m1 = th.constant dense<-1> : tensor<i64>
  %0 = th.reshape %x, [%m1] : tensor<1099511627776x1099511627776xf64>, (tensor<i64>) -> tensor<?xf64>
  th.return
}
