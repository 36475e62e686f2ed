//===- Pipeline.h - The named stages from th to LLVM ------------*- C++ -*-===//

#ifndef TCC_CODEGEN_PIPELINE_H
#define TCC_CODEGEN_PIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

namespace tcc {

struct PipelineOptions {
  bool printIRAfterAll = false;
};

/// th.grad -> th ops (th-grad).
mlir::LogicalResult expandGradients(mlir::ModuleOp module,
                                    const PipelineOptions &options);
/// th -> linalg on tensors (th-lower-functions, convert-th-to-linalg).
mlir::LogicalResult lowerToLinalg(mlir::ModuleOp module,
                                  const PipelineOptions &options);
/// linalg on tensors -> LLVM dialect (bufferize, loops, LLVM).
mlir::LogicalResult lowerToLLVMDialect(mlir::ModuleOp module,
                                       const PipelineOptions &options);

} // namespace tcc

#endif // TCC_CODEGEN_PIPELINE_H
