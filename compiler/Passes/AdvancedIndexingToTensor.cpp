//===- AdvancedIndexingToTensor.cpp - integer-array indexing to tensor ----===//
//
// th.advanced_subtensor becomes a gather: a linalg.generic over the result
// whose inputs are the index arrays (broadcast by their indexing maps) and
// whose body reads the input with tensor.extract at the checked indices.
// The advanced inc/set ops become a scatter: a loop nest over the indexed
// region carrying the updated tensor, one tensor.insert per element, so an
// element indexed twice is incremented twice (np.add.at). Every index is
// checked where it is read (th.check_index).
//
//===----------------------------------------------------------------------===//

#include "Passes/IndexingUtils.h"
#include "Passes/Passes.h"

#include "Th/IR/ThIndexing.h"
#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace {

/// What both lowerings need: the layout, the region's type and sizes, and
/// the input's sizes along the indexed axes.
struct AdvancedAccess {
  th::AdvancedLayout layout;
  RankedTensorType region;
  SmallVector<Value> regionSizes; // Index values, one per region dimension.
  SmallVector<Value> inputSizes;  // Index values, one per input dimension.
  ValueRange indices;
  ArrayRef<int64_t> axes;
  StringRef what;

  static FailureOr<AdvancedAccess> get(OpBuilder &b, Location loc, Value x,
                                       ValueRange indices,
                                       ArrayRef<int64_t> axes, StringRef what) {
    AdvancedAccess a;
    auto type = cast<RankedTensorType>(x.getType());
    std::string why;
    FailureOr<th::AdvancedLayout> layout =
        th::getAdvancedLayout(type, indices.getTypes(), axes, why);
    if (failed(layout))
      return failure();
    a.layout = *layout;
    a.region = th::getAdvancedResultType(type, a.layout);
    a.indices = indices;
    a.axes = axes;
    a.what = what;
    for (int64_t d = 0; d < type.getRank(); ++d)
      a.inputSizes.push_back(tensor::DimOp::create(b, loc, x, d));
    a.regionSizes.resize(a.region.getRank());
    for (auto [d, r] : llvm::enumerate(a.layout.resultDimOfInput))
      if (r >= 0)
        a.regionSizes[r] = a.inputSizes[d];
    int64_t nb = a.layout.broadcastShape.size();
    for (int64_t j = 0; j < nb; ++j) {
      // The size of a non-broadcast index dimension (the manifest checked
      // they agree), or 1.
      Value size = arith::ConstantIndexOp::create(b, loc, 1);
      for (Value idx : indices) {
        auto t = cast<RankedTensorType>(idx.getType());
        int64_t k = j - (nb - t.getRank());
        if (k >= 0 && t.getDimSize(k) != 1) {
          size = tensor::DimOp::create(b, loc, idx, k);
          break;
        }
      }
      a.regionSizes[a.layout.first + j] = size;
    }
    return a;
  }

  /// Where an index array (`rank`) reads for region position `pos`: its
  /// broadcast dimensions at 0.
  SmallVector<Value> indexPosition(OpBuilder &b, Location loc, Value idx,
                                   ValueRange pos) const {
    auto t = cast<RankedTensorType>(idx.getType());
    int64_t nb = layout.broadcastShape.size();
    SmallVector<Value> at;
    for (int64_t k = 0; k < t.getRank(); ++k)
      at.push_back(t.getDimSize(k) == 1 &&
                           layout.broadcastShape[nb - t.getRank() + k] != 1
                       ? Value(arith::ConstantIndexOp::create(b, loc, 0))
                       : pos[layout.first + nb - t.getRank() + k]);
    return at;
  }

  /// The input coordinates for region position `pos`, given the index
  /// values read there (checked against their dimensions here).
  SmallVector<Value> inputPosition(OpBuilder &b, Location loc,
                                   ValueRange indexValues,
                                   ValueRange pos) const {
    SmallVector<Value> at;
    for (auto [d, r] : llvm::enumerate(layout.resultDimOfInput)) {
      if (r >= 0) {
        at.push_back(pos[r]);
        continue;
      }
      int64_t k = llvm::find(axes, int64_t(d)) - axes.begin();
      Value i =
          arith::IndexCastOp::create(b, loc, b.getIndexType(), indexValues[k]);
      at.push_back(th::CheckIndexOp::create(b, loc, i, inputSizes[d], d, what));
    }
    return at;
  }

