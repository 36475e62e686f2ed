// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg --mlir-print-local-scope | FileCheck %s
// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg --canonicalize | FileCheck %s --check-prefix=FOLD
// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg | FileCheck %s --check-prefix=NOTH

// th.conv2d and th.pool2d become linalg's conv_2d_nchw_fchw and
// pooling_nchw_max / pooling_nchw_sum on an input padded with tensor.pad
// (zeros for conv and sum, -inf for max); their gradients are
// linalg.generic ops: a reduction for the filters' gradient, a gather in an
// scf.if (skipped when the gradient is empty) for the input's. The FOLD
// lines show the static padded sizes canonicalization computes.

// No th op is left.
// NOTH-NOT: {{(^|[^a-z])th\.}}

//===----------------------------------------------------------------------===//
// th.conv2d
//===----------------------------------------------------------------------===//

// No padding: no tensor.pad; the result starts as zeros.
// CHECK-LABEL: func.func @conv_valid(
// CHECK-SAME: [[X:%[^:]+]]: tensor<2x3x9x8xf64>, [[W:%[^:]+]]: tensor<4x3x3x2xf64>)
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NOT: tensor.pad
// CHECK: [[EMPTY:%.*]] = tensor.empty() : tensor<2x4x7x7xf64>
// CHECK: [[INIT:%.*]] = linalg.fill ins([[ZERO]] : f64) outs([[EMPTY]] : tensor<2x4x7x7xf64>)
// CHECK: [[R:%.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
// CHECK-SAME: ins([[X]], [[W]] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>) outs([[INIT]] : tensor<2x4x7x7xf64>)
// CHECK: return [[R]]
func.func @conv_valid(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>) -> tensor<2x4x7x7xf64> {
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x7x7xf64>
  return %0 : tensor<2x4x7x7xf64>
}

// Theano's border_mode='full' (padding K - 1): zeros around the input.
// CHECK-LABEL: func.func @conv_full(
// CHECK-SAME: [[X:%[^:]+]]: tensor<2x3x9x8xf64>, [[W:%[^:]+]]: tensor<4x3x3x2xf64>)
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK: [[P:%.*]] = tensor.pad [[X]] low[0, 0, 2, 1] high[0, 0, 2, 1]
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: tensor.yield [[ZERO]] : f64
// CHECK-NEXT: } : tensor<2x3x9x8xf64> to tensor<2x3x13x10xf64>
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
// CHECK-SAME: ins([[P]], [[W]] : tensor<2x3x13x10xf64>, tensor<4x3x3x2xf64>) outs({{%.*}} : tensor<2x4x11x9xf64>)
func.func @conv_full(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>) -> tensor<2x4x11x9xf64> {
  %0 = th.conv2d %x, %w padding = [2, 1] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x11x9xf64>
  return %0 : tensor<2x4x11x9xf64>
}

