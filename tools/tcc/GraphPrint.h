//===- GraphPrint.h - theano.pp and pydotprint for th functions -*- C++ -*-===//

#ifndef TCC_TOOLS_GRAPHPRINT_H
#define TCC_TOOLS_GRAPHPRINT_H

#include "Th/IR/ThOps.h"

#include "llvm/Support/raw_ostream.h"

namespace tcc {

/// Each output and update of `func` as one infix expression, like
/// theano.pp: `b = (a + (a ** TensorConstant{10}))`.
void printPretty(mlir::th::FuncOp func, llvm::raw_ostream &os);

/// Every th.func as a Graphviz digraph (one cluster per function), like
/// theano.printing.pydotprint.
void printDot(mlir::ModuleOp module, llvm::raw_ostream &os);

} // namespace tcc

#endif // TCC_TOOLS_GRAPHPRINT_H
