//===- CumulativeToLoops.cpp - th.cumsum / th.cumprod to an scf.for -------===//
//
// A running total has a dependence along its axis that no linalg op states,
// so the axis becomes an scf.for carrying the result: step k combines slice
// k - 1 of the result with slice k of the input (a linalg.generic over all
// the other dimensions, which stays vectorizable) and inserts it. Slice 0
// (the last one when reversed) is the input's own; an axis of size 0 or 1
// runs no step.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace {

template <typename OpTy> struct LowerCumulative : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    constexpr bool isProduct = std::is_same_v<OpTy, th::CumProdOp>;
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    int64_t rank = type.getRank();
    int64_t axis = op.getAxis();
    bool reverse = op.getReverse();

    Value size = tensor::DimOp::create(rewriter, loc, input, axis);
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value last = arith::SubIOp::create(rewriter, loc, size, one);
    // Steps 0 .. size - 2; an empty axis gives the upper bound -1.
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, input);
    sizes[axis] = rewriter.getIndexAttr(1);
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    MLIRContext *ctx = rewriter.getContext();
    auto identity = AffineMap::getMultiDimIdentityMap(rank, ctx);

    auto loop = scf::ForOp::create(
        rewriter, loc, zero, last, one, ValueRange{input},
        [&](OpBuilder &b, Location l, Value step, ValueRange carried) {
          Value total = carried.front();
          // Forward: slice step + 1 from slice step; reversed: slice
          // last - step - 1 from slice last - step.
          Value from =
              reverse ? Value(arith::SubIOp::create(b, l, last, step)) : step;
          Value to = reverse ? Value(arith::SubIOp::create(b, l, from, one))
                             : Value(arith::AddIOp::create(b, l, step, one));
          auto sliceAt = [&](Value source, Value position) {
            SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
            offsets[axis] = position;
            return tensor::ExtractSliceOp::create(b, l, source, offsets, sizes,
                                                  strides)
                .getResult();
          };
          Value previous = sliceAt(total, from);
          Value current = sliceAt(input, to);
          auto sliceType = cast<RankedTensorType>(current.getType());
          Value init =
              tensor::EmptyOp::create(b, l, sizes, sliceType.getElementType());
          auto combine = linalg::GenericOp::create(
              b, l, sliceType, ValueRange{previous, current}, ValueRange{init},
              SmallVector<AffineMap>(3, identity),
              SmallVector<utils::IteratorType>(rank,
                                               utils::IteratorType::parallel),
              [&](OpBuilder &nb, Location nl, ValueRange args) {
                Value r;
                if (isa<FloatType>(sliceType.getElementType()))
                  r = isProduct ? Value(arith::MulFOp::create(nb, nl, args[0],
                                                              args[1]))
                                : Value(arith::AddFOp::create(nb, nl, args[0],
                                                              args[1]));
                else
                  r = isProduct ? Value(arith::MulIOp::create(nb, nl, args[0],
                                                              args[1]))
                                : Value(arith::AddIOp::create(nb, nl, args[0],
                                                              args[1]));
                linalg::YieldOp::create(nb, nl, r);
              });
          SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
          offsets[axis] = to;
          Value updated = tensor::InsertSliceOp::create(
              b, l, combine.getResult(0), total, offsets, sizes, strides);
          scf::YieldOp::create(b, l, updated);
        });
    rewriter.replaceOp(op, loop.getResult(0));
    return success();
  }
};

} // namespace

void tcc::populateCumulativeToLoopsPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerCumulative<th::CumSumOp>, LowerCumulative<th::CumProdOp>>(
      patterns.getContext());
}
