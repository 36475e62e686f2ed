//===- ThNNetOps.cpp - th.conv2d, th.pool2d and their gradients -----------===//
//
// Type rules, verifiers and vector-Jacobian products of the convolution and
// pooling ops (ThNNetOps.td). The gradient ops compute exactly the
// gradient of their forward op; they have none themselves.
//
//===----------------------------------------------------------------------===//

#include "Th/IR/ThOps.h"

#include "PythonIntegers.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::th;

#include "Th/IR/ThEnums.cpp.inc"

static LogicalResult fail(std::string *why, const llvm::Twine &message) {
  if (why)
    *why = message.str();
  return failure();
}

int64_t mlir::th::dilatedSize(int64_t kernel, int64_t dilation) {
  // 128 bits: a static kernel size times a dilation can pass 64 bits.
  __int128 span = static_cast<__int128>(kernel - 1) * dilation + 1;
  return span > INT64_MAX ? INT64_MAX : static_cast<int64_t>(span);
}

std::optional<int64_t> mlir::th::convOutputSize(int64_t size, int64_t kernel,
                                                int64_t padding, int64_t stride,
                                                int64_t dilation) {
  __int128 span =
      static_cast<__int128>(size) + 2 * padding - dilatedSize(kernel, dilation);
  if (span < 0 || span / stride + 1 > INT64_MAX)
    return std::nullopt;
  return static_cast<int64_t>(span / stride + 1);
}

/// `size + 2 * padding` fits in 64 bits, so the size rules above and the
/// kernels' index arithmetic stay within int64.
static LogicalResult checkPaddedSize(int64_t size, int64_t padding, int d,
                                     std::string *why) {
  if (static_cast<__int128>(size) + 2 * padding <= INT64_MAX)
    return success();
  return fail(why, llvm::formatv("{0} {1} with padding {2} on each side do "
                                 "not fit in 64 bits",
                                 size, d ? "columns" : "rows", padding));
}

int64_t mlir::th::poolOutputSize(int64_t size, int64_t window, int64_t stride,
                                 int64_t padding, bool ignoreBorder) {
  // A window that does not fit gives no rows, as Theano's max(0, ...).
  if (ignoreBorder)
    return std::max<int64_t>(
        0, *tcc::python::floorDivide(size + 2 * padding - window, stride) + 1);
  if (stride >= window)
    return *tcc::python::floorDivide(size - 1, stride) + 1;
  return std::max<int64_t>(
             0, *tcc::python::floorDivide(size - 1 - window + stride, stride)) +
         1;
}

/// Two pairs of positive (or, for padding, non-negative) integers.
static LogicalResult checkPairs(ArrayRef<int64_t> values, llvm::StringRef name,
                                int64_t min, std::string *why) {
  if (values.size() != 2)
    return fail(why, llvm::formatv("{0} needs 2 values (rows, columns), got "
                                   "{1}",
                                   name, values.size()));
  for (int64_t v : values)
    if (v < min)
      return fail(why, llvm::formatv("{0} must be >= {1}, got ({2}, {3})", name,
                                     min, values[0], values[1]));
  for (int64_t v : values)
    if (v > kMaxWindowParameter)
      return fail(why,
                  llvm::formatv("{0} must be <= {1}, got ({2}, {3})", name,
                                kMaxWindowParameter, values[0], values[1]));
  return success();
}

/// A spatial size of a result: static where the rule gives one, except 1,
/// which would make the dimension broadcastable (Theano's results of conv
/// and pool never are there).
static int64_t spatialDim(std::optional<int64_t> size) {
  return size && *size != 1 ? *size : ShapedType::kDynamic;
}

