//===- ThCanonicalize.cpp - Theano's algebraic canonicalizations ----------===//
//
// Canonicalization patterns of th ops (run by `canonicalize`), after
// Theano's canonicalize phase: cancellations (x + y - x -> y), negations
// (x - -y -> x + y, -x * -y -> x * y, -(x - y) -> y - x), x + x -> 2*x,
// sum(s*t) -> s*sum(t) for a scalar s, fills sunk into their users, x/x -> 1
// where no element can be zero or infinite, constants of sums and products
// gathered, dimshuffles of dimshuffles merged. Each keeps the result's
// exact type (a rewrite that would change a broadcast shape does not apply)
// and records itself for --rewrite-report.
//
//===----------------------------------------------------------------------===//

#include "Th/IR/ThOps.h"

#include "Th/IR/RewriteReport.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::th;

namespace {

/// A canonicalization of OpTy named after Theano's rewrite, that records
/// itself when it fires.
template <typename OpTy> struct Canonicalization : OpRewritePattern<OpTy> {
  Canonicalization(MLIRContext *ctx, StringRef name)
      : OpRewritePattern<OpTy>(ctx) {
    this->setDebugName(name);
  }
  LogicalResult replaceIfSameType(PatternRewriter &rewriter, OpTy op,
                                  Value value) const {
    if (!value || value.getType() != op.getType())
      return failure();
    tcc::recordRewrite("canonicalize", this->getDebugName(), op.getLoc());
    rewriter.replaceOp(op, value);
    return success();
  }
};

/// (a + b) - a -> b, (a + b) - b -> a
struct AddSubCancel : Canonicalization<SubOp> {
  AddSubCancel(MLIRContext *ctx) : Canonicalization(ctx, "local_add_sub_cancel") {}
  LogicalResult matchAndRewrite(SubOp op,
                                PatternRewriter &rewriter) const override {
    auto add = op.getLhs().getDefiningOp<AddOp>();
    if (!add)
      return failure();
    if (add.getLhs() == op.getRhs())
      return replaceIfSameType(rewriter, op, add.getRhs());
    if (add.getRhs() == op.getRhs())
      return replaceIfSameType(rewriter, op, add.getLhs());
    return failure();
  }
};

/// x - (-y) -> x + y
struct SubNeg : Canonicalization<SubOp> {
  SubNeg(MLIRContext *ctx) : Canonicalization(ctx, "local_sub_neg_to_add") {}
  LogicalResult matchAndRewrite(SubOp op,
                                PatternRewriter &rewriter) const override {
    auto neg = op.getRhs().getDefiningOp<NegOp>();
    if (!neg)
      return failure();
    return replaceIfSameType(
        rewriter, op,
        AddOp::create(rewriter, op.getLoc(), op.getLhs(), neg.getInput()));
  }
};

/// x + (-y) -> x - y, (-x) + y -> y - x
struct AddNeg : Canonicalization<AddOp> {
  AddNeg(MLIRContext *ctx) : Canonicalization(ctx, "local_add_neg_to_sub") {}
  LogicalResult matchAndRewrite(AddOp op,
                                PatternRewriter &rewriter) const override {
    if (!isa<FloatType>(op.getType().getElementType()))
      return failure();
    if (auto neg = op.getRhs().getDefiningOp<NegOp>())
      return replaceIfSameType(
          rewriter, op,
          SubOp::create(rewriter, op.getLoc(), op.getLhs(), neg.getInput()));
    if (auto neg = op.getLhs().getDefiningOp<NegOp>())
      return replaceIfSameType(
          rewriter, op,
          SubOp::create(rewriter, op.getLoc(), op.getRhs(), neg.getInput()));
    return failure();
  }
};

/// x + x -> 2 * x
struct AddSelf : Canonicalization<AddOp> {
  AddSelf(MLIRContext *ctx) : Canonicalization(ctx, "local_add_self_to_mul") {}
  LogicalResult matchAndRewrite(AddOp op,
                                PatternRewriter &rewriter) const override {
    auto type = op.getType();
    if (op.getLhs() != op.getRhs() || !isa<FloatType>(type.getElementType()))
      return failure();
    Location loc = op.getLoc();
    auto scalarType = RankedTensorType::get({}, type.getElementType());
    Value two = ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(scalarType,
                               FloatAttr::get(type.getElementType(), 2.0)
                                   .getValue()));
    if (type.getRank() > 0)
      two = DimShuffleOp::create(rewriter, loc, two,
                                 SmallVector<int64_t>(type.getRank(), -1));
    return replaceIfSameType(rewriter, op,
                             MulOp::create(rewriter, loc, two, op.getLhs()));
  }
};

