// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg --canonicalize | FileCheck %s

// th.nonzero reads its input twice: a linalg reduction counts the nonzero
// elements (`!= 0`, unordered so NaN counts), which sizes the result; then
// a loop nest in row-major order carries the result and the next column,
// and an scf.if writes the coordinates of each nonzero element into it.

// CHECK-LABEL: func.func @matrix
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf64>)
// CHECK: %[[COUNT:.*]] = linalg.generic {{.*}}iterator_types = ["reduction", "reduction"]{{.*}} ins(%[[X]] : tensor<?x3xf64>)
// CHECK: arith.cmpf une
// CHECK: arith.extui
// CHECK: arith.addi
// CHECK: %[[N:.*]] = tensor.extract %[[COUNT]][]
// CHECK: %[[COLS:.*]] = arith.index_cast %[[N]] : i64 to index
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[COLS]]) : tensor<2x?xi64>
// CHECK: %[[ROWS:.*]] = tensor.dim %[[X]], %c0
// CHECK: scf.for %[[I:.*]] = %c0 to %[[ROWS]] step %c1 iter_args(%[[OUT:.*]] = %[[EMPTY]], %[[NEXT:.*]] = %c0)
// CHECK: scf.for %[[J:.*]] = %c0 to %c3 step %c1 iter_args(%[[OUT2:.*]] = %[[OUT]], %[[NEXT2:.*]] = %[[NEXT]])
// CHECK: %[[E:.*]] = tensor.extract %[[X]][%[[I]], %[[J]]]
// CHECK: %[[NZ:.*]] = arith.cmpf une, %[[E]]
// CHECK: scf.if %[[NZ]]
// CHECK: %[[CI:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[W0:.*]] = tensor.insert %[[CI]] into %[[OUT2]][%c0, %[[NEXT2]]]
// CHECK: %[[CJ:.*]] = arith.index_cast %[[J]] : index to i64
// CHECK: %[[W1:.*]] = tensor.insert %[[CJ]] into %[[W0]][%c1, %[[NEXT2]]]
// CHECK: %[[INC:.*]] = arith.addi %[[NEXT2]], %c1
// CHECK: scf.yield %[[W1]], %[[INC]]
// CHECK: } else {
// CHECK: scf.yield %[[OUT2]], %[[NEXT2]]
th.func @matrix(%x: tensor<?x3xf64>) -> tensor<2x?xi64> {
  %0 = th.nonzero %x : tensor<?x3xf64> -> tensor<2x?xi64>
  th.return %0 : tensor<2x?xi64>
}

// Integers compare with cmpi ne, a mask is its own truth value; the
// indexed sizes are the manifest's and leave no trace in the kernel.
// CHECK-LABEL: func.func @integers
// CHECK: arith.cmpi ne
// CHECK: scf.for
// CHECK: arith.cmpi ne
th.func @integers(%x: tensor<?xi32>) -> tensor<1x?xi64> {
  %0 = th.nonzero %x : tensor<?xi32> -> tensor<1x?xi64>
  th.return %0 : tensor<1x?xi64>
}

// CHECK-LABEL: func.func @mask
// CHECK-SAME: (%[[M:.*]]: tensor<?xi1>, %{{.*}}: tensor<i64>)
// CHECK-NOT: {{[^a-z]}}th.
// CHECK: arith.extui %{{.*}} : i1 to i64
// CHECK: %[[E:.*]] = tensor.extract %[[M]]
// CHECK-NEXT: scf.if %[[E]]
th.func @mask(%m: tensor<?xi1>, %n: tensor<i64>) -> tensor<1x?xi64> {
  %0 = th.nonzero %m indexing [%n : tensor<i64>] : tensor<?xi1> -> tensor<1x?xi64>
  th.return %0 : tensor<1x?xi64>
}
