// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s

// Complex tensors: arithmetic ops take complex<f32>/complex<f64>, the part
// ops give the component float type, th.complex builds one from parts
// (broadcasting like any elementwise op).
// CHECK-LABEL: th.func @complex_ops
// CHECK: add %{{.*}}, %{{.*}} : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
// CHECK: true_div
// CHECK: exp %{{.*}} : tensor<?xcomplex<f64>>
// CHECK: real %{{.*}} : tensor<?xcomplex<f64>> -> tensor<?xf64>
// CHECK: imag %{{.*}} : tensor<?xcomplex<f64>> -> tensor<?xf64>
// CHECK: angle %{{.*}} : tensor<?xcomplex<f64>> -> tensor<?xf64>
// CHECK: complex_abs %{{.*}} : tensor<?xcomplex<f64>> -> tensor<?xf64>
// CHECK: conj %{{.*}} : tensor<?xcomplex<f64>>
// CHECK: complex %{{.*}}, %{{.*}} : tensor<1x3xf32>, tensor<?x1xf32> -> tensor<?x3xcomplex<f32>>
th.func @complex_ops(%z: tensor<?xcomplex<f64>>, %a: tensor<1x3xf32>, %b: tensor<?x1xf32>) -> (tensor<?xf64>, tensor<?x3xcomplex<f32>>) {
  %0 = th.add %z, %z : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  %1 = th.true_div %0, %z : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  %2 = th.exp %1 : tensor<?xcomplex<f64>>
  %3 = th.real %2 : tensor<?xcomplex<f64>> -> tensor<?xf64>
  %4 = th.imag %2 : tensor<?xcomplex<f64>> -> tensor<?xf64>
  %5 = th.angle %2 : tensor<?xcomplex<f64>> -> tensor<?xf64>
  %6 = th.complex_abs %2 : tensor<?xcomplex<f64>> -> tensor<?xf64>
  %7 = th.conj %2 : tensor<?xcomplex<f64>>
  %8 = th.complex %a, %b : tensor<1x3xf32>, tensor<?x1xf32> -> tensor<?x3xcomplex<f32>>
  th.return %6, %8 : tensor<?xf64>, tensor<?x3xcomplex<f32>>
}
