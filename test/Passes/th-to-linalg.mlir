// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg --mlir-print-local-scope | FileCheck %s
// RUN: %tcc-opt %s --th-lower-functions --convert-th-to-linalg | FileCheck %s --check-prefix=NOTH

// convert-th-to-linalg: Theano's broadcasting in linalg indexing maps,
// dynamic sizes from tensor.dim of an operand that is not broadcastable,
// reductions, dot, dimshuffle and the scalar body of every elementwise op.
// Constants the bodies use are hoisted to the top of the function, so they
// are matched with CHECK-DAG right after the label.

// No th op is left (th.func is lowered by --th-lower-functions first).
// NOTH-NOT: {{(^|[^a-z])th\.}}

//===----------------------------------------------------------------------===//
// Broadcasting and result sizes
//===----------------------------------------------------------------------===//

// A 1x? operand reads row 0; the result's dynamic sizes come from an operand
// that is not broadcastable in that dimension (x for d0, y for d1).
// CHECK-LABEL: func.func @broadcast_dynamic(
// CHECK-SAME: [[Y:%[^:]+]]: tensor<1x?xf64>, [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK-DAG: [[C0:%.*]] = arith.constant 0 : index
// CHECK-DAG: [[C1:%.*]] = arith.constant 1 : index
// CHECK-DAG: [[D0:%.*]] = tensor.dim [[X]], [[C0]] : tensor<?x?xf64>
// CHECK-DAG: [[D1:%.*]] = tensor.dim [[Y]], [[C1]] : tensor<1x?xf64>
// CHECK: [[INIT:%.*]] = tensor.empty([[D0]], [[D1]]) : tensor<?x?xf64>
// CHECK: [[R:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[Y]], [[X]] : tensor<1x?xf64>, tensor<?x?xf64>) outs([[INIT]] : tensor<?x?xf64>)
// CHECK-NEXT: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: [[S:%.*]] = arith.addf [[A]], [[B]] : f64
// CHECK-NEXT: linalg.yield [[S]] : f64
// CHECK: return [[R]]
func.func @broadcast_dynamic(%y: tensor<1x?xf64>, %x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = th.add %y, %x : tensor<1x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}

// Static sizes: an outer product by broadcasting, no tensor.dim.
// CHECK-LABEL: func.func @broadcast_static(
// CHECK-SAME: [[I:%[^:]+]]: tensor<3x1xi32>, [[J:%[^:]+]]: tensor<1x5xi32>)
// CHECK-NOT: tensor.dim
// CHECK: [[INIT:%.*]] = tensor.empty() : tensor<3x5xi32>
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[I]], [[J]] : tensor<3x1xi32>, tensor<1x5xi32>) outs([[INIT]] : tensor<3x5xi32>)
// CHECK-NEXT: ^bb0([[A:%[^:]+]]: i32, [[B:%[^:]+]]: i32, %{{[^:]+}}: i32):
// CHECK-NEXT: [[P:%.*]] = arith.muli [[A]], [[B]] : i32
// CHECK-NEXT: linalg.yield [[P]] : i32
func.func @broadcast_static(%i: tensor<3x1xi32>, %j: tensor<1x5xi32>) -> tensor<3x5xi32> {
  %0 = th.mul %i, %j : tensor<3x1xi32>, tensor<1x5xi32> -> tensor<3x5xi32>
  return %0 : tensor<3x5xi32>
}

// Three operands: the bool condition broadcasts along d1, ift along d0; the
// dynamic d0 comes from the condition, the first operand not broadcastable
// there.
// CHECK-LABEL: func.func @switch(
// CHECK-SAME: [[C:%[^:]+]]: tensor<?x1xi1>, [[T:%[^:]+]]: tensor<1x4xf64>, [[F:%[^:]+]]: tensor<?x4xf64>)
// CHECK-DAG: [[C0:%.*]] = arith.constant 0 : index
// CHECK-DAG: [[D0:%.*]] = tensor.dim [[C]], [[C0]] : tensor<?x1xi1>
// CHECK: [[INIT:%.*]] = tensor.empty([[D0]]) : tensor<?x4xf64>
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins([[C]], [[T]], [[F]] : tensor<?x1xi1>, tensor<1x4xf64>, tensor<?x4xf64>) outs([[INIT]] : tensor<?x4xf64>)
// CHECK-NEXT: ^bb0([[CV:%[^:]+]]: i1, [[TV:%[^:]+]]: f64, [[FV:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: [[S:%.*]] = arith.select [[CV]], [[TV]], [[FV]] : f64
// CHECK-NEXT: linalg.yield [[S]] : f64
func.func @switch(%c: tensor<?x1xi1>, %t: tensor<1x4xf64>, %f: tensor<?x4xf64>) -> tensor<?x4xf64> {
  %r = th.switch %c, %t, %f : tensor<?x1xi1>, tensor<1x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
  return %r : tensor<?x4xf64>
}

// Scalars (rank 0): empty maps and no iterators.
// CHECK-LABEL: func.func @rank0(
// CHECK: [[INIT:%.*]] = tensor.empty() : tensor<f64>
// CHECK: linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []}
// CHECK-SAME: outs([[INIT]] : tensor<f64>)
// CHECK-NEXT: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: arith.subf [[A]], [[B]] : f64
func.func @rank0(%a: tensor<f64>, %b: tensor<f64>) -> tensor<f64> {
  %0 = th.sub %a, %b : tensor<f64>, tensor<f64> -> tensor<f64>
  return %0 : tensor<f64>
}

