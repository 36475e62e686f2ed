// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

// One case per verifier rule of the th dialect.

//===----------------------------------------------------------------------===//
// Broadcasting (ElementwiseBroadcastable)
//===----------------------------------------------------------------------===//

th.func @broadcast_static_mismatch(%a: tensor<?x2xf64>, %b: tensor<1x3xf64>) {
  // expected-error @+1 {{'th.add' op operands cannot be broadcast together: sizes 2 and 3 of dimension 1 do not match}}
  %0 = th.add %a, %b : tensor<?x2xf64>, tensor<1x3xf64> -> tensor<?x3xf64>
  th.return
}

// -----

th.func @broadcast_rank_mismatch(%a: tensor<2xf64>, %b: tensor<1x2xf64>) {
  // expected-error @+1 {{'th.sub' op operands cannot be broadcast together: operands have different ranks (1 and 2)}}
  %0 = th.sub %a, %b : tensor<2xf64>, tensor<1x2xf64> -> tensor<1x2xf64>
  th.return
}

// -----

// A dimension broadcasts only where it is a static 1: the result of ? and 1
// is ?, never a static size.
th.func @wrong_result_shape(%a: tensor<?xf64>, %b: tensor<1xf64>) {
  // expected-error @+1 {{'th.add' op result shape does not match the broadcast of the operands}}
  %0 = th.add %a, %b : tensor<?xf64>, tensor<1xf64> -> tensor<3xf64>
  th.return
}

// -----

// A static size of one operand fixes the result's size.
th.func @wrong_result_shape_static(%a: tensor<?x3xf64>, %b: tensor<1x?xf64>) {
  // expected-error @+1 {{'th.mul' op result shape does not match the broadcast of the operands}}
  %0 = th.mul %a, %b : tensor<?x3xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  th.return
}

// -----

// The result is broadcastable (1) only where every operand is.
th.func @wrong_result_shape_switch(%c: tensor<1x1xi1>, %a: tensor<1x?xf32>, %b: tensor<1x1xf32>) {
  // expected-error @+1 {{'th.switch' op result shape does not match the broadcast of the operands}}
  %0 = th.switch %c, %a, %b : tensor<1x1xi1>, tensor<1x?xf32>, tensor<1x1xf32> -> tensor<1x1xf32>
  th.return
}

//===----------------------------------------------------------------------===//
// th.shared
//===----------------------------------------------------------------------===//

// -----

// expected-error @+1 {{'th.shared' op initial value has element type 'i64' but the variable is 'f64'}}
th.shared @w : tensor<?xf64> = dense<[1, 2]> : tensor<2xi64>

// -----

// expected-error @+1 {{'th.shared' op initial value has rank 2 but the variable has rank 1}}
th.shared @w : tensor<?xf64> = dense<1.0> : tensor<2x2xf64>

// -----

// A broadcastable dimension needs an initial value of size 1 there.
// expected-error @+1 {{'th.shared' op initial value has size 2 in dimension 0 where the type requires 1}}
th.shared @w : tensor<1x?xf64> = dense<1.0> : tensor<2x2xf64>

// -----

// expected-error @+1 {{'th.shared' op initial value has size 2 in dimension 1 where the type requires 3}}
th.shared @w : tensor<?x3xf32> = dense<1.0> : tensor<4x2xf32>

//===----------------------------------------------------------------------===//
// th.read / th.update
//===----------------------------------------------------------------------===//

// -----

th.func @read_unknown() {
  // expected-error @+1 {{'th.read' op 'nope' is not a shared variable}}
  %0 = th.read @nope : tensor<?xf64>
  th.return
}

// -----

th.func @update_unknown(%a: tensor<?xf64>) {
  // expected-error @+1 {{'th.update' op 'nope' is not a shared variable}}
  th.update @nope, %a : tensor<?xf64>
  th.return
}

// -----

