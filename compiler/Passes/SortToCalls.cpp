//===- SortToCalls.cpp - th.argsort to a call of the runtime --------------===//
//
// Sorting has no linalg form; each row is sorted by the runtime's
// `__tcc_argsort_<dtype>(values, positions, row_length)` (runtime/src/
// Sort.cpp), which reads the input flattened in row-major order and fills
// a fresh int64 buffer, turned back into a tensor with `restrict` (nothing
// else aliases it). Arguments are 1-d memrefs with MLIR's C interface.
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

/// `__tcc_argsort_f64`, `__tcc_argsort_u8`, `__tcc_argsort_b8` (bool)...
static std::string calleeName(Type element) {
  std::string suffix;
  if (auto f = dyn_cast<FloatType>(element))
    suffix = "f" + std::to_string(f.getWidth());
  else if (element.isInteger(1))
    suffix = "b8";
  else
    suffix = (element.isUnsignedInteger() ? "u" : "i") +
             std::to_string(element.getIntOrFloatBitWidth());
  return "__tcc_argsort_" + suffix;
}

namespace {

struct LowerArgsort : OpRewritePattern<th::ArgsortOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::ArgsortOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    Type element = type.getElementType();
    Type i64 = rewriter.getI64Type();
    func::FuncOp callee = tcc::declareExternalFunction(
        op->getParentOfType<ModuleOp>(), calleeName(element),
        rewriter.getFunctionType(
            {tcc::vectorBufferType(element), tcc::vectorBufferType(i64), i64},
            {}),
        /*cInterface=*/true);

    SmallVector<Value> dynamic;
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (type.isDynamicDim(d))
        dynamic.push_back(tensor::DimOp::create(rewriter, loc, input, d));
    Value positions = memref::AllocOp::create(
        rewriter, loc, MemRefType::get(type.getShape(), i64), dynamic);
    Value rowLength = arith::IndexCastOp::create(
        rewriter, loc, i64,
        tensor::DimOp::create(rewriter, loc, input, type.getRank() - 1));
    func::CallOp::create(
        rewriter, loc, callee,
        ValueRange{tcc::readOnlyVectorArgument(rewriter, loc, input),
                   tcc::vectorArgument(rewriter, loc, positions), rowLength});
    rewriter.replaceOpWithNewOp<bufferization::ToTensorOp>(
        op, op.getType(), positions, /*restrict=*/true, /*writable=*/true);
    return success();
  }
};

} // namespace

void tcc::populateSortToCallsPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerArgsort>(patterns.getContext());
}
