// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg | FileCheck %s

// th.argmax / th.argmin: one linalg.generic reducing into the extremum so
// far (starting at max's / min's identity) and its position (starting at
// 0); a strictly better element, or a NaN while the best is not one,
// replaces both. Over several axes the position is row-major. th.prod is
// a reduction with identity 1 and a product, float32 accumulated in
// float64. isnan / isinf compare; an integer is never either.

// CHECK-LABEL: func.func @argmax
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[NEGINF:.*]] = arith.constant 0xFFF0000000000000 : f64
// CHECK: %[[BEST:.*]] = linalg.fill ins(%[[NEGINF]] : f64)
// CHECK: %[[POS:.*]] = linalg.fill ins(%[[ZERO]] : i64)
// CHECK: %[[R:.*]]:2 = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "reduction"]
// CHECK-SAME: outs(%[[BEST]], %[[POS]] : tensor<?xf64>, tensor<?xi64>)
// CHECK: ^bb0(%[[X:.*]]: f64, %[[B:.*]]: f64, %[[P:.*]]: i64):
// CHECK: %[[I:.*]] = linalg.index 1
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[X]], %[[B]]
// CHECK: %[[XNAN:.*]] = arith.cmpf uno, %[[X]], %[[X]]
// CHECK: %[[BNUM:.*]] = arith.cmpf ord, %[[B]], %[[B]]
// CHECK: %[[NAN:.*]] = arith.andi %[[XNAN]], %[[BNUM]]
// CHECK: %[[TAKE:.*]] = arith.ori %[[GT]], %[[NAN]]
// CHECK: %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[NB:.*]] = arith.select %[[TAKE]], %[[X]], %[[B]]
// CHECK: %[[NP:.*]] = arith.select %[[TAKE]], %[[I64]], %[[P]]
// CHECK: linalg.yield %[[NB]], %[[NP]]
// CHECK: return %[[R]]#1
th.func @argmax(%x: tensor<?x?xf64>) -> tensor<?xi64> {
  %0 = th.argmax %x axes = [1] : tensor<?x?xf64> -> tensor<?xi64>
  th.return %0 : tensor<?xi64>
}

// CHECK-LABEL: func.func @argmin_int
// CHECK-DAG: %[[MAX:.*]] = arith.constant 2147483647 : i32
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[COLS:.*]] = tensor.dim %{{.*}}, %[[C1]]
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["reduction", "reduction"]
// CHECK: %[[I0:.*]] = linalg.index 0
// CHECK: %[[I1:.*]] = linalg.index 1
// CHECK: %[[ROW:.*]] = arith.muli %[[I0]], %[[COLS]]
// CHECK: %[[FLAT:.*]] = arith.addi %[[ROW]], %[[I1]]
// CHECK: arith.cmpi slt
th.func @argmin_int(%x: tensor<?x?xi32>) -> tensor<i64> {
  %0 = th.argmin %x axes = [0, 1] : tensor<?x?xi32> -> tensor<i64>
  th.return %0 : tensor<i64>
}

// CHECK-LABEL: func.func @prod
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK: linalg.fill ins(%[[ONE]] : f64)
// CHECK: arith.extf
// CHECK: arith.mulf
// CHECK: arith.truncf
th.func @prod(%x: tensor<?xf32>) -> tensor<f32> {
  %0 = th.prod %x axes = [0] : tensor<?xf32> -> tensor<f32>
  th.return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @predicates
// CHECK-DAG: %[[FALSE:.*]] = arith.constant false
// CHECK-DAG: %[[INF:.*]] = arith.constant 0x7FF0000000000000 : f64
// CHECK: arith.cmpf uno
// CHECK: %[[ABS:.*]] = math.absf
// CHECK: arith.cmpf oeq, %[[ABS]], %[[INF]]
// CHECK: linalg.yield %[[FALSE]] : i1
th.func @predicates(%x: tensor<?xf64>, %i: tensor<?xi32>) -> (tensor<?xi1>, tensor<?xi1>, tensor<?xi1>) {
  %0 = th.isnan %x : tensor<?xf64> -> tensor<?xi1>
  %1 = th.isinf %x : tensor<?xf64> -> tensor<?xi1>
  %2 = th.isnan %i : tensor<?xi32> -> tensor<?xi1>
  th.return %0, %1, %2 : tensor<?xi1>, tensor<?xi1>, tensor<?xi1>
}
