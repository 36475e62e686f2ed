// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s
// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg | FileCheck --check-prefix=LOWER %s

// th.argsort sorts rows along the last axis. It lowers to a call of the
// runtime's row sort for its element type on 1-d views of the input
// (read-only) and of a fresh int64 buffer, with the row length.

// CHECK-LABEL: th.func @rows
// CHECK: argsort %{{.*}} : tensor<?x5xf32> -> tensor<?x5xi64>
// LOWER-DAG: func.func private @__tcc_argsort_f32(memref<?xf32, strided<[?], offset: ?>>, memref<?xi64, strided<[?], offset: ?>>, i64) attributes {llvm.emit_c_interface}
// LOWER-DAG: func.func private @__tcc_argsort_u16(
// LOWER-LABEL: func.func @rows
// LOWER: %[[OUT:.*]] = memref.alloc(%{{.*}}) : memref<?x5xi64>
// LOWER: %[[N:.*]] = arith.index_cast %{{.*}} : index to i64
// LOWER: %[[FLAT:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1]] : tensor<?x5xf32> into tensor<?xf32>
// LOWER: bufferization.to_buffer %[[FLAT]] read_only
// LOWER: memref.collapse_shape %[[OUT]] {{\[\[}}0, 1]] : memref<?x5xi64> into memref<?xi64>
// LOWER: call @__tcc_argsort_f32(%{{.*}}, %{{.*}}, %[[N]])
// LOWER: bufferization.to_tensor %[[OUT]] restrict writable
th.func @rows(%x: tensor<?x5xf32>, %u: tensor<7xui16>) -> (tensor<?x5xi64>, tensor<7xi64>) {
  %0 = th.argsort %x : tensor<?x5xf32> -> tensor<?x5xi64>
  %1 = th.argsort %u : tensor<7xui16> -> tensor<7xi64>
  th.return %0, %1 : tensor<?x5xi64>, tensor<7xi64>
}
