// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s

// th.nonzero gives one row of coordinates per input dimension; the sizes a
// boolean mask indexes print after `indexing` only when present.
// CHECK-LABEL: th.func @coordinates
// CHECK: nonzero %{{.*}} : tensor<?x3xf64> -> tensor<2x?xi64>
// CHECK: nonzero %{{.*}} indexing[%{{.*}}, %{{.*}} : tensor<i64>, tensor<i64>] : tensor<?x3xi1> -> tensor<2x?xi64>
th.func @coordinates(%x: tensor<?x3xf64>, %m: tensor<?x3xi1>) -> (tensor<2x?xi64>, tensor<2x?xi64>) {
  %0 = th.nonzero %x : tensor<?x3xf64> -> tensor<2x?xi64>
  %n = th.shape_i %x[0] : tensor<?x3xf64> -> tensor<i64>
  %k = th.shape_i %x[1] : tensor<?x3xf64> -> tensor<i64>
  %1 = th.nonzero %m indexing [%n, %k : tensor<i64>, tensor<i64>] : tensor<?x3xi1> -> tensor<2x?xi64>
  th.return %0, %1 : tensor<2x?xi64>, tensor<2x?xi64>
}
