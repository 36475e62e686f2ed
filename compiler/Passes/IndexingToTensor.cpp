//===- IndexingToTensor.cpp - reshape and subtensor ops to tensor ---------===//
//
// th.reshape becomes tensor.reshape with the -1 size resolved at run time.
// A basic index list becomes one strided tensor.extract_slice of the input's
// rank (Python's slice rules computed in index arithmetic, negative steps
// as negative strides), then a collapse_shape that drops the integer-index
// dimensions. inc/set_subtensor update that region with a linalg.generic
// (broadcasting the value) and insert it back.
//
//===----------------------------------------------------------------------===//

#include "Passes/IndexingUtils.h"
#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace {

/// Index arithmetic with folding of constants.
struct IndexMath {
  OpBuilder &b;
  Location loc;

  Value constant(int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value div(Value x, Value y) { return arith::DivSIOp::create(b, loc, x, y); }
  Value max(Value x, Value y) { return arith::MaxSIOp::create(b, loc, x, y); }
  Value min(Value x, Value y) { return arith::MinSIOp::create(b, loc, x, y); }
  Value lt(Value x, Value y) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x, y);
  }
  Value select(Value c, Value x, Value y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }
  /// An int64 scalar tensor as an index.
  Value fromScalar(Value scalar) {
    Value v = tensor::ExtractOp::create(b, loc, scalar);
    return arith::IndexCastOp::create(b, loc, b.getIndexType(), v);
  }
  Value bound(const th::IndexBound &bound) {
    return bound.dynamic ? fromScalar(bound.dynamic)
                         : constant(*bound.constant);
  }
  /// Python's negative indices: v < 0 ? v + n : v.
  Value wrap(Value v, Value n) {
    return select(lt(v, constant(0)), add(v, n), v);
  }
};

/// The strided region `x[entries]` of `x`'s rank: per dimension its offset,
/// size and stride, and which dimensions integer indices drop.
struct Region {
  SmallVector<OpFoldResult> offsets, sizes, strides;
  SmallVector<bool> dropped;
  RankedTensorType type; // Of the full-rank region.
  Value slice;           // The region extracted, once extractRegion ran.
};

/// The region; `resultType` (without the dropped dimensions) gives the
/// static sizes. Fails for a step only known at run time.
FailureOr<Region> computeRegion(OpBuilder &b, Location loc, Value x,
                                ArrayRef<th::IndexEntry> entries,
                                RankedTensorType resultType, StringRef what) {
  IndexMath m{b, loc};
  auto type = cast<RankedTensorType>(x.getType());
  Region r;
  SmallVector<int64_t> shape;
  int64_t next = 0; // Result dimension.
  for (int64_t d = 0; d < type.getRank(); ++d) {
    th::IndexEntry e;
    if (d < static_cast<int64_t>(entries.size()))
      e = entries[d];
    if (e.isIndex) {
      Value n = tensor::DimOp::create(b, loc, x, d);
      // The manifest checked a constant index before the call; one known
      // only at run time is checked here.
      r.offsets.push_back(e.start.dynamic
                              ? Value(th::CheckIndexOp::create(
                                    b, loc, m.bound(e.start), n, d, what))
                              : m.wrap(m.bound(e.start), n));
      r.sizes.push_back(b.getIndexAttr(1));
      r.strides.push_back(b.getIndexAttr(1));
      r.dropped.push_back(true);
      shape.push_back(1);
      continue;
    }
    int64_t staticSize = resultType.getDimSize(next++);
    r.dropped.push_back(false);
    shape.push_back(staticSize);
    std::optional<int64_t> step = e.constantStep();
    if (!step)
      return failure();
    if (e.isFullSlice()) {
      r.offsets.push_back(b.getIndexAttr(0));
      r.sizes.push_back(tensor::getMixedSize(b, loc, x, d));
      r.strides.push_back(b.getIndexAttr(1));
      continue;
    }
    // slice.indices(n): bounds wrapped, then clipped to [lower, upper].
    Value n = tensor::DimOp::create(b, loc, x, d);
    Value lower = m.constant(*step > 0 ? 0 : -1);
    Value upper = *step > 0 ? n : m.sub(n, m.constant(1));
    auto clip = [&](const th::IndexBound &bound, Value dflt) {
      if (!bound.present())
        return dflt;
      return m.min(m.max(m.wrap(m.bound(bound), n), lower), upper);
    };
    Value from = clip(e.start, *step > 0 ? lower : upper);
    Value to = clip(e.stop, *step > 0 ? upper : lower);
    Value span = *step > 0 ? m.sub(to, from) : m.sub(from, to);
    int64_t stride = std::abs(*step);
    Value length =
        m.div(m.add(m.max(span, m.constant(0)), m.constant(stride - 1)),
              m.constant(stride));
    // An empty slice starts at 0, so the offset stays inside the buffer.
    Value empty = m.lt(length, m.constant(1));
    r.offsets.push_back(m.select(empty, m.constant(0), from));
    r.sizes.push_back(ShapedType::isDynamic(staticSize)
                          ? OpFoldResult(length)
                          : OpFoldResult(b.getIndexAttr(staticSize)));
    r.strides.push_back(b.getIndexAttr(*step));
  }
  r.type = RankedTensorType::get(shape, type.getElementType());
  return r;
}

