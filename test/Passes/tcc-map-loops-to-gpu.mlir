// RUN: tcc-opt %s --pass-pipeline='builtin.module(func.func(tcc-map-loops-to-gpu{block-size=128}))' | FileCheck %s

// An elementwise loop over a matrix: collapsed into one loop over all
// elements (row-major), tiled by the block size; tiles go to blocks x, the
// elements of a tile to threads x (consecutive threads, consecutive
// elements), each recovering its row and column.
// CHECK-LABEL: func.func @elementwise
// CHECK: %[[M:.*]] = memref.dim %{{.*}}, %c0
// CHECK: %[[N:.*]] = memref.dim %{{.*}}, %c1
// CHECK: %[[ROWS:.*]] = arith.muli %{{.*}}, %[[M]] : index
// CHECK: %[[ALL:.*]] = arith.muli %[[ROWS]], %[[N]] : index
// CHECK: %[[C128:.*]] = arith.constant 128 : index
// CHECK: %[[TILE:.*]] = arith.muli %{{.*}}, %[[C128]] : index
// CHECK: scf.parallel (%[[T:.*]]) = (%{{.*}}) to (%[[ALL]]) step (%[[TILE]])
// CHECK:   scf.parallel (%[[E:.*]]) = (%{{.*}}) to (%[[TILE]])
// CHECK:     %[[K:.*]] = arith.addi %[[E]], %[[T]] : index
// CHECK:     scf.if
// CHECK:       %[[J:.*]] = arith.remsi %[[K]], %[[N]] : index
// CHECK:       %[[I:.*]] = arith.divsi %[[K]], %[[N]] : index
// CHECK:       memref.load %{{.*}}[%[[I]], %[[J]]]
// CHECK:       math.exp
// CHECK:   } {mapping = [#gpu.loop_dim_map<processor = thread_x, {{.*}}>]}
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = block_x, {{.*}}>]}
func.func @elementwise(%a: memref<?x?xf32>, %out: memref<?x?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %a, %c0 : memref<?x?xf32>
  %n = memref.dim %a, %c1 : memref<?x?xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%m, %n) step (%c1, %c1) {
    %x = memref.load %a[%i, %j] : memref<?x?xf32>
    %y = math.exp %x : f32
    memref.store %y, %out[%i, %j] : memref<?x?xf32>
    scf.reduce
  }
  return
}

// A reduction along rows: the rows are mapped, the loop over a row runs in
// each thread.
// CHECK-LABEL: func.func @row_sums
// CHECK: scf.parallel
// CHECK:   scf.parallel
// CHECK:     scf.if
// CHECK:       scf.for
// CHECK:   } {mapping = [#gpu.loop_dim_map<processor = thread_x, {{.*}}>]}
// CHECK: } {mapping = [#gpu.loop_dim_map<processor = block_x, {{.*}}>]}
func.func @row_sums(%a: memref<?x?xf64>, %out: memref<?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %a, %c0 : memref<?x?xf64>
  %n = memref.dim %a, %c1 : memref<?x?xf64>
  scf.parallel (%i) = (%c0) to (%m) step (%c1) {
    %s = scf.for %j = %c0 to %n step %c1 iter_args(%acc = %out) -> (memref<?xf64>) {
      %x = memref.load %a[%i, %j] : memref<?x?xf64>
      %o = memref.load %acc[%i] : memref<?xf64>
      %t = arith.addf %o, %x : f64
      memref.store %t, %acc[%i] : memref<?xf64>
      scf.yield %acc : memref<?xf64>
    }
    scf.reduce
  }
  return
}

func.func private @__tcc_index_error(i64, i64, i64, i64)

// A loop that calls the runtime (a GPU thread cannot): left to the host.
// CHECK-LABEL: func.func @calls
// CHECK: scf.parallel
// CHECK-NOT: mapping
// CHECK: return
func.func @calls(%a: memref<?xf64>, %idx: memref<?xi64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %a, %c0 : memref<?xf64>
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    %k = memref.load %idx[%i] : memref<?xi64>
    func.call @__tcc_index_error(%k, %k, %k, %k) : (i64, i64, i64, i64) -> ()
    scf.reduce
  }
  return
}

memref.global "private" constant @table : memref<4xf64> = dense<[1.0, 2.0, 3.0, 4.0]>

// A loop that reads a global constant (host memory, which the GPU cannot
// read) or computes an integer power (a function on the host): left alone.
// CHECK-LABEL: func.func @host_memory_and_ipowi
// CHECK-NOT: mapping
// CHECK: return
func.func @host_memory_and_ipowi(%out: memref<4xf64>, %b: memref<4xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %table = memref.get_global @table : memref<4xf64>
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %x = memref.load %table[%i] : memref<4xf64>
    memref.store %x, %out[%i] : memref<4xf64>
    scf.reduce
  }
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %x = memref.load %b[%i] : memref<4xi32>
    %y = math.ipowi %x, %x : i32
    memref.store %y, %b[%i] : memref<4xi32>
    scf.reduce
  }
  return
}

// A parallel reduction (a loop with results) is not mapped.
// CHECK-LABEL: func.func @parallel_reduction
// CHECK-NOT: mapping
// CHECK: return
func.func @parallel_reduction(%a: memref<?xf64>) -> f64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %n = memref.dim %a, %c0 : memref<?xf64>
  %s = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%zero) -> f64 {
    %x = memref.load %a[%i] : memref<?xf64>
    scf.reduce(%x : f64) {
    ^bb0(%l: f64, %r: f64):
      %t = arith.addf %l, %r : f64
      scf.reduce.return %t : f64
    }
  }
  return %s : f64
}
