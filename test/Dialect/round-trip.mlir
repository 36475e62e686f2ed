// RUN: %tcc-opt %s | %tcc-opt | FileCheck %s
// RUN: %tcc-opt %s -mlir-print-op-generic | %tcc-opt | FileCheck %s

// Every th op parses, prints and parses again to the same IR. Inside a
// th.func the printer drops the `th.` prefix (th is the default dialect
// there), so the CHECK lines match the ops' printed form exactly.

// CHECK: th.shared @w : tensor<?xf64> = dense<[1.000000e-01, 2.000000e-01]> : tensor<2xf64>
th.shared @w : tensor<?xf64> = dense<[0.1, 0.2]> : tensor<2xf64>
// CHECK: th.shared @b : tensor<1x?xi32> = dense<7> : tensor<1x3xi32>
th.shared @b : tensor<1x?xi32> = dense<7> : tensor<1x3xi32>
// CHECK: th.shared @s : tensor<f32> = dense<0.000000e+00> : tensor<f32>
th.shared @s : tensor<f32> = dense<0.0> : tensor<f32>

// A symbolic variable exists only outside functions (in the front end's
// global graph).
// CHECK: {{^}}  %{{.*}} = th.variable "x" : tensor<?x?xf64>
%sym = th.variable "x" : tensor<?x?xf64>

// Argument attributes th.name / th.default, result attribute th.name, reads
// and updates of shared variables.
// CHECK-LABEL: th.func @state(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64> {th.name = "x"},
// CHECK-SAME: [[LR:%[^:]+]]: tensor<f64> {th.default = dense<1.000000e-02> : tensor<f64>, th.name = "lr"})
// CHECK-SAME: -> (tensor<?xf64> {th.name = "out"}, tensor<1x?xi32>)
th.func @state(%x: tensor<?xf64> {th.name = "x"},
               %lr: tensor<f64> {th.name = "lr", th.default = dense<0.01> : tensor<f64>})
    -> (tensor<?xf64> {th.name = "out"}, tensor<1x?xi32>) {
  // CHECK: [[W:%.*]] = read @w : tensor<?xf64>
  %w = th.read @w : tensor<?xf64>
  // CHECK: [[B:%.*]] = read @b : tensor<1x?xi32>
  %b = th.read @b : tensor<1x?xi32>
  // CHECK: [[SUM:%.*]] = add [[W]], [[X]] : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %sum = th.add %w, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  // CHECK: update @w, [[SUM]] : tensor<?xf64>
  th.update @w, %sum : tensor<?xf64>
  // CHECK: return [[W]], [[B]] : tensor<?xf64>, tensor<1x?xi32>
  th.return %w, %b : tensor<?xf64>, tensor<1x?xi32>
}

// A function with neither inputs nor outputs; the prefix-less form parses.
// CHECK-LABEL: th.func @empty() {
// CHECK-NEXT: [[C:%.*]] = constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT: update @s, [[C]] : tensor<f32>
// CHECK-NEXT: return{{$}}
// CHECK-NEXT: }
th.func @empty() {
  %c = constant dense<1.0> : tensor<f32>
  update @s, %c : tensor<f32>
  return
}

// CHECK-LABEL: th.func @constant_cast(
// CHECK-SAME: [[A:%[^:]+]]: tensor<2x?xi1>
th.func @constant_cast(%a: tensor<2x?xi1>) -> (tensor<2x?xf32>, tensor<3xi64>) {
  // CHECK: [[C:%.*]] = constant dense<[1, 2, 3]> : tensor<3xi64>
  %c = th.constant dense<[1, 2, 3]> : tensor<3xi64>
  // CHECK: [[F:%.*]] = cast [[A]] : tensor<2x?xi1> -> tensor<2x?xf32>
  %f = th.cast %a : tensor<2x?xi1> -> tensor<2x?xf32>
  // CHECK: return [[F]], [[C]] : tensor<2x?xf32>, tensor<3xi64>
  th.return %f, %c : tensor<2x?xf32>, tensor<3xi64>
}