FailureOr<RankedTensorType> mlir::th::inferConv2dResultType(
    RankedTensorType input, RankedTensorType filters, ArrayRef<int64_t> padding,
    ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations, std::string *why) {
  if (input.getRank() != 4)
    return fail(why, llvm::formatv("the input must have rank 4 (batch, "
                                   "channels, rows, columns), got rank {0}",
                                   input.getRank()));
  if (filters.getRank() != 4)
    return fail(why, llvm::formatv("the filters must have rank 4 (output "
                                   "channels, input channels, rows, "
                                   "columns), got rank {0}",
                                   filters.getRank()));
  if (input.getElementType() != filters.getElementType())
    return fail(why, "the input and the filters must have one element type");
  if (failed(checkPairs(padding, "padding", 0, why)) ||
      failed(checkPairs(strides, "strides", 1, why)) ||
      failed(checkPairs(dilations, "dilations", 1, why)))
    return failure();
  int64_t channels = input.getDimSize(1),
          filterChannels = filters.getDimSize(1);
  if (!ShapedType::isDynamic(channels) &&
      !ShapedType::isDynamic(filterChannels) && channels != filterChannels)
    return fail(why, llvm::formatv("the input has {0} channels but the "
                                   "filters take {1}",
                                   channels, filterChannels));
  SmallVector<int64_t, 4> shape = {input.getDimSize(0), filters.getDimSize(0)};
  for (int d = 0; d < 2; ++d) {
    int64_t size = input.getDimSize(2 + d), kernel = filters.getDimSize(2 + d);
    std::optional<int64_t> out;
    if (!ShapedType::isDynamic(size) &&
        failed(checkPaddedSize(size, padding[d], d, why)))
      return failure();
    if (!ShapedType::isDynamic(size) && !ShapedType::isDynamic(kernel)) {
      out = convOutputSize(size, kernel, padding[d], strides[d], dilations[d]);
      int64_t span = dilatedSize(kernel, dilations[d]);
      if (!out)
        return fail(why,
                    llvm::formatv("the filters span {0} {1} (dilation {2}) "
                                  "but the input has only {3} with padding "
                                  "{4}",
                                  span == INT64_MAX ? "more than 2**63 - 1"
                                                    : std::to_string(span),
                                  d ? "columns" : "rows", dilations[d],
                                  size + 2 * padding[d], padding[d]));
    }
    shape.push_back(spatialDim(out));
  }
  return RankedTensorType::get(shape, input.getElementType());
}

FailureOr<RankedTensorType> mlir::th::inferPool2dResultType(
    RankedTensorType input, ArrayRef<int64_t> window, ArrayRef<int64_t> strides,
    ArrayRef<int64_t> padding, bool ignoreBorder, std::string *why) {
  if (input.getRank() != 4)
    return fail(why, llvm::formatv("the input must have rank 4 (batch, "
                                   "channels, rows, columns), got rank {0}",
                                   input.getRank()));
  if (failed(checkPairs(window, "the window", 1, why)) ||
      failed(checkPairs(strides, "strides", 1, why)) ||
      failed(checkPairs(padding, "padding", 0, why)))
    return failure();
  for (int d = 0; d < 2; ++d)
    if (padding[d] >= window[d])
      return fail(why,
                  llvm::formatv("padding ({0}, {1}) must be smaller "
                                "than the window ({2}, {3})",
                                padding[0], padding[1], window[0], window[1]));
  if (!ignoreBorder && (padding[0] || padding[1]))
    return fail(why, "padding works only with ignore_border=True");
  SmallVector<int64_t, 4> shape = {input.getDimSize(0), input.getDimSize(1)};
  for (int d = 0; d < 2; ++d) {
    int64_t size = input.getDimSize(2 + d);
    std::optional<int64_t> out;
    if (!ShapedType::isDynamic(size) &&
        failed(checkPaddedSize(size, padding[d], d, why)))
      return failure();
    if (!ShapedType::isDynamic(size))
      out =
          poolOutputSize(size, window[d], strides[d], padding[d], ignoreBorder);
    shape.push_back(spatialDim(out));
  }
  return RankedTensorType::get(shape, input.getElementType());
}

/// `actual` can hold a value of `expected`: one rank and element type, and
/// static sizes that agree.
static bool isCompatible(RankedTensorType actual, RankedTensorType expected) {
  if (actual.getRank() != expected.getRank() ||
      actual.getElementType() != expected.getElementType())
    return false;
  for (auto [a, e] : llvm::zip(actual.getShape(), expected.getShape()))
    if (!ShapedType::isDynamic(a) && !ShapedType::isDynamic(e) && a != e)
      return false;
  return true;
}

static LogicalResult verifyResultType(Operation *op, Type actual,
                                      FailureOr<RankedTensorType> expected,
                                      llvm::StringRef what,
                                      const std::string &why) {
  if (failed(expected))
    return op->emitOpError(why);
  if (!isCompatible(cast<RankedTensorType>(actual), *expected))
    return op->emitOpError() << what << " type " << actual
                             << " does not match the inferred " << *expected;
  return success();
}

