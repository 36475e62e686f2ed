//===- ThToLinalg.cpp - th ops to linalg on tensors -----------------------===//
//
// Theano's broadcasting maps directly onto linalg indexing maps: an operand
// dimension that is broadcastable (a static 1 in its type) is read at index 0
// while the loop runs over the result's size. Dynamic result sizes come from
// an operand that is not broadcastable in that dimension; the runtime has
// checked before the call that all such operands agree.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"
#include "Passes/Rewrites.h"
#include "Passes/ScalarBody.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <limits>

namespace tcc {
#define GEN_PASS_DEF_CONVERTTHTOLINALG
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

/// Dynamic sizes of `type`, each taken from the first of `sources` whose own
/// type is not broadcastable in that dimension. `dimMap[d]` names the source
/// dimension that corresponds to result dimension d (identity if empty).
static SmallVector<Value> dynamicSizes(OpBuilder &b, Location loc,
                                       RankedTensorType type,
                                       ValueRange sources) {
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (!type.isDynamicDim(d))
      continue;
    for (Value source : sources) {
      auto st = cast<RankedTensorType>(source.getType());
      if (st.getDimSize(d) != 1) {
        sizes.push_back(tensor::DimOp::create(b, loc, source, d));
        break;
      }
    }
  }
  return sizes;
}

static SmallVector<utils::IteratorType> parallel(int64_t n) {
  return SmallVector<utils::IteratorType>(n, utils::IteratorType::parallel);
}

namespace {

/// Any th elementwise op (and th.cast) -> one linalg.generic.
struct LowerElementwise : RewritePattern {
  LowerElementwise(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!op->hasTrait<th::OpTrait::ElementwiseBroadcastable>() &&
        !isa<th::CastOp>(op))
      return failure();
    Location loc = op->getLoc();
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    int64_t rank = resultType.getRank();
    Value init = tensor::EmptyOp::create(
        rewriter, loc, resultType.getShape(), resultType.getElementType(),
        dynamicSizes(rewriter, loc, resultType, op->getOperands()));

    SmallVector<AffineMap> maps;
    for (Value operand : op->getOperands()) {
      auto type = cast<RankedTensorType>(operand.getType());
      SmallVector<AffineExpr> exprs;
      for (int64_t d = 0; d < rank; ++d)
        exprs.push_back(type.getDimSize(d) == 1
                            ? rewriter.getAffineConstantExpr(0)
                            : rewriter.getAffineDimExpr(d));
      maps.push_back(AffineMap::get(rank, 0, exprs, rewriter.getContext()));
    }
    maps.push_back(rewriter.getMultiDimIdentityMap(rank));

    Type elementType = resultType.getElementType();
    bool ok = true;
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, op->getOperands(),
        ValueRange{init}, maps, parallel(rank),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value v = tcc::buildScalarOp(b, l, op, args.drop_back(), elementType);
          if (!v) {
            ok = false;
            v = args.back();
          }
          linalg::YieldOp::create(b, l, v);
        });
    if (!ok) {
      rewriter.eraseOp(generic);
      return rewriter.notifyMatchFailure(op, "no scalar form");
    }
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// The identity of max (-inf, or the smallest integer) or of min.
static Value extremumIdentity(OpBuilder &b, Location loc, Type type,
                              bool isMax) {
  if (auto ft = dyn_cast<FloatType>(type)) {
    double inf = std::numeric_limits<double>::infinity();
    return arith::ConstantOp::create(b, loc,
                                     FloatAttr::get(ft, isMax ? -inf : inf));
  }
  unsigned width = type.getIntOrFloatBitWidth();
  APInt v = type.isUnsignedInteger()
                ? (isMax ? APInt::getMinValue(width) : APInt::getMaxValue(width))
                : (isMax ? APInt::getSignedMinValue(width)
                         : APInt::getSignedMaxValue(width));
  return arith::ConstantOp::create(b, loc, IntegerAttr::get(type, v));
}

/// The identity of a reduction's combiner, as an element of `type`.
static Value reductionIdentity(OpBuilder &b, Location loc, Operation *op,
                               Type type) {
  if (isa<th::MaxOp, th::MinOp>(op))
    return extremumIdentity(b, loc, type, isa<th::MaxOp>(op));
  int64_t v = isa<th::ProdOp>(op) ? 1 : 0;
  if (auto ft = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, FloatAttr::get(ft, double(v)));
  return arith::ConstantOp::create(b, loc, IntegerAttr::get(type, v));
}

