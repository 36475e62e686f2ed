//===- TheanoDTypeRules.cpp - Theano 1.0's dtype rules --------------------===//

#include "NumPy/TheanoDTypeRules.h"

#include <cassert>
#include <cmath>
#include <limits>
#include <string>

namespace tcc::numpy::theano {

DType upcast(const std::vector<DType> &dtypes) {
  assert(!dtypes.empty() && "upcast of nothing");
  DType result = dtypes.front();
  for (size_t i = 1; i < dtypes.size(); ++i)
    result = promoteTypes(result, dtypes[i]);
  return result;
}

DType upcast(DType a, DType b) { return promoteTypes(a, b); }

DType autocastInt(int64_t value) {
  if (value >= std::numeric_limits<int8_t>::min() &&
      value <= std::numeric_limits<int8_t>::max())
    return DType::Int8;
  if (value >= std::numeric_limits<int16_t>::min() &&
      value <= std::numeric_limits<int16_t>::max())
    return DType::Int16;
  if (value >= std::numeric_limits<int32_t>::min() &&
      value <= std::numeric_limits<int32_t>::max())
    return DType::Int32;
  return DType::Int64;
}

DType autocastFloat(double value, DType floatX) {
  assert(isFloat(floatX) && "floatX must be a float type");
  // "unsafe downcast of float64 variables when config.floatX == 'float32'".
  if (floatX != DType::Float64)
    return floatX;
  // try_dtypes drops float16 unless floatX is float16. `x == x_` compares
  // the Python float with the cast value, so nan never matches and the loop
  // falls through to its last dtype.
  if (std::isnan(value))
    return DType::Float64;
  if (std::isinf(value))
    return DType::Float32;
  if (std::fabs(value) > std::numeric_limits<float>::max())
    return DType::Float64;
  if (static_cast<double>(static_cast<float>(value)) == value)
    return DType::Float32;
  return DType::Float64;
}

DType upcastOut(DType a, DType b) { return upcast(a, b); }

Result<DType> upcastOutNoBool(DType a, DType b) {
  DType out = upcast(a, b);
  if (isBool(out))
    return makeError("bool output not supported");
  return out;
}

DType upcastOutMin8(DType a, DType b) {
  DType out = upcast(a, b);
  return isBool(out) ? DType::Int8 : out;
}

Result<DType> sameOutNoBool(DType a) {
  if (isBool(a))
    return makeError("bool input not supported");
  return a;
}

DType absOut(DType a) {
  if (a == DType::Complex64)
    return DType::Float32;
  if (a == DType::Complex128)
    return DType::Float64;
  return a;
}

namespace {

/// The conversion table at the top of upgrade_to_float.
DType upgradeOneToFloat(DType a) {
  switch (a) {
  case DType::Bool:
  case DType::Int8:
  case DType::Int16:
  case DType::UInt8:
  case DType::UInt16:
    return DType::Float32;
  case DType::Int32:
  case DType::Int64:
  case DType::UInt32:
  case DType::UInt64:
    return DType::Float64;
  default:
    return a;
  }
}

} // namespace

DType upgradeToFloat(DType a) { return upgradeOneToFloat(a); }

DType upgradeToFloat(const std::vector<DType> &dtypes) {
  std::vector<DType> converted;
  converted.reserve(dtypes.size());
  for (DType dtype : dtypes)
    converted.push_back(upgradeOneToFloat(dtype));
  return upcast(converted);
}

DType trueDivOut(DType a, DType b, DType floatX) {
  if (isDiscrete(a) && isDiscrete(b))
    return floatX;
  return upcastOut(a, b);
}

DType comparisonOut() { return DType::Bool; }

Result<DType> bitwiseOut(DType a, DType b) {
  if (isBool(a) && isBool(b))
    return DType::Bool;
  for (DType dtype : {a, b})
    if (!isDiscrete(dtype))
      return makeError("input to a BinaryBitOp must have type (u)int8, "
                       "(u)int16, (u)int32 or (u)int64 or bool not " +
                       std::string(dtypeName(dtype)));
  return upcastOut(a, b);
}

Result<DType> invertOut(DType a) {
  if (!isDiscrete(a))
    return makeError("input to a UnaryBitOp must have type (u)int8, "
                     "(u)int16, (u)int32 or (u)int64 or bool not " +
                     std::string(dtypeName(a)));
  return a;
}

DType sumOutDType(DType input) {
  switch (input) {
  case DType::Bool:
  case DType::Int8:
  case DType::Int16:
  case DType::Int32:
    return DType::Int64;
  case DType::UInt8:
  case DType::UInt16:
  case DType::UInt32:
    return DType::UInt64;
  default:
    return input;
  }
}

DType sumAccDType(DType input) {
  switch (input) {
  case DType::Float16:
    return DType::Float32;
  case DType::Float32:
    return DType::Float64;
  case DType::Complex64:
    return DType::Complex128;
  default:
    return sumOutDType(input);
  }
}

DType meanOutDType(DType input) {
  if (isDiscrete(input))
    return DType::Float64;
  return input;
}

} // namespace tcc::numpy::theano
