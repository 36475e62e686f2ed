//===- RandomToCalls.cpp - th.random_draw to a runtime call ---------------===//
//
// A draw is sequential by nature (each element advances the generator), so
// it is not a linalg op but a call of the runtime's entry point
// (runtime/src/Random.cpp), on buffers this lowering makes explicit before
// one-shot bufferization: the state and parameters are read through
// read-only `bufferization.to_buffer` views (flattened to 1-d), the new
// state and the sample are fresh `memref.alloc` buffers the call fills,
// turned back into tensors with `restrict` (nothing else aliases them).
// Every argument is passed as a 1-d memref with a dynamic strided layout,
// with MLIR's C interface.
//
//===----------------------------------------------------------------------===//

#include "Passes/ExternalFunctions.h"
#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

static std::string calleeName(th::RandomDrawOp op) {
  return ("tcc_random_" + op.getDistribution()).str();
}

/// The entry point's argument types: state in, state out, the parameters,
/// the sample.
static SmallVector<Type> calleeArgTypes(th::RandomDrawOp op) {
  SmallVector<Type> types;
  Type i64 = IntegerType::get(op.getContext(), 64);
  types.push_back(tcc::vectorBufferType(i64));
  types.push_back(tcc::vectorBufferType(i64));
  for (Value p : op.getParams())
    types.push_back(
        tcc::vectorBufferType(cast<RankedTensorType>(p.getType()).getElementType()));
  types.push_back(tcc::vectorBufferType(
      cast<RankedTensorType>(op.getSample().getType()).getElementType()));
  return types;
}

void tcc::declareRandomFunctions(ModuleOp module) {
  module.walk([&](th::RandomDrawOp op) {
    tcc::declareExternalFunction(
        module, calleeName(op),
        FunctionType::get(module.getContext(), calleeArgTypes(op), {}),
        /*cInterface=*/true);
  });
}

namespace {

struct LowerRandomDraw : OpRewritePattern<th::RandomDrawOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::RandomDrawOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto module = op->getParentOfType<ModuleOp>();
    auto callee = module.lookupSymbol<func::FuncOp>(calleeName(op));
    if (!callee)
      return rewriter.notifyMatchFailure(op, "entry point not declared");
    auto readView = [&](Value t) {
      return tcc::readOnlyVectorArgument(rewriter, loc, t);
    };

    SmallVector<Value> args = {readView(op.getState())};
    auto stateType = cast<RankedTensorType>(op.getState().getType());
    auto packedType =
        MemRefType::get({th::kRandomStateLength}, stateType.getElementType());
    Value next = memref::AllocOp::create(rewriter, loc, packedType);
    args.push_back(tcc::vectorArgument(rewriter, loc, next));
    for (Value p : op.getParams())
      args.push_back(readView(p));

    auto sampleType = cast<RankedTensorType>(op.getSample().getType());
    SmallVector<Value> dynamic;
    for (auto [d, size] : llvm::enumerate(op.getSizes()))
      if (sampleType.isDynamicDim(d))
        dynamic.push_back(arith::IndexCastOp::create(
            rewriter, loc, rewriter.getIndexType(),
            tensor::ExtractOp::create(rewriter, loc, size)));
    Value sample = memref::AllocOp::create(
        rewriter, loc,
        MemRefType::get(sampleType.getShape(), sampleType.getElementType()),
        dynamic);
    args.push_back(tcc::vectorArgument(rewriter, loc, sample));
    func::CallOp::create(rewriter, loc, callee, args);

    Value nextTensor = bufferization::ToTensorOp::create(
        rewriter, loc,
        RankedTensorType::get(packedType.getShape(),
                              packedType.getElementType()),
        next, /*restrict=*/true, /*writable=*/true);
    if (nextTensor.getType() != stateType)
      nextTensor = tensor::CastOp::create(rewriter, loc, stateType, nextTensor);
    Value sampleTensor = bufferization::ToTensorOp::create(
        rewriter, loc, sampleType, sample, /*restrict=*/true,
        /*writable=*/true);
    rewriter.replaceOp(op, {nextTensor, sampleTensor});
    return success();
  }
};

} // namespace

void tcc::populateRandomToCallsPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerRandomDraw>(patterns.getContext());
}
