// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

th.func @short_state(%s: tensor<600xi64>) -> tensor<f64> {
  // expected-error @+1 {{'th.random_draw' op the state must have 627 words, got 'tensor<600xi64>'}}
  %s1, %u = th.random_draw "random_sample" %s : tensor<600xi64> -> tensor<f64>
  th.return %u : tensor<f64>
}

// -----

th.func @unknown(%s: tensor<627xi64>) -> tensor<f64> {
  // expected-error @+1 {{'th.random_draw' op unknown distribution 'poisson'}}
  %s1, %u = th.random_draw "poisson" %s : tensor<627xi64> -> tensor<f64>
  th.return %u : tensor<f64>
}

// -----

th.func @element_type(%s: tensor<627xi64>) -> tensor<i64> {
  // expected-error @+1 {{'th.random_draw' op a random_sample sample has element type 'f64', got 'i64'}}
  %s1, %u = th.random_draw "random_sample" %s : tensor<627xi64> -> tensor<i64>
  th.return %u : tensor<i64>
}

// -----

th.func @rank(%s: tensor<627xi64>, %n: tensor<i64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{'th.random_draw' op has 1 sizes for a sample of rank 2}}
  %s1, %u = th.random_draw "standard_normal" %s [%n : tensor<i64>] : tensor<627xi64> -> tensor<?x?xf64>
  th.return %u : tensor<?x?xf64>
}

// -----

th.func @missing_params(%s: tensor<627xi64>) -> tensor<i64> {
  // expected-error @+1 {{'th.random_draw' op a binomial draw takes 2 parameters, got 0}}
  %s1, %u = th.random_draw "binomial" %s : tensor<627xi64> -> tensor<i64>
  th.return %u : tensor<i64>
}

// -----

th.func @param_shape(%s: tensor<627xi64>, %n: tensor<3xi64>, %p: tensor<4xf64>) -> tensor<4xi64> {
  %c4 = th.constant dense<4> : tensor<i64>
  // expected-error @+1 {{'th.random_draw' op parameter 0 must have the sample's shape and element type 'i64', got 'tensor<3xi64>'}}
  %s1, %u = th.random_draw "binomial" %s [%c4 : tensor<i64>] (%n, %p : tensor<3xi64>, tensor<4xf64>) : tensor<627xi64> -> tensor<4xi64>
  th.return %u : tensor<4xi64>
}

// -----

th.func @choice_p_rank(%s: tensor<627xi64>, %pop: tensor<i64>, %p: tensor<2x2xf64>, %atol: tensor<f64>) -> tensor<i64> {
  // expected-error @+1 {{'th.random_draw' op parameter 1 must be a rank-1 tensor of 'f64', got 'tensor<2x2xf64>'}}
  %s1, %c = th.random_draw "choice" %s (%pop, %p, %atol : tensor<i64>, tensor<2x2xf64>, tensor<f64>) : tensor<627xi64> -> tensor<i64>
  th.return %c : tensor<i64>
}

// -----

th.func @permutation_rank(%s: tensor<627xi64>, %n: tensor<i64>) -> tensor<i64> {
  // expected-error @+1 {{'th.random_draw' op a permutation sample has rank at least 1 (its last size is n)}}
  %s1, %q = th.random_draw "permutation" %s (%n : tensor<i64>) : tensor<627xi64> -> tensor<i64>
  th.return %q : tensor<i64>
}
