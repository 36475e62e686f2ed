// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s
// RUN: %tcc-opt %s -mlir-print-op-generic | %tcc-opt | FileCheck %s
// RUN: %tcc-opt %s -mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// th.conv2d, th.pool2d and their gradient ops parse, print and parse again
// to the same IR, in custom and generic form. th.conv2d and th.pool2d infer
// their result type (InferTypeOpInterface), and the verifier accepts only
// that type, so every result type written here is the inferred one: static
// where the sizes give one, except a computed spatial size of 1, which stays
// dynamic (Theano's conv and pool results are never broadcastable there).
// Inside a th.func the printer drops the `th.` prefix.

//===----------------------------------------------------------------------===//
// th.conv2d
//===----------------------------------------------------------------------===//

// (H + 2 p - ((K - 1) d + 1)) // s + 1 rows, and so for columns.
// CHECK-LABEL: th.func @conv(
// CHECK-SAME: [[X:%[^:]+]]: tensor<2x3x9x8xf64>, [[W:%[^:]+]]: tensor<4x3x3x2xf64>, [[XS:%[^:]+]]: tensor<2x3x3x8xf64>, [[XF:%[^:]+]]: tensor<2x3x9x8xf32>, [[WF:%[^:]+]]: tensor<4x3x3x2xf32>)
// 9 - 3 + 1 = 7 rows, 8 - 2 + 1 = 7 columns.
// CHECK-NEXT: [[V:%.*]] = conv2d [[X]], [[W]] padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x7x7xf64>
// Theano's border_mode='full': padding K - 1; 9 + 4 - 3 + 1 = 11, 8 + 2 - 2 + 1 = 9.
// CHECK-NEXT: [[FULL:%.*]] = conv2d [[X]], [[W]] padding = [2, 1] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x11x9xf64>
// (9 + 2 - 5) // 2 + 1 = 4 rows, (8 + 4 - 2) // 3 + 1 = 4 columns.
// CHECK-NEXT: [[SD:%.*]] = conv2d [[XF]], [[WF]] padding = [1, 2] strides = [2, 3] dilations = [2, 1] : tensor<2x3x9x8xf32>, tensor<4x3x3x2xf32> -> tensor<2x4x4x4xf32>
// One row: dynamic.
// CHECK-NEXT: [[ONE:%.*]] = conv2d [[XS]], [[W]] padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x3x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x?x7xf64>
// CHECK-NEXT: return [[V]], [[FULL]], [[SD]], [[ONE]] : tensor<2x4x7x7xf64>, tensor<2x4x11x9xf64>, tensor<2x4x4x4xf32>, tensor<2x4x?x7xf64>
// GENERIC-LABEL: sym_name = "conv"
// GENERIC: "th.conv2d"(%{{.*}}, %{{.*}}) <{dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, strides = array<i64: 1, 1>}> : (tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>) -> tensor<2x4x7x7xf64>
// GENERIC: "th.conv2d"(%{{.*}}, %{{.*}}) <{dilations = array<i64: 1, 1>, padding = array<i64: 2, 1>, strides = array<i64: 1, 1>}>
// GENERIC: "th.conv2d"(%{{.*}}, %{{.*}}) <{dilations = array<i64: 2, 1>, padding = array<i64: 1, 2>, strides = array<i64: 2, 3>}> : (tensor<2x3x9x8xf32>, tensor<4x3x3x2xf32>) -> tensor<2x4x4x4xf32>
th.func @conv(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>, %xs: tensor<2x3x3x8xf64>, %xf: tensor<2x3x9x8xf32>, %wf: tensor<4x3x3x2xf32>) -> (tensor<2x4x7x7xf64>, tensor<2x4x11x9xf64>, tensor<2x4x4x4xf32>, tensor<2x4x?x7xf64>) {
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x7x7xf64>
  %1 = th.conv2d %x, %w padding = [2, 1] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x11x9xf64>
  %2 = th.conv2d %xf, %wf padding = [1, 2] strides = [2, 3] dilations = [2, 1] : tensor<2x3x9x8xf32>, tensor<4x3x3x2xf32> -> tensor<2x4x4x4xf32>
  %3 = th.conv2d %xs, %w padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x3x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x?x7xf64>
  th.return %0, %1, %2, %3 : tensor<2x4x7x7xf64>, tensor<2x4x11x9xf64>, tensor<2x4x4x4xf32>, tensor<2x4x?x7xf64>
}

