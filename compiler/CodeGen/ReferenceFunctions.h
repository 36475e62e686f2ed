//===- ReferenceFunctions.h - The -O0 functions of --debug-mode -*- C++ -*-===//
//
// Theano's DebugMode checks every optimized function against a reference
// implementation. tcc's reference is the function compiled at -O0 (the
// stability rewrites, which are part of the program's meaning, stay on):
// the driver lowers a clone of the program that way and merges it into the
// model as `__tcc_reference_<name>`, which the runtime runs before each
// call and compares the optimized results with.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_CODEGEN_REFERENCEFUNCTIONS_H
#define TCC_CODEGEN_REFERENCEFUNCTIONS_H

#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace tcc {

/// The name of `function`'s -O0 version in a --debug-mode model.
std::string referenceName(llvm::StringRef function);

/// Moves the functions of `reference` (lowered to linalg at -O0) into
/// `module` (lowered with optimizations), renamed to their referenceName and
/// marked `tcc.reference`; their index checks are renumbered after
/// `module`'s. Fails (with a diagnostic) if a function reads other shared
/// variables than its optimized version, whose arguments it must share.
mlir::LogicalResult mergeReferenceFunctions(mlir::ModuleOp module,
                                            mlir::ModuleOp reference);

/// For tcc's tests of debug mode (--debug-mode-perturb): the first float
/// output of each function of `module` that is not a reference is scaled
/// by 1.001, a miscompile for debug mode to find.
void perturbFirstFloatOutputs(mlir::ModuleOp module);

} // namespace tcc

#endif // TCC_CODEGEN_REFERENCEFUNCTIONS_H
