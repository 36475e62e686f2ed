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

#include "Passes/NNetLowering.h"
#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

#include <limits>

using namespace mlir;

using namespace tcc::nnet;

namespace {

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
      // In this order whatever the host compiler (a call's arguments are
      // evaluated in no set order).
      Value taps = m.dim(filters, 2 + d);
      Value size = m.dim(input, 2 + d);
      sizes.push_back(
          m.convWindows(size, taps, op.getDilations()[d], op.getStrides()[d]));
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
      IndexMath::Covering at = IndexMath{b, l}.coveringOutput(
          index[2], index[3], index[5], index[6], p, s, dl, rows, cols);
      Value g = tensor::ExtractOp::create(
          b, l, grad, ValueRange{index[0], index[4], at.row, at.col});
      return {arith::MulFOp::create(b, l, g, filter), at.valid};
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
      // None when the window does not fit.
      count = m.max(m.windows(size, m.c(w[d]), p[d], s[d]), m.c(0));
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
