// RUN: %tcc-opt %s --th-lower-functions | FileCheck %s
// RUN: %tcc-opt %s --th-lower-functions | FileCheck %s --check-prefix=GONE

// th.func -> func.func with explicit shared state: the shared variables a
// function reads become trailing arguments, the ones it updates trailing
// results, both in th.shared declaration order (not the order of the reads
// and updates in the body); tcc.reads / tcc.updates record the mapping and
// the th.shared declarations are gone.

// Nothing of the function-level th ops is left anywhere.
// GONE-NOT: th.shared
// GONE-NOT: th.func
// GONE-NOT: th.read
// GONE-NOT: th.update
// GONE-NOT: th.return
// GONE-NOT: th.name
// GONE: func.func @both
// GONE-NOT: th.shared
// GONE-NOT: th.func
// GONE-NOT: th.read
// GONE-NOT: th.update
// GONE-NOT: th.return
// GONE-NOT: th.name

th.shared @a : tensor<?xf64> = dense<[1.0, 2.0]> : tensor<2xf64>
th.shared @b : tensor<f32> = dense<0.0> : tensor<f32>
th.shared @c : tensor<1x?xi64> = dense<7> : tensor<1x3xi64>

// Reads and updates @a and @c, in the body in the order c, a; two reads of
// one variable are the same argument. th.name attributes are dropped (the
// manifest has them).
// CHECK-LABEL: func.func @both(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>, [[A:%[^:]+]]: tensor<?xf64>, [[C:%[^:]+]]: tensor<1x?xi64>)
// CHECK-SAME: -> (tensor<?xf64>, tensor<?xf64>, tensor<1x?xi64>)
// CHECK-SAME: attributes {tcc.reads = [@a, @c], tcc.updates = [@a, @c]}
// CHECK-NEXT: [[S:%.*]] = th.add [[A]], [[X]] : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT: [[T:%.*]] = th.mul [[C]], [[C]]
// CHECK-NEXT: return [[A]], [[S]], [[T]] : tensor<?xf64>, tensor<?xf64>, tensor<1x?xi64>
// CHECK-NEXT: }
th.func @both(%x: tensor<?xf64> {th.name = "x"}) -> (tensor<?xf64> {th.name = "y"}) {
  %c = th.read @c : tensor<1x?xi64>
  %a = th.read @a : tensor<?xf64>
  %s = th.add %a, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %t = th.mul %c, %c : tensor<1x?xi64>, tensor<1x?xi64> -> tensor<1x?xi64>
  %a2 = th.read @a : tensor<?xf64>
  th.update @c, %t : tensor<1x?xi64>
  th.update @a, %s : tensor<?xf64>
  th.return %a2 : tensor<?xf64>
}

// Reads @b and @c without updating them; the output is an argument.
// CHECK-LABEL: func.func @reads_only(
// CHECK-SAME: [[B:%[^:]+]]: tensor<f32>, [[C:%[^:]+]]: tensor<1x?xi64>)
// CHECK-SAME: -> (tensor<1x?xi64>, tensor<f32>)
// CHECK-SAME: attributes {tcc.reads = [@b, @c], tcc.updates = []}
// CHECK-NEXT: return [[C]], [[B]] : tensor<1x?xi64>, tensor<f32>
th.func @reads_only() -> (tensor<1x?xi64>, tensor<f32>) {
  %c = th.read @c : tensor<1x?xi64>
  %b = th.read @b : tensor<f32>
  th.return %c, %b : tensor<1x?xi64>, tensor<f32>
}

// Updates @b from an input without reading it: no extra argument, one extra
// result after the function's own.
// CHECK-LABEL: func.func @updates_only(
// CHECK-SAME: [[V:%[^:]+]]: tensor<f32>, [[W:%[^:]+]]: tensor<f32>)
// CHECK-SAME: -> (tensor<f32>, tensor<f32>)
// CHECK-SAME: attributes {tcc.reads = [], tcc.updates = [@b]}
// CHECK-NEXT: return [[W]], [[V]] : tensor<f32>, tensor<f32>
th.func @updates_only(%v: tensor<f32>, %w: tensor<f32>) -> tensor<f32> {
  th.update @b, %v : tensor<f32>
  th.return %w : tensor<f32>
}

// Reads @a, updates @b and @c: the reads and updates lists differ, and an
// update may be the value read from another variable declared before it.
// CHECK-LABEL: func.func @cross(
// CHECK-SAME: [[A:%[^:]+]]: tensor<?xf64>)
// CHECK-SAME: -> (tensor<f32>, tensor<1x?xi64>)
// CHECK-SAME: attributes {tcc.reads = [@a], tcc.updates = [@b, @c]}
// CHECK-NEXT: [[S:%.*]] = th.sum [[A]] axes = [0]
// CHECK-NEXT: [[F:%.*]] = th.cast [[S]] : tensor<f64> -> tensor<f32>
// CHECK-NEXT: [[D:%.*]] = th.dimshuffle [[A]] pattern = [-1, 0]
// CHECK-NEXT: [[I:%.*]] = th.cast [[D]] : tensor<1x?xf64> -> tensor<1x?xi64>
// CHECK-NEXT: return [[F]], [[I]] : tensor<f32>, tensor<1x?xi64>
th.func @cross() {
  %a = th.read @a : tensor<?xf64>
  %s = th.sum %a axes = [0] : tensor<?xf64> -> tensor<f64>
  %f = th.cast %s : tensor<f64> -> tensor<f32>
  %d = th.dimshuffle %a pattern = [-1, 0] : tensor<?xf64> -> tensor<1x?xf64>
  %i = th.cast %d : tensor<1x?xf64> -> tensor<1x?xi64>
  th.update @c, %i : tensor<1x?xi64>
  th.update @b, %f : tensor<f32>
  th.return
}

// No shared state at all: the signature is unchanged.
// CHECK-LABEL: func.func @pure(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf32>) -> tensor<?x?xf32>
// CHECK-SAME: attributes {tcc.reads = [], tcc.updates = []}
// CHECK-NEXT: return [[X]] : tensor<?x?xf32>
th.func @pure(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  th.return %x : tensor<?x?xf32>
}

