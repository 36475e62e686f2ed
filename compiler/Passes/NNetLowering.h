//===- NNetLowering.h - Helpers of the nnet lowerings -------*- C++ -*-===//
//
// Index arithmetic over windows, padding and the gather form of the input
// gradients, shared by the direct lowerings (NNetToLinalg.cpp) and the
// im2col + BLAS ones (ConvToGemm.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PASSES_NNETLOWERING_H
#define TCC_PASSES_NNETLOWERING_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

#include <utility>

namespace tcc::nnet {

using mlir::ArrayRef;
using mlir::Location;
using mlir::OpBuilder;
using mlir::OpFoldResult;
using mlir::Value;
namespace arith = mlir::arith;
namespace tensor = mlir::tensor;

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

  /// How many windows of `taps` taps `dilation` apart, `stride` apart,
  /// fit in `size` (already padded) rows.
  Value convWindows(Value size, Value taps, int64_t dilation, int64_t stride) {
    Value span = add(mul(sub(taps, c(1)), c(dilation)), c(1));
    return windows(size, span, 0, stride);
  }

  /// The output position whose window reads input (y, x) (unpadded) at
  /// tap (i, j) of a convolution with `outRows` x `outCols` outputs, and
  /// whether there is one; the position is (0, 0), safe to read at, where
  /// there is not.
  struct Covering {
    Value row, col, valid;
  };
  Covering coveringOutput(Value y, Value x, Value i, Value j,
                          ArrayRef<int64_t> padding, ArrayRef<int64_t> strides,
                          ArrayRef<int64_t> dilations, Value outRows,
                          Value outCols) {
    auto [row, rowOk] = coveringWindow(
        add(y, c(padding[0])), mul(i, c(dilations[0])), strides[0], outRows);
    auto [col, colOk] = coveringWindow(
        add(x, c(padding[1])), mul(j, c(dilations[1])), strides[1], outCols);
    Value valid = both(rowOk, colOk);
    return {orZero(valid, row), orZero(valid, col), valid};
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
Value filled(OpBuilder &b, Location loc, mlir::RankedTensorType type,
             ArrayRef<Value> sizes, mlir::TypedAttr value);

/// `input` with `padding` rows and columns of `value` on both sides of its
/// last two dimensions.
Value padSymmetric(OpBuilder &b, Location loc, Value input,
                   ArrayRef<int64_t> padding, mlir::TypedAttr value);

/// `input` with `low` rows and columns of `value` before its last two
/// dimensions and `high` after.
Value padSpatial(OpBuilder &b, Location loc, Value input,
                 ArrayRef<OpFoldResult> low, ArrayRef<OpFoldResult> high,
                 mlir::TypedAttr value);

mlir::TypedAttr zeroOf(mlir::Type element);

/// `parallel` parallel loops, then `reductions` reduction loops.
llvm::SmallVector<mlir::utils::IteratorType> reductionLoops(int64_t parallel,
                                                            int64_t reductions);

/// Zeros of `type`, with `like`'s sizes.
Value zerosLike(OpBuilder &b, Location loc, mlir::RankedTensorType type,
                Value like);

/// One term of a gather: its value and whether it counts, from the loop
/// indices and the element of the generic's operand.
using GatherTerm = llvm::function_ref<std::pair<Value, Value>(
    OpBuilder &, Location, ArrayRef<Value> index, Value operand)>;

/// A gradient with respect to an NCHW input as a gather: element
/// (n, c, y, x) of a result of `type` (sized like `like`) is the sum of the
/// valid `term`s over the reduction loops that follow the four parallel
/// ones; `operand` (indexed by `operandMap`) sizes them. Guarded by
/// unlessEmpty for the gradient's `rows` and `cols`.
Value gatherIntoInput(OpBuilder &b, Location loc, mlir::RankedTensorType type,
                      Value like, Value operand, mlir::AffineMap operandMap,
                      Value rows, Value cols, GatherTerm term);

} // namespace tcc::nnet

#endif // TCC_PASSES_NNETLOWERING_H
