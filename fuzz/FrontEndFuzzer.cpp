//===- FrontEndFuzzer.cpp - The compiler on arbitrary programs ------------===//
//
// Each input is a .th program, compiled by the driver's own pipeline
// (tcc::compileModel) through parsing, evaluation, gradients, the graph
// rewrites and lowering to the LLVM dialect. A user error must end in a
// diagnostic; anything else (a crash, an assertion, a sanitizer report, an
// MLIR verifier failure, which the driver reports as an internal error) is a
// bug. LLVM's own code generation is left out: it is LLVM's to fuzz, and it
// would make each input ten times slower.
//
//===----------------------------------------------------------------------===//

#include "Compile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

static std::string inputPath;

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  llvm::SmallString<128> path;
  if (llvm::sys::fs::createTemporaryFile("tcc-fuzz", "th", path)) {
    std::fprintf(stderr, "tcc-fuzz-frontend: cannot create a temporary file\n");
    std::exit(1);
  }
  inputPath = std::string(path);
  std::atexit([] { llvm::sys::fs::remove(inputPath); });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  {
    std::error_code ec;
    llvm::raw_fd_ostream out(inputPath, ec);
    if (ec) {
      std::fprintf(stderr, "tcc-fuzz-frontend: cannot write '%s'\n",
                   inputPath.c_str());
      std::exit(1);
    }
    out.write(reinterpret_cast<const char *>(data), size);
  }
  tcc::DriverOptions options;
  options.input = inputPath;
  options.emit = "llvm";
  options.output = "/dev/null";
  // Compile-time loops are the user's; a fuzzer needs them short.
  options.maxWhileIterations = 1000;
  int exitCode = tcc::compileModel(options);
  if (exitCode != 0 && exitCode != 1) {
    std::fprintf(stderr, "tcc-fuzz-frontend: exit code %d\n", exitCode);
    std::abort();
  }
  return 0;
}
