//===- Manifest.h - The model's manifest ------------------------*- C++ -*-===//

#ifndef TCC_CODEGEN_MANIFEST_H
#define TCC_CODEGEN_MANIFEST_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace tcc {

struct ModelManifest {
  llvm::json::Value json = nullptr;
  /// `__tcc_data`: initial values and defaults at the manifest's offsets.
  std::vector<char> data;
  /// th.func names in manifest order (kernel i is function i).
  std::vector<std::string> functionNames;
};

/// Describes the th module (before th-lower-functions) per docs/ABI.md.
mlir::FailureOr<ModelManifest> buildManifest(mlir::ModuleOp module,
                                             llvm::StringRef modelName,
                                             llvm::StringRef source,
                                             llvm::StringRef floatX);

/// Adds what lowering decided to the manifest: each function's `inplace`
/// list (the shared variables its kernel updates in place, from the
/// `tcc.inplace` attribute that bufferization left on the lowered function)
/// and the module's `index_checks` (from tcc-lower-index-checks).
void recordLoweringResults(mlir::ModuleOp module, ModelManifest &manifest);

/// Theano's name of an element type ("float64", "bool", ...).
std::string dtypeName(mlir::Type element);

} // namespace tcc

#endif // TCC_CODEGEN_MANIFEST_H
