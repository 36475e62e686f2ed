// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s
// RUN: %tcc-opt %s -mlir-print-op-generic | %tcc-opt | FileCheck %s
// RUN: %tcc-opt %s -mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// th.softmax and th.log_softmax parse, print and parse again to the same IR,
// in custom and generic form: `input axis = N : type(input)`, the result
// having the input's type and the axis an i64 property. Inside a th.func the
// printer drops the `th.` prefix; inside a func.func it keeps it.

// Both ops, every axis of a matrix, with and without an extra attribute.
// CHECK-LABEL: th.func @matrix(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK-NEXT: [[A:%.*]] = softmax [[X]] axis = 1 : tensor<?x?xf64>
// CHECK-NEXT: [[B:%.*]] = softmax [[X]] axis = 0 {tag} : tensor<?x?xf64>
// CHECK-NEXT: [[C:%.*]] = log_softmax [[X]] axis = 1 : tensor<?x?xf64>
// CHECK-NEXT: [[D:%.*]] = log_softmax [[X]] axis = 0 : tensor<?x?xf64>
// CHECK-NEXT: return [[A]], [[B]], [[C]], [[D]] : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
// GENERIC-LABEL: sym_name = "matrix"
// GENERIC: "th.softmax"(%{{.*}}) <{axis = 1 : i64}> : (tensor<?x?xf64>) -> tensor<?x?xf64>
// GENERIC: "th.softmax"(%{{.*}}) <{axis = 0 : i64}> {tag} : (tensor<?x?xf64>) -> tensor<?x?xf64>
// GENERIC: "th.log_softmax"(%{{.*}}) <{axis = 1 : i64}> : (tensor<?x?xf64>) -> tensor<?x?xf64>
// GENERIC: "th.log_softmax"(%{{.*}}) <{axis = 0 : i64}> : (tensor<?x?xf64>) -> tensor<?x?xf64>
th.func @matrix(%x: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) {
  %0 = th.softmax %x axis = 1 : tensor<?x?xf64>
  %1 = th.softmax %x axis = 0 {tag} : tensor<?x?xf64>
  %2 = th.log_softmax %x axis = 1 : tensor<?x?xf64>
  %3 = th.log_softmax %x axis = 0 : tensor<?x?xf64>
  th.return %0, %1, %2, %3 : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
}

// In a func.func (the prefix stays): f32, static sizes, a vector, a 1xN row
// (what T.nnet.softmax makes of a vector) and the last axis of a rank-3
// tensor.
// CHECK-LABEL: func.func @shapes(
// CHECK-SAME: [[V:%[^:]+]]: tensor<5xf32>, [[R:%[^:]+]]: tensor<1x?xf64>, [[T:%[^:]+]]: tensor<2x?x4xf32>)
// CHECK-NEXT: [[A:%.*]] = th.softmax [[V]] axis = 0 : tensor<5xf32>
// CHECK-NEXT: [[B:%.*]] = th.log_softmax [[R]] axis = 1 : tensor<1x?xf64>
// CHECK-NEXT: [[C:%.*]] = th.softmax [[T]] axis = 2 : tensor<2x?x4xf32>
// CHECK-NEXT: return [[A]], [[B]], [[C]] : tensor<5xf32>, tensor<1x?xf64>, tensor<2x?x4xf32>
// GENERIC-LABEL: sym_name = "shapes"
// GENERIC: "th.softmax"(%{{.*}}) <{axis = 0 : i64}> : (tensor<5xf32>) -> tensor<5xf32>
// GENERIC: "th.log_softmax"(%{{.*}}) <{axis = 1 : i64}> : (tensor<1x?xf64>) -> tensor<1x?xf64>
// GENERIC: "th.softmax"(%{{.*}}) <{axis = 2 : i64}> : (tensor<2x?x4xf32>) -> tensor<2x?x4xf32>
func.func @shapes(%v: tensor<5xf32>, %r: tensor<1x?xf64>, %t: tensor<2x?x4xf32>) -> (tensor<5xf32>, tensor<1x?xf64>, tensor<2x?x4xf32>) {
  %0 = th.softmax %v axis = 0 : tensor<5xf32>
  %1 = th.log_softmax %r axis = 1 : tensor<1x?xf64>
  %2 = th.softmax %t axis = 2 : tensor<2x?x4xf32>
  return %0, %1, %2 : tensor<5xf32>, tensor<1x?xf64>, tensor<2x?x4xf32>
}