/// (-x) * (-y) -> x * y and (-x) / (-y) -> x / y
template <typename OpTy> struct NegNegCancel : Canonicalization<OpTy> {
  NegNegCancel(MLIRContext *ctx, StringRef name)
      : Canonicalization<OpTy>(ctx, name) {}
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto a = op.getLhs().template getDefiningOp<NegOp>();
    auto b = op.getRhs().template getDefiningOp<NegOp>();
    if (!a || !b)
      return failure();
    return this->replaceIfSameType(
        rewriter, op,
        OpTy::create(rewriter, op.getLoc(), a.getInput(), b.getInput()));
  }
};

/// -(x - y) -> y - x
struct NegSub : Canonicalization<NegOp> {
  NegSub(MLIRContext *ctx) : Canonicalization(ctx, "local_neg_sub") {}
  LogicalResult matchAndRewrite(NegOp op,
                                PatternRewriter &rewriter) const override {
    auto sub = op.getInput().getDefiningOp<SubOp>();
    if (!sub || !sub->hasOneUse())
      return failure();
    return replaceIfSameType(
        rewriter, op,
        SubOp::create(rewriter, op.getLoc(), sub.getRhs(), sub.getLhs()));
  }
};

/// A 0-d value broadcast to a whole tensor: the `s` of sum(s * t).
static Value broadcastScalar(Value v) {
  auto shuffle = v.getDefiningOp<DimShuffleOp>();
  if (!shuffle || shuffle.getInput().getType().getRank() != 0)
    return nullptr;
  return shuffle.getInput();
}

/// sum(s * t) -> s * sum(t) for a scalar s (Theano's local_sum_prod_mul_by_
/// scalar): one multiplication instead of one per element.
struct SumMulByScalar : Canonicalization<SumOp> {
  SumMulByScalar(MLIRContext *ctx)
      : Canonicalization(ctx, "local_sum_mul_by_scalar") {}
  LogicalResult matchAndRewrite(SumOp op,
                                PatternRewriter &rewriter) const override {
    auto mul = op.getInput().getDefiningOp<MulOp>();
    if (!mul || !isa<FloatType>(op.getType().getElementType()))
      return failure();
    Value s = broadcastScalar(mul.getLhs()), t = mul.getRhs();
    if (!s) {
      s = broadcastScalar(mul.getRhs());
      t = mul.getLhs();
    }
    if (!s || t.getType() != mul.getType())
      return failure();
    Location loc = op.getLoc();
    Value summed = SumOp::create(rewriter, loc, t, op.getAxes());
    int64_t rank = cast<RankedTensorType>(op.getType()).getRank();
    Value scale = rank == 0 ? s
                            : Value(DimShuffleOp::create(
                                  rewriter, loc, s,
                                  SmallVector<int64_t>(rank, -1)));
    return replaceIfSameType(rewriter, op,
                             MulOp::create(rewriter, loc, scale, summed));
  }
};

/// The value whose shape `v` has for certain: through unary elementwise
/// ops, which keep their operand's shape.
static Value shapeSource(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (def->getNumOperands() != 1 ||
        !def->hasTrait<th::OpTrait::ElementwiseBroadcastable>() ||
        def->getOperand(0).getType() != v.getType())
      break;
    v = def->getOperand(0);
  }
  return v;
}

