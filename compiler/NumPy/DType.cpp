//===- DType.cpp - Element types shared by Theano and NumPy ---------------===//

#include "NumPy/DType.h"

#include <algorithm>
#include <cassert>
#include <string>

namespace tcc::numpy {

std::string_view dtypeName(DType dtype) {
  switch (dtype) {
  case DType::Bool:
    return "bool";
  case DType::Int8:
    return "int8";
  case DType::Int16:
    return "int16";
  case DType::Int32:
    return "int32";
  case DType::Int64:
    return "int64";
  case DType::UInt8:
    return "uint8";
  case DType::UInt16:
    return "uint16";
  case DType::UInt32:
    return "uint32";
  case DType::UInt64:
    return "uint64";
  case DType::Float16:
    return "float16";
  case DType::Float32:
    return "float32";
  case DType::Float64:
    return "float64";
  case DType::Complex64:
    return "complex64";
  case DType::Complex128:
    return "complex128";
  }
  return "?";
}

std::optional<DType> parseDTypeName(std::string_view name,
                                    std::optional<DType> floatX) {
  for (DType dtype : kAllDTypes)
    if (dtypeName(dtype) == name)
      return dtype;
  if (name == "floatX")
    return floatX;
  // NumPy's aliases and type codes, as `np.dtype(...)` reads them on an LP64
  // Linux (where 'l' / 'int' / 'long' are 64 bits).
  struct Alias {
    std::string_view name;
    DType dtype;
  };
  static constexpr Alias aliases[] = {{"?", DType::Bool},
                                      {"b1", DType::Bool},
                                      {"bool_", DType::Bool},
                                      {"bool8", DType::Bool},
                                      {"b", DType::Int8},
                                      {"i1", DType::Int8},
                                      {"byte", DType::Int8},
                                      {"h", DType::Int16},
                                      {"i2", DType::Int16},
                                      {"short", DType::Int16},
                                      {"i", DType::Int32},
                                      {"i4", DType::Int32},
                                      {"intc", DType::Int32},
                                      {"l", DType::Int64},
                                      {"q", DType::Int64},
                                      {"i8", DType::Int64},
                                      {"int", DType::Int64},
                                      {"int_", DType::Int64},
                                      {"long", DType::Int64},
                                      {"longlong", DType::Int64},
                                      {"intp", DType::Int64},
                                      {"B", DType::UInt8},
                                      {"u1", DType::UInt8},
                                      {"ubyte", DType::UInt8},
                                      {"H", DType::UInt16},
                                      {"u2", DType::UInt16},
                                      {"ushort", DType::UInt16},
                                      {"I", DType::UInt32},
                                      {"u4", DType::UInt32},
                                      {"uintc", DType::UInt32},
                                      {"L", DType::UInt64},
                                      {"Q", DType::UInt64},
                                      {"u8", DType::UInt64},
                                      {"uint", DType::UInt64},
                                      {"uintp", DType::UInt64},
                                      {"ulonglong", DType::UInt64},
                                      {"e", DType::Float16},
                                      {"f2", DType::Float16},
                                      {"half", DType::Float16},
                                      {"f", DType::Float32},
                                      {"f4", DType::Float32},
                                      {"single", DType::Float32},
                                      {"d", DType::Float64},
                                      {"f8", DType::Float64},
                                      {"float", DType::Float64},
                                      {"double", DType::Float64},
                                      {"float_", DType::Float64},
                                      {"F", DType::Complex64},
                                      {"c8", DType::Complex64},
                                      {"csingle", DType::Complex64},
                                      {"D", DType::Complex128},
                                      {"c16", DType::Complex128},
                                      {"complex", DType::Complex128},
                                      {"cdouble", DType::Complex128},
                                      {"complex_", DType::Complex128}};
  for (const Alias &alias : aliases)
    if (alias.name == name)
      return alias.dtype;
  return std::nullopt;
}

std::optional<DType> dtypeFromTheanoPrefix(char prefix) {
  switch (prefix) {
  case 'b':
    return DType::Int8;
  case 'w':
    return DType::Int16;
  case 'i':
    return DType::Int32;
  case 'l':
    return DType::Int64;
  case 'f':
    return DType::Float32;
  case 'd':
    return DType::Float64;
  case 'c':
    return DType::Complex64;
  case 'z':
    return DType::Complex128;
  default:
    return std::nullopt;
  }
}

int64_t dtypeSize(DType dtype) {
  switch (dtype) {
  case DType::Bool:
  case DType::Int8:
  case DType::UInt8:
    return 1;
  case DType::Int16:
  case DType::UInt16:
  case DType::Float16:
    return 2;
  case DType::Int32:
  case DType::UInt32:
  case DType::Float32:
    return 4;
  case DType::Int64:
  case DType::UInt64:
  case DType::Float64:
  case DType::Complex64:
    return 8;
  case DType::Complex128:
    return 16;
  }
  return 0;
}

bool isBool(DType dtype) { return dtype == DType::Bool; }

bool isSignedInteger(DType dtype) {
  return dtype == DType::Int8 || dtype == DType::Int16 ||
         dtype == DType::Int32 || dtype == DType::Int64;
}

bool isUnsignedInteger(DType dtype) {
  return dtype == DType::UInt8 || dtype == DType::UInt16 ||
         dtype == DType::UInt32 || dtype == DType::UInt64;
}

bool isInteger(DType dtype) {
  return isSignedInteger(dtype) || isUnsignedInteger(dtype);
}

bool isFloat(DType dtype) {
  return dtype == DType::Float16 || dtype == DType::Float32 ||
         dtype == DType::Float64;
}

bool isComplex(DType dtype) {
  return dtype == DType::Complex64 || dtype == DType::Complex128;
}

bool isSigned(DType dtype) {
  return isSignedInteger(dtype) || isFloat(dtype) || isComplex(dtype);
}

bool isDiscrete(DType dtype) { return isBool(dtype) || isInteger(dtype); }

char dtypeKind(DType dtype) {
  if (isBool(dtype))
    return 'b';
  if (isSignedInteger(dtype))
    return 'i';
  if (isUnsignedInteger(dtype))
    return 'u';
  if (isFloat(dtype))
    return 'f';
  return 'c';
}

namespace {

DType signedIntOfSize(int64_t bytes) {
  switch (bytes) {
  case 1:
    return DType::Int8;
  case 2:
    return DType::Int16;
  case 4:
    return DType::Int32;
  default:
    return DType::Int64;
  }
}

/// The smallest real float type an integer type casts to safely: the float
/// whose mantissa holds every value (NumPy's casting table).
DType smallestFloatHolding(DType integer) {
  switch (dtypeSize(integer)) {
  case 1:
    return DType::Float16;
  case 2:
    return DType::Float32;
  default:
    return DType::Float64;
  }
}

DType complexHolding(DType real) {
  return real == DType::Float64 ? DType::Complex128 : DType::Complex64;
}

DType complexPartType(DType complex) {
  return complex == DType::Complex128 ? DType::Float64 : DType::Float32;
}

DType largerOf(DType a, DType b) {
  return dtypeSize(a) >= dtypeSize(b) ? a : b;
}

} // namespace

DType promoteTypes(DType a, DType b) {
  if (a == b)
    return a;
  if (isBool(a))
    return b;
  if (isBool(b))
    return a;
  char ka = dtypeKind(a), kb = dtypeKind(b);
  // Order the pair by kind so that only half the cases need writing:
  // i < u < f < c.
  auto rank = [](char kind) { return std::string_view("iufc").find(kind); };
  if (rank(ka) > rank(kb)) {
    std::swap(a, b);
    std::swap(ka, kb);
  }
  if (ka == kb)
    return largerOf(a, b);
  if (ka == 'i' && kb == 'u') {
    // A signed type larger than the unsigned one holds it; otherwise the next
    // signed size up does, and nothing integral holds uint64.
    if (dtypeSize(a) > dtypeSize(b))
      return a;
    if (b == DType::UInt64)
      return DType::Float64;
    return signedIntOfSize(dtypeSize(b) * 2);
  }
  if (kb == 'f') { // a is an integer.
    DType needed = smallestFloatHolding(a);
    return dtypeSize(b) >= dtypeSize(needed) ? b : needed;
  }
  // kb == 'c'.
  DType part = complexPartType(b);
  DType realA = ka == 'f' ? a : smallestFloatHolding(a);
  return complexHolding(dtypeSize(realA) > dtypeSize(part) ? realA : part);
}

bool canCastSafely(DType from, DType to) {
  return promoteTypes(from, to) == to;
}

} // namespace tcc::numpy
