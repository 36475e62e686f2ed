// RUN: tcc-opt %s --canonicalize | FileCheck %s
// Theano's algebraic canonicalizations as th canonicalization patterns.

// local_add_sub_cancel: (x + y) - x -> y, (x + y) - y -> x
// CHECK-LABEL: th.func @add_sub_cancel(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>, [[Y:%[^:]+]]: tensor<?xf64>)
// CHECK-NEXT: return [[Y]], [[X]]
th.func @add_sub_cancel(%x: tensor<?xf64>, %y: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %s = th.add %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %a = th.sub %s, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %b = th.sub %s, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %a, %b : tensor<?xf64>, tensor<?xf64>
}

// (x + y) - x where y is broadcast by x: the result has x's shape, not y's:
// no rewrite.
// CHECK-LABEL: th.func @add_sub_cancel_broadcast(
// CHECK: sub
th.func @add_sub_cancel_broadcast(%x: tensor<?xf64>, %y: tensor<1xf64>) -> tensor<?xf64> {
  %s = th.add %x, %y : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %a = th.sub %s, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %a : tensor<?xf64>
}

// local_sub_neg_to_add, local_add_neg_to_sub, local_mul_neg_neg,
// local_div_neg_neg, local_neg_sub
// CHECK-LABEL: th.func @negations(
// CHECK-SAME: [[X:%[^:]+]]: tensor<f64>, [[Y:%[^:]+]]: tensor<f64>)
// CHECK-DAG: [[A:%.*]] = add [[X]], [[Y]]
// CHECK-DAG: [[B:%.*]] = sub [[X]], [[Y]]
// CHECK-DAG: [[C:%.*]] = sub [[Y]], [[X]]
// CHECK-DAG: [[D:%.*]] = mul [[X]], [[Y]]
// CHECK-DAG: [[E:%.*]] = true_div [[X]], [[Y]]
// CHECK: return [[A]], [[B]], [[C]], [[D]], [[E]], {{%.*}}
th.func @negations(%x: tensor<f64>, %y: tensor<f64>) -> (tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>) {
  %nx = th.neg %x : tensor<f64>
  %ny = th.neg %y : tensor<f64>
  %a = th.sub %x, %ny : tensor<f64>, tensor<f64> -> tensor<f64>
  %b = th.add %x, %ny : tensor<f64>, tensor<f64> -> tensor<f64>
  %c = th.add %nx, %y : tensor<f64>, tensor<f64> -> tensor<f64>
  %d = th.mul %nx, %ny : tensor<f64>, tensor<f64> -> tensor<f64>
  %e = th.true_div %nx, %ny : tensor<f64>, tensor<f64> -> tensor<f64>
  %s = th.sub %x, %y : tensor<f64>, tensor<f64> -> tensor<f64>
  %f = th.neg %s : tensor<f64>
  th.return %a, %b, %c, %d, %e, %f : tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>, tensor<f64>
}

