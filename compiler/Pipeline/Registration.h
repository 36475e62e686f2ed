//===- Registration.h - One registry for every tcc tool ---------*- C++ -*-===//
//
// tcc and tcc-opt register the same dialects and passes from here, so a
// pipeline that works in one works in the other.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PIPELINE_REGISTRATION_H
#define TCC_PIPELINE_REGISTRATION_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace tcc {
void registerAllDialects(mlir::DialectRegistry &registry);
void registerAllPasses();
} // namespace tcc

#endif // TCC_PIPELINE_REGISTRATION_H