static Value combine(OpBuilder &b, Location loc, Operation *op, Value acc,
                     Value x) {
  bool isFloat = isa<FloatType>(x.getType());
  bool isUnsigned = x.getType().isUnsignedInteger();
  if (isa<th::MaxOp>(op))
    return isFloat      ? Value(arith::MaximumFOp::create(b, loc, acc, x))
           : isUnsigned ? Value(arith::MaxUIOp::create(b, loc, acc, x))
                        : Value(arith::MaxSIOp::create(b, loc, acc, x));
  if (isa<th::MinOp>(op))
    return isFloat      ? Value(arith::MinimumFOp::create(b, loc, acc, x))
           : isUnsigned ? Value(arith::MinUIOp::create(b, loc, acc, x))
                        : Value(arith::MinSIOp::create(b, loc, acc, x));
  if (isa<th::ProdOp>(op))
    return isFloat ? Value(arith::MulFOp::create(b, loc, acc, x))
                   : Value(arith::MulIOp::create(b, loc, acc, x));
  return isFloat ? Value(arith::AddFOp::create(b, loc, acc, x))
                 : Value(arith::AddIOp::create(b, loc, acc, x));
}

/// How a linalg.generic reducing `input` over `axes` iterates: reduction
/// iterators on the axes, the map from the input's dimensions to the
/// result's (the others), and the result's dynamic sizes.
struct ReductionLayout {
  SmallVector<utils::IteratorType> iterators;
  AffineMap resultMap;
  SmallVector<Value> resultSizes;
};

static ReductionLayout reductionLayout(OpBuilder &b, Location loc, Value input,
                                       ArrayRef<int64_t> axes) {
  auto type = cast<RankedTensorType>(input.getType());
  ReductionLayout layout;
  SmallVector<AffineExpr> resultExprs;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (llvm::is_contained(axes, d)) {
      layout.iterators.push_back(utils::IteratorType::reduction);
      continue;
    }
    layout.iterators.push_back(utils::IteratorType::parallel);
    resultExprs.push_back(b.getAffineDimExpr(d));
    if (type.isDynamicDim(d))
      layout.resultSizes.push_back(tensor::DimOp::create(b, loc, input, d));
  }
  layout.resultMap =
      AffineMap::get(type.getRank(), 0, resultExprs, b.getContext());
  return layout;
}

/// A tensor of `shape` (dynamic sizes `sizes`) filled with `value`.
static Value filledTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                          ValueRange sizes, Value value) {
  Value empty = tensor::EmptyOp::create(b, loc, shape, value.getType(), sizes);
  return linalg::FillOp::create(b, loc, value, empty).getResult(0);
}

