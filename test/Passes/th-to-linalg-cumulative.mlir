// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg --canonicalize | FileCheck %s

// th.cumsum / th.cumprod: an scf.for over the axis carrying the result,
// which starts as the input. Step k combines slice k of the result with
// slice k + 1 of the input (a linalg.generic over the other dimensions)
// and inserts it at k + 1; reversed, slice last - k with last - k - 1.
// There are size - 1 steps (none for an empty axis).

// CHECK-LABEL: func.func @forward
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf64>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %c0
// CHECK: %[[LAST:.*]] = arith.subi %[[N]], %c1
// CHECK: scf.for %[[K:.*]] = %c0 to %[[LAST]] step %c1 iter_args(%[[ACC:.*]] = %[[X]])
// CHECK: %[[NEXT:.*]] = arith.addi %[[K]], %c1
// CHECK: %[[PREV:.*]] = tensor.extract_slice %[[ACC]][%[[K]], 0] [1, 3] [1, 1]
// CHECK: %[[CUR:.*]] = tensor.extract_slice %[[X]][%[[NEXT]], 0] [1, 3] [1, 1]
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[PREV]], %[[CUR]] :
// CHECK: arith.addf
// CHECK: %[[INS:.*]] = tensor.insert_slice %[[SUM]] into %[[ACC]][%[[NEXT]], 0] [1, 3] [1, 1]
// CHECK: scf.yield %[[INS]]
th.func @forward(%x: tensor<?x3xf64>) -> tensor<?x3xf64> {
  %0 = th.cumsum %x axis = 0 : tensor<?x3xf64>
  th.return %0 : tensor<?x3xf64>
}

// CHECK-LABEL: func.func @reversed
// CHECK-SAME: (%[[X:.*]]: tensor<?xi32>)
// CHECK: %[[LAST:.*]] = arith.subi
// CHECK: scf.for %[[K:.*]] = %c0 to %[[LAST]] step %c1 iter_args(%[[ACC:.*]] = %[[X]])
// CHECK: %[[FROM:.*]] = arith.subi %[[LAST]], %[[K]]
// CHECK: %[[TO:.*]] = arith.subi %[[FROM]], %c1
// CHECK: %[[PREV:.*]] = tensor.extract_slice %[[ACC]][%[[FROM]]] [1] [1]
// CHECK: %[[CUR:.*]] = tensor.extract_slice %[[X]][%[[TO]]] [1] [1]
// CHECK: arith.muli
// CHECK: tensor.insert_slice %{{.*}} into %[[ACC]][%[[TO]]] [1] [1]
th.func @reversed(%x: tensor<?xi32>) -> tensor<?xi32> {
  %0 = th.cumprod %x axis = 0 reverse : tensor<?xi32>
  th.return %0 : tensor<?xi32>
}

// A middle axis of a 3-d tensor: slices keep the other sizes.
// CHECK-LABEL: func.func @middle
// CHECK: tensor.extract_slice %{{.*}}[0, %{{.*}}, 0] [2, 1, %{{.*}}] [1, 1, 1]
th.func @middle(%x: tensor<2x?x?xf32>) -> tensor<2x?x?xf32> {
  %0 = th.cumsum %x axis = 1 : tensor<2x?x?xf32>
  th.return %0 : tensor<2x?x?xf32>
}
