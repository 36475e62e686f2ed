//===- NNetToLinalg.cpp - Convolution and pooling to linalg ---------------===//
//
// th.conv2d and th.pool2d become linalg's own convolution and pooling ops
// (conv_2d_nchw_fchw, pooling_nchw_max/sum) on an input padded with
// tensor.pad. Their gradients are linalg.generic ops:
//
// - the filters' gradient is a reduction over the batch and the output
//   positions, reading the padded input at affine positions;
// - the input's gradient gathers, for each input element, the output
//   positions whose window covers it: position y + p = oy * s + i * d is
//   covered by output row oy = (y + p - i * d) / s when that divides exactly
//   and oy is in range. Written as a gather, every output element is written
//   by one iteration, so the loops stay parallel (also on a GPU).
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

#include <limits>

using namespace mlir;

namespace {

/// Index arithmetic at one insertion point.
struct IndexMath {
  OpBuilder &b;
  Location loc;

  Value c(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value l, Value r) { return arith::AddIOp::create(b, loc, l, r); }
  Value sub(Value l, Value r) { return arith::SubIOp::create(b, loc, l, r); }
  Value mul(Value l, Value r) { return arith::MulIOp::create(b, loc, l, r); }
  Value floorDiv(Value l, Value r) {
    return arith::FloorDivSIOp::create(b, loc, l, r);
  }
  Value max(Value l, Value r) { return arith::MaxSIOp::create(b, loc, l, r); }
  Value dim(Value v, int64_t d) { return tensor::DimOp::create(b, loc, v, d); }
  Value cmp(arith::CmpIPredicate p, Value l, Value r) {
    return arith::CmpIOp::create(b, loc, p, l, r);
  }
  Value both(Value l, Value r) { return arith::AndIOp::create(b, loc, l, r); }
  /// Candidate `k` of the windows covering padded row `padded`: the one
  /// starting at row (padded // stride - k) * stride, and whether it exists
  /// (in [0, count)) and reaches `padded` (within `window` rows).
  std::pair<Value, Value> candidateWindow(Value padded, Value k, int64_t stride,
                                          int64_t window, Value count) {
    Value row = sub(floorDiv(padded, c(stride)), k);
    Value valid = both(both(cmp(arith::CmpIPredicate::sge, row, c(0)),
                            cmp(arith::CmpIPredicate::slt, row, count)),
                       cmp(arith::CmpIPredicate::slt,
                           sub(padded, mul(row, c(stride))), c(window)));
    return {row, valid};
  }

  /// `v` where `valid`, else 0: an index that is safe to read at.
  Value orZero(Value valid, Value v) {
    return arith::SelectOp::create(b, loc, valid, v, c(0));
  }

  /// (size + 2 padding - span) // stride + 1.
  Value windows(Value size, Value span, int64_t padding, int64_t stride) {
    return add(floorDiv(sub(add(size, c(2 * padding)), span), c(stride)), c(1));
  }