/// th.sum/prod/mean/max/min -> linalg.generic with reduction iterators (mean
/// then divides by the number of reduced elements, as NumPy does).
template <typename OpTy> struct LowerReduction : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto inType = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> axes = op.getAxes();
    int64_t rank = inType.getRank();
    ReductionLayout layout = reductionLayout(rewriter, loc, input, axes);
    Type elementType = resultType.getElementType();
    // Theano's acc_dtype: float32 sums, products and means accumulate in
    // float64 and round once at the end.
    bool widen =
        elementType.isF32() && isa<th::SumOp, th::ProdOp, th::MeanOp>(op);
    Type accType = widen ? rewriter.getF64Type() : elementType;
    auto accTensor = RankedTensorType::get(resultType.getShape(), accType);
    Value init =
        filledTensor(rewriter, loc, resultType.getShape(), layout.resultSizes,
                     reductionIdentity(rewriter, loc, op, accType));
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank),
                                   layout.resultMap};
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{accTensor}, ValueRange{input},
        ValueRange{init}, maps, layout.iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = widen ? Value(arith::ExtFOp::create(b, l, accType, args[0]))
                          : args[0];
          linalg::YieldOp::create(b, l, combine(b, l, op, args[1], x));
        });
    Value result = generic.getResult(0);

    // Round to the result dtype, then (mean) divide by the number of reduced
    // elements in it, as Theano's mean does.
    bool isMean = isa<th::MeanOp>(op.getOperation());
    if (widen || isMean) {
      Value countF;
      if (isMean) {
        Value count = arith::ConstantIndexOp::create(rewriter, loc, 1);
        for (int64_t a : axes)
          count = arith::MulIOp::create(
              rewriter, loc, count,
              tensor::DimOp::create(rewriter, loc, input, a));
        Value countInt = arith::IndexCastOp::create(
            rewriter, loc, rewriter.getI64Type(), count);
        countF = arith::SIToFPOp::create(rewriter, loc, elementType, countInt);
      }
      int64_t outRank = resultType.getRank();
      Value out = tensor::EmptyOp::create(
          rewriter, loc, resultType.getShape(), elementType,
          dynamicSizes(rewriter, loc, resultType, ValueRange{result}));
      auto id = rewriter.getMultiDimIdentityMap(outRank);
      result = linalg::GenericOp::create(
                   rewriter, loc, TypeRange{resultType}, ValueRange{result},
                   ValueRange{out}, SmallVector<AffineMap>{id, id},
                   parallel(outRank),
                   [&](OpBuilder &b, Location l, ValueRange args) {
                     Value v = args[0];
                     if (widen)
                       v = arith::TruncFOp::create(b, l, elementType, v);
                     if (isMean)
                       v = arith::DivFOp::create(b, l, v, countF);
                     linalg::YieldOp::create(b, l, v);
                   })
                   .getResult(0);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// th.argmax/argmin -> one linalg.generic with two results, the extremum so
/// far and its position (row-major over the reduced axes). A strictly
/// better element replaces them, so ties keep the first; a NaN beats any
/// number and nothing beats a NaN (NumPy's rule).
template <typename OpTy> struct LowerArgReduction : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    bool isMax = isa<th::ArgmaxOp>(op.getOperation());
    Value input = op.getInput();
    auto inType = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type element = inType.getElementType();
    ArrayRef<int64_t> axes = op.getAxes();
    int64_t rank = inType.getRank();

    ReductionLayout layout = reductionLayout(rewriter, loc, input, axes);
    SmallVector<Value> reducedSizes;
    for (int64_t axis : axes)
      reducedSizes.push_back(tensor::DimOp::create(rewriter, loc, input, axis));
    // The identity of max (min) as the starting extremum, position 0: an
    // all -inf (+inf) row then reports its first element, as NumPy does.
    auto valueType = RankedTensorType::get(resultType.getShape(), element);
    Value values =
        filledTensor(rewriter, loc, resultType.getShape(), layout.resultSizes,
                     extremumIdentity(rewriter, loc, element, isMax));
    Value positions =
        filledTensor(rewriter, loc, resultType.getShape(), layout.resultSizes,
                     arith::ConstantOp::create(rewriter, loc,
                                               rewriter.getI64IntegerAttr(0)));
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank),
                                   layout.resultMap, layout.resultMap};
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{valueType, resultType}, ValueRange{input},
        ValueRange{values, positions}, maps, layout.iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], best = args[1], bestPos = args[2];
          // Row-major position within the reduced axes.
          Value pos;
          for (auto [i, axis] : llvm::enumerate(axes)) {
            Value index = linalg::IndexOp::create(b, l, axis);
            pos = pos ? Value(arith::AddIOp::create(
                            b, l,
                            arith::MulIOp::create(b, l, pos, reducedSizes[i]),
                            index))
                      : index;
          }
          if (!pos) // No reduced axis: every element is its own extremum.
            pos = arith::ConstantIndexOp::create(b, l, 0);
          Value better;
          if (isa<FloatType>(element)) {
            Value strictly = arith::CmpFOp::create(
                b, l,
                isMax ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT,
                x, best);
            Value xNan =
                arith::CmpFOp::create(b, l, arith::CmpFPredicate::UNO, x, x);
            Value bestNotNan = arith::CmpFOp::create(
                b, l, arith::CmpFPredicate::ORD, best, best);
            better = arith::OrIOp::create(
                b, l, strictly, arith::AndIOp::create(b, l, xNan, bestNotNan));
          } else {
            bool u = element.isUnsignedInteger() || element.isInteger(1);
            better = arith::CmpIOp::create(
                b, l,
                isMax ? (u ? arith::CmpIPredicate::ugt : arith::CmpIPredicate::sgt)
                      : (u ? arith::CmpIPredicate::ult : arith::CmpIPredicate::slt),
                x, best);
          }
          Value pos64 = arith::IndexCastOp::create(b, l, b.getI64Type(), pos);
          linalg::YieldOp::create(
              b, l,
              ValueRange{
                  arith::SelectOp::create(b, l, better, x, best),
                  arith::SelectOp::create(b, l, better, pos64, bestPos)});
        });
    rewriter.replaceOp(op, generic.getResult(1));
    return success();
  }
};

