//===- IndexingUtils.h - Helpers shared by the indexing lowerings -*- C++
//-*-===//

#ifndef TCC_PASSES_INDEXINGUTILS_H
#define TCC_PASSES_INDEXINGUTILS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

namespace tcc {

/// `old + v` as inc_subtensor adds: in floating point, with wrap-around for
/// integers, and as logical or for bools (NumPy's bool addition).
inline mlir::Value accumulate(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::Value old, mlir::Value v) {
  mlir::Type element = v.getType();
  if (mlir::isa<mlir::FloatType>(element))
    return mlir::arith::AddFOp::create(b, loc, old, v);
  if (element.isInteger(1))
    return mlir::arith::OrIOp::create(b, loc, old, v);
  return mlir::arith::AddIOp::create(b, loc, old, v);
}

} // namespace tcc

#endif // TCC_PASSES_INDEXINGUTILS_H