  /// The output row that tap `tap` of a window (at `tapOffset` rows from
  /// its start) reads at padded row `padded`, and whether there is one:
  /// (padded - tapOffset) / stride, divisible and in [0, count).
  std::pair<Value, Value> coveringWindow(Value padded, Value tapOffset,
                                         int64_t stride, Value count) {
    Value start = sub(padded, tapOffset);
    Value row = floorDiv(start, c(stride));
    Value valid =
        both(cmp(arith::CmpIPredicate::sge, start, c(0)),
             cmp(arith::CmpIPredicate::eq, mul(row, c(stride)), start));
    valid = both(valid, cmp(arith::CmpIPredicate::slt, row, count));
    return {row, valid};
  }
};

/// A tensor of `type` (its dynamic sizes taken from `sizes`, one per
/// dimension) filled with `value`.
static Value filled(OpBuilder &b, Location loc, RankedTensorType type,
                    ArrayRef<Value> sizes, TypedAttr value) {
  SmallVector<Value> dynamic;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamic.push_back(sizes[d]);
  Value empty = tensor::EmptyOp::create(b, loc, type.getShape(),
                                        type.getElementType(), dynamic);
  Value fill = arith::ConstantOp::create(b, loc, value);
  return linalg::FillOp::create(b, loc, fill, empty).getResult(0);
}

/// `input` with `low` rows and columns of `value` before its last two
/// dimensions and `high` after.
static Value padSpatial(OpBuilder &b, Location loc, Value input,
                        ArrayRef<OpFoldResult> low, ArrayRef<OpFoldResult> high,
                        TypedAttr value) {
  bool none = llvm::all_of(llvm::concat<const OpFoldResult>(low, high),
                           [](OpFoldResult r) { return isZeroInteger(r); });
  if (none)
    return input;
  OpFoldResult zero = b.getIndexAttr(0);
  SmallVector<OpFoldResult> lows = {zero, zero, low[0], low[1]};
  SmallVector<OpFoldResult> highs = {zero, zero, high[0], high[1]};
  Value pad = arith::ConstantOp::create(b, loc, value);
  return tensor::PadOp::create(b, loc, Type(), input, lows, highs, pad)
      .getResult();
}

static Value padSymmetric(OpBuilder &b, Location loc, Value input,
                          ArrayRef<int64_t> padding, TypedAttr value) {
  SmallVector<OpFoldResult> pads = {b.getIndexAttr(padding[0]),
                                    b.getIndexAttr(padding[1])};
  return padSpatial(b, loc, input, pads, pads, value);
}

/// What `compute` builds when every size in `sizes` is non-zero, else
/// `zeros`. The gathers read the gradient at a clamped position, which an
/// empty gradient does not have; then nothing flows back. (The branch must
/// hold the whole generic: a branch inside its body would receive the
/// linalg.index ops it uses from control-flow-sink, out of their block.)
static Value unlessEmpty(OpBuilder &b, Location loc, ArrayRef<Value> sizes,
                         Value zeros,
                         function_ref<Value(OpBuilder &, Location)> compute) {
  IndexMath m{b, loc};
  Value nonEmpty;
  for (Value size : sizes) {
    Value positive = m.cmp(arith::CmpIPredicate::sgt, size, m.c(0));
    nonEmpty = nonEmpty ? m.both(nonEmpty, positive) : positive;
  }
  auto branch = scf::IfOp::create(
      b, loc, nonEmpty,
      [&](OpBuilder &tb, Location tl) {
        scf::YieldOp::create(tb, tl, ValueRange{compute(tb, tl)});
      },
      [&](OpBuilder &eb, Location el) {
        scf::YieldOp::create(eb, el, ValueRange{zeros});
      });
  return branch.getResult(0);
}

static TypedAttr zeroOf(Type element) { return FloatAttr::get(element, 0.0); }

/// Zeros of `type`, with `like`'s sizes (the gradients have the type of an
/// operand of the forward op).
static Value zerosLike(OpBuilder &b, Location loc, RankedTensorType type,
                       Value like) {
  IndexMath m{b, loc};
  SmallVector<Value, 4> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    sizes.push_back(m.dim(like, d));
  return filled(b, loc, type, sizes, zeroOf(type.getElementType()));
}

/// `parallel` parallel loops, then `reductions` reduction loops.
static SmallVector<utils::IteratorType> reductionLoops(int64_t parallel,
                                                       int64_t reductions) {
  SmallVector<utils::IteratorType> iterators(parallel,
                                             utils::IteratorType::parallel);
  iterators.append(reductions, utils::IteratorType::reduction);
  return iterators;
}

/// One term of a gather: its value and whether it counts, from the loop
/// indices and the element of the generic's operand.
using GatherTerm = function_ref<std::pair<Value, Value>(
    OpBuilder &, Location, ArrayRef<Value> index, Value operand)>;

/// A gradient with respect to an NCHW input as a gather: element
/// (n, c, y, x) of a result of `type` (sized like `like`) is the sum of the
/// valid `term`s over the reduction loops that follow the four parallel
/// ones; `operand` (indexed by `operandMap`) sizes them. Guarded by
/// unlessEmpty for the gradient's `rows` and `cols`.
static Value gatherIntoInput(OpBuilder &b, Location loc, RankedTensorType type,
                             Value like, Value operand, AffineMap operandMap,
                             Value rows, Value cols, GatherTerm term) {
  Value init = zerosLike(b, loc, type, like);
  int64_t loops = operandMap.getNumDims();
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps = {
      operandMap,
      AffineMap::getMultiDimIdentityMap(loops, ctx).getMajorSubMap(4)};
  auto gather = [&](OpBuilder &ob, Location ol) -> Value {
    return linalg::GenericOp::create(
               ob, ol, TypeRange{type}, ValueRange{operand}, ValueRange{init},
               maps, reductionLoops(4, loops - 4),
               [&](OpBuilder &gb, Location l, ValueRange args) {
                 // linalg.index must be in the generic's own block, not in
                 // a branch.
                 SmallVector<Value, 7> index;
                 for (int64_t d = 0; d < loops; ++d)
                   index.push_back(linalg::IndexOp::create(gb, l, d));
                 auto [value, valid] = term(gb, l, index, args[0]);
                 Value counted = arith::SelectOp::create(
                     gb, l, valid, value,
                     arith::ConstantOp::create(gb, l,
                                               zeroOf(type.getElementType())));
                 linalg::YieldOp::create(gb, l,
                                         ValueRange{arith::AddFOp::create(
                                             gb, l, args[1], counted)});
               })
        .getResult(0);
  };
  return unlessEmpty(b, loc, {rows, cols}, init, gather);
}

struct LowerConv2d : OpRewritePattern<th::Conv2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::Conv2dOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    IndexMath m{rewriter, loc};
    auto type = cast<RankedTensorType>(op.getType());
    Type element = type.getElementType();
    Value input = padSymmetric(rewriter, loc, op.getInput(), op.getPadding(),
                               zeroOf(element));
    Value filters = op.getFilters();
    SmallVector<Value, 4> sizes = {m.dim(input, 0), m.dim(filters, 0)};
    for (int d = 0; d < 2; ++d) {
      Value span = m.add(m.mul(m.sub(m.dim(filters, 2 + d), m.c(1)),
                               m.c(op.getDilations()[d])),
                         m.c(1));
      sizes.push_back(
          m.windows(m.dim(input, 2 + d), span, 0, op.getStrides()[d]));
    }
    Value init = filled(rewriter, loc, type, sizes, zeroOf(element));
    auto conv = linalg::Conv2DNchwFchwOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{input, filters},
        ValueRange{init}, rewriter.getI64VectorAttr(op.getStrides()),
        rewriter.getI64VectorAttr(op.getDilations()));
    rewriter.replaceOp(op, conv.getResult(0));
    return success();
  }
};