  SmallVector<Value> dynamicRegionSizes() const {
    SmallVector<Value> dynamic;
    for (int64_t r = 0; r < region.getRank(); ++r)
      if (region.isDynamicDim(r))
        dynamic.push_back(regionSizes[r]);
    return dynamic;
  }
};

struct LowerAdvancedSubtensor : OpRewritePattern<th::AdvancedSubtensorOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::AdvancedSubtensorOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    FailureOr<AdvancedAccess> access =
        AdvancedAccess::get(rewriter, loc, x, op.getIndices(), op.getAxes(),
                            op->getName().stripDialect());
    if (failed(access))
      return failure();
    RankedTensorType region = access->region;
    int64_t rank = region.getRank();
    MLIRContext *ctx = rewriter.getContext();
    int64_t nb = access->layout.broadcastShape.size();

    // Each index array read at its broadcast position.
    SmallVector<AffineMap> maps;
    for (Value idx : op.getIndices()) {
      auto t = cast<RankedTensorType>(idx.getType());
      SmallVector<AffineExpr> exprs;
      for (int64_t k = 0; k < t.getRank(); ++k) {
        int64_t j = nb - t.getRank() + k;
        exprs.push_back(
            t.getDimSize(k) == 1 && access->layout.broadcastShape[j] != 1
                ? rewriter.getAffineConstantExpr(0)
                : rewriter.getAffineDimExpr(access->layout.first + j));
      }
      maps.push_back(AffineMap::get(rank, 0, exprs, ctx));
    }
    maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
    Value empty = tensor::EmptyOp::create(rewriter, loc, region.getShape(),
                                          region.getElementType(),
                                          access->dynamicRegionSizes());
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto gather = linalg::GenericOp::create(
        rewriter, loc, region, op.getIndices(), ValueRange{empty}, maps,
        iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> pos;
          for (int64_t r = 0; r < rank; ++r)
            pos.push_back(linalg::IndexOp::create(b, l, r));
          SmallVector<Value> at =
              access->inputPosition(b, l, args.drop_back(), pos);
          linalg::YieldOp::create(
              b, l, tensor::ExtractOp::create(b, l, x, at).getResult());
        });
    rewriter.replaceOp(op, gather.getResult(0));
    return success();
  }
};

template <typename OpT, bool Set>
struct LowerAdvancedIncSubtensor : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput(), value = op.getValue();
    FailureOr<AdvancedAccess> access =
        AdvancedAccess::get(rewriter, loc, x, op.getIndices(), op.getAxes(),
                            op->getName().stripDialect());
    if (failed(access))
      return failure();
    int64_t rank = access->region.getRank();
    auto valueType = cast<RankedTensorType>(value.getType());
    int64_t offset = rank - valueType.getRank();
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    SmallVector<Value> lbs(rank, zero), steps(rank, one);

    scf::LoopNest nest = scf::buildLoopNest(
        rewriter, loc, lbs, access->regionSizes, steps, ValueRange{x},
        [&](OpBuilder &b, Location l, ValueRange pos, ValueRange acc) {
          SmallVector<Value> indexValues;
          for (Value idx : op.getIndices())
            indexValues.push_back(tensor::ExtractOp::create(
                b, l, idx, access->indexPosition(b, l, idx, pos)));
          SmallVector<Value> at = access->inputPosition(b, l, indexValues, pos);
          // The value broadcast to the region: trailing dimensions, a
          // broadcastable one read at 0.
          SmallVector<Value> valueAt;
          for (int64_t j = 0; j < valueType.getRank(); ++j)
            valueAt.push_back(valueType.getDimSize(j) == 1 &&
                                      access->region.getDimSize(offset + j) != 1
                                  ? zero
                                  : pos[offset + j]);
          Value v = tensor::ExtractOp::create(b, l, value, valueAt);
          if (!Set)
            v = tcc::accumulate(
                b, l, tensor::ExtractOp::create(b, l, acc[0], at), v);
          return scf::ValueVector{
              tensor::InsertOp::create(b, l, v, acc[0], at).getResult()};
        });
    rewriter.replaceOp(op, nest.results);
    return success();
  }
};

} // namespace

void tcc::populateAdvancedIndexingToTensorPatterns(
    RewritePatternSet &patterns) {
  patterns.add<LowerAdvancedSubtensor,
               LowerAdvancedIncSubtensor<th::AdvancedIncSubtensorOp, false>,
               LowerAdvancedIncSubtensor<th::AdvancedSetSubtensorOp, true>>(
      patterns.getContext());
}