/// th.dot -> linalg.dot / matvec / vecmat / matmul into a zero-filled init.
struct LowerDot : OpRewritePattern<th::DotOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::DotOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value lhs = op.getLhs(), rhs = op.getRhs();
    auto lt = cast<RankedTensorType>(lhs.getType());
    auto rt = cast<RankedTensorType>(rhs.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    SmallVector<Value> sizes;
    if (lt.getRank() == 2 && lt.isDynamicDim(0))
      sizes.push_back(tensor::DimOp::create(rewriter, loc, lhs, 0));
    if (rt.getRank() == 2 && rt.isDynamicDim(1))
      sizes.push_back(tensor::DimOp::create(rewriter, loc, rhs, 1));
    Value zero = arith::ConstantOp::create(
        rewriter, loc, rewriter.getZeroAttr(resultType.getElementType()));
    Value init =
        filledTensor(rewriter, loc, resultType.getShape(), sizes, zero);
    SmallVector<Value, 2> ins = {lhs, rhs};
    Operation *product;
    if (lt.getRank() == 1 && rt.getRank() == 1)
      product = linalg::DotOp::create(rewriter, loc, TypeRange{resultType}, ins,
                                      ValueRange{init});
    else if (lt.getRank() == 2 && rt.getRank() == 1)
      product = linalg::MatvecOp::create(rewriter, loc, TypeRange{resultType},
                                         ins, ValueRange{init});
    else if (lt.getRank() == 1 && rt.getRank() == 2)
      product = linalg::VecmatOp::create(rewriter, loc, TypeRange{resultType},
                                         ins, ValueRange{init});
    else
      product = linalg::MatmulOp::create(rewriter, loc, TypeRange{resultType},
                                         ins, ValueRange{init});
    rewriter.replaceOp(op, product->getResults());
    return success();
  }
};

/// th.softmax / th.log_softmax -> the max-shifted expansion in th ops, which
/// this pass then lowers like any other: with z = x - max(x, axis),
/// softmax = exp(z) / sum(exp(z)) and log_softmax = z - log(sum(exp(z))).
/// Shifting by the maximum keeps exp from overflowing; the largest term of
/// each sum is exp(0) = 1, so the log never sees 0.
template <typename OpTy> struct LowerSoftmax : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    int64_t axis = op.getAxis();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    SmallVector<int64_t> keepAxis = th::keepDimsPattern(rank, {axis});
    auto reduce = [&](auto reduced) {
      return th::DimShuffleOp::create(rewriter, loc, reduced.getResult(),
                                      keepAxis);
    };
    Value z = th::SubOp::create(
        rewriter, loc, x,
        reduce(th::MaxOp::create(rewriter, loc, x, ArrayRef<int64_t>{axis})));
    Value e = th::ExpOp::create(rewriter, loc, z);
    Value total =
        reduce(th::SumOp::create(rewriter, loc, e, ArrayRef<int64_t>{axis}));
    Value result =
        std::is_same_v<OpTy, th::SoftmaxOp>
            ? Value(th::TrueDivOp::create(rewriter, loc, e, total))
            : Value(th::SubOp::create(rewriter, loc, z,
                                      th::LogOp::create(rewriter, loc, total)));
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// th.gemv / th.gemm -> the linalg product accumulating into `c`, with
/// alpha multiplied into the vector operand (gemv) or the left matrix (gemm)
/// as a th.mul that the elementwise lowering and fusion then handle like any
/// other (it usually fuses with the operand's producer).
template <typename OpTy> struct LowerAccumulatedDot : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value a = op.getA(), b = op.getB();
    int64_t aRank = cast<RankedTensorType>(a.getType()).getRank();
    int64_t bRank = cast<RankedTensorType>(b.getType()).getRank();
    Value &scaled = aRank <= bRank ? a : b;
    if (!tcc::isConstant(op.getAlpha(), 1.0)) {
      int64_t rank = cast<RankedTensorType>(scaled.getType()).getRank();
      Value alpha = th::DimShuffleOp::create(rewriter, loc, op.getAlpha(),
                                             SmallVector<int64_t>(rank, -1));
      scaled = th::MulOp::create(rewriter, loc, alpha, scaled);
    }
    auto resultType = cast<RankedTensorType>(op.getType());
    SmallVector<Value, 2> ins = {a, b};
    Value c = op.getC();
    Operation *product;
    if (aRank == 2 && bRank == 1)
      product = linalg::MatvecOp::create(rewriter, loc, TypeRange{resultType},
                                         ins, ValueRange{c});
    else if (aRank == 1)
      product = linalg::VecmatOp::create(rewriter, loc, TypeRange{resultType},
                                         ins, ValueRange{c});
    else
      product = linalg::MatmulOp::create(rewriter, loc, TypeRange{resultType},
                                         ins, ValueRange{c});
    rewriter.replaceOp(op, product->getResults());
    return success();
  }
};

