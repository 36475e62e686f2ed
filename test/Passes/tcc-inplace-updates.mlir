// RUN: tcc-opt %s --tcc-inplace-updates | FileCheck %s

// tcc-inplace-updates: for a shared variable a function both reads (one of
// its last len(tcc.reads) arguments) and updates (one of its last
// len(tcc.updates) results), when the new value is an all-parallel
// linalg.generic that reads the old value with an identity map into a
// tensor.empty it never reads, the old value becomes the generic's
// destination and its argument gets {bufferization.writable = true}. The
// destinations of products accumulating into such a generic (the gemv
// lowering, vecmat outs(%y)) are followed back to it. Anything else is left
// exactly as it was.

#id = affine_map<(d0) -> (d0)>
#scalar = affine_map<(d0) -> ()>
#first = affine_map<(d0) -> (0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>

//===----------------------------------------------------------------------===//
// In place
//===----------------------------------------------------------------------===//

// The elementwise update w - c: the generic writes into w, w is writable and
// c (an ordinary input) is not.
// CHECK-LABEL: func.func @elementwise(
// CHECK-SAME: [[C:%[^:]+]]: tensor<?xf64>, [[W:%[^:]+]]: tensor<?xf64> {bufferization.writable = true})
// CHECK-SAME: -> tensor<?xf64> attributes {tcc.reads = [@w], tcc.updates = [@w]}
// CHECK: [[R:%.*]] = linalg.generic
// CHECK-SAME: ins([[W]], [[C]] : tensor<?xf64>, tensor<?xf64>) outs([[W]] : tensor<?xf64>)
// CHECK: return [[R]] : tensor<?xf64>
func.func @elementwise(%c: tensor<?xf64>, %w: tensor<?xf64>) -> tensor<?xf64> attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %w, %c0 : tensor<?xf64>
  %e = tensor.empty(%d) : tensor<?xf64>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]} ins(%w, %c : tensor<?xf64>, tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%a: f64, %b: f64, %o: f64):
    %s = arith.subf %a, %b : f64
    linalg.yield %s : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// The lowered gemv(w - lr * w, -lr, g, X) of an SGD step with weight decay:
// the vecmat accumulates into %y, the elementwise generic over w, whose
// destination becomes w. The scaled vector's generic (not reading w) keeps
// its tensor.empty. Two reads and two updates in another order: the
// arguments and results are found by position (w is the second read and the
// first update), and b, returned unchanged, is not made writable.
// CHECK-LABEL: func.func @gemv_chain(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>, [[G:%[^:]+]]: tensor<?xf64>, [[B:%[^:]+]]: tensor<f64>, [[W:%[^:]+]]: tensor<?xf64> {bufferization.writable = true})
// CHECK-SAME: attributes {tcc.reads = [@b, @w], tcc.updates = [@w, @b]}
// CHECK: [[Y:%.*]] = linalg.generic
// CHECK-SAME: ins([[W]] : tensor<?xf64>) outs([[W]] : tensor<?xf64>)
// CHECK: [[E:%.*]] = tensor.empty
// CHECK: [[S:%.*]] = linalg.generic
// CHECK-SAME: ins([[G]] : tensor<?xf64>) outs([[E]] : tensor<?xf64>)
// CHECK: [[V:%.*]] = linalg.vecmat ins([[S]], [[X]] : tensor<?xf64>, tensor<?x?xf64>) outs([[Y]] : tensor<?xf64>)
// CHECK: return [[V]], [[B]] : tensor<?xf64>, tensor<f64>
func.func @gemv_chain(%X: tensor<?x?xf64>, %g: tensor<?xf64>, %b: tensor<f64>, %w: tensor<?xf64>) -> (tensor<?xf64>, tensor<f64>) attributes {tcc.reads = [@b, @w], tcc.updates = [@w, @b]} {
  %cst = arith.constant 0.9 : f64
  %lr = arith.constant -0.1 : f64
  %c0 = arith.constant 0 : index
  %d = tensor.dim %w, %c0 : tensor<?xf64>
  %e = tensor.empty(%d) : tensor<?xf64>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%w : tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%a: f64, %o: f64):
    %m = arith.mulf %a, %cst : f64
    linalg.yield %m : f64
  } -> tensor<?xf64>
  %dg = tensor.dim %g, %c0 : tensor<?xf64>
  %eg = tensor.empty(%dg) : tensor<?xf64>
  %s = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%g : tensor<?xf64>) outs(%eg : tensor<?xf64>) {
  ^bb0(%a: f64, %o: f64):
    %m = arith.mulf %a, %lr : f64
    linalg.yield %m : f64
  } -> tensor<?xf64>
  %v = linalg.vecmat ins(%s, %X : tensor<?xf64>, tensor<?x?xf64>) outs(%y : tensor<?xf64>) -> tensor<?xf64>
  return %v, %b : tensor<?xf64>, tensor<f64>
}

