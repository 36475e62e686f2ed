//===- Registration.cpp - One registry for every tcc tool -----------------===//

#include "Pipeline/Registration.h"

#include "Th/IR/ThDialect.h"
#include "Passes/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

void tcc::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<mlir::th::ThDialect>();
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllToLLVMIRTranslations(registry);
}

void tcc::registerAllPasses() {
  mlir::registerAllPasses();
  tcc::registerTccPasses();
}