// A symbol that is not a th.shared is no shared variable either.
th.func @g() {
  th.return
}
th.func @read_function() {
  // expected-error @+1 {{'th.read' op 'g' is not a shared variable}}
  %0 = th.read @g : tensor<?xf64>
  th.return
}

// -----

th.shared @w : tensor<?xf64> = dense<[1.0, 2.0]> : tensor<2xf64>
th.func @read_wrong_type() {
  // expected-error @+1 {{'th.read' op reads 'tensor<?xf64>' as 'tensor<2xf64>'}}
  %0 = th.read @w : tensor<2xf64>
  th.return
}

// -----

// An update must have the variable's type exactly, even where the shapes are
// compatible.
th.shared @w : tensor<?xf64> = dense<[1.0, 2.0]> : tensor<2xf64>
th.func @update_wrong_type(%a: tensor<2xf64>) {
  // expected-error @+1 {{'th.update' op an update of shared variable @w must have its type 'tensor<?xf64>', got 'tensor<2xf64>'}}
  th.update @w, %a : tensor<2xf64>
  th.return
}

// -----

th.shared @w : tensor<?xf64> = dense<[1.0, 2.0]> : tensor<2xf64>
th.func @update_wrong_element_type(%a: tensor<?xf32>) {
  // expected-error @+1 {{'th.update' op an update of shared variable @w must have its type 'tensor<?xf64>', got 'tensor<?xf32>'}}
  th.update @w, %a : tensor<?xf32>
  th.return
}

// -----

th.shared @w : tensor<?xf64> = dense<[1.0, 2.0]> : tensor<2xf64>
th.func @update_twice(%a: tensor<?xf64>, %b: tensor<?xf64>) {
  th.update @w, %a : tensor<?xf64>
  // expected-error @+1 {{'th.update' op shared variable @w is updated twice in one function}}
  th.update @w, %b : tensor<?xf64>
  th.return
}

//===----------------------------------------------------------------------===//
// th.variable, th.return
//===----------------------------------------------------------------------===//

// -----

th.func @variable_in_function() {
  // expected-error @+1 {{'th.variable' op symbolic variable 'x' must be an argument of the function that uses it}}
  %0 = th.variable "x" : tensor<?xf64>
  th.return
}

// -----

th.func @return_too_few(%a: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{'th.return' op returns 0 values but the function has 1 results}}
  th.return
}

// -----

th.func @return_too_many(%a: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{'th.return' op returns 2 values but the function has 1 results}}
  th.return %a, %a : tensor<?xf64>, tensor<?xf64>
}

// -----

th.func @return_wrong_type(%a: tensor<?xf64>, %b: tensor<?xf64>) -> (tensor<?xf64>, tensor<3xf64>) {
  // expected-error @+1 {{'th.return' op output 1 has type 'tensor<?xf64>' but the function result is 'tensor<3xf64>'}}
  th.return %a, %b : tensor<?xf64>, tensor<?xf64>
}

// -----

