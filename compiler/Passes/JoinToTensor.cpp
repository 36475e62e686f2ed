//===- JoinToTensor.cpp - th.join / th.join_piece to tensor slices --------===//
//
// A join is an empty tensor of the result's shape with each input inserted
// at its offset along the axis (the running sum of the earlier inputs'
// sizes); a join piece extracts one input's slice back. Bufferization makes
// each insert a copy into a subview of one allocation.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

/// Offsets of a slice that starts at `offset` along `axis`, 0 elsewhere.
static SmallVector<OpFoldResult> offsetsAlong(OpBuilder &b, int64_t rank,
                                              int64_t axis,
                                              OpFoldResult offset) {
  SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
  offsets[axis] = offset;
  return offsets;
}

/// `a + c`, folded when both are static or one is 0.
static OpFoldResult addSizes(OpBuilder &b, Location loc, OpFoldResult a,
                             OpFoldResult c) {
  std::optional<int64_t> sa = getConstantIntValue(a), sc = getConstantIntValue(c);
  if (sa && sc)
    return b.getIndexAttr(*sa + *sc);
  if (sa == 0)
    return c;
  if (sc == 0)
    return a;
  return arith::AddIOp::create(b, loc, getValueOrCreateConstantIndexOp(b, loc, a),
                               getValueOrCreateConstantIndexOp(b, loc, c))
      .getResult();
}

/// The total size of `values` along `axis`.
static OpFoldResult sizeAlong(OpBuilder &b, Location loc, ValueRange values,
                              int64_t axis) {
  OpFoldResult total = b.getIndexAttr(0);
  for (Value v : values)
    total = addSizes(b, loc, total, tensor::getMixedSize(b, loc, v, axis));
  return total;
}

namespace {

struct LowerJoin : OpRewritePattern<th::JoinOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::JoinOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t axis = op.getAxis(), rank = type.getRank();
    // Sizes of the result: the sum along the axis; elsewhere the inputs
    // agree (the runtime checked), so the first input's.
    OpFoldResult total = sizeAlong(rewriter, loc, op.getInputs(), axis);
    SmallVector<Value> dynamic;
    for (int64_t d = 0; d < rank; ++d) {
      if (!type.isDynamicDim(d))
        continue;
      dynamic.push_back(d == axis ? getValueOrCreateConstantIndexOp(
                                        rewriter, loc, total)
                                  : Value(tensor::DimOp::create(
                                        rewriter, loc, op.getInputs()[0], d)));
    }
    Value result = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                           type.getElementType(), dynamic);
    OpFoldResult offset = rewriter.getIndexAttr(0);
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    for (Value input : op.getInputs()) {
      // The input's type with the result's broadcastable dimensions (an
      // input dynamic where the result is 1 has size 1: checked).
      auto inType = cast<RankedTensorType>(input.getType());
      SmallVector<int64_t> pieceShape(type.getShape());
      pieceShape[axis] = inType.getDimSize(axis);
      auto pieceType = RankedTensorType::get(pieceShape, type.getElementType());
      Value piece = input;
      if (pieceType != inType)
        piece = tensor::CastOp::create(rewriter, loc, pieceType, input);
      SmallVector<OpFoldResult> sizes =
          tensor::getMixedSizes(rewriter, loc, piece);
      result = tensor::InsertSliceOp::create(
          rewriter, loc, piece, result,
          offsetsAlong(rewriter, rank, axis, offset), sizes, strides);
      offset = addSizes(rewriter, loc, offset, sizes[axis]);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct LowerJoinPiece : OpRewritePattern<th::JoinPieceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::JoinPieceOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t axis = op.getAxis(), rank = type.getRank();
    OpFoldResult offset = sizeAlong(
        rewriter, loc, op.getPieces().take_front(op.getIndex()), axis);
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(
        rewriter, loc, op.getPieces()[op.getIndex()]);
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, type, op.getInput(), offsetsAlong(rewriter, rank, axis, offset),
        sizes, strides);
    return success();
  }
};

} // namespace

void tcc::populateJoinToTensorPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerJoin, LowerJoinPiece>(patterns.getContext());
}