// Dynamic sizes: the batch comes from the input, the output channels from
// the filters; a spatial size is static only when both the input's and the
// filters' are.
// CHECK-LABEL: th.func @conv_dynamic(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x3x?x8xf64>, [[W:%[^:]+]]: tensor<4x?x3x?xf64>, [[XD:%[^:]+]]: tensor<?x?x9x8xf64>, [[WD:%[^:]+]]: tensor<?x?x3x2xf64>)
// CHECK-NEXT: [[A:%.*]] = conv2d [[X]], [[W]] padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<?x3x?x8xf64>, tensor<4x?x3x?xf64> -> tensor<?x4x?x?xf64>
// CHECK-NEXT: [[B:%.*]] = conv2d [[XD]], [[WD]] padding = [1, 1] strides = [2, 2] dilations = [1, 1] : tensor<?x?x9x8xf64>, tensor<?x?x3x2xf64> -> tensor<?x?x5x5xf64>
// CHECK-NEXT: return [[A]], [[B]]
th.func @conv_dynamic(%x: tensor<?x3x?x8xf64>, %w: tensor<4x?x3x?xf64>, %xd: tensor<?x?x9x8xf64>, %wd: tensor<?x?x3x2xf64>) -> (tensor<?x4x?x?xf64>, tensor<?x?x5x5xf64>) {
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<?x3x?x8xf64>, tensor<4x?x3x?xf64> -> tensor<?x4x?x?xf64>
  %1 = th.conv2d %xd, %wd padding = [1, 1] strides = [2, 2] dilations = [1, 1] : tensor<?x?x9x8xf64>, tensor<?x?x3x2xf64> -> tensor<?x?x5x5xf64>
  th.return %0, %1 : tensor<?x4x?x?xf64>, tensor<?x?x5x5xf64>
}

//===----------------------------------------------------------------------===//
// th.conv2d_grad_input / th.conv2d_grad_filters
//===----------------------------------------------------------------------===//

// The result has the type of the input (grad_input) or of the filters
// (grad_filters); grad has the convolution's result type, or a less static
// one.
// CHECK-LABEL: th.func @conv_grads(
// CHECK-SAME: [[X:%[^:]+]]: tensor<2x3x9x8xf64>, [[W:%[^:]+]]: tensor<4x3x3x2xf64>, [[G:%[^:]+]]: tensor<2x4x7x7xf64>, [[GD:%[^:]+]]: tensor<?x?x?x?xf64>)
// CHECK-NEXT: [[GI:%.*]] = conv2d_grad_input [[X]], [[W]], [[G]] padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x4x7x7xf64>
// CHECK-NEXT: [[GF:%.*]] = conv2d_grad_filters [[X]], [[W]], [[G]] padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x4x7x7xf64>
// CHECK-NEXT: [[GID:%.*]] = conv2d_grad_input [[X]], [[W]], [[GD]] padding = [1, 0] strides = [2, 1] dilations = [1, 2] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<?x?x?x?xf64>
// CHECK-NEXT: return [[GI]], [[GF]], [[GID]] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x3x9x8xf64>
// GENERIC-LABEL: sym_name = "conv_grads"
// GENERIC: "th.conv2d_grad_input"(%{{.*}}, %{{.*}}, %{{.*}}) <{dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, strides = array<i64: 1, 1>}> : (tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x4x7x7xf64>) -> tensor<2x3x9x8xf64>
// GENERIC: "th.conv2d_grad_filters"(%{{.*}}, %{{.*}}, %{{.*}}) <{dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, strides = array<i64: 1, 1>}> : (tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x4x7x7xf64>) -> tensor<4x3x3x2xf64>
th.func @conv_grads(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>, %g: tensor<2x4x7x7xf64>, %gd: tensor<?x?x?x?xf64>) -> (tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x3x9x8xf64>) {
  %0 = th.conv2d_grad_input %x, %w, %g padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x4x7x7xf64>
  %1 = th.conv2d_grad_filters %x, %w, %g padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x4x7x7xf64>
  %2 = th.conv2d_grad_input %x, %w, %gd padding = [1, 0] strides = [2, 1] dilations = [1, 2] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<?x?x?x?xf64>
  th.return %0, %1, %2 : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x3x9x8xf64>
}

