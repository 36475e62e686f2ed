//===- FuseReductions.cpp - Row reductions fused with their users ---------===//
//
// linalg-fuse-elementwise-ops merges elementwise producers into reductions
// (sum(exp(x)) is one loop nest) but cannot merge a reduction into the
// elementwise op that consumes it: that op needs the whole reduced value
// first. Where the reduction runs over trailing dimensions, row i of the
// consumer needs only row i of the reduction, so the consumer is tiled one
// row at a time (TilingInterface) and the reduction, its initial fill and
// the elementwise producers of that row are fused into the same loop.
// Theano's softmax, x - x.max(axis=1, keepdims=True) and
// sqrt(sum(x**2, axis=1)) then each become one loop over rows whose
// temporaries are one row long.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"
#include "Passes/TileAndFuse.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/ADT/SetVector.h"

namespace tcc {
#define GEN_PASS_DEF_FUSEREDUCTIONS
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

/// The number p of leading parallel dimensions of a reduction whose
/// iterators are p parallel ones followed only by reductions and whose
/// result is indexed by exactly those p dimensions; 0 for anything else.
static unsigned rowReductionRank(Operation *op) {
  auto generic = dyn_cast_or_null<linalg::GenericOp>(op);
  if (!generic || generic.getNumDpsInits() != 1 ||
      generic.getNumReductionLoops() == 0)
    return 0;
  unsigned parallel = generic.getNumParallelLoops();
  auto iterators = generic.getIteratorTypesArray();
  for (auto [i, type] : llvm::enumerate(iterators))
    if ((i < parallel) != (type == utils::IteratorType::parallel))
      return 0;
  AffineMap prefix = AffineMap::getMultiDimIdentityMap(
      generic.getNumLoops(), op->getContext()).getMajorSubMap(parallel);
  if (generic.getMatchingIndexingMap(generic.getDpsInitOperand(0)) != prefix)
    return 0;
  return parallel;
}

/// How many leading dimensions of the elementwise `consumer` to tile one
/// at a time so that each tile reads single rows of the row reductions it
/// consumes; 0 when it consumes none.
static unsigned rowTilingRank(linalg::GenericOp consumer) {
  if (consumer.getNumLoops() != consumer.getNumParallelLoops() ||
      consumer.getNumLoops() == 0)
    return 0;
  unsigned rank = 0;
  for (OpOperand *input : consumer.getDpsInputOperands()) {
    unsigned rows = rowReductionRank(input->get().getDefiningOp());
    if (rows == 0)
      continue;
    AffineMap prefix =
        AffineMap::getMultiDimIdentityMap(consumer.getNumLoops(),
                                          consumer.getContext())
            .getMajorSubMap(rows);
    if (consumer.getMatchingIndexingMap(input) == prefix)
      rank = std::max(rank, rows);
  }
  return rank;
}

/// Whether `slice` takes part of its source, so that computing it per tile
/// does not repeat work: some dimension is cut to one element.
static bool isPartialSlice(tensor::ExtractSliceOp slice) {
  auto source = slice.getSourceType();
  for (auto [size, full] :
       llvm::zip(slice.getStaticSizes(), source.getShape()))
    if (size == 1 && full != 1)
      return true;
  return false;
}

/// The generic and fill ops `consumer` is computed from, through operands
/// defined by such ops: what tiling may fuse into its loop.
static llvm::SetVector<Operation *> fusibleCluster(Operation *consumer) {
  llvm::SetVector<Operation *> cluster;
  SmallVector<Operation *> worklist{consumer};
  while (!worklist.empty()) {
    Operation *op = worklist.pop_back_val();
    if (!cluster.insert(op))
      continue;
    for (Value operand : op->getOperands())
      if (Operation *def = operand.getDefiningOp();
          isa_and_nonnull<linalg::GenericOp, linalg::FillOp>(def))
        worklist.push_back(def);
  }
  return cluster;
}

/// Tiles `consumer` one row (of its `rows` leading dimensions) at a time
/// and fuses the producers of each row into the loop.
static LogicalResult fuseRowsOf(RewriterBase &rewriter,
                                linalg::GenericOp consumer, unsigned rows) {
  llvm::SetVector<Operation *> cluster = fusibleCluster(consumer);
  Block *body = consumer->getBlock();

  scf::SCFTilingOptions tiling;
  SmallVector<OpFoldResult> sizes(consumer.getNumLoops(),
                                  rewriter.getIndexAttr(0));
  for (unsigned d = 0; d < rows; ++d)
    sizes[d] = rewriter.getIndexAttr(1);
  tiling.setTileSizes(sizes);

  scf::SCFTileAndFuseOptions options;
  options.setTilingOptions(tiling);
  options.setFusionControlFn(
      [&](tensor::ExtractSliceOp slice, OpResult producer,
          bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        if (!cluster.contains(producer.getOwner()) || !isPartialSlice(slice))
          return std::nullopt;
        // A fill is cheaper to repeat per row than to share.
        if (isa<linalg::FillOp>(producer.getOwner()))
          return scf::SCFTileAndFuseOptions::ControlFnResult{};
        // A value also used outside what is being fused is computed once:
        // yielded whole from the loop when those uses come after it, not
        // fused at all otherwise.
        bool usedElsewhere = false;
        Operation *loop = body->findAncestorOpInBlock(*slice);
        for (Operation *user : producer.getUsers()) {
          Operation *top = body->findAncestorOpInBlock(*user);
          if (top == loop || cluster.contains(user) ||
              isa<tensor::DimOp>(user))
            continue;
          if (top->isBeforeInBlock(consumer))
            return std::nullopt;
          usedElsewhere = true;
        }
        return scf::SCFTileAndFuseOptions::ControlFnResult{usedElsewhere};
      });

  return tcc::tileAndFuseInPlace(rewriter, consumer.getOperation(), options);
}

/// The last elementwise op of `func`'s body (not one already tiled into a
/// loop) that consumes a row reduction, and how many dimensions to tile.
static std::pair<linalg::GenericOp, unsigned>
lastRowConsumer(func::FuncOp func) {
  std::pair<linalg::GenericOp, unsigned> last{nullptr, 0};
  for (auto generic : func.getBody().getOps<linalg::GenericOp>())
    if (unsigned rows = rowTilingRank(generic))
      last = {generic, rows};
  return last;
}

namespace {
struct FuseReductionsPass
    : tcc::impl::FuseReductionsBase<FuseReductionsPass> {
  void runOnOperation() override {
    // Shapes of what a loop now computes come from its operands, so the
    // fused originals die; a fused tile's temporary, a slice of a
    // matrix-sized tensor.empty, becomes a row-sized one.
    RewritePatternSet patterns(&getContext());
    memref::populateResolveRankedShapedTypeResultDimsPatterns(patterns);
    tensor::populateFoldTensorEmptyPatterns(patterns);
    FrozenRewritePatternSet cleanup(std::move(patterns));

    IRRewriter rewriter(&getContext());
    // Last consumer first: an earlier one that feeds it is fused into its
    // loop instead of getting a loop of its own.
    getOperation().walk([&](func::FuncOp func) {
      while (true) {
        auto [consumer, rows] = lastRowConsumer(func);
        if (!consumer)
          return;
        if (failed(fuseRowsOf(rewriter, consumer, rows))) {
          consumer.emitError("internal error: cannot tile ")
              << consumer->getName() << " by rows";
          return signalPassFailure();
        }
        if (failed(applyPatternsGreedily(func, cleanup)))
          return signalPassFailure();
      }
    });
  }
};
} // namespace