func.func @return_outside_th_func() {
  // expected-error @+1 {{'th.return' op expects parent op 'th.func'}}
  th.return
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// -----

th.func @axis_too_large(%a: tensor<?x?xf64>) {
  // expected-error @+1 {{'th.sum' op axis 2 is out of range for rank 2}}
  %0 = th.sum %a axes = [2] : tensor<?x?xf64> -> tensor<?x?xf64>
  th.return
}

// -----

th.func @axis_negative(%a: tensor<?x?xi32>) {
  // expected-error @+1 {{'th.max' op axis -1 is out of range for rank 2}}
  %0 = th.max %a axes = [-1] : tensor<?x?xi32> -> tensor<?x?xi32>
  th.return
}

// -----

th.func @axes_unsorted(%a: tensor<?x?xf64>) {
  // expected-error @+1 {{'th.mean' op axes must be sorted and unique}}
  %0 = th.mean %a axes = [1, 0] : tensor<?x?xf64> -> tensor<f64>
  th.return
}

// -----

th.func @axes_repeated(%a: tensor<?x?xf64>) {
  // expected-error @+1 {{'th.min' op axes must be sorted and unique}}
  %0 = th.min %a axes = [1, 1] : tensor<?x?xf64> -> tensor<?xf64>
  th.return
}

// -----

th.func @reduce_wrong_result(%a: tensor<?x3xf64>) {
  // expected-error @+2 {{'th.sum' op inferred type(s) 'tensor<3xf64>' are incompatible with return type(s) of operation 'tensor<?x3xf64>'}}
  // expected-error @+1 {{'th.sum' op failed to infer returned types}}
  %0 = th.sum %a axes = [0] : tensor<?x3xf64> -> tensor<?x3xf64>
  th.return
}

//===----------------------------------------------------------------------===//
// th.dot
//===----------------------------------------------------------------------===//

// -----

th.func @dot_rank3(%a: tensor<?x?x?xf64>, %b: tensor<?xf64>) {
  // expected-error @+2 {{dot needs vectors or matrices, got ranks 3 and 1}}
  // expected-error @+1 {{'th.dot' op failed to infer returned types}}
  %0 = th.dot %a, %b : tensor<?x?x?xf64>, tensor<?xf64> -> tensor<?x?xf64>
  th.return
}

// -----

th.func @dot_scalar(%a: tensor<f64>, %b: tensor<?xf64>) {
  // expected-error @+2 {{dot needs vectors or matrices, got ranks 0 and 1}}
  // expected-error @+1 {{'th.dot' op failed to infer returned types}}
  %0 = th.dot %a, %b : tensor<f64>, tensor<?xf64> -> tensor<?xf64>
  th.return
}

// -----

th.func @dot_contracted_mismatch(%a: tensor<?x3xf64>, %b: tensor<4x?xf64>) {
  // expected-error @+2 {{contracted sizes 3 and 4 differ}}
  // expected-error @+1 {{'th.dot' op failed to infer returned types}}
  %0 = th.dot %a, %b : tensor<?x3xf64>, tensor<4x?xf64> -> tensor<?x?xf64>
  th.return
}

// -----

th.func @dot_wrong_result(%a: tensor<?x3xf64>, %b: tensor<?xf64>) {
  // expected-error @+2 {{'th.dot' op inferred type(s) 'tensor<?xf64>' are incompatible with return type(s) of operation 'tensor<3xf64>'}}
  // expected-error @+1 {{'th.dot' op failed to infer returned types}}
  %0 = th.dot %a, %b : tensor<?x3xf64>, tensor<?xf64> -> tensor<3xf64>
  th.return
}

// -----

th.func @dot_element_types(%a: tensor<?xf64>, %b: tensor<?xf32>) {
  // expected-error @+1 {{'th.dot' op requires the same element type for all operands}}
  %0 = th.dot %a, %b : tensor<?xf64>, tensor<?xf32> -> tensor<f64>
  th.return
}

//===----------------------------------------------------------------------===//
// th.dimshuffle
//===----------------------------------------------------------------------===//

// -----

th.func @dimshuffle_drop(%a: tensor<?x1x?xf64>) {
  // expected-error @+1 {{'th.dimshuffle' op dimension 2 is dropped but is not broadcastable}}
  %0 = th.dimshuffle %a pattern = [0] : tensor<?x1x?xf64> -> tensor<?xf64>
  th.return
}

// -----

th.func @dimshuffle_repeat(%a: tensor<?x?xf64>) {
  // expected-error @+1 {{'th.dimshuffle' op dimension 1 appears twice}}
  %0 = th.dimshuffle %a pattern = [1, 1] : tensor<?x?xf64> -> tensor<?x?xf64>
  th.return
}

// -----

th.func @dimshuffle_out_of_range(%a: tensor<?x?xf64>) {
  // expected-error @+1 {{'th.dimshuffle' op dimension 2 does not exist in an input of rank 2}}
  %0 = th.dimshuffle %a pattern = [0, 2] : tensor<?x?xf64> -> tensor<?x?xf64>
  th.return
}

// -----

th.func @dimshuffle_wrong_result(%a: tensor<?x3xf64>) {
  // expected-error @+2 {{'th.dimshuffle' op inferred type(s) 'tensor<3x?xf64>' are incompatible with return type(s) of operation 'tensor<?x?xf64>'}}
  // expected-error @+1 {{'th.dimshuffle' op failed to infer returned types}}
  %0 = th.dimshuffle %a pattern = [1, 0] : tensor<?x3xf64> -> tensor<?x?xf64>
  th.return
}

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

// -----

th.func @exp_of_int(%a: tensor<?xi32>) {
  // expected-error @+1 {{'th.exp' op operand #0 must be ranked tensor of 32-bit float or 64-bit float or complex type with 32-bit float elements or complex type with 64-bit float elements values, but got 'tensor<?xi32>'}}
  %0 = th.exp %a : tensor<?xi32>
  th.return
}

// -----

th.func @invert_of_float(%a: tensor<?xf32>) {
  // expected-error @+1 {{'th.invert' op operand #0 must be ranked tensor of 1-bit signless integer or 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer or 8-bit unsigned integer or 16-bit unsigned integer or 32-bit unsigned integer or 64-bit unsigned integer values, but got 'tensor<?xf32>'}}
  %0 = th.invert %a : tensor<?xf32>
  th.return
}

// -----

th.func @true_div_of_int(%a: tensor<?xi32>, %b: tensor<?xi32>) {
  // expected-error @+1 {{'th.true_div' op operand #0 must be ranked tensor of 32-bit float or 64-bit float or complex type with 32-bit float elements or complex type with 64-bit float elements values, but got 'tensor<?xi32>'}}
  %0 = th.true_div %a, %b : tensor<?xi32>, tensor<?xi32> -> tensor<?xi32>
  th.return
}

// -----

// Subtraction has no bool form (NumPy refuses bool - bool).
th.func @sub_of_bool(%a: tensor<?xi1>, %b: tensor<?xi1>) {
  // expected-error @+1 {{'th.sub' op operand #0 must be ranked tensor of 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer or 8-bit unsigned integer or 16-bit unsigned integer or 32-bit unsigned integer or 64-bit unsigned integer or 32-bit float or 64-bit float or complex type with 32-bit float elements or complex type with 64-bit float elements values, but got 'tensor<?xi1>'}}
  %0 = th.sub %a, %b : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  th.return
}

// -----

th.func @mean_of_int(%a: tensor<?xi32>) {
  // expected-error @+1 {{'th.mean' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values, but got 'tensor<?xi32>'}}
  %0 = th.mean %a axes = [0] : tensor<?xi32> -> tensor<i32>
  th.return
}

// -----

th.func @unsupported_element_type(%a: tensor<?xf16>) {
  // expected-error @+1 {{'th.neg' op operand #0 must be ranked tensor of 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer or 8-bit unsigned integer or 16-bit unsigned integer or 32-bit unsigned integer or 64-bit unsigned integer or 32-bit float or 64-bit float or complex type with 32-bit float elements or complex type with 64-bit float elements values, but got 'tensor<?xf16>'}}
  %0 = th.neg %a : tensor<?xf16>
  th.return
}

// -----

th.func @binary_mixed_element_types(%a: tensor<?xi32>, %b: tensor<?xf32>) {
  // expected-error @+1 {{'th.add' op requires the same element type for all operands}}
  %0 = th.add %a, %b : tensor<?xi32>, tensor<?xf32> -> tensor<?xf32>
  th.return
}

// -----

th.func @binary_result_element_type(%a: tensor<?xf64>, %b: tensor<?xf64>) {
  // expected-error @+1 {{'th.add' op requires the same element type for all operands and results}}
  %0 = th.add %a, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xf32>
  th.return
}

// -----

th.func @compare_result_not_bool(%a: tensor<?xf64>, %b: tensor<?xf64>) {
  // expected-error @+1 {{'th.lt' op result #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<?xf64>'}}
  %0 = th.lt %a, %b : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return
}

//===----------------------------------------------------------------------===//
// th.switch
//===----------------------------------------------------------------------===//

// -----

th.func @switch_branch_types(%c: tensor<?xi1>, %a: tensor<?xf64>, %b: tensor<?xf32>) {
  // expected-error @+1 {{'th.switch' op branches and result must have one element type}}
  %0 = th.switch %c, %a, %b : tensor<?xi1>, tensor<?xf64>, tensor<?xf32> -> tensor<?xf32>
  th.return
}

// -----

th.func @switch_result_type(%c: tensor<?xi1>, %a: tensor<?xi64>, %b: tensor<?xi64>) {
  // expected-error @+1 {{'th.switch' op branches and result must have one element type}}
  %0 = th.switch %c, %a, %b : tensor<?xi1>, tensor<?xi64>, tensor<?xi64> -> tensor<?xi32>
  th.return
}

// -----

th.func @switch_condition_not_bool(%c: tensor<?xi8>, %a: tensor<?xf64>, %b: tensor<?xf64>) {
  // expected-error @+1 {{'th.switch' op operand #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<?xi8>'}}
  %0 = th.switch %c, %a, %b : tensor<?xi8>, tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  th.return
}

//===----------------------------------------------------------------------===//
// th.cast, th.constant
//===----------------------------------------------------------------------===//

// -----

th.func @cast_rank(%a: tensor<?xi32>) {
  // expected-error @+1 {{'th.cast' op changes the shape from 'tensor<?xi32>' to 'tensor<?x1xf32>'; a cast only changes the element type}}
  %0 = th.cast %a : tensor<?xi32> -> tensor<?x1xf32>
  th.return
}

// -----

th.func @constant_type() {
  // expected-error @+1 {{'th.constant' op failed to verify that all of {value, result} have same type}}
  %0 = "th.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<2xf64>
  th.return
}

// -----

// A cast keeps the exact shape: the lowering sizes its result from the input.
func.func @cast_static_to_dynamic(%a: tensor<1xi32>) -> tensor<?xf32> {
  // expected-error @+1 {{'th.cast' op changes the shape from 'tensor<1xi32>' to 'tensor<?xf32>'; a cast only changes the element type}}
  %0 = th.cast %a : tensor<1xi32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// A rebroadcast only turns 1 and ? into each other.
func.func @rebroadcast_static(%a: tensor<3xf64>) -> tensor<1xf64> {
  // expected-error @+1 {{'th.rebroadcast' op changes 'tensor<3xf64>' to 'tensor<1xf64>'; only broadcastable dimensions (1) and dimensions known at run time (?) may turn into each other}}
  %0 = th.rebroadcast %a : tensor<3xf64> -> tensor<1xf64>
  return %0 : tensor<1xf64>
}

// -----

func.func @rebroadcast_dtype(%a: tensor<?xf64>) -> tensor<1xf32> {
  // expected-error @+1 {{'th.rebroadcast' op changes 'tensor<?xf64>' to 'tensor<1xf32>'}}
  %0 = th.rebroadcast %a : tensor<?xf64> -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @argsort_scalar(%a: tensor<f64>) -> tensor<i64> {
  // expected-error @+1 {{'th.argsort' op needs a tensor of rank 1 or more to sort rows of}}
  %0 = th.argsort %a : tensor<f64> -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

func.func @argsort_shape(%a: tensor<3xf64>) -> tensor<4xi64> {
  // expected-error @+1 {{'th.argsort' op result shape 'tensor<4xi64>' differs from the input's 'tensor<3xf64>'}}
  %0 = th.argsort %a : tensor<3xf64> -> tensor<4xi64>
  return %0 : tensor<4xi64>
}
