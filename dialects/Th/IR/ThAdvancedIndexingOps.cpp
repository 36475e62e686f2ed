//===- ThAdvancedIndexingOps.cpp - Indexing with integer arrays -----------===//
//
// NumPy's advanced indexing rules for th.advanced_subtensor and the
// advanced inc/set ops: the index arrays broadcast together (a dimension of
// static size 1 is broadcastable, as everywhere in th), and their shape
// replaces the indexed dimensions in place when those are adjacent, or
// leads the result when they are not (`x[i, :, j]`).
//
//===----------------------------------------------------------------------===//

#include "Th/IR/ThIndexing.h"
#include "Th/IR/ThOps.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::th;

FailureOr<AdvancedLayout> mlir::th::getAdvancedLayout(RankedTensorType input,
                                                      TypeRange indices,
                                                      ArrayRef<int64_t> axes,
                                                      std::string &why) {
  auto fail = [&](const llvm::Twine &message) {
    why = message.str();
    return failure();
  };
  if (indices.empty() || indices.size() != axes.size())
    return fail(llvm::formatv("has {0} index arrays for {1} axes",
                              indices.size(), axes.size()));
  int64_t rank = input.getRank();
  for (auto [k, axis] : llvm::enumerate(axes))
    if (axis < 0 || axis >= rank || (k > 0 && axis <= axes[k - 1]))
      return fail("axes must be increasing dimensions of the input");

  AdvancedLayout layout;
  for (Type t : indices) {
    auto type = cast<RankedTensorType>(t);
    SmallVector<int64_t> &b = layout.broadcastShape;
    if (type.getRank() > static_cast<int64_t>(b.size()))
      b.insert(b.begin(), type.getRank() - b.size(), 1);
    int64_t offset = b.size() - type.getRank();
    for (int64_t j = 0; j < type.getRank(); ++j) {
      int64_t n = type.getDimSize(j), &into = b[offset + j];
      if (n == 1)
        continue;
      if (into == 1 || ShapedType::isDynamic(into)) {
        // A static size is the more precise; equal dynamic sizes are the
        // manifest's to check.
        if (into == 1 || !ShapedType::isDynamic(n))
          into = n;
        continue;
      }
      if (!ShapedType::isDynamic(n) && n != into)
        return fail(llvm::formatv("shape mismatch: index arrays of sizes {0} "
                                  "and {1} cannot be broadcast together",
                                  into, n));
    }
  }

  bool adjacent =
      axes.back() - axes.front() == static_cast<int64_t>(axes.size()) - 1;
  layout.first = adjacent ? axes.front() : 0;
  int64_t next = 0;
  int64_t numBroadcast = layout.broadcastShape.size();
  for (int64_t d = 0; d < rank; ++d) {
    if (llvm::is_contained(axes, d)) {
      layout.resultDimOfInput.push_back(-1);
      continue;
    }
    if (next == layout.first)
      next += numBroadcast;
    layout.resultDimOfInput.push_back(next++);
  }
  layout.resultRank = rank - axes.size() + numBroadcast;
  return layout;
}

RankedTensorType mlir::th::getAdvancedResultType(RankedTensorType input,
                                                 const AdvancedLayout &layout) {
  SmallVector<int64_t> shape(layout.resultRank, 0);
  for (auto [j, n] : llvm::enumerate(layout.broadcastShape))
    shape[layout.first + j] = n;
  for (auto [d, r] : llvm::enumerate(layout.resultDimOfInput))
    if (r >= 0)
      shape[r] = input.getDimSize(d);
  return RankedTensorType::get(shape, input.getElementType());
}

/// The type of `input[indices]`, or an error on `op`.
static FailureOr<RankedTensorType> regionType(Operation *op, Value input,
                                              ValueRange indices,
                                              ArrayRef<int64_t> axes) {
  std::string why;
  auto type = cast<RankedTensorType>(input.getType());
  FailureOr<AdvancedLayout> layout =
      getAdvancedLayout(type, indices.getTypes(), axes, why);
  if (failed(layout))
    return op->emitOpError(why);
  return getAdvancedResultType(type, *layout);
}

LogicalResult AdvancedSubtensorOp::verify() {
  FailureOr<RankedTensorType> expected =
      regionType(*this, getInput(), getIndices(), getAxes());
  if (failed(expected))
    return failure();
  if (*expected != getType())
    return emitOpError("result must have type ")
           << *expected << ", got " << getType();
  return success();
}

template <typename OpT> static LogicalResult verifyAdvancedInc(OpT op) {
  FailureOr<RankedTensorType> region =
      regionType(op, op.getInput(), op.getIndices(), op.getAxes());
  if (failed(region))
    return failure();
  if (op.getType() != op.getInput().getType())
    return op.emitOpError("result must have the input's type ")
           << op.getInput().getType();
  return verifyValueFitsRegion(op, *region,
                               cast<RankedTensorType>(op.getValue().getType()));
}

LogicalResult AdvancedIncSubtensorOp::verify() {
  return verifyAdvancedInc(*this);
}
LogicalResult AdvancedSetSubtensorOp::verify() {
  return verifyAdvancedInc(*this);
}
