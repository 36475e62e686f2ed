// RUN: tcc-opt %s -split-input-file -verify-diagnostics

func.func @grad_cost_not_scalar(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{'th.grad' op cost must be a scalar, got 'tensor<?xf64>'}}
  %g = th.grad %x wrt(%x) : tensor<?xf64>, (tensor<?xf64>) -> (tensor<?xf64>)
  return %g : tensor<?xf64>
}

// -----

func.func @grad_result_type(%x: tensor<?xf64>, %c: tensor<f64>) -> tensor<?xf32> {
  // expected-error @+1 {{'th.grad' op the gradient with respect to a 'tensor<?xf64>' must have its type, got 'tensor<?xf32>'}}
  %g = th.grad %c wrt(%x) : tensor<f64>, (tensor<?xf64>) -> (tensor<?xf32>)
  return %g : tensor<?xf32>
}

// -----

func.func @grad_seed_type(%x: tensor<?xf64>, %s: tensor<1xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{'th.grad' op the seed must have the cost's type 'tensor<?xf64>', got 'tensor<1xf64>'}}
  %g = th.grad %x seed %s : tensor<1xf64> wrt(%x) : tensor<?xf64>, (tensor<?xf64>) -> (tensor<?xf64>)
  return %g : tensor<?xf64>
}

// -----

func.func @jacobian_shape(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{'th.jacobian' op result must have the expression's length followed by the wrt's shape, got 'tensor<?xf64>'}}
  %j = th.jacobian %x wrt %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %j : tensor<?xf64>
}

// -----

func.func @shape_i_range(%x: tensor<?xf64>) -> tensor<i64> {
  // expected-error @+1 {{'th.shape_i' op dimension 1 is out of range for rank 1}}
  %n = th.shape_i %x[1] : tensor<?xf64> -> tensor<i64>
  return %n : tensor<i64>
}

// -----

func.func @stack_rows(%x: tensor<?xf64>, %m: tensor<?x?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{'th.stack' op yields 'tensor<?x?xf64>' but its rows are like 'tensor<?xf64>'}}
  %r = th.stack %x[0] rows like %x : tensor<?xf64>, tensor<?xf64> -> tensor<?x?xf64> {
  ^bb0(%i: tensor<i64>):
    th.yield %m : tensor<?x?xf64>
  }
  return %r : tensor<?x?xf64>
}
