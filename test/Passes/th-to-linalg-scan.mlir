// RUN: %tcc-opt %s --convert-th-to-linalg --mlir-print-local-scope | FileCheck %s
// RUN: %tcc-opt %s --convert-th-to-linalg --tcc-lower-index-checks | FileCheck %s --check-prefix=NOTH

// th.scan becomes one scf.for (ScanToLoops.cpp). Its state lives in the
// loop's iteration arguments: a history buffer of L + n rows written a row
// per step, the last value, or a window of the last L values.

// NOTH-NOT: {{ th\.[a-z_]+ }}

// The number of steps is checked against the sequences (th.check_steps,
// lowered by tcc-lower-index-checks): negative, or more than the shortest
// sequence's rows, fails the call.

// A recurrent output with its history: the initial's row goes first, step
// t reads row t and writes row t + 1; the result leaves the initial out.
// CHECK-LABEL: func.func @history
// CHECK: %[[N64:.*]] = tensor.extract %{{.*}}[] : tensor<i64>
// CHECK: %[[STEPS:.*]] = arith.index_cast %[[N64]] : i64 to index
// CHECK: %[[LEN:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x?xf64>
// CHECK: %[[N:.*]] = th.check_steps %[[STEPS]], %[[LEN]] {what = "scan"}
// CHECK: %[[ROWS:.*]] = arith.addi %[[N]], %{{.*}} : index
// CHECK: %[[BUF:.*]] = tensor.empty(%[[ROWS]], %{{.*}}) : tensor<?x?xf64>
// CHECK: %[[INIT:.*]] = tensor.insert_slice %{{.*}} into %[[BUF]][0, 0] [1, %{{.*}}] [1, 1] : tensor<1x?xf64> into tensor<?x?xf64>
// CHECK: %[[LOOP:.*]] = scf.for %[[T:.*]] = %{{.*}} to %[[N]] step %{{.*}} iter_args(%[[ACC:.*]] = %[[INIT]]) -> (tensor<?x?xf64>)
// CHECK: %[[X:.*]] = tensor.extract_slice %{{.*}}[%[[T]], 0] [1, %{{.*}}] [1, 1] : tensor<?x?xf64> to tensor<?xf64>
// CHECK: %[[H:.*]] = tensor.extract_slice %[[ACC]][%{{.*}}, 0] [1, %{{.*}}] [1, 1] : tensor<?x?xf64> to tensor<?xf64>
// CHECK: linalg.generic
// CHECK: %[[NEXT:.*]] = tensor.insert_slice %{{.*}} into %[[ACC]][%{{.*}}, 0] [1, %{{.*}}] [1, 1] : tensor<?xf64> into tensor<?x?xf64>
// CHECK: scf.yield %[[NEXT]] : tensor<?x?xf64>
// CHECK: tensor.extract_slice %[[LOOP]][1, 0] [%[[N]], %{{.*}}] [1, 1] : tensor<?x?xf64> to tensor<?x?xf64>
func.func @history(%x: tensor<?x?xf64>, %h0: tensor<1x?xf64>, %n: tensor<i64>) -> tensor<?x?xf64> {
  %r = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>)
      initials(%h0 : tensor<1x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%xt: tensor<?xf64>, %h: tensor<?xf64>):
    %s = th.add %xt, %h : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    th.scan_yield %s : tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: true>}
  return %r : tensor<?x?xf64>
}

// Only the last value: it is the iteration argument itself; no buffer of
// n rows.
// CHECK-LABEL: func.func @last
// CHECK-NOT: tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xf64>
// CHECK: %[[FIRST:.*]] = tensor.extract_slice %{{.*}}[0, 0] [1, %{{.*}}] [1, 1] : tensor<1x?xf64> to tensor<?xf64>
// CHECK: %[[LOOP:.*]] = scf.for %{{.*}} iter_args(%[[H:.*]] = %[[FIRST]]) -> (tensor<?xf64>)
// CHECK: %[[S:.*]] = linalg.generic
// CHECK: scf.yield %[[S]] : tensor<?xf64>
// CHECK: return %[[LOOP]]
func.func @last(%x: tensor<?x?xf64>, %h0: tensor<1x?xf64>, %n: tensor<i64>) -> tensor<?xf64> {
  %r = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>)
      initials(%h0 : tensor<1x?xf64>) -> tensor<?xf64> {
  ^bb0(%xt: tensor<?xf64>, %h: tensor<?xf64>):
    %s = th.add %xt, %h : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    th.scan_yield %s : tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: false>}
  return %r : tensor<?xf64>
}

