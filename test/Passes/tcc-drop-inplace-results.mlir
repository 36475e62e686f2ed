// RUN: tcc-opt %s --tcc-drop-inplace-results | FileCheck %s

// tcc-drop-inplace-results, after one-shot bufferization: a result for an
// update of a shared variable the function also reads (the last
// len(tcc.updates) results, the last len(tcc.reads) arguments) whose value
// is the variable's own argument buffer (possibly through memref.cast) was
// written in place: it is removed from the signature and the return, and
// the variable is listed in tcc.inplace (in update order; [] when none).
// Everything else is returned as before.

// The update of w returns w's argument: the result is dropped; the output
// (a fresh buffer) stays.
// CHECK-LABEL: func.func @in_place(
// CHECK-SAME: [[X:%[^:]+]]: memref<?xf64>, [[W:%[^:]+]]: memref<?xf64> {bufferization.writable = true})
// CHECK-SAME: -> memref<?xf64> attributes {tcc.inplace = [@w], tcc.reads = [@w], tcc.updates = [@w]}
// CHECK: [[A:%.*]] = memref.alloc
// CHECK-NEXT: return [[A]] : memref<?xf64>
// CHECK-NEXT: }
func.func @in_place(%x: memref<?xf64>, %w: memref<?xf64> {bufferization.writable = true}) -> (memref<?xf64>, memref<?xf64>) attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  %c0 = arith.constant 0 : index
  %d = memref.dim %x, %c0 : memref<?xf64>
  %a = memref.alloc(%d) : memref<?xf64>
  return %a, %w : memref<?xf64>, memref<?xf64>
}

// The update returns a fresh buffer (bufferization copied): it is kept, and
// tcc.inplace is empty.
// CHECK-LABEL: func.func @fresh_buffer(
// CHECK-SAME: [[W:%[^:]+]]: memref<?xf64>)
// CHECK-SAME: -> memref<?xf64> attributes {tcc.inplace = [], tcc.reads = [@w], tcc.updates = [@w]}
// CHECK: [[A:%.*]] = memref.alloc
// CHECK-NEXT: return [[A]] : memref<?xf64>
func.func @fresh_buffer(%w: memref<?xf64>) -> memref<?xf64> attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  %c0 = arith.constant 0 : index
  %d = memref.dim %w, %c0 : memref<?xf64>
  %a = memref.alloc(%d) : memref<?xf64>
  return %a : memref<?xf64>
}

// Two updates, one in place and one not, in the other order than the reads
// (w is the second read, the first update): only w's result goes; b's fresh
// buffer stays the last result.
// CHECK-LABEL: func.func @mixed(
// CHECK-SAME: [[B:%[^:]+]]: memref<f64>, [[W:%[^:]+]]: memref<?xf64>)
// CHECK-SAME: -> memref<f64> attributes {tcc.inplace = [@w], tcc.reads = [@b, @w], tcc.updates = [@w, @b]}
// CHECK: [[A:%.*]] = memref.alloc() : memref<f64>
// CHECK-NEXT: return [[A]] : memref<f64>
func.func @mixed(%b: memref<f64>, %w: memref<?xf64>) -> (memref<?xf64>, memref<f64>) attributes {tcc.reads = [@b, @w], tcc.updates = [@w, @b]} {
  %a = memref.alloc() : memref<f64>
  return %w, %a : memref<?xf64>, memref<f64>
}

// Both updates in place: no result is left; tcc.inplace follows the order
// of tcc.updates.
// CHECK-LABEL: func.func @all_in_place(
// CHECK-SAME: [[A:%[^:]+]]: memref<?xf64>, [[B:%[^:]+]]: memref<f64>)
// CHECK-SAME: attributes {tcc.inplace = [@b, @a], tcc.reads = [@a, @b], tcc.updates = [@b, @a]}
// CHECK-NOT: ->
// CHECK-NEXT: return{{$}}
func.func @all_in_place(%a: memref<?xf64>, %b: memref<f64>) -> (memref<f64>, memref<?xf64>) attributes {tcc.reads = [@a, @b], tcc.updates = [@b, @a]} {
  return %b, %a : memref<f64>, memref<?xf64>
}

// The argument returned through a memref.cast (a static buffer as the
// variable's dynamic type) is still the argument: dropped.
// CHECK-LABEL: func.func @through_cast(
// CHECK-SAME: [[W:%[^:]+]]: memref<4xf64>)
// CHECK-SAME: attributes {tcc.inplace = [@w], tcc.reads = [@w], tcc.updates = [@w]}
// CHECK-NOT: ->
// CHECK: memref.cast [[W]]
// CHECK-NEXT: return{{$}}
func.func @through_cast(%w: memref<4xf64>) -> memref<?xf64> attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  %c = memref.cast %w : memref<4xf64> to memref<?xf64>
  return %c : memref<?xf64>
}

// An output (not an update) that returns the read argument is kept, here
// next to the in-place update of the same variable, which is dropped.
// CHECK-LABEL: func.func @output_is_argument(
// CHECK-SAME: [[W:%[^:]+]]: memref<?xf64>)
// CHECK-SAME: -> memref<?xf64> attributes {tcc.inplace = [@w], tcc.reads = [@w], tcc.updates = [@w]}
// CHECK-NEXT: return [[W]] : memref<?xf64>
func.func @output_is_argument(%w: memref<?xf64>) -> (memref<?xf64>, memref<?xf64>) attributes {tcc.reads = [@w], tcc.updates = [@w]} {
  return %w, %w : memref<?xf64>, memref<?xf64>
}

// A variable read and returned as an output, with no updates at all: kept.
// CHECK-LABEL: func.func @reads_only(
// CHECK-SAME: [[W:%[^:]+]]: memref<?xf64>)
// CHECK-SAME: -> memref<?xf64> attributes {tcc.inplace = [], tcc.reads = [@w], tcc.updates = []}
// CHECK-NEXT: return [[W]] : memref<?xf64>
func.func @reads_only(%w: memref<?xf64>) -> memref<?xf64> attributes {tcc.reads = [@w], tcc.updates = []} {
  return %w : memref<?xf64>
}

// An update that returns another variable's argument (v is read, w is not):
// not w's buffer, kept.
// CHECK-LABEL: func.func @other_argument(
// CHECK-SAME: [[V:%[^:]+]]: memref<?xf64>)
// CHECK-SAME: -> memref<?xf64> attributes {tcc.inplace = [], tcc.reads = [@v], tcc.updates = [@w]}
// CHECK-NEXT: return [[V]] : memref<?xf64>
func.func @other_argument(%v: memref<?xf64>) -> memref<?xf64> attributes {tcc.reads = [@v], tcc.updates = [@w]} {
  return %v : memref<?xf64>
}

// A function without tcc.updates (not a kernel of th functions) is left
// alone: no tcc.inplace.
// CHECK-LABEL: func.func @plain(
// CHECK-SAME: [[W:%[^:]+]]: memref<?xf64>) -> memref<?xf64> {
// CHECK-NEXT: return [[W]] : memref<?xf64>
func.func @plain(%w: memref<?xf64>) -> memref<?xf64> {
  return %w : memref<?xf64>
}
// CHECK-NOT: tcc.inplace