// A 0-d variable (a bias b - lr * gb): the generic with no loops is
// all-parallel and reads b with the (empty) identity map.
// CHECK-LABEL: func.func @scalar(
// CHECK-SAME: [[GB:%[^:]+]]: tensor<f64>, [[B:%[^:]+]]: tensor<f64> {bufferization.writable = true})
// CHECK: linalg.generic
// CHECK-SAME: ins([[B]], [[GB]] : tensor<f64>, tensor<f64>) outs([[B]] : tensor<f64>)
func.func @scalar(%gb: tensor<f64>, %b: tensor<f64>) -> tensor<f64> attributes {tcc.reads = [@b], tcc.updates = [@b]} {
  %e = tensor.empty() : tensor<f64>
  %r = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%b, %gb : tensor<f64>, tensor<f64>) outs(%e : tensor<f64>) {
  ^bb0(%a: f64, %x: f64, %o: f64):
    %s = arith.subf %a, %x : f64
    linalg.yield %s : f64
  } -> tensor<f64>
  return %r : tensor<f64>
}

// Other inputs may broadcast (a 0-d learning rate): only the old value's
// map has to be the identity.
// CHECK-LABEL: func.func @broadcast_other_input(
// CHECK-SAME: [[LR:%[^:]+]]: tensor<f64>, [[W:%[^:]+]]: tensor<?xf64> {bufferization.writable = true})
// CHECK: linalg.generic
// CHECK-SAME: ins([[LR]], [[W]] : tensor<f64>, tensor<?xf64>) outs([[W]] : tensor<?xf64>)
func.func @broadcast_other_input(%lr: tensor<f64>, %w: tensor<?xf64>) -> tensor<?xf64> attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %w, %c0 : tensor<?xf64>
  %e = tensor.empty(%d) : tensor<?xf64>
  %r = linalg.generic {indexing_maps = [#scalar, #id, #id], iterator_types = ["parallel"]} ins(%lr, %w : tensor<f64>, tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%l: f64, %a: f64, %o: f64):
    %m = arith.mulf %l, %a : f64
    %s = arith.subf %a, %m : f64
    linalg.yield %s : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}

//===----------------------------------------------------------------------===//
// Left alone (no writable argument anywhere below)
//===----------------------------------------------------------------------===//

// The new value is not computed from the old one (a fresh generic over
// another input): its destination stays the tensor.empty.
// CHECK-LABEL: func.func @not_from_old(
// CHECK-NOT: bufferization.writable
// CHECK: [[E:%.*]] = tensor.empty
// CHECK: linalg.generic
// CHECK-SAME: outs([[E]] : tensor<?xf64>)
func.func @not_from_old(%c: tensor<?xf64>, %w: tensor<?xf64>) -> tensor<?xf64> attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %c, %c0 : tensor<?xf64>
  %e = tensor.empty(%d) : tensor<?xf64>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%c : tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.negf %a : f64
    linalg.yield %s : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// The payload reads its destination's element (%o): replacing the
// tensor.empty by w would change the result.
// CHECK-LABEL: func.func @payload_reads_out(
// CHECK-NOT: bufferization.writable
// CHECK: [[E:%.*]] = tensor.empty
// CHECK: linalg.generic
// CHECK-SAME: outs([[E]] : tensor<?xf64>)
func.func @payload_reads_out(%c: tensor<?xf64>, %w: tensor<?xf64>) -> tensor<?xf64> attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %w, %c0 : tensor<?xf64>
  %e = tensor.empty(%d) : tensor<?xf64>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]} ins(%w, %c : tensor<?xf64>, tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%a: f64, %b: f64, %o: f64):
    %s = arith.subf %a, %b : f64
    %t = arith.addf %s, %o : f64
    linalg.yield %t : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// w is updated but not read (not in tcc.reads; v is): there is no old value