// Taps [-2, -1] without the history: a window of two rows moves down one
// row per step; the result is its last row. Without a sequence, only a
// negative number of steps fails.
// CHECK-LABEL: func.func @window
// CHECK: %[[STEPS:.*]] = arith.index_cast
// CHECK: %[[N:.*]] = th.check_steps %[[STEPS]] {what = "scan"}
// CHECK: %[[LOOP:.*]] = scf.for %{{.*}} = %{{.*}} to %[[N]] step %{{.*}} iter_args(%[[W:.*]] = %{{.*}}) -> (tensor<2x?xf64>)
// CHECK-DAG: tensor.extract_slice %[[W]][0, 0] [1, %{{.*}}] [1, 1] : tensor<2x?xf64> to tensor<?xf64>
// CHECK-DAG: tensor.extract_slice %[[W]][1, 0] [1, %{{.*}}] [1, 1] : tensor<2x?xf64> to tensor<?xf64>
// CHECK: %[[KEPT:.*]] = tensor.extract_slice %[[W]][1, 0] [1, %{{.*}}] [1, 1] : tensor<2x?xf64> to tensor<1x?xf64>
// CHECK: %[[MOVED:.*]] = tensor.insert_slice %[[KEPT]] into %[[W]][0, 0] [1, %{{.*}}] [1, 1] : tensor<1x?xf64> into tensor<2x?xf64>
// CHECK: %[[NEW:.*]] = tensor.insert_slice %{{.*}} into %[[MOVED]][1, 0] [1, %{{.*}}] [1, 1] : tensor<?xf64> into tensor<2x?xf64>
// CHECK: scf.yield %[[NEW]]
// CHECK: tensor.extract_slice %[[LOOP]][1, 0] [1, %{{.*}}] [1, 1] : tensor<2x?xf64> to tensor<?xf64>
func.func @window(%h0: tensor<2x?xf64>, %n: tensor<i64>) -> tensor<?xf64> {
  %r = th.scan steps %n : tensor<i64> initials(%h0 : tensor<2x?xf64>) -> tensor<?xf64> {
  ^bb0(%a: tensor<?xf64>, %b: tensor<?xf64>):
    %s = th.add %a, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    th.scan_yield %s : tensor<?xf64>
  } {taps = [array<i64: -2, -1>], history = array<i1: false>}
  return %r : tensor<?xf64>
}

// A map whose rows have sizes known only from a step: the first step runs
// once, under n > 0, to size the buffer; reverse reads row n - 1 - t.
// CHECK-LABEL: func.func @map_reverse
// CHECK: %[[ANY:.*]] = arith.cmpi sgt, %[[N:.*]], %{{.*}} : index
// CHECK: %[[FIRST:.*]] = scf.if %[[ANY]] -> (tensor<?xf64>)
// CHECK: } else {
// CHECK: tensor.empty(%{{.*}}) : tensor<?xf64>
// CHECK: %[[SIZE:.*]] = tensor.dim %[[FIRST]], %{{.*}} : tensor<?xf64>
// CHECK: %[[BUF:.*]] = tensor.empty(%[[N]], %[[SIZE]]) : tensor<?x?xf64>
// CHECK: scf.for %[[S:.*]] = %{{.*}} to %[[N]] step %{{.*}} iter_args(%{{.*}} = %[[BUF]])
// CHECK: %[[LAST:.*]] = arith.subi %[[N]], %{{.*}} : index
// CHECK: %[[T:.*]] = arith.subi %[[LAST]], %[[S]] : index
// CHECK: tensor.extract_slice %{{.*}}[%[[T]], 0]
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[%[[T]], 0]
func.func @map_reverse(%x: tensor<?x?xf64>, %n: tensor<i64>) -> tensor<?x?xf64> {
  %r = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>) -> tensor<?x?xf64> {
  ^bb0(%xt: tensor<?xf64>):
    %s = th.mul %xt, %xt : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    th.scan_yield %s : tensor<?xf64>
  } {taps = [array<i64>], history = array<i1: true>, reverse}
  return %r : tensor<?x?xf64>
}

