// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s
// RUN: %tcc-opt %s --canonicalize | FileCheck --check-prefix=FOLD %s
// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg | FileCheck --check-prefix=LOWER %s

// th.rebroadcast turns broadcastable dimensions (1) and run-time sizes (?)
// into each other; it lowers to tensor.cast (the manifest checked the
// sizes). A rebroadcast back to the input's type folds away.

// CHECK-LABEL: th.func @round_trip
// CHECK: rebroadcast %{{.*}} : tensor<?x3xf64> -> tensor<1x3xf64>
// CHECK: rebroadcast %{{.*}} : tensor<1x3xf64> -> tensor<?x3xf64>
// FOLD-LABEL: th.func @round_trip
// FOLD-NEXT: return %arg0 : tensor<?x3xf64>
// LOWER-LABEL: func.func @round_trip
// LOWER: tensor.cast %{{.*}} : tensor<?x3xf64> to tensor<1x3xf64>
// LOWER: tensor.cast %{{.*}} : tensor<1x3xf64> to tensor<?x3xf64>
th.func @round_trip(%x: tensor<?x3xf64>) -> tensor<?x3xf64> {
  %0 = th.rebroadcast %x : tensor<?x3xf64> -> tensor<1x3xf64>
  %1 = th.rebroadcast %0 : tensor<1x3xf64> -> tensor<?x3xf64>
  th.return %1 : tensor<?x3xf64>
}