// argument to write into, and v, read but not updated, is not writable.
// CHECK-LABEL: func.func @updated_not_read(
// CHECK-NOT: bufferization.writable
// CHECK: [[E:%.*]] = tensor.empty
// CHECK: linalg.generic
// CHECK-SAME: outs([[E]] : tensor<?xf64>)
func.func @updated_not_read(%c: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> attributes {tcc.reads = [@v], tcc.updates = [@w]} {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %v, %c0 : tensor<?xf64>
  %e = tensor.empty(%d) : tensor<?xf64>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]} ins(%v, %c : tensor<?xf64>, tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%a: f64, %b: f64, %o: f64):
    %s = arith.subf %a, %b : f64
    linalg.yield %s : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// The old value is read transposed (w.T, a square variable): element (i, j)
// of the new value needs element (j, i) of the old one.
// CHECK-LABEL: func.func @transposed_read(
// CHECK-NOT: bufferization.writable
// CHECK: [[E:%.*]] = tensor.empty
// CHECK: linalg.generic
// CHECK-SAME: outs([[E]] : tensor<?x?xf64>)
func.func @transposed_read(%w: tensor<?x?xf64>) -> tensor<?x?xf64> attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = tensor.dim %w, %c1 : tensor<?x?xf64>
  %d1 = tensor.dim %w, %c0 : tensor<?x?xf64>
  %e = tensor.empty(%d0, %d1) : tensor<?x?xf64>
  %r = linalg.generic {indexing_maps = [#tr, #id2], iterator_types = ["parallel", "parallel"]} ins(%w : tensor<?x?xf64>) outs(%e : tensor<?x?xf64>) {
  ^bb0(%a: f64, %o: f64):
    linalg.yield %a : f64
  } -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// The old value is read at the same index but written transposed: the
// result has w's shape transposed, so w's buffer cannot hold it.
// CHECK-LABEL: func.func @transposed_write(
// CHECK-NOT: bufferization.writable
// CHECK: [[E:%.*]] = tensor.empty
// CHECK: linalg.generic
// CHECK-SAME: outs([[E]] : tensor<?x?xf64>)
func.func @transposed_write(%w: tensor<?x?xf64>) -> tensor<?x?xf64> attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = tensor.dim %w, %c1 : tensor<?x?xf64>
  %d1 = tensor.dim %w, %c0 : tensor<?x?xf64>
  %e = tensor.empty(%d0, %d1) : tensor<?x?xf64>
  %r = linalg.generic {indexing_maps = [#id2, #tr], iterator_types = ["parallel", "parallel"]} ins(%w : tensor<?x?xf64>) outs(%e : tensor<?x?xf64>) {
  ^bb0(%a: f64, %o: f64):
    linalg.yield %a : f64
  } -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// The old value is read broadcast (every element from w[0]).
// CHECK-LABEL: func.func @broadcast_read(
// CHECK-NOT: bufferization.writable
// CHECK: [[E:%.*]] = tensor.empty
// CHECK: linalg.generic
// CHECK-SAME: outs([[E]] : tensor<?xf64>)
func.func @broadcast_read(%w: tensor<?xf64>) -> tensor<?xf64> attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %w, %c0 : tensor<?xf64>
  %e = tensor.empty(%d) : tensor<?xf64>
  %r = linalg.generic {indexing_maps = [#first, #id], iterator_types = ["parallel"]} ins(%w : tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%a: f64, %o: f64):
    linalg.yield %a : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// The elementwise generic the vecmat accumulates into is also an output of
// the function: its buffer cannot be the product's, so the chain stops.
// CHECK-LABEL: func.func @chain_dest_used_twice(
// CHECK-NOT: bufferization.writable
// CHECK: [[E:%.*]] = tensor.empty
// CHECK: [[Y:%.*]] = linalg.generic
// CHECK-SAME: outs([[E]] : tensor<?xf64>)
// CHECK: linalg.vecmat {{.*}} outs([[Y]] : tensor<?xf64>)
func.func @chain_dest_used_twice(%X: tensor<?x?xf64>, %g: tensor<?xf64>, %w: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  %cst = arith.constant 0.9 : f64
  %c0 = arith.constant 0 : index
  %d = tensor.dim %w, %c0 : tensor<?xf64>
  %e = tensor.empty(%d) : tensor<?xf64>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%w : tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%a: f64, %o: f64):
    %m = arith.mulf %a, %cst : f64
    linalg.yield %m : f64
  } -> tensor<?xf64>
  %v = linalg.vecmat ins(%g, %X : tensor<?xf64>, tensor<?x?xf64>) outs(%y : tensor<?xf64>) -> tensor<?xf64>
  return %y, %v : tensor<?xf64>, tensor<?xf64>
}

// The update returns the old value itself (w = w): there is nothing to
// compute into it.
// CHECK-LABEL: func.func @unchanged(
// CHECK-NOT: bufferization.writable
// CHECK: return
func.func @unchanged(%w: tensor<?xf64>) -> tensor<?xf64> attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  return %w : tensor<?xf64>
}

// An output that is not an update, computed elementwise from a variable the
// function reads but does not update.
// CHECK-LABEL: func.func @output_not_update(
// CHECK-NOT: bufferization.writable
// CHECK: [[E:%.*]] = tensor.empty
// CHECK: linalg.generic
// CHECK-SAME: outs([[E]] : tensor<?xf64>)
func.func @output_not_update(%w: tensor<?xf64>) -> tensor<?xf64> attributes {tcc.reads = [@w], tcc.updates = []} {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %w, %c0 : tensor<?xf64>
  %e = tensor.empty(%d) : tensor<?xf64>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%w : tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.negf %a : f64
    linalg.yield %s : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// Without tcc.reads / tcc.updates (not a kernel of th functions) nothing is
// done.
// CHECK-LABEL: func.func @no_attributes(
// CHECK-NOT: bufferization.writable
// CHECK: [[E:%.*]] = tensor.empty
// CHECK: linalg.generic
// CHECK-SAME: outs([[E]] : tensor<?xf64>)
func.func @no_attributes(%w: tensor<?xf64>) -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %w, %c0 : tensor<?xf64>
  %e = tensor.empty(%d) : tensor<?xf64>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%w : tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.negf %a : f64
    linalg.yield %s : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}
// CHECK-NOT: bufferization.writable

// A kernel that checks an index may stop half-way: nothing is made
// writable, so a stopped call leaves w as it was.
// CHECK-LABEL: func.func @checks_an_index(
// CHECK-SAME: [[W:%[^:]+]]: tensor<?xf64>)
// CHECK-NOT: writable
// CHECK: outs(%{{.*}} : tensor<?xf64>)
func.func @checks_an_index(%i: index, %w: tensor<?xf64>) -> (index, tensor<?xf64>) attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %w, %c0 : tensor<?xf64>
  %j = th.check_index %i, %d {axis = 0 : i64, what = "subtensor"}
  %e = tensor.empty(%d) : tensor<?xf64>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%w : tensor<?xf64>) outs(%e : tensor<?xf64>) {
  ^bb0(%a: f64, %o: f64):
    %s = arith.addf %a, %a : f64
    linalg.yield %s : f64
  } -> tensor<?xf64>
  return %j, %r : index, tensor<?xf64>
}
