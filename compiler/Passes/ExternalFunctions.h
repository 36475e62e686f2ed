//===- ExternalFunctions.h - Declarations of functions kernels call -*- C++
//-*-===//
//
// Kernels call C functions outside the module: the runtime's (random draws,
// index errors, special functions), OpenBLAS and libm. Each is declared once,
// private, at the start of the module.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PASSES_EXTERNALFUNCTIONS_H
#define TCC_PASSES_EXTERNALFUNCTIONS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace tcc {

/// The function `name` of `module`, declared with `type` if it is not there
/// yet. `cInterface` asks for MLIR's `_mlir_ciface_` wrapper, for callees
/// that take memrefs as descriptors.
mlir::func::FuncOp declareExternalFunction(mlir::ModuleOp module,
                                           llvm::StringRef name,
                                           mlir::FunctionType type,
                                           bool cInterface = false);

} // namespace tcc

#endif // TCC_PASSES_EXTERNALFUNCTIONS_H
