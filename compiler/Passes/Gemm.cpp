//===- Gemm.cpp - Sums with a matrix product become gemv/gemm (th-gemm) ---===//
//
// Theano's GemmOptimizer: an expression that is a linear combination of
// terms, one of which is a matrix product, `c1*t1 - c2*t2 + ... + s*dot(a,b)`
// with scalar coefficients, becomes `gemv(rest, s, a, b)` (or gemm), where
// `rest` is the combination of the other terms. BLAS then accumulates the
// product into rest's buffer: no temporary for the product, no separate
// pass to add it, and for the SGD update `w - lr * dot(X.T, g)` the product
// lands directly in w's buffer once th-lower-functions makes the update
// in place (tcc-inplace-updates).
//
// Like Theano's _gemm_canonicalize, the expression is flattened through
// add, sub, neg, multiplication by a scalar and division by a scalar. Only
// single-use intermediates are looked through, so nothing is computed twice.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"
#include "Passes/Rewrites.h"

#include "Th/IR/ThOps.h"


namespace tcc {
#define GEN_PASS_DEF_GEMM
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;
using namespace tcc;

namespace {

constexpr const char *kPhase = "th-gemm";

/// A term of the linear combination: sign * value * prod(scales) /
/// prod(divisors), each scale and divisor a scalar broadcast to any rank.
struct Term {
  Value value;
  bool negative = false;
  SmallVector<Value, 2> scales;
  SmallVector<Value, 2> divisors;

