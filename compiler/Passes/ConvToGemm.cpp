//===- ConvToGemm.cpp - conv2d and its gradients as im2col + BLAS ---------===//
//
// On the CPU (`convert-th-to-linalg{conv-gemm}`), th.conv2d and its two
// gradients become one matrix product per sample, which tcc-linalg-to-blas
// turns into a BLAS gemm, as Theano's CorrMM and PyTorch's CPU convolution
// do. With K = C*KH*KW taps and P = OH*OW output positions:
//
// - conv2d: out[n] (F x P) = W (F x K) . cols(n) (K x P);
// - the filters' gradient: dW (F x K) = sum over n of
//   grad[n] (F x P) . colsT(n) (P x K);
// - the input's gradient: dcols[n] (K x P) = W^T . grad[n], then col2im:
//   the gather of NNetLowering.h, over the taps only.
//
// cols(n) is sample n of the padded input at every tap of every window,
// cols[(c, i, j), (oy, ox)] = padded[n, c, oy*s0 + i*d0, ox*s1 + j*d1]. One
// sample at a time bounds the extra memory to one sample's columns. The
// direct lowerings of NNetToLinalg.cpp stay for -O0 and the GPU.
//
//===----------------------------------------------------------------------===//

#include "Passes/NNetLowering.h"
#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace tcc::nnet;

namespace {

/// The sizes of one convolution, and where its windows are.
struct ConvShape {
  Value batch, channels, filters, rows, cols; // KH, KW in rows, cols.
  Value outRows, outCols;
  ArrayRef<int64_t> strides, dilations;
};

} // namespace

static RankedTensorType dynamicTensor(int64_t rank, Type element) {
  return RankedTensorType::get(SmallVector<int64_t>(rank, ShapedType::kDynamic),
                               element);
}

static Type elementOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getElementType();
}

/// Only float32 and float64 have a BLAS gemm. (The verifier gives the
/// operands and the result one element type.)
static bool blasType(Type result) {
  Type element = cast<RankedTensorType>(result).getElementType();
  return element.isF32() || element.isF64();
}

/// An uninitialized tensor of `sizes`, all dynamic.
static Value emptyOf(OpBuilder &b, Location loc, ArrayRef<Value> sizes,
                     Type element) {
  return tensor::EmptyOp::create(
      b, loc, SmallVector<int64_t>(sizes.size(), ShapedType::kDynamic), element,
      sizes);
}

static Value zeroFilled(OpBuilder &b, Location loc, Value tensor) {
  Value zero = arith::ConstantOp::create(b, loc, zeroOf(elementOf(tensor)));
  return linalg::FillOp::create(b, loc, zero, tensor).getResult(0);
}

/// `v` with its elements in the same order in a tensor of `sizes`, cast to
/// `type` if given. (tensor.reshape rather than expand_shape: MLIR 22's
/// expand-strided-metadata crashes on a memref.expand_shape that splits a
/// dimension into several dynamic ones, and elementwise fusion would
/// propagate collapse_shape into such expand_shapes.)
static Value reshaped(OpBuilder &b, Location loc, Value v,
                      ArrayRef<Value> sizes, Type type = {}) {
  auto shapeType = RankedTensorType::get({static_cast<int64_t>(sizes.size())},
                                         b.getIndexType());
  Value shape = tensor::FromElementsOp::create(b, loc, shapeType, sizes);
  Value result = tensor::ReshapeOp::create(
      b, loc, dynamicTensor(sizes.size(), elementOf(v)), v, shape);
  if (!type || result.getType() == type)
    return result;
  return tensor::CastOp::create(b, loc, type, result);
}

/// Row `n` of the 3-d `v` ([N, rows, cols]) as a matrix, and back.
static Value rowOf(OpBuilder &b, Location loc, Value v, Value n, Value rows,
                   Value cols) {
  OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
  return tensor::ExtractSliceOp::create(b, loc, dynamicTensor(2, elementOf(v)),
                                        v,
                                        ArrayRef<OpFoldResult>{n, zero, zero},
                                        ArrayRef<OpFoldResult>{one, rows, cols},
                                        ArrayRef<OpFoldResult>{one, one, one});
}
static Value withRow(OpBuilder &b, Location loc, Value row, Value v, Value n,
                     Value rows, Value cols) {
  OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
  return tensor::InsertSliceOp::create(b, loc, row, v,
                                       ArrayRef<OpFoldResult>{n, zero, zero},
                                       ArrayRef<OpFoldResult>{one, rows, cols},
                                       ArrayRef<OpFoldResult>{one, one, one});
}

/// A loop over the samples carrying `init`; `step` makes the next value
/// from sample `n` and the carried one.
static Value forEachSample(
    OpBuilder &b, Location loc, Value batch, Value init,
    function_ref<Value(OpBuilder &, Location, Value n, Value carried)> step) {
  IndexMath m{b, loc};
  auto loop = scf::ForOp::create(
      b, loc, m.c(0), batch, m.c(1), ValueRange{init},
      [&](OpBuilder &lb, Location ll, Value n, ValueRange carried) {
        scf::YieldOp::create(lb, ll, step(lb, ll, n, carried[0]));
      });
  return loop.getResult(0);
}

