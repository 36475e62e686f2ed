// RUN: tcc-opt %s --tcc-nan-guard | FileCheck %s

#id = affine_map<(d0) -> (d0)>
#red = affine_map<(d0) -> ()>

// CHECK-LABEL: module attributes {tcc.nan_checks = ["log at model.th:3:5", "loop nest: exp at model.th:4:5", "matmul at model.th:6:7"]}
// CHECK: func.func private @__tcc_nan_error(i64, i64)

// A float result: reduced to a code (2 NaN, 1 Inf) and checked.
// CHECK-LABEL: func.func @elementwise
// CHECK: %[[LOG:.*]] = linalg.generic {{.*}} ins(%arg0 : tensor<?xf64>)
// CHECK: math.log
// CHECK: %[[CODE:.*]] = linalg.generic {{.*}}iterator_types = ["reduction"]{{.*}} ins(%[[LOG]] : tensor<?xf64>) outs(%{{.*}} : tensor<i8>)
// CHECK: arith.cmpf uno
// CHECK: math.absf
// CHECK: arith.cmpf oeq, %{{.*}}, %{{.*}} : f64
// CHECK: arith.maxui
// CHECK: %[[C:.*]] = tensor.extract %[[CODE]][] : tensor<i8>
// CHECK: %[[BAD:.*]] = arith.cmpi ne, %[[C]]
// CHECK: scf.if %[[BAD]] {
// CHECK:   %[[CHECK:.*]] = arith.constant 0 : i64
// CHECK:   %[[WHY:.*]] = arith.extui %[[C]] : i8 to i64
// CHECK:   func.call @__tcc_nan_error(%[[CHECK]], %[[WHY]])
// The second op's check comes after it, with its own number: program order.
// CHECK: linalg.generic {{.*}} ins(%[[LOG]] : tensor<?xf64>)
// CHECK: math.exp
// CHECK: scf.if
// CHECK: arith.constant 1 : i64
// CHECK: return
func.func @elementwise(%x: tensor<?xf64>, %out: tensor<?xf64>) -> tensor<?xf64> {
  %l = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf64>) outs(%out : tensor<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %r = math.log %a : f64
    linalg.yield %r : f64
  } -> tensor<?xf64> loc(#log)
  %e = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%l : tensor<?xf64>) outs(%out : tensor<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %r = math.exp %a : f64
    linalg.yield %r : f64
  } -> tensor<?xf64> loc(#exp)
  return %e : tensor<?xf64>
}

// A fill that only seeds a reduction (-inf for a max) is not checked; the
// reduction is. Integer results are not checked.
// CHECK-LABEL: func.func @seeds_and_ints
// CHECK: %[[FILL:.*]] = linalg.fill
// CHECK-NOT: scf.if
// CHECK: %[[MM:.*]] = linalg.matmul
// CHECK: ins(%[[MM]] : tensor<2x2xf32>)
// CHECK: scf.if
// CHECK: arith.constant 2 : i64
// CHECK-NOT: scf.if
// CHECK: return
func.func @seeds_and_ints(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>, %i: tensor<4xi32>) -> (tensor<2x2xf32>, tensor<4xi32>) {
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %f = linalg.fill ins(%ninf : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %m = linalg.matmul ins(%a, %b : tensor<2x3xf32>, tensor<3x2xf32>) outs(%f : tensor<2x2xf32>) -> tensor<2x2xf32> loc(#mm)
  %ie = tensor.empty() : tensor<4xi32>
  %n = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%i : tensor<4xi32>) outs(%ie : tensor<4xi32>) {
  ^bb0(%a0: i32, %b0: i32):
    %r = arith.addi %a0, %a0 : i32
    linalg.yield %r : i32
  } -> tensor<4xi32>
  return %m, %n : tensor<2x2xf32>, tensor<4xi32>
}


#log = loc(fused["log"("model.th":3:5)])
#exp = loc("model.th":4:5)
#mm = loc("model.th":6:7)