/// Theano's local_fill_sink, for second(x, c) <op> y:
/// - c <op> y when y has the result's type and x certainly has y's shape:
///   the fill only repeated c over a shape y already has;
/// - second(x, c <op> y) when y is a broadcast scalar and x has the result's
///   type: the fill moves out, and <op> runs on scalars.
/// The gradient of 0.01 * (w**2).sum() is second(sqr(w), 0.01) * 2 * w,
/// which becomes 0.02 * w, and sqr(w) dies.
template <typename OpTy> struct FillSink : Canonicalization<OpTy> {
  FillSink(MLIRContext *ctx) : Canonicalization<OpTy>(ctx, "local_fill_sink") {}
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    for (bool fillOnLeft : {true, false}) {
      Value fillSide = fillOnLeft ? op.getLhs() : op.getRhs();
      Value other = fillOnLeft ? op.getRhs() : op.getLhs();
      auto fill = fillSide.template getDefiningOp<SecondOp>();
      if (!fill)
        continue;
      Value x = fill.getLhs(), c = fill.getRhs();
      Location loc = op.getLoc();
      auto apply = [&](Value a, Value b) -> Value {
        return fillOnLeft ? OpTy::create(rewriter, loc, a, b)
                          : OpTy::create(rewriter, loc, b, a);
      };
      if (other.getType() == op.getType() && x.getType() == other.getType() &&
          shapeSource(x) == shapeSource(other))
        return this->replaceIfSameType(rewriter, op, apply(c, other));
      auto otherType = cast<RankedTensorType>(other.getType());
      auto cType = cast<RankedTensorType>(c.getType());
      bool scalars = llvm::all_of(otherType.getShape(),
                                  [](int64_t d) { return d == 1; }) &&
                     llvm::all_of(cType.getShape(),
                                  [](int64_t d) { return d == 1; }) &&
                     otherType.getRank() == cType.getRank();
      if (scalars && x.getType() == op.getType())
        return this->replaceIfSameType(
            rewriter, op, SecondOp::create(rewriter, loc, x, apply(c, other)));
    }
    return failure();
  }
};

/// second(x, y) -> y when y already has the result's type and x certainly
/// has y's shape (Theano's local_useless_fill): the fill repeats nothing.
struct UselessFill : Canonicalization<SecondOp> {
  UselessFill(MLIRContext *ctx) : Canonicalization(ctx, "local_useless_fill") {}
  LogicalResult matchAndRewrite(SecondOp op,
                                PatternRewriter &rewriter) const override {
    Value x = op.getLhs(), y = op.getRhs();
    if (x.getType() != y.getType() || shapeSource(x) != shapeSource(y))
      return failure();
    return replaceIfSameType(rewriter, op, y);
  }
};

/// Whether every value of element type `from` converts to `to` and back
/// exactly.
static bool convertsExactly(Type from, Type to) {
  if (from == to || from.isInteger(1))
    return true;
  auto bits = [](Type t) { return t.getIntOrFloatBitWidth(); };
  if (isa<FloatType>(from))
    return isa<FloatType>(to) && bits(to) >= bits(from);
  if (isa<IntegerType>(to))
    return bits(to) >= bits(from);
  // An integer in a float: its magnitude must fit the mantissa.
  if (auto toFloat = dyn_cast<FloatType>(to))
    return bits(from) <= toFloat.getFPMantissaWidth();
  return false;
}

/// cast(cast(x, T1), T2) -> cast(x, T2) when the first cast is exact for
/// every x (a widening), so x -> float64 -> float32 is x -> float32 and
/// x: float32 -> float64 -> float32 is x (Theano's local_merge_consecutive_
/// casts). A narrowing first cast stays: it rounds.
struct CastCast : Canonicalization<CastOp> {
  CastCast(MLIRContext *ctx)
      : Canonicalization(ctx, "local_merge_consecutive_casts") {}
  LogicalResult matchAndRewrite(CastOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getInput().getDefiningOp<CastOp>();
    if (!inner ||
        !convertsExactly(inner.getInput().getType().getElementType(),
                         inner.getType().getElementType()))
      return failure();
    auto type = op.getType();
    Value x = inner.getInput();
    if (x.getType() == type)
      return replaceIfSameType(rewriter, op, x);
    return replaceIfSameType(
        rewriter, op,
        CastOp::create(rewriter, op.getLoc(), type, x));
  }
};

/// -second(x, c) -> second(x, -c): the negation runs on the scalar.
struct NegFillSink : Canonicalization<NegOp> {
  NegFillSink(MLIRContext *ctx) : Canonicalization(ctx, "local_fill_sink") {}
  LogicalResult matchAndRewrite(NegOp op,
                                PatternRewriter &rewriter) const override {
    auto fill = op.getInput().getDefiningOp<SecondOp>();
    if (!fill)
      return failure();
    Location loc = op.getLoc();
    return replaceIfSameType(
        rewriter, op,
        SecondOp::create(rewriter, loc, fill.getLhs(),
                         NegOp::create(rewriter, loc, fill.getRhs())));
  }
};

