// RUN: tcc-opt %s --th-grad | FileCheck %s
// RUN: tcc-opt %s --th-grad | FileCheck %s --check-prefix=NOGRAD
// RUN: tcc-opt %s --th-grad --canonicalize | FileCheck %s --check-prefix=MEM
// RUN: tcc-opt %s --th-grad --th-scan-save-mem | FileCheck %s --check-prefix=SAVE

// th-scan-save-mem applies the same rewrite alone (at every -O): nothing
// else is folded. The forward scan of @rnn keeps its history (the gradient
// reads it), @last_only keeps only its state, @dead_output loses an output.
// SAVE-LABEL: func @rnn(
// SAVE: {history = array<i1: true>, taps = [array<i64: -1>]}
// SAVE-LABEL: func @last_only(
// SAVE: %[[LAST:.*]] = scan steps
// SAVE-SAME: -> tensor<?xf64>
// SAVE: {history = array<i1: false>, taps = [array<i64: -1>]}
// SAVE-NEXT: sum %[[LAST]]
// SAVE-LABEL: func @dead_output(
// SAVE: scan steps %{{.*}} : tensor<i64> sequences(%{{.*}} : tensor<?x?xf64>) -> tensor<?x?xf64> {
// SAVE: scan_yield %{{.*}} : tensor<?xf64>
// SAVE-NEXT: } {history = array<i1: true>, taps = [array<i64>]}

// The gradient of th.scan is a th.scan that runs in reverse
// (ScanGradient.cpp): its sequences are the forward sequences, what the
// taps read (the initial joined with the history), the history itself and
// its adjoint; it carries the adjoint window of the state and the sum of the
// invariant's gradients, and yields the sequence's gradient row by row.

// NOGRAD-NOT: {{ grad }}

// CHECK-LABEL: th.func @rnn(
// CHECK: %[[FWD:.*]] = scan steps %[[N:[^ ]*]] : tensor<i64> sequences(%[[X:[^ ]*]] : tensor<?x?xf64>) initials(%[[H0:[^ ]*]] : tensor<1x?xf64>) invariants(%[[W:[^ ]*]] : tensor<?xf64>)
// CHECK: %[[SEED:.*]] = inc_subtensor %{{.*}}[-1], %{{.*}}
// CHECK: %[[ALL:.*]] = join %[[H0]], %[[FWD]] axis = 0
// CHECK: %[[READ:.*]] = subtensor %[[ALL]][0:-1]
// CHECK: %[[BWD:.*]]:3 = scan steps %[[N]] : tensor<i64> sequences(%[[X]], %[[READ]], %[[FWD]], %[[SEED]] : {{.*}}) initials(%{{.*}}, %{{.*}} : tensor<1x1x?xf64>, tensor<1x?xf64>) invariants(%[[W]] : tensor<?xf64>) -> tensor<1x?xf64>, tensor<?xf64>, tensor<?x?xf64> {
// CHECK-NEXT: ^bb0(%[[XT:.*]]: tensor<?xf64>, %[[HT:.*]]: tensor<?xf64>, %[[YT:.*]]: tensor<?xf64>, %[[DH:.*]]: tensor<?xf64>, %[[WIN:.*]]: tensor<1x?xf64>, %[[ACC:.*]]: tensor<?xf64>, %[[WT:.*]]: tensor<?xf64>):
// A copy of the forward step, which the gradient no longer reads (dead
// code for canonicalize): tanh's derivative reads the stored row.
// CHECK: th.tanh
// The adjoint of this step's value: the history's and what later steps added.
// CHECK: %[[PENDING:.*]] = th.subtensor %[[WIN]][0]
// CHECK: %[[G:.*]] = th.add %[[DH]], %[[PENDING]]
// CHECK: %[[YY:.*]] = th.mul %[[YT]], %[[YT]]
// CHECK: %[[DTANH:.*]] = th.sub %{{.*}}, %[[YY]]
// CHECK: %[[D:.*]] = th.mul %[[G]], %[[DTANH]]
// CHECK-DAG: %[[DW:.*]] = th.mul %[[D]], %[[XT]]
// CHECK-DAG: %[[DX:.*]] = th.mul %[[D]], %[[WT]]
// CHECK: %[[NEWWIN:.*]] = th.dimshuffle %[[D]] pattern = [-1, 0]
// CHECK: %[[SUM:.*]] = th.add %[[ACC]], %[[DW]]
// CHECK: th.scan_yield %[[NEWWIN]], %[[SUM]], %[[DX]]
// CHECK: } {history = array<i1: false, false, true>, reverse, taps = [array<i64: -1>, array<i64: -1>, array<i64>]}
// CHECK: %[[DH0:.*]] = dimshuffle %[[BWD]]#0 pattern = [1]
// CHECK: return %[[BWD]]#2, %[[DH0]], %[[BWD]]#1

