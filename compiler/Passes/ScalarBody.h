//===- ScalarBody.h - The scalar computation of th elementwise ops -*- C++ -*-===//
//
// What one element of a th elementwise op computes, as arith/math ops. Shared
// by the linalg lowering and (later) fused kernels, so NumPy's semantics for
// integer division, modulo and casts live in one place.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PASSES_SCALARBODY_H
#define TCC_PASSES_SCALARBODY_H

#include "mlir/IR/Builders.h"

namespace tcc {

/// Emits the scalar form of the th elementwise op `op` applied to `args`
/// (element values of its operands), producing an element of `resultType`.
mlir::Value buildScalarOp(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Operation *op, mlir::ValueRange args,
                          mlir::Type resultType);

/// NumPy's astype between element types (float->int truncates, ->bool is
/// `!= 0`, bool->number is 0/1).
mlir::Value buildScalarCast(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value value, mlir::Type to);

/// The scalar form of a th op whose operands or result are complex
/// (ComplexScalarBody.cpp); null for an op that does not compute on complex
/// numbers.
mlir::Value buildComplexScalarOp(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::Operation *op, mlir::ValueRange args,
                                 mlir::Type resultType);

/// The scalar form of scipy.special's functions (gamma, psi, erfinv...) as
/// calls to C functions (SpecialFunctionBody.cpp); null for any other op.
/// Declares the callee in the module holding `op`.
mlir::Value buildSpecialFunctionOp(mlir::OpBuilder &b, mlir::Location loc,
                                   mlir::Operation *op, mlir::ValueRange args);

/// Casts to, from or between complex types: a real x is x + 0j, complex to
/// real keeps the real part, to bool is "not both parts zero" (NumPy).
mlir::Value buildComplexCast(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value value, mlir::Type to);

} // namespace tcc

#endif // TCC_PASSES_SCALARBODY_H
