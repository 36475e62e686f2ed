// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s

// th.cumsum / th.cumprod keep their type; `reverse` prints only when set.
// CHECK-LABEL: th.func @totals
// CHECK: cumsum %{{.*}} axis = 1 : tensor<?x3xf64>
// CHECK: cumprod %{{.*}} axis = 0 reverse : tensor<?x3xf64>
// CHECK: cumsum %{{.*}} axis = 0 : tensor<4xi32>
th.func @totals(%x: tensor<?x3xf64>, %i: tensor<4xi32>) -> (tensor<?x3xf64>, tensor<?x3xf64>, tensor<4xi32>) {
  %0 = th.cumsum %x axis = 1 : tensor<?x3xf64>
  %1 = th.cumprod %x axis = 0 reverse : tensor<?x3xf64>
  %2 = th.cumsum %i axis = 0 : tensor<4xi32>
  th.return %0, %1, %2 : tensor<?x3xf64>, tensor<?x3xf64>, tensor<4xi32>
}