// After th-grad, canonicalize keeps only the last state where that is all
// that is read (Theano's scan_save_mem): the forward scan here.
// MEM-LABEL: func @rnn(
// MEM: scan steps
// MEM-SAME: -> tensor<?x?xf64>
// MEM: {history = array<i1: true>, taps = [array<i64: -1>]}
th.func @rnn(%x: tensor<?x?xf64>, %h0: tensor<1x?xf64>, %w: tensor<?xf64>) -> (tensor<?x?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %n = th.shape_i %x[0] : tensor<?x?xf64> -> tensor<i64>
  %h = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>)
      initials(%h0 : tensor<1x?xf64>) invariants(%w : tensor<?xf64>) -> tensor<?x?xf64> {
  ^bb0(%xt: tensor<?xf64>, %hp: tensor<?xf64>, %ww: tensor<?xf64>):
    %m = th.mul %xt, %ww : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %s = th.add %m, %hp : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %t = th.tanh %s : tensor<?xf64>
    th.scan_yield %t : tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: true>}
  %last = th.subtensor %h[-1] : tensor<?x?xf64> -> tensor<?xf64>
  %c = th.sum %last axes = [0] : tensor<?xf64> -> tensor<f64>
  %g:3 = th.grad %c wrt(%x, %h0, %w) : tensor<f64>, (tensor<?x?xf64>, tensor<1x?xf64>, tensor<?xf64>) -> (tensor<?x?xf64>, tensor<1x?xf64>, tensor<?xf64>)
  %gh = th.dimshuffle %g#1 pattern = [1] : tensor<1x?xf64> -> tensor<?xf64>
  th.return %g#0, %gh, %g#2 : tensor<?x?xf64>, tensor<?xf64>, tensor<?xf64>
}

// Without a gradient, a history read only through [-1] is not kept: the
// scan yields its last value (reduce, foldl, h[-1]).
// MEM-LABEL: func @last_only(
// MEM: %[[LAST:.*]] = scan steps
// MEM-SAME: -> tensor<?xf64>
// MEM: {history = array<i1: false>, taps = [array<i64: -1>]}
// MEM-NOT: subtensor
// MEM: sum %[[LAST]]
th.func @last_only(%x: tensor<?x?xf64>, %h0: tensor<1x?xf64>) -> tensor<f64> {
  %n = th.shape_i %x[0] : tensor<?x?xf64> -> tensor<i64>
  %h = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>)
      initials(%h0 : tensor<1x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%xt: tensor<?xf64>, %hp: tensor<?xf64>):
    %s = th.add %xt, %hp : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    th.scan_yield %s : tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: true>}
  %last = th.subtensor %h[-1] : tensor<?x?xf64> -> tensor<?xf64>
  %c = th.sum %last axes = [0] : tensor<?xf64> -> tensor<f64>
  th.return %c : tensor<f64>
}

// A map output nothing reads is no longer computed.
// MEM-LABEL: func @dead_output(
// MEM: scan steps %{{.*}} : tensor<i64> sequences(%{{.*}} : tensor<?x?xf64>) -> tensor<?x?xf64> {
// MEM-NOT: exp
// MEM: scan_yield %{{.*}} : tensor<?xf64>
th.func @dead_output(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %n = th.shape_i %x[0] : tensor<?x?xf64> -> tensor<i64>
  %r:2 = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>) -> tensor<?x?xf64>, tensor<?x?xf64> {
  ^bb0(%xt: tensor<?xf64>):
    %a = th.neg %xt : tensor<?xf64>
    %b = th.exp %xt : tensor<?xf64>
    th.scan_yield %a, %b : tensor<?xf64>, tensor<?xf64>
  } {taps = [array<i64>, array<i64>], history = array<i1: true, true>}
  th.return %r#0 : tensor<?x?xf64>
}

