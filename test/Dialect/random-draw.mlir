// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s

// th.random_draw: the distribution, the state, alloc-style sizes, the
// parameters (of the sample's shape) and the sample type; the new state
// has the state's type.
// CHECK-LABEL: th.func @draws
// CHECK: %{{.*}}, %{{.*}} = random_draw "random_sample" %{{.*}}[%{{.*}}, %{{.*}} : tensor<i64>, tensor<i64>] : tensor<?xi64> -> tensor<?x3xf64>
// CHECK: random_draw "binomial" %{{.*}}[%{{.*}} : tensor<i64>] (%{{.*}}, %{{.*}} : tensor<4xi64>, tensor<4xf64>) : tensor<627xi64> -> tensor<4xi64>
// CHECK: random_draw "standard_normal" %{{.*}} : tensor<627xi64> -> tensor<f64>
th.func @draws(%s: tensor<?xi64>, %t: tensor<627xi64>, %n: tensor<i64>, %k: tensor<4xi64>, %p: tensor<4xf64>) -> (tensor<?xi64>, tensor<?x3xf64>, tensor<4xi64>, tensor<f64>) {
  %c3 = th.constant dense<3> : tensor<i64>
  %c4 = th.constant dense<4> : tensor<i64>
  %s1, %u = th.random_draw "random_sample" %s [%n, %c3 : tensor<i64>, tensor<i64>] : tensor<?xi64> -> tensor<?x3xf64>
  %t1, %b = th.random_draw "binomial" %t [%c4 : tensor<i64>] (%k, %p : tensor<4xi64>, tensor<4xf64>) : tensor<627xi64> -> tensor<4xi64>
  %t2, %z = th.random_draw "standard_normal" %t1 : tensor<627xi64> -> tensor<f64>
  th.return %s1, %u, %b, %z : tensor<?xi64>, tensor<?x3xf64>, tensor<4xi64>, tensor<f64>
}

// choice and permutation take parameters of their own shapes: the
// population, p and its tolerance; n.
// CHECK-LABEL: th.func @choice_permutation
// CHECK: random_draw "choice_unique" %{{.*}}[%{{.*}} : tensor<i64>] (%{{.*}}, %{{.*}}, %{{.*}} : tensor<i64>, tensor<?xf64>, tensor<f64>) : tensor<627xi64> -> tensor<3xi64>
// CHECK: random_draw "permutation" %{{.*}}[%{{.*}}, %{{.*}} : tensor<i64>, tensor<i64>] (%{{.*}} : tensor<i64>) : tensor<627xi64> -> tensor<2x?xi64>
th.func @choice_permutation(%t: tensor<627xi64>, %pop: tensor<i64>, %p: tensor<?xf64>, %atol: tensor<f64>) -> (tensor<3xi64>, tensor<2x?xi64>) {
  %c2 = th.constant dense<2> : tensor<i64>
  %c3 = th.constant dense<3> : tensor<i64>
  %t1, %c = th.random_draw "choice_unique" %t [%c3 : tensor<i64>] (%pop, %p, %atol : tensor<i64>, tensor<?xf64>, tensor<f64>) : tensor<627xi64> -> tensor<3xi64>
  %t2, %q = th.random_draw "permutation" %t1 [%c2, %pop : tensor<i64>, tensor<i64>] (%pop : tensor<i64>) : tensor<627xi64> -> tensor<2x?xi64>
  th.return %c, %q : tensor<3xi64>, tensor<2x?xi64>
}