/// th.dimshuffle -> a copying linalg.generic; dropped (broadcastable)
/// dimensions are read at index 0, inserted ones have size 1.
struct LowerDimShuffle : OpRewritePattern<th::DimShuffleOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::DimShuffleOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto inType = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> pattern = op.getPattern();
    int64_t outRank = resultType.getRank();

    SmallVector<Value> sizes;
    for (int64_t j = 0; j < outRank; ++j)
      if (resultType.isDynamicDim(j))
        sizes.push_back(
            tensor::DimOp::create(rewriter, loc, input, pattern[j]));
    Value init = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                         resultType.getElementType(), sizes);
    SmallVector<AffineExpr> inExprs;
    for (int64_t i = 0; i < inType.getRank(); ++i) {
      const int64_t *pos = llvm::find(pattern, i);
      inExprs.push_back(pos == pattern.end()
                            ? rewriter.getAffineConstantExpr(0)
                            : rewriter.getAffineDimExpr(pos - pattern.begin()));
    }
    SmallVector<AffineMap> maps = {
        AffineMap::get(outRank, 0, inExprs, rewriter.getContext()),
        rewriter.getMultiDimIdentityMap(outRank)};
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{input},
        ValueRange{init}, maps, parallel(outRank),
        [&](OpBuilder &b, Location l, ValueRange args) {
          linalg::YieldOp::create(b, l, args[0]);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// th.stack -> scf.for over the count, each iteration's row inserted into a
/// tensor allocated before the loop (the body is lowered in place).
struct LowerStack : OpRewritePattern<th::StackOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(th::StackOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Value count =
        tensor::DimOp::create(rewriter, loc, op.getCountLike(), op.getDim());
    SmallVector<Value> sizes;
    if (resultType.isDynamicDim(0))
      sizes.push_back(count);
    Value rowLike = op.getRowLike();
    auto rowType = cast<RankedTensorType>(rowLike.getType());
    SmallVector<OpFoldResult> rowSizes;
    for (int64_t d = 0; d < rowType.getRank(); ++d) {
      if (rowType.isDynamicDim(d)) {
        Value s = tensor::DimOp::create(rewriter, loc, rowLike, d);
        sizes.push_back(s);
        rowSizes.push_back(s);
      } else {
        rowSizes.push_back(rewriter.getIndexAttr(rowType.getDimSize(d)));
      }
    }
    Value init = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                         resultType.getElementType(), sizes);
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    // The body builder makes the scf.yield the row insertion then feeds.
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, count, one, ValueRange{init},
        [](OpBuilder &b, Location l, Value, ValueRange iterArgs) {
          scf::YieldOp::create(b, l, iterArgs);
        });
    Block *loopBody = loop.getBody();
    Value iv = loop.getInductionVar();
    Value acc = loop.getRegionIterArgs()[0];
    Operation *terminator = loopBody->getTerminator();
    rewriter.setInsertionPoint(terminator);
    Value index64 =
        arith::IndexCastOp::create(rewriter, loc, rewriter.getI64Type(), iv);
    Value indexTensor = tensor::FromElementsOp::create(
        rewriter, loc, RankedTensorType::get({}, rewriter.getI64Type()),
        ValueRange{index64});
    Block &body = op.getBody().front();
    auto yield = cast<th::YieldOp>(body.getTerminator());
    Value row = yield.getValue();
    rewriter.inlineBlockBefore(&body, terminator, ValueRange{indexTensor});
    rewriter.setInsertionPoint(terminator);
    SmallVector<OpFoldResult> offsets(resultType.getRank(),
                                      rewriter.getIndexAttr(0));
    offsets[0] = iv;
    SmallVector<OpFoldResult> fullSizes = {rewriter.getIndexAttr(1)};
    fullSizes.append(rowSizes);
    SmallVector<OpFoldResult> strides(resultType.getRank(),
                                      rewriter.getIndexAttr(1));
    Value updated = tensor::InsertSliceOp::create(rewriter, loc, row, acc,
                                                  offsets, fullSizes, strides);
    rewriter.eraseOp(yield);
    rewriter.modifyOpInPlace(terminator,
                             [&] { terminator->setOperands({updated}); });
    rewriter.replaceOp(op, loop.getResults());
    return success();
  }
};