// truncate_gradient = 3: the reverse scan runs min(n, 3) steps on the last
// rows of its sequences; the sequence's gradient gets zeros for the first
// n - min(n, 3) rows, and the initial's gradient is the window shifted by
// that many rows (zero here, where the window has one row and n > 3).
// CHECK-LABEL: th.func @truncated(
// CHECK-SAME: %[[X:[^:]*]]: tensor<?x?xf64>
// CHECK: %[[N:.*]] = shape_i %[[X]][0]
// CHECK: %[[FWD:.*]] = scan steps %[[N]]
// CHECK: truncate_gradient = 3 : i64
// CHECK: %[[K:.*]] = constant dense<3> : tensor<i64>
// CHECK: %[[KEPT:.*]] = minimum %[[N]], %[[K]]
// CHECK: %[[CUT:.*]] = sub %[[N]], %[[KEPT]]
// CHECK: %[[XS:.*]] = subtensor %[[X]][%[[CUT]]:]
// CHECK-COUNT-3: subtensor %{{.*}}[%[[CUT]]:]
// CHECK: %[[BWD:.*]]:3 = scan steps %[[KEPT]] : tensor<i64> sequences(%[[XS]],
// CHECK: } {history = array<i1: false, false, true>, reverse, taps
// CHECK-NOT: truncate_gradient
// CHECK: %[[SKIPPED:.*]] = subtensor %[[X]][:%[[CUT]]]
// CHECK: %[[ZEROS:.*]] = second %[[SKIPPED]]
// CHECK: %[[DX:.*]] = join %[[ZEROS]], %[[BWD]]#2 axis = 0
// The initial's row 0 is the window's row 0 - min(cut, 1) when that is
// not negative, else zeros: row by row, so it keeps its static row.
// CHECK: %[[SHIFT:.*]] = minimum %[[CUT]],
// CHECK: %[[FROM:.*]] = sub %{{.*}}, %[[SHIFT]]
// CHECK: %[[AT:.*]] = maximum %[[FROM]],
// CHECK: %[[ROW:.*]] = subtensor %[[BWD]]#0[%[[AT]]] : tensor<1x?xf64> -> tensor<?xf64>
// CHECK: %[[NONE:.*]] = second %[[ROW]]
// CHECK: %[[HAS:.*]] = ge %[[FROM]],
// CHECK: %[[PICKED:.*]] = ifelse %[[HAS]], %[[ROW]], %[[NONE]]
// CHECK: %[[DH0:.*]] = dimshuffle %[[PICKED]] pattern = [-1, 0] : tensor<?xf64> -> tensor<1x?xf64>
// CHECK: %[[DH0ROW:.*]] = dimshuffle %[[DH0]] pattern = [1]
// CHECK: return %[[DX]], %[[DH0ROW]], %[[BWD]]#1
th.func @truncated(%x: tensor<?x?xf64>, %h0: tensor<1x?xf64>, %w: tensor<?xf64>) -> (tensor<?x?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %n = th.shape_i %x[0] : tensor<?x?xf64> -> tensor<i64>
  %h = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>)
      initials(%h0 : tensor<1x?xf64>) invariants(%w : tensor<?xf64>) -> tensor<?x?xf64> {
  ^bb0(%xt: tensor<?xf64>, %hp: tensor<?xf64>, %ww: tensor<?xf64>):
    %m = th.mul %xt, %ww : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %s = th.add %m, %hp : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %t = th.tanh %s : tensor<?xf64>
    th.scan_yield %t : tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: true>, truncate_gradient = 3 : i64}
  %last = th.subtensor %h[-1] : tensor<?x?xf64> -> tensor<?xf64>
  %c = th.sum %last axes = [0] : tensor<?xf64> -> tensor<f64>
  %g:3 = th.grad %c wrt(%x, %h0, %w) : tensor<f64>, (tensor<?x?xf64>, tensor<1x?xf64>, tensor<?xf64>) -> (tensor<?x?xf64>, tensor<1x?xf64>, tensor<?xf64>)
  %gh = th.dimshuffle %g#1 pattern = [1] : tensor<1x?xf64> -> tensor<?xf64>
  th.return %g#0, %gh, %g#2 : tensor<?x?xf64>, tensor<?xf64>, tensor<?xf64>
}

// until: the gradient is the reverse scan of the m steps run, m being the
// rows of the history; it reads the first m rows of the sequence, whose
// later rows get zeros. The reverse scan does not stop on a condition.
// CHECK-LABEL: th.func @until(
// CHECK-SAME: %[[X:[^:]*]]: tensor<?x?xf64>
// CHECK: %[[FWD:.*]] = scan steps
// CHECK: until}
// CHECK: %[[RAN:.*]] = shape_i %[[FWD]][0]
// CHECK: %[[XS:.*]] = subtensor %[[X]][:%[[RAN]]]
// CHECK: %[[BWD:.*]]:2 = scan steps %[[RAN]] : tensor<i64> sequences(%[[XS]],
// CHECK: } {history = array<i1: false, true>, reverse, taps
// CHECK-NOT: until
// CHECK: %[[UNREAD:.*]] = subtensor %[[X]][%[[RAN]]:]
// CHECK: %[[ZEROS:.*]] = second %[[UNREAD]]
// CHECK: %[[DX:.*]] = join %[[BWD]]#1, %[[ZEROS]] axis = 0
// CHECK: return %[[DX]]
th.func @until(%x: tensor<?x?xf64>, %h0: tensor<1x?xf64>) -> (tensor<?x?xf64>, tensor<?xf64>) {
  %n = th.shape_i %x[0] : tensor<?x?xf64> -> tensor<i64>
  %h = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>)
      initials(%h0 : tensor<1x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%xt: tensor<?xf64>, %hp: tensor<?xf64>):
    %s = th.add %xt, %hp : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %t = th.tanh %s : tensor<?xf64>
    %c = th.sum %t axes = [0] : tensor<?xf64> -> tensor<f64>
    %z = th.constant dense<0.5> : tensor<f64>
    %stop = th.gt %c, %z : tensor<f64>, tensor<f64> -> tensor<i1>
    th.scan_yield %t, %stop : tensor<?xf64>, tensor<i1>
  } {taps = [array<i64: -1>], history = array<i1: true>, until}
  %c = th.sum %h axes = [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g:2 = th.grad %c wrt(%x, %h0) : tensor<f64>, (tensor<?x?xf64>, tensor<1x?xf64>) -> (tensor<?x?xf64>, tensor<1x?xf64>)
  %gh = th.dimshuffle %g#1 pattern = [1] : tensor<1x?xf64> -> tensor<?xf64>
  th.return %g#0, %gh : tensor<?x?xf64>, tensor<?xf64>
}