// CHECK-LABEL: th.func @unary(
// CHECK-SAME: [[F:%[^:]+]]: tensor<?x1xf64>, [[I:%[^:]+]]: tensor<?xi16>, [[P:%[^:]+]]: tensor<4xi1>
th.func @unary(%f: tensor<?x1xf64>, %i: tensor<?xi16>, %p: tensor<4xi1>) {
  // CHECK: neg [[F]] : tensor<?x1xf64>
  %0 = th.neg %f : tensor<?x1xf64>
  // CHECK: neg [[I]] : tensor<?xi16>
  %1 = th.neg %i : tensor<?xi16>
  // CHECK: abs [[F]] : tensor<?x1xf64>
  %2 = th.abs %f : tensor<?x1xf64>
  // CHECK: sqr [[I]] : tensor<?xi16>
  %3 = th.sqr %i : tensor<?xi16>
  // CHECK: exp [[F]] : tensor<?x1xf64>
  %4 = th.exp %f : tensor<?x1xf64>
  // CHECK: log [[F]] : tensor<?x1xf64>
  %5 = th.log %f : tensor<?x1xf64>
  // CHECK: log1p [[F]] : tensor<?x1xf64>
  %6 = th.log1p %f : tensor<?x1xf64>
  // CHECK: sqrt [[F]] : tensor<?x1xf64>
  %7 = th.sqrt %f : tensor<?x1xf64>
  // CHECK: tanh [[F]] : tensor<?x1xf64>
  %8 = th.tanh %f : tensor<?x1xf64>
  // CHECK: sigmoid [[F]] : tensor<?x1xf64>
  %9 = th.sigmoid %f : tensor<?x1xf64>
  // CHECK: softplus [[F]] : tensor<?x1xf64>
  %10 = th.softplus %f : tensor<?x1xf64>
  // CHECK: invert [[I]] : tensor<?xi16>
  %11 = th.invert %i : tensor<?xi16>
  // CHECK: invert [[P]] : tensor<4xi1>
  %12 = th.invert %p : tensor<4xi1>
  th.return
}

// Binary ops broadcast: a static 1 meets a dynamic or static size.
// CHECK-LABEL: th.func @binary(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf64>, [[Y:%[^:]+]]: tensor<1x?xf64>, [[I:%[^:]+]]: tensor<3x1xi32>, [[J:%[^:]+]]: tensor<1x5xi32>, [[P:%[^:]+]]: tensor<?xi1>
th.func @binary(%x: tensor<?x?xf64>, %y: tensor<1x?xf64>, %i: tensor<3x1xi32>,
                %j: tensor<1x5xi32>, %p: tensor<?xi1>) {
  // CHECK: add [[X]], [[Y]] : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  %0 = th.add %x, %y : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  // CHECK: add [[P]], [[P]] : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  %1 = th.add %p, %p : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  // CHECK: sub [[Y]], [[X]] : tensor<1x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %2 = th.sub %y, %x : tensor<1x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  // CHECK: mul [[I]], [[J]] : tensor<3x1xi32>, tensor<1x5xi32> -> tensor<3x5xi32>
  %3 = th.mul %i, %j : tensor<3x1xi32>, tensor<1x5xi32> -> tensor<3x5xi32>
  // CHECK: true_div [[X]], [[Y]] : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  %4 = th.true_div %x, %y : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  // CHECK: int_div [[I]], [[J]] : tensor<3x1xi32>, tensor<1x5xi32> -> tensor<3x5xi32>
  %5 = th.int_div %i, %j : tensor<3x1xi32>, tensor<1x5xi32> -> tensor<3x5xi32>
  // CHECK: mod [[X]], [[X]] : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %6 = th.mod %x, %x : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  // CHECK: pow [[J]], [[I]] : tensor<1x5xi32>, tensor<3x1xi32> -> tensor<3x5xi32>
  %7 = th.pow %j, %i : tensor<1x5xi32>, tensor<3x1xi32> -> tensor<3x5xi32>
  // CHECK: arctan2 [[X]], [[Y]] : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  %atan2 = th.arctan2 %x, %y : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  // CHECK: maximum [[X]], [[Y]] : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  %8 = th.maximum %x, %y : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  // CHECK: minimum [[P]], [[P]] : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  %9 = th.minimum %p, %p : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  // CHECK: and [[I]], [[J]] : tensor<3x1xi32>, tensor<1x5xi32> -> tensor<3x5xi32>
  %10 = th.and %i, %j : tensor<3x1xi32>, tensor<1x5xi32> -> tensor<3x5xi32>
  // CHECK: or [[P]], [[P]] : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  %11 = th.or %p, %p : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  // CHECK: xor [[J]], [[J]] : tensor<1x5xi32>, tensor<1x5xi32> -> tensor<1x5xi32>
  %12 = th.xor %j, %j : tensor<1x5xi32>, tensor<1x5xi32> -> tensor<1x5xi32>
  th.return
}

