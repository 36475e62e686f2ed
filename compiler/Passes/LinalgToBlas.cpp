//===- LinalgToBlas.cpp - Products on buffers to runtime BLAS calls -------===//
//
// After bufferization, linalg.matvec / vecmat / matmul / dot on float32 and
// float64 memrefs become calls of the runtime's BLAS entry points
// (runtime/src/Blas.cpp), which call OpenBLAS with the buffers' real
// strides. The loops MLIR would generate run at a small fraction of BLAS
// speed; Theano calls BLAS for the same ops (its Gemv/Gemm/Dot).
//
//===----------------------------------------------------------------------===//

#include "Passes/ExternalFunctions.h"
#include "Passes/Passes.h"
#include "Passes/Rewrites.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/SymbolTable.h"

namespace tcc {
#define GEN_PASS_DEF_LINALGTOBLAS
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

/// The memref type with `type`'s shape and element and a fully dynamic
/// strided layout: what the runtime entry points take.
static MemRefType anyLayout(MemRefType type) {
  SmallVector<int64_t> strides(type.getRank(), ShapedType::kDynamic);
  auto layout = StridedLayoutAttr::get(type.getContext(), ShapedType::kDynamic,
                                       strides);
  return MemRefType::get(SmallVector<int64_t>(type.getRank(),
                                              ShapedType::kDynamic),
                         type.getElementType(), layout);
}

namespace {
struct LinalgToBlasPass : tcc::impl::LinalgToBlasBase<LinalgToBlasPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<Operation *> products;
    module.walk([&](Operation *op) {
      // The -O0 reference functions of --debug-mode (tcc.reference) keep
      // their loops: BLAS is one of the optimizations they check.
      if (isa<linalg::MatvecOp, linalg::VecmatOp, linalg::MatmulOp,
              linalg::DotOp>(op) &&
          !op->getParentOfType<func::FuncOp>()->hasAttr("tcc.reference"))
        products.push_back(op);
    });
    for (Operation *op : products) {
      auto linalgOp = cast<linalg::LinalgOp>(op);
      if (!linalgOp.hasPureBufferSemantics())
        continue;
      SmallVector<Value> operands(op->getOperands());
      Type element = cast<MemRefType>(operands[0].getType()).getElementType();
      if (!element.isF32() && !element.isF64())
        continue;
      // linalg.matmul may carry indexing maps (transposes, broadcasts):
      // only the plain product has the meaning the entry point implements.
      if (auto matmul = dyn_cast<linalg::MatmulOp>(op))
        if (matmul.hasUserDefinedMaps())
          continue;
      StringRef kind = isa<linalg::MatvecOp>(op)   ? "matvec"
                       : isa<linalg::VecmatOp>(op) ? "vecmat"
                       : isa<linalg::MatmulOp>(op) ? "matmul"
                                                   : "dot";
      // vecmat(x, A) is passed as (A, x) like matvec.
      if (isa<linalg::VecmatOp>(op))
        std::swap(operands[0], operands[1]);
      OpBuilder b(op);
      SmallVector<Value> args;
      SmallVector<Type> types;
      for (Value v : operands) {
        auto type = cast<MemRefType>(v.getType());
        MemRefType target = anyLayout(type);
        args.push_back(type == target
                           ? v
                           : Value(memref::CastOp::create(b, op->getLoc(),
                                                          target, v)));
        types.push_back(target);
      }
      std::string name = ("tcc_blas_" + kind + "_" +
                          (element.isF64() ? "f64" : "f32"))
                             .str();
      func::FuncOp callee = tcc::declareExternalFunction(
          module, name, FunctionType::get(module.getContext(), types, {}),
          /*cInterface=*/true);
      func::CallOp::create(b, op->getLoc(), callee, args);
      tcc::recordRewrite("linalg-to-blas", name, op->getLoc());
      op->erase();
    }
  }
};
} // namespace
