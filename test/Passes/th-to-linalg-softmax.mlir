// RUN: tcc-opt %s --convert-th-to-linalg --mlir-print-local-scope | FileCheck %s
// RUN: tcc-opt %s --convert-th-to-linalg | FileCheck %s --check-prefix=NOTH

// th.softmax / th.log_softmax lower to the max-shifted expansion: with
// z = x - max(x, axis) (the maximum broadcast back along the axis),
// softmax = exp(z) / sum(exp(z), axis) and log_softmax = z - log(sum(exp(z),
// axis)). Each step is the ordinary linalg lowering of the th op: the max is
// a reduction from -inf combining with arith.maximumf, the sum a reduction
// from 0 with arith.addf, the keepdims broadcast a copy into a size-1
// dimension that the next elementwise op reads at index 0.

// No th op is left.
// NOTH-NOT: {{(^|[^a-z_])th\.}}

// softmax along axis 1 of a matrix: rows are reduced (iterators
// [parallel, reduction], result map (d0)), and the row results are read
// back as (d0, 0).
// CHECK-LABEL: func.func @softmax_axis1(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK-DAG: [[NEGINF:%.*]] = arith.constant 0xFFF0000000000000 : f64
// CHECK: [[MINIT:%.*]] = linalg.fill ins([[NEGINF]] : f64) outs({{%[^ ]+}} : tensor<?xf64>) -> tensor<?xf64>
// CHECK-NEXT: [[MAX:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins([[X]] : tensor<?x?xf64>) outs([[MINIT]] : tensor<?xf64>)
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: f64, [[ACC:%[^:]+]]: f64):
// CHECK-NEXT: [[M:%.*]] = arith.maximumf [[ACC]], [[IN]] : f64
// CHECK-NEXT: linalg.yield [[M]] : f64
// CHECK: [[MK:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[MAX]] : tensor<?xf64>) outs({{%[^ ]+}} : tensor<?x1xf64>)
// CHECK: [[Z:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[X]], [[MK]] : tensor<?x?xf64>, tensor<?x1xf64>)
// CHECK-NEXT: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: [[D:%.*]] = arith.subf [[A]], [[B]] : f64
// CHECK-NEXT: linalg.yield [[D]] : f64
// CHECK: [[E:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[Z]] : tensor<?x?xf64>)
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: [[EX:%.*]] = math.exp [[IN]] : f64
// CHECK-NEXT: linalg.yield [[EX]] : f64
// CHECK: [[SINIT:%.*]] = linalg.fill ins([[ZERO]] : f64) outs({{%[^ ]+}} : tensor<?xf64>) -> tensor<?xf64>
// CHECK-NEXT: [[SUM:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins([[E]] : tensor<?x?xf64>) outs([[SINIT]] : tensor<?xf64>)
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: f64, [[ACC:%[^:]+]]: f64):
// CHECK-NEXT: [[S:%.*]] = arith.addf [[ACC]], [[IN]] : f64
// CHECK-NEXT: linalg.yield [[S]] : f64
// CHECK: [[SK:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[SUM]] : tensor<?xf64>) outs({{%[^ ]+}} : tensor<?x1xf64>)
// CHECK: [[R:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[E]], [[SK]] : tensor<?x?xf64>, tensor<?x1xf64>)
// CHECK-NEXT: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: [[Q:%.*]] = arith.divf [[A]], [[B]] : f64
// CHECK-NEXT: linalg.yield [[Q]] : f64
// CHECK-NOT: math.log
// CHECK: return [[R]] : tensor<?x?xf64>
func.func @softmax_axis1(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = th.softmax %x axis = 1 : tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}

// log_softmax along axis 1: the same max, shift, exp and sum, then
// z - log(sum) (the log of the ?x1 sums, subtracted from z, not from x).
// CHECK-LABEL: func.func @log_softmax_axis1(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK-DAG: [[NEGINF:%.*]] = arith.constant 0xFFF0000000000000 : f64
// CHECK: [[MINIT:%.*]] = linalg.fill ins([[NEGINF]] : f64)
// CHECK-NEXT: [[MAX:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins([[X]] : tensor<?x?xf64>) outs([[MINIT]] : tensor<?xf64>)
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: f64, [[ACC:%[^:]+]]: f64):
// CHECK-NEXT: arith.maximumf [[ACC]], [[IN]] : f64
// CHECK: [[MK:%.*]] = linalg.generic
// CHECK-SAME: ins([[MAX]] : tensor<?xf64>) outs({{%[^ ]+}} : tensor<?x1xf64>)
// CHECK: [[Z:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[X]], [[MK]] : tensor<?x?xf64>, tensor<?x1xf64>)
// CHECK-NEXT: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: arith.subf [[A]], [[B]] : f64
// CHECK: [[E:%.*]] = linalg.generic
// CHECK-SAME: ins([[Z]] : tensor<?x?xf64>)
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: math.exp
// CHECK: [[SINIT:%.*]] = linalg.fill ins([[ZERO]] : f64)
// CHECK-NEXT: [[SUM:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins([[E]] : tensor<?x?xf64>) outs([[SINIT]] : tensor<?xf64>)
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: f64, [[ACC:%[^:]+]]: f64):
// CHECK-NEXT: arith.addf [[ACC]], [[IN]] : f64
// CHECK: [[SK:%.*]] = linalg.generic
// CHECK-SAME: ins([[SUM]] : tensor<?xf64>) outs({{%[^ ]+}} : tensor<?x1xf64>)
// CHECK: [[L:%.*]] = linalg.generic
// CHECK-SAME: ins([[SK]] : tensor<?x1xf64>) outs({{%[^ ]+}} : tensor<?x1xf64>)
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: [[LG:%.*]] = math.log [[IN]] : f64
// CHECK-NEXT: linalg.yield [[LG]] : f64
// CHECK: [[R:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[Z]], [[L]] : tensor<?x?xf64>, tensor<?x1xf64>)
// CHECK-NEXT: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: [[D:%.*]] = arith.subf [[A]], [[B]] : f64
// CHECK-NEXT: linalg.yield [[D]] : f64
// CHECK-NOT: arith.divf
// CHECK: return [[R]] : tensor<?x?xf64>
func.func @log_softmax_axis1(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = th.log_softmax %x axis = 1 : tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}

