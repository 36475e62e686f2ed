// RUN: tcc-opt %s --tcc-fuse-product-pairs --canonicalize --cse | FileCheck %s
// X.dot(w) and e.dot(X), with e computed elementwise from the first, in one
// loop over blocks of rows of X.

#vec = affine_map<(d0) -> (d0)>
#scalar = affine_map<(d0) -> ()>

// A logistic regression's gradient: z = X.dot(w), e = sigmoid(z) - y,
// g = w + e.dot(X). The loop runs over blocks of rows of X (256 KiB of
// them, at least 8 rows); in it the matvec's fill, the matvec, the
// elementwise op and the vecmat, which accumulates into zeros carried by
// the loop; w is added after it.
// CHECK-LABEL: func.func @gradient(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>, [[W:%[^:]+]]: tensor<?xf64>, [[Y:%[^:]+]]: tensor<?xf64>)
// CHECK-DAG: [[C8:%.*]] = arith.constant 8 : index
// CHECK-DAG: [[BYTES:%.*]] = arith.constant 262144 : index
// CHECK: [[COLS:%.*]] = tensor.dim [[X]], %c1
// CHECK: [[ZEROS:%.*]] = linalg.fill {{.*}} -> tensor<?xf64>
// CHECK: [[ROWBYTES:%.*]] = arith.muli [[COLS]], [[C8]]
// CHECK: [[ROWBYTES1:%.*]] = arith.maxui [[ROWBYTES]], %c1
// CHECK: [[FIT:%.*]] = arith.divui [[BYTES]], [[ROWBYTES1]]
// CHECK: [[BLOCK:%.*]] = arith.maxui [[FIT]], [[C8]]
// CHECK: [[G:%.*]] = scf.for [[I:%.*]] = %c0 to {{.*}} step [[BLOCK]] iter_args([[ACC:%.*]] = [[ZEROS]])
// CHECK: [[N:%.*]] = affine.min {{.*}}([[I]])
// CHECK: [[XB:%.*]] = tensor.extract_slice [[X]][[[I]], 0] [[[N]], [[COLS]]] [1, 1]
// CHECK: [[WB:%.*]] = tensor.extract_slice [[W]][0] [[[COLS]]] [1]
// CHECK: [[ZB0:%.*]] = linalg.fill {{.*}} -> tensor<?xf64>
// CHECK: [[ZB:%.*]] = linalg.matvec ins([[XB]], [[WB]] : tensor<?x?xf64>, tensor<?xf64>) outs([[ZB0]] : tensor<?xf64>)
// CHECK: [[YB:%.*]] = tensor.extract_slice [[Y]][[[I]]] [[[N]]] [1]
// CHECK: [[EB:%.*]] = linalg.generic {{.*}} ins([[ZB]], [[YB]] : tensor<?xf64>, tensor<?xf64>)
// CHECK: math.exp
// CHECK: [[GACC:%.*]] = tensor.extract_slice [[ACC]][0] [[[COLS]]] [1]
// CHECK: [[GB:%.*]] = linalg.vecmat ins([[EB]], [[XB]] : tensor<?xf64>, tensor<?x?xf64>) outs([[GACC]] : tensor<?xf64>)
// CHECK: [[GI:%.*]] = tensor.insert_slice [[GB]] into [[ACC]]
// CHECK-NEXT: scf.yield [[GI]] : tensor<?xf64>
// CHECK: [[SUM:%.*]] = linalg.generic {{.*}} ins([[W]], [[G]] : tensor<?xf64>, tensor<?xf64>)
// CHECK: arith.addf
// CHECK-NOT: linalg.matvec
// CHECK: return [[SUM]]
func.func @gradient(%x: tensor<?x?xf64>, %w: tensor<?xf64>, %y: tensor<?xf64>) -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f64
  %one = arith.constant 1.0 : f64
  %m = tensor.dim %x, %c0 : tensor<?x?xf64>
  %rows = tensor.empty(%m) : tensor<?xf64>
  %zinit = linalg.fill ins(%zero : f64) outs(%rows : tensor<?xf64>) -> tensor<?xf64>
  %z = linalg.matvec ins(%x, %w : tensor<?x?xf64>, tensor<?xf64>) outs(%zinit : tensor<?xf64>) -> tensor<?xf64>
  %e = linalg.generic {indexing_maps = [#vec, #vec, #vec], iterator_types = ["parallel"]} ins(%z, %y : tensor<?xf64>, tensor<?xf64>) outs(%rows : tensor<?xf64>) {
  ^bb0(%zi: f64, %yi: f64, %out: f64):
    %n = arith.negf %zi : f64
    %ex = math.exp %n : f64
    %d = arith.addf %ex, %one : f64
    %p = arith.divf %one, %d : f64
    %r = arith.subf %p, %yi : f64
    linalg.yield %r : f64
  } -> tensor<?xf64>
  %g = linalg.vecmat ins(%e, %x : tensor<?xf64>, tensor<?x?xf64>) outs(%w : tensor<?xf64>) -> tensor<?xf64>
  return %g : tensor<?xf64>
}

