//===- ScanSaveMem.cpp - keep only the scan state that is read
//-------------===//
//
// The rewrite itself is th.scan's canonicalization (ThScanOps.cpp); this
// pass applies it alone, at every optimization level, so that what a
// program computes does not depend on -O (an empty history read at [-1]
// would be an error at one level and the initial state at another).
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace tcc {
#define GEN_PASS_DEF_SCANSAVEMEM
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

namespace {
struct ScanSaveMemPass : tcc::impl::ScanSaveMemBase<ScanSaveMemPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    th::ScanOp::getCanonicalizationPatterns(patterns, &getContext());
    // Only the scans: no folding or clean-up of the rest, which belongs to
    // the optimization levels that ask for it.
    SmallVector<Operation *> scans;
    getOperation().walk([&](th::ScanOp scan) { scans.push_back(scan); });
    GreedyRewriteConfig config;
    config.enableFolding(false).enableConstantCSE(false).setStrictness(
        GreedyRewriteStrictness::ExistingAndNewOps);
    if (failed(applyOpPatternsGreedily(scans, std::move(patterns), config)))
      signalPassFailure();
  }
};
} // namespace