static Value matmul(OpBuilder &b, Location loc, Value lhs, Value rhs,
                    Value acc) {
  return linalg::MatmulOp::create(b, loc, TypeRange{acc.getType()},
                                  ValueRange{lhs, rhs}, ValueRange{acc})
      .getResult(0);
}

/// Sample `n` of `padded` at every tap of every window: a [K, P] matrix,
/// or with `transposed` a [P, K] one. Either way the loops follow the
/// result's layout, so it is written in order.
static Value im2col(OpBuilder &b, Location loc, Value padded, Value n,
                    const ConvShape &s, bool transposed) {
  IndexMath m{b, loc};
  MLIRContext *ctx = b.getContext();
  Type element = elementOf(padded);
  OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
  Value sample = tensor::ExtractSliceOp::create(
      b, loc, dynamicTensor(3, element), padded,
      ArrayRef<OpFoldResult>{n, zero, zero, zero},
      ArrayRef<OpFoldResult>{one, s.channels, m.dim(padded, 2),
                             m.dim(padded, 3)},
      ArrayRef<OpFoldResult>{one, one, one, one});
  AffineExpr c, i, j, oy, ox;
  if (transposed)
    bindDims(ctx, oy, ox, c, i, j);
  else
    bindDims(ctx, c, i, j, oy, ox);
  AffineMap read = AffineMap::get(5, 0,
                                  {c, oy * s.strides[0] + i * s.dilations[0],
                                   ox * s.strides[1] + j * s.dilations[1]},
                                  ctx);
  SmallVector<Value, 5> sizes =
      transposed ? SmallVector<Value, 5>{s.outRows, s.outCols, s.channels,
                                         s.rows, s.cols}
                 : SmallVector<Value, 5>{s.channels, s.rows, s.cols, s.outRows,
                                         s.outCols};
  Value init = emptyOf(b, loc, sizes, element);
  Value taps =
      linalg::GenericOp::create(
          b, loc, TypeRange{init.getType()}, ValueRange{sample},
          ValueRange{init}, {read, AffineMap::getMultiDimIdentityMap(5, ctx)},
          SmallVector<utils::IteratorType>(5, utils::IteratorType::parallel),
          [](OpBuilder &gb, Location gl, ValueRange args) {
            linalg::YieldOp::create(gb, gl, args[0]);
          })
          .getResult(0);
  Value positions = m.mul(s.outRows, s.outCols);
  Value count = m.mul(s.channels, m.mul(s.rows, s.cols));
  if (transposed)
    return reshaped(b, loc, taps, {positions, count});
  return reshaped(b, loc, taps, {count, positions});
}

/// The op's input padded; `s` gets the convolution's sizes, the output's
/// being `outRows` and `outCols` if given, else as many windows as fit.
template <typename OpTy>
static Value paddedConv(IndexMath &m, OpTy op, Value outRows, Value outCols,
                        ConvShape &s) {
  Value padded = padSymmetric(m.b, m.loc, op.getInput(), op.getPadding(),
                              zeroOf(elementOf(op.getInput())));
  Value filters = op.getFilters();
  s = ConvShape{m.dim(padded, 0),  m.dim(padded, 1),  m.dim(filters, 0),
                m.dim(filters, 2), m.dim(filters, 3), outRows,
                outCols,           op.getStrides(),   op.getDilations()};
  if (!s.outRows) {
    s.outRows =
        m.convWindows(m.dim(padded, 2), s.rows, s.dilations[0], s.strides[0]);
    s.outCols =
        m.convWindows(m.dim(padded, 3), s.cols, s.dilations[1], s.strides[1]);
  }
  return padded;
}

/// out[n] = W . cols(n), each product into its zeroed row of the result.
static Value lowerAsGemm(OpBuilder &rewriter, th::Conv2dOp op) {
  Location loc = op.getLoc();
  IndexMath m{rewriter, loc};
  Type element = elementOf(op.getInput());
  ConvShape s;
  Value padded = paddedConv(m, op, {}, {}, s);
  Value positions = m.mul(s.outRows, s.outCols);

  Value taps = m.mul(s.channels, m.mul(s.rows, s.cols));
  Value weights = reshaped(rewriter, loc, op.getFilters(), {s.filters, taps});
  Value out = emptyOf(rewriter, loc, {s.batch, s.filters, positions}, element);
  out = forEachSample(
      rewriter, loc, s.batch, out,
      [&](OpBuilder &b, Location l, Value n, Value acc) {
        Value cols = im2col(b, l, padded, n, s, /*transposed=*/false);
        Value row = zeroFilled(b, l, rowOf(b, l, acc, n, s.filters, positions));
        return withRow(b, l, matmul(b, l, weights, cols, row), acc, n,
                       s.filters, positions);
      });
  return reshaped(rewriter, loc, out,
                  {s.batch, s.filters, s.outRows, s.outCols}, op.getType());
}

