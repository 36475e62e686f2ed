// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg=conv-gemm --mlir-print-local-scope | FileCheck %s
// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg --mlir-print-local-scope | FileCheck %s --check-prefix=DIRECT

// With conv-gemm (the CPU at -O1 and up), th.conv2d and its gradients are
// one matrix product per sample over im2col columns, which
// tcc-linalg-to-blas makes a BLAS gemm; without it (-O0, the GPU) they stay
// linalg's convolution and the generic reductions and gathers.

// conv2d: a loop over the samples; each gathers its padded sample at every
// tap of every window (strides 2 and 1 in the read map) into a
// [C*KH*KW, OH*OW] matrix and multiplies the filters, [F, C*KH*KW], by it
// into its row of the [N, F, OH*OW] result, zeroed first.
// CHECK-LABEL: func.func @conv(
// CHECK-SAME: [[X:%[^:]+]]: tensor<2x3x9x8xf64>, [[W:%[^:]+]]: tensor<4x3x3x2xf64>)
// CHECK-NOT: linalg.conv_2d
// CHECK: [[WM:%.*]] = tensor.reshape [[W]]({{.*}}) : (tensor<4x3x3x2xf64>, tensor<2xindex>) -> tensor<?x?xf64>
// CHECK: [[OUT:%.*]] = tensor.empty({{.*}}) : tensor<?x?x?xf64>
// CHECK: [[LOOP:%.*]] = scf.for [[N:%.*]] = %c0 to %{{.*}} step %c1 iter_args([[ACC:%.*]] = [[OUT]]) -> (tensor<?x?x?xf64>) {
// CHECK:   [[SAMPLE:%.*]] = tensor.extract_slice [[X]][[[N]], 0, 0, 0] [1, %{{.*}}, %{{.*}}, %{{.*}}] [1, 1, 1, 1] : tensor<2x3x9x8xf64> to tensor<?x?x?xf64>
// CHECK:   [[TAPS:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d3 * 2 + d1, d2 + d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins([[SAMPLE]] : tensor<?x?x?xf64>)
// CHECK:   [[COLS:%.*]] = tensor.reshape [[TAPS]]({{.*}}) : (tensor<?x?x?x?x?xf64>, tensor<2xindex>) -> tensor<?x?xf64>
// CHECK:   [[ROW:%.*]] = tensor.extract_slice [[ACC]][[[N]], 0, 0]
// CHECK:   [[ZERO:%.*]] = linalg.fill ins(%{{.*}} : f64) outs([[ROW]] : tensor<?x?xf64>)
// CHECK:   [[PROD:%.*]] = linalg.matmul ins([[WM]], [[COLS]] : tensor<?x?xf64>, tensor<?x?xf64>) outs([[ZERO]] : tensor<?x?xf64>)
// CHECK:   [[NEXT:%.*]] = tensor.insert_slice [[PROD]] into [[ACC]][[[N]], 0, 0]
// CHECK:   scf.yield [[NEXT]]
// CHECK: [[R:%.*]] = tensor.reshape [[LOOP]]({{.*}}) : (tensor<?x?x?xf64>, tensor<4xindex>) -> tensor<?x?x?x?xf64>
// CHECK: [[CAST:%.*]] = tensor.cast [[R]] : tensor<?x?x?x?xf64> to tensor<2x4x4x7xf64>
// CHECK: return [[CAST]]
// DIRECT-LABEL: func.func @conv(
// DIRECT: linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<[2, 1]> : vector<2xi64>}
func.func @conv(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>) -> tensor<2x4x4x7xf64> {
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [2, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x4x7xf64>
  return %0 : tensor<2x4x4x7xf64>
}

// The filters' gradient: the padded input's columns laid out transposed,
// [OH*OW, C*KH*KW] (the loops follow the result: (oy, ox, c, i, j), with
// stride 2 and dilation 1 on rows, stride 1 and dilation 3 on columns);
// each sample's gradient row, [F, OH*OW], times them accumulates into the
// carried [F, C*KH*KW] sum, which starts at zero.
// CHECK-LABEL: func.func @grad_filters(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?x?x?xf64>, [[W:%[^:]+]]: tensor<?x?x?x?xf64>, [[G:%[^:]+]]: tensor<?x?x?x?xf64>)
// CHECK: [[P:%.*]] = tensor.pad [[X]] low[0, 0, 1, 0] high[0, 0, 1, 0]
// CHECK: [[GM:%.*]] = tensor.reshape [[G]]({{.*}}) : (tensor<?x?x?x?xf64>, tensor<3xindex>) -> tensor<?x?x?xf64>
// CHECK: [[ZERO:%.*]] = linalg.fill ins(%{{.*}} : f64) outs(%{{.*}} : tensor<?x?xf64>)
// CHECK: [[LOOP:%.*]] = scf.for [[N:%.*]] = %c0 to %{{.*}} step %c1 iter_args([[ACC:%.*]] = [[ZERO]]) -> (tensor<?x?xf64>) {
// CHECK:   [[SAMPLE:%.*]] = tensor.extract_slice [[P]][[[N]], 0, 0, 0]
// CHECK:   [[TAPS:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d2, d0 * 2 + d3, d1 + d4 * 3)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>]{{.*}} ins([[SAMPLE]]
// CHECK:   [[COLST:%.*]] = tensor.reshape [[TAPS]]
// CHECK:   [[GROW:%.*]] = tensor.extract_slice [[GM]][[[N]], 0, 0]
// CHECK:   [[SUM:%.*]] = linalg.matmul ins([[GROW]], [[COLST]] : tensor<?x?xf64>, tensor<?x?xf64>) outs([[ACC]] : tensor<?x?xf64>)
// CHECK:   scf.yield [[SUM]]
// CHECK: [[R:%.*]] = tensor.reshape [[LOOP]]({{.*}}) : (tensor<?x?xf64>, tensor<4xindex>) -> tensor<?x?x?x?xf64>
// CHECK: return [[R]]
// DIRECT-LABEL: func.func @grad_filters(
// DIRECT-NOT: linalg.matmul
// DIRECT: linalg.generic
// DIRECT-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]
func.func @grad_filters(%x: tensor<?x?x?x?xf64>, %w: tensor<?x?x?x?xf64>, %g: tensor<?x?x?x?xf64>) -> tensor<?x?x?x?xf64> {
  %0 = th.conv2d_grad_filters %x, %w, %g padding = [1, 0] strides = [2, 1] dilations = [1, 3] : tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>
  return %0 : tensor<?x?x?x?xf64>
}

// The input's gradient: the filters transposed once, [C*KH*KW, F]; per
// sample, their product with the gradient row is that sample's column
// gradients; col2im is then the gather, in an scf.if skipped when the
// gradient is empty, over the taps (i, j) only, reading the column of the
// window that covers (y + 1, x) at tap (i, j) with dilation (1, 3).
// CHECK-LABEL: func.func @grad_input(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?x?x?xf64>, [[W:%[^:]+]]: tensor<?x?x?x?xf64>, [[G:%[^:]+]]: tensor<?x?x?x?xf64>)
// CHECK: [[WM:%.*]] = tensor.reshape [[W]]
// CHECK: [[WT:%.*]] = linalg.transpose ins([[WM]] : tensor<?x?xf64>) outs(%{{.*}} : tensor<?x?xf64>) permutation = [1, 0]
// CHECK: [[GM:%.*]] = tensor.reshape [[G]]
// CHECK: [[LOOP:%.*]] = scf.for [[N:%.*]] = %c0 to %{{.*}} step %c1 iter_args([[ACC:%.*]] = %{{.*}}) -> (tensor<?x?x?xf64>) {
// CHECK:   [[GROW:%.*]] = tensor.extract_slice [[GM]][[[N]], 0, 0]
// CHECK:   [[ROW:%.*]] = tensor.extract_slice [[ACC]][[[N]], 0, 0]
// CHECK:   [[ZERO:%.*]] = linalg.fill ins(%{{.*}} : f64) outs([[ROW]] : tensor<?x?xf64>)
// CHECK:   [[PROD:%.*]] = linalg.matmul ins([[WT]], [[GROW]] : tensor<?x?xf64>, tensor<?x?xf64>) outs([[ZERO]] : tensor<?x?xf64>)
// CHECK:   tensor.insert_slice [[PROD]] into [[ACC]][[[N]], 0, 0]
// CHECK: [[COLS:%.*]] = tensor.reshape [[LOOP]]({{.*}}) : (tensor<?x?x?xf64>, tensor<6xindex>) -> tensor<?x?x?x?x?x?xf64>
// CHECK: scf.if
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d1, d4, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK: tensor.extract [[COLS]]
// CHECK: } else {
// DIRECT-LABEL: func.func @grad_input(
// DIRECT-NOT: linalg.matmul
// DIRECT: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]
func.func @grad_input(%x: tensor<?x?x?x?xf64>, %w: tensor<?x?x?x?xf64>, %g: tensor<?x?x?x?xf64>) -> tensor<?x?x?x?xf64> {
  %0 = th.conv2d_grad_input %x, %w, %g padding = [1, 0] strides = [2, 1] dilations = [1, 3] : tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>
  return %0 : tensor<?x?x?x?xf64>
}
