// RUN: tcc-opt %s --th-stabilize | FileCheck %s
// The softmax stability rewrites: softmax_simplifier (exp(x) divided by the
// sum of exp(x) over one axis with that axis kept, as keepdims=True or
// .dimshuffle(0, 'x') write it -> softmax(x, axis)), local_log_softmax
// (log(softmax(x)) -> log_softmax(x)) and local_exp_log_softmax
// (exp(log_softmax(x)) -> softmax(x)). test/EndToEnd/softmax.th shows the
// numbers each gives.

//===----------------------------------------------------------------------===//
// softmax_simplifier
//===----------------------------------------------------------------------===//

// e / e.sum(axis=1, keepdims=True): the sum over axis 1 with axis 1
// re-inserted (pattern [0, 'x']). The exp, the sum and the dimshuffle are
// gone.
// CHECK-LABEL: th.func @matrix_axis1(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK-NEXT: [[S:%.*]] = softmax [[X]] axis = 1 : tensor<?x?xf64>
// CHECK-NEXT: return [[S]] : tensor<?x?xf64>
// CHECK-NEXT: }
th.func @matrix_axis1(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = th.exp %x : tensor<?x?xf64>
  %s = th.sum %e axes = [1] : tensor<?x?xf64> -> tensor<?xf64>
  %k = th.dimshuffle %s pattern = [0, -1] : tensor<?xf64> -> tensor<?x1xf64>
  %r = th.true_div %e, %k : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  th.return %r : tensor<?x?xf64>
}

// e / e.sum(axis=0, keepdims=True): pattern ['x', 0], softmax along axis 0
// (static sizes and f32 too).
// CHECK-LABEL: th.func @matrix_axis0(
// CHECK-SAME: [[X:%[^:]+]]: tensor<3x4xf32>)
// CHECK-NEXT: [[S:%.*]] = softmax [[X]] axis = 0 : tensor<3x4xf32>
// CHECK-NEXT: return [[S]] : tensor<3x4xf32>
// CHECK-NEXT: }
th.func @matrix_axis0(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %e = th.exp %x : tensor<3x4xf32>
  %s = th.sum %e axes = [0] : tensor<3x4xf32> -> tensor<4xf32>
  %k = th.dimshuffle %s pattern = [-1, 0] : tensor<4xf32> -> tensor<1x4xf32>
  %r = th.true_div %e, %k : tensor<3x4xf32>, tensor<1x4xf32> -> tensor<3x4xf32>
  th.return %r : tensor<3x4xf32>
}

