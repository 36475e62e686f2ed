// RUN: tcc-opt %s --tcc-profile | FileCheck %s

#id = affine_map<(d0) -> (d0)>
#red = affine_map<(d0) -> ()>
#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>

// Every kernel is described in order: its function, kind, th ops (from the
// NameLocs the driver adds) and source positions.
// CHECK-LABEL: module attributes {tcc.profile_kernels = [
// CHECK-SAME: {function = "kernels", kind = "matmul", locs = ["model.th:6:7"], ops = "dot"},
// CHECK-SAME: {function = "kernels", kind = "elementwise", locs = ["model.th:3:5", "model.th:4:5"], ops = "log, exp"},
// CHECK-SAME: {function = "kernels", kind = "reduction", locs = ["model.th:8:1"], ops = "sum"},
// CHECK-SAME: {function = "kernels", kind = "reduction", locs = ["model.th:8:9"], ops = "sum"},
// CHECK-SAME: {function = "branches", kind = "elementwise", locs = ["model.th:3:5"], ops = "log"},
// CHECK-SAME: {function = "branches", kind = "elementwise", locs = ["model.th:4:5"], ops = "exp"},
// CHECK-SAME: {function = "loops_and_calls", kind = "loop", locs = ["model.th:9:2"], ops = "cumsum"},
// CHECK-SAME: {function = "loops_and_calls", kind = "call __tcc_random_normal", locs = ["model.th:10:3"], ops = "normal"}]}
// CHECK-DAG: func.func private @__tcc_profile_begin(i64)
// CHECK-DAG: func.func private @__tcc_profile_end(i64)