struct LowerConv2dGradFilters : OpRewritePattern<th::Conv2dGradFiltersOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::Conv2dGradFiltersOp op,
                                PatternRewriter &rewriter) const override {
    // grad_filters[f, c, i, j] = sum over n, y, x of
    //   grad[n, f, y, x] * padded[n, c, y * s0 + i * d0, x * s1 + j * d1]
    // Loops (f, c, i, j, n, y, x).
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Type element = type.getElementType();
    Value input = padSymmetric(rewriter, loc, op.getInput(), op.getPadding(),
                               zeroOf(element));
    Value init = zerosLike(rewriter, loc, type, op.getFilters());
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr f, c, i, j, n, y, x;
    bindDims(ctx, f, c, i, j, n, y, x);
    ArrayRef<int64_t> s = op.getStrides(), dl = op.getDilations();
    SmallVector<AffineMap> maps = {
        AffineMap::get(7, 0, {n, f, y, x}, ctx),
        AffineMap::get(7, 0, {n, c, y * s[0] + i * dl[0], x * s[1] + j * dl[1]},
                       ctx),
        AffineMap::get(7, 0, {f, c, i, j}, ctx)};
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{op.getGrad(), input},
        ValueRange{init}, maps, reductionLoops(4, 3),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value product = arith::MulFOp::create(b, l, args[0], args[1]);
          linalg::YieldOp::create(
              b, l, ValueRange{arith::AddFOp::create(b, l, args[2], product)});
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct LowerConv2dGradInput : OpRewritePattern<th::Conv2dGradInputOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::Conv2dGradInputOp op,
                                PatternRewriter &rewriter) const override {
    // grad_input[n, c, y, x] = sum over f, i, j of
    //   grad[n, f, oy, ox] * filters[f, c, i, j]
    // over the (oy, ox) whose window reads padded (y + p0, x + p1) at tap
    // (i, j). Loops (n, c, y, x, f, i, j); grad is gathered.
    Location loc = op.getLoc();
    IndexMath m{rewriter, loc};
    Value grad = op.getGrad();
    Value rows = m.dim(grad, 2), cols = m.dim(grad, 3);
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr n, c, y, x, f, i, j;
    bindDims(ctx, n, c, y, x, f, i, j);
    AffineMap filtersMap = AffineMap::get(7, 0, {f, c, i, j}, ctx);
    ArrayRef<int64_t> p = op.getPadding(), s = op.getStrides(),
                      dl = op.getDilations();
    auto term = [&](OpBuilder &b, Location l, ArrayRef<Value> index,
                    Value filter) -> std::pair<Value, Value> {
      IndexMath bm{b, l};
      auto [oy, rowOk] =
          bm.coveringWindow(bm.add(index[2], bm.c(p[0])),
                            bm.mul(index[5], bm.c(dl[0])), s[0], rows);
      auto [ox, colOk] =
          bm.coveringWindow(bm.add(index[3], bm.c(p[1])),
                            bm.mul(index[6], bm.c(dl[1])), s[1], cols);
      Value valid = bm.both(rowOk, colOk);
      Value g = tensor::ExtractOp::create(b, l, grad,
                                          ValueRange{index[0], index[4],
                                                     bm.orZero(valid, oy),
                                                     bm.orZero(valid, ox)});
      return {arith::MulFOp::create(b, l, g, filter), valid};
    };
    rewriter.replaceOp(op, gatherIntoInput(rewriter, loc,
                                           cast<RankedTensorType>(op.getType()),
                                           op.getInput(), op.getFilters(),
                                           filtersMap, rows, cols, term));
    return success();
  }
};

