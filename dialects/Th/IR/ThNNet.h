//===- ThNNet.h - Size rules of the convolution and pooling ops -*- C++ -*-===//
//
// Theano's output-size rules for convolution and pooling, shared by the
// ops' type inference, the front end's diagnostics, the manifest's shape
// checks and the lowering, so that they cannot disagree.
//
//===----------------------------------------------------------------------===//

#ifndef TH_IR_THNNET_H
#define TH_IR_THNNET_H

#include "mlir/IR/BuiltinTypes.h"

#include <cstdint>
#include <optional>
#include <string>

namespace mlir::th {

/// The largest padding, stride, dilation or pooling window: Theano's C
/// implementations (and cuDNN) take them as ints. Bounded so, the size
/// rules below cannot overflow.
constexpr int64_t kMaxWindowParameter = INT32_MAX;

/// The rows a kernel of `kernel` taps spans with `dilation`:
/// (kernel - 1) * dilation + 1, saturated at INT64_MAX.
int64_t dilatedSize(int64_t kernel, int64_t dilation);

/// Theano's convolution output size along one axis:
/// (size + 2 padding - dilatedSize) // stride + 1, or nothing when the
/// dilated kernel does not fit in the padded size.
std::optional<int64_t> convOutputSize(int64_t size, int64_t kernel,
                                      int64_t padding, int64_t stride,
                                      int64_t dilation);

/// Theano's pooling output size along one axis (Pool.out_shape): with
/// ignore_border, max(0, (size + 2 padding - window) // stride + 1) (no
/// rows when the window does not fit); without, (size - 1) // stride + 1
/// when stride >= window, else
/// max(0, (size - 1 - window + stride) // stride) + 1.
int64_t poolOutputSize(int64_t size, int64_t window, int64_t stride,
                       int64_t padding, bool ignoreBorder);

/// The result type of th.conv2d, or failure with a message in `why`.
FailureOr<RankedTensorType>
inferConv2dResultType(RankedTensorType input, RankedTensorType filters,
                      ArrayRef<int64_t> padding, ArrayRef<int64_t> strides,
                      ArrayRef<int64_t> dilations, std::string *why = nullptr);

/// The result type of th.pool2d, or failure with a message in `why`.
FailureOr<RankedTensorType>
inferPool2dResultType(RankedTensorType input, ArrayRef<int64_t> window,
                      ArrayRef<int64_t> strides, ArrayRef<int64_t> padding,
                      bool ignoreBorder, std::string *why = nullptr);

} // namespace mlir::th

#endif // TH_IR_THNNET_H
