// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg | FileCheck %s

// th.join: an empty tensor of the summed size along the axis, each input
// inserted at the running offset. An input dynamic where the result is
// broadcastable is cast to size 1 first (the runtime checked it). A
// th.join_piece extracts its slice: offset the earlier pieces' sizes, sizes
// the piece's.

// CHECK-LABEL: func.func @concat
// CHECK-SAME: (%[[A:.*]]: tensor<?x1xf64>, %[[B:.*]]: tensor<?x?xf64>)
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[BCOLS:.*]] = tensor.dim %[[B]], %[[C1]]
// CHECK: %[[COLS:.*]] = arith.addi %[[C1]], %[[BCOLS]]
// CHECK: %[[ROWS:.*]] = tensor.dim %[[A]], %[[C0]]
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[ROWS]], %[[COLS]]) : tensor<?x?xf64>
// CHECK: %[[FIRST:.*]] = tensor.insert_slice %[[A]] into %[[EMPTY]][0, 0] [%{{.*}}, 1] [1, 1] : tensor<?x1xf64> into tensor<?x?xf64>
// CHECK: %[[SECOND:.*]] = tensor.insert_slice %[[B]] into %[[FIRST]][0, 1] [%{{.*}}, %{{.*}}] [1, 1] : tensor<?x?xf64> into tensor<?x?xf64>
// CHECK: return %[[SECOND]]
th.func @concat(%a: tensor<?x1xf64>, %b: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = th.join %a, %b axis = 1 : (tensor<?x1xf64>, tensor<?x?xf64>) -> tensor<?x?xf64>
  th.return %0 : tensor<?x?xf64>
}

// CHECK-LABEL: func.func @broadcastable
// CHECK-SAME: (%[[A:.*]]: tensor<?x1xf64>, %[[B:.*]]: tensor<?x?xf64>)
// CHECK: %[[ADIM:.*]] = tensor.dim %[[A]]
// CHECK: %[[BDIM:.*]] = tensor.dim %[[B]]
// CHECK: %[[SUM:.*]] = arith.addi %[[ADIM]], %[[BDIM]]
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[SUM]]) : tensor<?x1xf64>
// CHECK: %[[FIRST:.*]] = tensor.insert_slice %[[A]] into %[[EMPTY]][0, 0]
// CHECK: %[[CAST:.*]] = tensor.cast %[[B]] : tensor<?x?xf64> to tensor<?x1xf64>
// CHECK: tensor.insert_slice %[[CAST]] into %[[FIRST]][%{{.*}}, 0] [%{{.*}}, 1] [1, 1] : tensor<?x1xf64> into tensor<?x1xf64>
th.func @broadcastable(%a: tensor<?x1xf64>, %b: tensor<?x?xf64>) -> tensor<?x1xf64> {
  %0 = th.join %a, %b axis = 0 : (tensor<?x1xf64>, tensor<?x?xf64>) -> tensor<?x1xf64>
  th.return %0 : tensor<?x1xf64>
}

// CHECK-LABEL: func.func @piece
// CHECK-SAME: (%[[G:.*]]: tensor<?x?xf64>, %[[A:.*]]: tensor<?x1xf64>, %[[B:.*]]: tensor<?x?xf64>)
// CHECK: %[[ROWS:.*]] = tensor.dim %[[B]], %{{.*}}
// CHECK: %[[COLS:.*]] = tensor.dim %[[B]], %{{.*}}
// CHECK: tensor.extract_slice %[[G]][0, 1] [%[[ROWS]], %[[COLS]]] [1, 1] : tensor<?x?xf64> to tensor<?x?xf64>
th.func @piece(%g: tensor<?x?xf64>, %a: tensor<?x1xf64>, %b: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = th.join_piece %g[1] of(%a, %b) axis = 1 : tensor<?x?xf64>, (tensor<?x1xf64>, tensor<?x?xf64>) -> tensor<?x?xf64>
  th.return %0 : tensor<?x?xf64>
}
