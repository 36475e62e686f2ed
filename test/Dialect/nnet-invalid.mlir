// RUN: %tcc-opt %s -split-input-file -verify-diagnostics

// The verifiers of th.conv2d, th.pool2d and their gradient ops: the shared
// geometry rules (ThNNetOps.cpp) and the result and gradient types they
// infer.

//===----------------------------------------------------------------------===//
// th.conv2d
//===----------------------------------------------------------------------===//

th.func @conv_input_rank(%x: tensor<2x3x9xf64>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+1 {{'th.conv2d' op the input must have rank 4 (batch, channels, rows, columns), got rank 3}}
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x7x7xf64>
  th.return
}

// -----

th.func @conv_filters_rank(%x: tensor<2x3x9x8xf64>, %w: tensor<3x3xf64>) {
  // expected-error @+1 {{'th.conv2d' op the filters must have rank 4 (output channels, input channels, rows, columns), got rank 2}}
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<3x3xf64> -> tensor<2x4x7x7xf64>
  th.return
}

// -----

// th.conv2d's own element type rule (SameOperandsAndResultElementType)
// speaks first; the gradient ops' verifier has its own message below.
th.func @conv_element_types(%x: tensor<2x3x9x8xf32>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+1 {{'th.conv2d' op requires the same element type for all operands and results}}
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf32>, tensor<4x3x3x2xf64> -> tensor<2x4x7x7xf32>
  th.return
}

// -----

th.func @conv_int_input(%x: tensor<2x3x9x8xi32>, %w: tensor<4x3x3x2xi32>) {
  // expected-error @+1 {{'th.conv2d' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values}}
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xi32>, tensor<4x3x3x2xi32> -> tensor<2x4x7x7xi32>
  th.return
}

// -----

th.func @conv_channels(%x: tensor<2x3x9x8xf64>, %w: tensor<4x2x3x2xf64>) {
  // expected-error @+1 {{'th.conv2d' op the input has 3 channels but the filters take 2}}
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x2x3x2xf64> -> tensor<2x4x7x7xf64>
  th.return
}

// -----

