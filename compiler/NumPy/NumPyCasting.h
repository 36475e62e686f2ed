//===- NumPyCasting.h - NumPy 1.x value-based result types ----------------===//
//
// NumPy 1.x (the NumPy of Theano's time, and the 1.24 on these machines)
// types a mixed operation by looking at the *values* of its 0-d operands:
// `float32_array * 2.0` stays float32 and `int8_array + 200` becomes int16,
// while `int8_array + 2.0` becomes float64. This file mirrors
// `np.result_type` / `np.min_scalar_type` (numpy/core/src/multiarray/
// convert_datatype.c: should_use_min_scalar, min_scalar_type_num,
// promote_types with is_small_unsigned). Python numbers count as 0-d arrays
// of int64 / float64 / bool, exactly as NumPy converts them.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_NUMPY_NUMPYCASTING_H
#define TCC_NUMPY_NUMPYCASTING_H

#include "NumPy/DType.h"

#include <cstdint>
#include <vector>

namespace tcc::numpy {

/// One operand of a NumPy operation, as type resolution sees it.
struct CastOperand {
  DType dtype = DType::Float64;
  /// 0-d: a Python number, a NumPy scalar or a 0-d array. Only these take
  /// part in value-based casting.
  bool isScalar = false;
  /// The value of a scalar operand: bools and signed integers in intValue,
  /// unsigned integers in uintValue, floats in realValue (and imagValue).
  int64_t intValue = 0;
  uint64_t uintValue = 0;
  double realValue = 0;
  double imagValue = 0;

  static CastOperand array(DType dtype);
  static CastOperand scalarInt(int64_t value, DType dtype = DType::Int64);
  static CastOperand scalarUInt(uint64_t value, DType dtype = DType::UInt64);
  static CastOperand scalarFloat(double value, DType dtype = DType::Float64);
  static CastOperand scalarBool(bool value);
};

/// `np.min_scalar_type(value)`: the smallest dtype holding the scalar's
/// value (floats: by range only, so 0.1 gives float16). `isSmallUnsigned` is
/// set when an unsigned result also fits the signed type of the same size,
/// which lets `int8_array + 100` stay int8.
DType minScalarType(const CastOperand &scalar, bool *isSmallUnsigned = nullptr);

/// NumPy's should_use_min_scalar: true when some operand is n-d and no 0-d
/// operand is of a higher kind (bool < int/uint < float/complex).
bool shouldUseMinScalar(const std::vector<CastOperand> &operands);

/// `np.result_type(*operands)` for numeric operands, NumPy 1.x rules.
/// `operands` must not be empty.
DType resultType(const std::vector<CastOperand> &operands);

} // namespace tcc::numpy

#endif // TCC_NUMPY_NUMPYCASTING_H
