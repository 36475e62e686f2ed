//===- Rewrites.cpp - Shared pieces of tcc's graph rewrites ---------------===//

#include "Passes/Rewrites.h"

#include "Th/IR/ThOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

using namespace mlir;
using namespace tcc;

std::optional<double> tcc::splatConstant(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (isa<th::DimShuffleOp, th::CastOp>(def)) {
      v = def->getOperand(0);
      continue;
    }
    Attribute attr;
    if (!matchPattern(v, m_Constant(&attr)))
      return std::nullopt;
    return th::splatValueOf(attr);
  }
  return std::nullopt;
}

LogicalResult tcc::applyNamedRewrites(Operation *op,
                                      RewritePatternSet &&patterns,
                                      ArrayRef<std::string> disabled) {
  FrozenRewritePatternSet frozen(std::move(patterns), disabled);
  return applyPatternsGreedily(op, frozen);
}

std::vector<std::string> tcc::rewriteNames(MLIRContext *context) {
  RewritePatternSet patterns(context);
  populateStabilizePatterns(patterns);
  populateSpecializePatterns(patterns);
  populateGemmPatterns(patterns);
  std::vector<std::string> names;
  for (const auto &p : patterns.getNativePatterns())
    if (!llvm::is_contained(names, p->getDebugName().str()))
      names.push_back(p->getDebugName().str());
  return names;
}
