// RUN: tcc-opt %s --th-grad | FileCheck %s
// RUN: tcc-opt %s --th-grad | FileCheck %s --check-prefix=NOGRAD

// th.grad is gone after the pass, everywhere.
// NOGRAD-NOT: grad

// Reverse mode through a broadcasting mul and a sum: d/dx = y broadcast to
// x's shape, d/dy = sum(x) kept as y's broadcastable dimension.
// CHECK-LABEL: th.func @broadcast_mul(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>, [[Y:%[^:]+]]: tensor<1xf64>)
// CHECK: [[P:%.*]] = mul [[X]], [[Y]]
// CHECK: [[ONE:%.*]] = constant dense<1.000000e+00> : tensor<f64>
// CHECK: [[ONEB:%.*]] = dimshuffle [[ONE]] pattern = [-1]
// CHECK: [[GP:%.*]] = second [[P]], [[ONEB]] : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
// CHECK-DAG: [[GYFULL:%.*]] = mul [[GP]], [[X]]
// CHECK-DAG: [[GX:%.*]] = mul [[GP]], [[Y]]
// CHECK: [[GYSUM:%.*]] = sum [[GYFULL]] axes = [0] : tensor<?xf64> -> tensor<f64>
// CHECK: [[GY:%.*]] = dimshuffle [[GYSUM]] pattern = [-1] : tensor<f64> -> tensor<1xf64>
// CHECK: return [[GX]], [[GY]]
th.func @broadcast_mul(%x: tensor<?xf64>, %y: tensor<1xf64>) -> (tensor<?xf64>, tensor<1xf64>) {
  %p = th.mul %x, %y : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %s = th.sum %p axes = [0] : tensor<?xf64> -> tensor<f64>
  %g:2 = th.grad %s wrt(%x, %y) : tensor<f64>, (tensor<?xf64>, tensor<1xf64>) -> (tensor<?xf64>, tensor<1xf64>)
  th.return %g#0, %g#1 : tensor<?xf64>, tensor<1xf64>
}

// Contributions along two paths are added: d/dx (x*x + exp(x)).
// CHECK-LABEL: th.func @two_paths(
// CHECK-SAME: [[X:%[^:]+]]: tensor<f64>)
// CHECK: [[E:%.*]] = exp [[X]]
// CHECK: add
// CHECK: [[GE:%.*]] = mul {{%[^,]+}}, [[E]]
// CHECK-DAG: [[G1:%.*]] = mul {{%[^,]+}}, [[X]]
// CHECK-DAG: [[G2:%.*]] = mul {{%[^,]+}}, [[X]]
// CHECK: [[ACC:%.*]] = add [[GE]], {{%[^ ]+}}
// CHECK: [[TOTAL:%.*]] = add [[ACC]], {{%[^ ]+}}
// CHECK: return [[TOTAL]]
th.func @two_paths(%x: tensor<f64>) -> tensor<f64> {
  %sq = th.mul %x, %x : tensor<f64>, tensor<f64> -> tensor<f64>
  %e = th.exp %x : tensor<f64>
  %c = th.add %sq, %e : tensor<f64>, tensor<f64> -> tensor<f64>
  %g = th.grad %c wrt(%x) : tensor<f64>, (tensor<f64>) -> (tensor<f64>)
  th.return %g : tensor<f64>
}

// consider_constant stops the gradient: d/dx (x * c) with c = exp(x)
// treated as a constant is c, with no exp derivative added.
// CHECK-LABEL: th.func @consider_constant(
// CHECK-SAME: [[X:%[^:]+]]: tensor<f64>)
// CHECK: [[C:%.*]] = exp [[X]]
// CHECK: mul [[X]], [[C]]
// CHECK: [[GX:%.*]] = mul {{%[^,]+}}, [[C]]
// CHECK-NOT: add
// CHECK: return [[GX]]
th.func @consider_constant(%x: tensor<f64>) -> tensor<f64> {
  %c = th.exp %x : tensor<f64>
  %p = th.mul %x, %c : tensor<f64>, tensor<f64> -> tensor<f64>
  %g = th.grad %p wrt(%x) consider_constant(%c) : tensor<f64>, (tensor<f64>), (tensor<f64>) -> (tensor<f64>)
  th.return %g : tensor<f64>
}

// A wrt the cost does not depend on gets zeros of its shape.
// CHECK-LABEL: th.func @disconnected(
// CHECK-SAME: [[X:%[^:]+]]: tensor<f64>, [[V:%[^:]+]]: tensor<?xf32>)
// CHECK: [[Z:%.*]] = constant dense<0.000000e+00> : tensor<f32>
// CHECK: [[ZB:%.*]] = dimshuffle [[Z]] pattern = [-1]
// CHECK: [[ZEROS:%.*]] = second [[V]], [[ZB]] : tensor<?xf32>, tensor<1xf32> -> tensor<?xf32>
// CHECK: return {{%[^,]+}}, [[ZEROS]]
th.func @disconnected(%x: tensor<f64>, %v: tensor<?xf32>) -> (tensor<f64>, tensor<?xf32>) {
  %t = th.tanh %x : tensor<f64>
  %g:2 = th.grad %t wrt(%x, %v) : tensor<f64>, (tensor<f64>, tensor<?xf32>) -> (tensor<f64>, tensor<?xf32>)
  th.return %g#0, %g#1 : tensor<f64>, tensor<?xf32>
}