/// (x <op> c1) <op> c2 -> x <op> (c1 <op> c2) for constants c1, c2 and an
/// associative <op> (add, mul): Theano's canonizers gather the constants of
/// a sum or product into one, which then folds. For floats this
/// reassociates, which changes results only by rounding.
template <typename OpTy> struct MergeConstants : Canonicalization<OpTy> {
  MergeConstants(MLIRContext *ctx, StringRef name)
      : Canonicalization<OpTy>(ctx, name) {}
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getLhs().template getDefiningOp<OpTy>();
    if (!inner || !inner->hasOneUse() ||
        !matchPattern(op.getRhs(), m_Constant()) ||
        !matchPattern(inner.getRhs(), m_Constant()))
      return failure();
    Location loc = op.getLoc();
    Value constants = OpTy::create(rewriter, loc, inner.getRhs(), op.getRhs());
    return this->replaceIfSameType(
        rewriter, op, OpTy::create(rewriter, loc, inner.getLhs(), constants));
  }
};

/// dimshuffle(dimshuffle(x, p), q) -> dimshuffle(x, p o q) (the merging part
/// of Theano's local_dimshuffle_lift); m.T.T becomes m once the identity
/// pattern folds away.
struct DimShuffleMerge : Canonicalization<DimShuffleOp> {
  DimShuffleMerge(MLIRContext *ctx)
      : Canonicalization(ctx, "local_dimshuffle_lift") {}
  LogicalResult matchAndRewrite(DimShuffleOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getInput().getDefiningOp<DimShuffleOp>();
    if (!inner)
      return failure();
    SmallVector<int64_t> pattern;
    for (int64_t p : op.getPattern())
      pattern.push_back(p < 0 ? -1 : inner.getPattern()[p]);
    return replaceIfSameType(rewriter, op,
                             DimShuffleOp::create(rewriter, op.getLoc(),
                                                  inner.getInput(), pattern));
  }
};

/// Bounds [lo, hi] that every element of `v` lies in, both finite, when the
/// ops that compute it guarantee them: constants, the bounded functions
/// (sigmoid, tanh, softmax) and sums, differences, products, negations and
/// squares of bounded values. Rounding is monotone, so bounds computed with
/// the same operations hold for the rounded results.
static std::optional<std::pair<double, double>> finiteRange(Value v,
                                                            int depth = 0) {
  using Range = std::pair<double, double>;
  if (depth > 8)
    return std::nullopt;
  Operation *def = v.getDefiningOp();
  if (!def)
    return std::nullopt;
  auto finite = [](Range r) -> std::optional<Range> {
    if (!std::isfinite(r.first) || !std::isfinite(r.second))
      return std::nullopt;
    return r;
  };
  auto of = [&](Value operand) { return finiteRange(operand, depth + 1); };
  auto both = [&](Operation *op) -> std::optional<std::pair<Range, Range>> {
    auto a = of(op->getOperand(0)), b = of(op->getOperand(1));
    if (!a || !b)
      return std::nullopt;
    return std::make_pair(*a, *b);
  };
  auto product = [&](Range a, Range b) {
    double p[] = {a.first * b.first, a.first * b.second, a.second * b.first,
                  a.second * b.second};
    return finite({*std::min_element(p, p + 4), *std::max_element(p, p + 4)});
  };
  if (auto constant = dyn_cast<ConstantOp>(def)) {
    std::optional<double> value = splatValueOf(constant.getValue());
    if (!value)
      return std::nullopt;
    return finite({*value, *value});
  }
  if (isa<SigmoidOp, SoftmaxOp>(def))
    return Range{0.0, 1.0};
  if (isa<TanhOp>(def))
    return Range{-1.0, 1.0};
  if (auto shuffle = dyn_cast<DimShuffleOp>(def))
    return of(shuffle.getInput());
  if (auto neg = dyn_cast<NegOp>(def)) {
    auto r = of(neg.getInput());
    return r ? std::optional<Range>(Range{-r->second, -r->first}) : r;
  }
  if (auto sqr = dyn_cast<SqrOp>(def)) {
    auto r = of(sqr.getInput());
    if (!r)
      return r;
    auto square = product(*r, *r);
    if (square && r->first <= 0 && r->second >= 0)
      square->first = 0;
    return square;
  }
  if (isa<AddOp, SubOp, MulOp>(def)) {
    auto ranges = both(def);
    if (!ranges)
      return std::nullopt;
    auto [a, b] = *ranges;
    if (isa<AddOp>(def))
      return finite({a.first + b.first, a.second + b.second});
    if (isa<SubOp>(def))
      return finite({a.first - b.second, a.second - b.first});
    return product(a, b);
  }
  return std::nullopt;
}

