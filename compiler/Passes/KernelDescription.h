//===- KernelDescription.h - What a kernel computes, for people -*- C++ -*-===//
//
// The NaN guard's messages and the profile's report name kernels (a fused
// loop nest, a matmul, a loop, a runtime call) by the th ops they came
// from, which the driver records in the ops' locations (NameLoc) when it
// instruments a model, and by their source positions.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PASSES_KERNELDESCRIPTION_H
#define TCC_PASSES_KERNELDESCRIPTION_H

#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"

#include <string>
#include <vector>

namespace tcc {

/// The th ops named in `loc` (NameLocs through fused and call-site
/// locations), each once, in order.
std::vector<std::string> thOpNames(mlir::Location loc);

/// The th ops `op` and the ops nested in it came from; for a linalg op
/// with no names, the arithmetic in its body ("loop nest: log, mulf"),
/// else its own name ("matmul").
std::string describeKernel(mlir::Operation *op);

/// Every distinct "file:line:col" in `loc` and the locations of the ops
/// nested in `op`, in order.
std::vector<std::string> kernelSourceLocations(mlir::Operation *op);

} // namespace tcc

#endif // TCC_PASSES_KERNELDESCRIPTION_H
