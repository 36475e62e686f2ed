//===- ExternalFunctions.cpp - Declarations of functions kernels call -----===//

#include "Passes/ExternalFunctions.h"

using namespace mlir;

func::FuncOp tcc::declareExternalFunction(ModuleOp module, llvm::StringRef name,
                                          FunctionType type, bool cInterface) {
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  auto b = OpBuilder::atBlockBegin(module.getBody());
  auto callee = func::FuncOp::create(b, module.getLoc(), name, type);
  callee.setPrivate();
  if (cInterface)
    callee->setAttr("llvm.emit_c_interface", b.getUnitAttr());
  return callee;
}
