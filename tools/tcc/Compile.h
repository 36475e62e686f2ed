//===- Compile.h - The compilation pipeline of the driver -------*- C++ -*-===//

#ifndef TCC_TOOLS_COMPILE_H
#define TCC_TOOLS_COMPILE_H

#include <cstdint>
#include <string>
#include <vector>

namespace tcc {

struct DriverOptions {
  std::string input;
  std::string output;
  std::string emit = "so";
  std::string floatX = "float64";
  /// Where the model runs: cpu, cuda (the first GPU) or cudaN.
  std::string device = "cpu";
  /// --cuda-arch: the GPU architecture of the CUDA kernels.
  std::string cudaArch = "sm_90";
  bool printIRAfterAll = false;
  /// --mlir-print-debuginfo: locations in the IR that --emit prints.
  bool printDebugInfo = false;
  /// --march: an LLVM CPU name or "host" (CodeGenOptions::march).
  std::string march = "x86-64";
  bool noStabilize = false;
  bool rewriteReport = false;
  /// Theano's NanGuardMode: kernels check their float results.
  bool nanGuard = false;
  /// Theano's ProfileMode: the runtime times and counts every kernel.
  bool profile = false;
  /// Theano's DebugMode: every call also runs the function compiled at -O0
  /// and compares the results.
  bool debugMode = false;
  /// For tcc's own tests of debug mode: the optimized functions compute a
  /// slightly wrong first float output.
  bool debugModePerturb = false;
  std::string dumpDir;
  /// The model's name in its manifest and header (C++ namespace); default:
  /// the input file's stem.
  std::string modelName;
  /// Theano's optimizer flags: fast_run (default), fast_compile, None, and
  /// phases or rewrites to add or remove by name.
  std::string optimizer = "fast_run";
  std::vector<std::string> optimizerIncluding;
  std::vector<std::string> optimizerExcluding;
  unsigned optLevel = 2;
  const char *argv0 = "tcc";
  /// For `tcc run`: a variable to turn into a function (var.eval).
  std::string evalVariable;
  /// --mlir-pass-pipeline-crash-reproducer (PipelineOptions).
  std::string crashReproducer;
  /// --test-pass: a pass to run after the graph optimizer (tcc's tests).
  std::string testPass;
  /// EvalOptions::maxWhileIterations (the front-end fuzzer lowers it).
  uint64_t maxWhileIterations = 10000000;
};

/// Whether `device` is one --device takes: cpu, cuda, cuda0, cuda1, ...
bool isKnownDevice(const std::string &device);

/// Runs the pipeline up to options.emit. Returns the process exit code
/// (0, or 1 after printing diagnostics).
int compileModel(const DriverOptions &options);

} // namespace tcc

#endif // TCC_TOOLS_COMPILE_H
