//===- NumPyCasting.cpp - NumPy 1.x value-based result types --------------===//

#include "NumPy/NumPyCasting.h"

#include <cassert>
#include <cmath>
#include <limits>

namespace tcc::numpy {

CastOperand CastOperand::array(DType dtype) {
  CastOperand op;
  op.dtype = dtype;
  return op;
}

/// A Python scalar operand of `dtype` with no value set yet.
static CastOperand scalarOf(DType dtype) {
  CastOperand op = CastOperand::array(dtype);
  op.isScalar = true;
  return op;
}

CastOperand CastOperand::scalarInt(int64_t value, DType dtype) {
  CastOperand op = scalarOf(dtype);
  op.intValue = value;
  return op;
}

CastOperand CastOperand::scalarUInt(uint64_t value, DType dtype) {
  CastOperand op = scalarOf(dtype);
  op.uintValue = value;
  return op;
}

CastOperand CastOperand::scalarFloat(double value, DType dtype) {
  CastOperand op = scalarOf(dtype);
  op.realValue = value;
  return op;
}

CastOperand CastOperand::scalarBool(bool value) {
  return scalarInt(value, DType::Bool);
}

namespace {

/// min_scalar_type_num for a non-negative integer: the smallest unsigned
/// type, flagged "small" when the same-size signed type holds it too.
DType minUnsignedType(uint64_t value, bool &isSmallUnsigned) {
  if (value <= 0xFF) {
    isSmallUnsigned = value <= 0x7F;
    return DType::UInt8;
  }
  if (value <= 0xFFFF) {
    isSmallUnsigned = value <= 0x7FFF;
    return DType::UInt16;
  }
  if (value <= 0xFFFFFFFFu) {
    isSmallUnsigned = value <= 0x7FFFFFFF;
    return DType::UInt32;
  }
  isSmallUnsigned = value <= uint64_t(std::numeric_limits<int64_t>::max());
  // A non-negative int64 goes through NumPy's unsigned branch too.
  return DType::UInt64;
}

DType minSignedType(int64_t value, DType original) {
  if (value >= -128)
    return DType::Int8;
  if (value >= -32768)
    return DType::Int16;
  if (value >= std::numeric_limits<int32_t>::min())
    return DType::Int32;
  return original;
}

int kindOrdering(DType dtype) {
  // dtype_kind_to_simplified_ordering: b=0, i/u=1, f/c=2.
  if (isBool(dtype))
    return 0;
  if (isInteger(dtype))
    return 1;
  return 2;
}

DType unsignedToSigned(DType dtype) {
  switch (dtype) {
  case DType::UInt8:
    return DType::Int8;
  case DType::UInt16:
    return DType::Int16;
  case DType::UInt32:
    return DType::Int32;
  case DType::UInt64:
    return DType::Int64;
  default:
    return dtype;
  }
}

/// NumPy's promote_types(type1, type2, is_small_unsigned1, is_small_unsigned2)
/// used by the legacy result_type: a small unsigned scalar meeting a signed
/// or float type promotes as the signed type of its size.
DType promoteWithSmallUnsigned(DType a, DType b, bool aSmall, bool bSmall) {
  if (aSmall) {
    if (!(isBool(b) || isUnsignedInteger(b)))
      return promoteTypes(unsignedToSigned(a), b);
    return promoteTypes(a, b);
  }
  if (bSmall) {
    if (!(isBool(a) || isUnsignedInteger(a)))
      return promoteTypes(a, unsignedToSigned(b));
    return promoteTypes(a, b);
  }
  return promoteTypes(a, b);
}

} // namespace

DType minScalarType(const CastOperand &scalar, bool *isSmallUnsigned) {
  bool small = false;
  DType result = scalar.dtype;
  switch (scalar.dtype) {
  case DType::Bool:
  case DType::Float16:
  case DType::Complex64:
    break;
  case DType::Int8:
  case DType::Int16:
  case DType::Int32:
  case DType::Int64:
    if (scalar.intValue >= 0)
      result = minUnsignedType(uint64_t(scalar.intValue), small);
    else
      result = minSignedType(scalar.intValue, scalar.dtype);
    break;
  case DType::UInt8:
  case DType::UInt16:
  case DType::UInt32:
  case DType::UInt64:
    result = minUnsignedType(scalar.uintValue, small);
    break;
  case DType::Float32:
  case DType::Float64: {
    double v = scalar.realValue;
    // The bounds are NumPy's literal constants, range checks only.
    if ((v > -65000 && v < 65000) || !std::isfinite(v))
      result = DType::Float16;
    else if (scalar.dtype == DType::Float64 && v > -3.4e38 && v < 3.4e38)
      result = DType::Float32;
    break;
  }
  case DType::Complex128: {
    double re = scalar.realValue, im = scalar.imagValue;
    if (re > -3.4e38 && re < 3.4e38 && im > -3.4e38 && im < 3.4e38)
      result = DType::Complex64;
    break;
  }
  }
  if (isSmallUnsigned)
    *isSmallUnsigned = small;
  return result;
}

bool shouldUseMinScalar(const std::vector<CastOperand> &operands) {
  int maxScalarKind = -1, maxArrayKind = -1;
  bool allScalars = true;
  for (const CastOperand &op : operands) {
    int kind = kindOrdering(op.dtype);
    if (op.isScalar) {
      maxScalarKind = std::max(maxScalarKind, kind);
    } else {
      maxArrayKind = std::max(maxArrayKind, kind);
      allScalars = false;
    }
  }
  return !operands.empty() && !allScalars && maxArrayKind >= maxScalarKind;
}

DType resultType(const std::vector<CastOperand> &operands) {
  assert(!operands.empty() && "result type of nothing");
  if (!shouldUseMinScalar(operands)) {
    DType result = operands.front().dtype;
    for (size_t i = 1; i < operands.size(); ++i)
      result = promoteTypes(result, operands[i].dtype);
    return result;
  }
  // PyArray_LegacyResultType: fold the minimal types, tracking whether the
  // running result is still a "small unsigned" scalar type.
  DType result = operands.front().dtype;
  bool resultSmall = false;
  for (size_t i = 0; i < operands.size(); ++i) {
    const CastOperand &op = operands[i];
    bool small = false;
    DType type = op.isScalar ? minScalarType(op, &small) : op.dtype;
    if (i == 0) {
      result = type;
      resultSmall = small;
      continue;
    }
    result = promoteWithSmallUnsigned(type, result, small, resultSmall);
    resultSmall = small && resultSmall;
  }
  return result;
}

} // namespace tcc::numpy