// z is also a result, and a prediction made from it (defined before the
// vecmat) is another: z is yielded whole from the loop, and the prediction
// moves after the loop, reading the yielded z. The bias b (0-d) is read
// whole in every block.
// CHECK-LABEL: func.func @also_returns_z(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>, [[W:%[^:]+]]: tensor<?xf64>, [[B:%[^:]+]]: tensor<f64>)
// CHECK: [[R:%.*]]:2 = scf.for {{.*}} iter_args([[ACC:%.*]] = {{%.*}}, [[ZACC:%.*]] = {{%.*}})
// CHECK: [[ZB:%.*]] = linalg.matvec
// CHECK: [[ZBB:%.*]] = linalg.generic {{.*}} ins([[ZB]], [[B]] : tensor<?xf64>, tensor<f64>)
// CHECK: [[GB:%.*]] = linalg.vecmat ins([[ZBB]], {{.*}})
// CHECK: [[GI:%.*]] = tensor.insert_slice [[GB]] into [[ACC]]
// CHECK: [[ZI:%.*]] = tensor.insert_slice [[ZBB]] into [[ZACC]]
// CHECK: scf.yield [[GI]], [[ZI]]
// CHECK: [[G:%.*]] = linalg.generic {{.*}} ins([[W]], [[R]]#0 : tensor<?xf64>, tensor<?xf64>)
// CHECK: [[PRED:%.*]] = linalg.generic {{.*}} ins([[R]]#1 : tensor<?xf64>)
// CHECK: arith.cmpf
// CHECK: return [[G]], [[R]]#1, [[PRED]]
func.func @also_returns_z(%x: tensor<?x?xf64>, %w: tensor<?xf64>, %b: tensor<f64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xi1>) {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %x, %c0 : tensor<?x?xf64>
  %rows = tensor.empty(%m) : tensor<?xf64>
  %flags = tensor.empty(%m) : tensor<?xi1>
  %zinit = linalg.fill ins(%zero : f64) outs(%rows : tensor<?xf64>) -> tensor<?xf64>
  %xw = linalg.matvec ins(%x, %w : tensor<?x?xf64>, tensor<?xf64>) outs(%zinit : tensor<?xf64>) -> tensor<?xf64>
  %z = linalg.generic {indexing_maps = [#vec, #scalar, #vec], iterator_types = ["parallel"]} ins(%xw, %b : tensor<?xf64>, tensor<f64>) outs(%rows : tensor<?xf64>) {
  ^bb0(%in: f64, %bias: f64, %out: f64):
    %s = arith.addf %in, %bias : f64
    linalg.yield %s : f64
  } -> tensor<?xf64>
  %pred = linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]} ins(%z : tensor<?xf64>) outs(%flags : tensor<?xi1>) {
  ^bb0(%in: f64, %out: i1):
    %c = arith.cmpf ogt, %in, %zero : f64
    linalg.yield %c : i1
  } -> tensor<?xi1>
  %g = linalg.vecmat ins(%z, %x : tensor<?xf64>, tensor<?x?xf64>) outs(%w : tensor<?xf64>) -> tensor<?xf64>
  return %g, %z, %pred : tensor<?xf64>, tensor<?xf64>, tensor<?xi1>
}

