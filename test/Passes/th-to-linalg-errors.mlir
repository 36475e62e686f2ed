// RUN: %tcc-opt %s --convert-th-to-linalg -verify-diagnostics

// A th op that has no lowering is reported, and the pass fails.

func.func @leftover_variable() -> tensor<?xf64> {
  // expected-error @+1 {{could not lower 'th.variable' to linalg}}
  %0 = th.variable "x" : tensor<?xf64>
  return %0 : tensor<?xf64>
}
