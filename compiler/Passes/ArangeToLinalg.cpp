//===- ArangeToLinalg.cpp - th.arange to a linalg.generic -----------------===//
//
// The length is NumPy's, ceil((stop - start) / step) clamped at 0 (in
// integer arithmetic for integers, so int64 bounds stay exact), and
// element i is start + i * step, computed from linalg.index.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace {

struct LowerArange : OpRewritePattern<th::ArangeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::ArangeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Type element = type.getElementType();
    Value start = tensor::ExtractOp::create(rewriter, loc, op.getStart());
    Value stop = tensor::ExtractOp::create(rewriter, loc, op.getStop());
    auto stepAttr = cast<TypedAttr>(op.getStep());
    Value step = arith::ConstantOp::create(rewriter, loc, stepAttr);
    Type index = rewriter.getIndexType();

    Value length;
    if (auto intStep = dyn_cast<IntegerAttr>(stepAttr)) {
      // ceil(span / |step|) of the span in the step's direction, in int64.
      Type i64 = rewriter.getI64Type();
      auto widen = [&](Value v) -> Value {
        return element == i64 ? v
                              : arith::ExtSIOp::create(rewriter, loc, i64, v);
      };
      int64_t k = intStep.getValue().getSExtValue();
      Value from = widen(start), to = widen(stop);
      Value span = k > 0 ? arith::SubIOp::create(rewriter, loc, to, from)
                         : arith::SubIOp::create(rewriter, loc, from, to);
      Value zero = arith::ConstantIntOp::create(rewriter, loc, i64, 0);
      span = arith::MaxSIOp::create(rewriter, loc, span, zero);
      Value n = arith::CeilDivSIOp::create(
          rewriter, loc, span,
          arith::ConstantIntOp::create(rewriter, loc, i64, std::abs(k)));
      length = arith::IndexCastOp::create(rewriter, loc, index, n);
    } else {
      Value q = arith::DivFOp::create(
          rewriter, loc, arith::SubFOp::create(rewriter, loc, stop, start),
          step);
      q = math::CeilOp::create(rewriter, loc, q);
      Value zero = arith::ConstantOp::create(
          rewriter, loc, rewriter.getFloatAttr(element, 0.0));
      q = arith::MaximumFOp::create(rewriter, loc, q, zero);
      length = arith::FPToSIOp::create(rewriter, loc, rewriter.getI64Type(), q);
      length = arith::IndexCastOp::create(rewriter, loc, index, length);
    }

    // NumPy fills with the difference of the first two elements, which
    // in floating point may differ from the step.
    Value delta = step;
    if (isa<FloatType>(element))
      delta = arith::SubFOp::create(
          rewriter, loc, arith::AddFOp::create(rewriter, loc, start, step),
          start);

    SmallVector<Value> dynamic;
    if (type.isDynamicDim(0))
      dynamic.push_back(length);
    Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                          element, dynamic);
    MLIRContext *ctx = rewriter.getContext();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, type, ValueRange{}, ValueRange{empty},
        SmallVector<AffineMap>{AffineMap::getMultiDimIdentityMap(1, ctx)},
        SmallVector<utils::IteratorType>{utils::IteratorType::parallel},
        [&](OpBuilder &b, Location l, ValueRange) {
          Value i = linalg::IndexOp::create(b, l, 0);
          Value v;
          if (isa<FloatType>(element)) {
            Value fi = arith::UIToFPOp::create(
                b, l, element,
                arith::IndexCastUIOp::create(b, l, b.getI64Type(), i));
            v = arith::AddFOp::create(b, l, start,
                                      arith::MulFOp::create(b, l, fi, delta));
          } else {
            Value ii = arith::IndexCastOp::create(b, l, element, i);
            v = arith::AddIOp::create(b, l, start,
                                      arith::MulIOp::create(b, l, ii, step));
          }
          linalg::YieldOp::create(b, l, v);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void tcc::populateArangeToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerArange>(patterns.getContext());
}
