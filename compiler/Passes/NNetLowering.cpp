//===- NNetLowering.cpp - Helpers of the conv2d and pool2d lowerings ------===//

#include "Passes/NNetLowering.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using tcc::nnet::IndexMath;

namespace tcc::nnet {

/// A tensor of `type` (its dynamic sizes taken from `sizes`, one per
/// dimension) filled with `value`.
Value filled(OpBuilder &b, Location loc, RankedTensorType type,
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
Value padSpatial(OpBuilder &b, Location loc, Value input,
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

Value padSymmetric(OpBuilder &b, Location loc, Value input,
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

TypedAttr zeroOf(Type element) { return FloatAttr::get(element, 0.0); }

/// Zeros of `type`, with `like`'s sizes (the gradients have the type of an
/// operand of the forward op).
Value zerosLike(OpBuilder &b, Location loc, RankedTensorType type, Value like) {
  IndexMath m{b, loc};
  SmallVector<Value, 4> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    sizes.push_back(m.dim(like, d));
  return filled(b, loc, type, sizes, zeroOf(type.getElementType()));
}

/// `parallel` parallel loops, then `reductions` reduction loops.
SmallVector<utils::IteratorType> reductionLoops(int64_t parallel,
                                                int64_t reductions) {
  SmallVector<utils::IteratorType> iterators(parallel,
                                             utils::IteratorType::parallel);
  iterators.append(reductions, utils::IteratorType::reduction);
  return iterators;
}

/// A gradient with respect to an NCHW input as a gather: element
/// (n, c, y, x) of a result of `type` (sized like `like`) is the sum of the
/// valid `term`s over the reduction loops that follow the four parallel
/// ones; `operand` (indexed by `operandMap`) sizes them. Guarded by
/// unlessEmpty for the gradient's `rows` and `cols`.
Value gatherIntoInput(OpBuilder &b, Location loc, RankedTensorType type,
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

} // namespace tcc::nnet