th.func @conv_negative_padding(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+1 {{'th.conv2d' op padding must be >= 0, got (-1, 0)}}
  %0 = th.conv2d %x, %w padding = [-1, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x5x7xf64>
  th.return
}

// -----

th.func @conv_padding_count(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+1 {{'th.conv2d' op padding needs 2 values (rows, columns), got 3}}
  %0 = th.conv2d %x, %w padding = [0, 0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x7x7xf64>
  th.return
}

// -----

th.func @conv_zero_stride(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+1 {{'th.conv2d' op strides must be >= 1, got (1, 0)}}
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 0] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x7x7xf64>
  th.return
}

// -----

th.func @conv_zero_dilation(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+1 {{'th.conv2d' op dilations must be >= 1, got (0, 1)}}
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [0, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x7x7xf64>
  th.return
}

// -----

// Three rows dilated by 2 span 5, more than the 4 rows of the input.
th.func @conv_filters_too_tall(%x: tensor<2x3x4x8xf64>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+1 {{'th.conv2d' op the filters span 5 rows (dilation 2) but the input has only 4 with padding 0}}
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [2, 1] : tensor<2x3x4x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x?x7xf64>
  th.return
}

// -----

// Columns: 2 columns dilated by 3 span 4; 1 + 2 * 1 padded columns are
// fewer.
th.func @conv_filters_too_wide(%x: tensor<2x3x9x1xf64>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+1 {{'th.conv2d' op the filters span 4 columns (dilation 3) but the input has only 3 with padding 1}}
  %0 = th.conv2d %x, %w padding = [0, 1] strides = [1, 1] dilations = [1, 3] : tensor<2x3x9x1xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x7x?xf64>
  th.return
}

// -----

// A static size that disagrees with the inferred type: the op's verifier.
th.func @conv_wrong_channels(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+1 {{'th.conv2d' op result type 'tensor<2x5x7x7xf64>' does not match the inferred 'tensor<2x4x7x7xf64>'}}
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x5x7x7xf64>
  th.return
}

// -----

// A dynamic size where the inferred one is static: InferTypeOpInterface.
th.func @conv_less_static(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+2 {{'th.conv2d' op inferred type(s) 'tensor<2x4x7x7xf64>' are incompatible with return type(s) of operation 'tensor<2x4x?x7xf64>'}}
  // expected-error @+1 {{'th.conv2d' op failed to infer returned types}}
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x?x7xf64>
  th.return
}

// -----

// A computed spatial size of 1 stays dynamic (it would be broadcastable).
th.func @conv_size_one_stays_dynamic(%x: tensor<2x3x3x8xf64>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+2 {{'th.conv2d' op inferred type(s) 'tensor<2x4x?x7xf64>' are incompatible with return type(s) of operation 'tensor<2x4x1x7xf64>'}}
  // expected-error @+1 {{'th.conv2d' op failed to infer returned types}}
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x3x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x1x7xf64>
  th.return
}

//===----------------------------------------------------------------------===//
// th.conv2d_grad_input / th.conv2d_grad_filters
//===----------------------------------------------------------------------===//

// -----

th.func @grad_input_element_types(%x: tensor<2x3x9x8xf32>, %w: tensor<4x3x3x2xf64>, %g: tensor<2x4x7x7xf32>) {
  // expected-error @+1 {{'th.conv2d_grad_input' op the input and the filters must have one element type}}
  %0 = th.conv2d_grad_input %x, %w, %g padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf32>, tensor<4x3x3x2xf64>, tensor<2x4x7x7xf32>
  th.return
}

// -----

th.func @grad_input_wrong_grad(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>, %g: tensor<2x4x7x6xf64>) {
  // expected-error @+1 {{'th.conv2d_grad_input' op grad type 'tensor<2x4x7x6xf64>' does not match the inferred 'tensor<2x4x7x7xf64>'}}
  %0 = th.conv2d_grad_input %x, %w, %g padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x4x7x6xf64>
  th.return
}

// -----

th.func @grad_input_grad_element_type(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>, %g: tensor<2x4x7x7xf32>) {
  // expected-error @+1 {{'th.conv2d_grad_input' op grad type 'tensor<2x4x7x7xf32>' does not match the inferred 'tensor<2x4x7x7xf64>'}}
  %0 = th.conv2d_grad_input %x, %w, %g padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x4x7x7xf32>
  th.return
}

// -----

// The result has the input's type (in the generic form it can be written).
th.func @grad_input_wrong_result(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>, %g: tensor<2x4x7x7xf64>) {
  // expected-error @+1 {{'th.conv2d_grad_input' op failed to verify that all of {input, result} have same type}}
  %0 = "th.conv2d_grad_input"(%x, %w, %g) <{dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, strides = array<i64: 1, 1>}> : (tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x4x7x7xf64>) -> tensor<2x3x9x9xf64>
  th.return
}

// -----

th.func @grad_filters_wrong_result(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>, %g: tensor<2x4x7x7xf64>) {
  // expected-error @+1 {{'th.conv2d_grad_filters' op failed to verify that all of {filters, result} have same type}}
  %0 = "th.conv2d_grad_filters"(%x, %w, %g) <{dilations = array<i64: 1, 1>, padding = array<i64: 0, 0>, strides = array<i64: 1, 1>}> : (tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x4x7x7xf64>) -> tensor<2x3x9x8xf64>
  th.return
}

// -----

th.func @grad_filters_wrong_grad(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>, %g: tensor<2x3x7x7xf64>) {
  // expected-error @+1 {{'th.conv2d_grad_filters' op grad type 'tensor<2x3x7x7xf64>' does not match the inferred 'tensor<2x4x7x7xf64>'}}
  %0 = th.conv2d_grad_filters %x, %w, %g padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64>, tensor<2x3x7x7xf64>
  th.return
}

// -----

// The gradient ops check the convolution's geometry too.
th.func @grad_filters_channels(%x: tensor<2x3x9x8xf64>, %w: tensor<4x5x3x2xf64>, %g: tensor<2x4x7x7xf64>) {
  // expected-error @+1 {{'th.conv2d_grad_filters' op the input has 3 channels but the filters take 5}}
  %0 = th.conv2d_grad_filters %x, %w, %g padding = [0, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9x8xf64>, tensor<4x5x3x2xf64>, tensor<2x4x7x7xf64>
  th.return
}

// -----

th.func @grad_filters_zero_stride(%x: tensor<?x?x?x?xf32>, %w: tensor<?x?x?x?xf32>, %g: tensor<?x?x?x?xf32>) {
  // expected-error @+1 {{'th.conv2d_grad_filters' op strides must be >= 1, got (0, 0)}}
  %0 = th.conv2d_grad_filters %x, %w, %g padding = [0, 0] strides = [0, 0] dilations = [1, 1] : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
  th.return
}

//===----------------------------------------------------------------------===//
// th.pool2d
//===----------------------------------------------------------------------===//

// -----

th.func @pool_input_rank(%x: tensor<3x9x8xf64>) {
  // expected-error @+1 {{'th.pool2d' op the input must have rank 4 (batch, channels, rows, columns), got rank 3}}
  %0 = th.pool2d %x max window = [2, 2] strides = [2, 2] padding = [0, 0] : tensor<3x9x8xf64> -> tensor<3x5x4xf64>
  th.return
}

// -----

th.func @pool_bad_mode(%x: tensor<2x3x9x8xf64>) {
  // expected-error @+1 {{custom op 'th.pool2d' expected string or keyword containing one of the following enum values for attribute 'mode' [max, sum]}}
  %0 = th.pool2d %x avg window = [2, 2] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf64> -> tensor<2x3x5x4xf64>
  th.return
}

// -----

th.func @pool_zero_window(%x: tensor<2x3x9x8xf64>) {
  // expected-error @+1 {{'th.pool2d' op the window must be >= 1, got (0, 2)}}
  %0 = th.pool2d %x max window = [0, 2] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf64> -> tensor<2x3x5x4xf64>
  th.return
}

// -----

th.func @pool_window_count(%x: tensor<2x3x9x8xf64>) {
  // expected-error @+1 {{'th.pool2d' op the window needs 2 values (rows, columns), got 1}}
  %0 = th.pool2d %x max window = [2] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf64> -> tensor<2x3x5x4xf64>
  th.return
}

// -----

th.func @pool_zero_stride(%x: tensor<2x3x9x8xf64>) {
  // expected-error @+1 {{'th.pool2d' op strides must be >= 1, got (2, 0)}}
  %0 = th.pool2d %x sum window = [2, 2] strides = [2, 0] padding = [0, 0] : tensor<2x3x9x8xf64> -> tensor<2x3x5x4xf64>
  th.return
}

// -----

th.func @pool_negative_padding(%x: tensor<2x3x9x8xf64>) {
  // expected-error @+1 {{'th.pool2d' op padding must be >= 0, got (0, -1)}}
  %0 = th.pool2d %x max window = [2, 2] strides = [2, 2] padding = [0, -1] ignore_border : tensor<2x3x9x8xf64> -> tensor<2x3x4x3xf64>
  th.return
}

// -----

th.func @pool_padding_not_below_window(%x: tensor<2x3x9x8xf64>) {
  // expected-error @+1 {{'th.pool2d' op padding (0, 2) must be smaller than the window (2, 2)}}
  %0 = th.pool2d %x max window = [2, 2] strides = [2, 2] padding = [0, 2] ignore_border : tensor<2x3x9x8xf64> -> tensor<2x3x4x6xf64>
  th.return
}

// -----

th.func @pool_padding_without_ignore_border(%x: tensor<2x3x9x8xf64>) {
  // expected-error @+1 {{'th.pool2d' op padding works only with ignore_border=True}}
  %0 = th.pool2d %x sum window = [3, 3] strides = [1, 1] padding = [1, 1] : tensor<2x3x9x8xf64> -> tensor<2x3x9x8xf64>
  th.return
}

// -----

// With ignore_border a window that does not fit in the padded image gives
// no rows (or columns), as Theano's Pool.out_shape.
th.func @pool_window_too_tall(%x: tensor<2x3x2x8xf64>) {
  // expected-error @+1 {{'th.pool2d' op result type 'tensor<2x3x1x7xf64>' does not match the inferred 'tensor<2x3x0x7xf64>'}}
  %0 = th.pool2d %x max window = [4, 2] strides = [1, 1] padding = [0, 0] ignore_border : tensor<2x3x2x8xf64> -> tensor<2x3x1x7xf64>
  th.return
}

// -----

th.func @pool_window_too_wide(%x: tensor<2x3x9x1xf64>) {
  // expected-error @+1 {{'th.pool2d' op result type 'tensor<2x3x8x1xf64>' does not match the inferred 'tensor<2x3x8x0xf64>'}}
  %0 = th.pool2d %x max window = [2, 4] strides = [1, 1] padding = [0, 1] ignore_border : tensor<2x3x9x1xf64> -> tensor<2x3x8x1xf64>
  th.return
}

// -----

th.func @pool_wrong_result(%x: tensor<2x3x9x8xf64>) {
  // expected-error @+1 {{'th.pool2d' op result type 'tensor<2x3x4x4xf64>' does not match the inferred 'tensor<2x3x5x4xf64>'}}
  %0 = th.pool2d %x max window = [2, 2] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf64> -> tensor<2x3x4x4xf64>
  th.return
}

// -----

// The same pooling with ignore_border drops the last, partial row window.
th.func @pool_ignore_border_result(%x: tensor<2x3x9x8xf64>) {
  // expected-error @+1 {{'th.pool2d' op result type 'tensor<2x3x5x4xf64>' does not match the inferred 'tensor<2x3x4x4xf64>'}}
  %0 = th.pool2d %x max window = [2, 2] strides = [2, 2] padding = [0, 0] ignore_border : tensor<2x3x9x8xf64> -> tensor<2x3x5x4xf64>
  th.return
}

// -----

// One window (3 rows, 3 of them covered) is a dynamic size, not 1.
th.func @pool_size_one_stays_dynamic(%x: tensor<2x3x3x8xf64>) {
  // expected-error @+2 {{'th.pool2d' op inferred type(s) 'tensor<2x3x?x4xf64>' are incompatible with return type(s) of operation 'tensor<2x3x1x4xf64>'}}
  // expected-error @+1 {{'th.pool2d' op failed to infer returned types}}
  %0 = th.pool2d %x max window = [3, 2] strides = [3, 2] padding = [0, 0] : tensor<2x3x3x8xf64> -> tensor<2x3x1x4xf64>
  th.return
}

//===----------------------------------------------------------------------===//
// th.pool2d_grad
//===----------------------------------------------------------------------===//

// -----

th.func @pool_grad_wrong_output(%x: tensor<2x3x9x8xf64>, %y: tensor<2x3x4x4xf64>, %g: tensor<2x3x5x4xf64>) {
  // expected-error @+1 {{'th.pool2d_grad' op output type 'tensor<2x3x4x4xf64>' does not match the inferred 'tensor<2x3x5x4xf64>'}}
  %0 = th.pool2d_grad %x, %y, %g max window = [2, 2] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf64>, tensor<2x3x4x4xf64>, tensor<2x3x5x4xf64>
  th.return
}

// -----

th.func @pool_grad_wrong_grad(%x: tensor<2x3x9x8xf64>, %y: tensor<2x3x5x4xf64>, %g: tensor<2x3x5x4xf32>) {
  // expected-error @+1 {{'th.pool2d_grad' op grad type 'tensor<2x3x5x4xf32>' does not match the inferred 'tensor<2x3x5x4xf64>'}}
  %0 = th.pool2d_grad %x, %y, %g sum window = [2, 2] strides = [2, 2] padding = [0, 0] : tensor<2x3x9x8xf64>, tensor<2x3x5x4xf64>, tensor<2x3x5x4xf32>
  th.return
}

// -----

th.func @pool_grad_padding_without_ignore_border(%x: tensor<?x?x?x?xf64>, %y: tensor<?x?x?x?xf64>, %g: tensor<?x?x?x?xf64>) {
  // expected-error @+1 {{'th.pool2d_grad' op padding works only with ignore_border=True}}
  %0 = th.pool2d_grad %x, %y, %g max window = [2, 2] strides = [2, 2] padding = [1, 0] : tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>, tensor<?x?x?x?xf64>
  th.return
}

// -----

th.func @pool_grad_wrong_result(%x: tensor<2x3x9x8xf64>, %y: tensor<2x3x5x4xf64>, %g: tensor<2x3x5x4xf64>) {
  // expected-error @+1 {{'th.pool2d_grad' op failed to verify that all of {input, result} have same type}}
  %0 = "th.pool2d_grad"(%x, %y, %g) <{mode = 0 : i32, padding = array<i64: 0, 0>, strides = array<i64: 2, 2>, window = array<i64: 2, 2>}> : (tensor<2x3x9x8xf64>, tensor<2x3x5x4xf64>, tensor<2x3x5x4xf64>) -> tensor<2x3x5x4xf64>
  th.return
}

// -----

// Paddings, strides, dilations and windows are Theano's C ints: bounded,
// the size rules cannot overflow.
th.func @conv_huge_dilation(%x: tensor<2x3x9x8xf64>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+1 {{'th.conv2d' op dilations must be <= 2147483647, got (4611686018427387904, 1)}}
  %0 = th.conv2d %x, %w padding = [0, 0] strides = [1, 1] dilations = [4611686018427387904, 1] : tensor<2x3x9x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x?x7xf64>
  th.return
}

// -----

th.func @pool_huge_padding(%x: tensor<2x3x9x8xf64>) {
  // expected-error @+1 {{'th.pool2d' op padding must be <= 2147483647, got (0, 2147483648)}}
  %0 = th.pool2d %x max window = [2, 2] strides = [2, 2] padding = [0, 2147483648] ignore_border : tensor<2x3x9x8xf64> -> tensor<2x3x?x?xf64>
  th.return
}

// -----

// A padded size past 64 bits.
th.func @conv_padded_overflow(%x: tensor<2x3x9223372036854775807x8xf64>, %w: tensor<4x3x3x2xf64>) {
  // expected-error @+1 {{'th.conv2d' op 9223372036854775807 rows with padding 1 on each side do not fit in 64 bits}}
  %0 = th.conv2d %x, %w padding = [1, 0] strides = [1, 1] dilations = [1, 1] : tensor<2x3x9223372036854775807x8xf64>, tensor<4x3x3x2xf64> -> tensor<2x4x?x7xf64>
  th.return
}
