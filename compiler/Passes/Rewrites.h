//===- Rewrites.h - Shared pieces of tcc's graph rewrites -------*- C++ -*-===//
//
// The phases follow Theano's (canonicalize, stabilize, specialize): each
// rewrite is a named pattern (its debug name is Theano's, e.g. local_log1p)
// and reports itself to the rewrite report when it fires, so
// `tcc --rewrite-report` can list what ran, how often and where.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PASSES_REWRITES_H
#define TCC_PASSES_REWRITES_H

#include "Th/IR/RewriteReport.h"

#include "mlir/IR/Location.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/Value.h"

#include <optional>
#include <string>
#include <vector>

namespace tcc {

/// The value every element of `v` has when `v` is a splat constant, looking
/// through the casts and dimshuffles the front end puts around literals.
std::optional<double> splatConstant(mlir::Value v);

/// True when `v` is a splat constant equal to `c`.
inline bool isConstant(mlir::Value v, double c) {
  std::optional<double> s = splatConstant(v);
  return s && *s == c;
}

/// A pattern of a named phase that records itself when it rewrites.
template <typename OpTy>
struct NamedRewrite : mlir::OpRewritePattern<OpTy> {
  NamedRewrite(mlir::MLIRContext *ctx, llvm::StringRef phase,
               llvm::StringRef name, mlir::PatternBenefit benefit = 1)
      : mlir::OpRewritePattern<OpTy>(ctx, benefit), phase(phase.str()) {
    this->setDebugName(name);
  }

  /// Replaces `op` with `value` and records the rewrite.
  void replace(mlir::PatternRewriter &rewriter, OpTy op,
               mlir::Value value) const {
    recordRewrite(phase, this->getDebugName(), op.getLoc());
    rewriter.replaceOp(op, value);
  }

private:
  std::string phase;
};

/// Applies `patterns` to `op` greedily, without those whose names are in
/// `disabled` (a phase pass's disable-patterns option).
mlir::LogicalResult applyNamedRewrites(mlir::Operation *op,
                                       mlir::RewritePatternSet &&patterns,
                                       llvm::ArrayRef<std::string> disabled);

void populateStabilizePatterns(mlir::RewritePatternSet &patterns);
/// The names of every stabilize, specialize and gemm rewrite (for the driver's
/// --optimizer-excluding/including checks).
std::vector<std::string> rewriteNames(mlir::MLIRContext *context);
void populateSpecializePatterns(mlir::RewritePatternSet &patterns);
void populateGemmPatterns(mlir::RewritePatternSet &patterns);

} // namespace tcc

#endif // TCC_PASSES_REWRITES_H
