// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

// The verifier of th.scan (ThScanOps.cpp): the body's arguments and yields
// against the operands, the taps and the result types.

func.func @taps_not_negative(%h0: tensor<1x?xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{taps of output 0 must be negative and distinct}}
  %r = th.scan steps %n : tensor<i64> initials(%h0 : tensor<1x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%h: tensor<?xf64>):
    th.scan_yield %h : tensor<?xf64>
  } {taps = [array<i64: 0>], history = array<i1: true>}
  return
}

// -----

func.func @taps_repeated(%h0: tensor<2x?xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{taps of output 0 must be negative and distinct}}
  %r = th.scan steps %n : tensor<i64> initials(%h0 : tensor<2x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%a: tensor<?xf64>, %b: tensor<?xf64>):
    th.scan_yield %a : tensor<?xf64>
  } {taps = [array<i64: -2, -2>], history = array<i1: true>}
  return
}

// -----

func.func @missing_initial(%n: tensor<i64>) {
  // expected-error @+1 {{has 1 recurrent outputs but 0 initials}}
  %r = th.scan steps %n : tensor<i64> -> tensor<?x?xf64> {
  ^bb0(%h: tensor<?xf64>):
    th.scan_yield %h : tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: true>}
  return
}

// -----

func.func @wrong_arity(%h0: tensor<1x?xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{body must take 1 arguments (sequence rows, taps, invariants), got 2}}
  %r = th.scan steps %n : tensor<i64> initials(%h0 : tensor<1x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%h: tensor<?xf64>, %extra: tensor<?xf64>):
    th.scan_yield %h : tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: true>}
  return
}

// -----

func.func @row_type(%x: tensor<?x3xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{a row of sequence 'tensor<?x3xf64>' is 'tensor<3xf64>', but the body takes 'tensor<?xf64>'}}
  %r = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x3xf64>) -> tensor<?x?xf64> {
  ^bb0(%xt: tensor<?xf64>):
    th.scan_yield %xt : tensor<?xf64>
  } {taps = [array<i64>], history = array<i1: true>}
  return
}

// -----

func.func @scalar_sequence(%x: tensor<f64>, %n: tensor<i64>) {
  // expected-error @+1 {{sequences must have at least one dimension}}
  %r = th.scan steps %n : tensor<i64> sequences(%x : tensor<f64>) -> tensor<?xf64> {
  ^bb0(%xt: tensor<f64>):
    th.scan_yield %xt : tensor<f64>
  } {taps = [array<i64>], history = array<i1: true>}
  return
}

// -----

func.func @initial_rows(%h0: tensor<3x?xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{the initial of output 0 must have 2 rows, got 'tensor<3x?xf64>'}}
  %r = th.scan steps %n : tensor<i64> initials(%h0 : tensor<3x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%a: tensor<?xf64>, %b: tensor<?xf64>):
    th.scan_yield %a : tensor<?xf64>
  } {taps = [array<i64: -2, -1>], history = array<i1: true>}
  return
}

// -----

func.func @yield_type(%h0: tensor<1x?xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{output 0 is recurrent with values 'tensor<?xf64>', but the body yields 'tensor<?xf32>'}}
  %r = th.scan steps %n : tensor<i64> initials(%h0 : tensor<1x?xf64>) -> tensor<?x?xf32> {
  ^bb0(%h: tensor<?xf64>):
    %c = th.cast %h : tensor<?xf64> -> tensor<?xf32>
    th.scan_yield %c : tensor<?xf32>
  } {taps = [array<i64: -1>], history = array<i1: true>}
  return
}

// -----

func.func @yield_count(%h0: tensor<1x?xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{body yields 2 values for 1 outputs}}
  %r = th.scan steps %n : tensor<i64> initials(%h0 : tensor<1x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%h: tensor<?xf64>):
    th.scan_yield %h, %h : tensor<?xf64>, tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: true>}
  return
}

// -----

func.func @history_type(%h0: tensor<1x?xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{result 0 must be the history of the yielded 'tensor<?xf64>', got 'tensor<?xf64>'}}
  %r = th.scan steps %n : tensor<i64> initials(%h0 : tensor<1x?xf64>) -> tensor<?xf64> {
  ^bb0(%h: tensor<?xf64>):
    th.scan_yield %h : tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: true>}
  return
}

// -----

func.func @last_of_map(%x: tensor<?x?xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{output 0 has no earlier values, so it must keep its history}}
  %r = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>) -> tensor<?xf64> {
  ^bb0(%xt: tensor<?xf64>):
    th.scan_yield %xt : tensor<?xf64>
  } {taps = [array<i64>], history = array<i1: false>}
  return
}

// -----

func.func @reverse_history(%h0: tensor<1x?xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{runs in reverse, so its recurrent output 0 must keep only its last value}}
  %r = th.scan steps %n : tensor<i64> initials(%h0 : tensor<1x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%h: tensor<?xf64>):
    th.scan_yield %h : tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: true>, reverse}
  return
}

// -----

func.func @isolated(%h0: tensor<1x?xf64>, %w: tensor<?xf64>, %n: tensor<i64>) {
  // expected-note @+1 {{required by region isolation constraints}}
  %r = th.scan steps %n : tensor<i64> initials(%h0 : tensor<1x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%h: tensor<?xf64>):
    // expected-error @+1 {{using value defined outside the region}}
    %s = th.add %h, %w : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    th.scan_yield %s : tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: true>}
  return
}

// -----

func.func @negative_truncation(%h0: tensor<1x?xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{truncates the gradient to -1 steps; it must be 0 or more}}
  %r = th.scan steps %n : tensor<i64> initials(%h0 : tensor<1x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%h: tensor<?xf64>):
    th.scan_yield %h : tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: true>, truncate_gradient = -1 : i64}
  return
}

// -----

// With `until` the body yields the condition last, a 0-d i1.
func.func @until_condition_not_bool(%x: tensor<?x?xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{stops on a condition, which must be a 0-d i1, got 'tensor<f64>'}}
  %r = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%xt: tensor<?xf64>):
    %c = th.sum %xt axes = [0] : tensor<?xf64> -> tensor<f64>
    th.scan_yield %xt, %c : tensor<?xf64>, tensor<f64>
  } {taps = [array<i64>], history = array<i1: true>, until}
  return
}

// -----

func.func @until_without_condition(%x: tensor<?x?xf64>, %n: tensor<i64>) {
  // expected-error @+1 {{body yields 1 values for 1 outputs and the until condition}}
  %r = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%xt: tensor<?xf64>):
    th.scan_yield %xt : tensor<?xf64>
  } {taps = [array<i64>], history = array<i1: true>, until}
  return
}

// -----

func.func @until_reverse(%x: tensor<?x?xf64>, %n: tensor<i64>, %c: tensor<i1>) {
  // expected-error @+1 {{cannot both run in reverse and stop on a condition}}
  %r = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>) invariants(%c : tensor<i1>) -> tensor<?x?xf64> {
  ^bb0(%xt: tensor<?xf64>, %cc: tensor<i1>):
    th.scan_yield %xt, %cc : tensor<?xf64>, tensor<i1>
  } {taps = [array<i64>], history = array<i1: true>, reverse, until}
  return
}
