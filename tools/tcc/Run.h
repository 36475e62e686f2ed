//===- Run.h - `tcc run`: compile, call, print ------------------*- C++ -*-===//

#ifndef TCC_TOOLS_RUN_H
#define TCC_TOOLS_RUN_H

#include "Compile.h"

#include <string>
#include <vector>

namespace tcc {

struct RunOptions {
  DriverOptions compile;
  std::string function;
  std::vector<std::string> args;
  unsigned repeat = 1;
  bool json = false;
  /// Checkpoints (.npz of every shared variable): loaded before the first
  /// call, saved (atomically) after the last one succeeded.
  std::string load, save;
};

int runModel(RunOptions &options);

} // namespace tcc

#endif // TCC_TOOLS_RUN_H
