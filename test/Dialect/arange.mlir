// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s

// th.arange prints its step as an attribute of the element type.
// CHECK-LABEL: th.func @ranges
// CHECK: arange %{{.*}}, %{{.*}} step(-2 : i64) : tensor<i64>, tensor<i64> -> tensor<?xi64>
// CHECK: arange %{{.*}}, %{{.*}} step(2.500000e-01 : f32) : tensor<f32>, tensor<f32> -> tensor<?xf32>
th.func @ranges(%a: tensor<i64>, %b: tensor<i64>, %x: tensor<f32>, %y: tensor<f32>) -> (tensor<?xi64>, tensor<?xf32>) {
  %0 = th.arange %a, %b step(-2 : i64) : tensor<i64>, tensor<i64> -> tensor<?xi64>
  %1 = th.arange %x, %y step(0.25 : f32) : tensor<f32>, tensor<f32> -> tensor<?xf32>
  th.return %0, %1 : tensor<?xi64>, tensor<?xf32>
}