// Comparisons give bool tensors of the broadcast shape.
// CHECK-LABEL: th.func @compare(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x?xf32>, [[Y:%[^:]+]]: tensor<?x1xf32>, [[I:%[^:]+]]: tensor<2xi8>
th.func @compare(%x: tensor<?x?xf32>, %y: tensor<?x1xf32>, %i: tensor<2xi8>) {
  // CHECK: lt [[X]], [[Y]] : tensor<?x?xf32>, tensor<?x1xf32> -> tensor<?x?xi1>
  %0 = th.lt %x, %y : tensor<?x?xf32>, tensor<?x1xf32> -> tensor<?x?xi1>
  // CHECK: le [[Y]], [[X]] : tensor<?x1xf32>, tensor<?x?xf32> -> tensor<?x?xi1>
  %1 = th.le %y, %x : tensor<?x1xf32>, tensor<?x?xf32> -> tensor<?x?xi1>
  // CHECK: gt [[Y]], [[Y]] : tensor<?x1xf32>, tensor<?x1xf32> -> tensor<?x1xi1>
  %2 = th.gt %y, %y : tensor<?x1xf32>, tensor<?x1xf32> -> tensor<?x1xi1>
  // CHECK: ge [[I]], [[I]] : tensor<2xi8>, tensor<2xi8> -> tensor<2xi1>
  %3 = th.ge %i, %i : tensor<2xi8>, tensor<2xi8> -> tensor<2xi1>
  // CHECK: eq [[X]], [[X]] : tensor<?x?xf32>, tensor<?x?xf32> -> tensor<?x?xi1>
  %4 = th.eq %x, %x : tensor<?x?xf32>, tensor<?x?xf32> -> tensor<?x?xi1>
  // CHECK: neq [[I]], [[I]] : tensor<2xi8>, tensor<2xi8> -> tensor<2xi1>
  %5 = th.neq %i, %i : tensor<2xi8>, tensor<2xi8> -> tensor<2xi1>
  th.return
}

// CHECK-LABEL: th.func @switch(
// CHECK-SAME: [[C:%[^:]+]]: tensor<?x1xi1>, [[T:%[^:]+]]: tensor<1x4xf64>, [[F:%[^:]+]]: tensor<?x4xf64>
th.func @switch(%c: tensor<?x1xi1>, %t: tensor<1x4xf64>, %f: tensor<?x4xf64>) -> tensor<?x4xf64> {
  // CHECK: [[R:%.*]] = switch [[C]], [[T]], [[F]] : tensor<?x1xi1>, tensor<1x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
  %r = th.switch %c, %t, %f : tensor<?x1xi1>, tensor<1x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
  // CHECK: return [[R]]
  th.return %r : tensor<?x4xf64>
}

// CHECK-LABEL: th.func @reduce(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x3x?xf64>, [[I:%[^:]+]]: tensor<?x?xi64>
th.func @reduce(%x: tensor<?x3x?xf64>, %i: tensor<?x?xi64>) {
  // CHECK: sum [[X]] axes = [0, 2] : tensor<?x3x?xf64> -> tensor<3xf64>
  %0 = th.sum %x axes = [0, 2] : tensor<?x3x?xf64> -> tensor<3xf64>
  // CHECK: sum [[I]] axes = [] : tensor<?x?xi64> -> tensor<?x?xi64>
  %1 = th.sum %i axes = [] : tensor<?x?xi64> -> tensor<?x?xi64>
  // CHECK: mean [[X]] axes = [0, 1, 2] : tensor<?x3x?xf64> -> tensor<f64>
  %2 = th.mean %x axes = [0, 1, 2] : tensor<?x3x?xf64> -> tensor<f64>
  // CHECK: max [[I]] axes = [1] : tensor<?x?xi64> -> tensor<?xi64>
  %3 = th.max %i axes = [1] : tensor<?x?xi64> -> tensor<?xi64>
  // CHECK: min [[X]] axes = [1] : tensor<?x3x?xf64> -> tensor<?x?xf64>
  %4 = th.min %x axes = [1] : tensor<?x3x?xf64> -> tensor<?x?xf64>
  th.return
}

