//===- Stabilize.cpp - Theano's stability rewrites (th-stabilize) ---------===//
//
// Rewrites that change what a program computes in floating point, toward
// the mathematically meant value: log(1+x) loses x below epsilon, and
// log(1 - 1/(1+exp(-z))) is log(0) = -inf once exp saturates. They are part
// of the meaning of a .th program (Theano's stabilize phase), so they stay
// on at -O0, and they run before differentiation too, so gradients are
// taken of the stable forms.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"
#include "Passes/Rewrites.h"

#include "Th/IR/ThOps.h"



namespace tcc {
#define GEN_PASS_DEF_STABILIZE
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;
using namespace tcc;

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

constexpr const char *kPhase = "th-stabilize";

/// `add` as (1, other) in either order, if one side is the constant 1.
static Value otherThanOne(th::AddOp add) {
  if (isConstant(add.getLhs(), 1.0))
    return add.getRhs();
  if (isConstant(add.getRhs(), 1.0))
    return add.getLhs();
  return nullptr;
}

/// log(1 + x) -> log1p(x). For x = exp(z) the next rewrite then gives
/// softplus(z).
struct LocalLog1p : NamedRewrite<th::LogOp> {
  LocalLog1p(MLIRContext *ctx) : NamedRewrite(ctx, kPhase, "local_log1p") {}
  LogicalResult matchAndRewrite(th::LogOp op,
                                PatternRewriter &rewriter) const override {
    auto add = op.getInput().getDefiningOp<th::AddOp>();
    Value x = add ? otherThanOne(add) : nullptr;
    if (!x || x.getType() != op.getType())
      return failure();
    replace(rewriter, op, th::Log1pOp::create(rewriter, op.getLoc(), x));
    return success();
  }
};

/// -v, without a double negation when v is already -y.
static Value negated(PatternRewriter &rewriter, Location loc, Value v) {
  if (auto neg = v.getDefiningOp<th::NegOp>())
    return neg.getInput();
  return th::NegOp::create(rewriter, loc, v);
}

/// 1 / (1 + exp(-z)) -> sigmoid(z); 1 / (1 + exp(z)) -> sigmoid(-z)
/// (Theano's local_exp_over_1_plus_exp / local_sigm_1_plus_exp).
struct LocalSigmoid : NamedRewrite<th::TrueDivOp> {
  LocalSigmoid(MLIRContext *ctx)
      : NamedRewrite(ctx, kPhase, "local_1_over_1_plus_exp_to_sigmoid") {}
  LogicalResult matchAndRewrite(th::TrueDivOp op,
                                PatternRewriter &rewriter) const override {
    if (!isConstant(op.getLhs(), 1.0))
      return failure();
    auto add = op.getRhs().getDefiningOp<th::AddOp>();
    Value x = add ? otherThanOne(add) : nullptr;
    auto exp = x ? x.getDefiningOp<th::ExpOp>() : nullptr;
    if (!exp || exp.getType() != op.getType())
      return failure();
    Location loc = op.getLoc();
    Value z = negated(rewriter, loc, exp.getInput());
    replace(rewriter, op, th::SigmoidOp::create(rewriter, loc, z));
    return success();
  }
};

/// 1 - sigmoid(z) -> sigmoid(-z) (Theano's local_1msigmoid)
struct LocalOneMinusSigmoid : NamedRewrite<th::SubOp> {
  LocalOneMinusSigmoid(MLIRContext *ctx)
      : NamedRewrite(ctx, kPhase, "local_1msigmoid") {}
  LogicalResult matchAndRewrite(th::SubOp op,
                                PatternRewriter &rewriter) const override {
    auto sig = op.getRhs().getDefiningOp<th::SigmoidOp>();
    if (!sig || !isConstant(op.getLhs(), 1.0) || sig.getType() != op.getType())
      return failure();
    Location loc = op.getLoc();
    Value neg = negated(rewriter, loc, sig.getInput());
    replace(rewriter, op, th::SigmoidOp::create(rewriter, loc, neg));
    return success();
  }
};

/// log(sigmoid(z)) -> -softplus(-z): finite where sigmoid underflows to 0.
struct LocalLogSigmoid : NamedRewrite<th::LogOp> {
  LocalLogSigmoid(MLIRContext *ctx)
      : NamedRewrite(ctx, kPhase, "local_log_sigmoid_to_softplus") {}
  LogicalResult matchAndRewrite(th::LogOp op,
                                PatternRewriter &rewriter) const override {
    auto sig = op.getInput().getDefiningOp<th::SigmoidOp>();
    if (!sig)
      return failure();
    Location loc = op.getLoc();
    // log(sigmoid(-z)) = -softplus(z)
    Value negZ = negated(rewriter, loc, sig.getInput());
    Value softplus = th::SoftplusOp::create(rewriter, loc, negZ);
    replace(rewriter, op, th::NegOp::create(rewriter, loc, softplus));
    return success();
  }
};

/// exp(x) - 1 -> expm1(x) (Theano's local_expm1)
struct LocalExpm1 : NamedRewrite<th::SubOp> {
  LocalExpm1(MLIRContext *ctx) : NamedRewrite(ctx, kPhase, "local_expm1") {}
  LogicalResult matchAndRewrite(th::SubOp op,
                                PatternRewriter &rewriter) const override {
    auto exp = op.getLhs().getDefiningOp<th::ExpOp>();
    if (!exp || !isConstant(op.getRhs(), 1.0) || exp.getType() != op.getType())
      return failure();
    replace(rewriter, op,
            th::Expm1Op::create(rewriter, op.getLoc(), exp.getInput()));
    return success();
  }
};

/// exp(x) / sum(exp(x), axis) with the summed axis kept (keepdims=True or
/// .dimshuffle(0, 'x')) -> softmax(x, axis) (Theano's softmax_simplifier),
/// which the lowering computes without overflow.
struct SoftmaxSimplifier : NamedRewrite<th::TrueDivOp> {
  SoftmaxSimplifier(MLIRContext *ctx)
      : NamedRewrite(ctx, kPhase, "softmax_simplifier") {}
  LogicalResult matchAndRewrite(th::TrueDivOp op,
                                PatternRewriter &rewriter) const override {
    auto exp = op.getLhs().getDefiningOp<th::ExpOp>();
    auto kept = op.getRhs().getDefiningOp<th::DimShuffleOp>();
    auto sum = kept ? kept.getInput().getDefiningOp<th::SumOp>() : nullptr;
    // The summed exp may be a second exp of the same x (T.exp(x) written
    // twice): at -O0 no cse has merged them.
    auto summed = sum ? sum.getInput().getDefiningOp<th::ExpOp>() : nullptr;
    if (!exp || !summed || summed.getInput() != exp.getInput() ||
        sum.getAxes().size() != 1 || exp.getType() != op.getType())
      return failure();
    int64_t axis = sum.getAxes()[0];
    int64_t rank = exp.getType().getRank();
    if (kept.getPattern() !=
        ArrayRef<int64_t>(th::keepDimsPattern(rank, {axis})))
      return failure();
    replace(rewriter, op,
            th::SoftmaxOp::create(rewriter, op.getLoc(), op.getType(),
                                  exp.getInput(), axis));
    return success();
  }
};

/// outer(inner(x)) -> result(x), result taking inner's operands and
/// attributes, for
/// - log1p(exp(z)) -> softplus(z) (local_log1p_exp_to_softplus):
///   log1p(exp(z)) overflows for large z;
/// - log(softmax(x)) -> log_softmax(x) (Theano's local_log_softmax): finite
///   where a probability underflows to 0, and the cross-entropy's gradient
///   becomes softmax(x) - t instead of a division by the probabilities;
/// - exp(log_softmax(x)) -> softmax(x) (local_exp_log_softmax): what that
///   gradient needs, shared with the softmax itself (cse) instead of
///   exponentiating again.
template <typename OuterOp, typename InnerOp, typename ResultOp>
struct Composition : NamedRewrite<OuterOp> {
  Composition(MLIRContext *ctx, StringRef name)
      : NamedRewrite<OuterOp>(ctx, kPhase, name) {}
  LogicalResult matchAndRewrite(OuterOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getInput().template getDefiningOp<InnerOp>();
    if (!inner)
      return failure();
    this->replace(rewriter, op,
                  ResultOp::create(rewriter, op.getLoc(), op.getType(),
                                   inner->getOperands(), inner->getAttrs()));
    return success();
  }
};

struct StabilizePass : tcc::impl::StabilizeBase<StabilizePass> {
  using StabilizeBase::StabilizeBase;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateStabilizePatterns(patterns);
    if (failed(applyNamedRewrites(getOperation(), std::move(patterns),
                                  disabledPatterns)))
      signalPassFailure();
  }
};

} // namespace

void tcc::populateStabilizePatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<LocalLog1p, LocalSigmoid,
               LocalOneMinusSigmoid, LocalLogSigmoid, LocalExpm1,
               SoftmaxSimplifier>(ctx);
  patterns.add<Composition<th::Log1pOp, th::ExpOp, th::SoftplusOp>>(
      ctx, "local_log1p_exp_to_softplus");
  patterns.add<Composition<th::LogOp, th::SoftmaxOp, th::LogSoftmaxOp>>(
      ctx, "local_log_softmax");
  patterns.add<Composition<th::ExpOp, th::LogSoftmaxOp, th::SoftmaxOp>>(
      ctx, "local_exp_log_softmax");
}
