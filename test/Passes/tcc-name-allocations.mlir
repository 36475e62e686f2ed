// RUN: tcc-opt %s --tcc-name-allocations | FileCheck %s

// Every site once, in the order first met; equal descriptions share one.
// CHECK-LABEL: module attributes {tcc.alloc_sites = ["mul at model.th:3:5", "matmul at model.th:6:7", "loop nest: exp at model.th:4:5", "a temporary at ?"]}
// CHECK: func.func private @__tcc_alloc_site(i64, i64)

#id = affine_map<(d0, d1) -> (d0, d1)>

// A static shape: its size is a constant (3 x 5 x 8 bytes).
// CHECK-LABEL: func.func @static_shape
// CHECK: %[[SITE:.*]] = arith.constant 0 : i64
// CHECK: %[[BYTES:.*]] = arith.constant 120 : i64
// CHECK: call @__tcc_alloc_site(%[[SITE]], %[[BYTES]])
// CHECK-NEXT: memref.alloc() : memref<3x5xf64>
func.func @static_shape() -> memref<3x5xf64> {
  %a = memref.alloc() : memref<3x5xf64> loc(#mul)
  return %a : memref<3x5xf64>
}

// Dynamic sizes: each multiplies the bytes with its overflow seen in the
// high word; a product past INT64_MAX is passed as -1, unless a size is 0
// (an empty buffer is 0 bytes).
// CHECK-LABEL: func.func @dynamic_shape
// CHECK-SAME: (%[[M:.*]]: index, %[[N:.*]]: index)
// CHECK-DAG: %[[SITE:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[FOUR:.*]] = arith.constant 4 : i64
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK: %[[M64:.*]] = arith.index_cast %[[M]] : index to i64
// CHECK: %[[MZERO:.*]] = arith.cmpi eq, %[[M64]], %[[ZERO]] : i64
// CHECK: %[[LO1:.*]], %[[HI1:.*]] = arith.mului_extended %[[FOUR]], %[[M64]] : i64
// CHECK: %[[OV1:.*]] = arith.cmpi ne, %[[HI1]], %[[ZERO]] : i64
// CHECK: %[[N64:.*]] = arith.index_cast %[[N]] : index to i64
// CHECK: %[[NZERO:.*]] = arith.cmpi eq, %[[N64]], %[[ZERO]] : i64
// CHECK: %[[EMPTY:.*]] = arith.ori %{{.*}}, %[[NZERO]] : i1
// CHECK: %[[LO2:.*]], %[[HI2:.*]] = arith.mului_extended %[[LO1]], %[[N64]] : i64
// CHECK: arith.cmpi ne, %[[HI2]]
// CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[LO2]], %[[ZERO]] : i64
// CHECK: %[[OV:.*]] = arith.ori %{{.*}}, %[[NEG]] : i1
// CHECK: %[[MINUS1:.*]] = arith.constant -1 : i64
// CHECK: %[[CHECKED:.*]] = arith.select %[[OV]], %[[MINUS1]], %[[LO2]] : i64
// CHECK: %[[BYTES:.*]] = arith.select %[[EMPTY]], %[[ZERO]], %[[CHECKED]] : i64
// CHECK: call @__tcc_alloc_site(%[[SITE]], %[[BYTES]])
// CHECK-NEXT: memref.alloc(%[[M]], %[[N]]) : memref<?x?xf32>
func.func @dynamic_shape(%m: index, %n: index) -> memref<?x?xf32> {
  %a = memref.alloc(%m, %n) : memref<?x?xf32> loc(#mul)
  return %a : memref<?x?xf32>
}

// Static sizes whose product passes INT64_MAX: -1 when no dynamic size is
// 0, else 0 bytes (a (2^62, 4, n) buffer with n = 0 is empty). A static 0
// makes the buffer empty whatever the other sizes are.
// CHECK-LABEL: func.func @static_overflow
// CHECK-SAME: (%[[N:.*]]: index)
// CHECK-DAG: %[[SITE:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[MINUS1:.*]] = arith.constant -1 : i64
// CHECK: call @__tcc_alloc_site(%[[SITE]], %[[MINUS1]])
// CHECK-NEXT: memref.alloc() : memref<4611686018427387904x4xf64>
// CHECK: %[[TRUE:.*]] = arith.constant true
// CHECK: %[[N64:.*]] = arith.index_cast %[[N]] : index to i64
// CHECK: %[[NZERO:.*]] = arith.cmpi eq, %[[N64]], %{{.*}} : i64
// CHECK: %[[EMPTYN:.*]] = arith.ori %{{.*}}, %[[NZERO]] : i1
// CHECK: %[[OV:.*]] = arith.ori %[[TRUE]], %{{.*}} : i1
// CHECK: %[[CHECKED:.*]] = arith.select %{{.*}}, %{{.*}}, %{{.*}} : i64
// CHECK: %[[BYTES:.*]] = arith.select %[[EMPTYN]], %{{.*}}, %[[CHECKED]] : i64
// CHECK: call @__tcc_alloc_site(%{{.*}}, %[[BYTES]])
// CHECK-NEXT: memref.alloc(%[[N]]) : memref<4611686018427387904x4x?xf64>
// CHECK: %[[SITE2:.*]] = arith.constant 0 : i64
// CHECK-NEXT: %[[EMPTY:.*]] = arith.constant 0 : i64
// CHECK-NEXT: call @__tcc_alloc_site(%[[SITE2]], %[[EMPTY]])
// CHECK-NEXT: memref.alloc() : memref<4611686018427387904x4x0xf64>
func.func @static_overflow(%n: index) {
  %a = memref.alloc() : memref<4611686018427387904x4xf64> loc(#mul)
  %b = memref.alloc(%n) : memref<4611686018427387904x4x?xf64> loc(#mul)
  %c = memref.alloc() : memref<4611686018427387904x4x0xf64> loc(#mul)
  return
}

// With no th op in its location, a buffer is described by the linalg op
// that writes it; with neither, it is a temporary.
// CHECK-LABEL: func.func @described_by_writer
// CHECK: arith.constant 1 : i64
// CHECK: call @__tcc_alloc_site
// CHECK-NEXT: memref.alloc() : memref<2x2xf32>
// CHECK: arith.constant 2 : i64
// CHECK: call @__tcc_alloc_site
// CHECK-NEXT: memref.alloc() : memref<4x4xf64>
// CHECK: arith.constant 3 : i64
// CHECK: call @__tcc_alloc_site
// CHECK-NEXT: memref.alloc() : memref<8xi8>
func.func @described_by_writer(%a: memref<2x3xf32>, %b: memref<3x2xf32>, %x: memref<4x4xf64>) {
  %c = memref.alloc() : memref<2x2xf32> loc(#mm)
  linalg.matmul ins(%a, %b : memref<2x3xf32>, memref<3x2xf32>) outs(%c : memref<2x2xf32>)
  %e = memref.alloc() : memref<4x4xf64> loc(#exp)
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : memref<4x4xf64>) outs(%e : memref<4x4xf64>) {
  ^bb0(%in: f64, %out: f64):
    %v = math.exp %in : f64
    linalg.yield %v : f64
  }
  %t = memref.alloc() : memref<8xi8> loc(unknown)
  return
}

// The same description again: the same number, no new entry.
// CHECK-LABEL: func.func @same_site
// CHECK: arith.constant 0 : i64
// CHECK: call @__tcc_alloc_site
func.func @same_site() -> memref<2xf64> {
  %a = memref.alloc() : memref<2xf64> loc(#mul)
  return %a : memref<2xf64>
}

#mul = loc(fused["mul"("model.th":3:5)])
#exp = loc("model.th":4:5)
#mm = loc("model.th":6:7)