/// th.onehot -> a linalg.generic comparing the iteration index.
struct LowerOneHot : OpRewritePattern<th::OneHotOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(th::OneHotOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value init = tensor::EmptyOp::create(
        rewriter, loc, type.getShape(), type.getElementType(),
        dynamicSizes(rewriter, loc, type, ValueRange{op.getLike()}));
    Value target =
        tensor::ExtractOp::create(rewriter, loc, op.getIndex(), ValueRange{});
    Type element = type.getElementType();
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{}, ValueRange{init},
        SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(1)}, parallel(1),
        [&](OpBuilder &b, Location l, ValueRange) {
          Value i = linalg::IndexOp::create(b, l, 0);
          Value i64 = arith::IndexCastOp::create(b, l, b.getI64Type(), i);
          Value hit = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, i64,
                                            target);
          Value oneF =
              arith::ConstantOp::create(b, l, b.getFloatAttr(element, 1.0));
          Value zeroF =
              arith::ConstantOp::create(b, l, b.getFloatAttr(element, 0.0));
          linalg::YieldOp::create(
              b, l, Value(arith::SelectOp::create(b, l, hit, oneF, zeroF)));
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// th.shape_i -> tensor.dim as an int64 0-d tensor.
struct LowerShapeI : OpRewritePattern<th::ShapeIOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(th::ShapeIOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value size =
        tensor::DimOp::create(rewriter, loc, op.getInput(), op.getDim());
    Value size64 =
        arith::IndexCastOp::create(rewriter, loc, rewriter.getI64Type(), size);
    rewriter.replaceOpWithNewOp<tensor::FromElementsOp>(op, op.getType(),
                                                        ValueRange{size64});
    return success();
  }
};

/// th.alloc -> linalg.fill of a tensor.empty sized by the size operands.
struct LowerAlloc : OpRewritePattern<th::AllocOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(th::AllocOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    SmallVector<Value> dynamic;
    for (auto [d, size] : llvm::enumerate(op.getSizes())) {
      if (!type.isDynamicDim(d))
        continue;
      Value scalar = tensor::ExtractOp::create(rewriter, loc, size);
      dynamic.push_back(arith::IndexCastOp::create(
          rewriter, loc, rewriter.getIndexType(), scalar));
    }
    Value value = tensor::ExtractOp::create(rewriter, loc, op.getValue());
    rewriter.replaceOp(
        op, filledTensor(rewriter, loc, type.getShape(), dynamic, value));
    return success();
  }
};

/// th.gradient_stop is the identity once gradients are built.
struct LowerGradientStop : OpRewritePattern<th::GradientStopOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(th::GradientStopOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, op.getInput());
    return success();
  }
};

/// th.rebroadcast -> tensor.cast: the values stay where they are; the
/// manifest checked that a dimension made broadcastable has size 1.
struct LowerRebroadcast : OpRewritePattern<th::RebroadcastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(th::RebroadcastOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<tensor::CastOp>(op, op.getType(),
                                                op.getInput());
    return success();
  }
};

/// th.ifelse -> scf.if yielding one branch's value each (control-flow-sink
/// later moves each branch's own computations into its region).
struct LowerIfElse : OpRewritePattern<th::IfElseOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(th::IfElseOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type type = op.getType();
    Value cond = tensor::ExtractOp::create(rewriter, loc, op.getCond());
    auto branch = scf::IfOp::create(rewriter, loc, TypeRange{type}, cond,
                                    /*withElseRegion=*/true);
    for (auto [region, value] :
         {std::pair{&branch.getThenRegion(), op.getThenValue()},
          std::pair{&branch.getElseRegion(), op.getElseValue()}}) {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(&region->front());
      Value v = value;
      if (v.getType() != type)
        v = tensor::CastOp::create(rewriter, loc, type, v);
      scf::YieldOp::create(rewriter, loc, v);
    }
    rewriter.replaceOp(op, branch.getResults());
    return success();
  }
};