/// The pooling's padded input and its output sizes: `padding` before and
/// after, and after that, without ignore_border, as many rows as the last
/// window needs past the image.
struct PoolGeometry {
  Value padded;
  SmallVector<Value, 4> outputSizes;
};

template <typename OpTy>
static PoolGeometry poolGeometry(OpBuilder &b, Location loc, OpTy op,
                                 TypedAttr padValue) {
  IndexMath m{b, loc};
  Value input = op.getInput();
  ArrayRef<int64_t> w = op.getWindow(), s = op.getStrides(),
                    p = op.getPadding();
  PoolGeometry g;
  g.outputSizes = {m.dim(input, 0), m.dim(input, 1)};
  SmallVector<OpFoldResult> low, high;
  for (int d = 0; d < 2; ++d) {
    Value size = m.dim(input, 2 + d);
    Value count;
    if (op.getIgnoreBorder()) {
      count = m.windows(size, m.c(w[d]), p[d], s[d]);
    } else if (s[d] >= w[d]) {
      count = m.add(m.floorDiv(m.sub(size, m.c(1)), m.c(s[d])), m.c(1));
    } else {
      Value start = m.floorDiv(m.sub(size, m.c(1 + w[d] - s[d])), m.c(s[d]));
      count = m.add(m.max(start, m.c(0)), m.c(1));
    }
    g.outputSizes.push_back(count);
    // The rows the windows reach: (count - 1) * s + w, at least the padded
    // image's.
    Value reach = m.add(m.mul(m.sub(count, m.c(1)), m.c(s[d])), m.c(w[d]));
    Value padded = m.add(size, m.c(2 * p[d]));
    Value extra = m.max(m.sub(reach, padded), m.c(0));
    low.push_back(b.getIndexAttr(p[d]));
    high.push_back(m.add(extra, m.c(p[d])));
  }
  g.padded = padSpatial(b, loc, input, low, high, padValue);
  return g;
}

static TypedAttr poolPadValue(Type element, th::PoolMode mode) {
  // Max never picks padding: -inf is below every element but NaN.
  if (mode == th::PoolMode::Max)
    return FloatAttr::get(element, -std::numeric_limits<double>::infinity());
  return zeroOf(element);
}