// softmax along axis 0: columns are reduced (iterators [reduction,
// parallel], result map (d1)) and read back as (0, d1).
// CHECK-LABEL: func.func @softmax_axis0(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK: [[MAX:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME: ins([[X]] : tensor<?x?xf64>)
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: f64, [[ACC:%[^:]+]]: f64):
// CHECK-NEXT: arith.maximumf [[ACC]], [[IN]] : f64
// CHECK: [[MK:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[MAX]] : tensor<?xf64>) outs({{%[^ ]+}} : tensor<1x?xf64>)
// CHECK: [[Z:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[X]], [[MK]] : tensor<?x?xf64>, tensor<1x?xf64>)
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: arith.subf
// CHECK: [[E:%.*]] = linalg.generic
// CHECK-SAME: ins([[Z]] : tensor<?x?xf64>)
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: math.exp
// CHECK: [[SUM:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME: ins([[E]] : tensor<?x?xf64>)
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: arith.addf
// CHECK: [[SK:%.*]] = linalg.generic
// CHECK-SAME: ins([[SUM]] : tensor<?xf64>) outs({{%[^ ]+}} : tensor<1x?xf64>)
// CHECK: [[R:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[E]], [[SK]] : tensor<?x?xf64>, tensor<1x?xf64>)
// CHECK-NEXT: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: arith.divf [[A]], [[B]] : f64
// CHECK: return [[R]] : tensor<?x?xf64>
func.func @softmax_axis0(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = th.softmax %x axis = 0 : tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}

// log_softmax along axis 0 of a static f32 matrix: the max starts from f32
// -inf, the sum accumulates in f64 and is truncated back to f32 (the usual
// float32 sum), and the log of the 1x4 sums is subtracted from z.
// CHECK-LABEL: func.func @log_softmax_axis0_f32(
// CHECK-SAME: [[X:%[^:]+]]: tensor<3x4xf32>)
// CHECK-NOT: tensor.dim
// CHECK-DAG: [[NEGINF:%.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.fill ins([[NEGINF]] : f32) outs({{%[^ ]+}} : tensor<4xf32>)
// CHECK-NEXT: [[MAX:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME: ins([[X]] : tensor<3x4xf32>)
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: arith.maximumf {{.*}} : f32
// CHECK: [[MK:%.*]] = linalg.generic
// CHECK-SAME: ins([[MAX]] : tensor<4xf32>) outs({{%[^ ]+}} : tensor<1x4xf32>)
// CHECK: [[Z:%.*]] = linalg.generic
// CHECK-SAME: ins([[X]], [[MK]] : tensor<3x4xf32>, tensor<1x4xf32>)
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: arith.subf {{.*}} : f32
// CHECK: [[E:%.*]] = linalg.generic
// CHECK-SAME: ins([[Z]] : tensor<3x4xf32>)
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: math.exp {{.*}} : f32
// CHECK: [[SUM:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
// CHECK-SAME: ins([[E]] : tensor<3x4xf32>) outs({{%[^ ]+}} : tensor<4xf64>)
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: arith.extf
// CHECK-NEXT: arith.addf {{.*}} : f64
// CHECK: math.log {{.*}} : f32
// CHECK: [[R:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[Z]], {{%[^ ]+}} : tensor<3x4xf32>, tensor<1x4xf32>)
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: arith.subf {{.*}} : f32
// CHECK: return [[R]] : tensor<3x4xf32>
func.func @log_softmax_axis0_f32(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = th.log_softmax %x axis = 0 : tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// A vector: the max and the sum are 0-d ((d0) -> ()) read back as (0).
// CHECK-LABEL: func.func @softmax_vector(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>)
// CHECK: [[MAX:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
// CHECK-SAME: ins([[X]] : tensor<?xf64>)
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: arith.maximumf
// CHECK: [[Z:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME: ins([[X]], {{%[^ ]+}} : tensor<?xf64>, tensor<1xf64>)
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: arith.subf
// CHECK: math.exp
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: arith.addf
// CHECK: [[R:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-NEXT: ^bb0(
// CHECK-NEXT: arith.divf
// CHECK: return [[R]] : tensor<?xf64>
func.func @softmax_vector(%x: tensor<?xf64>) -> tensor<?xf64> {
  %0 = th.softmax %x axis = 0 : tensor<?xf64>
  return %0 : tensor<?xf64>
}
