//===- Pipeline.h - The named stages from th to LLVM ------------*- C++ -*-===//

#ifndef TCC_CODEGEN_PIPELINE_H
#define TCC_CODEGEN_PIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

namespace tcc {

struct PipelineOptions {
  bool printIRAfterAll = false;
  /// Theano's stabilize phase (on unless --no-stabilize: it is part of a
  /// program's meaning, so -O0 keeps it).
  bool stabilize = true;
  /// Speed rewrites: canonicalize, cse, specialize (off at -O0).
  bool optimize = true;
};

/// th-stabilize then th.grad -> th ops (th-grad), so gradients are taken of
/// the stable forms.
mlir::LogicalResult expandGradients(mlir::ModuleOp module,
                                    const PipelineOptions &options);
/// The graph optimizer: canonicalize, cse, th-stabilize, th-specialize.
mlir::LogicalResult optimizeGraph(mlir::ModuleOp module,
                                  const PipelineOptions &options);
/// th -> linalg on tensors (th-lower-functions, convert-th-to-linalg).
mlir::LogicalResult lowerToLinalg(mlir::ModuleOp module,
                                  const PipelineOptions &options);
/// linalg on tensors -> LLVM dialect (bufferize, loops, LLVM).
mlir::LogicalResult lowerToLLVMDialect(mlir::ModuleOp module,
                                       const PipelineOptions &options);

} // namespace tcc

#endif // TCC_CODEGEN_PIPELINE_H
