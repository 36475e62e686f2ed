//===- CrashReproducer.h - Reproducer of a crashed pipeline -*- C++ -*-===//
//
// A pass that crashes leaves a reproducer: the module as its pipeline got
// it, with the pipeline, in MLIR's format (`tcc-opt --run-reproducer
// FILE`). A crash on the thread that runs the pipeline is recovered there
// (Pipeline.cpp). One on an MLIR worker thread is not: it reaches LLVM's
// signal handler, where printing IR (which allocates and takes locks) is
// not safe. So the reproducer is rendered before the pipeline runs, and the
// signal handler writes it with open and write alone.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_CODEGEN_CRASHREPRODUCER_H
#define TCC_CODEGEN_CRASHREPRODUCER_H

#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace tcc {

/// The reproducer of one run of a pipeline, ready to be written while the
/// pipeline runs. At most one is armed at a time.
class PendingReproducer {
public:
  /// Renders `module` with `pipeline` and arms the signal handler. The file
  /// is `requested`, or else tcc-reproducer-<pid>.mlir in the temporary
  /// directory.
  PendingReproducer(mlir::ModuleOp module, llvm::StringRef pipeline,
                    llvm::StringRef requested);
  ~PendingReproducer();
  PendingReproducer(const PendingReproducer &) = delete;
  PendingReproducer &operator=(const PendingReproducer &) = delete;

  /// Disarms the signal handler and writes the file (once; the handler may
  /// have written it). Returns its path, or "" if it cannot be written.
  std::string write();

  /// Writes the file, and says so on stderr, with async-signal-safe calls
  /// only. Returns whether it was written.
  bool writeFromSignalHandler() const;

private:
  std::string path;
  std::string text;
  std::string note;
};

} // namespace tcc

#endif // TCC_CODEGEN_CRASHREPRODUCER_H