// A vector, e / e.sum(): the 0-d sum broadcast back with pattern ['x'].
// CHECK-LABEL: th.func @vector(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>)
// CHECK-NEXT: [[S:%.*]] = softmax [[X]] axis = 0 : tensor<?xf64>
// CHECK-NEXT: return [[S]] : tensor<?xf64>
// CHECK-NEXT: }
th.func @vector(%x: tensor<?xf64>) -> tensor<?xf64> {
  %e = th.exp %x : tensor<?xf64>
  %s = th.sum %e axes = [0] : tensor<?xf64> -> tensor<f64>
  %k = th.dimshuffle %s pattern = [-1] : tensor<f64> -> tensor<1xf64>
  %r = th.true_div %e, %k : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// Rank 3, the middle axis: pattern [0, 'x', 1].
// CHECK-LABEL: th.func @rank3_axis1(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?x?xf64>)
// CHECK-NEXT: [[S:%.*]] = softmax [[X]] axis = 1 : tensor<?x?x?xf64>
// CHECK-NEXT: return [[S]]
th.func @rank3_axis1(%x: tensor<?x?x?xf64>) -> tensor<?x?x?xf64> {
  %e = th.exp %x : tensor<?x?x?xf64>
  %s = th.sum %e axes = [1] : tensor<?x?x?xf64> -> tensor<?x?xf64>
  %k = th.dimshuffle %s pattern = [0, -1, 1] : tensor<?x?xf64> -> tensor<?x1x?xf64>
  %r = th.true_div %e, %k : tensor<?x?x?xf64>, tensor<?x1x?xf64> -> tensor<?x?x?xf64>
  th.return %r : tensor<?x?x?xf64>
}

// The exp is used elsewhere too: the division still becomes a softmax (of
// x, not of the exp), and the exp stays for its other user; the sum goes.
// CHECK-LABEL: th.func @exp_also_returned(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK-NEXT: [[E:%.*]] = exp [[X]] : tensor<?x?xf64>
// CHECK-NEXT: [[S:%.*]] = softmax [[X]] axis = 1 : tensor<?x?xf64>
// CHECK-NEXT: return [[S]], [[E]]
th.func @exp_also_returned(%x: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>) {
  %e = th.exp %x : tensor<?x?xf64>
  %s = th.sum %e axes = [1] : tensor<?x?xf64> -> tensor<?xf64>
  %k = th.dimshuffle %s pattern = [0, -1] : tensor<?xf64> -> tensor<?x1xf64>
  %r = th.true_div %e, %k : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  th.return %r, %e : tensor<?x?xf64>, tensor<?x?xf64>
}

// Left alone: the numerator and the summed value are different exps
// (exp(x) / sum(exp(y))).
// CHECK-LABEL: th.func @different_exps(
// CHECK-NOT: softmax
// CHECK: [[N:%.*]] = exp %arg0
// CHECK: [[D:%.*]] = exp %arg1
// CHECK: [[S:%.*]] = sum [[D]] axes = [1]
// CHECK: [[K:%.*]] = dimshuffle [[S]] pattern = [0, -1]
// CHECK: [[R:%.*]] = true_div [[N]], [[K]]
// CHECK-NOT: softmax
// CHECK: return [[R]]
th.func @different_exps(%x: tensor<?x?xf64>, %y: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = th.exp %x : tensor<?x?xf64>
  %f = th.exp %y : tensor<?x?xf64>
  %s = th.sum %f axes = [1] : tensor<?x?xf64> -> tensor<?xf64>
  %k = th.dimshuffle %s pattern = [0, -1] : tensor<?xf64> -> tensor<?x1xf64>
  %r = th.true_div %e, %k : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  th.return %r : tensor<?x?xf64>
}

// Left alone: the sum over axis 1 broadcast back as a row (pattern ['x', 0],
// the keepdims pattern of axis 0): every row divided by the row sums laid
// out along the columns, not a softmax.
// CHECK-LABEL: th.func @wrong_pattern(
// CHECK-NOT: softmax
// CHECK: [[E:%.*]] = exp %arg0
// CHECK: [[S:%.*]] = sum [[E]] axes = [1]
// CHECK: [[K:%.*]] = dimshuffle [[S]] pattern = [-1, 0]
// CHECK: [[R:%.*]] = true_div [[E]], [[K]]
// CHECK-NOT: softmax
// CHECK: return [[R]]
th.func @wrong_pattern(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = th.exp %x : tensor<?x?xf64>
  %s = th.sum %e axes = [1] : tensor<?x?xf64> -> tensor<?xf64>
  %k = th.dimshuffle %s pattern = [-1, 0] : tensor<?xf64> -> tensor<1x?xf64>
  %r = th.true_div %e, %k : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  th.return %r : tensor<?x?xf64>
}

// Left alone, rank 3: the sum over axis 1 re-inserted as the last axis
// (pattern [0, 1, 'x']), not where it was summed.
// CHECK-LABEL: th.func @rank3_wrong_pattern(
// CHECK-NOT: softmax
// CHECK: dimshuffle {{%.*}} pattern = [0, 1, -1]
// CHECK: true_div
// CHECK-NOT: softmax
// CHECK: return
th.func @rank3_wrong_pattern(%x: tensor<?x?x?xf64>) -> tensor<?x?x?xf64> {
  %e = th.exp %x : tensor<?x?x?xf64>
  %s = th.sum %e axes = [1] : tensor<?x?x?xf64> -> tensor<?x?xf64>
  %k = th.dimshuffle %s pattern = [0, 1, -1] : tensor<?x?xf64> -> tensor<?x?x1xf64>
  %r = th.true_div %e, %k : tensor<?x?x?xf64>, tensor<?x?x1xf64> -> tensor<?x?x?xf64>
  th.return %r : tensor<?x?x?xf64>
}

// Left alone: the sum over both axes (e / e.sum()), a normalisation of the
// whole matrix, not a softmax along one axis.
// CHECK-LABEL: th.func @two_axes(
// CHECK-NOT: softmax
// CHECK: [[E:%.*]] = exp %arg0
// CHECK: [[S:%.*]] = sum [[E]] axes = [0, 1]
// CHECK: [[K:%.*]] = dimshuffle [[S]] pattern = [-1, -1]
// CHECK: [[R:%.*]] = true_div [[E]], [[K]]
// CHECK-NOT: softmax
// CHECK: return [[R]]
th.func @two_axes(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = th.exp %x : tensor<?x?xf64>
  %s = th.sum %e axes = [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %k = th.dimshuffle %s pattern = [-1, -1] : tensor<f64> -> tensor<1x1xf64>
  %r = th.true_div %e, %k : tensor<?x?xf64>, tensor<1x1xf64> -> tensor<?x?xf64>
  th.return %r : tensor<?x?xf64>
}

// Left alone: the sum divided by the exp (the operands the other way round).
// CHECK-LABEL: th.func @swapped(
// CHECK-NOT: softmax
// CHECK: true_div
// CHECK-NOT: softmax
// CHECK: return
th.func @swapped(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = th.exp %x : tensor<?x?xf64>
  %s = th.sum %e axes = [1] : tensor<?x?xf64> -> tensor<?xf64>
  %k = th.dimshuffle %s pattern = [0, -1] : tensor<?xf64> -> tensor<?x1xf64>
  %r = th.true_div %k, %e : tensor<?x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  th.return %r : tensor<?x?xf64>
}

//===----------------------------------------------------------------------===//
// local_log_softmax and local_exp_log_softmax
//===----------------------------------------------------------------------===//

// log(softmax(x)) -> log_softmax(x), keeping the axis (0 and 1).
// CHECK-LABEL: th.func @log_softmax(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK-NEXT: [[A:%.*]] = log_softmax [[X]] axis = 1 : tensor<?x?xf64>
// CHECK-NEXT: [[B:%.*]] = log_softmax [[X]] axis = 0 : tensor<?x?xf64>
// CHECK-NEXT: return [[A]], [[B]]
th.func @log_softmax(%x: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>) {
  %s = th.softmax %x axis = 1 : tensor<?x?xf64>
  %l = th.log %s : tensor<?x?xf64>
  %t = th.softmax %x axis = 0 : tensor<?x?xf64>
  %m = th.log %t : tensor<?x?xf64>
  th.return %l, %m : tensor<?x?xf64>, tensor<?x?xf64>
}

// The softmax itself is still returned: it stays next to the log_softmax.
// CHECK-LABEL: th.func @log_softmax_shared(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf32>)
// CHECK-NEXT: [[S:%.*]] = softmax [[X]] axis = 0 : tensor<?xf32>
// CHECK-NEXT: [[L:%.*]] = log_softmax [[X]] axis = 0 : tensor<?xf32>
// CHECK-NEXT: return [[S]], [[L]]
th.func @log_softmax_shared(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  %s = th.softmax %x axis = 0 : tensor<?xf32>
  %l = th.log %s : tensor<?xf32>
  th.return %s, %l : tensor<?xf32>, tensor<?xf32>
}

// A log of something else stays a log.
// CHECK-LABEL: th.func @log_of_other(
// CHECK: = log {{%}}
// CHECK-NOT: softmax
// CHECK: return
th.func @log_of_other(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %s = th.sigmoid %x : tensor<?x?xf64>
  %t = th.sqrt %s : tensor<?x?xf64>
  %l = th.log %t : tensor<?x?xf64>
  th.return %l : tensor<?x?xf64>
}

// exp(log_softmax(x)) -> softmax(x), keeping the axis.
// CHECK-LABEL: th.func @exp_log_softmax(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK-NEXT: [[S:%.*]] = softmax [[X]] axis = 0 : tensor<?x?xf64>
// CHECK-NEXT: return [[S]] : tensor<?x?xf64>
// CHECK-NEXT: }
th.func @exp_log_softmax(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %l = th.log_softmax %x axis = 0 : tensor<?x?xf64>
  %e = th.exp %l : tensor<?x?xf64>
  th.return %e : tensor<?x?xf64>
}

// The chain: log(exp(x) / e.sum(axis=1, keepdims=True)) becomes one
// log_softmax (softmax_simplifier, then local_log_softmax); nothing of the
// expansion is left.
// CHECK-LABEL: th.func @chain(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK-NEXT: [[L:%.*]] = log_softmax [[X]] axis = 1 : tensor<?x?xf64>
// CHECK-NEXT: return [[L]] : tensor<?x?xf64>
// CHECK-NEXT: }
th.func @chain(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = th.exp %x : tensor<?x?xf64>
  %s = th.sum %e axes = [1] : tensor<?x?xf64> -> tensor<?xf64>
  %k = th.dimshuffle %s pattern = [0, -1] : tensor<?xf64> -> tensor<?x1xf64>
  %r = th.true_div %e, %k : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %l = th.log %r : tensor<?x?xf64>
  th.return %l : tensor<?x?xf64>
}