// The seeding fill and the tensor.empty of each kernel's init move inside
// its window, so the buffer bufferization allocates for it is the kernel's.
// CHECK-LABEL: func.func @kernels
// CHECK: %[[K0:.*]] = arith.constant 0 : i64
// CHECK-NEXT: call @__tcc_profile_begin(%[[K0]])
// CHECK-NEXT: %[[E:.*]] = tensor.empty
// CHECK-NEXT: %[[Z:.*]] = linalg.fill {{.*}} outs(%[[E]]
// CHECK-NEXT: linalg.matmul {{.*}} outs(%[[Z]]
// CHECK-NEXT: call @__tcc_profile_end(%[[K0]])
// CHECK: %[[K1:.*]] = arith.constant 1 : i64
// CHECK-NEXT: call @__tcc_profile_begin(%[[K1]])
// CHECK-NEXT: tensor.empty
// CHECK-NEXT: linalg.generic
// CHECK: math.log
// CHECK: math.exp
// CHECK: call @__tcc_profile_end(%[[K1]])
// A fill shared by two kernels: each gets its own.
// CHECK: call @__tcc_profile_begin(
// CHECK-NEXT: tensor.empty() : tensor<f64>
// CHECK-NEXT: linalg.fill
// CHECK-NEXT: linalg.generic {{.*}}iterator_types = ["reduction"]
// CHECK: call @__tcc_profile_end(
// CHECK: call @__tcc_profile_begin(
// CHECK-NEXT: tensor.empty() : tensor<f64>
// CHECK-NEXT: linalg.fill
// CHECK-NEXT: linalg.generic {{.*}}iterator_types = ["reduction"]
// CHECK: call @__tcc_profile_end(
// No fill or empty is left outside a kernel.
// CHECK-NOT: linalg.fill
// CHECK-NOT: tensor.empty
// CHECK: return
func.func @kernels(%x: tensor<?xf64>, %m: tensor<4x4xf64>) -> (tensor<4x4xf64>, tensor<?xf64>, tensor<f64>, tensor<f64>) {
  %zero = arith.constant 0.0 : f64
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?xf64>
  %e = tensor.empty() : tensor<4x4xf64>
  %z = linalg.fill ins(%zero : f64) outs(%e : tensor<4x4xf64>) -> tensor<4x4xf64>
  %p = linalg.matmul ins(%m, %m : tensor<4x4xf64>, tensor<4x4xf64>) outs(%z : tensor<4x4xf64>) -> tensor<4x4xf64> loc(#dot)
  %ev = tensor.empty(%n) : tensor<?xf64>
  %l = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf64>) outs(%ev : tensor<?xf64>) {
  ^bb0(%a: f64, %b: f64):
    %r = math.log %a : f64 loc(#log)
    %s = math.exp %r : f64 loc(#exp)
    linalg.yield %s : f64 loc(#exp)
  } -> tensor<?xf64> loc(#fused)
  %es = tensor.empty() : tensor<f64>
  %zs = linalg.fill ins(%zero : f64) outs(%es : tensor<f64>) -> tensor<f64>
  %sum = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["reduction"]}
      ins(%l : tensor<?xf64>) outs(%zs : tensor<f64>) {
  ^bb0(%a: f64, %b: f64):
    %r = arith.addf %a, %b : f64 loc(#sum)
    linalg.yield %r : f64 loc(#sum)
  } -> tensor<f64> loc(#sum)
  %sum2 = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["reduction"]}
      ins(%x : tensor<?xf64>) outs(%zs : tensor<f64>) {
  ^bb0(%a: f64, %b: f64):
    %r = arith.addf %a, %b : f64 loc(#sum2)
    linalg.yield %r : f64 loc(#sum2)
  } -> tensor<f64> loc(#sum2)
  return %p, %l, %sum, %sum2 : tensor<4x4xf64>, tensor<?xf64>, tensor<f64>, tensor<f64>
}

// Kernels in branches are kernels (each runs when its branch does); the
// error report a check calls is not one.
// CHECK-LABEL: func.func @branches
// CHECK: scf.if
// CHECK: call @__tcc_profile_begin(
// CHECK: math.log
// CHECK: call @__tcc_profile_end(
// CHECK: } else {
// CHECK: call @__tcc_profile_begin(
// CHECK: math.exp
// CHECK: call @__tcc_profile_end(
// CHECK-NOT: call @__tcc_profile
// CHECK: call @__tcc_index_error
// CHECK-NOT: call @__tcc_profile
// CHECK: return
func.func private @__tcc_index_error(i64, i64, i64, i64)
func.func @branches(%x: tensor<4xf64>, %p: i1) -> tensor<4xf64> {
  %e = tensor.empty() : tensor<4xf64>
  %r = scf.if %p -> tensor<4xf64> {
    %l = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%x : tensor<4xf64>) outs(%e : tensor<4xf64>) {
    ^bb0(%a: f64, %b: f64):
      %v = math.log %a : f64 loc(#log)
      linalg.yield %v : f64 loc(#log)
    } -> tensor<4xf64> loc(#log)
    scf.yield %l : tensor<4xf64>
  } else {
    %l = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%x : tensor<4xf64>) outs(%e : tensor<4xf64>) {
    ^bb0(%a: f64, %b: f64):
      %v = math.exp %a : f64 loc(#exp)
      linalg.yield %v : f64 loc(#exp)
    } -> tensor<4xf64> loc(#exp)
    scf.yield %l : tensor<4xf64>
  }
  scf.if %p {
    %c = arith.constant 0 : i64
    func.call @__tcc_index_error(%c, %c, %c, %c) : (i64, i64, i64, i64) -> ()
  }
  return %r : tensor<4xf64>
}

// A loop is one kernel: nothing inside it is instrumented. A call into the
// runtime that does work is a kernel.
// CHECK-LABEL: func.func @loops_and_calls
// CHECK: call @__tcc_profile_begin(
// CHECK-NEXT: scf.for
// CHECK-NOT: __tcc_profile
// CHECK: }
// CHECK-NEXT: call @__tcc_profile_end(
// CHECK: call @__tcc_profile_begin(
// CHECK-NEXT: call @__tcc_random_normal
// CHECK-NEXT: call @__tcc_profile_end(
func.func private @__tcc_random_normal(i64) -> f64
func.func @loops_and_calls(%x: tensor<4xf64>, %seed: i64) -> (tensor<4xf64>, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %r = scf.for %i = %c1 to %c4 step %c1 iter_args(%acc = %x) -> tensor<4xf64> {
    %prev = arith.subi %i, %c1 : index loc(#cumsum)
    %a = tensor.extract %acc[%prev] : tensor<4xf64> loc(#cumsum)
    %b = tensor.extract %acc[%i] : tensor<4xf64> loc(#cumsum)
    %s = arith.addf %a, %b : f64 loc(#cumsum)
    %u = tensor.insert %s into %acc[%i] : tensor<4xf64> loc(#cumsum)
    scf.yield %u : tensor<4xf64> loc(#cumsum)
  } loc(#cumsum)
  %n = func.call @__tcc_random_normal(%seed) : (i64) -> f64 loc(#normal)
  return %r, %n : tensor<4xf64>, f64
}

#log = loc("log"("model.th":3:5))
#exp = loc("exp"("model.th":4:5))
#dot = loc("dot"("model.th":6:7))
#fused = loc(fused[#log, #exp])
#sum = loc("sum"("model.th":8:1))
#sum2 = loc("sum"("model.th":8:9))
#cumsum = loc("cumsum"("model.th":9:2))
#normal = loc("normal"("model.th":10:3))
