//===- Convert.cpp - Converting an input to its declared dtype ------------===//
//
// theano.function converts its inputs (TensorType.filter): an array whose
// dtype converts without loss is accepted, anything numeric when the
// function was compiled with allow_input_downcast=True. The C ABI does the
// same, so a C caller can pass float32 data to a float64 input. A complex
// element is a pair of floats (real, imaginary), as in NumPy.
//
//===----------------------------------------------------------------------===//

#include "Array.h"

#include "tcc/tcc.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace tcc::rt {

namespace {

enum class Kind { Bool, Signed, Unsigned, Float, Complex, Invalid };

Kind kindOf(int32_t D) {
  switch (D) {
  case TCC_BOOL:
    return Kind::Bool;
  case TCC_INT8:
  case TCC_INT16:
  case TCC_INT32:
  case TCC_INT64:
    return Kind::Signed;
  case TCC_UINT8:
  case TCC_UINT16:
  case TCC_UINT32:
  case TCC_UINT64:
    return Kind::Unsigned;
  case TCC_FLOAT32:
  case TCC_FLOAT64:
    return Kind::Float;
  case TCC_COMPLEX64:
  case TCC_COMPLEX128:
    return Kind::Complex;
  default:
    return Kind::Invalid;
  }
}

/// One element, widened: integers exactly, floats as double, complex
/// numbers as their real part in F and their imaginary part in Im.
struct Element {
  Kind K;
  int64_t I = 0;
  uint64_t U = 0;
  double F = 0;
  double Im = 0;
};

template <typename T> T loadAs(const char *P) {
  T V;
  std::memcpy(&V, P, sizeof V);
  return V;
}

Element load(const char *P, int32_t D) {
  switch (D) {
  case TCC_BOOL:
    return {Kind::Unsigned, 0, static_cast<uint64_t>(*P != 0), 0};
  case TCC_INT8:
    return {Kind::Signed, loadAs<int8_t>(P)};
  case TCC_INT16:
    return {Kind::Signed, loadAs<int16_t>(P)};
  case TCC_INT32:
    return {Kind::Signed, loadAs<int32_t>(P)};
  case TCC_INT64:
    return {Kind::Signed, loadAs<int64_t>(P)};
  case TCC_UINT8:
    return {Kind::Unsigned, 0, loadAs<uint8_t>(P)};
  case TCC_UINT16:
    return {Kind::Unsigned, 0, loadAs<uint16_t>(P)};
  case TCC_UINT32:
    return {Kind::Unsigned, 0, loadAs<uint32_t>(P)};
  case TCC_UINT64:
    return {Kind::Unsigned, 0, loadAs<uint64_t>(P)};
  case TCC_FLOAT32:
    return {Kind::Float, 0, 0, loadAs<float>(P)};
  case TCC_COMPLEX64:
    return {Kind::Complex, 0, 0, loadAs<float>(P), loadAs<float>(P + 4)};
  case TCC_COMPLEX128:
    return {Kind::Complex, 0, 0, loadAs<double>(P), loadAs<double>(P + 8)};
  default:
    return {Kind::Float, 0, 0, loadAs<double>(P)};
  }
}

/// An integer's two's-complement bits (C's and NumPy's wrap-around when a
/// downcast narrows it). A float outside int64 (or NaN) gives INT64_MIN,
/// as x86's conversion and so NumPy on it. A complex number converts its
/// real part, as NumPy's astype does.
uint64_t bits(const Element &E) {
  if (E.K == Kind::Signed)
    return static_cast<uint64_t>(E.I);
  if (E.K == Kind::Unsigned)
    return E.U;
  double T = std::trunc(E.F);
  if (!(T >= -9223372036854775808.0 && T < 9223372036854775808.0))
    return uint64_t(1) << 63;
  return static_cast<uint64_t>(static_cast<int64_t>(T));
}

/// The value as a double; the real part of a complex number.
double real(const Element &E) {
  if (E.K == Kind::Signed)
    return static_cast<double>(E.I);
  if (E.K == Kind::Unsigned)
    return static_cast<double>(E.U);
  return E.F;
}

template <typename T> void storeAs(char *P, T V) {
  std::memcpy(P, &V, sizeof V);
}

void store(char *P, int32_t D, const Element &E) {
  switch (D) {
  case TCC_BOOL:
    // NumPy's astype(bool) tests the whole complex number, not only its
    // real part: 1j is true.
    if (E.K == Kind::Complex)
      *P = E.F != 0 || E.Im != 0;
    else
      *P = E.K == Kind::Float ? E.F != 0 : bits(E) != 0;
    return;
  case TCC_INT8:
  case TCC_UINT8:
  case TCC_INT16:
  case TCC_UINT16:
  case TCC_INT32:
  case TCC_UINT32:
  case TCC_INT64:
  case TCC_UINT64: {
    // The low bytes of the two's-complement bits (NumPy's wrap-around; the
    // runtime is little-endian, as the ABI says).
    uint64_t Bits = bits(E);
    std::memcpy(P, &Bits, dtypeSize(D));
    return;
  }
  case TCC_FLOAT32:
    storeAs(P, static_cast<float>(real(E)));
    return;
  case TCC_COMPLEX64:
    // Each component rounded to float32; a real value gets imaginary part 0.
    storeAs(P, static_cast<float>(real(E)));
    storeAs(P + 4, static_cast<float>(E.Im));
    return;
  case TCC_COMPLEX128:
    storeAs(P, real(E));
    storeAs(P + 8, E.Im);
    return;
  default:
    storeAs(P, real(E));
    return;
  }
}

} // namespace

bool dtypeConverts(int32_t From, int32_t To, bool AllowDowncast) {
  Kind F = kindOf(From), T = kindOf(To);
  if (F == Kind::Invalid || T == Kind::Invalid)
    return false;
  if (From == To || AllowDowncast || F == Kind::Bool)
    return true;
  int64_t FromSize = dtypeSize(From), ToSize = dtypeSize(To);
  switch (T) {
  case Kind::Bool:
    return false;
  case Kind::Signed:
    return (F == Kind::Signed && ToSize >= FromSize) ||
           (F == Kind::Unsigned && ToSize > FromSize);
  case Kind::Unsigned:
    return F == Kind::Unsigned && ToSize >= FromSize;
  case Kind::Float:
  case Kind::Complex: {
    // Only a downcast drops an imaginary part.
    if (F == Kind::Complex && T == Kind::Float)
      return false;
    // A complex number holds a value losslessly when its components do
    // (complex64 takes what float32 takes, complex128 what float64 takes).
    int64_t ToComponent = T == Kind::Complex ? ToSize / 2 : ToSize;
    if (F == Kind::Float || F == Kind::Complex)
      return ToComponent >= (F == Kind::Complex ? FromSize / 2 : FromSize);
    // float32 holds integers of up to 16 bits exactly; float64 is NumPy's
    // safe target for every integer.
    return ToComponent == 8 || FromSize <= 2;
  }
  case Kind::Invalid:
    return false;
  }
  return false;
}

void convertToContiguous(char *Dst, int32_t DstDType, const char *Src,
                         int32_t SrcDType, const int64_t *Dims,
                         const int64_t *SrcByteStrides, int32_t Rank) {
  for (int32_t I = 0; I < Rank; ++I)
    if (Dims[I] == 0)
      return;
  int64_t DstSize = dtypeSize(DstDType);
  forEachStrided(Src, Dims, SrcByteStrides, Rank, [&](const char *P) {
    store(Dst, DstDType, load(P, SrcDType));
    Dst += DstSize;
  });
}

} // namespace tcc::rt