// CHECK-LABEL: th.func @dot(
// CHECK-SAME: [[V:%[^:]+]]: tensor<?xf32>, [[M:%[^:]+]]: tensor<?x?xf32>, [[N:%[^:]+]]: tensor<?x5xf32>
th.func @dot(%v: tensor<?xf32>, %m: tensor<?x?xf32>, %n: tensor<?x5xf32>) {
  // CHECK: dot [[V]], [[V]] : tensor<?xf32>, tensor<?xf32> -> tensor<f32>
  %0 = th.dot %v, %v : tensor<?xf32>, tensor<?xf32> -> tensor<f32>
  // CHECK: dot [[M]], [[V]] : tensor<?x?xf32>, tensor<?xf32> -> tensor<?xf32>
  %1 = th.dot %m, %v : tensor<?x?xf32>, tensor<?xf32> -> tensor<?xf32>
  // CHECK: dot [[V]], [[N]] : tensor<?xf32>, tensor<?x5xf32> -> tensor<5xf32>
  %2 = th.dot %v, %n : tensor<?xf32>, tensor<?x5xf32> -> tensor<5xf32>
  // CHECK: dot [[M]], [[N]] : tensor<?x?xf32>, tensor<?x5xf32> -> tensor<?x5xf32>
  %3 = th.dot %m, %n : tensor<?x?xf32>, tensor<?x5xf32> -> tensor<?x5xf32>
  th.return
}

// CHECK-LABEL: th.func @dimshuffle(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x1x3xi8>
th.func @dimshuffle(%x: tensor<?x1x3xi8>) {
  // CHECK: dimshuffle [[X]] pattern = [2, 0] : tensor<?x1x3xi8> -> tensor<3x?xi8>
  %0 = th.dimshuffle %x pattern = [2, 0] : tensor<?x1x3xi8> -> tensor<3x?xi8>
  // CHECK: dimshuffle [[X]] pattern = [-1, 0, 1, -1, 2] : tensor<?x1x3xi8> -> tensor<1x?x1x1x3xi8>
  %1 = th.dimshuffle %x pattern = [-1, 0, 1, -1, 2] : tensor<?x1x3xi8> -> tensor<1x?x1x1x3xi8>
  th.return
}