// A shared variable is a wrt like any value (here its th.read).
// CHECK-LABEL: th.func @shared_wrt(
// CHECK: [[W:%.*]] = read @w : tensor<?xf64>
// CHECK: [[D:%.*]] = dot [[W]], [[W]]
// CHECK-DAG: mul {{%[^,]+}}, [[W]]
// CHECK: return
th.shared @w : tensor<?xf64> = dense<[1.0, 2.0]> : tensor<2xf64>
th.func @shared_wrt() -> tensor<?xf64> {
  %w = th.read @w : tensor<?xf64>
  %d = th.dot %w, %w : tensor<?xf64>, tensor<?xf64> -> tensor<f64>
  %g = th.grad %d wrt(%w) : tensor<f64>, (tensor<?xf64>) -> (tensor<?xf64>)
  th.return %g : tensor<?xf64>
}

// Join's gradient: each input's slice of the result gradient (an integer
// input gets none); join_piece's gradient joins it with zeros of the other
// pieces' shapes.
// CHECK-LABEL: th.func @join(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>, [[Y:%[^:]+]]: tensor<?xf64>)
// CHECK: [[J:%.*]] = join [[X]], [[Y]] axis = 0
// CHECK: [[G:%.*]] = second [[J]], {{%.*}}
// CHECK-DAG: [[GX:%.*]] = join_piece [[G]][0] of([[X]], [[Y]]) axis = 0
// CHECK-DAG: [[GY:%.*]] = join_piece [[G]][1] of([[X]], [[Y]]) axis = 0
// CHECK: return [[GX]], [[GY]]
th.func @join(%x: tensor<?xf64>, %y: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %j = th.join %x, %y axis = 0 : (tensor<?xf64>, tensor<?xf64>) -> tensor<?xf64>
  %s = th.sum %j axes = [0] : tensor<?xf64> -> tensor<f64>
  %g:2 = th.grad %s wrt(%x, %y) : tensor<f64>, (tensor<?xf64>, tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>)
  th.return %g#0, %g#1 : tensor<?xf64>, tensor<?xf64>
}

// CHECK-LABEL: th.func @join_piece(
// CHECK-SAME: [[G:%[^:]+]]: tensor<?xf64>, [[X:%[^:]+]]: tensor<?xf64>, [[Y:%[^:]+]]: tensor<?xf64>)
// CHECK: [[P:%.*]] = join_piece [[G]][1] of([[X]], [[Y]]) axis = 0
// CHECK: [[GP:%.*]] = second [[P]], {{%.*}}
// CHECK: [[ZEROS:%.*]] = second [[X]], {{%.*}} : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
// CHECK: [[GG:%.*]] = join [[ZEROS]], [[GP]] axis = 0
// CHECK: return [[GG]]
th.func @join_piece(%g: tensor<?xf64>, %x: tensor<?xf64>, %y: tensor<?xf64>) -> tensor<?xf64> {
  %p = th.join_piece %g[1] of(%x, %y) axis = 0 : tensor<?xf64>, (tensor<?xf64>, tensor<?xf64>) -> tensor<?xf64>
  %s = th.sum %p axes = [0] : tensor<?xf64> -> tensor<f64>
  %gg = th.grad %s wrt(%g) : tensor<f64>, (tensor<?xf64>) -> (tensor<?xf64>)
  th.return %gg : tensor<?xf64>
}

// Subtensor's gradient: g added into zeros of the input's shape at the same
// index list.
// CHECK-LABEL: th.func @subtensor(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK: [[P:%.*]] = subtensor [[X]][1:, 0]
// CHECK: [[G:%.*]] = second [[P]], {{%.*}}
// CHECK: [[ZEROS:%.*]] = second [[X]], {{%.*}} : tensor<?x?xf64>, tensor<1x1xf64> -> tensor<?x?xf64>
// CHECK: [[GX:%.*]] = inc_subtensor [[ZEROS]][1:, 0], [[G]]
// CHECK: return [[GX]]
th.func @subtensor(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %p = th.subtensor %x[1:, 0] : tensor<?x?xf64> -> tensor<?xf64>
  %s = th.sum %p axes = [0] : tensor<?xf64> -> tensor<f64>
  %g = th.grad %s wrt(%x) : tensor<f64>, (tensor<?x?xf64>) -> (tensor<?x?xf64>)
  th.return %g : tensor<?x?xf64>
}

