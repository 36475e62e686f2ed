// RUN: tcc-opt %s --th-stabilize | FileCheck %s
// One function per stability rewrite: the unstable form in, the stable one
// out. (test/EndToEnd/stability_rewrites.th shows the numbers each gives.)

// local_log1p: log(1 + x) -> log1p(x), either operand order.
// CHECK-LABEL: th.func @log1p(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>)
// CHECK: [[A:%.*]] = log1p [[X]] : tensor<?xf64>
// CHECK: [[B:%.*]] = log1p [[X]] : tensor<?xf64>
// CHECK-NOT: log {{%}}
// CHECK: return [[A]], [[B]]
th.func @log1p(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %c = th.constant dense<1.0> : tensor<f64>
  %one = th.dimshuffle %c pattern = [-1] : tensor<f64> -> tensor<1xf64>
  %s = th.add %one, %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %l = th.log %s : tensor<?xf64>
  %t = th.add %x, %one : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %m = th.log %t : tensor<?xf64>
  th.return %l, %m : tensor<?xf64>, tensor<?xf64>
}

// The front end's int literal 1 is a cast int8 constant: still 1.
// CHECK-LABEL: th.func @log1p_int_literal(
// CHECK: log1p
th.func @log1p_int_literal(%x: tensor<f64>) -> tensor<f64> {
  %c = th.constant dense<1> : tensor<i8>
  %one = th.cast %c : tensor<i8> -> tensor<f64>
  %s = th.add %one, %x : tensor<f64>, tensor<f64> -> tensor<f64>
  %l = th.log %s : tensor<f64>
  th.return %l : tensor<f64>
}

// 1 + x with x not exp, but 2 + x: no rewrite.
// CHECK-LABEL: th.func @not_one(
// CHECK: log {{%}}
// CHECK-NOT: log1p
th.func @not_one(%x: tensor<f64>) -> tensor<f64> {
  %c = th.constant dense<2.0> : tensor<f64>
  %s = th.add %c, %x : tensor<f64>, tensor<f64> -> tensor<f64>
  %l = th.log %s : tensor<f64>
  th.return %l : tensor<f64>
}

// local_1_over_1_plus_exp_to_sigmoid: 1 / (1 + exp(-z)) -> sigmoid(z), and
// 1 / (1 + exp(z)) -> sigmoid(-z).
// CHECK-LABEL: th.func @sigmoid(
// CHECK-SAME: [[Z:%[^:]+]]: tensor<?xf64>)
// CHECK: [[S:%.*]] = sigmoid [[Z]] : tensor<?xf64>
// CHECK: [[N:%.*]] = neg [[Z]] : tensor<?xf64>
// CHECK: [[T:%.*]] = sigmoid [[N]] : tensor<?xf64>
// CHECK-NOT: true_div
// CHECK: return [[S]], [[T]]
th.func @sigmoid(%z: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %c = th.constant dense<1.0> : tensor<f64>
  %one = th.dimshuffle %c pattern = [-1] : tensor<f64> -> tensor<1xf64>
  %n = th.neg %z : tensor<?xf64>
  %e = th.exp %n : tensor<?xf64>
  %d = th.add %one, %e : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %s = th.true_div %one, %d : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %e2 = th.exp %z : tensor<?xf64>
  %d2 = th.add %e2, %one : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %t = th.true_div %one, %d2 : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %s, %t : tensor<?xf64>, tensor<?xf64>
}

// local_1msigmoid: 1 - sigmoid(z) -> sigmoid(-z).
// CHECK-LABEL: th.func @one_minus_sigmoid(
// CHECK-SAME: [[Z:%[^:]+]]: tensor<f64>)
// CHECK: [[N:%.*]] = neg [[Z]]
// CHECK: [[S:%.*]] = sigmoid [[N]]
// CHECK: return [[S]]
th.func @one_minus_sigmoid(%z: tensor<f64>) -> tensor<f64> {
  %one = th.constant dense<1.0> : tensor<f64>
  %s = th.sigmoid %z : tensor<f64>
  %r = th.sub %one, %s : tensor<f64>, tensor<f64> -> tensor<f64>
  th.return %r : tensor<f64>
}

// local_log_sigmoid_to_softplus: log(sigmoid(z)) -> -softplus(-z), and
// log(sigmoid(-z)) -> -softplus(z).
// CHECK-LABEL: th.func @log_sigmoid(
// CHECK-SAME: [[Z:%[^:]+]]: tensor<f64>)
// CHECK-DAG: [[N:%.*]] = neg [[Z]]
// CHECK-DAG: [[SP1:%.*]] = softplus [[N]]
// CHECK-DAG: [[R1:%.*]] = neg [[SP1]]
// CHECK-DAG: [[SP2:%.*]] = softplus [[Z]]
// CHECK-DAG: [[R2:%.*]] = neg [[SP2]]
// CHECK: return [[R1]], [[R2]]
th.func @log_sigmoid(%z: tensor<f64>) -> (tensor<f64>, tensor<f64>) {
  %s = th.sigmoid %z : tensor<f64>
  %l = th.log %s : tensor<f64>
  %n = th.neg %z : tensor<f64>
  %s2 = th.sigmoid %n : tensor<f64>
  %l2 = th.log %s2 : tensor<f64>
  th.return %l, %l2 : tensor<f64>, tensor<f64>
}

// local_log1p_exp_to_softplus: log(1 + exp(z)) and log1p(exp(z)) ->
// softplus(z) (not log1p(exp(z)), which overflows).
// CHECK-LABEL: th.func @softplus(
// CHECK-SAME: [[Z:%[^:]+]]: tensor<f64>)
// CHECK: [[A:%.*]] = softplus [[Z]]
// CHECK: [[B:%.*]] = softplus [[Z]]
// CHECK-NOT: log
// CHECK: return [[A]], [[B]]
th.func @softplus(%z: tensor<f64>) -> (tensor<f64>, tensor<f64>) {
  %one = th.constant dense<1.0> : tensor<f64>
  %e = th.exp %z : tensor<f64>
  %s = th.add %one, %e : tensor<f64>, tensor<f64> -> tensor<f64>
  %l = th.log %s : tensor<f64>
  %m = th.log1p %e : tensor<f64>
  th.return %l, %m : tensor<f64>, tensor<f64>
}

// local_expm1: exp(x) - 1 -> expm1(x).
// CHECK-LABEL: th.func @expm1(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>)
// CHECK: [[E:%.*]] = expm1 [[X]] : tensor<?xf64>
// CHECK: return [[E]]
th.func @expm1(%x: tensor<?xf64>) -> tensor<?xf64> {
  %e = th.exp %x : tensor<?xf64>
  %c = th.constant dense<1.0> : tensor<1xf64>
  %s = th.sub %e, %c : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  th.return %s : tensor<?xf64>
}
