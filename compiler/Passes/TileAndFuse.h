//===- TileAndFuse.h - Tiling a consumer with its producers in place -*- C++
//-*-===//
//
// The step the fusion passes share: tile `consumer` and fuse producers into
// its loop (scf::tileConsumerAndFuseProducersUsingSCF), then make the uses
// after the loop read what the loop yields. Uses before it (shape queries
// that give the loop its bounds) stay on the originals.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PASSES_TILEANDFUSE_H
#define TCC_PASSES_TILEANDFUSE_H

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/IR/PatternMatch.h"

namespace tcc {

inline mlir::LogicalResult
tileAndFuseInPlace(mlir::RewriterBase &rewriter, mlir::Operation *consumer,
                   const mlir::scf::SCFTileAndFuseOptions &options) {
  mlir::Block *body = consumer->getBlock();
  rewriter.setInsertionPoint(consumer);
  mlir::FailureOr<mlir::scf::SCFTileAndFuseResult> result =
      mlir::scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, mlir::cast<mlir::TilingInterface>(consumer), options);
  if (mlir::failed(result))
    return mlir::failure();
  mlir::Operation *loop = result->loops.front();
  for (auto [original, replacement] : result->replacements)
    rewriter.replaceUsesWithIf(
        original, replacement, [&](mlir::OpOperand &use) {
          mlir::Operation *user = body->findAncestorOpInBlock(*use.getOwner());
          return user && loop->isBeforeInBlock(user);
        });
  return mlir::success();
}

} // namespace tcc

#endif // TCC_PASSES_TILEANDFUSE_H
