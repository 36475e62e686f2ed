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
  bool marchHost = false; // --march=host: the build machine's instructions
  unsigned optLevel = 2;
};

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
