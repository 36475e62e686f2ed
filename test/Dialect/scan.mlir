// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s
// RUN: %tcc-opt %s -mlir-print-op-generic | %tcc-opt | FileCheck %s

// th.scan parses, prints and parses again: sequences, a recurrent output
// with two taps, a non-recurrent one, invariants, reverse.

// CHECK-LABEL: func.func @rnn
// CHECK: %[[R:.*]]:2 = th.scan steps %{{.*}} : tensor<i64> sequences(%{{.*}} : tensor<?x3xf64>) initials(%{{.*}} : tensor<2x?xf64>) invariants(%{{.*}} : tensor<3x?xf64>) -> tensor<?x?xf64>, tensor<?xf64> {
// CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<3xf64>, %[[H2:.*]]: tensor<?xf64>, %[[H1:.*]]: tensor<?xf64>, %[[W:.*]]: tensor<3x?xf64>):
// CHECK: th.scan_yield %{{.*}}, %{{.*}} : tensor<?xf64>, tensor<f64>
// CHECK-NEXT: } {history = array<i1: true, true>, taps = [array<i64: -2, -1>, array<i64>]}
func.func @rnn(%x: tensor<?x3xf64>, %h0: tensor<2x?xf64>, %w: tensor<3x?xf64>,
               %n: tensor<i64>) -> (tensor<?x?xf64>, tensor<?xf64>) {
  %r:2 = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x3xf64>)
      initials(%h0 : tensor<2x?xf64>) invariants(%w : tensor<3x?xf64>)
      -> tensor<?x?xf64>, tensor<?xf64> {
  ^bb0(%xt: tensor<3xf64>, %h2: tensor<?xf64>, %h1: tensor<?xf64>, %ww: tensor<3x?xf64>):
    %d = th.dot %xt, %ww : tensor<3xf64>, tensor<3x?xf64> -> tensor<?xf64>
    %s = th.add %d, %h2 : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %t = th.tanh %s : tensor<?xf64>
    %y = th.sum %h1 axes = [0] : tensor<?xf64> -> tensor<f64>
    th.scan_yield %t, %y : tensor<?xf64>, tensor<f64>
  } {taps = [array<i64: -2, -1>, array<i64>], history = array<i1: true, true>}
  return %r#0, %r#1 : tensor<?x?xf64>, tensor<?xf64>
}

// CHECK-LABEL: func.func @reverse_last
// CHECK: th.scan steps
// CHECK-SAME: -> tensor<?xf32>
// CHECK: {history = array<i1: false>, reverse, taps = [array<i64: -1>]}
func.func @reverse_last(%x: tensor<?x?xf32>, %h0: tensor<1x?xf32>,
                        %n: tensor<i64>) -> tensor<?xf32> {
  %r = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf32>)
      initials(%h0 : tensor<1x?xf32>) -> tensor<?xf32> {
  ^bb0(%xt: tensor<?xf32>, %h: tensor<?xf32>):
    %s = th.add %xt, %h : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
    th.scan_yield %s : tensor<?xf32>
  } {taps = [array<i64: -1>], history = array<i1: false>, reverse}
  return %r : tensor<?xf32>
}