struct LowerConstant : OpRewritePattern<th::ConstantOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(th::ConstantOp op,
                                PatternRewriter &rewriter) const override {
    auto value = dyn_cast<TypedAttr>(op.getValue());
    if (!value)
      return failure();
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, value);
    return success();
  }
};

/// Unsigned dtypes (ui8...ui64) become signless integers of their width
/// once th is lowered: every op whose meaning depends on signedness chose
/// its unsigned form from the th types above (ScalarBody.cpp), and arith,
/// linalg and LLVM know only signless integers.
static void makeIntegersSignless(ModuleOp module) {
  auto signless = [](IntegerType t) {
    return IntegerType::get(t.getContext(), t.getWidth());
  };
  AttrTypeReplacer replacer;
  replacer.addReplacement([&](IntegerType t) -> std::optional<Type> {
    if (t.isSignless())
      return std::nullopt;
    return signless(t);
  });
  // Constants keep their bits; their attributes carry the element type.
  replacer.addReplacement(
      [&](DenseIntElementsAttr a) -> std::optional<Attribute> {
        auto t = dyn_cast<IntegerType>(a.getElementType());
        if (!t || t.isSignless())
          return std::nullopt;
        return a.bitcast(signless(t));
      });
  replacer.addReplacement([&](IntegerAttr a) -> std::optional<Attribute> {
    auto t = dyn_cast<IntegerType>(a.getType());
    if (!t || t.isSignless())
      return std::nullopt;
    return IntegerAttr::get(signless(t), a.getValue());
  });
  replacer.recursivelyReplaceElementsIn(module, /*replaceAttrs=*/true,
                                        /*replaceLocs=*/false,
                                        /*replaceTypes=*/true);
}

struct ConvertThToLinalgPass
    : tcc::impl::ConvertThToLinalgBase<ConvertThToLinalgPass> {
  using ConvertThToLinalgBase::ConvertThToLinalgBase;
  void runOnOperation() override {
    tcc::declareRandomFunctions(getOperation());
    RewritePatternSet patterns(&getContext());
    tcc::populateThToLinalgPatterns(patterns);
    if (convGemm)
      tcc::populateConvToGemmPatterns(patterns);
    GreedyRewriteConfig config;
    config.enableFolding(false);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      return signalPassFailure();
    // The checks stay until tcc-lower-index-checks, after fusion.
    WalkResult left = getOperation().walk([](Operation *op) {
      if (isa<th::ThDialect>(op->getDialect()) &&
          !isa<th::FuncOp, th::ReturnOp, th::SharedOp, th::ReadOp, th::UpdateOp,
               th::YieldOp, th::CheckIndexOp, th::CheckStepsOp>(op)) {
        op->emitError("could not lower '") << op->getName() << "' to linalg";
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (left.wasInterrupted())
      return signalPassFailure();
    makeIntegersSignless(getOperation());
  }
};

} // namespace

void tcc::populateThToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns
      .add<LowerElementwise, LowerDot, LowerAccumulatedDot<th::GemvOp>,
           LowerAccumulatedDot<th::GemmOp>, LowerSoftmax<th::SoftmaxOp>,
           LowerSoftmax<th::LogSoftmaxOp>, LowerDimShuffle, LowerConstant,
           LowerShapeI, LowerAlloc, LowerStack, LowerOneHot, LowerGradientStop,
           LowerRebroadcast, LowerIfElse,
           LowerReduction<th::SumOp>, LowerReduction<th::MeanOp>,
           LowerReduction<th::MaxOp>, LowerReduction<th::MinOp>,
           LowerReduction<th::ProdOp>, LowerArgReduction<th::ArgmaxOp>,
           LowerArgReduction<th::ArgminOp>>(ctx);
  populateJoinToTensorPatterns(patterns);
  populateNNetToLinalgPatterns(patterns);
  populateScanToLoopsPatterns(patterns);
  populateIndexingToTensorPatterns(patterns);
  populateArangeToLinalgPatterns(patterns);
  populateCumulativeToLoopsPatterns(patterns);
  populateNonzeroToLoopsPatterns(patterns);
  populateRandomToCallsPatterns(patterns);
  populateSortToCallsPatterns(patterns);
  populateAdvancedIndexingToTensorPatterns(patterns);
}
