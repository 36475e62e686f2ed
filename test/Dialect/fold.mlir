// RUN: %tcc-opt %s --canonicalize | FileCheck %s

// th.cast folds on splat constants with NumPy's astype semantics (float to
// int truncates toward zero, to bool is != 0, bool to number is 0 or 1, int
// narrowing wraps); identity casts disappear. The folded values are
// materialized as th.constant.

// CHECK-LABEL: th.func @float_to_int()
// CHECK-NOT: cast
// CHECK-DAG: [[NEG:%.*]] = constant dense<-2> : tensor<2xi32>
// CHECK-DAG: [[POS:%.*]] = constant dense<2> : tensor<2xi32>
// CHECK-NOT: cast
// CHECK: return [[NEG]], [[POS]] : tensor<2xi32>, tensor<2xi32>
th.func @float_to_int() -> (tensor<2xi32>, tensor<2xi32>) {
  %a = th.constant dense<-2.7> : tensor<2xf64>
  %0 = th.cast %a : tensor<2xf64> -> tensor<2xi32>
  %b = th.constant dense<2.7> : tensor<2xf32>
  %1 = th.cast %b : tensor<2xf32> -> tensor<2xi32>
  th.return %0, %1 : tensor<2xi32>, tensor<2xi32>
}

// CHECK-LABEL: th.func @int_to_float()
// CHECK-NOT: cast
// CHECK-DAG: [[F:%.*]] = constant dense<-7.000000e+00> : tensor<3xf32>
// CHECK-DAG: [[G:%.*]] = constant dense<3.000000e+00> : tensor<1x2xf64>
// CHECK-NOT: cast
// CHECK: return [[F]], [[G]] : tensor<3xf32>, tensor<1x2xf64>
th.func @int_to_float() -> (tensor<3xf32>, tensor<1x2xf64>) {
  %a = th.constant dense<-7> : tensor<3xi64>
  %0 = th.cast %a : tensor<3xi64> -> tensor<3xf32>
  %b = th.constant dense<3> : tensor<1x2xi8>
  %1 = th.cast %b : tensor<1x2xi8> -> tensor<1x2xf64>
  th.return %0, %1 : tensor<3xf32>, tensor<1x2xf64>
}

// Nonzero (NaN included) is true, zero (-0.0 included) false.
// CHECK-LABEL: th.func @to_bool()
// CHECK-NOT: cast
// CHECK-DAG: [[HALF:%.*]] = constant dense<true> : tensor<3xi1>
// CHECK-DAG: [[NEGZERO:%.*]] = constant dense<false> : tensor<2xi1>
// CHECK-DAG: [[NAN:%.*]] = constant dense<true> : tensor<1xi1>
// CHECK-DAG: [[IZERO:%.*]] = constant dense<false> : tensor<3xi1>
// CHECK-DAG: [[INEG:%.*]] = constant dense<true> : tensor<4xi1>
// CHECK-NOT: cast
// CHECK: return [[HALF]], [[NEGZERO]], [[NAN]], [[IZERO]], [[INEG]] :
th.func @to_bool() -> (tensor<3xi1>, tensor<2xi1>, tensor<1xi1>, tensor<3xi1>, tensor<4xi1>) {
  %a = th.constant dense<0.5> : tensor<3xf32>
  %0 = th.cast %a : tensor<3xf32> -> tensor<3xi1>
  %b = th.constant dense<-0.0> : tensor<2xf64>
  %1 = th.cast %b : tensor<2xf64> -> tensor<2xi1>
  %c = th.constant dense<0x7FF8000000000000> : tensor<1xf64>
  %2 = th.cast %c : tensor<1xf64> -> tensor<1xi1>
  %d = th.constant dense<0> : tensor<3xi16>
  %3 = th.cast %d : tensor<3xi16> -> tensor<3xi1>
  %e = th.constant dense<-4> : tensor<4xi64>
  %4 = th.cast %e : tensor<4xi64> -> tensor<4xi1>
  th.return %0, %1, %2, %3, %4 : tensor<3xi1>, tensor<2xi1>, tensor<1xi1>, tensor<3xi1>, tensor<4xi1>
}

// A true bool is 1, not -1 (it is zero-extended).
// CHECK-LABEL: th.func @from_bool()
// CHECK-NOT: cast
// CHECK-DAG: [[F:%.*]] = constant dense<1.000000e+00> : tensor<2xf64>
// CHECK-DAG: [[I:%.*]] = constant dense<1> : tensor<2xi32>
// CHECK-NOT: cast
// CHECK: return [[F]], [[I]] : tensor<2xf64>, tensor<2xi32>
th.func @from_bool() -> (tensor<2xf64>, tensor<2xi32>) {
  %t = th.constant dense<true> : tensor<2xi1>
  %0 = th.cast %t : tensor<2xi1> -> tensor<2xf64>
  %1 = th.cast %t : tensor<2xi1> -> tensor<2xi32>
  th.return %0, %1 : tensor<2xf64>, tensor<2xi32>
}

