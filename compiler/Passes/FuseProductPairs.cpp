//===- FuseProductPairs.cpp - Two products over one matrix in one pass ----===//
//
// A gradient step of a linear model reads its data matrix twice:
//   z = X.dot(w)  ...elementwise...  e;   g = e.dot(X)
// (linalg.matvec then linalg.vecmat over the same X). When X is larger than
// the cache, each product streams it from memory, and the second pass costs
// as much as the first. Row i of e needs only row i of z, so the vecmat is
// tiled along the rows of X (its reduction dimension) in blocks that fit in
// the L2 cache, and the matvec on those rows, its fill and the elementwise
// ops between them are fused into the same loop: each block of X is read
// from memory once, by the matvec, and again from the cache by the vecmat.
// What the fused ops compute that others use too (z, a prediction made
// from it) is yielded whole from the loop. After bufferization each tile's
// products are BLAS calls on slices (tcc-linalg-to-blas).
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"
#include "Passes/TileAndFuse.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "llvm/ADT/SetVector.h"

namespace tcc {
#define GEN_PASS_DEF_FUSEPRODUCTPAIRS
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

/// Bytes of X per block: a quarter of a 1 MiB L2 leaves room for the
/// vectors and the other core's share on machines whose L2 is shared.
static constexpr int64_t kBlockBytes = 256 * 1024;

/// Whether `op` computes each element from the same element of its operands
/// (or from values broadcast to every element): it can run one block at a
/// time.
static bool isElementwise(Operation *op) {
  auto generic = dyn_cast<linalg::GenericOp>(op);
  return generic && generic.getNumLoops() == generic.getNumParallelLoops();
}

/// The ops to compute block by block for `vecmat`: the matvec over the same
/// matrix that its vector is computed from, that matvec's fill, and the
/// elementwise ops on the way from one to the other. Empty when there is no
/// such matvec or something other than elementwise ops lies on the way.
static llvm::SetVector<Operation *> productPair(linalg::VecmatOp vecmat) {
  Value matrix = vecmat.getDpsInputs()[1];
  Block *body = vecmat->getBlock();
  BackwardSliceOptions options;
  options.omitBlockArguments = true;
  options.filter = [&](Operation *op) { return op->getBlock() == body; };
  llvm::SetVector<Operation *> sources;
  if (failed(getBackwardSlice(vecmat.getDpsInputs()[0], &sources, options)))
    return {};
  if (Operation *def = vecmat.getDpsInputs()[0].getDefiningOp())
    sources.insert(def);

  for (Operation *op : sources) {
    auto matvec = dyn_cast<linalg::MatvecOp>(op);
    if (!matvec || matvec.getDpsInputs()[0] != matrix)
      continue;
    llvm::SetVector<Operation *> between;
    getForwardSlice(matvec.getOperation(), &between);
    llvm::SetVector<Operation *> pair;
    for (Operation *op : between)
      if (sources.contains(op)) {
        if (!isElementwise(op))
          return {};
        pair.insert(op);
      }
    pair.insert(matvec);
    if (auto fill = matvec.getDpsInits()[0].getDefiningOp<linalg::FillOp>())
      pair.insert(fill);
    return pair;
  }
  return {};
}

/// Moves the ops before `consumer` that use what `pair` computes (and
/// their users), which `consumer` cannot depend on, to after it in their
/// order: every other use of a value the loop computes then comes after the
/// loop and can take the value the loop yields. False (nothing moved) when
/// one of them has side effects.
static bool moveOtherUsesAfter(Operation *consumer,
                               const llvm::SetVector<Operation *> &pair) {
  Block *body = consumer->getBlock();
  BackwardSliceOptions options;
  options.omitBlockArguments = true;
  options.filter = [&](Operation *op) { return op->getBlock() == body; };
  llvm::SetVector<Operation *> needed;
  if (failed(getBackwardSlice(consumer, &needed, options)))
    return false;
  llvm::SetVector<Operation *> later;
  for (Operation &op : body->without_terminator()) {
    if (&op == consumer)
      break;
    if (needed.contains(&op))
      continue;
    WalkResult uses = op.walk([&](Operation *inner) {
      for (Value operand : inner->getOperands())
        if (Operation *def = operand.getDefiningOp();
            def && (pair.contains(def) || later.contains(def)))
          return WalkResult::interrupt();
      return WalkResult::advance();
    });
    if (!uses.wasInterrupted())
      continue;
    if (!isMemoryEffectFree(&op))
      return false;
    later.insert(&op);
  }
  Operation *after = consumer;
  for (Operation *op : later) {
    op->moveAfter(after);
    after = op;
  }
  return true;
}

/// Rows of the matrix per block: kBlockBytes of it, and at least 8.
static OpFoldResult blockRows(OpBuilder &b, Location loc, Value matrix) {
  auto type = cast<RankedTensorType>(matrix.getType());
  int64_t elementBytes = type.getElementTypeBitWidth() / 8;
  Value cols = tensor::DimOp::create(b, loc, matrix, 1);
  Value rowBytes = arith::MulIOp::create(
      b, loc, cols, arith::ConstantIndexOp::create(b, loc, elementBytes));
  rowBytes = arith::MaxUIOp::create(b, loc, rowBytes,
                                    arith::ConstantIndexOp::create(b, loc, 1));
  Value rows = arith::DivUIOp::create(
      b, loc, arith::ConstantIndexOp::create(b, loc, kBlockBytes), rowBytes);
  return arith::MaxUIOp::create(b, loc, rows,
                                arith::ConstantIndexOp::create(b, loc, 8))
      .getResult();
}

/// Whether `value` is a linalg.fill with zero.
static bool isZeroFill(Value value) {
  auto fill = value.getDefiningOp<linalg::FillOp>();
  return fill && matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
}

/// Makes `vecmat` accumulate into zeros and adds what it accumulated into
/// before to its result after it: `init + e.dot(X)`. The loop then reads
/// the vectors of the matvec (w) in every block while `init` (w - 0.002*w,
/// say) is only computed after it, so the sum can still be written into
/// w's buffer (tcc-inplace-updates): it becomes one elementwise op of w and
/// the accumulated product.
static void accumulateIntoZeros(RewriterBase &rewriter,
                                linalg::VecmatOp vecmat) {
  Value init = vecmat.getDpsInits()[0];
  if (isZeroFill(init))
    return;
  Location loc = vecmat.getLoc();
  auto type = cast<RankedTensorType>(init.getType());
  rewriter.setInsertionPoint(vecmat);
  // The size of the matrix's rows, not of `init`: a tensor.dim would be
  // another use of it, and keep it from being fused below.
  SmallVector<OpFoldResult> sizes{
      tensor::getMixedSize(rewriter, loc, vecmat.getDpsInputs()[1], 1)};
  Value zeros =
      linalg::FillOp::create(
          rewriter, loc,
          arith::ConstantOp::create(rewriter, loc,
                                    rewriter.getZeroAttr(type.getElementType()))
              .getResult(),
          tensor::EmptyOp::create(rewriter, loc, sizes, type.getElementType())
              .getResult())
          .getResult(0);
  rewriter.modifyOpInPlace(vecmat,
                           [&] { vecmat.getDpsInitsMutable()[0].set(zeros); });

  rewriter.setInsertionPointAfter(vecmat);
  Value product = vecmat->getResult(0);
  AffineMap identity = rewriter.getMultiDimIdentityMap(1);
  auto sum = linalg::GenericOp::create(
      rewriter, loc, type, ValueRange{init, product},
      ValueRange{
          tensor::EmptyOp::create(rewriter, loc, sizes, type.getElementType())},
      ArrayRef<AffineMap>{identity, identity, identity},
      ArrayRef<utils::IteratorType>{utils::IteratorType::parallel},
      [](OpBuilder &b, Location loc, ValueRange args) {
        linalg::YieldOp::create(
            b, loc,
            arith::AddFOp::create(b, loc, args[0], args[1]).getResult());
      });
  rewriter.replaceAllUsesExcept(product, sum.getResult(0), sum);
  // The accumulator's own elementwise computation, into the sum.
  OpOperand *initOperand = sum.getDpsInputOperand(0);
  if (initOperand->get().hasOneUse() &&
      linalg::areElementwiseOpsFusable(initOperand)) {
    FailureOr<linalg::ElementwiseOpFusionResult> fused =
        linalg::fuseElementwiseOps(rewriter, initOperand);
    if (succeeded(fused)) {
      for (auto [original, replacement] : fused->replacements)
        rewriter.replaceAllUsesExcept(original, replacement, fused->fusedOp);
      Operation *producer = init.getDefiningOp();
      rewriter.eraseOp(sum);
      if (producer && producer->use_empty())
        rewriter.eraseOp(producer);
    }
  }
}

/// Tiles `vecmat` along the rows of its matrix and fuses `pair` into the
/// loop, yielding the values others use.
static LogicalResult fusePair(RewriterBase &rewriter, linalg::VecmatOp vecmat,
                              const llvm::SetVector<Operation *> &pair) {
  Value matrix = vecmat.getDpsInputs()[1];
  scf::SCFTilingOptions tiling;
  // vecmat's loops: (column j: parallel, row i: reduction).
  tiling.setTileSizeComputationFunction([&](OpBuilder &b, Operation *op) {
    return SmallVector<OpFoldResult>{b.getIndexAttr(0),
                                     blockRows(b, op->getLoc(), matrix)};
  });
  Block *body = vecmat->getBlock();
  scf::SCFTileAndFuseOptions options;
  options.setTilingOptions(tiling);
  options.setFusionControlFn(
      [&](tensor::ExtractSliceOp slice, OpResult producer,
          bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        // Only the pair: the vecmat's accumulator, for one, is the loop's
        // and must not be computed again per block.
        if (!pair.contains(producer.getOwner()))
          return std::nullopt;
        Operation *loop = body->findAncestorOpInBlock(*slice);
        bool usedElsewhere =
            llvm::any_of(producer.getUsers(), [&](Operation *user) {
              return user != vecmat &&
                     body->findAncestorOpInBlock(*user) != loop &&
                     !pair.contains(user) && !isa<tensor::DimOp>(user);
            });
        return scf::SCFTileAndFuseOptions::ControlFnResult{usedElsewhere};
      });

  return tcc::tileAndFuseInPlace(rewriter, vecmat.getOperation(), options);
}

namespace {
struct FuseProductPairsPass
    : tcc::impl::FuseProductPairsBase<FuseProductPairsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    getOperation().walk([&](func::FuncOp func) {
      // The -O0 reference functions of --debug-mode keep their products.
      if (func->hasAttr("tcc.reference"))
        return;
      SmallVector<linalg::VecmatOp> vecmats(
          func.getBody().getOps<linalg::VecmatOp>());
      for (linalg::VecmatOp vecmat : vecmats) {
        llvm::SetVector<Operation *> pair = productPair(vecmat);
        if (pair.empty() || !moveOtherUsesAfter(vecmat, pair))
          continue;
        accumulateIntoZeros(rewriter, vecmat);
        if (failed(fusePair(rewriter, vecmat, pair))) {
          vecmat.emitError("internal error: cannot tile linalg.vecmat by "
                           "rows of its matrix");
          return signalPassFailure();
        }
      }
    });
  }
};
} // namespace
