//===- ThTraits.cpp - Type rules of th ops --------------------------------===//

#include "Th/IR/ThTraits.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::th;

static LogicalResult failWith(std::string *why, std::string message) {
  if (why)
    *why = std::move(message);
  return failure();
}

FailureOr<SmallVector<int64_t>>
mlir::th::broadcastShapes(ArrayRef<ShapedType> types, std::string *why) {
  if (types.empty())
    return SmallVector<int64_t>{};
  int64_t rank = types.front().getRank();
  for (ShapedType t : types)
    if (t.getRank() != rank)
      return failWith(why, llvm::formatv("operands have different ranks ({0} "
                                         "and {1})",
                                         rank, t.getRank()));
  SmallVector<int64_t> shape(rank, 1);
  for (int64_t d = 0; d < rank; ++d) {
    // Theano: the result is broadcastable only where every operand is.
    bool allOne = llvm::all_of(types, [&](ShapedType t) {
      return t.getDimSize(d) == 1;
    });
    if (allOne)
      continue;
    int64_t size = ShapedType::kDynamic;
    for (ShapedType t : types) {
      int64_t s = t.getDimSize(d);
      if (s == 1 || ShapedType::isDynamic(s))
        continue;
      if (!ShapedType::isDynamic(size) && size != s)
        return failWith(why, llvm::formatv("sizes {0} and {1} of dimension {2} "
                                           "do not match",
                                           size, s, d));
      size = s;
    }
    shape[d] = size;
  }
  return shape;
}

LogicalResult mlir::th::inferElementwiseResultType(
    std::optional<Location> loc, ValueRange operands, Type elementType,
    SmallVectorImpl<Type> &inferred) {
  SmallVector<ShapedType> types;
  for (Value v : operands) {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    if (!t)
      return failure();
    types.push_back(t);
  }
  std::string why;
  FailureOr<SmallVector<int64_t>> shape = broadcastShapes(types, &why);
  if (failed(shape)) {
    if (loc)
      emitError(*loc) << "operands cannot be broadcast together: " << why;
    return failure();
  }
  inferred.push_back(RankedTensorType::get(*shape, elementType));
  return success();
}

LogicalResult mlir::th::verifyReduceAxes(Operation *op, ArrayRef<int64_t> axes,
                                         int64_t rank) {
  for (size_t i = 0; i < axes.size(); ++i) {
    if (axes[i] < 0 || axes[i] >= rank)
      return op->emitOpError("axis ")
             << axes[i] << " is out of range for rank " << rank;
    if (i > 0 && axes[i] <= axes[i - 1])
      return op->emitOpError("axes must be sorted and unique");
  }
  return success();
}

LogicalResult mlir::th::inferReduceResultType(std::optional<Location> loc,
                                              Value input,
                                              ArrayRef<int64_t> axes,
                                              SmallVectorImpl<Type> &inferred) {
  auto type = dyn_cast<RankedTensorType>(input.getType());
  if (!type)
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (!llvm::is_contained(axes, d))
      shape.push_back(type.getDimSize(d));
  for (int64_t a : axes)
    if (a < 0 || a >= type.getRank()) {
      if (loc)
        emitError(*loc) << "axis " << a << " is out of range for rank "
                        << type.getRank();
      return failure();
    }
  inferred.push_back(RankedTensorType::get(shape, type.getElementType()));
  return success();
}

static bool sizesMayAgree(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

FailureOr<RankedTensorType>
mlir::th::inferDotResultType(RankedTensorType lhs, RankedTensorType rhs,
                             std::string *why) {
  int64_t lr = lhs.getRank(), rr = rhs.getRank();
  if (lr < 1 || lr > 2 || rr < 1 || rr > 2)
    return failWith(why, llvm::formatv("dot needs vectors or matrices, got "
                                       "ranks {0} and {1}",
                                       lr, rr));
  int64_t inner = lhs.getDimSize(lr - 1);
  int64_t other = rhs.getDimSize(0);
  if (!sizesMayAgree(inner, other))
    return failWith(why, llvm::formatv("contracted sizes {0} and {1} differ",
                                       inner, other));
  SmallVector<int64_t> shape;
  if (lr == 2)
    shape.push_back(lhs.getDimSize(0));
  if (rr == 2)
    shape.push_back(rhs.getDimSize(1));
  return RankedTensorType::get(shape, lhs.getElementType());
}

FailureOr<RankedTensorType>
mlir::th::inferDimShuffleResultType(RankedTensorType input,
                                    ArrayRef<int64_t> pattern,
                                    std::string *why) {
  int64_t rank = input.getRank();
  SmallVector<bool> used(rank, false);
  SmallVector<int64_t> shape;
  for (int64_t p : pattern) {
    if (p == -1) {
      shape.push_back(1);
      continue;
    }
    if (p < 0 || p >= rank)
      return failWith(why, llvm::formatv("dimension {0} does not exist in an "
                                         "input of rank {1}",
                                         p, rank));
    if (used[p])
      return failWith(why, llvm::formatv("dimension {0} appears twice", p));
    used[p] = true;
    shape.push_back(input.getDimSize(p));
  }
  for (int64_t d = 0; d < rank; ++d)
    if (!used[d] && input.getDimSize(d) != 1)
      return failWith(why, llvm::formatv("dimension {0} is dropped but is not "
                                         "broadcastable",
                                         d));
  return RankedTensorType::get(shape, input.getElementType());
}

LogicalResult mlir::th::OpTrait::verifyElementwiseBroadcastable(Operation *op) {
  SmallVector<ShapedType> types;
  for (Type t : op->getOperandTypes())
    types.push_back(cast<ShapedType>(t));
  std::string why;
  FailureOr<SmallVector<int64_t>> shape = broadcastShapes(types, &why);
  if (failed(shape))
    return op->emitOpError("operands cannot be broadcast together: ") << why;
  auto result = cast<ShapedType>(op->getResult(0).getType());
  if (result.getShape() != ArrayRef<int64_t>(*shape))
    return op->emitOpError("result shape does not match the broadcast of the "
                           "operands");
  return success();
}

SmallVector<int64_t> mlir::th::keepDimsPattern(int64_t rank,
                                               ArrayRef<int64_t> axes) {
  SmallVector<int64_t> pattern;
  for (int64_t d = 0, next = 0; d < rank; ++d)
    pattern.push_back(llvm::is_contained(axes, d) ? -1 : next++);
  return pattern;
}
