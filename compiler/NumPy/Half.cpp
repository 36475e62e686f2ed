//===- Half.cpp - IEEE binary16 conversions as NumPy does them ------------===//

#include "NumPy/Half.h"

#include <cmath>

namespace tcc::numpy {

uint16_t halfFromDouble(double value) {
  uint16_t sign = std::signbit(value) ? 0x8000 : 0;
  if (std::isnan(value))
    return sign | 0x7e00;
  double magnitude = std::fabs(value);
  // 65520 is halfway between the largest float16 (65504) and 2^16: it and
  // everything above round to infinity.
  if (magnitude >= 65520.0)
    return sign | 0x7c00;
  if (magnitude < std::ldexp(1.0, -14)) {
    // Subnormal: count units of 2^-24. Scaling by a power of two is exact and
    // nearbyint rounds ties to even in the default rounding mode; a result of
    // 1024 is the smallest normal, whose bit pattern is the same integer.
    return sign |
           static_cast<uint16_t>(std::nearbyint(std::ldexp(magnitude, 24)));
  }
  int exponent;
  double fraction = std::frexp(magnitude, &exponent); // in [0.5, 1)
  // 11 significant bits: the integer in [1024, 2048] nearest to the value.
  double significand = std::nearbyint(std::ldexp(fraction, 11));
  int biased = exponent - 1 + 15;
  if (significand == 2048.0) {
    significand = 1024.0;
    ++biased;
  }
  if (biased >= 31)
    return sign | 0x7c00;
  return sign | static_cast<uint16_t>(biased << 10) |
         static_cast<uint16_t>(significand - 1024.0);
}

double halfToDouble(uint16_t bits) {
  double sign = (bits & 0x8000) ? -1.0 : 1.0;
  int exponent = (bits >> 10) & 0x1f;
  int mantissa = bits & 0x3ff;
  if (exponent == 0)
    return sign * std::ldexp(mantissa, -24);
  if (exponent == 31)
    return mantissa ? std::copysign(std::nan(""), sign) : sign * HUGE_VAL;
  return sign * std::ldexp(1024 + mantissa, exponent - 25);
}

} // namespace tcc::numpy
