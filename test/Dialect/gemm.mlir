// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s
// RUN: %tcc-opt %s -mlir-print-op-generic | %tcc-opt | FileCheck %s
// RUN: %tcc-opt %s -mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// th.gemv and th.gemm parse, print and parse again to the same IR, in custom
// and generic form: `c, alpha, a, b : type(c), type(alpha), type(a),
// type(b)`, the result having c's type. Inside a th.func the printer drops
// the `th.` prefix; inside a func.func it keeps it.

// Both gemv orders (matrix.vector and vector.matrix, with an attribute).
// CHECK-LABEL: th.func @gemv(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>, [[AL:%[^:]+]]: tensor<f64>, [[X:%[^:]+]]: tensor<?x?xf64>, [[G:%[^:]+]]: tensor<?xf64>)
// CHECK-NEXT: [[MV:%.*]] = gemv [[W]], [[AL]], [[X]], [[G]] : tensor<?xf64>, tensor<f64>, tensor<?x?xf64>, tensor<?xf64>
// CHECK-NEXT: [[VM:%.*]] = gemv [[W]], [[AL]], [[G]], [[X]] {tag} : tensor<?xf64>, tensor<f64>, tensor<?xf64>, tensor<?x?xf64>
// CHECK-NEXT: return [[MV]], [[VM]] : tensor<?xf64>, tensor<?xf64>
// GENERIC-LABEL: "th.func"
// GENERIC: "th.gemv"(%{{.*}}) : (tensor<?xf64>, tensor<f64>, tensor<?x?xf64>, tensor<?xf64>) -> tensor<?xf64>
// GENERIC: "th.gemv"(%{{.*}}) {tag} : (tensor<?xf64>, tensor<f64>, tensor<?xf64>, tensor<?x?xf64>) -> tensor<?xf64>
th.func @gemv(%w: tensor<?xf64>, %alpha: tensor<f64>, %X: tensor<?x?xf64>, %g: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %0 = th.gemv %w, %alpha, %X, %g : tensor<?xf64>, tensor<f64>, tensor<?x?xf64>, tensor<?xf64>
  %1 = th.gemv %w, %alpha, %g, %X {tag} : tensor<?xf64>, tensor<f64>, tensor<?xf64>, tensor<?x?xf64>
  th.return %0, %1 : tensor<?xf64>, tensor<?xf64>
}

// gemm in a func.func (f32), with static operand sizes and an accumulator
// that is dynamic where the product (2x4) is static.
// CHECK-LABEL: func.func @gemm(
// CHECK-SAME: [[C:%[^:]+]]: tensor<?x4xf32>, [[AL:%[^:]+]]: tensor<f32>, [[A:%[^:]+]]: tensor<2x3xf32>, [[B:%[^:]+]]: tensor<?x4xf32>)
// CHECK-NEXT: [[R:%.*]] = th.gemm [[C]], [[AL]], [[A]], [[B]] : tensor<?x4xf32>, tensor<f32>, tensor<2x3xf32>, tensor<?x4xf32>
// CHECK-NEXT: return [[R]] : tensor<?x4xf32>
// GENERIC: "th.gemm"(%{{.*}}) : (tensor<?x4xf32>, tensor<f32>, tensor<2x3xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
func.func @gemm(%c: tensor<?x4xf32>, %alpha: tensor<f32>, %a: tensor<2x3xf32>, %b: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = th.gemm %c, %alpha, %a, %b : tensor<?x4xf32>, tensor<f32>, tensor<2x3xf32>, tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
