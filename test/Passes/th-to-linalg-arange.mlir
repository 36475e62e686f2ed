// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg --canonicalize | FileCheck %s

// th.arange: NumPy's length (an integer ceil-division of the span in the
// step's direction, clamped at 0; for floats ceil((stop - start) / step))
// and a linalg.generic computing start + i * step from linalg.index (for
// floats with NumPy's delta, (start + step) - start).

// CHECK-LABEL: func.func @int_range
// CHECK-SAME: (%[[A:.*]]: tensor<i64>, %[[B:.*]]: tensor<i64>)
// CHECK-DAG: %[[START:.*]] = tensor.extract %[[A]][]
// CHECK-DAG: %[[STOP:.*]] = tensor.extract %[[B]][]
// CHECK: %[[SPAN:.*]] = arith.subi %[[START]], %[[STOP]]
// CHECK: %[[POS:.*]] = arith.maxsi %[[SPAN]], %c0_i64
// CHECK: %[[N:.*]] = arith.ceildivsi %[[POS]], %c3_i64
// CHECK: %[[LEN:.*]] = arith.index_cast %[[N]] : i64 to index
// CHECK: %[[E:.*]] = tensor.empty(%[[LEN]]) : tensor<?xi64>
// CHECK: linalg.generic {{.*}} outs(%[[E]] : tensor<?xi64>)
// CHECK: %[[I:.*]] = linalg.index 0
// CHECK: %[[II:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[M:.*]] = arith.muli %[[II]], %c-3_i64
// CHECK: %[[V:.*]] = arith.addi %[[START]], %[[M]]
// CHECK: linalg.yield %[[V]]
th.func @int_range(%a: tensor<i64>, %b: tensor<i64>) -> tensor<?xi64> {
  %0 = th.arange %a, %b step(-3 : i64) : tensor<i64>, tensor<i64> -> tensor<?xi64>
  th.return %0 : tensor<?xi64>
}

// CHECK-LABEL: func.func @float_range
// CHECK: %[[Q:.*]] = arith.divf
// CHECK: %[[C:.*]] = math.ceil %[[Q]]
// CHECK: arith.maximumf %[[C]]
// CHECK: arith.fptosi
// CHECK: %[[NEXT:.*]] = arith.addf %[[START:.*]], %cst
// CHECK: %[[DELTA:.*]] = arith.subf %[[NEXT]], %[[START]]
// CHECK: linalg.generic
// CHECK: arith.uitofp
// CHECK: arith.mulf %{{.*}}, %[[DELTA]]
th.func @float_range(%a: tensor<f64>, %b: tensor<f64>) -> tensor<?xf64> {
  %0 = th.arange %a, %b step(0.5 : f64) : tensor<f64>, tensor<f64> -> tensor<?xf64>
  th.return %0 : tensor<?xf64>
}
