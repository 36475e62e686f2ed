// RUN: tcc-opt %s --th-gemm | FileCheck %s

// th-gemm (gemm_optimizer): a linear combination of terms with scalar
// coefficients (add, sub, neg, mul and true_div by a tensor whose dimensions
// are all a static 1, looking through single-use intermediates only) whose
// one term is a single-use th.dot of the sum's type becomes
// gemv (vector result) or gemm (matrix result) of (rest, alpha, a, b), where
// rest is the combination of the other terms and alpha the product's
// coefficient as a 0-d tensor. Inside a th.func the printer drops the `th.`
// prefix.

//===----------------------------------------------------------------------===//
// Rewritten
//===----------------------------------------------------------------------===//

// The SGD update w - lr * dot(X, g) (matrix.vector): the product accumulates
// into w with alpha = -lr, lr's broadcastable dimension dropped.
// CHECK-LABEL: th.func @sgd_matvec(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>, [[LR:%[^:]+]]: tensor<1xf64>, [[X:%[^:]+]]: tensor<?x?xf64>, [[G:%[^:]+]]: tensor<?xf64>)
// CHECK-NOT: dot
// CHECK: [[S:%.*]] = dimshuffle [[LR]] pattern = [] : tensor<1xf64> -> tensor<f64>
// CHECK-NEXT: [[ALPHA:%.*]] = neg [[S]] : tensor<f64>
// CHECK-NEXT: [[R:%.*]] = gemv [[W]], [[ALPHA]], [[X]], [[G]] : tensor<?xf64>, tensor<f64>, tensor<?x?xf64>, tensor<?xf64>
// CHECK-NEXT: return [[R]] : tensor<?xf64>
th.func @sgd_matvec(%w: tensor<?xf64>, %lr: tensor<1xf64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> tensor<?xf64> {
  %d = th.dot %X, %g : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %s = th.mul %lr, %d : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = th.sub %w, %s : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// vector.matrix (w - dot(g, X) * lr, the scale on the right, a 0-d lr
// broadcast by a dimshuffle): the gemv keeps the dot's operand order.
// CHECK-LABEL: th.func @sgd_vecmat(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>, [[LR:%[^:]+]]: tensor<f64>, [[X:%[^:]+]]: tensor<?x?xf64>, [[G:%[^:]+]]: tensor<?xf64>)
// CHECK-NOT: dot
// CHECK: [[L:%.*]] = dimshuffle [[LR]] pattern = [-1] : tensor<f64> -> tensor<1xf64>
// CHECK-NEXT: [[S:%.*]] = dimshuffle [[L]] pattern = [] : tensor<1xf64> -> tensor<f64>
// CHECK-NEXT: [[ALPHA:%.*]] = neg [[S]] : tensor<f64>
// CHECK-NEXT: [[R:%.*]] = gemv [[W]], [[ALPHA]], [[G]], [[X]] : tensor<?xf64>, tensor<f64>, tensor<?xf64>, tensor<?x?xf64>
// CHECK-NEXT: return [[R]] : tensor<?xf64>
th.func @sgd_vecmat(%w: tensor<?xf64>, %lr: tensor<f64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> tensor<?xf64> {
  %d = th.dot %g, %X : tensor<?xf64>, tensor<?x?xf64> -> tensor<?xf64>
  %l = th.dimshuffle %lr pattern = [-1] : tensor<f64> -> tensor<1xf64>
  %s = th.mul %d, %l : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %r = th.sub %w, %s : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// alpha * dot(A, B) + beta * C (matrices, f32): gemm(beta * C, alpha, A, B).
// The rest keeps its coefficient as an elementwise mul; alpha is the 1x1
// scale as a 0-d tensor.
// CHECK-LABEL: th.func @gemm_alpha_beta(
// CHECK-SAME: [[AL:%[^:]+]]: tensor<1x1xf32>, [[A:%[^:]+]]: tensor<?x?xf32>, [[B:%[^:]+]]: tensor<?x?xf32>, [[BE:%[^:]+]]: tensor<1x1xf32>, [[C:%[^:]+]]: tensor<?x?xf32>)
// CHECK-NOT: dot
// CHECK: [[REST:%.*]] = mul [[BE]], [[C]] : tensor<1x1xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
// CHECK-NEXT: [[ALPHA:%.*]] = dimshuffle [[AL]] pattern = [] : tensor<1x1xf32> -> tensor<f32>
// CHECK-NEXT: [[R:%.*]] = gemm [[REST]], [[ALPHA]], [[A]], [[B]] : tensor<?x?xf32>, tensor<f32>, tensor<?x?xf32>, tensor<?x?xf32>
// CHECK-NEXT: return [[R]] : tensor<?x?xf32>
th.func @gemm_alpha_beta(%alpha: tensor<1x1xf32>, %A: tensor<?x?xf32>, %B: tensor<?x?xf32>, %beta: tensor<1x1xf32>, %C: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %d = th.dot %A, %B : tensor<?x?xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
  %s = th.mul %alpha, %d : tensor<1x1xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
  %t = th.mul %beta, %C : tensor<1x1xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
  %r = th.add %s, %t : tensor<?x?xf32>, tensor<?x?xf32> -> tensor<?x?xf32>
  th.return %r : tensor<?x?xf32>
}

// Static shapes: C + dot(A, B) with no coefficient; alpha is the constant 1.
// CHECK-LABEL: th.func @gemm_static(
// CHECK-SAME: [[C:%[^:]+]]: tensor<2x4xf64>, [[A:%[^:]+]]: tensor<2x3xf64>, [[B:%[^:]+]]: tensor<3x4xf64>)
// CHECK: [[ONE:%.*]] = constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT: [[R:%.*]] = gemm [[C]], [[ONE]], [[A]], [[B]] : tensor<2x4xf64>, tensor<f64>, tensor<2x3xf64>, tensor<3x4xf64>
// CHECK-NEXT: return [[R]]
th.func @gemm_static(%C: tensor<2x4xf64>, %A: tensor<2x3xf64>, %B: tensor<3x4xf64>) -> tensor<2x4xf64> {
  %d = th.dot %A, %B : tensor<2x3xf64>, tensor<3x4xf64> -> tensor<2x4xf64>
  %r = th.add %C, %d : tensor<2x4xf64>, tensor<2x4xf64> -> tensor<2x4xf64>
  th.return %r : tensor<2x4xf64>
}

// Division by a scalar: w + dot(X, g) / n has alpha = 1 / n.
// CHECK-LABEL: th.func @div_by_scalar(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>, [[N:%[^:]+]]: tensor<1xf64>, [[X:%[^:]+]]: tensor<?x?xf64>, [[G:%[^:]+]]: tensor<?xf64>)
// CHECK-NOT: dot
// CHECK: [[ONE:%.*]] = constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT: [[NS:%.*]] = dimshuffle [[N]] pattern = [] : tensor<1xf64> -> tensor<f64>
// CHECK-NEXT: [[ALPHA:%.*]] = true_div [[ONE]], [[NS]] : tensor<f64>, tensor<f64> -> tensor<f64>
// CHECK-NEXT: [[R:%.*]] = gemv [[W]], [[ALPHA]], [[X]], [[G]]
// CHECK-NEXT: return [[R]]
th.func @div_by_scalar(%w: tensor<?xf64>, %n: tensor<1xf64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> tensor<?xf64> {
  %d = th.dot %X, %g : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %s = th.true_div %d, %n : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %r = th.add %w, %s : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// A nested combination, w - 0.1 * (r + dot(d, X)) = (w - 0.1 * r) + (-0.1) *
// dot(d, X): the rest is computed from the other terms with their
// coefficients, and the product's coefficient is -0.1 (the dimshuffle and
// negation of the splat constant fold to a 0-d constant).
// CHECK-LABEL: th.func @nested(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>, [[RV:%[^:]+]]: tensor<?xf64>, [[D:%[^:]+]]: tensor<?xf64>, [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK-NOT: dot
// CHECK-DAG: [[ALPHA:%.*]] = constant dense<-1.000000e-01> : tensor<f64>
// CHECK-DAG: [[C1:%.*]] = constant dense<1.000000e-01> : tensor<1xf64>
// CHECK: [[SR:%.*]] = mul [[RV]], [[C1]] : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
// CHECK-NEXT: [[REST:%.*]] = sub [[W]], [[SR]] : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT: [[R:%.*]] = gemv [[REST]], [[ALPHA]], [[D]], [[X]] : tensor<?xf64>, tensor<f64>, tensor<?xf64>, tensor<?x?xf64>
// CHECK-NEXT: return [[R]]
th.func @nested(%w: tensor<?xf64>, %r: tensor<?xf64>, %d: tensor<?xf64>, %X: tensor<?x?xf64>) -> tensor<?xf64> {
  %c = th.constant dense<0.1> : tensor<1xf64>
  %p = th.dot %d, %X : tensor<?xf64>, tensor<?x?xf64> -> tensor<?xf64>
  %a = th.add %r, %p : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %s = th.mul %c, %a : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %o = th.sub %w, %s : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %o : tensor<?xf64>
}

// Several other terms, the first negative: -a - b / 2 + dot(X, g). The rest
// starts with neg a and subtracts b / 2 (its divisor kept); alpha is 1.
// CHECK-LABEL: th.func @several_terms(
// CHECK-SAME: [[A:%[^:]+]]: tensor<?xf64>, [[B:%[^:]+]]: tensor<?xf64>, [[TWO:%[^:]+]]: tensor<1xf64>, [[X:%[^:]+]]: tensor<?x?xf64>, [[G:%[^:]+]]: tensor<?xf64>)
// CHECK-NOT: dot
// CHECK: [[ONE:%.*]] = constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT: [[NA:%.*]] = neg [[A]] : tensor<?xf64>
// CHECK-NEXT: [[BH:%.*]] = true_div [[B]], [[TWO]] : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
// CHECK-NEXT: [[REST:%.*]] = sub [[NA]], [[BH]]
// CHECK-NEXT: [[R:%.*]] = gemv [[REST]], [[ONE]], [[X]], [[G]]
// CHECK-NEXT: return [[R]]
th.func @several_terms(%a: tensor<?xf64>, %b: tensor<?xf64>, %two: tensor<1xf64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> tensor<?xf64> {
  %d = th.dot %X, %g : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %na = th.neg %a : tensor<?xf64>
  %bh = th.true_div %b, %two : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %s = th.sub %na, %bh : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = th.add %s, %d : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// The sign goes through sub and neg: -(dot(X, g) - w) = w + (-1) * dot(X, g).
// CHECK-LABEL: th.func @negated_difference(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>, [[X:%[^:]+]]: tensor<?x?xf64>, [[G:%[^:]+]]: tensor<?xf64>)
// CHECK: [[ALPHA:%.*]] = constant dense<-1.000000e+00> : tensor<f64>
// CHECK-NEXT: [[R:%.*]] = gemv [[W]], [[ALPHA]], [[X]], [[G]]
// CHECK-NEXT: return [[R]]
th.func @negated_difference(%w: tensor<?xf64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> tensor<?xf64> {
  %d = th.dot %X, %g : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = th.sub %d, %w : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %n = th.neg %r : tensor<?xf64>
  th.return %n : tensor<?xf64>
}

// A whole sum divided by a scalar, (w + dot(X, g)) / n: the divisor goes to
// every term, rest = w / n and alpha = 1 / n.
// CHECK-LABEL: th.func @divided_sum(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>, [[N:%[^:]+]]: tensor<1xf64>, [[X:%[^:]+]]: tensor<?x?xf64>, [[G:%[^:]+]]: tensor<?xf64>)
// CHECK-NOT: dot
// CHECK: [[ONE:%.*]] = constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT: [[REST:%.*]] = true_div [[W]], [[N]] : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
// CHECK-NEXT: [[NS:%.*]] = dimshuffle [[N]] pattern = []
// CHECK-NEXT: [[ALPHA:%.*]] = true_div [[ONE]], [[NS]]
// CHECK-NEXT: [[R:%.*]] = gemv [[REST]], [[ALPHA]], [[X]], [[G]]
// CHECK-NEXT: return [[R]]
th.func @divided_sum(%w: tensor<?xf64>, %n: tensor<1xf64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> tensor<?xf64> {
  %d = th.dot %X, %g : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %a = th.add %w, %d : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = th.true_div %a, %n : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// Two products, w + dot(X, g) - dot(h, Y): the first becomes the outer gemv
// and the rest, w - dot(h, Y), a sum with one product itself, the inner one.
// CHECK-LABEL: th.func @two_products(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>, [[X:%[^:]+]]: tensor<?x?xf64>, [[G:%[^:]+]]: tensor<?xf64>, [[Y:%[^:]+]]: tensor<?x?xf64>, [[H:%[^:]+]]: tensor<?xf64>)
// CHECK-NOT: dot
// CHECK: [[ONE:%.*]] = constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT: [[M1:%.*]] = constant dense<-1.000000e+00> : tensor<f64>
// CHECK-NEXT: [[IN:%.*]] = gemv [[W]], [[M1]], [[H]], [[Y]]
// CHECK-NEXT: [[R:%.*]] = gemv [[IN]], [[ONE]], [[X]], [[G]]
// CHECK-NEXT: return [[R]]
th.func @two_products(%w: tensor<?xf64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>, %Y: tensor<?x?xf64>, %h: tensor<?xf64>) -> tensor<?xf64> {
  %d1 = th.dot %X, %g : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %d2 = th.dot %h, %Y : tensor<?xf64>, tensor<?x?xf64> -> tensor<?xf64>
  %a = th.add %w, %d1 : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = th.sub %a, %d2 : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// A sum used twice is not looked through by its user: it becomes the gemm
// itself, and the broadcasting add of a bias row uses the gemm's result.
// CHECK-LABEL: th.func @sum_used_twice(
// CHECK-SAME: [[C:%[^:]+]]: tensor<?x?xf64>, [[A:%[^:]+]]: tensor<?x?xf64>, [[B:%[^:]+]]: tensor<?x?xf64>, [[BIAS:%[^:]+]]: tensor<1x?xf64>)
// CHECK: [[ONE:%.*]] = constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT: [[G:%.*]] = gemm [[C]], [[ONE]], [[A]], [[B]]
// CHECK-NEXT: [[R:%.*]] = add [[G]], [[BIAS]] : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT: return [[R]], [[G]]
th.func @sum_used_twice(%C: tensor<?x?xf64>, %A: tensor<?x?xf64>, %B: tensor<?x?xf64>, %b: tensor<1x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>) {
  %d = th.dot %A, %B : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %t = th.add %C, %d : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %r = th.add %t, %b : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  th.return %r, %t : tensor<?x?xf64>, tensor<?x?xf64>
}

// A single-use sum whose user adds a broadcast bias row: the user is not a
// combination th-gemm looks through, so the sum itself becomes the gemm.
// CHECK-LABEL: th.func @sum_then_bias(
// CHECK-SAME: [[C:%[^:]+]]: tensor<?x?xf64>, [[A:%[^:]+]]: tensor<?x?xf64>, [[B:%[^:]+]]: tensor<?x?xf64>, [[BIAS:%[^:]+]]: tensor<1x?xf64>)
// CHECK: [[G:%.*]] = gemm [[C]], {{%.*}}, [[A]], [[B]]
// CHECK-NEXT: [[R:%.*]] = add [[G]], [[BIAS]] : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT: return [[R]]
th.func @sum_then_bias(%C: tensor<?x?xf64>, %A: tensor<?x?xf64>, %B: tensor<?x?xf64>, %b: tensor<1x?xf64>) -> tensor<?x?xf64> {
  %d = th.dot %A, %B : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %t = th.add %C, %d : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %r = th.add %t, %b : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  th.return %r : tensor<?x?xf64>
}

// A 1x1 product times a scalar, the product on the left: the product is the
// term and the scalar the coefficient, in either order.
// CHECK-LABEL: th.func @one_by_one_product_first(
// CHECK-SAME: [[W:%[^:]+]]: tensor<1x1xf64>, [[A:%[^:]+]]: tensor<1x?xf64>, [[B:%[^:]+]]: tensor<?x1xf64>, [[S:%[^:]+]]: tensor<1x1xf64>)
// CHECK: [[ALPHA:%.*]] = dimshuffle [[S]] pattern = []
// CHECK-NEXT: gemm [[W]], [[ALPHA]], [[A]], [[B]]
th.func @one_by_one_product_first(%w: tensor<1x1xf64>, %A: tensor<1x?xf64>, %B: tensor<?x1xf64>, %s: tensor<1x1xf64>) -> tensor<1x1xf64> {
  %d = th.dot %A, %B : tensor<1x?xf64>, tensor<?x1xf64> -> tensor<1x1xf64>
  %m = th.mul %d, %s : tensor<1x1xf64>, tensor<1x1xf64> -> tensor<1x1xf64>
  %r = th.add %w, %m : tensor<1x1xf64>, tensor<1x1xf64> -> tensor<1x1xf64>
  th.return %r : tensor<1x1xf64>
}

//===----------------------------------------------------------------------===//
// Left alone
//===----------------------------------------------------------------------===//

// The product has a second use (it is also an output): accumulating it into
// w would lose it.
// CHECK-LABEL: th.func @dot_second_use(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>, [[X:%[^:]+]]: tensor<?x?xf64>, [[G:%[^:]+]]: tensor<?xf64>)
// CHECK: [[D:%.*]] = dot [[X]], [[G]]
// CHECK-NEXT: [[R:%.*]] = add [[W]], [[D]]
// CHECK-NEXT: return [[R]], [[D]]
// CHECK-NOT: {{gemv|gemm}}
th.func @dot_second_use(%w: tensor<?xf64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %d = th.dot %X, %g : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = th.add %w, %d : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r, %d : tensor<?xf64>, tensor<?xf64>
}

// The scaled product lr * dot has a second use: it is not looked through
// (nothing is computed twice), so the sum has no product term.
// CHECK-LABEL: th.func @scaled_dot_second_use(
// CHECK: [[D:%.*]] = dot
// CHECK-NEXT: [[S:%.*]] = mul {{%[^,]+}}, [[D]]
// CHECK-NEXT: [[R:%.*]] = sub {{%[^,]+}}, [[S]]
// CHECK-NEXT: return [[R]], [[S]]
// CHECK-NOT: {{gemv|gemm}}
th.func @scaled_dot_second_use(%w: tensor<?xf64>, %lr: tensor<1xf64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %d = th.dot %X, %g : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %s = th.mul %lr, %d : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = th.sub %w, %s : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r, %s : tensor<?xf64>, tensor<?xf64>
}

// The only term is the product (-(lr * dot)): there is nothing to
// accumulate into.
// CHECK-LABEL: th.func @only_the_product(
// CHECK: [[D:%.*]] = dot
// CHECK-NEXT: [[S:%.*]] = mul {{%[^,]+}}, [[D]]
// CHECK-NEXT: [[N:%.*]] = neg [[S]]
// CHECK-NEXT: return [[N]]
// CHECK-NOT: {{gemv|gemm}}
th.func @only_the_product(%lr: tensor<1xf64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> tensor<?xf64> {
  %d = th.dot %X, %g : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %s = th.mul %lr, %d : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %n = th.neg %s : tensor<?xf64>
  th.return %n : tensor<?xf64>
}

// A bias row added with broadcasting (tensor<1x?xf64>) is not a term of the
// matrix's type: dot(A, B) + b stays.
// CHECK-LABEL: th.func @broadcast_bias(
// CHECK: [[D:%.*]] = dot
// CHECK-NEXT: [[R:%.*]] = add [[D]], {{%[^ ]+}} : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT: return [[R]]
// CHECK-NOT: {{gemv|gemm}}
th.func @broadcast_bias(%A: tensor<?x?xf64>, %B: tensor<?x?xf64>, %b: tensor<1x?xf64>) -> tensor<?x?xf64> {
  %d = th.dot %A, %B : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %r = th.add %d, %b : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  th.return %r : tensor<?x?xf64>
}

// A coefficient that is not a scalar (a full vector) does not make a term.
// CHECK-LABEL: th.func @vector_coefficient(
// CHECK: dot
// CHECK-NOT: {{gemv|gemm}}
th.func @vector_coefficient(%w: tensor<?xf64>, %v: tensor<?xf64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> tensor<?xf64> {
  %d = th.dot %X, %g : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %s = th.mul %v, %d : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = th.add %w, %s : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// Dividing by the product is not a linear combination of it.
// CHECK-LABEL: th.func @divided_by_product(
// CHECK: [[D:%.*]] = dot
// CHECK-NEXT: true_div {{%[^,]+}}, [[D]]
// CHECK-NOT: {{gemv|gemm}}
th.func @divided_by_product(%w: tensor<?xf64>, %n: tensor<1xf64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> tensor<?xf64> {
  %d = th.dot %X, %g : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %s = th.true_div %n, %d : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %r = th.add %w, %s : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return %r : tensor<?xf64>
}

// Integer element types: gemv/gemm are floating-point BLAS operations.
// CHECK-LABEL: th.func @integer(
// CHECK: [[D:%.*]] = dot {{.*}} -> tensor<?xi64>
// CHECK-NEXT: add {{%[^,]+}}, [[D]] : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
// CHECK-NOT: {{gemv|gemm}}
th.func @integer(%w: tensor<?xi64>, %X: tensor<?x?xi64>, %g: tensor<?xi64>) -> tensor<?xi64> {
  %d = th.dot %X, %g : tensor<?x?xi64>, tensor<?xi64> -> tensor<?xi64>
  %r = th.add %w, %d : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
  th.return %r : tensor<?xi64>
}

// vector.vector (a rank-0 product) has no gemv/gemm form.
// CHECK-LABEL: th.func @vector_vector(
// CHECK: [[D:%.*]] = dot {{.*}} -> tensor<f64>
// CHECK-NEXT: add {{%[^,]+}}, [[D]] : tensor<f64>, tensor<f64> -> tensor<f64>
// CHECK-NOT: {{gemv|gemm}}
th.func @vector_vector(%w: tensor<f64>, %x: tensor<?xf64>, %y: tensor<?xf64>) -> tensor<f64> {
  %d = th.dot %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<f64>
  %r = th.add %w, %d : tensor<f64>, tensor<f64> -> tensor<f64>
  th.return %r : tensor<f64>
}

// A rest of another (less static) type than the product's is not a term
// either: gemv's accumulator has the result's type.
// CHECK-LABEL: th.func @rest_type_differs(
// CHECK: [[D:%.*]] = dot {{.*}} -> tensor<3xf64>
// CHECK-NEXT: add {{%[^,]+}}, [[D]] : tensor<?xf64>, tensor<3xf64> -> tensor<3xf64>
// CHECK-NOT: {{gemv|gemm}}
th.func @rest_type_differs(%w: tensor<?xf64>, %X: tensor<3x?xf64>, %g: tensor<?xf64>) -> tensor<3xf64> {
  %d = th.dot %X, %g : tensor<3x?xf64>, tensor<?xf64> -> tensor<3xf64>
  %r = th.add %w, %d : tensor<?xf64>, tensor<3xf64> -> tensor<3xf64>
  th.return %r : tensor<3xf64>
}