// set_subtensor: the input's gradient is g with the region zeroed; the
// value's is the region of g summed over the dimensions it was broadcast
// along (rows, then the broadcastable column).
// CHECK-LABEL: th.func @set_subtensor(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>, [[Y:%[^:]+]]: tensor<1xf64>)
// CHECK: [[G:%.*]] = second
// CHECK: [[ZERO:%.*]] = constant dense<0.000000e+00> : tensor<f64>
// CHECK: [[GX:%.*]] = set_subtensor [[G]][::2], [[ZERO]]
// CHECK: [[R:%.*]] = subtensor [[G]][::2]
// CHECK: [[ROWS:%.*]] = sum [[R]] axes = [0] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK: [[COLS:%.*]] = sum [[ROWS]] axes = [0] : tensor<?xf64> -> tensor<f64>
// CHECK: [[GY:%.*]] = dimshuffle [[COLS]] pattern = [-1]
// CHECK: return [[GX]], [[GY]]
th.func @set_subtensor(%x: tensor<?x?xf64>, %y: tensor<1xf64>) -> (tensor<?x?xf64>, tensor<1xf64>) {
  %p = th.set_subtensor %x[::2], %y : tensor<?x?xf64>, tensor<1xf64> -> tensor<?x?xf64>
  %s = th.sum %p axes = [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g:2 = th.grad %s wrt(%x, %y) : tensor<f64>, (tensor<?x?xf64>, tensor<1xf64>) -> (tensor<?x?xf64>, tensor<1xf64>)
  th.return %g#0, %g#1 : tensor<?x?xf64>, tensor<1xf64>
}

// Advanced subtensor's gradient: g scattered (added) into zeros of the
// input's shape at the same index arrays.
// CHECK-LABEL: th.func @advanced_subtensor(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>, [[I:%[^:]+]]: tensor<?xi64>)
// CHECK: [[P:%.*]] = advanced_subtensor [[X]]{{\[}}[[I]]] axes [1]
// CHECK: [[G:%.*]] = second [[P]], {{%.*}}
// CHECK: [[ZEROS:%.*]] = second [[X]], {{%.*}} : tensor<?x?xf64>, tensor<1x1xf64> -> tensor<?x?xf64>
// CHECK: [[GX:%.*]] = advanced_inc_subtensor [[ZEROS]]{{\[}}[[I]]] axes [1], [[G]]
// CHECK: return [[GX]]
th.func @advanced_subtensor(%x: tensor<?x?xf64>, %i: tensor<?xi64>) -> tensor<?x?xf64> {
  %p = th.advanced_subtensor %x[%i] axes [1] : tensor<?x?xf64>[tensor<?xi64>] -> tensor<?x?xf64>
  %s = th.sum %p axes = [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g = th.grad %s wrt(%x) : tensor<f64>, (tensor<?x?xf64>) -> (tensor<?x?xf64>)
  th.return %g : tensor<?x?xf64>
}

// Advanced set_subtensor: the input's gradient is g with the indexed
// elements zeroed; the value's is g at the indices summed over the
// dimension it was broadcast along.
// CHECK-LABEL: th.func @advanced_set_subtensor(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>, [[I:%[^:]+]]: tensor<?xi64>, [[Y:%[^:]+]]: tensor<?xf64>)
// CHECK: [[G:%.*]] = second
// CHECK: [[ZERO:%.*]] = constant dense<0.000000e+00> : tensor<f64>
// CHECK: [[GX:%.*]] = advanced_set_subtensor [[G]]{{\[}}[[I]]] axes [0], [[ZERO]]
// CHECK: [[R:%.*]] = advanced_subtensor [[G]]{{\[}}[[I]]] axes [0]
// CHECK: [[GY:%.*]] = sum [[R]] axes = [0] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK: return [[GX]], [[GY]]
th.func @advanced_set_subtensor(%x: tensor<?x?xf64>, %i: tensor<?xi64>, %y: tensor<?xf64>) -> (tensor<?x?xf64>, tensor<?xf64>) {
  %p = th.advanced_set_subtensor %x[%i] axes [0], %y : tensor<?x?xf64>[tensor<?xi64>], tensor<?xf64> -> tensor<?x?xf64>
  %s = th.sum %p axes = [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g:2 = th.grad %s wrt(%x, %y) : tensor<f64>, (tensor<?x?xf64>, tensor<?xf64>) -> (tensor<?x?xf64>, tensor<?xf64>)
  th.return %g#0, %g#1 : tensor<?x?xf64>, tensor<?xf64>
}

// Reshape's gradient: g reshaped to the input's sizes.
// CHECK-LABEL: th.func @reshape(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK: [[G:%.*]] = second
// CHECK: [[D0:%.*]] = shape_i [[X]][0]
// CHECK: [[D1:%.*]] = shape_i [[X]][1]
// CHECK: [[GX:%.*]] = reshape [[G]], {{\[}}[[D0]], [[D1]]] : tensor<?xf64>, (tensor<i64>, tensor<i64>) -> tensor<?x?xf64>
// CHECK: return [[GX]]
th.func @reshape(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %m1 = th.constant dense<-1> : tensor<i64>
  %r = th.reshape %x, [%m1] : tensor<?x?xf64>, (tensor<i64>) -> tensor<?xf64>
  %s = th.sum %r axes = [0] : tensor<?xf64> -> tensor<f64>
  %g = th.grad %s wrt(%x) : tensor<f64>, (tensor<?x?xf64>) -> (tensor<?x?xf64>)
  th.return %g : tensor<?x?xf64>
}