// The accumulator is computed from w (w - 0.002*w, the weight decay): it
// is computed after the loop, which reads w in every block, in one
// elementwise op with the accumulated product, so that op can write w's
// buffer (tcc-inplace-updates).
// CHECK-LABEL: func.func @decayed_accumulator(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>, [[W:%[^:]+]]: tensor<?xf64>)
// CHECK-NOT: arith.mulf
// CHECK: [[G:%.*]] = scf.for
// CHECK: linalg.matvec
// CHECK: linalg.vecmat
// CHECK: scf.yield
// CHECK: [[NEW:%.*]] = linalg.generic {{.*}} ins([[W]], [[G]] : tensor<?xf64>, tensor<?xf64>)
// CHECK: arith.mulf
// CHECK: arith.subf
// CHECK: arith.addf
// CHECK: return [[NEW]]
func.func @decayed_accumulator(%x: tensor<?x?xf64>, %w: tensor<?xf64>) -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f64
  %decay = arith.constant 0.002 : f64
  %m = tensor.dim %x, %c0 : tensor<?x?xf64>
  %n = tensor.dim %w, %c0 : tensor<?xf64>
  %rows = tensor.empty(%m) : tensor<?xf64>
  %cols = tensor.empty(%n) : tensor<?xf64>
  %zinit = linalg.fill ins(%zero : f64) outs(%rows : tensor<?xf64>) -> tensor<?xf64>
  %z = linalg.matvec ins(%x, %w : tensor<?x?xf64>, tensor<?xf64>) outs(%zinit : tensor<?xf64>) -> tensor<?xf64>
  %rest = linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]} ins(%w : tensor<?xf64>) outs(%cols : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %d = arith.mulf %in, %decay : f64
    %r = arith.subf %in, %d : f64
    linalg.yield %r : f64
  } -> tensor<?xf64>
  %g = linalg.vecmat ins(%z, %x : tensor<?xf64>, tensor<?x?xf64>) outs(%rest : tensor<?xf64>) -> tensor<?xf64>
  return %g : tensor<?xf64>
}

// Between the products lies a reduction over all rows (e = z - mean(z)):
// a block of e needs every row of z, so nothing is fused.
// CHECK-LABEL: func.func @needs_all_rows(
// CHECK-NOT: scf.for
// CHECK: linalg.matvec
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: linalg.vecmat
// CHECK-NOT: scf.for
// CHECK: return
func.func @needs_all_rows(%x: tensor<?x?xf64>, %w: tensor<?xf64>) -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %x, %c0 : tensor<?x?xf64>
  %rows = tensor.empty(%m) : tensor<?xf64>
  %zinit = linalg.fill ins(%zero : f64) outs(%rows : tensor<?xf64>) -> tensor<?xf64>
  %z = linalg.matvec ins(%x, %w : tensor<?x?xf64>, tensor<?xf64>) outs(%zinit : tensor<?xf64>) -> tensor<?xf64>
  %s0 = tensor.empty() : tensor<f64>
  %sinit = linalg.fill ins(%zero : f64) outs(%s0 : tensor<f64>) -> tensor<f64>
  %sum = linalg.generic {indexing_maps = [#vec, #scalar], iterator_types = ["reduction"]} ins(%z : tensor<?xf64>) outs(%sinit : tensor<f64>) {
  ^bb0(%in: f64, %out: f64):
    %a = arith.addf %out, %in : f64
    linalg.yield %a : f64
  } -> tensor<f64>
  %e = linalg.generic {indexing_maps = [#vec, #scalar, #vec], iterator_types = ["parallel"]} ins(%z, %sum : tensor<?xf64>, tensor<f64>) outs(%rows : tensor<?xf64>) {
  ^bb0(%in: f64, %s: f64, %out: f64):
    %d = arith.subf %in, %s : f64
    linalg.yield %d : f64
  } -> tensor<?xf64>
  %g = linalg.vecmat ins(%e, %x : tensor<?xf64>, tensor<?x?xf64>) outs(%w : tensor<?xf64>) -> tensor<?xf64>
  return %g : tensor<?xf64>
}

// The vecmat reads another matrix than the matvec: nothing to share.
// CHECK-LABEL: func.func @different_matrices(
// CHECK-NOT: scf.for
// CHECK: return
func.func @different_matrices(%x: tensor<?x?xf64>, %x2: tensor<?x?xf64>, %w: tensor<?xf64>) -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %x, %c0 : tensor<?x?xf64>
  %rows = tensor.empty(%m) : tensor<?xf64>
  %zinit = linalg.fill ins(%zero : f64) outs(%rows : tensor<?xf64>) -> tensor<?xf64>
  %z = linalg.matvec ins(%x, %w : tensor<?x?xf64>, tensor<?xf64>) outs(%zinit : tensor<?xf64>) -> tensor<?xf64>
  %g = linalg.vecmat ins(%z, %x2 : tensor<?xf64>, tensor<?x?xf64>) outs(%w : tensor<?xf64>) -> tensor<?xf64>
  return %g : tensor<?xf64>
}
