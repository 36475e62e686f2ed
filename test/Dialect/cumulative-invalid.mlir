// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

th.func @axis_past_rank(%x: tensor<?x3xf64>) -> tensor<?x3xf64> {
  // expected-error @+1 {{'th.cumsum' op axis 2 is out of range for rank 2}}
  %0 = th.cumsum %x axis = 2 : tensor<?x3xf64>
  th.return %0 : tensor<?x3xf64>
}

// -----

th.func @negative_axis(%x: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'th.cumprod' op axis -1 is out of range for rank 1}}
  %0 = th.cumprod %x axis = -1 : tensor<?xf32>
  th.return %0 : tensor<?xf32>
}

// -----

th.func @bool_input(%x: tensor<?xi1>) -> tensor<?xi1> {
  // expected-error @+1 {{'th.cumsum' op operand #0 must be ranked tensor of}}
  %0 = th.cumsum %x axis = 0 : tensor<?xi1>
  th.return %0 : tensor<?xi1>
}
