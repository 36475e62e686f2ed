//===- ExternalFunctions.h - Functions kernels call ---------*- C++ -*-===//
//
// Kernels call C functions outside the module: the runtime's (random draws,
// index errors, special functions), OpenBLAS and libm. Each is declared once,
// private, at the start of the module.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PASSES_EXTERNALFUNCTIONS_H
#define TCC_PASSES_EXTERNALFUNCTIONS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/StringMap.h"

namespace tcc {

/// The function `name` of `module`, declared with `type` if it is not there
/// yet. `cInterface` asks for MLIR's `_mlir_ciface_` wrapper, for callees
/// that take memrefs as descriptors.
mlir::func::FuncOp declareExternalFunction(mlir::ModuleOp module,
                                           llvm::StringRef name,
                                           mlir::FunctionType type,
                                           bool cInterface = false);

/// memref<?xT> with any offset and stride: how the runtime's entry points
/// take arrays (MLIR's C interface passes a pointer to its descriptor).
mlir::MemRefType vectorBufferType(mlir::Type element);

/// A tensor of any rank as a read-only buffer of its elements in row-major
/// order, of vectorBufferType: an argument a callee reads.
mlir::Value readOnlyVectorArgument(mlir::OpBuilder &b, mlir::Location loc,
                                   mlir::Value tensor);

/// A contiguous buffer of any rank (a memref.alloc the callee fills) as a
/// vectorBufferType argument.
mlir::Value vectorArgument(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value buffer);

/// What a runtime call that fails a kernel refers to by number: the module
/// attribute `attrName` lists "what at model.th:3:9" strings, which the
/// manifest carries so the runtime's message can name the operation.
/// Equal strings share a number, so the list stays as long as the source;
/// entries already in the attribute keep theirs.
class NumberedDescriptions {
public:
  NumberedDescriptions(mlir::ModuleOp module, llvm::StringRef attrName);
  /// The number of "`what` at <op's source position>".
  int64_t numberOf(mlir::Operation *op, llvm::StringRef what);
  /// Writes the list to the module attribute.
  void save();

private:
  mlir::ModuleOp module;
  std::string attrName;
  llvm::SmallVector<mlir::Attribute> list;
  llvm::StringMap<int64_t> numbers;
};

} // namespace tcc

#endif // TCC_PASSES_EXTERNALFUNCTIONS_H
