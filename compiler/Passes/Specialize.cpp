//===- Specialize.cpp - Theano's specializations (th-specialize) ----------===//
//
// Cheaper forms of the same value: x**2 is sqr(x), x**0.5 is sqrt(x), a small
// integer power is a few multiplications by repeated squaring (Theano's
// local_pow_specialize and local_pow_specialize_device).
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"
#include "Passes/Rewrites.h"

#include "Th/IR/ThOps.h"


#include <cmath>

namespace tcc {
#define GEN_PASS_DEF_SPECIALIZE
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;
using namespace tcc;

namespace {

constexpr const char *kPhase = "th-specialize";

/// The largest integer power turned into multiplications.
constexpr int64_t kMaxPower = 64;

/// x**n for n >= 1 by repeated squaring: about log2(n) squarings and one
/// multiplication per set bit.
static Value powerBySquaring(PatternRewriter &rewriter, Location loc, Value x,
                             int64_t n) {
  Value result, square = x;
  while (n > 0) {
    if (n & 1)
      result = result ? Value(th::MulOp::create(rewriter, loc, result, square))
                      : square;
    n >>= 1;
    if (n)
      square = th::SqrOp::create(rewriter, loc, square);
  }
  return result;
}

struct LocalPowSpecialize : NamedRewrite<th::PowOp> {
  LocalPowSpecialize(MLIRContext *ctx)
      : NamedRewrite(ctx, kPhase, "local_pow_specialize") {}
  LogicalResult matchAndRewrite(th::PowOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<double> e = splatConstant(op.getRhs());
    Value x = op.getLhs();
    if (!e || x.getType() != op.getType() ||
        !isa<FloatType>(op.getType().getElementType()))
      return failure();
    Location loc = op.getLoc();
    if (*e == 0.5) {
      replace(rewriter, op, th::SqrtOp::create(rewriter, loc, x));
      return success();
    }
    if (*e == -1.0) {
      // 1/x, with the 1 made by negating the (broadcast) exponent -1.
      Value one = th::NegOp::create(rewriter, loc, op.getRhs());
      replace(rewriter, op, th::TrueDivOp::create(rewriter, loc, one, x));
      return success();
    }
    if (*e != std::floor(*e) || *e < 1 || *e > kMaxPower)
      return failure();
    int64_t n = static_cast<int64_t>(*e);
    Value r = n == 2 ? Value(th::SqrOp::create(rewriter, loc, x))
                     : powerBySquaring(rewriter, loc, x, n);
    replace(rewriter, op, r);
    return success();
  }
};

struct SpecializePass : tcc::impl::SpecializeBase<SpecializePass> {
  using SpecializeBase::SpecializeBase;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateSpecializePatterns(patterns);
    if (failed(applyNamedRewrites(getOperation(), std::move(patterns),
                                  disabledPatterns)))
      signalPassFailure();
  }
};

} // namespace

void tcc::populateSpecializePatterns(RewritePatternSet &patterns) {
  patterns.add<LocalPowSpecialize>(patterns.getContext());
}
