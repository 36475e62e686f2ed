// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg | FileCheck %s

// th.alloc: a tensor.empty sized by the dynamic sizes (int64 scalars
// extracted and cast to index) filled with the value; static sizes stay in
// the type.

// CHECK-LABEL: func.func @alloc
// CHECK-SAME: (%[[V:.*]]: tensor<f64>, %[[N:.*]]: tensor<i64>)
// CHECK: %[[N64:.*]] = tensor.extract %[[N]][] : tensor<i64>
// CHECK: %[[NI:.*]] = arith.index_cast %[[N64]] : i64 to index
// CHECK: %[[S:.*]] = tensor.extract %[[V]][] : tensor<f64>
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[NI]]) : tensor<3x?xf64>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[S]] : f64) outs(%[[EMPTY]] : tensor<3x?xf64>)
// CHECK: return %[[FILL]]
th.func @alloc(%v: tensor<f64>, %n: tensor<i64>) -> tensor<3x?xf64> {
  %three = th.constant dense<3> : tensor<i64>
  %0 = th.alloc %v, [%three, %n] : tensor<f64>, (tensor<i64>, tensor<i64>) -> tensor<3x?xf64>
  th.return %0 : tensor<3x?xf64>
}
