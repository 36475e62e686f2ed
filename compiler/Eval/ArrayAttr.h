//===- ArrayAttr.h - Compile-time arrays <-> MLIR attributes ----*- C++ -*-===//

#ifndef TCC_EVAL_ARRAYATTR_H
#define TCC_EVAL_ARRAYATTR_H

#include "Eval/Object.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <optional>

namespace tcc::eval {
class Interpreter;

/// The dense attribute holding `array` (its shape, `element` type).
mlir::DenseElementsAttr toElementsAttr(const numpy::NDArray &array,
                                       mlir::Type element);

/// np.asarray(value, dtype) for a compile-time value: numbers, nested
/// lists/tuples of numbers or arrays, arrays. Symbolic tensors are an error.
mlir::FailureOr<numpy::NDArray>
objectToArray(Interpreter &interp, const ObjectPtr &value, mlir::Location loc,
              std::optional<numpy::DType> dtype = std::nullopt);

} // namespace tcc::eval

#endif // TCC_EVAL_ARRAYATTR_H
