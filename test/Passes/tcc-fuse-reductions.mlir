// RUN: tcc-opt %s --tcc-fuse-reductions --canonicalize --cse | FileCheck %s
// Row reductions and their elementwise consumers in one loop over rows.

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>
#all = affine_map<(d0, d1) -> ()>
#vec = affine_map<(d0) -> (d0)>

// softmax: the max, the exp (used by the sum and the division, computed
// once per row), the sum and the division all in one loop over rows; the
// temporaries are one row (and one element) long.
// CHECK-LABEL: func.func @softmax_rows(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>)
// CHECK: [[OUT:%.*]] = tensor.empty({{.*}}) : tensor<?x?xf64>
// CHECK: [[R:%.*]] = scf.for [[I:%.*]] = {{.*}} iter_args([[ACC:%.*]] = [[OUT]])
// CHECK: [[XROW:%.*]] = tensor.extract_slice [[X]][[[I]], 0] [1, {{.*}}] [1, 1]
// CHECK: [[ONE:%.*]] = tensor.empty() : tensor<1xf64>
// CHECK: [[MAXINIT:%.*]] = linalg.fill {{.*}} outs([[ONE]] : tensor<1xf64>)
// CHECK: [[MAX:%.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins([[XROW]] : tensor<1x?xf64>) outs([[MAXINIT]] : tensor<1xf64>)
// CHECK: arith.maximumf
// CHECK: [[EROW:%.*]] = tensor.empty({{.*}}) : tensor<1x?xf64>
// CHECK: [[EXP:%.*]] = linalg.generic {{.*}} ins([[XROW]], [[MAX]] : tensor<1x?xf64>, tensor<1xf64>) outs([[EROW]] : tensor<1x?xf64>)
// CHECK: math.exp
// CHECK: [[SUMINIT:%.*]] = linalg.fill {{.*}} outs([[ONE]] : tensor<1xf64>)
// CHECK: [[SUM:%.*]] = linalg.generic {{.*}} ins([[EXP]] : tensor<1x?xf64>) outs([[SUMINIT]] : tensor<1xf64>)
// CHECK: [[OROW:%.*]] = tensor.extract_slice [[ACC]][[[I]], 0]
// CHECK: [[DIV:%.*]] = linalg.generic {{.*}} ins([[EXP]], [[SUM]] : tensor<1x?xf64>, tensor<1xf64>) outs([[OROW]] : tensor<1x?xf64>)
// CHECK: arith.divf
// CHECK: [[INS:%.*]] = tensor.insert_slice [[DIV]] into [[ACC]][[[I]], 0]
// CHECK: scf.yield [[INS]]
// CHECK-NOT: linalg.generic
// CHECK: return [[R]]
func.func @softmax_rows(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %ninf = arith.constant 0xFFF0000000000000 : f64
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %x, %c0 : tensor<?x?xf64>
  %n = tensor.dim %x, %c1 : tensor<?x?xf64>
  %full = tensor.empty(%m, %n) : tensor<?x?xf64>
  %rows = tensor.empty(%m) : tensor<?xf64>
  %maxinit = linalg.fill ins(%ninf : f64) outs(%rows : tensor<?xf64>) -> tensor<?xf64>
  %max = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<?x?xf64>) outs(%maxinit : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %r = arith.maximumf %out, %in : f64
    linalg.yield %r : f64
  } -> tensor<?xf64>
  %exp = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %max : tensor<?x?xf64>, tensor<?xf64>) outs(%full : tensor<?x?xf64>) {
  ^bb0(%in: f64, %mx: f64, %out: f64):
    %d = arith.subf %in, %mx : f64
    %e = math.exp %d : f64
    linalg.yield %e : f64
  } -> tensor<?x?xf64>
  %suminit = linalg.fill ins(%zero : f64) outs(%rows : tensor<?xf64>) -> tensor<?xf64>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%exp : tensor<?x?xf64>) outs(%suminit : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %r = arith.addf %out, %in : f64
    linalg.yield %r : f64
  } -> tensor<?xf64>
  %div = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%exp, %sum : tensor<?x?xf64>, tensor<?xf64>) outs(%full : tensor<?x?xf64>) {
  ^bb0(%e: f64, %s: f64, %out: f64):
    %r = arith.divf %e, %s : f64
    linalg.yield %r : f64
  } -> tensor<?x?xf64>
  return %div : tensor<?x?xf64>
}

// sqrt(sum(x**2, axis=1)): a consumer as long as the reduction's result,
// tiled one element at a time with that element's row reduction.
// CHECK-LABEL: func.func @row_norms(
// CHECK: scf.for
// CHECK: linalg.fill
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins({{.*}} : tensor<1x?xf64>) outs({{.*}} : tensor<1xf64>)
// CHECK: arith.mulf
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel"]} ins({{.*}} : tensor<1xf64>)
// CHECK: math.sqrt
// CHECK: scf.yield
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @row_norms(%x: tensor<?x?xf64>) -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %x, %c0 : tensor<?x?xf64>
  %rows = tensor.empty(%m) : tensor<?xf64>
  %init = linalg.fill ins(%zero : f64) outs(%rows : tensor<?xf64>) -> tensor<?xf64>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<?x?xf64>) outs(%init : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %sq = arith.mulf %in, %in : f64
    %r = arith.addf %out, %sq : f64
    linalg.yield %r : f64
  } -> tensor<?xf64>
  %norm = linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]} ins(%sum : tensor<?xf64>) outs(%rows : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %r = math.sqrt %in : f64
    linalg.yield %r : f64
  } -> tensor<?xf64>
  return %norm : tensor<?xf64>
}

