//===- ThNNetOps.td - Convolution and pooling ops ----------*- tablegen -*-===//
//
// Theano's AbstractConv2d and Pool with their gradient ops, in Theano's NCHW
// layout (images: batch, channels, rows, columns; filters: output channels,
// input channels, rows, columns). The front end flips the filters (Theano's
// filter_flip) and builds the average pooling modes from sums; these ops are
// what is left: a cross-correlation and a max or sum over windows.
//
//===----------------------------------------------------------------------===//

#ifndef TH_NNET_OPS
#define TH_NNET_OPS

include "Th/IR/ThEnums.td"

// The geometry every op here shares: zero `padding` added before and after
// each spatial dimension, `strides` between windows, `dilations` between the
// taps of a filter.
class Th_Conv2dGeometry {
  dag geometry = (ins DenseI64ArrayAttr:$padding, DenseI64ArrayAttr:$strides,
                      DenseI64ArrayAttr:$dilations);
  string geometryFormat = [{
    `padding` `=` $padding `strides` `=` $strides `dilations` `=` $dilations
  }];
}

def Th_Conv2dOp : Th_Op<"conv2d", [Pure, SameOperandsAndResultElementType,
    DeclareOpInterfaceMethods<InferTypeOpInterface>, Th_Differentiable]>,
    Th_Conv2dGeometry {
  let summary = "2-D cross-correlation of NCHW images with FCHW filters";
  let description = [{
    result[n, f, y, x] = sum over c, i, j of
      padded[n, c, y * strides[0] + i * dilations[0],
                   x * strides[1] + j * dilations[1]] * filters[f, c, i, j]
    where `padded` is `input` with `padding` zeros on both sides of rows and
    columns. The output has (H + 2 p - ((K - 1) d + 1)) // s + 1 rows (and
    so for columns); the input channels of `input` and `filters` agree.
  }];
  let arguments = !con((ins Th_FloatTensor:$input, Th_FloatTensor:$filters),
                       geometry);
  let results = (outs Th_FloatTensor:$result);
  let assemblyFormat = "$input `,` $filters " # geometryFormat #
      " attr-dict `:` type($input) `,` type($filters) `->` type($result)";
  let hasVerifier = 1;
}

// The gradients of th.conv2d's result (`grad`, of its type) with respect to
// its input and its filters. Both take the input and the filters of the
// convolution: the result has the type of one of them, and the sizes the
// floor division in the output size lost come from it.
class Th_Conv2dGradOp<string mnemonic, string wrt>
    : Th_Op<mnemonic, [Pure, AllTypesMatch<[wrt, "result"]>]>,
      Th_Conv2dGeometry {
  let summary = "the gradient of th.conv2d with respect to its " # wrt;
  let arguments = !con((ins Th_FloatTensor:$input, Th_FloatTensor:$filters,
                            Th_FloatTensor:$grad), geometry);
  let results = (outs Th_FloatTensor:$result);
  let assemblyFormat = "$input `,` $filters `,` $grad " # geometryFormat #
      " attr-dict `:` type($input) `,` type($filters) `,` type($grad)";
  let hasVerifier = 1;
}
def Th_Conv2dGradInputOp : Th_Conv2dGradOp<"conv2d_grad_input", "input">;
def Th_Conv2dGradFiltersOp
    : Th_Conv2dGradOp<"conv2d_grad_filters", "filters">;

// The geometry of a pooling window: `window` rows and columns, `strides`
// between windows, `padding` on both sides (outside the image for max,
// zeros for sum). With `ignore_border` false (Theano's default), windows
// that reach past the last row or column still count, clipped.
class Th_Pool2dGeometry {
  dag geometry = (ins DenseI64ArrayAttr:$window, DenseI64ArrayAttr:$strides,
                      DenseI64ArrayAttr:$padding, UnitAttr:$ignore_border,
                      Th_PoolMode:$mode);
  string geometryFormat = [{
    $mode `window` `=` $window `strides` `=` $strides `padding` `=` $padding
    (`ignore_border` $ignore_border^)?
  }];
}

def Th_Pool2dOp : Th_Op<"pool2d", [Pure, SameOperandsAndResultElementType,
    DeclareOpInterfaceMethods<InferTypeOpInterface>, Th_Differentiable]>,
    Th_Pool2dGeometry {
  let summary = "Theano's Pool (max or sum) over the last two dimensions";
  let description = [{
    With ignore_border the output has (H + 2 p - w) // s + 1 rows; without
    it (then padding is 0) it has (H - 1) // s + 1 when s >= w, else
    max(0, (H - 1 - w + s) // s) + 1. A window's value is the max or the sum
    of the elements of the image it covers.
  }];
  let arguments = !con((ins Th_FloatTensor:$input), geometry);
  let results = (outs Th_FloatTensor:$result);
  let assemblyFormat = "$input " # geometryFormat #
      " attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Th_Pool2dGradOp : Th_Op<"pool2d_grad", [Pure,
    AllTypesMatch<["input", "result"]>]>, Th_Pool2dGeometry {
  let summary = "the gradient of th.pool2d with respect to its input";
  let description = [{
    `output` is the pooling's result and `grad` its gradient. Each input
    element gets the sum of `grad` over the windows that cover it; for max,
    only over the windows whose maximum it equals (Theano's MaxPoolGrad:
    ties all get it).
  }];
  let arguments = !con((ins Th_FloatTensor:$input, Th_FloatTensor:$output,
                            Th_FloatTensor:$grad), geometry);
  let results = (outs Th_FloatTensor:$result);
  let assemblyFormat = "$input `,` $output `,` $grad " # geometryFormat #
      " attr-dict `:` type($input) `,` type($output) `,` type($grad)";
  let hasVerifier = 1;
}

#endif // TH_NNET_OPS
