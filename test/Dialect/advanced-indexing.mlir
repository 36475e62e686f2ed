// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s

// The advanced indexing ops round-trip; the result type follows NumPy:
// adjacent indexed axes keep their place, separated ones go first.
// CHECK-LABEL: th.func @ops
// CHECK: advanced_subtensor %{{.*}}[%{{.*}}] axes [1] : tensor<?x?x4xf64>[tensor<5xi64>] -> tensor<?x5x4xf64>
// CHECK: advanced_subtensor %{{.*}}[%{{.*}}, %{{.*}}] axes [0, 2] : tensor<?x?x4xf64>[tensor<5xi64>, tensor<2x1xi64>] -> tensor<2x5x?xf64>
// CHECK: advanced_inc_subtensor %{{.*}}[%{{.*}}] axes [1], %{{.*}} : tensor<?x?x4xf64>[tensor<5xi64>], tensor<4xf64> -> tensor<?x?x4xf64>
// CHECK: advanced_set_subtensor %{{.*}}[%{{.*}}] axes [1], %{{.*}} : tensor<?x?x4xf64>[tensor<5xi64>], tensor<f64> -> tensor<?x?x4xf64>
th.func @ops(%x: tensor<?x?x4xf64>, %i: tensor<5xi64>, %j: tensor<2x1xi64>, %v: tensor<4xf64>, %s: tensor<f64>) -> (tensor<?x5x4xf64>, tensor<2x5x?xf64>, tensor<?x?x4xf64>, tensor<?x?x4xf64>) {
  %0 = th.advanced_subtensor %x[%i] axes [1] : tensor<?x?x4xf64>[tensor<5xi64>] -> tensor<?x5x4xf64>
  %1 = th.advanced_subtensor %x[%i, %j] axes [0, 2] : tensor<?x?x4xf64>[tensor<5xi64>, tensor<2x1xi64>] -> tensor<2x5x?xf64>
  %2 = th.advanced_inc_subtensor %x[%i] axes [1], %v : tensor<?x?x4xf64>[tensor<5xi64>], tensor<4xf64> -> tensor<?x?x4xf64>
  %3 = th.advanced_set_subtensor %x[%i] axes [1], %s : tensor<?x?x4xf64>[tensor<5xi64>], tensor<f64> -> tensor<?x?x4xf64>
  th.return %0, %1, %2, %3 : tensor<?x5x4xf64>, tensor<2x5x?xf64>, tensor<?x?x4xf64>, tensor<?x?x4xf64>
}
