//===- ObjectEmitter.h - LLVM dialect to an object file ---------*- C++ -*-===//

#ifndef TCC_CODEGEN_OBJECTEMITTER_H
#define TCC_CODEGEN_OBJECTEMITTER_H

#include "CodeGen/Manifest.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

#include <memory>

namespace tcc {

struct CodeGenOptions {
  /// --march: an LLVM CPU name (x86-64, the default, runs on every x86-64
  /// machine; x86-64-v3, skylake-avx512, znver4, ...) or "host", the build
  /// machine's CPU and features.
  std::string march = "x86-64";
  unsigned optLevel = 2;
};

/// Whether LLVM knows `march` (or it is "host") for the default target;
/// prints an error naming the choices when it does not.
mlir::LogicalResult checkMarch(llvm::StringRef march);

/// Translates the lowered module to LLVM IR and adds what the runtime needs:
/// the manifest, the data blob, the kernel trampolines and table, and the
/// exported tcc_fn_<name> entry points; then optimizes it.
std::unique_ptr<llvm::Module>
buildLLVMModule(mlir::ModuleOp module, const ModelManifest &manifest,
                llvm::LLVMContext &context, const CodeGenOptions &options);

/// Writes `module` as an object file (or assembly) to `path`.
mlir::LogicalResult emitObject(llvm::Module &module, llvm::StringRef path,
                               bool assembly, const CodeGenOptions &options);

/// Links `object` with the runtime into the shared library `output`.
mlir::LogicalResult linkSharedLibrary(llvm::StringRef object,
                                      llvm::StringRef output,
                                      const char *argv0);

} // namespace tcc

#endif // TCC_CODEGEN_OBJECTEMITTER_H
