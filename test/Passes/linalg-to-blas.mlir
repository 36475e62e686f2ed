// RUN: tcc-opt %s --tcc-linalg-to-blas | FileCheck %s

// Products on float buffers become calls of the runtime's BLAS entry points,
// with operands cast to a fully dynamic strided layout; vecmat passes the
// matrix first. Integer products and products on tensors stay.
// The declarations come first in the module.
// CHECK-DAG: func.func private @tcc_blas_matvec_f64(memref<?x?xf64, strided<[?, ?], offset: ?>>, memref<?xf64, strided<[?], offset: ?>>, memref<?xf64, strided<[?], offset: ?>>) attributes {llvm.emit_c_interface}
// CHECK-DAG: func.func private @tcc_blas_dot_f64(memref<?xf64, strided<[?], offset: ?>>, memref<?xf64, strided<[?], offset: ?>>, memref<f64, strided<[], offset: ?>>)
// CHECK-LABEL: func.func @products(
// CHECK-SAME: [[A:%[^:]+]]: memref<?x?xf64>, [[X:%[^:]+]]: memref<?xf64>, [[Y:%[^:]+]]: memref<?xf64>, [[B:%[^:]+]]: memref<4x3xf32>, [[C:%[^:]+]]: memref<4x3xf32>, [[D:%[^:]+]]: memref<3x3xf32>, [[S:%[^:]+]]: memref<f64>, [[I:%[^:]+]]: memref<?x?xi32>, [[IV:%[^:]+]]: memref<?xi32>, [[IO:%[^:]+]]: memref<?xi32>)
// CHECK: [[A1:%.*]] = memref.cast [[A]] : memref<?x?xf64> to memref<?x?xf64, strided<[?, ?], offset: ?>>
// CHECK: [[X1:%.*]] = memref.cast [[X]]
// CHECK: [[Y1:%.*]] = memref.cast [[Y]]
// CHECK: call @tcc_blas_matvec_f64([[A1]], [[X1]], [[Y1]])
// CHECK: [[A2:%.*]] = memref.cast [[A]]
// CHECK: [[Y2:%.*]] = memref.cast [[Y]]
// CHECK: call @tcc_blas_vecmat_f64([[A2]], [[Y2]], {{%.*}})
// CHECK: call @tcc_blas_matmul_f32(
// CHECK: call @tcc_blas_dot_f64(
// CHECK: linalg.matvec ins([[I]], [[IV]] : memref<?x?xi32>, memref<?xi32>)
func.func @products(%a: memref<?x?xf64>, %x: memref<?xf64>, %y: memref<?xf64>,
                    %b: memref<4x3xf32>, %c: memref<4x3xf32>, %d: memref<3x3xf32>,
                    %s: memref<f64>, %i: memref<?x?xi32>, %iv: memref<?xi32>,
                    %io: memref<?xi32>) {
  linalg.matvec ins(%a, %x : memref<?x?xf64>, memref<?xf64>) outs(%y : memref<?xf64>)
  linalg.vecmat ins(%y, %a : memref<?xf64>, memref<?x?xf64>) outs(%x : memref<?xf64>)
  linalg.matmul ins(%b, %d : memref<4x3xf32>, memref<3x3xf32>) outs(%c : memref<4x3xf32>)
  linalg.dot ins(%x, %x : memref<?xf64>, memref<?xf64>) outs(%s : memref<f64>)
  linalg.matvec ins(%i, %iv : memref<?x?xi32>, memref<?xi32>) outs(%io : memref<?xi32>)
  return
}
