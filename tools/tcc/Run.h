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
};

int runModel(RunOptions &options);

} // namespace tcc

#endif // TCC_TOOLS_RUN_H