// All dynamic, f32, in a func.func (the `th.` prefix stays).
// CHECK-LABEL: func.func @conv_grads_dynamic(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?x?x?xf32>, [[W:%[^:]+]]: tensor<?x?x?x?xf32>, [[G:%[^:]+]]: tensor<?x?x?x?xf32>)
// CHECK-NEXT: [[GI:%.*]] = th.conv2d_grad_input [[X]], [[W]], [[G]] padding = [2, 2] strides = [3, 3] dilations = [2, 2] : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
// CHECK-NEXT: [[GF:%.*]] = th.conv2d_grad_filters [[X]], [[W]], [[G]] padding = [2, 2] strides = [3, 3] dilations = [2, 2] : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
// CHECK-NEXT: return [[GI]], [[GF]]
func.func @conv_grads_dynamic(%x: tensor<?x?x?x?xf32>, %w: tensor<?x?x?x?xf32>, %g: tensor<?x?x?x?xf32>) -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %0 = th.conv2d_grad_input %x, %w, %g padding = [2, 2] strides = [3, 3] dilations = [2, 2] : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
  %1 = th.conv2d_grad_filters %x, %w, %g padding = [2, 2] strides = [3, 3] dilations = [2, 2] : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
  return %0, %1 : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

//===----------------------------------------------------------------------===//
// th.pool2d
//===----------------------------------------------------------------------===//