// CHECK-LABEL: func.func @constant()
// CHECK-DAG: [[F:%.*]] = arith.constant dense<[1.000000e+00, 2.500000e+00]> : tensor<2xf64>
// CHECK-DAG: [[B:%.*]] = arith.constant dense<[true, false, true]> : tensor<3xi1>
// CHECK: return [[F]], [[B]] : tensor<2xf64>, tensor<3xi1>
func.func @constant() -> (tensor<2xf64>, tensor<3xi1>) {
  %0 = th.constant dense<[1.0, 2.5]> : tensor<2xf64>
  %1 = th.constant dense<[true, false, true]> : tensor<3xi1>
  return %0, %1 : tensor<2xf64>, tensor<3xi1>
}

//===----------------------------------------------------------------------===//
// Reductions: a fill with the combiner's identity, then reduction iterators
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @sum_float(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x3x?xf64>)
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NOT: tensor.dim
// CHECK: [[EMPTY:%.*]] = tensor.empty() : tensor<3xf64>
// CHECK: [[INIT:%.*]] = linalg.fill ins([[ZERO]] : f64) outs([[EMPTY]] : tensor<3xf64>)
// CHECK: [[R:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d1)>], iterator_types = ["reduction", "parallel", "reduction"]}
// CHECK-SAME: ins([[X]] : tensor<?x3x?xf64>) outs([[INIT]] : tensor<3xf64>)
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: f64, [[ACC:%[^:]+]]: f64):
// CHECK-NEXT: [[S:%.*]] = arith.addf [[ACC]], [[IN]] : f64
// CHECK-NEXT: linalg.yield [[S]] : f64
// CHECK: return [[R]]
func.func @sum_float(%x: tensor<?x3x?xf64>) -> tensor<3xf64> {
  %0 = th.sum %x axes = [0, 2] : tensor<?x3x?xf64> -> tensor<3xf64>
  return %0 : tensor<3xf64>
}

// The kept dynamic dimension's size comes from the input.
// CHECK-LABEL: func.func @sum_int(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xi64>)
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0 : i64
// CHECK-DAG: [[C0:%.*]] = arith.constant 0 : index
// CHECK-DAG: [[D0:%.*]] = tensor.dim [[X]], [[C0]] : tensor<?x?xi64>
// CHECK: [[EMPTY:%.*]] = tensor.empty([[D0]]) : tensor<?xi64>
// CHECK: [[INIT:%.*]] = linalg.fill ins([[ZERO]] : i64) outs([[EMPTY]] : tensor<?xi64>)
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: outs([[INIT]] : tensor<?xi64>)
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: i64, [[ACC:%[^:]+]]: i64):
// CHECK-NEXT: arith.addi [[ACC]], [[IN]] : i64
func.func @sum_int(%x: tensor<?x?xi64>) -> tensor<?xi64> {
  %0 = th.sum %x axes = [1] : tensor<?x?xi64> -> tensor<?xi64>
  return %0 : tensor<?xi64>
}

// Float max starts from -inf.
// CHECK-LABEL: func.func @max_float(
// CHECK-DAG: [[NEGINF:%.*]] = arith.constant 0xFFF0000000000000 : f64
// CHECK: [[INIT:%.*]] = linalg.fill ins([[NEGINF]] : f64)
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: outs([[INIT]] : tensor<?xf64>)
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: f64, [[ACC:%[^:]+]]: f64):
// CHECK-NEXT: arith.maximumf [[ACC]], [[IN]] : f64
func.func @max_float(%x: tensor<?x?xf64>) -> tensor<?xf64> {
  %0 = th.max %x axes = [1] : tensor<?x?xf64> -> tensor<?xf64>
  return %0 : tensor<?xf64>
}

// Integer max starts from the smallest value of the type.
// CHECK-LABEL: func.func @max_int(
// CHECK-DAG: [[MIN:%.*]] = arith.constant -2147483648 : i32
// CHECK: [[EMPTY:%.*]] = tensor.empty() : tensor<i32>
// CHECK: [[INIT:%.*]] = linalg.fill ins([[MIN]] : i32) outs([[EMPTY]] : tensor<i32>)
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>], iterator_types = ["reduction"]}
// CHECK-SAME: outs([[INIT]] : tensor<i32>)
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: i32, [[ACC:%[^:]+]]: i32):
// CHECK-NEXT: arith.maxsi [[ACC]], [[IN]] : i32
func.func @max_int(%x: tensor<?xi32>) -> tensor<i32> {
  %0 = th.max %x axes = [0] : tensor<?xi32> -> tensor<i32>
  return %0 : tensor<i32>
}

// Min starts from +inf, or from the largest value of the integer type.
// CHECK-LABEL: func.func @min(
// CHECK-DAG: [[INF:%.*]] = arith.constant 0x7F800000 : f32
// CHECK-DAG: [[MAX:%.*]] = arith.constant 127 : i8
// CHECK: linalg.fill ins([[INF]] : f32)
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: f32, [[ACC:%[^:]+]]: f32):
// CHECK-NEXT: arith.minimumf [[ACC]], [[IN]] : f32
// CHECK: linalg.fill ins([[MAX]] : i8)
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: i8, [[ACC:%[^:]+]]: i8):
// CHECK-NEXT: arith.minsi [[ACC]], [[IN]] : i8
func.func @min(%x: tensor<?xf32>, %y: tensor<?xi8>) -> (tensor<f32>, tensor<i8>) {
  %0 = th.min %x axes = [0] : tensor<?xf32> -> tensor<f32>
  %1 = th.min %y axes = [0] : tensor<?xi8> -> tensor<i8>
  return %0, %1 : tensor<f32>, tensor<i8>
}

