//===- Pipeline.h - The named stages from th to LLVM ------------*- C++ -*-===//

#ifndef TCC_CODEGEN_PIPELINE_H
#define TCC_CODEGEN_PIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include <string>
#include <vector>

namespace tcc {

struct PipelineOptions {
  bool printIRAfterAll = false;
  /// --dump-dir: the module after every pass, one numbered file each.
  std::string dumpDir;
  /// Theano's stabilize phase (on unless --no-stabilize: it is part of a
  /// program's meaning, so -O0 keeps it).
  bool stabilize = true;
  /// Speed rewrites: canonicalize, cse, specialize (off at -O0).
  bool optimize = true;
  bool specialize = true;
  bool fusion = true;
  /// Row reductions computed in the loop of their consumers (with fusion).
  bool reductionFusion = true;
  /// X.dot(w) and e.dot(X) computed in one pass over X (with fusion).
  bool productFusion = true;
  bool blas = true;
  /// Kernels write new values of shared variables into the old buffers.
  bool inplace = true;
  /// --nan-guard: every kernel's float results checked for NaN and Inf.
  bool nanGuard = false;
  /// --profile: every kernel timed, its calls and allocations counted.
  bool profile = false;
  /// --device=cuda: the parallel loops that can run on a GPU become CUDA
  /// kernels for `gpuChip`, embedded in the object as a fatbin.
  bool cuda = false;
  std::string gpuChip = "sm_90";
  /// The CUDA toolkit whose ptxas and fatbinary build the kernels.
  std::string cudaToolkit;
  /// Rewrites turned off by name (--optimizer-excluding=local_log1p).
  std::vector<std::string> disabledRewrites;
  /// Where a pass that crashes or leaves IR that does not verify has the
  /// reproducer written (--mlir-pass-pipeline-crash-reproducer); empty: a
  /// new file in the temporary directory.
  std::string crashReproducer;
  /// For tcc's tests (--test-pass): a pass run after the graph optimizer.
  std::string testPass;
};

/// What the driver prints after an internal error, asking for a report.
extern const char *const kBugReportMessage;
/// The exit code after an internal error (sysexits' EX_SOFTWARE); a user's
/// mistake exits with 1.
constexpr int kInternalErrorExitCode = 70;

/// Writes `module` as DIR/NN_<name>.mlir (numbered across all stages).
mlir::LogicalResult dumpModule(mlir::ModuleOp module, llvm::StringRef dir,
                               llvm::StringRef name);

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
