//===- MapLoopsToGpu.cpp - Which parallel loops become GPU kernels --------===//
//
// convert-parallel-loops-to-gpu turns every scf.parallel that carries a
// mapping attribute into a gpu.launch. Upstream's gpu-map-parallel-loops
// maps every outermost loop; a tcc kernel also has loops that call the
// runtime (an index error, a random draw, a sort) or allocate, which a GPU
// kernel cannot do. Those stay on the host, where the runtime's managed
// memory keeps their data reachable (docs/ABI.md, CUDA). The loops mapped
// get the innermost dimension tiled by the block size, so consecutive
// threads of a block touch consecutive elements (coalesced accesses).
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/ParallelLoopMapper.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include <numeric>

namespace tcc {
#define GEN_PASS_DEF_MAPLOOPSTOGPU
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

/// Whether a GPU thread can run `op`: it computes, reads or writes memory
/// it is given, and loops; it calls nothing and allocates nothing.
static bool runsOnGpu(Operation *op) {
  if (isa<memref::LoadOp, memref::StoreOp, memref::DimOp, memref::SubViewOp,
          memref::CastOp, memref::ReinterpretCastOp,
          memref::ExtractStridedMetadataOp>(op))
    return true;
  if (isa<scf::ForOp, scf::IfOp, scf::ParallelOp, scf::YieldOp, scf::ReduceOp,
          scf::ReduceReturnOp, affine::AffineApplyOp, affine::AffineMinOp,
          affine::AffineMaxOp>(op))
    return true;
  // Integer powers become calls of functions convert-math-to-funcs adds to
  // the host module.
  if (isa<math::IPowIOp, math::FPowIOp>(op))
    return false;
  Dialect *dialect = op->getDialect();
  return dialect && isa<arith::ArithDialect, math::MathDialect>(dialect);
}

/// Whether the memory behind `memref` is the runtime's (heap buffers are
/// managed memory in a CUDA model) rather than the host's own: a global
/// constant or a stack buffer, which the GPU cannot read.
static bool inRuntimeMemory(Value memref) {
  while (Operation *def = memref.getDefiningOp()) {
    if (isa<memref::GetGlobalOp, memref::AllocaOp>(def))
      return false;
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view)
      return true;
    memref = view.getViewSource();
  }
  return true;
}

/// Whether a GPU can run `loop`: it yields nothing (reductions are not
/// mapped) and every op in it runs on a GPU thread and reads and writes
/// only the runtime's memory.
static bool isGpuLoop(scf::ParallelOp loop) {
  if (loop.getNumResults() != 0)
    return false;
  WalkResult body = loop.getBody()->walk([](Operation *op) {
    if (!runsOnGpu(op))
      return WalkResult::interrupt();
    for (Value operand : op->getOperands())
      if (isa<MemRefType>(operand.getType()) && !inRuntimeMemory(operand))
        return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return !body.wasInterrupted();
}

/// `loop` as one loop over all its iterations (row-major, so consecutive
/// iterations touch consecutive elements), tiled by `blockSize`: tiles to
/// blocks x (up to 2^31-1 of them; y and z would allow only 65535), the
/// iterations of a tile to threads x.
static LogicalResult mapLoop(RewriterBase &rewriter, scf::ParallelOp loop,
                             int64_t blockSize) {
  if (unsigned rank = loop.getNumLoops(); rank > 1) {
    Operation *next = loop->getNextNode();
    std::vector<unsigned> all(rank);
    std::iota(all.begin(), all.end(), 0);
    collapseParallelLoops(rewriter, loop, {all});
    loop = dyn_cast_or_null<scf::ParallelOp>(next->getPrevNode());
    if (!loop)
      return failure();
  }
  auto [outer, inner] =
      scf::tileParallelLoop(loop, {blockSize}, /*noMinMaxBounds=*/true);
  MLIRContext *context = loop.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(1, context);
  auto dim = [&](gpu::Processor processor) {
    return gpu::ParallelLoopDimMappingAttr::get(context, processor, identity,
                                                identity);
  };
  if (failed(gpu::setMappingAttr(outer, dim(gpu::Processor::BlockX))) ||
      failed(gpu::setMappingAttr(inner, dim(gpu::Processor::ThreadX))))
    return failure();
  // Loops nested in the tile run sequentially in each thread.
  WalkResult nested = inner.getBody()->walk([&](scf::ParallelOp loop) {
    SmallVector<gpu::ParallelLoopDimMappingAttr> sequential(
        loop.getNumLoops(), dim(gpu::Processor::Sequential));
    return failed(gpu::setMappingAttr(loop, sequential))
               ? WalkResult::interrupt()
               : WalkResult::advance();
  });
  return failure(nested.wasInterrupted());
}

namespace {
struct MapLoopsToGpuPass : tcc::impl::MapLoopsToGpuBase<MapLoopsToGpuPass> {
  using MapLoopsToGpuBase::MapLoopsToGpuBase;

  void runOnOperation() override {
    SmallVector<scf::ParallelOp> outermost;
    getOperation().walk<WalkOrder::PreOrder>([&](scf::ParallelOp loop) {
      if (isGpuLoop(loop))
        outermost.push_back(loop);
      return WalkResult::skip();
    });
    IRRewriter rewriter(&getContext());
    for (scf::ParallelOp loop : outermost)
      if (failed(mapLoop(rewriter, loop, blockSize))) {
        loop.emitError("internal error: cannot map the loop to GPU threads");
        return signalPassFailure();
      }
  }
};
} // namespace