// Theano's float functions, rounding and sgn.
// CHECK-LABEL: th.func @float_functions(
th.func @float_functions(%x: tensor<?xf32>, %i: tensor<?xi16>) -> tensor<?xi16> {
  // CHECK: sin %{{.*}} : tensor<?xf32>
  %sin = th.sin %x : tensor<?xf32>
  // CHECK: cos %{{.*}} : tensor<?xf32>
  %cos = th.cos %x : tensor<?xf32>
  // CHECK: tan %{{.*}} : tensor<?xf32>
  %tan = th.tan %x : tensor<?xf32>
  // CHECK: arcsin %{{.*}} : tensor<?xf32>
  %arcsin = th.arcsin %x : tensor<?xf32>
  // CHECK: arccos %{{.*}} : tensor<?xf32>
  %arccos = th.arccos %x : tensor<?xf32>
  // CHECK: arctan %{{.*}} : tensor<?xf32>
  %arctan = th.arctan %x : tensor<?xf32>
  // CHECK: sinh %{{.*}} : tensor<?xf32>
  %sinh = th.sinh %x : tensor<?xf32>
  // CHECK: cosh %{{.*}} : tensor<?xf32>
  %cosh = th.cosh %x : tensor<?xf32>
  // CHECK: arcsinh %{{.*}} : tensor<?xf32>
  %arcsinh = th.arcsinh %x : tensor<?xf32>
  // CHECK: arccosh %{{.*}} : tensor<?xf32>
  %arccosh = th.arccosh %x : tensor<?xf32>
  // CHECK: arctanh %{{.*}} : tensor<?xf32>
  %arctanh = th.arctanh %x : tensor<?xf32>
  // CHECK: exp2 %{{.*}} : tensor<?xf32>
  %exp2 = th.exp2 %x : tensor<?xf32>
  // CHECK: log2 %{{.*}} : tensor<?xf32>
  %log2 = th.log2 %x : tensor<?xf32>
  // CHECK: log10 %{{.*}} : tensor<?xf32>
  %log10 = th.log10 %x : tensor<?xf32>
  // CHECK: erf %{{.*}} : tensor<?xf32>
  %erf = th.erf %x : tensor<?xf32>
  // CHECK: erfc %{{.*}} : tensor<?xf32>
  %erfc = th.erfc %x : tensor<?xf32>
  // CHECK: gamma %{{.*}} : tensor<?xf32>
  %gamma = th.gamma %x : tensor<?xf32>
  // CHECK: gammaln %{{.*}} : tensor<?xf32>
  %gammaln = th.gammaln %x : tensor<?xf32>
  // CHECK: psi %{{.*}} : tensor<?xf32>
  %psi = th.psi %x : tensor<?xf32>
  // CHECK: tri_gamma %{{.*}} : tensor<?xf32>
  %tri_gamma = th.tri_gamma %x : tensor<?xf32>
  // CHECK: erfinv %{{.*}} : tensor<?xf32>
  %erfinv = th.erfinv %x : tensor<?xf32>
  // CHECK: erfcinv %{{.*}} : tensor<?xf32>
  %erfcinv = th.erfcinv %x : tensor<?xf32>
  // CHECK: erfcx %{{.*}} : tensor<?xf32>
  %erfcx = th.erfcx %x : tensor<?xf32>
  // CHECK: trunc %{{.*}} : tensor<?xf32>
  %trunc = th.trunc %x : tensor<?xf32>
  // CHECK: floor %{{.*}} : tensor<?xf32>
  %floor = th.floor %x : tensor<?xf32>
  // CHECK: ceil %{{.*}} : tensor<?xf32>
  %ceil = th.ceil %x : tensor<?xf32>
  // CHECK: round_half_to_even %{{.*}} : tensor<?xf32>
  %round_half_to_even = th.round_half_to_even %x : tensor<?xf32>
  // CHECK: round_half_away_from_zero %{{.*}} : tensor<?xf32>
  %round_half_away_from_zero = th.round_half_away_from_zero %x : tensor<?xf32>
  // CHECK: sgn %{{.*}} : tensor<?xf32>
  %sgn = th.sgn %x : tensor<?xf32>
  // CHECK: sgn %{{.*}} : tensor<?xi16>
  %si = th.sgn %i : tensor<?xi16>
  th.return %si : tensor<?xi16>
}

// CHECK-LABEL: th.func @statistics
th.func @statistics(%x: tensor<?x?xf64>, %i: tensor<?xi8>) -> tensor<?xi64> {
  // CHECK: prod %{{.*}} axes = [0] : tensor<?x?xf64> -> tensor<?xf64>
  %p = th.prod %x axes = [0] : tensor<?x?xf64> -> tensor<?xf64>
  // CHECK: argmax %{{.*}} axes = [1] : tensor<?x?xf64> -> tensor<?xi64>
  %a = th.argmax %x axes = [1] : tensor<?x?xf64> -> tensor<?xi64>
  // CHECK: argmin %{{.*}} axes = [0] : tensor<?xi8> -> tensor<i64>
  %b = th.argmin %i axes = [0] : tensor<?xi8> -> tensor<i64>
  // CHECK: isnan %{{.*}} : tensor<?x?xf64> -> tensor<?x?xi1>
  %n = th.isnan %x : tensor<?x?xf64> -> tensor<?x?xi1>
  // CHECK: isinf %{{.*}} : tensor<?xi8> -> tensor<?xi1>
  %f = th.isinf %i : tensor<?xi8> -> tensor<?xi1>
  th.return %a : tensor<?xi64>
}