/// dW = sum over n of grad[n] . colsT(n), accumulated in the loop.
static Value lowerAsGemm(OpBuilder &rewriter, th::Conv2dGradFiltersOp op) {
  Location loc = op.getLoc();
  IndexMath m{rewriter, loc};
  Type element = elementOf(op.getInput());
  Value grad = op.getGrad();
  ConvShape s;
  Value padded = paddedConv(m, op, m.dim(grad, 2), m.dim(grad, 3), s);
  Value positions = m.mul(s.outRows, s.outCols);
  Value taps = m.mul(s.channels, m.mul(s.rows, s.cols));

  Value grads = reshaped(rewriter, loc, grad, {s.batch, s.filters, positions});
  Value dw = zeroFilled(rewriter, loc,
                        emptyOf(rewriter, loc, {s.filters, taps}, element));
  dw = forEachSample(rewriter, loc, s.batch, dw,
                     [&](OpBuilder &b, Location l, Value n, Value acc) {
                       Value colsT =
                           im2col(b, l, padded, n, s, /*transposed=*/true);
                       Value g = rowOf(b, l, grads, n, s.filters, positions);
                       return matmul(b, l, g, colsT, acc);
                     });
  return reshaped(rewriter, loc, dw, {s.filters, s.channels, s.rows, s.cols},
                  op.getType());
}

/// dcols[n] = W^T . grad[n] for every n, then col2im.
static Value lowerAsGemm(OpBuilder &rewriter, th::Conv2dGradInputOp op) {
  Location loc = op.getLoc();
  IndexMath m{rewriter, loc};
  Type element = elementOf(op.getGrad());
  Value input = op.getInput(), filters = op.getFilters(), grad = op.getGrad();
  Value batch = m.dim(grad, 0), channels = m.dim(filters, 1),
        count = m.dim(filters, 0), rows = m.dim(filters, 2),
        cols = m.dim(filters, 3), outRows = m.dim(grad, 2),
        outCols = m.dim(grad, 3);
  Value positions = m.mul(outRows, outCols);
  Value taps = m.mul(channels, m.mul(rows, cols));

  // W^T (K x F), once.
  Value weights = reshaped(rewriter, loc, filters, {count, taps});
  Value transposed = linalg::TransposeOp::create(
                         rewriter, loc, weights,
                         emptyOf(rewriter, loc, {taps, count}, element),
                         ArrayRef<int64_t>{1, 0})
                         .getResult()[0];
  Value grads = reshaped(rewriter, loc, grad, {batch, count, positions});
  Value dcols = emptyOf(rewriter, loc, {batch, taps, positions}, element);
  dcols = forEachSample(rewriter, loc, batch, dcols,
                        [&](OpBuilder &b, Location l, Value n, Value acc) {
                          Value g = rowOf(b, l, grads, n, count, positions);
                          Value row = zeroFilled(
                              b, l, rowOf(b, l, acc, n, taps, positions));
                          return withRow(b, l, matmul(b, l, transposed, g, row),
                                         acc, n, taps, positions);
                        });
  Value perTap = reshaped(rewriter, loc, dcols,
                          {batch, channels, rows, cols, outRows, outCols});

  // col2im: input element (n, c, y, x) sums the columns of the windows
  // that read it, over taps (i, j); the taps' shape sizes the loops.
  MLIRContext *ctx = rewriter.getContext();
  AffineExpr c, i, j;
  bindDims(ctx, std::ignore, c, std::ignore, std::ignore, i, j);
  AffineMap tapsMap = AffineMap::get(6, 0, {c, i, j}, ctx);
  Value tapShape = emptyOf(rewriter, loc, {channels, rows, cols}, element);
  ArrayRef<int64_t> p = op.getPadding(), s = op.getStrides(),
                    dl = op.getDilations();
  auto term = [&](OpBuilder &b, Location l, ArrayRef<Value> index,
                  Value) -> std::pair<Value, Value> {
    IndexMath::Covering at = IndexMath{b, l}.coveringOutput(
        index[2], index[3], index[4], index[5], p, s, dl, outRows, outCols);
    Value v = tensor::ExtractOp::create(
        b, l, perTap,
        ValueRange{index[0], index[1], index[4], index[5], at.row, at.col});
    return {v, at.valid};
  };
  return gatherIntoInput(rewriter, loc, cast<RankedTensorType>(op.getType()),
                         input, tapShape, tapsMap, outRows, outCols, term);
}

namespace {

/// Each op's lowering above, preferred (benefit 2) over the direct one,
/// for the element types BLAS has.
template <typename OpTy> struct AsGemm : OpRewritePattern<OpTy> {
  AsGemm(MLIRContext *ctx) : OpRewritePattern<OpTy>(ctx, /*benefit=*/2) {}

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (!blasType(op.getType()))
      return failure();
    rewriter.replaceOp(op, lowerAsGemm(rewriter, op));
    return success();
  }
};

} // namespace

void tcc::populateConvToGemmPatterns(RewritePatternSet &patterns) {
  patterns.add<AsGemm<th::Conv2dOp>, AsGemm<th::Conv2dGradFiltersOp>,
               AsGemm<th::Conv2dGradInputOp>>(patterns.getContext());
}
