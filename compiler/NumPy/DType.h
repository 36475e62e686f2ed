//===- DType.h - Element types shared by Theano and NumPy -----------------===//
//
// The dtypes a Theano 1.0 tensor can have, with their names, sizes and
// NumPy's own type promotion (np.promote_types). Theano's rules on top of
// these live in TheanoDTypeRules.h; NumPy's value-based casting in
// NumPyCasting.h.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_NUMPY_DTYPE_H
#define TCC_NUMPY_DTYPE_H

#include <cstdint>
#include <optional>
#include <string_view>

namespace tcc::numpy {

enum class DType {
  Bool,
  Int8,
  Int16,
  Int32,
  Int64,
  UInt8,
  UInt16,
  UInt32,
  UInt64,
  Float16,
  Float32,
  Float64,
  Complex64,
  Complex128
};

/// Every dtype, in enum order (for tables and tests).
inline constexpr DType kAllDTypes[] = {
    DType::Bool,      DType::Int8,      DType::Int16,   DType::Int32,
    DType::Int64,     DType::UInt8,     DType::UInt16,  DType::UInt32,
    DType::UInt64,    DType::Float16,   DType::Float32, DType::Float64,
    DType::Complex64, DType::Complex128};
inline constexpr int kNumDTypes = 14;

/// The name Theano and NumPy print: "bool", "int8", ..., "complex128".
std::string_view dtypeName(DType dtype);

/// Parses a dtype name the way `np.dtype(name)` / Theano's `tensor(dtype=...)`
/// accept it: the canonical names above, NumPy's aliases ("float", "int",
/// "double", "single", "half", "f4", "i8", "u1", "b1", "?"...) and, when
/// `floatX` is given, Theano's "floatX". Returns nullopt for anything else.
std::optional<DType> parseDTypeName(std::string_view name,
                                    std::optional<DType> floatX = std::nullopt);

/// Theano's type-constructor prefixes (`bvector`, `wmatrix`, `iscalar`,
/// `lvector`, `fmatrix`, `dtensor3`, `cvector`, `zmatrix`):
/// b w i l f d c z = int8 int16 int32 int64 float32 float64 complex64
/// complex128 (theano/tensor/basic.py). nullopt for other letters.
std::optional<DType> dtypeFromTheanoPrefix(char prefix);

/// Bytes per element (bool is one byte, as in NumPy and the tcc runtime).
int64_t dtypeSize(DType dtype);

bool isBool(DType dtype);
/// Signed or unsigned integer; not bool (NumPy's np.integer).
bool isInteger(DType dtype);
bool isSignedInteger(DType dtype);
bool isUnsignedInteger(DType dtype);
/// Has a sign bit: signed integers, floats and complex.
bool isSigned(DType dtype);
/// Real floating point: float16, float32, float64.
bool isFloat(DType dtype);
bool isComplex(DType dtype);
/// Theano's `discrete_dtypes`: bool and the integers.
bool isDiscrete(DType dtype);

/// NumPy's kind character: 'b', 'i', 'u', 'f' or 'c'.
char dtypeKind(DType dtype);

/// Exactly `np.promote_types(a, b)` (NumPy 1.x, numeric types): the smallest
/// type both can be safely cast to; int64 with uint64 gives float64.
DType promoteTypes(DType a, DType b);

/// `np.can_cast(from, to, casting='safe')`.
bool canCastSafely(DType from, DType to);

} // namespace tcc::numpy

#endif // TCC_NUMPY_DTYPE_H