// Left alone: x - x.mean(axis=0) (tiling by columns would read x with a
// stride; the column reduction runs over rows as it is) and x - x.max()
// (every row needs the whole reduction).
// CHECK-LABEL: func.func @not_rows(
// CHECK-NOT: scf.for
// CHECK: return
func.func @not_rows(%x: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %x, %c0 : tensor<?x?xf64>
  %n = tensor.dim %x, %c1 : tensor<?x?xf64>
  %full = tensor.empty(%m, %n) : tensor<?x?xf64>
  %cols = tensor.empty(%n) : tensor<?xf64>
  %cinit = linalg.fill ins(%zero : f64) outs(%cols : tensor<?xf64>) -> tensor<?xf64>
  %csum = linalg.generic {indexing_maps = [#id, #col], iterator_types = ["reduction", "parallel"]} ins(%x : tensor<?x?xf64>) outs(%cinit : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %r = arith.addf %out, %in : f64
    linalg.yield %r : f64
  } -> tensor<?xf64>
  %a = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %csum : tensor<?x?xf64>, tensor<?xf64>) outs(%full : tensor<?x?xf64>) {
  ^bb0(%in: f64, %s: f64, %out: f64):
    %r = arith.subf %in, %s : f64
    linalg.yield %r : f64
  } -> tensor<?x?xf64>
  %scalar = tensor.empty() : tensor<f64>
  %tinit = linalg.fill ins(%zero : f64) outs(%scalar : tensor<f64>) -> tensor<f64>
  %tsum = linalg.generic {indexing_maps = [#id, #all], iterator_types = ["reduction", "reduction"]} ins(%x : tensor<?x?xf64>) outs(%tinit : tensor<f64>) {
  ^bb0(%in: f64, %out: f64):
    %r = arith.addf %out, %in : f64
    linalg.yield %r : f64
  } -> tensor<f64>
  %b = linalg.generic {indexing_maps = [#id, #all, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %tsum : tensor<?x?xf64>, tensor<f64>) outs(%full : tensor<?x?xf64>) {
  ^bb0(%in: f64, %s: f64, %out: f64):
    %r = arith.subf %in, %s : f64
    linalg.yield %r : f64
  } -> tensor<?x?xf64>
  return %a, %b : tensor<?x?xf64>, tensor<?x?xf64>
}

// x / sum(x, axis=1) where the row sums are also returned: they are
// computed in the loop and yielded whole, not computed twice.
// CHECK-LABEL: func.func @sum_also_returned(
// CHECK: [[R:%.*]]:2 = scf.for
// CHECK: [[S:%.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]}
// CHECK: [[D:%.*]] = linalg.generic {{.*}} ins({{.*}}, [[S]] : tensor<1x?xf64>, tensor<1xf64>)
// CHECK: scf.yield
// CHECK-NOT: linalg.generic
// CHECK: return [[R]]#{{[01]}}, [[R]]#{{[01]}}
func.func @sum_also_returned(%x: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %x, %c0 : tensor<?x?xf64>
  %n = tensor.dim %x, %c1 : tensor<?x?xf64>
  %full = tensor.empty(%m, %n) : tensor<?x?xf64>
  %rows = tensor.empty(%m) : tensor<?xf64>
  %init = linalg.fill ins(%zero : f64) outs(%rows : tensor<?xf64>) -> tensor<?xf64>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<?x?xf64>) outs(%init : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %r = arith.addf %out, %in : f64
    linalg.yield %r : f64
  } -> tensor<?xf64>
  %div = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %sum : tensor<?x?xf64>, tensor<?xf64>) outs(%full : tensor<?x?xf64>) {
  ^bb0(%in: f64, %s: f64, %out: f64):
    %r = arith.divf %in, %s : f64
    linalg.yield %r : f64
  } -> tensor<?x?xf64>
  return %div, %sum : tensor<?x?xf64>, tensor<?xf64>
}

// A row reduction with two elementwise consumers is computed once: in the
// loop of the first, which yields it whole to the second's loop.
// CHECK-LABEL: func.func @sum_used_before(
// CHECK: [[R:%.*]]:2 = scf.for
// CHECK: iterator_types = ["parallel", "reduction"]} ins({{.*}} : tensor<1x?xf64>)
// CHECK: scf.yield
// CHECK: scf.for
// CHECK: tensor.extract_slice [[R]]#1
// CHECK-NOT: iterator_types = ["parallel", "reduction"]
// CHECK: scf.yield
func.func @sum_used_before(%x: tensor<?x?xf64>) -> (tensor<?xf64>, tensor<?x?xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %x, %c0 : tensor<?x?xf64>
  %n = tensor.dim %x, %c1 : tensor<?x?xf64>
  %full = tensor.empty(%m, %n) : tensor<?x?xf64>
  %rows = tensor.empty(%m) : tensor<?xf64>
  %init = linalg.fill ins(%zero : f64) outs(%rows : tensor<?xf64>) -> tensor<?xf64>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<?x?xf64>) outs(%init : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %r = arith.addf %out, %in : f64
    linalg.yield %r : f64
  } -> tensor<?xf64>
  %twice = linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]} ins(%sum : tensor<?xf64>) outs(%rows : tensor<?xf64>) {
  ^bb0(%in: f64, %out: f64):
    %r = arith.addf %in, %in : f64
    linalg.yield %r : f64
  } -> tensor<?xf64>
  %div = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %sum : tensor<?x?xf64>, tensor<?xf64>) outs(%full : tensor<?x?xf64>) {
  ^bb0(%in: f64, %s: f64, %out: f64):
    %r = arith.divf %in, %s : f64
    linalg.yield %r : f64
  } -> tensor<?x?xf64>
  return %twice, %div : tensor<?xf64>, tensor<?x?xf64>
}