/// Groups each dropped (size-1) dimension with a kept neighbour.
SmallVector<ReassociationIndices> dropReassociation(ArrayRef<bool> dropped) {
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices pending;
  for (auto [d, drop] : llvm::enumerate(dropped)) {
    pending.push_back(d);
    if (!drop) {
      groups.push_back(pending);
      pending.clear();
    }
  }
  if (!groups.empty())
    groups.back().append(pending.begin(), pending.end());
  return groups;
}

template <typename OpT> SmallVector<th::IndexEntry> entriesOf(OpT op) {
  return th::getIndexEntries(op.getStarts(), op.getStops(), op.getSteps(),
                             op.getDynamic());
}

/// The region of a subtensor op's input at its index list, computed and
/// extracted (`slice`, of the input's rank); `resultType` gives the static
/// sizes.
template <typename OpT>
FailureOr<Region> extractRegion(PatternRewriter &rewriter, OpT op,
                                RankedTensorType resultType) {
  FailureOr<Region> region =
      computeRegion(rewriter, op.getLoc(), op.getInput(), entriesOf(op),
                    resultType, op->getName().stripDialect());
  if (failed(region))
    return rewriter.notifyMatchFailure(op, "a step known only at run time");
  region->slice = tensor::ExtractSliceOp::create(
      rewriter, op.getLoc(), region->type, op.getInput(), region->offsets,
      region->sizes, region->strides);
  return region;
}

struct LowerSubtensor : OpRewritePattern<th::SubtensorOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::SubtensorOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    FailureOr<Region> region = extractRegion(rewriter, op, type);
    if (failed(region))
      return failure();
    Value slice = region->slice;
    if (region->type != type)
      slice = tensor::CollapseShapeOp::create(
          rewriter, loc, type, slice, dropReassociation(region->dropped));
    rewriter.replaceOp(op, slice);
    return success();
  }
};

template <typename OpT, bool Set>
struct LowerIncSubtensor : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    std::string why;
    FailureOr<RankedTensorType> regionType = th::inferSubtensorType(
        op.getInput().getType(), op.getStarts(), op.getStops(), op.getSteps(),
        op.getDynamic(), why);
    if (failed(regionType))
      return failure();
    FailureOr<Region> region = extractRegion(rewriter, op, *regionType);
    if (failed(region))
      return failure();
    Value slice = region->slice;

    // The value's dimensions are the region's last kept ones; a
    // broadcastable one is read at 0.
    Value value = op.getValue();
    auto valueType = cast<RankedTensorType>(value.getType());
    int64_t rank = region->type.getRank();
    SmallVector<int64_t> kept;
    for (int64_t d = 0; d < rank; ++d)
      if (!region->dropped[d])
        kept.push_back(d);
    int64_t offset = kept.size() - valueType.getRank();
    SmallVector<AffineExpr> valueExprs;
    for (int64_t j = 0; j < valueType.getRank(); ++j) {
      int64_t d = kept[offset + j];
      valueExprs.push_back(valueType.getDimSize(j) == 1 &&
                                   region->type.getDimSize(d) != 1
                               ? rewriter.getAffineConstantExpr(0)
                               : rewriter.getAffineDimExpr(d));
    }
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank, 0, valueExprs, ctx),
        AffineMap::getMultiDimIdentityMap(rank, ctx)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto updated = linalg::GenericOp::create(
        rewriter, loc, region->type, ValueRange{value}, ValueRange{slice}, maps,
        iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          Value v = args[0];
          if (!Set)
            v = tcc::accumulate(b, l, args[1], v);
          linalg::YieldOp::create(b, l, v);
        });
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, updated.getResult(0), op.getInput(), region->offsets, region->sizes,
        region->strides);
    return success();
  }
};

/// th.reshape -> tensor.reshape; a -1 size is the element count divided by
/// the product of the other sizes.
struct LowerReshape : OpRewritePattern<th::ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    IndexMath m{rewriter, loc};
    Value x = op.getInput();
    auto inType = cast<RankedTensorType>(x.getType());
    Value count = m.constant(1);
    for (int64_t d = 0; d < inType.getRank(); ++d)
      count = m.mul(count, tensor::DimOp::create(rewriter, loc, x, d));
    SmallVector<Value> sizes;
    Value known = m.constant(1);
    Value minusOne = m.constant(-1);
    for (Value size : op.getSizes()) {
      sizes.push_back(m.fromScalar(size));
      Value isRest = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::eq, sizes.back(), minusOne);
      known = m.mul(known, m.select(isRest, m.constant(1), sizes.back()));
    }
    // The manifest checked the division is exact; max keeps a zero
    // product from dividing by zero.
    Value rest = m.div(count, m.max(known, m.constant(1)));
    for (Value &size : sizes) {
      Value isRest = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::eq, size, minusOne);
      size = m.select(isRest, rest, size);
    }
    auto shapeType = RankedTensorType::get({static_cast<int64_t>(sizes.size())},
                                           rewriter.getIndexType());
    Value shape =
        tensor::FromElementsOp::create(rewriter, loc, shapeType, sizes);
    rewriter.replaceOpWithNewOp<tensor::ReshapeOp>(op, op.getType(), x, shape);
    return success();
  }
};

} // namespace

void tcc::populateIndexingToTensorPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerSubtensor, LowerReshape,
               LowerIncSubtensor<th::IncSubtensorOp, false>,
               LowerIncSubtensor<th::SetSubtensorOp, true>>(
      patterns.getContext());
}
