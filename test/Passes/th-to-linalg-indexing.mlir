// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg --canonicalize | FileCheck %s

// Basic indexing lowers to one strided extract_slice of the input's rank
// (Python's slice rules in index arithmetic: wrapped and clipped bounds, a
// ceil-divided length, an empty slice starting at 0) and a collapse_shape
// dropping integer-index dimensions; a negative step is a negative stride.
// inc_subtensor adds the broadcast value into the region and inserts it
// back; reshape resolves -1 as the element count over the other sizes.

// CHECK-LABEL: func.func @subtensor
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf64>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %c0
// CHECK: %[[FROM:.*]] = arith.minsi %[[N]], %c1
// CHECK: %[[LEN:.*]] = arith.divsi %{{.*}}, %c2
// CHECK: %[[EMPTY:.*]] = arith.cmpi slt, %[[LEN]], %c1
// CHECK: %[[OFF:.*]] = arith.select %[[EMPTY]], %c0, %[[FROM]]
// CHECK: %[[S:.*]] = tensor.extract_slice %[[X]][%[[OFF]], 0] [%[[LEN]], 1] [2, 1] : tensor<?x?xf64> to tensor<?x1xf64>
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[S]] {{\[}}[0, 1]] : tensor<?x1xf64> into tensor<?xf64>
// CHECK: return %[[C]]
th.func @subtensor(%x: tensor<?x?xf64>) -> tensor<?xf64> {
  %0 = th.subtensor %x[1:-1:2, 0] : tensor<?x?xf64> -> tensor<?xf64>
  th.return %0 : tensor<?xf64>
}

// CHECK-LABEL: func.func @reversed_inc
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf64>, %[[Y:.*]]: tensor<1xf64>)
// CHECK: %[[R:.*]] = tensor.extract_slice %[[X]][%[[OFF:.*]], 0] [%[[LEN:.*]], %[[COLS:.*]]] [-1, 1]
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[BCAST:.*]], #[[ID:.*]]], {{.*}} ins(%[[Y]] : tensor<1xf64>) outs(%[[R]] : tensor<?x?xf64>)
// CHECK: arith.addf
// CHECK: tensor.insert_slice %[[SUM]] into %[[X]][%[[OFF]], 0] [%[[LEN]], %[[COLS]]] [-1, 1]
th.func @reversed_inc(%x: tensor<?x?xf64>, %y: tensor<1xf64>) -> tensor<?x?xf64> {
  %0 = th.inc_subtensor %x[::-1], %y : tensor<?x?xf64>, tensor<1xf64> -> tensor<?x?xf64>
  th.return %0 : tensor<?x?xf64>
}

// CHECK-LABEL: func.func @reshape
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf64>)
// CHECK: %[[D0:.*]] = tensor.dim %[[X]], %c0
// CHECK: %[[D1:.*]] = tensor.dim %[[X]], %c1
// CHECK: %[[COUNT:.*]] = arith.muli %[[D0]], %[[D1]]
// CHECK: %[[REST:.*]] = arith.divsi %[[COUNT]], %c3
// CHECK: %[[SHAPE:.*]] = tensor.from_elements %[[REST]], %c3 : tensor<2xindex>
// CHECK: tensor.reshape %[[X]](%[[SHAPE]]) : (tensor<?x?xf64>, tensor<2xindex>) -> tensor<?x3xf64>
th.func @reshape(%x: tensor<?x?xf64>) -> tensor<?x3xf64> {
  %m1 = th.constant dense<-1> : tensor<i64>
  %three = th.constant dense<3> : tensor<i64>
  %0 = th.reshape %x, [%m1, %three] : tensor<?x?xf64>, (tensor<i64>, tensor<i64>) -> tensor<?x3xf64>
  th.return %0 : tensor<?x3xf64>
}

// An index known only at run time: th.check_index against the dimension
// (lowered later, after fusion) gives the slice's offset.
// CHECK-LABEL: func.func @dynamic_index
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf64>, %[[I:.*]]: tensor<i64>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %c1
// CHECK: %[[V:.*]] = tensor.extract %[[I]][]
// CHECK: %[[IDX:.*]] = arith.index_cast %[[V]] : i64 to index
// CHECK: %[[J:.*]] = th.check_index %[[IDX]], %[[N]] {axis = 1 : i64, what = "subtensor"}
// CHECK: tensor.extract_slice %[[X]][0, %[[J]]] [%{{.*}}, 1] [1, 1]
th.func @dynamic_index(%x: tensor<?x?xf64>, %i: tensor<i64>) -> tensor<?xf64> {
  %0 = th.subtensor %x[:, %i] : tensor<?x?xf64> -> tensor<?xf64>
  th.return %0 : tensor<?xf64>
}
