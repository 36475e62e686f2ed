// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

th.func @scalar(%x: tensor<f64>) -> tensor<0x?xi64> {
  // expected-error @+1 {{'th.nonzero' op needs a tensor of rank 1 or more}}
  %0 = th.nonzero %x : tensor<f64> -> tensor<0x?xi64>
  th.return %0 : tensor<0x?xi64>
}

// -----

th.func @rows(%x: tensor<?x3xf64>) -> tensor<3x?xi64> {
  // expected-error @+1 {{'th.nonzero' op result must be tensor<2x?xi64> (one row per input dimension), got 'tensor<3x?xi64>'}}
  %0 = th.nonzero %x : tensor<?x3xf64> -> tensor<3x?xi64>
  th.return %0 : tensor<3x?xi64>
}

// -----

th.func @static_count(%x: tensor<4xf64>) -> tensor<1x4xi64> {
  // expected-error @+1 {{'th.nonzero' op result must be tensor<1x?xi64>}}
  %0 = th.nonzero %x : tensor<4xf64> -> tensor<1x4xi64>
  th.return %0 : tensor<1x4xi64>
}

// -----

th.func @indexed(%m: tensor<?x3xi1>, %n: tensor<i64>) -> tensor<2x?xi64> {
  // expected-error @+1 {{'th.nonzero' op needs one indexed size per input dimension, got 1}}
  %0 = th.nonzero %m indexing [%n : tensor<i64>] : tensor<?x3xi1> -> tensor<2x?xi64>
  th.return %0 : tensor<2x?xi64>
}
