// RUN: tcc-opt %s --convert-th-to-linalg --mlir-print-local-scope | FileCheck %s
// RUN: tcc-opt %s --convert-th-to-linalg | FileCheck %s --check-prefix=NOTH

// convert-th-to-linalg of th.gemv / th.gemm (c + alpha * dot(a, b)): the
// linalg product accumulates into c (its outs is c itself), and alpha is
// multiplied into the vector operand of a gemv (whichever side it is on) or
// the left matrix of a gemm: alpha is broadcast to a 1 or 1x1 tensor (the
// dimshuffle's copying generic) and multiplied elementwise (a generic
// reading it at index 0). A constant alpha of 1 scales nothing.

// No th op is left.
// NOTH-NOT: {{(^|[^a-z])th\.}}

// matrix.vector: linalg.matvec(X, alpha * g) into w.
// CHECK-LABEL: func.func @gemv_matvec(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>, [[AL:%[^:]+]]: tensor<f64>, [[X:%[^:]+]]: tensor<?x?xf64>, [[G:%[^:]+]]: tensor<?xf64>)
// CHECK: [[E1:%.*]] = tensor.empty() : tensor<1xf64>
// CHECK-NEXT: [[A1:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME: ins([[AL]] : tensor<f64>) outs([[E1]] : tensor<1xf64>)
// CHECK: [[D:%.*]] = tensor.dim [[G]], %{{.*}} : tensor<?xf64>
// CHECK-NEXT: [[E:%.*]] = tensor.empty([[D]]) : tensor<?xf64>
// CHECK-NEXT: [[SG:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME: ins([[A1]], [[G]] : tensor<1xf64>, tensor<?xf64>) outs([[E]] : tensor<?xf64>)
// CHECK-NEXT: ^bb0([[P:%[^:]+]]: f64, [[Q:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: [[M:%.*]] = arith.mulf [[P]], [[Q]] : f64
// CHECK-NEXT: linalg.yield [[M]] : f64
// CHECK: [[R:%.*]] = linalg.matvec ins([[X]], [[SG]] : tensor<?x?xf64>, tensor<?xf64>) outs([[W]] : tensor<?xf64>) -> tensor<?xf64>
// CHECK-NEXT: return [[R]] : tensor<?xf64>
func.func @gemv_matvec(%w: tensor<?xf64>, %alpha: tensor<f64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> tensor<?xf64> {
  %0 = th.gemv %w, %alpha, %X, %g : tensor<?xf64>, tensor<f64>, tensor<?x?xf64>, tensor<?xf64>
  return %0 : tensor<?xf64>
}

// vector.matrix: linalg.vecmat(alpha * g, X) into w; the vector is the
// scaled operand although it is the left one.
// CHECK-LABEL: func.func @gemv_vecmat(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>, [[AL:%[^:]+]]: tensor<f64>, [[G:%[^:]+]]: tensor<?xf64>, [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK: [[A1:%.*]] = linalg.generic
// CHECK-SAME: ins([[AL]] : tensor<f64>)
// CHECK: [[SG:%.*]] = linalg.generic
// CHECK-SAME: ins([[A1]], [[G]] : tensor<1xf64>, tensor<?xf64>)
// CHECK: arith.mulf
// CHECK: [[R:%.*]] = linalg.vecmat ins([[SG]], [[X]] : tensor<?xf64>, tensor<?x?xf64>) outs([[W]] : tensor<?xf64>) -> tensor<?xf64>
// CHECK-NEXT: return [[R]] : tensor<?xf64>
func.func @gemv_vecmat(%w: tensor<?xf64>, %alpha: tensor<f64>, %g: tensor<?xf64>, %X: tensor<?x?xf64>) -> tensor<?xf64> {
  %0 = th.gemv %w, %alpha, %g, %X : tensor<?xf64>, tensor<f64>, tensor<?xf64>, tensor<?x?xf64>
  return %0 : tensor<?xf64>
}

// gemm (f32): linalg.matmul(alpha * A, B) into C; alpha is broadcast to
// 1x1 and the left matrix is scaled (sizes from A).
// CHECK-LABEL: func.func @gemm(
// CHECK-SAME: [[C:%[^:]+]]: tensor<?x?xf32>, [[AL:%[^:]+]]: tensor<f32>, [[A:%[^:]+]]: tensor<?x?xf32>, [[B:%[^:]+]]: tensor<?x?xf32>)
// CHECK: [[A1:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[AL]] : tensor<f32>) outs(%{{.*}} : tensor<1x1xf32>)
// CHECK: tensor.dim [[A]]
// CHECK: [[SA:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, 0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[A1]], [[A]] : tensor<1x1xf32>, tensor<?x?xf32>)
// CHECK: arith.mulf {{.*}} : f32
// CHECK: [[R:%.*]] = linalg.matmul ins([[SA]], [[B]] : tensor<?x?xf32>, tensor<?x?xf32>) outs([[C]] : tensor<?x?xf32>) -> tensor<?x?xf32>
// CHECK-NEXT: return [[R]] : tensor<?x?xf32>
func.func @gemm(%C: tensor<?x?xf32>, %alpha: tensor<f32>, %A: tensor<?x?xf32>, %B: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = th.gemm %C, %alpha, %A, %B : tensor<?x?xf32>, tensor<f32>, tensor<?x?xf32>, tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// A constant alpha other than 1 (static shapes) still scales A: a constant
// tensor broadcast into a 2x3 product.
// CHECK-LABEL: func.func @gemm_alpha_two(
// CHECK-SAME: [[C:%[^:]+]]: tensor<2x4xf64>, [[A:%[^:]+]]: tensor<2x3xf64>, [[B:%[^:]+]]: tensor<3x4xf64>)
// CHECK: [[TWO:%.*]] = arith.constant dense<2.000000e+00> : tensor<f64>
// CHECK: [[A1:%.*]] = linalg.generic
// CHECK-SAME: ins([[TWO]] : tensor<f64>)
// CHECK: [[E:%.*]] = tensor.empty() : tensor<2x3xf64>
// CHECK-NEXT: [[SA:%.*]] = linalg.generic
// CHECK-SAME: ins([[A1]], [[A]] : tensor<1x1xf64>, tensor<2x3xf64>) outs([[E]] : tensor<2x3xf64>)
// CHECK: [[R:%.*]] = linalg.matmul ins([[SA]], [[B]] : tensor<2x3xf64>, tensor<3x4xf64>) outs([[C]] : tensor<2x4xf64>) -> tensor<2x4xf64>
// CHECK-NEXT: return [[R]]
func.func @gemm_alpha_two(%C: tensor<2x4xf64>, %A: tensor<2x3xf64>, %B: tensor<3x4xf64>) -> tensor<2x4xf64> {
  %two = th.constant dense<2.0> : tensor<f64>
  %0 = th.gemm %C, %two, %A, %B : tensor<2x4xf64>, tensor<f64>, tensor<2x3xf64>, tensor<3x4xf64>
  return %0 : tensor<2x4xf64>
}

// alpha the constant 1: the product reads A and B directly; no generic, no
// constant left.
// CHECK-LABEL: func.func @gemm_alpha_one(
// CHECK-SAME: [[C:%[^:]+]]: tensor<2x4xf64>, [[A:%[^:]+]]: tensor<2x3xf64>, [[B:%[^:]+]]: tensor<3x4xf64>)
// CHECK-NEXT: [[R:%.*]] = linalg.matmul ins([[A]], [[B]] : tensor<2x3xf64>, tensor<3x4xf64>) outs([[C]] : tensor<2x4xf64>) -> tensor<2x4xf64>
// CHECK-NEXT: return [[R]] : tensor<2x4xf64>
func.func @gemm_alpha_one(%C: tensor<2x4xf64>, %A: tensor<2x3xf64>, %B: tensor<3x4xf64>) -> tensor<2x4xf64> {
  %one = th.constant dense<1.0> : tensor<f64>
  %0 = th.gemm %C, %one, %A, %B : tensor<2x4xf64>, tensor<f64>, tensor<2x3xf64>, tensor<3x4xf64>
  return %0 : tensor<2x4xf64>
}

// The same for gemv, with the 1 written as the front end does (a
// broadcastable constant whose dimension a dimshuffle drops): nothing but
// the product is left.
// CHECK-LABEL: func.func @gemv_alpha_one(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>, [[X:%[^:]+]]: tensor<?x?xf64>, [[G:%[^:]+]]: tensor<?xf64>)
// CHECK-NEXT: [[R:%.*]] = linalg.matvec ins([[X]], [[G]] : tensor<?x?xf64>, tensor<?xf64>) outs([[W]] : tensor<?xf64>) -> tensor<?xf64>
// CHECK-NEXT: return [[R]] : tensor<?xf64>
func.func @gemv_alpha_one(%w: tensor<?xf64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> tensor<?xf64> {
  %c = th.constant dense<1.0> : tensor<1xf64>
  %one = th.dimshuffle %c pattern = [] : tensor<1xf64> -> tensor<f64>
  %0 = th.gemv %w, %one, %X, %g : tensor<?xf64>, tensor<f64>, tensor<?x?xf64>, tensor<?xf64>
  return %0 : tensor<?xf64>
}
