//===- Element.h - C++ element types behind each dtype (internal) ---------===//
//
// NDArray stores elements in their dtype's own layout. The operations are
// templates over the C++ element type, reached from a DType by dispatchDType;
// castElement converts one element with NumPy's (C's) casting semantics.
// Not part of the public API.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_NUMPY_ELEMENT_H
#define TCC_NUMPY_ELEMENT_H

#include "NumPy/DType.h"
#include "NumPy/Half.h"
#include "NumPy/NDArray.h"

#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <type_traits>

namespace tcc::numpy::detail {

/// A float16 element: its bit pattern.
struct Half {
  uint16_t bits = 0;
};

template <typename T> struct TypeTag { using type = T; };

template <typename T> inline constexpr bool isHalfV = std::is_same_v<T, Half>;
template <typename T> inline constexpr bool isBoolV = std::is_same_v<T, bool>;
template <typename T>
inline constexpr bool isIntV = std::is_integral_v<T> && !isBoolV<T>;
template <typename T>
inline constexpr bool isFloatV = std::is_floating_point_v<T> || isHalfV<T>;

/// Calls f(TypeTag<T>()) with the element type of a real (non-complex) dtype.
template <typename F> decltype(auto) dispatchDType(DType dtype, F &&f) {
  switch (dtype) {
  case DType::Bool:
    return f(TypeTag<bool>());
  case DType::Int8:
    return f(TypeTag<int8_t>());
  case DType::Int16:
    return f(TypeTag<int16_t>());
  case DType::Int32:
    return f(TypeTag<int32_t>());
  case DType::Int64:
    return f(TypeTag<int64_t>());
  case DType::UInt8:
    return f(TypeTag<uint8_t>());
  case DType::UInt16:
    return f(TypeTag<uint16_t>());
  case DType::UInt32:
    return f(TypeTag<uint32_t>());
  case DType::UInt64:
    return f(TypeTag<uint64_t>());
  case DType::Float16:
    return f(TypeTag<Half>());
  case DType::Float32:
    return f(TypeTag<float>());
  case DType::Float64:
  case DType::Complex64:
  case DType::Complex128:
    // Complex arrays are rejected before any dispatch (see NDArray).
    assert(dtype == DType::Float64 && "complex element dispatch");
    return f(TypeTag<double>());
  }
  return f(TypeTag<double>());
}

/// The exact value of a float element as a double.
template <typename T> double floatToDouble(T value) {
  if constexpr (isHalfV<T>)
    return halfToDouble(value.bits);
  else
    return static_cast<double>(value);
}

/// x86-64 cvttsd2si: truncation, and the "integer indefinite" value (the most
/// negative one) for NaN and out-of-range inputs. NumPy's C casts compile to
/// these instructions, so out-of-range float->int casts give what NumPy gives
/// on this architecture.
inline int64_t truncToInt64(double value) {
  if (!(value >= -9223372036854775808.0 && value < 9223372036854775808.0))
    return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(value);
}
inline int32_t truncToInt32(double value) {
  if (!(value > -2147483649.0 && value < 2147483648.0))
    return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(value);
}
/// GCC's double -> uint64 sequence: values from 2^63 on are shifted down
/// before the signed conversion and the top bit put back.
inline uint64_t truncToUInt64(double value) {
  if (value >= 9223372036854775808.0)
    return static_cast<uint64_t>(truncToInt64(value - 9223372036854775808.0)) ^
           (uint64_t(1) << 63);
  return static_cast<uint64_t>(truncToInt64(value));
}

/// double -> float with IEEE rounding, avoiding C++'s undefined behaviour for
/// values beyond float's range.
inline float doubleToFloat(double value) {
  constexpr double kMax = std::numeric_limits<float>::max();
  // Half an ulp of FLT_MAX above it is where rounding goes to infinity.
  constexpr double kOverflow = kMax + 0x1p103;
  if (std::isfinite(value) && std::fabs(value) > kMax)
    return std::fabs(value) >= kOverflow
               ? std::copysign(std::numeric_limits<float>::infinity(), value)
               : std::copysign(std::numeric_limits<float>::max(), value);
  return static_cast<float>(value);
}

/// Converts one element as `astype` (unsafe casting) does.
template <typename To, typename From> To castElement(From value) {
  if constexpr (std::is_same_v<To, From>) {
    return value;
  } else if constexpr (isBoolV<To>) {
    if constexpr (isHalfV<From>)
      return (value.bits & 0x7fff) != 0;
    else
      return value != 0;
  } else if constexpr (isHalfV<To>) {
    if constexpr (isHalfV<From>)
      return value;
    else
      return Half{halfFromDouble(static_cast<double>(value))};
  } else if constexpr (std::is_same_v<To, float>) {
    if constexpr (std::is_same_v<From, double>)
      return doubleToFloat(value);
    else if constexpr (isHalfV<From>)
      return static_cast<float>(halfToDouble(value.bits));
    else
      return static_cast<float>(value); // integers: one IEEE rounding.
  } else if constexpr (std::is_same_v<To, double>) {
    return floatToDouble(value);
  } else {
    // To is an integer type.
    if constexpr (isFloatV<From>) {
      double d = floatToDouble(value);
      if constexpr (std::is_same_v<To, int64_t>)
        return truncToInt64(d);
      else if constexpr (std::is_same_v<To, uint64_t>)
        return truncToUInt64(d);
      else if constexpr (std::is_same_v<To, uint32_t>)
        return static_cast<To>(truncToInt64(d));
      else
        return static_cast<To>(truncToInt32(d));
    } else {
      // Integer and bool sources wrap modulo 2^bits (C's conversions).
      return static_cast<To>(value);
    }
  }
}

/// Element `index` (in elements, row-major) of a contiguous array of T.
template <typename T> T loadAt(const NDArray &array, int64_t index) {
  T value;
  std::memcpy(&value, array.data() + index * sizeof(T), sizeof(T));
  return value;
}

template <typename T> void storeAt(NDArray &array, int64_t index, T value) {
  std::memcpy(array.data() + index * sizeof(T), &value, sizeof(T));
}

} // namespace tcc::numpy::detail

#endif // TCC_NUMPY_ELEMENT_H