struct LowerPool2d : OpRewritePattern<th::Pool2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::Pool2dOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Type element = type.getElementType();
    TypedAttr padValue = poolPadValue(element, op.getMode());
    PoolGeometry g = poolGeometry(rewriter, loc, op, padValue);
    Value init = filled(rewriter, loc, type, g.outputSizes, padValue);
    Value window =
        tensor::EmptyOp::create(rewriter, loc, op.getWindow(), element);
    SmallVector<Value, 2> ins = {g.padded, window};
    Attribute strides = rewriter.getI64VectorAttr(op.getStrides());
    Attribute dilations = rewriter.getI64VectorAttr({1, 1});
    Operation *pool =
        op.getMode() == th::PoolMode::Max
            ? linalg::PoolingNchwMaxOp::create(rewriter, loc, TypeRange{type},
                                               ins, ValueRange{init}, strides,
                                               dilations)
                  .getOperation()
            : linalg::PoolingNchwSumOp::create(rewriter, loc, TypeRange{type},
                                               ins, ValueRange{init}, strides,
                                               dilations)
                  .getOperation();
    rewriter.replaceOp(op, pool->getResult(0));
    return success();
  }
};

struct LowerPool2dGrad : OpRewritePattern<th::Pool2dGradOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::Pool2dGradOp op,
                                PatternRewriter &rewriter) const override {
    // grad_input[n, c, y, x] = sum of grad[n, c, oy, ox] over the windows
    // (oy, ox) that cover (y + p0, x + p1) (for max, only those whose
    // maximum equals input[n, c, y, x]). Padded row r is covered by at most
    // ceil(w / s) windows: oy = r // s - k for k = 0, 1, ..., those with
    // 0 <= oy < rows and r - oy * s < w. Loops (n, c, y, x, k, l) over
    // exactly those candidates (a shape-only operand sizes k and l), not
    // over every tap of the window.
    Location loc = op.getLoc();
    IndexMath m{rewriter, loc};
    auto type = cast<RankedTensorType>(op.getType());
    Value input = op.getInput(), output = op.getOutput(), grad = op.getGrad();
    ArrayRef<int64_t> w = op.getWindow(), p = op.getPadding(),
                      s = op.getStrides();
    SmallVector<int64_t, 2> candidates;
    for (int d = 0; d < 2; ++d)
      candidates.push_back(llvm::divideCeil(w[d], s[d]));
    Value window = tensor::EmptyOp::create(rewriter, loc, candidates,
                                           type.getElementType());
    Value rows = m.dim(grad, 2), cols = m.dim(grad, 3);
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr n, c, y, x, i, j;
    bindDims(ctx, n, c, y, x, i, j);
    AffineMap windowMap = AffineMap::get(6, 0, {i, j}, ctx);
    bool isMax = op.getMode() == th::PoolMode::Max;
    auto term = [&](OpBuilder &b, Location l, ArrayRef<Value> index,
                    Value) -> std::pair<Value, Value> {
      IndexMath bm{b, l};
      auto [oy, rowOk] = bm.candidateWindow(bm.add(index[2], bm.c(p[0])),
                                            index[4], s[0], w[0], rows);
      auto [ox, colOk] = bm.candidateWindow(bm.add(index[3], bm.c(p[1])),
                                            index[5], s[1], w[1], cols);
      Value valid = bm.both(rowOk, colOk);
      SmallVector<Value, 4> at = {index[0], index[1], bm.orZero(valid, oy),
                                  bm.orZero(valid, ox)};
      Value g = tensor::ExtractOp::create(b, l, grad, at);
      if (isMax) {
        Value best = tensor::ExtractOp::create(b, l, output, at);
        Value mine =
            tensor::ExtractOp::create(b, l, input, index.take_front(4));
        valid = bm.both(
            valid,
            arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, mine, best));
      }
      return {g, valid};
    };
    rewriter.replaceOp(op, gatherIntoInput(rewriter, loc, type, input, window,
                                           windowMap, rows, cols, term));
    return success();
  }
};

} // namespace

void tcc::populateNNetToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerConv2d, LowerConv2dGradFilters, LowerConv2dGradInput,
               LowerPool2d, LowerPool2dGrad>(patterns.getContext());
}