/// Pushes an inferred result type, or reports why there is none (as the
/// verifier of `opName` would).
static LogicalResult pushInferred(FailureOr<RankedTensorType> type,
                                  const std::string &why,
                                  llvm::StringRef opName,
                                  std::optional<Location> loc,
                                  SmallVectorImpl<Type> &inferred) {
  if (failed(type)) {
    if (loc)
      mlir::emitError(*loc) << "'" << opName << "' op " << why;
    return failure();
  }
  inferred.push_back(*type);
  return success();
}

//===----------------------------------------------------------------------===//
// Conv2dOp and its gradients
//===----------------------------------------------------------------------===//

LogicalResult
Conv2dOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                           ValueRange operands, DictionaryAttr attributes,
                           OpaqueProperties properties, RegionRange regions,
                           SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  std::string why;
  FailureOr<RankedTensorType> type = inferConv2dResultType(
      cast<RankedTensorType>(adaptor.getInput().getType()),
      cast<RankedTensorType>(adaptor.getFilters().getType()),
      adaptor.getPadding(), adaptor.getStrides(), adaptor.getDilations(), &why);
  return pushInferred(type, why, "th.conv2d", loc, inferred);
}

template <typename OpTy>
static FailureOr<RankedTensorType> convResultType(OpTy op, std::string &why) {
  return inferConv2dResultType(
      cast<RankedTensorType>(op.getInput().getType()),
      cast<RankedTensorType>(op.getFilters().getType()), op.getPadding(),
      op.getStrides(), op.getDilations(), &why);
}

LogicalResult Conv2dOp::verify() {
  std::string why;
  return verifyResultType(*this, getType(), convResultType(*this, why),
                          "result", why);
}

/// A gradient op's `grad` has the type of the convolution it differentiates.
template <typename OpTy> static LogicalResult verifyConvGrad(OpTy op) {
  std::string why;
  return verifyResultType(op, op.getGrad().getType(), convResultType(op, why),
                          "grad", why);
}

LogicalResult Conv2dGradInputOp::verify() { return verifyConvGrad(*this); }

LogicalResult Conv2dGradFiltersOp::verify() { return verifyConvGrad(*this); }

LogicalResult Conv2dOp::buildVJP(OpBuilder &b, Value g,
                                 SmallVectorImpl<Value> &grads) {
  Location loc = getLoc();
  grads.push_back(Conv2dGradInputOp::create(b, loc, getInput(), getFilters(), g,
                                            getPadding(), getStrides(),
                                            getDilations()));
  grads.push_back(Conv2dGradFiltersOp::create(b, loc, getInput(), getFilters(),
                                              g, getPadding(), getStrides(),
                                              getDilations()));
  return success();
}

//===----------------------------------------------------------------------===//
// Pool2dOp and its gradient
//===----------------------------------------------------------------------===//

LogicalResult
Pool2dOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                           ValueRange operands, DictionaryAttr attributes,
                           OpaqueProperties properties, RegionRange regions,
                           SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  std::string why;
  FailureOr<RankedTensorType> type = inferPool2dResultType(
      cast<RankedTensorType>(adaptor.getInput().getType()), adaptor.getWindow(),
      adaptor.getStrides(), adaptor.getPadding(), adaptor.getIgnoreBorder(),
      &why);
  return pushInferred(type, why, "th.pool2d", loc, inferred);
}

template <typename OpTy>
static FailureOr<RankedTensorType> poolResultType(OpTy op, std::string &why) {
  return inferPool2dResultType(cast<RankedTensorType>(op.getInput().getType()),
                               op.getWindow(), op.getStrides(), op.getPadding(),
                               op.getIgnoreBorder(), &why);
}

LogicalResult Pool2dOp::verify() {
  std::string why;
  return verifyResultType(*this, getType(), poolResultType(*this, why),
                          "result", why);
}

LogicalResult Pool2dGradOp::verify() {
  std::string why;
  FailureOr<RankedTensorType> type = poolResultType(*this, why);
  if (failed(
          verifyResultType(*this, getOutput().getType(), type, "output", why)))
    return failure();
  return verifyResultType(*this, getGrad().getType(), type, "grad", why);
}

LogicalResult Pool2dOp::buildVJP(OpBuilder &b, Value g,
                                 SmallVectorImpl<Value> &grads) {
  grads.push_back(Pool2dGradOp::create(b, getLoc(), getInput(), getResult(), g,
                                       getWindow(), getStrides(), getPadding(),
                                       getIgnoreBorder(), getMode()));
  return success();
}