  Term negated() const {
    Term t = *this;
    t.negative = !t.negative;
    return t;
  }
  Term with(Value v) const {
    Term t = *this;
    t.value = v;
    return t;
  }
};

/// A tensor whose every dimension is a static 1, of rank at most `rank`: a
/// scalar as the front end broadcasts it.
static bool isScalarLike(Value v, int64_t rank) {
  auto type = cast<RankedTensorType>(v.getType());
  return type.getRank() <= rank &&
         llvm::all_of(type.getShape(), [](int64_t d) { return d == 1; });
}

/// Whether `v` is the operand of a larger combination `collectTerms` would
/// look through, so that the pattern should fire at that user instead.
static bool isInnerTerm(Value v) {
  if (!v.hasOneUse())
    return false;
  Operation *user = *v.getUsers().begin();
  if (user->getNumResults() != 1 || user->getResult(0).getType() != v.getType())
    return false;
  int64_t rank = cast<RankedTensorType>(v.getType()).getRank();
  if (isa<th::NegOp>(user))
    return true;
  // collectTerms looks through an add or sub only when neither side
  // broadcasts.
  if (isa<th::AddOp, th::SubOp>(user))
    return llvm::all_of(user->getOperandTypes(),
                        [&](Type t) { return t == v.getType(); });
  if (auto mul = dyn_cast<th::MulOp>(user))
    return isScalarLike(mul.getLhs() == v ? mul.getRhs() : mul.getLhs(), rank);
  if (auto div = dyn_cast<th::TrueDivOp>(user))
    return div.getLhs() == v && isScalarLike(div.getRhs(), rank);
  return false;
}

/// Flattens `term.value` into `out`, looking through single-use add, sub,
/// neg, and multiplications and divisions by scalars of the root's type.
static void collectTerms(const Term &term, Type rootType, bool isRoot,
                         SmallVectorImpl<Term> &out) {
  Value v = term.value;
  Operation *def = v.getDefiningOp();
  int64_t rank = cast<RankedTensorType>(rootType).getRank();
  auto sameType = [&](Value x) { return x.getType() == rootType; };
  if (def && (isRoot || v.hasOneUse()) && sameType(v)) {
    if (auto add = dyn_cast<th::AddOp>(def);
        add && sameType(add.getLhs()) && sameType(add.getRhs())) {
      collectTerms(term.with(add.getLhs()), rootType, false, out);
      collectTerms(term.with(add.getRhs()), rootType, false, out);
      return;
    }
    if (auto sub = dyn_cast<th::SubOp>(def);
        sub && sameType(sub.getLhs()) && sameType(sub.getRhs())) {
      collectTerms(term.with(sub.getLhs()), rootType, false, out);
      collectTerms(term.with(sub.getRhs()).negated(), rootType, false, out);
      return;
    }
    if (auto neg = dyn_cast<th::NegOp>(def)) {
      collectTerms(term.with(neg.getInput()).negated(), rootType, false, out);
      return;
    }
    if (auto mul = dyn_cast<th::MulOp>(def)) {
      for (auto [scale, other] : {std::pair(mul.getLhs(), mul.getRhs()),
                                  std::pair(mul.getRhs(), mul.getLhs())}) {
        // A 1x1 product is scalar-like too: it is a term, not a scale.
        if (!isScalarLike(scale, rank) || !sameType(other) ||
            scale.getDefiningOp<th::DotOp>())
          continue;
        Term scaled = term.with(other);
        scaled.scales.push_back(scale);
        collectTerms(scaled, rootType, false, out);
        return;
      }
    }
    if (auto div = dyn_cast<th::TrueDivOp>(def);
        div && isScalarLike(div.getRhs(), rank) && sameType(div.getLhs())) {
      Term scaled = term.with(div.getLhs());
      scaled.divisors.push_back(div.getRhs());
      collectTerms(scaled, rootType, false, out);
      return;
    }
  }
  out.push_back(term);
}

/// The matrix product a term is, if it can become a gemv or gemm: a
/// single-use th.dot of the root's type with rank 1 or 2.
static th::DotOp productOf(const Term &term, Type rootType) {
  auto dot = term.value.getDefiningOp<th::DotOp>();
  if (!dot || !dot->hasOneUse() || dot.getType() != rootType)
    return nullptr;
  int64_t rank = dot.getType().getRank();
  return rank == 1 || rank == 2 ? dot : nullptr;
}

/// `s` as a 0-d tensor (dropping its broadcastable dimensions).
static Value toScalar(PatternRewriter &rewriter, Location loc, Value s) {
  if (cast<RankedTensorType>(s.getType()).getRank() == 0)
    return s;
  return th::DimShuffleOp::create(rewriter, loc, s, ArrayRef<int64_t>{});
}

/// The term's value times its coefficient, in the term's own type.
static Value materialize(PatternRewriter &rewriter, Location loc,
                         const Term &term) {
  Value v = term.value;
  for (Value s : term.scales)
    v = th::MulOp::create(rewriter, loc, s, v);
  for (Value d : term.divisors)
    v = th::TrueDivOp::create(rewriter, loc, v, d);
  return v;
}

/// The term's coefficient as a 0-d tensor.
static Value coefficient(PatternRewriter &rewriter, Location loc,
                         const Term &term, Type element) {
  auto scalarType = RankedTensorType::get({}, element);
  Value c;
  for (Value s : term.scales) {
    Value scalar = toScalar(rewriter, loc, s);
    c = c ? Value(th::MulOp::create(rewriter, loc, c, scalar)) : scalar;
  }
  if (!c)
    c = th::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(scalarType, FloatAttr::get(element, 1.0)));
  for (Value d : term.divisors)
    c = th::TrueDivOp::create(rewriter, loc, c, toScalar(rewriter, loc, d));
  if (term.negative)
    c = th::NegOp::create(rewriter, loc, c);
  return c;
}

template <typename OpTy> struct GemmFromSum : NamedRewrite<OpTy> {
  GemmFromSum(MLIRContext *ctx)
      : NamedRewrite<OpTy>(ctx, kPhase, "gemm_optimizer") {}

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto rootType = cast<RankedTensorType>(op.getType());
    if (!isa<FloatType>(rootType.getElementType()) ||
        isInnerTerm(op.getResult()))
      return failure();
    SmallVector<Term> terms;
    collectTerms(Term{op.getResult()}, rootType, true, terms);
    auto product = llvm::find_if(
        terms, [&](const Term &t) { return productOf(t, rootType); });
    if (product == terms.end() || terms.size() < 2 ||
        llvm::any_of(terms, [&](const Term &t) {
          return t.value.getType() != rootType;
        }))
      return failure();
    th::DotOp dot = productOf(*product, rootType);
    Location loc = op.getLoc();
    // The product keeps both places it came from (the manifest's shape
    // checks name the dot for the contraction and the sum for the rest).
    Location gemmLoc = rewriter.getFusedLoc({dot.getLoc(), loc});
    Value rest;
    for (const Term &t : terms) {
      if (&t == &*product)
        continue;
      Value v = materialize(rewriter, loc, t);
      if (!rest)
        rest = t.negative ? Value(th::NegOp::create(rewriter, loc, v)) : v;
      else if (t.negative)
        rest = th::SubOp::create(rewriter, loc, rest, v);
      else
        rest = th::AddOp::create(rewriter, loc, rest, v);
    }
    Value alpha =
        coefficient(rewriter, loc, *product, rootType.getElementType());
    Value result =
        rootType.getRank() == 2
            ? Value(th::GemmOp::create(rewriter, gemmLoc, rootType, rest, alpha,
                                       dot.getLhs(), dot.getRhs()))
            : Value(th::GemvOp::create(rewriter, gemmLoc, rootType, rest, alpha,
                                       dot.getLhs(), dot.getRhs()));
    this->replace(rewriter, op, result);
    return success();
  }
};

struct GemmPass : tcc::impl::GemmBase<GemmPass> {
  using GemmBase::GemmBase;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateGemmPatterns(patterns);
    if (failed(applyNamedRewrites(getOperation(), std::move(patterns),
                                  disabledPatterns)))
      signalPassFailure();
  }
};

} // namespace

void tcc::populateGemmPatterns(RewritePatternSet &patterns) {
  patterns.add<GemmFromSum<th::AddOp>, GemmFromSum<th::SubOp>,
               GemmFromSum<th::NegOp>, GemmFromSum<th::MulOp>,
               GemmFromSum<th::TrueDivOp>>(patterns.getContext());
}
