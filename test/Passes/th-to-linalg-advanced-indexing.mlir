// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg --canonicalize | FileCheck %s

// advanced_subtensor is a gather: a linalg.generic over the result whose
// inputs are the index arrays and whose body checks each index against its
// dimension (th.check_index) and reads the input with tensor.extract. The
// advanced inc op is a scatter: a loop nest over the region carrying the
// tensor, extract + add + insert per element.

// CHECK-LABEL: func.func @gather
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf64>, %[[I:.*]]: tensor<?xi64>, %[[J:.*]]: tensor<?xi64>)
// CHECK-DAG: %[[D0:.*]] = tensor.dim %[[X]], %c0
// CHECK-DAG: %[[D1:.*]] = tensor.dim %[[X]], %c1
// CHECK: linalg.generic {{.*}} ins(%[[I]], %[[J]] : tensor<?xi64>, tensor<?xi64>)
// CHECK: ^bb0(%[[A:.*]]: i64, %[[B:.*]]: i64, %{{.*}}: f64):
// CHECK: %[[AI:.*]] = arith.index_cast %[[A]] : i64 to index
// CHECK: %[[R:.*]] = th.check_index %[[AI]], %[[D0]] {axis = 0 : i64, what = "advanced_subtensor"}
// CHECK: %[[BI:.*]] = arith.index_cast %[[B]] : i64 to index
// CHECK: %[[C:.*]] = th.check_index %[[BI]], %[[D1]] {axis = 1 : i64, what = "advanced_subtensor"}
// CHECK: %[[E:.*]] = tensor.extract %[[X]][%[[R]], %[[C]]]
// CHECK: linalg.yield %[[E]]
th.func @gather(%x: tensor<?x?xf64>, %i: tensor<?xi64>, %j: tensor<?xi64>) -> tensor<?xf64> {
  %0 = th.advanced_subtensor %x[%i, %j] axes [0, 1] : tensor<?x?xf64>[tensor<?xi64>, tensor<?xi64>] -> tensor<?xf64>
  th.return %0 : tensor<?xf64>
}

// CHECK-LABEL: func.func @scatter_add
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf64>, %[[I:.*]]: tensor<?xi64>, %[[V:.*]]: tensor<3xf64>)
// CHECK: scf.for %[[P:.*]] = %c0 to %{{.*}} step %c1 iter_args(%[[ACC:.*]] = %[[X]])
// CHECK: scf.for %[[Q:.*]] = %c0 to %c3 step %c1 iter_args(%[[ACC2:.*]] = %[[ACC]])
// CHECK: %[[IV:.*]] = tensor.extract %[[I]][%[[P]]]
// CHECK: %[[R:.*]] = th.check_index %{{.*}}, %{{.*}} {axis = 0 : i64, what = "advanced_inc_subtensor"}
// CHECK: %[[VAL:.*]] = tensor.extract %[[V]][%[[Q]]]
// CHECK: %[[OLD:.*]] = tensor.extract %[[ACC2]][%[[R]], %[[Q]]]
// CHECK: %[[NEW:.*]] = arith.addf %[[OLD]], %[[VAL]]
// CHECK: tensor.insert %[[NEW]] into %[[ACC2]][%[[R]], %[[Q]]]
th.func @scatter_add(%x: tensor<?x3xf64>, %i: tensor<?xi64>, %v: tensor<3xf64>) -> tensor<?x3xf64> {
  %0 = th.advanced_inc_subtensor %x[%i] axes [0], %v : tensor<?x3xf64>[tensor<?xi64>], tensor<3xf64> -> tensor<?x3xf64>
  th.return %0 : tensor<?x3xf64>
}