// local_add_self_to_mul: (x+y) + (x+y) -> 2 * (x+y)
// (canonicalize hoists constants and puts them on the right of commutative ops)
// CHECK-LABEL: th.func @add_self(
// CHECK: [[TWO:%.*]] = constant dense<2.000000e+00> : tensor<1xf64>
// CHECK: [[S:%.*]] = add
// CHECK-NOT: add
// CHECK: [[R:%.*]] = mul [[S]], [[TWO]]
// CHECK: return [[R]]
th.func @add_self(%x: tensor<?xf64>, %y: tensor<?xf64>) -> tensor<?xf64> {
  %s = th.add %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %t = th.add %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = th.add %s, %s : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// local_sum_mul_by_scalar: sum(s * t) -> s * sum(t)
// CHECK-LABEL: th.func @sum_mul_by_scalar(
// CHECK-SAME: [[S:%[^:]+]]: tensor<f64>, [[T:%[^:]+]]: tensor<?x?xf64>)
// CHECK-DAG: [[SUM:%.*]] = sum [[T]] axes = [0] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-DAG: [[SB:%.*]] = dimshuffle [[S]] pattern = [-1]
// CHECK: [[R:%.*]] = mul {{.*}}[[SB]]
// CHECK: return [[R]]
th.func @sum_mul_by_scalar(%s: tensor<f64>, %t: tensor<?x?xf64>) -> tensor<?xf64> {
  %sb = th.dimshuffle %s pattern = [-1, -1] : tensor<f64> -> tensor<1x1xf64>
  %m = th.mul %sb, %t : tensor<1x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %r = th.sum %m axes = [0] : tensor<?x?xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// local_fill_sink: the gradient of 0.01 * (w**2).sum() is
// second(sqr(w), 0.01) * 2 * w. The scalar multiplication moves inside the
// fill (0.01 * 2 folds), the fill then meets w, whose shape sqr(w) has for
// certain, and disappears with sqr(w).
// CHECK-LABEL: th.func @fill_sink_regularizer(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>)
// CHECK: [[C:%.*]] = constant dense<2.000000e-02> : tensor<1xf64>
// CHECK-NEXT: [[R:%.*]] = mul [[W]], [[C]] : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
// CHECK-NEXT: return [[R]]
th.func @fill_sink_regularizer(%w: tensor<?xf64>) -> tensor<?xf64> {
  %c = th.constant dense<0.01> : tensor<1xf64>
  %two = th.constant dense<2.0> : tensor<1xf64>
  %sq = th.sqr %w : tensor<?xf64>
  %f = th.second %sq, %c : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %m = th.mul %f, %two : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %r = th.mul %m, %w : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// -second(x, c) -> second(x, -c); a fill against a tensor of unrelated shape
// stays, because it is what says the two shapes agree.
// CHECK-LABEL: th.func @fill_sink_kept(
// CHECK-SAME: [[A:%[^:]+]]: tensor<?xf64>, [[B:%[^:]+]]: tensor<?xf64>)
// CHECK: [[C:%.*]] = constant dense<-5.000000e-01> : tensor<1xf64>
// CHECK-NEXT: [[F:%.*]] = second [[A]], [[C]]
// CHECK-NEXT: [[R:%.*]] = mul [[F]], [[B]]
// CHECK-NEXT: return [[R]]
th.func @fill_sink_kept(%a: tensor<?xf64>, %b: tensor<?xf64>) -> tensor<?xf64> {
  %c = th.constant dense<0.5> : tensor<1xf64>
  %f = th.second %a, %c : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %n = th.neg %f : tensor<?xf64>
  %r = th.mul %n, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// local_dot_transpose_to_vecmat: dot(A.T, v) -> dot(v, A), dot(v, A.T) ->
// dot(A, v); a transposed matrix times a matrix stays.
// CHECK-LABEL: th.func @dot_transposed(
// CHECK-SAME: [[A:%[^:]+]]: tensor<?x?xf64>, [[V:%[^:]+]]: tensor<?xf64>, [[B:%[^:]+]]: tensor<?x?xf64>)
// CHECK-DAG: [[R1:%.*]] = dot [[V]], [[A]] : tensor<?xf64>, tensor<?x?xf64> -> tensor<?xf64>
// CHECK-DAG: [[R2:%.*]] = dot [[A]], [[V]] : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-DAG: [[T:%.*]] = dimshuffle [[A]] pattern = [1, 0]
// CHECK-DAG: [[R3:%.*]] = dot [[T]], [[B]]
// CHECK: return [[R1]], [[R2]], [[R3]]
th.func @dot_transposed(%a: tensor<?x?xf64>, %v: tensor<?xf64>, %b: tensor<?x?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?x?xf64>) {
  %t = th.dimshuffle %a pattern = [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  %0 = th.dot %t, %v : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %1 = th.dot %v, %t : tensor<?xf64>, tensor<?x?xf64> -> tensor<?xf64>
  %2 = th.dot %t, %b : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  th.return %0, %1, %2 : tensor<?xf64>, tensor<?xf64>, tensor<?x?xf64>
}

// local_div_self: x / x -> 1 (a fill of x's shape) only where no element of
// x can be zero, infinite or NaN: 1 + sigmoid(y) lies in [1, 2] and
// tanh(y) * 0.5 - 3 in [-3.5, -2.5]. y / y (y may be 0) and
// sigmoid(y) / sigmoid(y) (sigmoid underflows to 0) stay divisions.
// CHECK-LABEL: th.func @div_self(
// CHECK-SAME: [[Y:%[^:]+]]: tensor<?xf64>)
// CHECK-DAG: [[ONES:%.*]] = constant dense<1.000000e+00> : tensor<1xf64>
// CHECK-DAG: [[S:%.*]] = sigmoid [[Y]]
// CHECK-DAG: [[A:%.*]] = add {{.*}}[[S]]
// CHECK-DAG: [[R1:%.*]] = second [[A]], [[ONES]]
// CHECK-DAG: [[R2:%.*]] = second {{%.*}}, [[ONES]]
// CHECK-DAG: [[R3:%.*]] = true_div [[Y]], [[Y]]
// CHECK-DAG: [[R4:%.*]] = true_div [[S]], [[S]]
// CHECK: return [[R1]], [[R2]], [[R3]], [[R4]]
th.func @div_self(%y: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %one = th.constant dense<1.0> : tensor<1xf64>
  %half = th.constant dense<0.5> : tensor<1xf64>
  %three = th.constant dense<3.0> : tensor<1xf64>
  %s = th.sigmoid %y : tensor<?xf64>
  %a = th.add %one, %s : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %r1 = th.true_div %a, %a : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %t = th.tanh %y : tensor<?xf64>
  %h = th.mul %t, %half : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %b = th.sub %h, %three : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %r2 = th.true_div %b, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %r3 = th.true_div %y, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %r4 = th.true_div %s, %s : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r1, %r2, %r3, %r4 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// local_add_canonizer / local_mul_canonizer: the constants of a sum or a
// product are gathered into one: (x * 2) * 3 -> x * 6, (x + 1) + 2 -> x + 3.
// An intermediate used elsewhere keeps its own constant.
// CHECK-LABEL: th.func @merge_constants(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>)
// CHECK-DAG: [[SIX:%.*]] = constant dense<6.000000e+00> : tensor<1xf64>
// CHECK-DAG: [[THREE:%.*]] = constant dense<3.000000e+00> : tensor<1xf64>
// CHECK-DAG: [[M:%.*]] = mul [[X]], [[SIX]]
// CHECK-DAG: [[A:%.*]] = add [[X]], [[THREE]]
// CHECK-DAG: [[KEPT:%.*]] = mul [[X]], {{%.*}}
// CHECK-DAG: [[KEPT2:%.*]] = mul [[KEPT]], {{%.*}}
// CHECK: return [[M]], [[A]], [[KEPT]], [[KEPT2]]
th.func @merge_constants(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %one = th.constant dense<1.0> : tensor<1xf64>
  %two = th.constant dense<2.0> : tensor<1xf64>
  %three = th.constant dense<3.0> : tensor<1xf64>
  %five = th.constant dense<5.0> : tensor<1xf64>
  %m1 = th.mul %x, %two : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %m2 = th.mul %m1, %three : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %a1 = th.add %x, %one : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %a2 = th.add %a1, %two : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %k1 = th.mul %x, %five : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %k2 = th.mul %k1, %three : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  th.return %m2, %a2, %k1, %k2 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// local_dimshuffle_lift: dimshuffles of dimshuffles merge; m.T.T and the
// identity pattern fold to m; a row of a column becomes one dimshuffle.
// CHECK-LABEL: th.func @dimshuffle_merge(
// CHECK-SAME: [[M:%[^:]+]]: tensor<?x?xf64>, [[V:%[^:]+]]: tensor<?xf64>)
// CHECK: [[R:%.*]] = dimshuffle [[V]] pattern = [-1, 0, -1] : tensor<?xf64> -> tensor<1x?x1xf64>
// CHECK-NEXT: return [[M]], [[M]], [[R]]
th.func @dimshuffle_merge(%m: tensor<?x?xf64>, %v: tensor<?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<1x?x1xf64>) {
  %t = th.dimshuffle %m pattern = [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  %tt = th.dimshuffle %t pattern = [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  %id = th.dimshuffle %m pattern = [0, 1] : tensor<?x?xf64> -> tensor<?x?xf64>
  %col = th.dimshuffle %v pattern = [0, -1] : tensor<?xf64> -> tensor<?x1xf64>
  %r = th.dimshuffle %col pattern = [-1, 0, 1] : tensor<?x1xf64> -> tensor<1x?x1xf64>
  th.return %tt, %id, %r : tensor<?x?xf64>, tensor<?x?xf64>, tensor<1x?x1xf64>
}

// local_merge_consecutive_casts: a widening cast followed by another is one
// cast (or none); a narrowing one (float64 -> float32, float -> int) stays,
// it rounds.
// CHECK-LABEL: th.func @cast_cast(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>, [[H:%[^:]+]]: tensor<?xf32>, [[B:%[^:]+]]: tensor<?xi8>)
// CHECK-DAG: [[N:%.*]] = cast [[X]] : tensor<?xf64> -> tensor<?xf32>
// CHECK-DAG: [[R1:%.*]] = cast [[N]] : tensor<?xf32> -> tensor<?xf64>
// CHECK-DAG: [[R3:%.*]] = cast [[B]] : tensor<?xi8> -> tensor<?xf32>
// CHECK-DAG: [[T:%.*]] = cast [[X]] : tensor<?xf64> -> tensor<?xi64>
// CHECK-DAG: [[R4:%.*]] = cast [[T]] : tensor<?xi64> -> tensor<?xf64>
// CHECK: return [[R1]], [[H]], [[R3]], [[R4]]
th.func @cast_cast(%x: tensor<?xf64>, %h: tensor<?xf32>, %b: tensor<?xi8>) -> (tensor<?xf64>, tensor<?xf32>, tensor<?xf32>, tensor<?xf64>) {
  %0 = th.cast %x : tensor<?xf64> -> tensor<?xf32>
  %1 = th.cast %0 : tensor<?xf32> -> tensor<?xf64>
  %2 = th.cast %h : tensor<?xf32> -> tensor<?xf64>
  %3 = th.cast %2 : tensor<?xf64> -> tensor<?xf32>
  %4 = th.cast %b : tensor<?xi8> -> tensor<?xi32>
  %5 = th.cast %4 : tensor<?xi32> -> tensor<?xf32>
  %6 = th.cast %x : tensor<?xf64> -> tensor<?xi64>
  %7 = th.cast %6 : tensor<?xi64> -> tensor<?xf64>
  th.return %1, %3, %5, %7 : tensor<?xf64>, tensor<?xf32>, tensor<?xf32>, tensor<?xf64>
}

// local_useless_fill: second(x, y) -> y when x has y's shape for certain
// (here exp(y) has it); a fill that broadcasts stays.
// CHECK-LABEL: th.func @useless_fill(
// CHECK-SAME: [[Y:%[^:]+]]: tensor<?xf64>, [[Z:%[^:]+]]: tensor<?xf64>, [[M:%[^:]+]]: tensor<?x?xf64>)
// CHECK-DAG: [[KEPT1:%.*]] = second [[Z]], [[Y]]
// CHECK-DAG: [[ROW:%.*]] = dimshuffle [[Y]]
// CHECK-DAG: [[KEPT2:%.*]] = second [[M]], [[ROW]]
// CHECK: return [[Y]], [[KEPT1]], [[KEPT2]]
th.func @useless_fill(%y: tensor<?xf64>, %z: tensor<?xf64>, %m: tensor<?x?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?x?xf64>) {
  %e = th.exp %y : tensor<?xf64>
  %0 = th.second %e, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %1 = th.second %z, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %row = th.dimshuffle %y pattern = [-1, 0] : tensor<?xf64> -> tensor<1x?xf64>
  %2 = th.second %m, %row : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  th.return %0, %1, %2 : tensor<?xf64>, tensor<?xf64>, tensor<?x?xf64>
}
