// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg | FileCheck %s

// th.random_draw: the runtime's entry point tcc_random_<distribution> is
// declared (C interface, 1-d strided memrefs) and called on explicit
// buffers: read-only views of the state and the flattened parameters, a
// fresh 627-word buffer for the new state and a fresh buffer of the
// sample's sizes (flattened for the call), both made tensors again with
// `restrict`.

// CHECK-DAG: func.func private @tcc_random_random_sample(memref<?xi64, strided<[?], offset: ?>>, memref<?xi64, strided<[?], offset: ?>>, memref<?xf64, strided<[?], offset: ?>>) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @tcc_random_binomial(memref<?xi64, strided<[?], offset: ?>>, memref<?xi64, strided<[?], offset: ?>>, memref<?xi64, strided<[?], offset: ?>>, memref<?xf64, strided<[?], offset: ?>>, memref<?xi64, strided<[?], offset: ?>>) attributes {llvm.emit_c_interface}

// CHECK-LABEL: func.func @uniform
// CHECK-SAME: (%[[S:.*]]: tensor<?xi64>, %[[N:.*]]: tensor<i64>)
// CHECK: %[[IN:.*]] = bufferization.to_buffer %[[S]] read_only : tensor<?xi64> to memref<?xi64, strided<[?], offset: ?>>
// CHECK: %[[NEXT:.*]] = memref.alloc() : memref<627xi64>
// CHECK: %[[NEXTARG:.*]] = memref.cast %[[NEXT]]
// CHECK: %[[ROWS:.*]] = tensor.extract %[[N]][]
// CHECK: %[[R:.*]] = arith.index_cast %[[ROWS]]
// CHECK: %[[OUT:.*]] = memref.alloc(%[[R]]) : memref<?x3xf64>
// CHECK: %[[FLAT:.*]] = memref.collapse_shape %[[OUT]] {{\[\[}}0, 1]]
// CHECK: %[[OUTARG:.*]] = memref.cast %[[FLAT]]
// CHECK: call @tcc_random_random_sample(%{{.*}}, %[[NEXTARG]], %[[OUTARG]])
// CHECK: %[[NEXTT:.*]] = bufferization.to_tensor %[[NEXT]] restrict writable : memref<627xi64> to tensor<627xi64>
// CHECK: tensor.cast %[[NEXTT]] : tensor<627xi64> to tensor<?xi64>
// CHECK: bufferization.to_tensor %[[OUT]] restrict writable : memref<?x3xf64> to tensor<?x3xf64>
th.func @uniform(%s: tensor<?xi64>, %n: tensor<i64>) -> (tensor<?xi64>, tensor<?x3xf64>) {
  %c3 = th.constant dense<3> : tensor<i64>
  %s1, %u = th.random_draw "random_sample" %s [%n, %c3 : tensor<i64>, tensor<i64>] : tensor<?xi64> -> tensor<?x3xf64>
  th.return %s1, %u : tensor<?xi64>, tensor<?x3xf64>
}

// Parameters are flattened tensors read through read-only views.
// CHECK-LABEL: func.func @binomial
// CHECK-SAME: (%[[S:.*]]: tensor<627xi64>, %[[K:.*]]: tensor<2x2xi64>, %[[P:.*]]: tensor<2x2xf64>)
// CHECK: %[[KF:.*]] = tensor.collapse_shape %[[K]] {{\[\[}}0, 1]] : tensor<2x2xi64> into tensor<4xi64>
// CHECK: bufferization.to_buffer %[[KF]] read_only
// CHECK: %[[PF:.*]] = tensor.collapse_shape %[[P]] {{\[\[}}0, 1]] : tensor<2x2xf64> into tensor<4xf64>
// CHECK: bufferization.to_buffer %[[PF]] read_only
// CHECK: memref.alloc() : memref<2x2xi64>
// CHECK: call @tcc_random_binomial
th.func @binomial(%s: tensor<627xi64>, %k: tensor<2x2xi64>, %p: tensor<2x2xf64>) -> tensor<2x2xi64> {
  %c2 = th.constant dense<2> : tensor<i64>
  %s1, %b = th.random_draw "binomial" %s [%c2, %c2 : tensor<i64>, tensor<i64>] (%k, %p : tensor<2x2xi64>, tensor<2x2xf64>) : tensor<627xi64> -> tensor<2x2xi64>
  th.return %b : tensor<2x2xi64>
}

// A scalar draw: the sample's buffer is viewed as one element.
// CHECK-LABEL: func.func @scalar
// CHECK: %[[OUT:.*]] = memref.alloc() : memref<f64>
// CHECK: memref.expand_shape %[[OUT]] [] output_shape [1] : memref<f64> into memref<1xf64>
// CHECK: call @tcc_random_standard_normal
th.func @scalar(%s: tensor<627xi64>) -> tensor<f64> {
  %s1, %z = th.random_draw "standard_normal" %s : tensor<627xi64> -> tensor<f64>
  th.return %z : tensor<f64>
}

// choice's parameters keep their shapes: the population and the tolerance
// are viewed as one element, p as it is.
// CHECK-LABEL: func.func @choice
// CHECK-SAME: (%[[S:.*]]: tensor<627xi64>, %[[POP:.*]]: tensor<i64>, %[[P:.*]]: tensor<?xf64>, %[[ATOL:.*]]: tensor<f64>)
// CHECK: tensor.expand_shape %[[POP]] [] output_shape [1] : tensor<i64> into tensor<1xi64>
// CHECK: bufferization.to_buffer %[[P]] read_only
// CHECK: tensor.expand_shape %[[ATOL]] [] output_shape [1] : tensor<f64> into tensor<1xf64>
// CHECK: memref.alloc() : memref<5xi64>
// CHECK: call @tcc_random_choice(
th.func @choice(%s: tensor<627xi64>, %pop: tensor<i64>, %p: tensor<?xf64>, %atol: tensor<f64>) -> tensor<5xi64> {
  %c5 = th.constant dense<5> : tensor<i64>
  %s1, %c = th.random_draw "choice" %s [%c5 : tensor<i64>] (%pop, %p, %atol : tensor<i64>, tensor<?xf64>, tensor<f64>) : tensor<627xi64> -> tensor<5xi64>
  th.return %c : tensor<5xi64>
}
