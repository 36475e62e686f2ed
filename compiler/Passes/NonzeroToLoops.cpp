//===- NonzeroToLoops.cpp - th.nonzero to a count and a filling loop ------===//
//
// How many elements are nonzero is known only after reading them all, so
// the input is read twice: a linalg reduction counts them (the result's
// size), then a loop nest over the input in row-major order writes the
// coordinates of each nonzero element into the next column. One-shot
// bufferization turns the carried tensor into stores into one buffer.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"
#include "Passes/ScalarBody.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace {

struct LowerNonzero : OpRewritePattern<th::NonzeroOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::NonzeroOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
    MLIRContext *ctx = rewriter.getContext();
    Type i1 = rewriter.getI1Type(), i64 = rewriter.getI64Type();
    Type indexType = rewriter.getIndexType();

    // The count: a sum of (x != 0) into an int64 scalar.
    Value zero64 =
        arith::ConstantOp::create(rewriter, loc, rewriter.getI64IntegerAttr(0));
    Value empty =
        tensor::EmptyOp::create(rewriter, loc, ArrayRef<int64_t>{}, i64);
    Value init =
        linalg::FillOp::create(rewriter, loc, zero64, empty).getResult(0);
    auto count = linalg::GenericOp::create(
        rewriter, loc, init.getType(), ValueRange{input}, ValueRange{init},
        {AffineMap::getMultiDimIdentityMap(rank, ctx),
         AffineMap::get(rank, 0, {}, ctx)},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::reduction),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value nonzero = tcc::buildScalarCast(b, l, args[0], i1);
          Value one = arith::ExtUIOp::create(b, l, i64, nonzero);
          linalg::YieldOp::create(
              b, l, ValueRange{arith::AddIOp::create(b, l, args[1], one)});
        });
    Value total = tensor::ExtractOp::create(rewriter, loc, count.getResult(0),
                                            ValueRange{});
    Value columns = arith::IndexCastOp::create(rewriter, loc, indexType, total);
    Value coordinates = tensor::EmptyOp::create(
        rewriter, loc, cast<RankedTensorType>(op.getType()),
        ValueRange{columns});

    // The coordinates: a loop nest carrying the result and the next column.
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    SmallVector<Value> lower(rank, zero), steps(rank, one), upper;
    for (int64_t d = 0; d < rank; ++d)
      upper.push_back(tensor::DimOp::create(rewriter, loc, input, d));
    scf::LoopNest nest = scf::buildLoopNest(
        rewriter, loc, lower, upper, steps, ValueRange{coordinates, zero},
        [&](OpBuilder &b, Location l, ValueRange ivs,
            ValueRange carried) -> scf::ValueVector {
          Value element = tensor::ExtractOp::create(b, l, input, ivs);
          Value nonzero = tcc::buildScalarCast(b, l, element, i1);
          auto write = scf::IfOp::create(
              b, l, nonzero,
              [&](OpBuilder &tb, Location tl) {
                Value out = carried[0], column = carried[1];
                for (int64_t d = 0; d < rank; ++d) {
                  Value row = arith::ConstantIndexOp::create(tb, tl, d);
                  Value c = arith::IndexCastOp::create(tb, tl, i64, ivs[d]);
                  out = tensor::InsertOp::create(tb, tl, c, out,
                                                 ValueRange{row, column});
                }
                Value next = arith::AddIOp::create(tb, tl, column, one);
                scf::YieldOp::create(tb, tl, ValueRange{out, next});
              },
              [&](OpBuilder &eb, Location el) {
                scf::YieldOp::create(eb, el, carried);
              });
          return {write.getResult(0), write.getResult(1)};
        });
    rewriter.replaceOp(op, nest.results[0]);
    return success();
  }
};

} // namespace

void tcc::populateNonzeroToLoopsPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerNonzero>(patterns.getContext());
}