// Both modes; `ignore_border` prints only when set.
// CHECK-LABEL: th.func @pool(
// CHECK-SAME: [[X:%[^:]+]]: tensor<2x3x9x8xf64>, [[S:%[^:]+]]: tensor<2x3x2x2xf32>)
// ignore_border: (9 + 2 - 3) // 2 + 1 = 5 rows, (8 + 2 - 3) // 2 + 1 = 4 columns.
// CHECK-NEXT: [[MAXP:%.*]] = pool2d [[X]] max window = [3, 3] strides = [2, 2] padding = [1, 1] ignore_border : tensor<2x3x9x8xf64> -> tensor<2x3x5x4xf64>
// Without: stride >= window, (9 - 1) // 2 + 1 = 5, (8 - 1) // 2 + 1 = 4.
// CHECK-NEXT: [[SUM:%.*]] = pool2d [[X]] sum window = [2, 2] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf64> -> tensor<2x3x5x4xf64>
// The same with ignore_border drops the partial last row window.
// CHECK-NEXT: [[SUMI:%.*]] = pool2d [[X]] sum window = [2, 2] strides = [2, 2] padding = [0, 0] ignore_border : tensor<2x3x9x8xf64> -> tensor<2x3x4x4xf64>
// Without, stride < window: max(0, (9 - 1 - 3 + 1) // 1) + 1 = 7,
// max(0, (8 - 1 - 3 + 2) // 2) + 1 = 4.
// CHECK-NEXT: [[OVER:%.*]] = pool2d [[X]] max window = [3, 3] strides = [1, 2] padding = [0, 0] : tensor<2x3x9x8xf64> -> tensor<2x3x7x4xf64>
// A window larger than the image still gives one (clipped) window: dynamic.
// CHECK-NEXT: [[SMALL:%.*]] = pool2d [[S]] max window = [3, 3] strides = [3, 3] padding = [0, 0] : tensor<2x3x2x2xf32> -> tensor<2x3x?x?xf32>
// CHECK-NEXT: return [[MAXP]], [[SUM]], [[SUMI]], [[OVER]], [[SMALL]]
// GENERIC-LABEL: sym_name = "pool"
// GENERIC: "th.pool2d"(%{{.*}}) <{ignore_border, mode = 0 : i32, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>, window = array<i64: 3, 3>}> : (tensor<2x3x9x8xf64>) -> tensor<2x3x5x4xf64>
// GENERIC: "th.pool2d"(%{{.*}}) <{mode = 1 : i32, padding = array<i64: 0, 0>, strides = array<i64: 2, 2>, window = array<i64: 2, 2>}> : (tensor<2x3x9x8xf64>) -> tensor<2x3x5x4xf64>
th.func @pool(%x: tensor<2x3x9x8xf64>, %s: tensor<2x3x2x2xf32>) -> (tensor<2x3x5x4xf64>, tensor<2x3x5x4xf64>, tensor<2x3x4x4xf64>, tensor<2x3x7x4xf64>, tensor<2x3x?x?xf32>) {
  %0 = th.pool2d %x max window = [3, 3] strides = [2, 2] padding = [1, 1] ignore_border : tensor<2x3x9x8xf64> -> tensor<2x3x5x4xf64>
  %1 = th.pool2d %x sum window = [2, 2] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf64> -> tensor<2x3x5x4xf64>
  %2 = th.pool2d %x sum window = [2, 2] strides = [2, 2] padding = [0, 0] ignore_border : tensor<2x3x9x8xf64> -> tensor<2x3x4x4xf64>
  %3 = th.pool2d %x max window = [3, 3] strides = [1, 2] padding = [0, 0] : tensor<2x3x9x8xf64> -> tensor<2x3x7x4xf64>
  %4 = th.pool2d %s max window = [3, 3] strides = [3, 3] padding = [0, 0] : tensor<2x3x2x2xf32> -> tensor<2x3x?x?xf32>
  th.return %0, %1, %2, %3, %4 : tensor<2x3x5x4xf64>, tensor<2x3x5x4xf64>, tensor<2x3x4x4xf64>, tensor<2x3x7x4xf64>, tensor<2x3x?x?xf32>
}

// Dynamic sizes stay dynamic; the batch and the channels pass through.
// CHECK-LABEL: th.func @pool_dynamic(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x5x?x8xf32>)
// CHECK-NEXT: [[P:%.*]] = pool2d [[X]] max window = [2, 2] strides = [2, 2] padding = [0, 0] ignore_border : tensor<?x5x?x8xf32> -> tensor<?x5x?x4xf32>
// CHECK-NEXT: [[Q:%.*]] = pool2d [[X]] sum window = [2, 3] strides = [1, 1] padding = [1, 2] ignore_border : tensor<?x5x?x8xf32> -> tensor<?x5x?x10xf32>
// CHECK-NEXT: return [[P]], [[Q]]
th.func @pool_dynamic(%x: tensor<?x5x?x8xf32>) -> (tensor<?x5x?x4xf32>, tensor<?x5x?x10xf32>) {
  %0 = th.pool2d %x max window = [2, 2] strides = [2, 2] padding = [0, 0] ignore_border : tensor<?x5x?x8xf32> -> tensor<?x5x?x4xf32>
  %1 = th.pool2d %x sum window = [2, 3] strides = [1, 1] padding = [1, 2] ignore_border : tensor<?x5x?x8xf32> -> tensor<?x5x?x10xf32>
  th.return %0, %1 : tensor<?x5x?x4xf32>, tensor<?x5x?x10xf32>
}

//===----------------------------------------------------------------------===//
// th.pool2d_grad
//===----------------------------------------------------------------------===//