// Mean: the sum (float32 adds up in float64, Theano's acc_dtype), rounded to
// float32 and divided by the product of the reduced sizes (d0 * d2).
// CHECK-LABEL: func.func @mean(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?x?xf32>)
// CHECK-DAG: [[C0:%.*]] = arith.constant 0 : index
// CHECK-DAG: [[C1:%.*]] = arith.constant 1 : index
// CHECK-DAG: [[C2:%.*]] = arith.constant 2 : index
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK: linalg.fill ins([[ZERO]] : f64)
// CHECK: [[SUM:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d1)>], iterator_types = ["reduction", "parallel", "reduction"]}
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: f32, [[ACC:%[^:]+]]: f64):
// CHECK-NEXT: [[WIDE:%.*]] = arith.extf [[IN]] : f32 to f64
// CHECK-NEXT: arith.addf [[ACC]], [[WIDE]] : f64
// CHECK-DAG: [[N0:%.*]] = tensor.dim [[X]], [[C0]] : tensor<?x?x?xf32>
// CHECK-DAG: [[N2:%.*]] = tensor.dim [[X]], [[C2]] : tensor<?x?x?xf32>
// CHECK-DAG: [[P0:%.*]] = arith.muli [[C1]], [[N0]] : index
// CHECK-DAG: [[P2:%.*]] = arith.muli [[P0]], [[N2]] : index
// CHECK: [[NI:%.*]] = arith.index_cast [[P2]] : index to i64
// CHECK: [[NF:%.*]] = arith.sitofp [[NI]] : i64 to f32
// CHECK: [[R:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME: ins([[SUM]] : tensor<?xf64>)
// CHECK-NEXT: ^bb0([[V:%[^:]+]]: f64, %{{[^:]+}}: f32):
// CHECK-NEXT: [[T:%.*]] = arith.truncf [[V]] : f64 to f32
// CHECK-NEXT: [[Q:%.*]] = arith.divf [[T]], [[NF]] : f32
// CHECK-NEXT: linalg.yield [[Q]] : f32
// CHECK: return [[R]]
func.func @mean(%x: tensor<?x?x?xf32>) -> tensor<?xf32> {
  %0 = th.mean %x axes = [0, 2] : tensor<?x?x?xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

//===----------------------------------------------------------------------===//
// Dot: named linalg ops into a zero-filled init
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @dot(
// CHECK-SAME: [[V:%[^:]+]]: tensor<?xf32>, [[M:%[^:]+]]: tensor<?x?xf32>, [[N:%[^:]+]]: tensor<?x5xf32>)
// CHECK-DAG: [[C0:%.*]] = arith.constant 0 : index
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f32
// vector . vector -> scalar
// CHECK: [[E0:%.*]] = tensor.empty() : tensor<f32>
// CHECK: [[I0:%.*]] = linalg.fill ins([[ZERO]] : f32) outs([[E0]] : tensor<f32>)
// CHECK: [[R0:%.*]] = linalg.dot ins([[V]], [[V]] : tensor<?xf32>, tensor<?xf32>) outs([[I0]] : tensor<f32>) -> tensor<f32>
// matrix . vector: the rows of the matrix
// CHECK: [[D1:%.*]] = tensor.dim [[M]], [[C0]] : tensor<?x?xf32>
// CHECK: [[E1:%.*]] = tensor.empty([[D1]]) : tensor<?xf32>
// CHECK: [[I1:%.*]] = linalg.fill ins([[ZERO]] : f32) outs([[E1]] : tensor<?xf32>)
// CHECK: [[R1:%.*]] = linalg.matvec ins([[M]], [[V]] : tensor<?x?xf32>, tensor<?xf32>) outs([[I1]] : tensor<?xf32>) -> tensor<?xf32>
// vector . matrix: the (static) columns of the matrix
// CHECK-NOT: tensor.dim
// CHECK: [[E2:%.*]] = tensor.empty() : tensor<5xf32>
// CHECK: [[I2:%.*]] = linalg.fill ins([[ZERO]] : f32) outs([[E2]] : tensor<5xf32>)
// CHECK: [[R2:%.*]] = linalg.vecmat ins([[V]], [[N]] : tensor<?xf32>, tensor<?x5xf32>) outs([[I2]] : tensor<5xf32>) -> tensor<5xf32>
// matrix . matrix
// CHECK: [[D3:%.*]] = tensor.dim [[M]], [[C0]] : tensor<?x?xf32>
// CHECK: [[E3:%.*]] = tensor.empty([[D3]]) : tensor<?x5xf32>
// CHECK: [[I3:%.*]] = linalg.fill ins([[ZERO]] : f32) outs([[E3]] : tensor<?x5xf32>)
// CHECK: [[R3:%.*]] = linalg.matmul ins([[M]], [[N]] : tensor<?x?xf32>, tensor<?x5xf32>) outs([[I3]] : tensor<?x5xf32>) -> tensor<?x5xf32>
// CHECK: return [[R0]], [[R1]], [[R2]], [[R3]]
func.func @dot(%v: tensor<?xf32>, %m: tensor<?x?xf32>, %n: tensor<?x5xf32>) -> (tensor<f32>, tensor<?xf32>, tensor<5xf32>, tensor<?x5xf32>) {
  %0 = th.dot %v, %v : tensor<?xf32>, tensor<?xf32> -> tensor<f32>
  %1 = th.dot %m, %v : tensor<?x?xf32>, tensor<?xf32> -> tensor<?xf32>
  %2 = th.dot %v, %n : tensor<?xf32>, tensor<?x5xf32> -> tensor<5xf32>
  %3 = th.dot %m, %n : tensor<?x?xf32>, tensor<?x5xf32> -> tensor<?x5xf32>
  return %0, %1, %2, %3 : tensor<f32>, tensor<?xf32>, tensor<5xf32>, tensor<?x5xf32>
}

// The dynamic column count of a matrix . matrix comes from the right operand.
// CHECK-LABEL: func.func @dot_int(
// CHECK-SAME: [[A:%[^:]+]]: tensor<4x?xi64>, [[B:%[^:]+]]: tensor<?x?xi64>)
// CHECK-DAG: [[C1:%.*]] = arith.constant 1 : index
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0 : i64
// CHECK-DAG: [[D:%.*]] = tensor.dim [[B]], [[C1]] : tensor<?x?xi64>
// CHECK: [[E:%.*]] = tensor.empty([[D]]) : tensor<4x?xi64>
// CHECK: [[I:%.*]] = linalg.fill ins([[ZERO]] : i64) outs([[E]] : tensor<4x?xi64>)
// CHECK: linalg.matmul ins([[A]], [[B]] : tensor<4x?xi64>, tensor<?x?xi64>) outs([[I]] : tensor<4x?xi64>)
func.func @dot_int(%a: tensor<4x?xi64>, %b: tensor<?x?xi64>) -> tensor<4x?xi64> {
  %0 = th.dot %a, %b : tensor<4x?xi64>, tensor<?x?xi64> -> tensor<4x?xi64>
  return %0 : tensor<4x?xi64>
}

//===----------------------------------------------------------------------===//
// Dimshuffle: a copy whose input map permutes, drops (index 0) and inserts
//===----------------------------------------------------------------------===//

// Output dims (3, 1, ?) are input dims (2, new, 0); input dim 1 is dropped.
// CHECK-LABEL: func.func @dimshuffle(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x1x3xi8>)
// CHECK-DAG: [[C0:%.*]] = arith.constant 0 : index
// CHECK-DAG: [[D:%.*]] = tensor.dim [[X]], [[C0]] : tensor<?x1x3xi8>
// CHECK: [[INIT:%.*]] = tensor.empty([[D]]) : tensor<3x1x?xi8>
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d2, 0, d0)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins([[X]] : tensor<?x1x3xi8>) outs([[INIT]] : tensor<3x1x?xi8>)
// CHECK-NEXT: ^bb0([[IN:%[^:]+]]: i8, %{{[^:]+}}: i8):
// CHECK-NEXT: linalg.yield [[IN]] : i8
func.func @dimshuffle(%x: tensor<?x1x3xi8>) -> tensor<3x1x?xi8> {
  %0 = th.dimshuffle %x pattern = [2, -1, 0] : tensor<?x1x3xi8> -> tensor<3x1x?xi8>
  return %0 : tensor<3x1x?xi8>
}

// A transpose takes each output size from the input dimension it comes from.
// CHECK-LABEL: func.func @transpose(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK-DAG: [[C0:%.*]] = arith.constant 0 : index
// CHECK-DAG: [[C1:%.*]] = arith.constant 1 : index
// CHECK-DAG: [[D1:%.*]] = tensor.dim [[X]], [[C1]] : tensor<?x?xf64>
// CHECK-DAG: [[D0:%.*]] = tensor.dim [[X]], [[C0]] : tensor<?x?xf64>
// CHECK: tensor.empty([[D1]], [[D0]]) : tensor<?x?xf64>
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
func.func @transpose(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %0 = th.dimshuffle %x pattern = [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  return %0 : tensor<?x?xf64>
}

//===----------------------------------------------------------------------===//
// Scalar bodies
//===----------------------------------------------------------------------===//

// Python's floor division without traps: x // 0 is 0 (NumPy) and x // -1 is
// -x (MIN // -1 wraps, as NumPy's does); the divisor is replaced by 1 in both
// cases and the result selected.
// CHECK-LABEL: func.func @int_div(
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0 : i32
// CHECK-DAG: [[ONE:%.*]] = arith.constant 1 : i32
// CHECK-DAG: [[M1:%.*]] = arith.constant -1 : i32
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0([[X:%[^:]+]]: i32, [[Y:%[^:]+]]: i32, %{{[^:]+}}: i32):
// CHECK-NEXT: [[ISZERO:%.*]] = arith.cmpi eq, [[Y]], [[ZERO]] : i32
// CHECK-NEXT: [[ISM1:%.*]] = arith.cmpi eq, [[Y]], [[M1]] : i32
// CHECK-NEXT: [[SPECIAL:%.*]] = arith.ori [[ISZERO]], [[ISM1]] : i1
// CHECK-NEXT: [[SAFE:%.*]] = arith.select [[SPECIAL]], [[ONE]], [[Y]] : i32
// CHECK-NEXT: [[Q:%.*]] = arith.floordivsi [[X]], [[SAFE]] : i32
// CHECK-NEXT: [[NEG:%.*]] = arith.subi [[ZERO]], [[X]] : i32
// CHECK-NEXT: [[Q2:%.*]] = arith.select [[ISM1]], [[NEG]], [[Q]] : i32
// CHECK-NEXT: [[R:%.*]] = arith.select [[ISZERO]], [[ZERO]], [[Q2]] : i32
// CHECK-NEXT: linalg.yield [[R]] : i32
func.func @int_div(%x: tensor<?xi32>, %y: tensor<?xi32>) -> tensor<?xi32> {
  %0 = th.int_div %x, %y : tensor<?xi32>, tensor<?xi32> -> tensor<?xi32>
  return %0 : tensor<?xi32>
}

// Python's modulo: the remainder takes the divisor's sign; x % 0 and
// x % -1 are 0.
// CHECK-LABEL: func.func @int_mod(
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0 : i16
// CHECK-DAG: [[ONE:%.*]] = arith.constant 1 : i16
// CHECK-DAG: [[M1:%.*]] = arith.constant -1 : i16
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0([[X:%[^:]+]]: i16, [[Y:%[^:]+]]: i16, %{{[^:]+}}: i16):
// CHECK-NEXT: [[ISZERO:%.*]] = arith.cmpi eq, [[Y]], [[ZERO]] : i16
// CHECK-NEXT: [[ISM1:%.*]] = arith.cmpi eq, [[Y]], [[M1]] : i16
// CHECK-NEXT: [[SPECIAL:%.*]] = arith.ori [[ISZERO]], [[ISM1]] : i1
// CHECK-NEXT: [[SAFE:%.*]] = arith.select [[SPECIAL]], [[ONE]], [[Y]] : i16
// CHECK-NEXT: [[REM:%.*]] = arith.remsi [[X]], [[SAFE]] : i16
// CHECK-NEXT: [[RNEG:%.*]] = arith.cmpi slt, [[REM]], [[ZERO]] : i16
// CHECK-NEXT: [[YNEG:%.*]] = arith.cmpi slt, [[SAFE]], [[ZERO]] : i16
// CHECK-NEXT: [[RNZ:%.*]] = arith.cmpi ne, [[REM]], [[ZERO]] : i16
// CHECK-NEXT: [[DIFF:%.*]] = arith.xori [[RNEG]], [[YNEG]] : i1
// CHECK-NEXT: [[FIX:%.*]] = arith.andi [[RNZ]], [[DIFF]] : i1
// CHECK-NEXT: [[ADJ:%.*]] = arith.addi [[REM]], [[SAFE]] : i16
// CHECK-NEXT: [[M:%.*]] = arith.select [[FIX]], [[ADJ]], [[REM]] : i16
// CHECK-NEXT: [[M2:%.*]] = arith.select [[ISM1]], [[ZERO]], [[M]] : i16
// CHECK-NEXT: [[R:%.*]] = arith.select [[ISZERO]], [[ZERO]], [[M2]] : i16
// CHECK-NEXT: linalg.yield [[R]] : i16
func.func @int_mod(%x: tensor<?xi16>, %y: tensor<?xi16>) -> tensor<?xi16> {
  %0 = th.mod %x, %y : tensor<?xi16>, tensor<?xi16> -> tensor<?xi16>
  return %0 : tensor<?xi16>
}

// Booleans order False < True, so i1 comparisons are unsigned.
// CHECK-LABEL: func.func @bool_compare(
// CHECK: arith.cmpi ult, {{%[^,]+}}, {{%[^ ]+}} : i1
// CHECK: arith.cmpi uge, {{%[^,]+}}, {{%[^ ]+}} : i1
func.func @bool_compare(%a: tensor<?xi1>, %b: tensor<?xi1>) -> (tensor<?xi1>, tensor<?xi1>) {
  %0 = th.lt %a, %b : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  %1 = th.ge %a, %b : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  return %0, %1 : tensor<?xi1>, tensor<?xi1>
}

// Float modulo: fmod, plus the divisor where the signs differ.
// CHECK-LABEL: func.func @float_mod(
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0([[X:%[^:]+]]: f64, [[Y:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: [[REM:%.*]] = arith.remf [[X]], [[Y]] : f64
// CHECK-NEXT: [[RNEG:%.*]] = arith.cmpf olt, [[REM]], [[ZERO]] : f64
// CHECK-NEXT: [[YNEG:%.*]] = arith.cmpf olt, [[Y]], [[ZERO]] : f64
// CHECK-NEXT: [[RNZ:%.*]] = arith.cmpf one, [[REM]], [[ZERO]] : f64
// CHECK-NEXT: [[DIFF:%.*]] = arith.xori [[RNEG]], [[YNEG]] : i1
// CHECK-NEXT: [[FIX:%.*]] = arith.andi [[RNZ]], [[DIFF]] : i1
// CHECK-NEXT: [[ADJ:%.*]] = arith.addf [[REM]], [[Y]] : f64
// CHECK-NEXT: [[R:%.*]] = arith.select [[FIX]], [[ADJ]], [[REM]] : f64
// CHECK-NEXT: linalg.yield [[R]] : f64
func.func @float_mod(%x: tensor<?xf64>, %y: tensor<?xf64>) -> tensor<?xf64> {
  %0 = th.mod %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %0 : tensor<?xf64>
}

// CHECK-LABEL: func.func @float_int_div(
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0([[X:%[^:]+]]: f32, [[Y:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: [[Q:%.*]] = arith.divf [[X]], [[Y]] : f32
// CHECK-NEXT: [[F:%.*]] = math.floor [[Q]] : f32
// CHECK-NEXT: linalg.yield [[F]] : f32
func.func @float_int_div(%x: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  %0 = th.int_div %x, %y : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// sigmoid(x) = 1 / (1 + exp(-x))
// CHECK-LABEL: func.func @sigmoid(
// CHECK-DAG: [[ONE:%.*]] = arith.constant 1.000000e+00 : f32
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0([[X:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: [[N:%.*]] = arith.negf [[X]] : f32
// CHECK-NEXT: [[E:%.*]] = math.exp [[N]] : f32
// CHECK-NEXT: [[D:%.*]] = arith.addf [[ONE]], [[E]] : f32
// CHECK-NEXT: [[R:%.*]] = arith.divf [[ONE]], [[D]] : f32
// CHECK-NEXT: linalg.yield [[R]] : f32
func.func @sigmoid(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = th.sigmoid %x : tensor<?xf32>
  return %0 : tensor<?xf32>
}

// softplus(x) = max(x, 0) + log1p(exp(-|x|)), which never overflows.
// CHECK-LABEL: func.func @softplus(
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0.000000e+00 : f64
// CHECK: linalg.generic
// CHECK-NEXT: ^bb0([[X:%[^:]+]]: f64, %{{[^:]+}}: f64):
// CHECK-NEXT: [[A:%.*]] = math.absf [[X]] : f64
// CHECK-NEXT: [[N:%.*]] = arith.negf [[A]] : f64
// CHECK-NEXT: [[E:%.*]] = math.exp [[N]] : f64
// CHECK-NEXT: [[L:%.*]] = math.log1p [[E]] : f64
// CHECK-NEXT: [[M:%.*]] = arith.maximumf [[X]], [[ZERO]] : f64
// CHECK-NEXT: [[R:%.*]] = arith.addf [[M]], [[L]] : f64
// CHECK-NEXT: linalg.yield [[R]] : f64
func.func @softplus(%x: tensor<?xf64>) -> tensor<?xf64> {
  %0 = th.softplus %x : tensor<?xf64>
  return %0 : tensor<?xf64>
}

// One generic per cast, each with its arith conversion: float -> int
// truncates (fptosi), bool -> number is unsigned (uitofp, extui), anything ->
// bool is != 0 (cmpf une, so NaN is true; cmpi ne).
// CHECK-LABEL: func.func @casts(
// CHECK-DAG: [[FZERO:%.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: [[IZERO:%.*]] = arith.constant 0 : i32
// CHECK: ^bb0([[V:%[^:]+]]: f64, %{{[^:]+}}: i32):
// CHECK-NEXT: [[R:%.*]] = arith.fptosi [[V]] : f64 to i32
// CHECK-NEXT: linalg.yield [[R]] : i32
// CHECK: ^bb0([[V:%[^:]+]]: i32, %{{[^:]+}}: f64):
// CHECK-NEXT: [[R:%.*]] = arith.sitofp [[V]] : i32 to f64
// CHECK-NEXT: linalg.yield [[R]] : f64
// CHECK: ^bb0([[V:%[^:]+]]: i1, %{{[^:]+}}: f32):
// CHECK-NEXT: [[R:%.*]] = arith.uitofp [[V]] : i1 to f32
// CHECK-NEXT: linalg.yield [[R]] : f32
// CHECK: ^bb0([[V:%[^:]+]]: f32, %{{[^:]+}}: i1):
// CHECK-NEXT: [[R:%.*]] = arith.cmpf une, [[V]], [[FZERO]] : f32
// CHECK-NEXT: linalg.yield [[R]] : i1
// CHECK: ^bb0([[V:%[^:]+]]: i32, %{{[^:]+}}: i1):
// CHECK-NEXT: [[R:%.*]] = arith.cmpi ne, [[V]], [[IZERO]] : i32
// CHECK-NEXT: linalg.yield [[R]] : i1
// CHECK: ^bb0([[V:%[^:]+]]: i8, %{{[^:]+}}: i64):
// CHECK-NEXT: [[R:%.*]] = arith.extsi [[V]] : i8 to i64
// CHECK-NEXT: linalg.yield [[R]] : i64
// CHECK: ^bb0([[V:%[^:]+]]: i64, %{{[^:]+}}: i8):
// CHECK-NEXT: [[R:%.*]] = arith.trunci [[V]] : i64 to i8
// CHECK-NEXT: linalg.yield [[R]] : i8
// CHECK: ^bb0([[V:%[^:]+]]: i1, %{{[^:]+}}: i32):
// CHECK-NEXT: [[R:%.*]] = arith.extui [[V]] : i1 to i32
// CHECK-NEXT: linalg.yield [[R]] : i32
// CHECK: ^bb0([[V:%[^:]+]]: f32, %{{[^:]+}}: f64):
// CHECK-NEXT: [[R:%.*]] = arith.extf [[V]] : f32 to f64
// CHECK-NEXT: linalg.yield [[R]] : f64
// CHECK: ^bb0([[V:%[^:]+]]: f64, %{{[^:]+}}: f32):
// CHECK-NEXT: [[R:%.*]] = arith.truncf [[V]] : f64 to f32
// CHECK-NEXT: linalg.yield [[R]] : f32
func.func @casts(%f: tensor<?xf64>, %i: tensor<?xi32>, %p: tensor<?xi1>, %g: tensor<?xf32>, %b: tensor<?xi8>, %l: tensor<?xi64>)
    -> (tensor<?xi32>, tensor<?xf64>, tensor<?xf32>, tensor<?xi1>, tensor<?xi1>, tensor<?xi64>, tensor<?xi8>, tensor<?xi32>, tensor<?xf64>, tensor<?xf32>) {
  %0 = th.cast %f : tensor<?xf64> -> tensor<?xi32>
  %1 = th.cast %i : tensor<?xi32> -> tensor<?xf64>
  %2 = th.cast %p : tensor<?xi1> -> tensor<?xf32>
  %3 = th.cast %g : tensor<?xf32> -> tensor<?xi1>
  %4 = th.cast %i : tensor<?xi32> -> tensor<?xi1>
  %5 = th.cast %b : tensor<?xi8> -> tensor<?xi64>
  %6 = th.cast %l : tensor<?xi64> -> tensor<?xi8>
  %7 = th.cast %p : tensor<?xi1> -> tensor<?xi32>
  %8 = th.cast %g : tensor<?xf32> -> tensor<?xf64>
  %9 = th.cast %f : tensor<?xf64> -> tensor<?xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<?xi32>, tensor<?xf64>, tensor<?xf32>, tensor<?xi1>, tensor<?xi1>, tensor<?xi64>, tensor<?xi8>, tensor<?xi32>, tensor<?xf64>, tensor<?xf32>
}

// NumPy's bool arithmetic: + is or, * is and, maximum or, minimum and;
// invert is xor with true.
// CHECK-LABEL: func.func @bool_ops(
// CHECK-DAG: [[TRUE:%.*]] = arith.constant true
// CHECK: ^bb0([[A:%[^:]+]]: i1, [[B:%[^:]+]]: i1, %{{[^:]+}}: i1):
// CHECK-NEXT: [[R:%.*]] = arith.ori [[A]], [[B]] : i1
// CHECK-NEXT: linalg.yield [[R]] : i1
// CHECK: ^bb0([[A:%[^:]+]]: i1, [[B:%[^:]+]]: i1, %{{[^:]+}}: i1):
// CHECK-NEXT: [[R:%.*]] = arith.andi [[A]], [[B]] : i1
// CHECK-NEXT: linalg.yield [[R]] : i1
// CHECK: ^bb0([[A:%[^:]+]]: i1, [[B:%[^:]+]]: i1, %{{[^:]+}}: i1):
// CHECK-NEXT: [[R:%.*]] = arith.ori [[A]], [[B]] : i1
// CHECK-NEXT: linalg.yield [[R]] : i1
// CHECK: ^bb0([[A:%[^:]+]]: i1, [[B:%[^:]+]]: i1, %{{[^:]+}}: i1):
// CHECK-NEXT: [[R:%.*]] = arith.andi [[A]], [[B]] : i1
// CHECK-NEXT: linalg.yield [[R]] : i1
// CHECK: ^bb0([[A:%[^:]+]]: i1, %{{[^:]+}}: i1):
// CHECK-NEXT: [[R:%.*]] = arith.xori [[A]], [[TRUE]] : i1
// CHECK-NEXT: linalg.yield [[R]] : i1
func.func @bool_ops(%p: tensor<?xi1>, %q: tensor<?xi1>) -> (tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>) {
  %0 = th.add %p, %q : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  %1 = th.mul %p, %q : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  %2 = th.maximum %p, %q : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  %3 = th.minimum %p, %q : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  %4 = th.invert %p : tensor<?xi1>
  return %0, %1, %2, %3, %4 : tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>
}

// Comparisons: ordered float predicates except != (une, true for NaN),
// signed integer predicates.
// CHECK-LABEL: func.func @compare_float(
// CHECK: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: i1):
// CHECK-NEXT: arith.cmpf olt, [[A]], [[B]] : f64
// CHECK: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: i1):
// CHECK-NEXT: arith.cmpf ole, [[A]], [[B]] : f64
// CHECK: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: i1):
// CHECK-NEXT: arith.cmpf ogt, [[A]], [[B]] : f64
// CHECK: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: i1):
// CHECK-NEXT: arith.cmpf oge, [[A]], [[B]] : f64
// CHECK: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: i1):
// CHECK-NEXT: arith.cmpf oeq, [[A]], [[B]] : f64
// CHECK: ^bb0([[A:%[^:]+]]: f64, [[B:%[^:]+]]: f64, %{{[^:]+}}: i1):
// CHECK-NEXT: arith.cmpf une, [[A]], [[B]] : f64
func.func @compare_float(%a: tensor<?xf64>, %b: tensor<?xf64>) -> (tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>) {
  %0 = th.lt %a, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xi1>
  %1 = th.le %a, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xi1>
  %2 = th.gt %a, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xi1>
  %3 = th.ge %a, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xi1>
  %4 = th.eq %a, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xi1>
  %5 = th.neq %a, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>
}

// CHECK-LABEL: func.func @compare_int(
// CHECK: ^bb0([[A:%[^:]+]]: i32, [[B:%[^:]+]]: i32, %{{[^:]+}}: i1):
// CHECK-NEXT: arith.cmpi slt, [[A]], [[B]] : i32
// CHECK: ^bb0([[A:%[^:]+]]: i32, [[B:%[^:]+]]: i32, %{{[^:]+}}: i1):
// CHECK-NEXT: arith.cmpi sle, [[A]], [[B]] : i32
// CHECK: ^bb0([[A:%[^:]+]]: i32, [[B:%[^:]+]]: i32, %{{[^:]+}}: i1):
// CHECK-NEXT: arith.cmpi sgt, [[A]], [[B]] : i32
// CHECK: ^bb0([[A:%[^:]+]]: i32, [[B:%[^:]+]]: i32, %{{[^:]+}}: i1):
// CHECK-NEXT: arith.cmpi sge, [[A]], [[B]] : i32
// CHECK: ^bb0([[A:%[^:]+]]: i32, [[B:%[^:]+]]: i32, %{{[^:]+}}: i1):
// CHECK-NEXT: arith.cmpi eq, [[A]], [[B]] : i32
// CHECK: ^bb0([[A:%[^:]+]]: i32, [[B:%[^:]+]]: i32, %{{[^:]+}}: i1):
// CHECK-NEXT: arith.cmpi ne, [[A]], [[B]] : i32
func.func @compare_int(%a: tensor<?xi32>, %b: tensor<?xi32>) -> (tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>) {
  %0 = th.lt %a, %b : tensor<?xi32>, tensor<?xi32> -> tensor<?xi1>
  %1 = th.le %a, %b : tensor<?xi32>, tensor<?xi32> -> tensor<?xi1>
  %2 = th.gt %a, %b : tensor<?xi32>, tensor<?xi32> -> tensor<?xi1>
  %3 = th.ge %a, %b : tensor<?xi32>, tensor<?xi32> -> tensor<?xi1>
  %4 = th.eq %a, %b : tensor<?xi32>, tensor<?xi32> -> tensor<?xi1>
  %5 = th.neq %a, %b : tensor<?xi32>, tensor<?xi32> -> tensor<?xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>
}

// The remaining elementwise ops, float and integer forms.
// CHECK-LABEL: func.func @arith_float(
// CHECK: ^bb0([[A:%[^:]+]]: f32, [[B:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: arith.subf [[A]], [[B]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, [[B:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: arith.mulf [[A]], [[B]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, [[B:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: arith.divf [[A]], [[B]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, [[B:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: math.powf [[A]], [[B]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, [[B:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: arith.maximumf [[A]], [[B]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, [[B:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: arith.minimumf [[A]], [[B]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: arith.negf [[A]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: math.absf [[A]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: arith.mulf [[A]], [[A]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: math.exp [[A]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: math.log [[A]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: math.log1p [[A]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: math.sqrt [[A]] : f32
// CHECK: ^bb0([[A:%[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: math.tanh [[A]] : f32
func.func @arith_float(%a: tensor<?xf32>, %b: tensor<?xf32>)
    -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %0 = th.sub %a, %b : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
  %1 = th.mul %a, %b : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
  %2 = th.true_div %a, %b : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
  %3 = th.pow %a, %b : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
  %4 = th.maximum %a, %b : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
  %5 = th.minimum %a, %b : tensor<?xf32>, tensor<?xf32> -> tensor<?xf32>
  %6 = th.neg %a : tensor<?xf32>
  %7 = th.abs %a : tensor<?xf32>
  %8 = th.sqr %a : tensor<?xf32>
  %9 = th.exp %a : tensor<?xf32>
  %10 = th.log %a : tensor<?xf32>
  %11 = th.log1p %a : tensor<?xf32>
  %12 = th.sqrt %a : tensor<?xf32>
  %13 = th.tanh %a : tensor<?xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13 : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// CHECK-LABEL: func.func @arith_int(
// CHECK-DAG: [[ZERO:%.*]] = arith.constant 0 : i64
// CHECK-DAG: [[ONES:%.*]] = arith.constant -1 : i64
// CHECK: ^bb0([[A:%[^:]+]]: i64, [[B:%[^:]+]]: i64, %{{[^:]+}}: i64):
// CHECK-NEXT: arith.addi [[A]], [[B]] : i64
// CHECK: ^bb0([[A:%[^:]+]]: i64, [[B:%[^:]+]]: i64, %{{[^:]+}}: i64):
// CHECK-NEXT: arith.subi [[A]], [[B]] : i64
// CHECK: ^bb0([[A:%[^:]+]]: i64, [[B:%[^:]+]]: i64, %{{[^:]+}}: i64):
// CHECK-NEXT: math.ipowi [[A]], [[B]] : i64
// CHECK: ^bb0([[A:%[^:]+]]: i64, [[B:%[^:]+]]: i64, %{{[^:]+}}: i64):
// CHECK-NEXT: arith.maxsi [[A]], [[B]] : i64
// CHECK: ^bb0([[A:%[^:]+]]: i64, [[B:%[^:]+]]: i64, %{{[^:]+}}: i64):
// CHECK-NEXT: arith.minsi [[A]], [[B]] : i64
// CHECK: ^bb0([[A:%[^:]+]]: i64, [[B:%[^:]+]]: i64, %{{[^:]+}}: i64):
// CHECK-NEXT: arith.andi [[A]], [[B]] : i64
// CHECK: ^bb0([[A:%[^:]+]]: i64, [[B:%[^:]+]]: i64, %{{[^:]+}}: i64):
// CHECK-NEXT: arith.ori [[A]], [[B]] : i64
// CHECK: ^bb0([[A:%[^:]+]]: i64, [[B:%[^:]+]]: i64, %{{[^:]+}}: i64):
// CHECK-NEXT: arith.xori [[A]], [[B]] : i64
// CHECK: ^bb0([[A:%[^:]+]]: i64, %{{[^:]+}}: i64):
// CHECK-NEXT: arith.subi [[ZERO]], [[A]] : i64
// CHECK: ^bb0([[A:%[^:]+]]: i64, %{{[^:]+}}: i64):
// CHECK-NEXT: [[NEG:%.*]] = arith.cmpi slt, [[A]], [[ZERO]] : i64
// CHECK-NEXT: [[MINUS:%.*]] = arith.subi [[ZERO]], [[A]] : i64
// CHECK-NEXT: arith.select [[NEG]], [[MINUS]], [[A]] : i64
// CHECK: ^bb0([[A:%[^:]+]]: i64, %{{[^:]+}}: i64):
// CHECK-NEXT: arith.muli [[A]], [[A]] : i64
// CHECK: ^bb0([[A:%[^:]+]]: i64, %{{[^:]+}}: i64):
// CHECK-NEXT: arith.xori [[A]], [[ONES]] : i64
func.func @arith_int(%a: tensor<?xi64>, %b: tensor<?xi64>)
    -> (tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>) {
  %0 = th.add %a, %b : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
  %1 = th.sub %a, %b : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
  %2 = th.pow %a, %b : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
  %3 = th.maximum %a, %b : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
  %4 = th.minimum %a, %b : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
  %5 = th.and %a, %b : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
  %6 = th.or %a, %b : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
  %7 = th.xor %a, %b : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
  %8 = th.neg %a : tensor<?xi64>
  %9 = th.abs %a : tensor<?xi64>
  %10 = th.sqr %a : tensor<?xi64>
  %11 = th.invert %a : tensor<?xi64>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 : tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>, tensor<?xi64>
}

//===----------------------------------------------------------------------===//
// After --th-lower-functions: a whole function with shared state
//===----------------------------------------------------------------------===//

th.shared @w : tensor<?xf64> = dense<[1.0, 2.0]> : tensor<2xf64>
th.shared @b : tensor<f64> = dense<0.0> : tensor<f64>

// The shared values are arguments; the broadcast of the scalar b to the
// vector's shape reads it at index 0 after the dimshuffle.
// CHECK-LABEL: func.func @step(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>, [[W:%[^:]+]]: tensor<?xf64>, [[B:%[^:]+]]: tensor<f64>)
// CHECK-SAME: -> (tensor<?xf64>, tensor<?xf64>)
// CHECK-SAME: attributes {tcc.reads = [@w, @b], tcc.updates = [@w]}
// CHECK: [[BV:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME: ins([[B]] : tensor<f64>)
// CHECK: [[XW:%.*]] = linalg.generic
// CHECK-SAME: ins([[X]], [[W]] : tensor<?xf64>, tensor<?xf64>)
// CHECK: [[Y:%.*]] = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME: ins([[XW]], [[BV]] : tensor<?xf64>, tensor<1xf64>)
// CHECK: return [[Y]], [[XW]] : tensor<?xf64>, tensor<?xf64>
th.func @step(%x: tensor<?xf64> {th.name = "x"}) -> (tensor<?xf64> {th.name = "y"}) {
  %w = th.read @w : tensor<?xf64>
  %b = th.read @b : tensor<f64>
  %bv = th.dimshuffle %b pattern = [-1] : tensor<f64> -> tensor<1xf64>
  %xw = th.mul %x, %w : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %y = th.add %xw, %bv : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  th.update @w, %xw : tensor<?xf64>
  th.return %y : tensor<?xf64>
}
