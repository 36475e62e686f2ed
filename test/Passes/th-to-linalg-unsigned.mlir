// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg | FileCheck %s

// Unsigned dtypes choose the unsigned arith ops while th lowers; then every
// integer is signless, constants included (their bits kept).

// CHECK-LABEL: func.func @elementwise
// CHECK-SAME: (%{{.*}}: tensor<?xi8>, %{{.*}}: tensor<?xi8>) -> (tensor<?xi8>, tensor<?xi1>, tensor<?xi8>, tensor<?xf32>, tensor<?xi16>)
// CHECK: arith.divui
// CHECK: arith.cmpi ult
// CHECK: arith.maxui
// CHECK: arith.uitofp %{{.*}} : i8 to f32
// CHECK: arith.extui %{{.*}} : i8 to i16
// CHECK-NOT: ui8
th.func @elementwise(%a: tensor<?xui8>, %b: tensor<?xui8>) -> (tensor<?xui8>, tensor<?xi1>, tensor<?xui8>, tensor<?xf32>, tensor<?xi16>) {
  %0 = th.int_div %a, %b : tensor<?xui8>, tensor<?xui8> -> tensor<?xui8>
  %1 = th.lt %a, %b : tensor<?xui8>, tensor<?xui8> -> tensor<?xi1>
  %2 = th.maximum %a, %b : tensor<?xui8>, tensor<?xui8> -> tensor<?xui8>
  %3 = th.cast %a : tensor<?xui8> -> tensor<?xf32>
  %4 = th.cast %b : tensor<?xui8> -> tensor<?xi16>
  th.return %0, %1, %2, %3, %4 : tensor<?xui8>, tensor<?xi1>, tensor<?xui8>, tensor<?xf32>, tensor<?xi16>
}

// The identity of max over uint16 is 0, not the signed minimum; argmax
// compares unsigned.
// CHECK-LABEL: func.func @reductions
// CHECK: arith.constant 0 : i16
// CHECK: arith.maxui
// CHECK: arith.cmpi ugt
th.func @reductions(%m: tensor<?x?xui16>) -> (tensor<ui16>, tensor<i64>) {
  %0 = th.max %m axes = [0, 1] : tensor<?x?xui16> -> tensor<ui16>
  %1 = th.argmax %m axes = [0, 1] : tensor<?x?xui16> -> tensor<i64>
  th.return %0, %1 : tensor<ui16>, tensor<i64>
}

// CHECK-LABEL: func.func @constant
// CHECK: arith.constant dense<[-6, 5, -128]> : tensor<3xi8>
th.func @constant() -> tensor<3xui8> {
  %0 = th.constant dense<[250, 5, 128]> : tensor<3xui8>
  th.return %0 : tensor<3xui8>
}