// The result has the input's type; output and grad the pooling's result
// type (or a less static one).
// CHECK-LABEL: th.func @pool_grads(
// CHECK-SAME: [[X:%[^:]+]]: tensor<2x3x9x8xf64>, [[Y:%[^:]+]]: tensor<2x3x5x4xf64>, [[G:%[^:]+]]: tensor<2x3x5x4xf64>, [[GD:%[^:]+]]: tensor<?x?x?x?xf64>)
// CHECK-NEXT: [[A:%.*]] = pool2d_grad [[X]], [[Y]], [[G]] max window = [3, 3] strides = [2, 2] padding = [1, 1] ignore_border : tensor<2x3x9x8xf64>, tensor<2x3x5x4xf64>, tensor<2x3x5x4xf64>
// CHECK-NEXT: [[B:%.*]] = pool2d_grad [[X]], [[Y]], [[GD]] sum window = [2, 2] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf64>, tensor<2x3x5x4xf64>, tensor<?x?x?x?xf64>
// CHECK-NEXT: return [[A]], [[B]] : tensor<2x3x9x8xf64>, tensor<2x3x9x8xf64>
// GENERIC-LABEL: sym_name = "pool_grads"
// GENERIC: "th.pool2d_grad"(%{{.*}}, %{{.*}}, %{{.*}}) <{ignore_border, mode = 0 : i32, padding = array<i64: 1, 1>, strides = array<i64: 2, 2>, window = array<i64: 3, 3>}> : (tensor<2x3x9x8xf64>, tensor<2x3x5x4xf64>, tensor<2x3x5x4xf64>) -> tensor<2x3x9x8xf64>
// GENERIC: "th.pool2d_grad"(%{{.*}}, %{{.*}}, %{{.*}}) <{mode = 1 : i32, padding = array<i64: 0, 0>, strides = array<i64: 2, 2>, window = array<i64: 2, 2>}> : (tensor<2x3x9x8xf64>, tensor<2x3x5x4xf64>, tensor<?x?x?x?xf64>) -> tensor<2x3x9x8xf64>
th.func @pool_grads(%x: tensor<2x3x9x8xf64>, %y: tensor<2x3x5x4xf64>, %g: tensor<2x3x5x4xf64>, %gd: tensor<?x?x?x?xf64>) -> (tensor<2x3x9x8xf64>, tensor<2x3x9x8xf64>) {
  %0 = th.pool2d_grad %x, %y, %g max window = [3, 3] strides = [2, 2] padding = [1, 1] ignore_border : tensor<2x3x9x8xf64>, tensor<2x3x5x4xf64>, tensor<2x3x5x4xf64>
  %1 = th.pool2d_grad %x, %y, %gd sum window = [2, 2] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf64>, tensor<2x3x5x4xf64>, tensor<?x?x?x?xf64>
  th.return %0, %1 : tensor<2x3x9x8xf64>, tensor<2x3x9x8xf64>
}

//===----------------------------------------------------------------------===//
// th.ultra_fast_sigmoid
//===----------------------------------------------------------------------===//

// CHECK-LABEL: th.func @ultra_fast_sigmoid(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x1xf32>, [[Y:%[^:]+]]: tensor<3xf64>)
// CHECK-NEXT: [[A:%.*]] = ultra_fast_sigmoid [[X]] : tensor<?x1xf32>
// CHECK-NEXT: [[B:%.*]] = ultra_fast_sigmoid [[Y]] : tensor<3xf64>
// CHECK-NEXT: return [[A]], [[B]] : tensor<?x1xf32>, tensor<3xf64>
// GENERIC: "th.ultra_fast_sigmoid"(%{{.*}}) : (tensor<?x1xf32>) -> tensor<?x1xf32>
th.func @ultra_fast_sigmoid(%x: tensor<?x1xf32>, %y: tensor<3xf64>) -> (tensor<?x1xf32>, tensor<3xf64>) {
  %0 = th.ultra_fast_sigmoid %x : tensor<?x1xf32>
  %1 = th.ultra_fast_sigmoid %y : tensor<3xf64>
  th.return %0, %1 : tensor<?x1xf32>, tensor<3xf64>
}
