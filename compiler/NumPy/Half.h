//===- Half.h - IEEE binary16 conversions as NumPy does them --------------===//
//
// float16 arrays store the 16-bit pattern; NumPy computes on them in float32
// and rounds back (round to nearest even), and rounds float64 straight to
// float16 (npy_double_to_half), which these functions reproduce.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_NUMPY_HALF_H
#define TCC_NUMPY_HALF_H

#include <cstdint>

namespace tcc::numpy {

/// Rounds to the nearest float16 (ties to even); overflow gives infinity, a
/// NaN stays a NaN with its sign.
uint16_t halfFromDouble(double value);

/// The exact value of a float16 bit pattern.
double halfToDouble(uint16_t bits);

} // namespace tcc::numpy

#endif // TCC_NUMPY_HALF_H
