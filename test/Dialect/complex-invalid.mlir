// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

th.func @part_of_real(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{'th.real' op operand #0 must be ranked tensor of complex type with 32-bit float elements or complex type with 64-bit float elements values}}
  %0 = th.real %x : tensor<?xf64> -> tensor<?xf64>
  th.return %0 : tensor<?xf64>
}

// -----

th.func @wrong_part_width(%z: tensor<?xcomplex<f32>>) -> tensor<?xf64> {
  // expected-error @+2 {{'th.imag' op inferred type(s) 'tensor<?xf32>' are incompatible with return type(s) of operation 'tensor<?xf64>'}}
  // expected-error @+1 {{'th.imag' op failed to infer returned types}}
  %0 = th.imag %z : tensor<?xcomplex<f32>> -> tensor<?xf64>
  th.return %0 : tensor<?xf64>
}

// -----

th.func @mixed_parts(%a: tensor<?xf32>, %b: tensor<?xf64>) -> tensor<?xcomplex<f64>> {
  // expected-error @+1 {{'th.complex' op requires the same element type for all operands}}
  %0 = th.complex %a, %b : tensor<?xf32>, tensor<?xf64> -> tensor<?xcomplex<f64>>
  th.return %0 : tensor<?xcomplex<f64>>
}

// -----

th.func @complex_sqrt(%z: tensor<?xcomplex<f64>>) -> tensor<?xcomplex<f64>> {
  // expected-error @+1 {{'th.sqrt' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values}}
  %0 = th.sqrt %z : tensor<?xcomplex<f64>>
  th.return %0 : tensor<?xcomplex<f64>>
}