// Integer narrowing wraps (300 mod 256 = 44), widening sign-extends, and
// float to float rounds.
// CHECK-LABEL: th.func @int_and_float_widths()
// CHECK-NOT: cast
// CHECK-DAG: [[NARROW:%.*]] = constant dense<44> : tensor<2xi8>
// CHECK-DAG: [[WIDE:%.*]] = constant dense<-5> : tensor<2xi64>
// CHECK-DAG: [[F32:%.*]] = constant dense<1.000000e-01> : tensor<2xf32>
// CHECK-DAG: [[F64:%.*]] = constant dense<2.500000e-01> : tensor<2xf64>
// CHECK-NOT: cast
// CHECK: return [[NARROW]], [[WIDE]], [[F32]], [[F64]] :
th.func @int_and_float_widths() -> (tensor<2xi8>, tensor<2xi64>, tensor<2xf32>, tensor<2xf64>) {
  %a = th.constant dense<300> : tensor<2xi64>
  %0 = th.cast %a : tensor<2xi64> -> tensor<2xi8>
  %b = th.constant dense<-5> : tensor<2xi8>
  %1 = th.cast %b : tensor<2xi8> -> tensor<2xi64>
  %c = th.constant dense<0.1> : tensor<2xf64>
  %2 = th.cast %c : tensor<2xf64> -> tensor<2xf32>
  %d = th.constant dense<0.25> : tensor<2xf32>
  %3 = th.cast %d : tensor<2xf32> -> tensor<2xf64>
  th.return %0, %1, %2, %3 : tensor<2xi8>, tensor<2xi64>, tensor<2xf32>, tensor<2xf64>
}

// A cast to the operand's own type is the operand.
// CHECK-LABEL: th.func @identity(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?x3xf64>
// CHECK-NOT: cast
// CHECK: return [[X]] : tensor<?x3xf64>
th.func @identity(%x: tensor<?x3xf64>) -> tensor<?x3xf64> {
  %0 = th.cast %x : tensor<?x3xf64> -> tensor<?x3xf64>
  th.return %0 : tensor<?x3xf64>
}

// Not folded: a cast of a value that is not constant, of a constant that is
// not a splat, or to a type without a static shape.
// CHECK-LABEL: th.func @not_folded(
// CHECK-SAME: [[X:%[^:]+]]: tensor<2xi32>
// CHECK-DAG: [[C:%.*]] = constant dense<[1.000000e+00, 2.500000e+00]> : tensor<2xf64>
// CHECK-DAG: [[N:%.*]] = constant dense<0x7FF8000000000000> : tensor<f64>
// CHECK-DAG: [[A:%.*]] = cast [[X]] : tensor<2xi32> -> tensor<2xf64>
// CHECK-DAG: [[B:%.*]] = cast [[C]] : tensor<2xf64> -> tensor<2xi32>
// CHECK-DAG: [[D:%.*]] = cast [[N]] : tensor<f64> -> tensor<i32>
// CHECK: return [[A]], [[B]], [[D]] :
th.func @not_folded(%x: tensor<2xi32>) -> (tensor<2xf64>, tensor<2xi32>, tensor<i32>) {
  %0 = th.cast %x : tensor<2xi32> -> tensor<2xf64>
  %c = th.constant dense<[1.0, 2.5]> : tensor<2xf64>
  %1 = th.cast %c : tensor<2xf64> -> tensor<2xi32>
  // NaN to an integer is platform-defined in NumPy: left to run time.
  %n = th.constant dense<0x7FF8000000000000> : tensor<f64>
  %2 = th.cast %n : tensor<f64> -> tensor<i32>
  th.return %0, %1, %2 : tensor<2xf64>, tensor<2xi32>, tensor<i32>
}

// Casts chain: each folds in turn, so 2.9 -> i32 -> f64 gives 2.0.
// CHECK-LABEL: th.func @chain()
// CHECK-NOT: cast
// CHECK: [[C:%.*]] = constant dense<2.000000e+00> : tensor<f64>
// CHECK-NOT: cast
// CHECK: return [[C]] : tensor<f64>
th.func @chain() -> tensor<f64> {
  %a = th.constant dense<2.9> : tensor<f64>
  %0 = th.cast %a : tensor<f64> -> tensor<i32>
  %1 = th.cast %0 : tensor<i32> -> tensor<f64>
  th.return %1 : tensor<f64>
}

// Outside a th.func the materialized constant prints with its prefix.
// CHECK-LABEL: func.func @in_func_func()
// CHECK-NEXT: [[C:%.*]] = th.constant dense<-1> : tensor<2xi64>
// CHECK-NEXT: return [[C]] : tensor<2xi64>
func.func @in_func_func() -> tensor<2xi64> {
  %a = th.constant dense<-1.5> : tensor<2xf32>
  %0 = th.cast %a : tensor<2xf32> -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// th.neg of a float splat constant folds (th-gemm negates learning rates);
// -(-x) folds to x.
// CHECK-LABEL: th.func @neg_constant(
// CHECK-SAME: [[X:%[^:]+]]: tensor<?xf64>)
// CHECK-DAG: [[C:%.*]] = constant dense<-1.000000e-01> : tensor<f64>
// CHECK-DAG: [[D:%.*]] = constant dense<2.500000e+00> : tensor<1xf32>
// CHECK-NOT: neg
// CHECK: return [[C]], [[D]], [[X]]
th.func @neg_constant(%x: tensor<?xf64>) -> (tensor<f64>, tensor<1xf32>, tensor<?xf64>) {
  %a = th.constant dense<0.1> : tensor<f64>
  %0 = th.neg %a : tensor<f64>
  %b = th.constant dense<-2.5> : tensor<1xf32>
  %1 = th.neg %b : tensor<1xf32>
  %n = th.neg %x : tensor<?xf64>
  %2 = th.neg %n : tensor<?xf64>
  th.return %0, %1, %2 : tensor<f64>, tensor<1xf32>, tensor<?xf64>
}