/// x / x -> 1 where that is exact: x is finite and never zero (by
/// finiteRange), so no element can be 0/0 or inf/inf. Theano cancels x/x
/// unconditionally; tcc keeps the NaN a zero would give.
struct DivSelf : Canonicalization<TrueDivOp> {
  DivSelf(MLIRContext *ctx) : Canonicalization(ctx, "local_div_self") {}
  LogicalResult matchAndRewrite(TrueDivOp op,
                                PatternRewriter &rewriter) const override {
    Value x = op.getLhs();
    auto type = op.getType();
    if (x != op.getRhs() || x.getType() != type ||
        !isa<FloatType>(type.getElementType()))
      return failure();
    auto range = finiteRange(x);
    if (!range || (range->first <= 0 && range->second >= 0))
      return failure();
    Location loc = op.getLoc();
    auto scalarType = RankedTensorType::get({}, type.getElementType());
    Value one = ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(
            scalarType,
            FloatAttr::get(type.getElementType(), 1.0).getValue()));
    if (type.getRank() > 0)
      one = DimShuffleOp::create(rewriter, loc, one,
                                 SmallVector<int64_t>(type.getRank(), -1));
    return replaceIfSameType(rewriter, op,
                             SecondOp::create(rewriter, loc, x, one));
  }
};

/// dot(A.T, v) -> dot(v, A) and dot(v, A.T) -> dot(A, v): the same numbers
/// without materializing the transpose (BLAS reads A either way), as the SGD
/// update's dot(X.T, g) is written.
struct DotTransposedMatrixVector : Canonicalization<DotOp> {
  DotTransposedMatrixVector(MLIRContext *ctx)
      : Canonicalization(ctx, "local_dot_transpose_to_vecmat") {}
  LogicalResult matchAndRewrite(DotOp op,
                                PatternRewriter &rewriter) const override {
    auto transposeOf = [](Value v) -> Value {
      auto shuffle = v.getDefiningOp<DimShuffleOp>();
      if (!shuffle || shuffle.getPattern() != ArrayRef<int64_t>{1, 0})
        return nullptr;
      return shuffle.getInput();
    };
    Value lhs = op.getLhs(), rhs = op.getRhs();
    int64_t lr = cast<RankedTensorType>(lhs.getType()).getRank();
    int64_t rr = cast<RankedTensorType>(rhs.getType()).getRank();
    if (Value a = transposeOf(lhs); a && lr == 2 && rr == 1)
      return replaceIfSameType(rewriter, op,
                               DotOp::create(rewriter, op.getLoc(), rhs, a));
    if (Value a = transposeOf(rhs); a && lr == 1 && rr == 2)
      return replaceIfSameType(rewriter, op,
                               DotOp::create(rewriter, op.getLoc(), a, lhs));
    return failure();
  }
};

} // namespace

void SubOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                        MLIRContext *context) {
  patterns.add<AddSubCancel, SubNeg, FillSink<SubOp>>(context);
}
void AddOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                        MLIRContext *context) {
  patterns.add<AddNeg, AddSelf, FillSink<AddOp>>(context);
  patterns.add<MergeConstants<AddOp>>(context, "local_add_canonizer");
}
void MulOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                        MLIRContext *context) {
  patterns.add<NegNegCancel<MulOp>>(context, "local_mul_neg_neg");
  patterns.add<FillSink<MulOp>>(context);
  patterns.add<MergeConstants<MulOp>>(context, "local_mul_canonizer");
}
void TrueDivOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                            MLIRContext *context) {
  patterns.add<NegNegCancel<TrueDivOp>>(context, "local_div_neg_neg");
  patterns.add<FillSink<TrueDivOp>, DivSelf>(context);
}
void NegOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                        MLIRContext *context) {
  patterns.add<NegSub, NegFillSink>(context);
}
void SumOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                        MLIRContext *context) {
  patterns.add<SumMulByScalar>(context);
}
void SecondOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                           MLIRContext *context) {
  patterns.add<UselessFill>(context);
}
void CastOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                         MLIRContext *context) {
  patterns.add<CastCast>(context);
}
void DimShuffleOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                               MLIRContext *context) {
  patterns.add<DimShuffleMerge>(context);
}
void DotOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                        MLIRContext *context) {
  patterns.add<DotTransposedMatrixVector>(context);
}