// until: the scf.for also carries whether it is still running and how
// many steps ran; a step runs under an scf.if on the former and clears it
// when its condition holds; the history is cut to the steps run.
// CHECK-LABEL: func.func @until
// CHECK: %[[LOOP:.*]]:3 = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}, %[[LIVE:.*]] = %true, %[[RAN:.*]] = %{{.*}}) -> (tensor<?xf64>, i1, index)
// CHECK: %[[STEP:.*]]:3 = scf.if %[[LIVE]] -> (tensor<?xf64>, i1, index)
// CHECK: %[[STOP:.*]] = tensor.extract %{{.*}}[] : tensor<i1>
// CHECK: %[[GOON:.*]] = arith.xori %[[STOP]], %true : i1
// CHECK: %[[NEXT:.*]] = arith.addi %[[RAN]], %{{.*}} : index
// CHECK: scf.yield %{{.*}}, %[[GOON]], %[[NEXT]] : tensor<?xf64>, i1, index
// CHECK: } else {
// CHECK: scf.yield %[[ACC]], %[[LIVE]], %[[RAN]] : tensor<?xf64>, i1, index
// CHECK: scf.yield %[[STEP]]#0, %[[STEP]]#1, %[[STEP]]#2 : tensor<?xf64>, i1, index
// CHECK: tensor.extract_slice %[[LOOP]]#0[1] [%[[LOOP]]#2] [1] : tensor<?xf64> to tensor<?xf64>
func.func @until(%h0: tensor<1xf64>, %n: tensor<i64>, %max: tensor<f64>) -> tensor<?xf64> {
  %r = th.scan steps %n : tensor<i64> initials(%h0 : tensor<1xf64>) invariants(%max : tensor<f64>) -> tensor<?xf64> {
  ^bb0(%h: tensor<f64>, %m: tensor<f64>):
    %two = th.add %h, %h : tensor<f64>, tensor<f64> -> tensor<f64>
    %stop = th.gt %two, %m : tensor<f64>, tensor<f64> -> tensor<i1>
    th.scan_yield %two, %stop : tensor<f64>, tensor<i1>
  } {taps = [array<i64: -1>], history = array<i1: true>, until}
  return %r : tensor<?xf64>
}

// A step that yields one of its arguments unchanged (here an invariant's
// zero gradient, as a reverse scan makes it): the loop yields the
// iteration argument itself.
// CHECK-LABEL: func.func @yields_argument
// CHECK: %[[LOOP:.*]] = scf.for %{{.*}} iter_args(%[[H:.*]] = %{{.*}}) -> (tensor<?xf64>)
// CHECK-NEXT: scf.yield %[[H]] : tensor<?xf64>
// CHECK: return %[[LOOP]]
func.func @yields_argument(%x: tensor<?x?xf64>, %h0: tensor<1x?xf64>, %n: tensor<i64>) -> tensor<?xf64> {
  %r = th.scan steps %n : tensor<i64> sequences(%x : tensor<?x?xf64>)
      initials(%h0 : tensor<1x?xf64>) -> tensor<?xf64> {
  ^bb0(%xt: tensor<?xf64>, %h: tensor<?xf64>):
    th.scan_yield %h : tensor<?xf64>
  } {taps = [array<i64: -1>], history = array<i1: false>}
  return %r : tensor<?xf64>
}