// Dynamic sizes, f32, strides and dilations: the output's spatial sizes are
// (padded - ((K - 1) d + 1)) // s + 1, from tensor.dim of the padded input
// and of the filters.
// CHECK-LABEL: func.func @conv_strided(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?x?x?xf32>, [[W:%[^:]+]]: tensor<?x?x?x?xf32>)
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: [[C0:%.*]] = arith.constant 0 : index
// CHECK-DAG: [[C2:%.*]] = arith.constant 2 : index
// CHECK: [[P:%.*]] = tensor.pad [[X]] low[0, 0, 1, 2] high[0, 0, 1, 2]
// CHECK: tensor.yield [[ZERO]] : f32
// CHECK: [[N:%.*]] = tensor.dim [[P]], [[C0]] : tensor<?x?x?x?xf32>
// CHECK: [[F:%.*]] = tensor.dim [[W]], [[C0]] : tensor<?x?x?x?xf32>
// CHECK: [[KH:%.*]] = tensor.dim [[W]], [[C2]] : tensor<?x?x?x?xf32>
// CHECK: [[PH:%.*]] = tensor.dim [[P]], [[C2]] : tensor<?x?x?x?xf32>
// CHECK: arith.floordivsi %{{.*}}, [[C2]] : index
// CHECK: [[EMPTY:%.*]] = tensor.empty([[N]], [[F]], {{%.*}}, {{%.*}}) : tensor<?x?x?x?xf32>
// CHECK: [[INIT:%.*]] = linalg.fill ins([[ZERO]] : f32) outs([[EMPTY]] : tensor<?x?x?x?xf32>)
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<[2, 1]> : vector<2xi64>, strides = dense<[2, 3]> : vector<2xi64>}
// CHECK-SAME: ins([[P]], [[W]] : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) outs([[INIT]] : tensor<?x?x?x?xf32>)
func.func @conv_strided(%x: tensor<?x?x?x?xf32>, %w: tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32> {
  %0 = th.conv2d %x, %w padding = [1, 2] strides = [2, 3] dilations = [2, 1] : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>
  return %0 : tensor<?x?x?x?xf32>
}

//===----------------------------------------------------------------------===//
// th.pool2d
//===----------------------------------------------------------------------===//

// Max pads with -inf, which no element but NaN is below, and starts the
// result at -inf; the window is a shape-only tensor.empty.
// CHECK-LABEL: func.func @pool_max(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?x?x?xf64>)
// CHECK-DAG: [[NINF:%.*]] = arith.constant 0xFFF0000000000000 : f64
// CHECK: [[P:%.*]] = tensor.pad [[X]] low[0, 0, 1, 1] high[0, 0, {{%.*}}, {{%.*}}]
// CHECK: tensor.yield [[NINF]] : f64
// CHECK: [[EMPTY:%.*]] = tensor.empty({{.*}}) : tensor<?x?x?x?xf64>
// CHECK: [[INIT:%.*]] = linalg.fill ins([[NINF]] : f64) outs([[EMPTY]] : tensor<?x?x?x?xf64>)
// CHECK: [[WIN:%.*]] = tensor.empty() : tensor<3x3xf64>
// CHECK: [[R:%.*]] = linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
// CHECK-SAME: ins([[P]], [[WIN]] : tensor<?x?x?x?xf64>, tensor<3x3xf64>) outs([[INIT]] : tensor<?x?x?x?xf64>)
// CHECK: return [[R]]
func.func @pool_max(%x: tensor<?x?x?x?xf64>) -> tensor<?x?x?x?xf64> {
  %0 = th.pool2d %x max window = [3, 3] strides = [2, 2] padding = [1, 1] ignore_border : tensor<?x?x?x?xf64> -> tensor<?x?x?x?xf64>
  return %0 : tensor<?x?x?x?xf64>
}

// Without ignore_border the last window may reach past the image: rows of
// padding after it make it whole. Here the 4 column windows reach column
// 3 * 2 + 3 = 9 of 8: one column of -inf (f32).
// CHECK-LABEL: func.func @pool_max_border(
// CHECK-DAG: arith.constant 0xFF800000 : f32
// CHECK: linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
// CHECK-SAME: outs({{%.*}} : tensor<2x3x4x4xf32>)
// FOLD-LABEL: func.func @pool_max_border(
// FOLD: [[NINF:%.*]] = arith.constant 0xFF800000 : f32
// FOLD: [[P:%.*]] = tensor.pad %{{.*}} low[0, 0, 0, 0] high[0, 0, 0, 1]
// FOLD: tensor.yield [[NINF]] : f32
// FOLD: } : tensor<2x3x9x8xf32> to tensor<2x3x9x9xf32>
// FOLD: linalg.pooling_nchw_max {{.*}} ins([[P]], %{{.*}} : tensor<2x3x9x9xf32>, tensor<3x3xf32>) outs(%{{.*}} : tensor<2x3x4x4xf32>)
func.func @pool_max_border(%x: tensor<2x3x9x8xf32>) -> tensor<2x3x4x4xf32> {
  %0 = th.pool2d %x max window = [3, 3] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf32> -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}

// Sum pads with zeros and starts at zero; the 5 row windows of 9 rows
// reach row 10 (one row of padding).
// CHECK-LABEL: func.func @pool_sum(
// CHECK-SAME: [[X:%[^:]+]]: tensor<2x3x9x8xf64>)
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK: [[P:%.*]] = tensor.pad [[X]] low[0, 0, 0, 0]
// CHECK: tensor.yield [[ZERO]] : f64
// CHECK: [[INIT:%.*]] = linalg.fill ins([[ZERO]] : f64) outs({{%.*}} : tensor<2x3x5x4xf64>)
// CHECK: [[WIN:%.*]] = tensor.empty() : tensor<2x2xf64>
// CHECK: linalg.pooling_nchw_sum {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
// CHECK-SAME: ins([[P]], [[WIN]] : tensor<2x3x?x?xf64>, tensor<2x2xf64>) outs([[INIT]] : tensor<2x3x5x4xf64>)
// FOLD-LABEL: func.func @pool_sum(
// FOLD: tensor.pad %{{.*}} low[0, 0, 0, 0] high[0, 0, 1, 0]
// FOLD: } : tensor<2x3x9x8xf64> to tensor<2x3x10x8xf64>
// FOLD: linalg.pooling_nchw_sum
func.func @pool_sum(%x: tensor<2x3x9x8xf64>) -> tensor<2x3x5x4xf64> {
  %0 = th.pool2d %x sum window = [2, 2] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf64> -> tensor<2x3x5x4xf64>
  return %0 : tensor<2x3x5x4xf64>
}

//===----------------------------------------------------------------------===//
// th.conv2d_grad_filters
//===----------------------------------------------------------------------===//

// grad_filters[f, c, i, j] = sum over n, y, x of
//   grad[n, f, y, x] * padded[n, c, y * s0 + i * d0, x * s1 + j * d1]
// with loops (f, c, i, j, n, y, x), the last three reductions.
// CHECK-LABEL: func.func @conv_grad_filters(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?x?x?xf64>, [[W:%[^:]+]]: tensor<?x?x?x?xf64>, [[G:%[^:]+]]: tensor<?x?x?x?xf64>)
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK: [[P:%.*]] = tensor.pad [[X]] low[0, 0, 1, 0] high[0, 0, 1, 0]
// CHECK: tensor.yield [[ZERO]] : f64
// CHECK: [[EMPTY:%.*]] = tensor.empty({{.*}}) : tensor<?x?x?x?xf64>
// CHECK: [[INIT:%.*]] = linalg.fill ins([[ZERO]] : f64) outs([[EMPTY]] : tensor<?x?x?x?xf64>)
// CHECK: [[R:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d0, d5, d6)>, affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d1, d5 * 2 + d2, d6 + d3 * 3)>, affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>],
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins([[G]], [[P]] : tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>) outs([[INIT]] : tensor<?x?x?x?xf64>)
// CHECK-NEXT: ^bb0([[GV:%[^:]+]]: f64, [[XV:%[^:]+]]: f64, [[ACC:%[^:]+]]: f64):
// CHECK-NEXT: [[M:%.*]] = arith.mulf [[GV]], [[XV]] : f64
// CHECK-NEXT: [[S:%.*]] = arith.addf [[ACC]], [[M]] : f64
// CHECK-NEXT: linalg.yield [[S]] : f64
// CHECK: return [[R]]
func.func @conv_grad_filters(%x: tensor<?x?x?x?xf64>, %w: tensor<?x?x?x?xf64>, %g: tensor<?x?x?x?xf64>) -> tensor<?x?x?x?xf64> {
  %0 = th.conv2d_grad_filters %x, %w, %g padding = [1, 0] strides = [2, 1] dilations = [1, 3] : tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>
  return %0 : tensor<?x?x?x?xf64>
}

//===----------------------------------------------------------------------===//
// th.conv2d_grad_input
//===----------------------------------------------------------------------===//

// A gather over loops (n, c, y, x, f, i, j): grad is read with
// tensor.extract at the output position whose window covers (y, x) at tap
// (i, j), clamped to 0 (and the term dropped) where there is none. The
// generic sits in an scf.if on a non-empty gradient; else the zeros.
// CHECK-LABEL: func.func @conv_grad_input(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?x?x?xf64>, [[W:%[^:]+]]: tensor<?x?x?x?xf64>, [[G:%[^:]+]]: tensor<?x?x?x?xf64>)
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK-DAG: [[C0:%.*]] = arith.constant 0 : index
// CHECK-DAG: [[C2:%.*]] = arith.constant 2 : index
// CHECK-DAG: [[C3:%.*]] = arith.constant 3 : index
// CHECK-NOT: tensor.pad
// CHECK: [[ROWS:%.*]] = tensor.dim [[G]], [[C2]] : tensor<?x?x?x?xf64>
// CHECK: [[COLS:%.*]] = tensor.dim [[G]], [[C3]] : tensor<?x?x?x?xf64>
// CHECK: [[INIT:%.*]] = linalg.fill ins([[ZERO]] : f64) outs({{%.*}} : tensor<?x?x?x?xf64>)
// CHECK: [[HAS_ROWS:%.*]] = arith.cmpi sgt, [[ROWS]], [[C0]] : index
// CHECK: [[HAS_COLS:%.*]] = arith.cmpi sgt, [[COLS]], [[C0]] : index
// CHECK: [[NONEMPTY:%.*]] = arith.andi [[HAS_ROWS]], [[HAS_COLS]] : i1
// CHECK: [[R:%.*]] = scf.if [[NONEMPTY]] -> (tensor<?x?x?x?xf64>) {
// CHECK-NEXT: [[GI:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d1, d5, d6)>, affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>],
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins([[W]] : tensor<?x?x?x?xf64>) outs([[INIT]] : tensor<?x?x?x?xf64>)
// CHECK-NEXT: ^bb0([[WV:%[^:]+]]: f64, [[ACC:%[^:]+]]: f64):
// CHECK: [[N:%.*]] = linalg.index 0 : index
// CHECK: [[F:%.*]] = linalg.index 4 : index
// CHECK: arith.floordivsi %{{.*}}, [[C2]] : index
// CHECK: arith.cmpi slt, %{{.*}}, [[ROWS]] : index
// CHECK: arith.cmpi slt, %{{.*}}, [[COLS]] : index
// CHECK: [[OY:%.*]] = arith.select [[OK:%[^,]+]], %{{.*}}, [[C0]] : index
// CHECK-NEXT: [[OX:%.*]] = arith.select [[OK]], %{{.*}}, [[C0]] : index
// CHECK-NEXT: [[GV:%.*]] = tensor.extract [[G]][[[N]], [[F]], [[OY]], [[OX]]] : tensor<?x?x?x?xf64>
// CHECK-NEXT: [[M:%.*]] = arith.mulf [[GV]], [[WV]] : f64
// CHECK-NEXT: [[T:%.*]] = arith.select [[OK]], [[M]], [[ZERO]] : f64
// CHECK-NEXT: [[S:%.*]] = arith.addf [[ACC]], [[T]] : f64
// CHECK-NEXT: linalg.yield [[S]] : f64
// CHECK: scf.yield [[GI]] : tensor<?x?x?x?xf64>
// CHECK-NEXT: } else {
// CHECK-NEXT: scf.yield [[INIT]] : tensor<?x?x?x?xf64>
// CHECK: return [[R]]
func.func @conv_grad_input(%x: tensor<?x?x?x?xf64>, %w: tensor<?x?x?x?xf64>, %g: tensor<?x?x?x?xf64>) -> tensor<?x?x?x?xf64> {
  %0 = th.conv2d_grad_input %x, %w, %g padding = [1, 0] strides = [2, 1] dilations = [1, 3] : tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>
  return %0 : tensor<?x?x?x?xf64>
}

//===----------------------------------------------------------------------===//
// th.pool2d_grad
//===----------------------------------------------------------------------===//

// Max: loops (n, c, y, x) and two reductions sized by a shape-only operand
// (its shape is the lowering's choice, so not checked); an element gets
// grad from each window covering it whose maximum it is (output == input:
// ties all get it).
// CHECK-LABEL: func.func @pool_grad_max(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?x?x?xf64>, [[Y:%[^:]+]]: tensor<?x?x?x?xf64>, [[G:%[^:]+]]: tensor<?x?x?x?xf64>)
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK-DAG: [[C0:%.*]] = arith.constant 0 : index
// CHECK: [[WIN:%.*]] = tensor.empty() : tensor<{{[0-9]+x[0-9]+}}xf64>
// CHECK: [[INIT:%.*]] = linalg.fill ins([[ZERO]] : f64) outs({{%.*}} : tensor<?x?x?x?xf64>)
// CHECK: [[NONEMPTY:%.*]] = arith.andi
// CHECK: [[R:%.*]] = scf.if [[NONEMPTY]] -> (tensor<?x?x?x?xf64>) {
// CHECK-NEXT: [[GI:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>],
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins([[WIN]] : tensor<{{[0-9]+x[0-9]+}}xf64>) outs([[INIT]] : tensor<?x?x?x?xf64>)
// CHECK-NEXT: ^bb0(%{{[^:]+}}: f64, [[ACC:%[^:]+]]: f64):
// CHECK: [[N:%.*]] = linalg.index 0 : index
// CHECK-NEXT: [[C:%.*]] = linalg.index 1 : index
// CHECK-NEXT: [[YI:%.*]] = linalg.index 2 : index
// CHECK-NEXT: [[XI:%.*]] = linalg.index 3 : index
// CHECK: [[OY:%.*]] = arith.select [[OK:%[^,]+]], %{{.*}}, [[C0]] : index
// CHECK-NEXT: [[OX:%.*]] = arith.select [[OK]], %{{.*}}, [[C0]] : index
// CHECK-NEXT: [[GV:%.*]] = tensor.extract [[G]][[[N]], [[C]], [[OY]], [[OX]]] : tensor<?x?x?x?xf64>
// CHECK-NEXT: [[BEST:%.*]] = tensor.extract [[Y]][[[N]], [[C]], [[OY]], [[OX]]] : tensor<?x?x?x?xf64>
// CHECK-NEXT: [[MINE:%.*]] = tensor.extract [[X]][[[N]], [[C]], [[YI]], [[XI]]] : tensor<?x?x?x?xf64>
// CHECK-NEXT: [[EQ:%.*]] = arith.cmpf oeq, [[MINE]], [[BEST]] : f64
// CHECK-NEXT: [[TAKE:%.*]] = arith.andi [[OK]], [[EQ]] : i1
// CHECK-NEXT: [[T:%.*]] = arith.select [[TAKE]], [[GV]], [[ZERO]] : f64
// CHECK-NEXT: [[S:%.*]] = arith.addf [[ACC]], [[T]] : f64
// CHECK-NEXT: linalg.yield [[S]] : f64
// CHECK: scf.yield [[GI]] : tensor<?x?x?x?xf64>
// CHECK-NEXT: } else {
// CHECK-NEXT: scf.yield [[INIT]] : tensor<?x?x?x?xf64>
// CHECK: return [[R]]
func.func @pool_grad_max(%x: tensor<?x?x?x?xf64>, %y: tensor<?x?x?x?xf64>, %g: tensor<?x?x?x?xf64>) -> tensor<?x?x?x?xf64> {
  %0 = th.pool2d_grad %x, %y, %g max window = [3, 3] strides = [2, 2] padding = [1, 1] ignore_border : tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>
  return %0 : tensor<?x?x?x?xf64>
}

// Sum: every covering window's grad, neither the output nor the input read.
// CHECK-LABEL: func.func @pool_grad_sum(
// CHECK-SAME: [[X:%[^:]+]]: tensor<2x3x9x8xf32>, [[Y:%[^:]+]]: tensor<2x3x5x4xf32>, [[G:%[^:]+]]: tensor<2x3x5x4xf32>)
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f32
// CHECK: [[WIN:%.*]] = tensor.empty() : tensor<{{[0-9]+x[0-9]+}}xf32>
// CHECK: scf.if
// CHECK-NEXT: linalg.generic
// CHECK-SAME: ins([[WIN]] : tensor<{{[0-9]+x[0-9]+}}xf32>) outs({{%.*}} : tensor<2x3x9x8xf32>)
// CHECK: arith.select [[OK:%[^,]+]], %{{.*}}, %{{.*}} : index
// CHECK: [[GV:%.*]] = tensor.extract [[G]][{{.*}}] : tensor<2x3x5x4xf32>
// CHECK-NOT: tensor.extract
// CHECK-NOT: arith.cmpf
// CHECK-NEXT: [[T:%.*]] = arith.select [[OK]], [[GV]], [[ZERO]] : f32
// CHECK-NEXT: arith.addf %{{.*}}, [[T]] : f32
// CHECK-NEXT: linalg.yield
func.func @pool_grad_sum(%x: tensor<2x3x9x8xf32>, %y: tensor<2x3x5x4xf32>, %g: tensor<2x3x5x4xf32>) -> tensor<2x3x9x8xf32> {
  %0 = th.pool2d_grad %x, %y, %g sum window = [2, 2] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf32>, tensor<2x3x5x4xf32>, tensor<2x3x5x4xf32>
  return %0 : tensor<2x3x9x8xf32>
}

//===----------------------------------------------------------------------===//
// th.ultra_fast_sigmoid
//===----------------------------------------------------------------------===//

// Theano's UltraFastScalarSigmoid: with h = x / 2 and a = |h|,
// z = 1.5 a / (1 + a) below 1.7, 0.935409070603099 + 0.0458812946797165
// (a - 1.7) below 3, else 0.99505475368673; -z where h is not >= 0 (so NaN
// takes the last piece); the result is (z + 1) / 2.
// CHECK-LABEL: func.func @ultra_fast_sigmoid(
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK-DAG: [[THREE:%.*]] = arith.constant 3.000000e+00 : f64
// CHECK-DAG: [[TOP:%.*]] = arith.constant 0.99505475368673002 : f64
// CHECK-DAG: [[BASE:%.*]] = arith.constant 0.93540907060309897 : f64
// CHECK-DAG: [[SLOPE:%.*]] = arith.constant 0.045881294679716501 : f64
// CHECK-DAG: [[KNEE:%.*]] = arith.constant 1.700000e+00 : f64
// CHECK-DAG: [[ONEHALF:%.*]] = arith.constant 1.500000e+00 : f64
// CHECK-DAG: [[ONE:%.*]] = arith.constant 1.000000e+00 : f64
// CHECK-DAG: [[HALF:%.*]] = arith.constant 5.000000e-01 : f64
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0([[X:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: [[H:%.*]] = arith.mulf [[HALF]], [[X]] : f64
// CHECK-NEXT: [[A:%.*]] = math.absf [[H]] : f64
// CHECK-NEXT: [[DEN:%.*]] = arith.addf [[ONE]], [[A]] : f64
// CHECK-NEXT: [[NUM:%.*]] = arith.mulf [[ONEHALF]], [[A]] : f64
// CHECK-NEXT: [[RAT:%.*]] = arith.divf [[NUM]], [[DEN]] : f64
// CHECK-NEXT: [[OFF:%.*]] = arith.subf [[A]], [[KNEE]] : f64
// CHECK-NEXT: [[LIN0:%.*]] = arith.mulf [[SLOPE]], [[OFF]] : f64
// CHECK-NEXT: [[LIN:%.*]] = arith.addf [[BASE]], [[LIN0]] : f64
// CHECK-NEXT: [[LT3:%.*]] = arith.cmpf olt, [[A]], [[THREE]] : f64
// CHECK-NEXT: [[OUTER:%.*]] = arith.select [[LT3]], [[LIN]], [[TOP]] : f64
// CHECK-NEXT: [[LTK:%.*]] = arith.cmpf olt, [[A]], [[KNEE]] : f64
// CHECK-NEXT: [[Z:%.*]] = arith.select [[LTK]], [[RAT]], [[OUTER]] : f64
// CHECK-NEXT: [[POS:%.*]] = arith.cmpf oge, [[H]], [[ZERO]] : f64
// CHECK-NEXT: [[NZ:%.*]] = arith.negf [[Z]] : f64
// CHECK-NEXT: [[SZ:%.*]] = arith.select [[POS]], [[Z]], [[NZ]] : f64
// CHECK-NEXT: [[Z1:%.*]] = arith.addf [[SZ]], [[ONE]] : f64
// CHECK-NEXT: [[R:%.*]] = arith.mulf [[HALF]], [[Z1]] : f64
// CHECK-NEXT: linalg.yield [[R]] : f64
func.func @ultra_fast_sigmoid(%x: tensor<?x4xf64>) -> tensor<?x4xf64> {
  %0 = th.ultra_fast_sigmoid %x : tensor<?x4xf64>
  return %0 : tensor<?x4xf64>
}

// f32: the same body on f32 constants.
// CHECK-LABEL: func.func @ultra_fast_sigmoid_f32(
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0([[X:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: [[H:%.*]] = arith.mulf %{{.*}}, [[X]] : f32
// CHECK-NEXT: math.absf [[H]] : f32
// CHECK: arith.select
// CHECK: linalg.yield %{{.*}} : f32
func.func @ultra_fast_sigmoid_f32(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = th.ultra_fast_sigmoid %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
