//===- PythonIntegers.h - Python's integer slice, division, size rules ----===//
//
// Header-only, shared by the runtime's shape checks (Call.cpp) and the
// compiler (the th dialect's types, the manifest's symbolic sizes), so a
// size the compiler folds and the one the runtime checks are computed by
// the same rule.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_PYTHONINTEGERS_H
#define TCC_RUNTIME_PYTHONINTEGERS_H

#include <algorithm>
#include <cstdint>
#include <optional>

namespace tcc::python {

/// The length of `range(n)[start:stop:step]` (slice.indices): negative
/// bounds count from the end, bounds are clamped; `step` is not 0.
inline int64_t sliceLength(int64_t n, std::optional<int64_t> start,
                           std::optional<int64_t> stop, int64_t step) {
  int64_t lower = step > 0 ? 0 : -1, upper = step > 0 ? n : n - 1;
  auto clamp = [&](std::optional<int64_t> v, int64_t dflt) {
    if (!v)
      return dflt;
    int64_t i = *v < 0 ? *v + n : *v;
    return std::min(std::max(i, lower), upper);
  };
  int64_t from = clamp(start, step > 0 ? lower : upper);
  int64_t to = clamp(stop, step > 0 ? upper : lower);
  if (step > 0)
    return to > from ? (to - from - 1) / step + 1 : 0;
  return from > to ? (from - to - 1) / -step + 1 : 0;
}

/// `a // b`, rounding toward negative infinity; nullopt for a division by
/// zero or INT64_MIN // -1 (which overflows).
inline std::optional<int64_t> floorDivide(int64_t a, int64_t b) {
  if (b == 0 || (a == INT64_MIN && b == -1))
    return std::nullopt;
  int64_t q = a / b;
  return a % b != 0 && (a < 0) != (b < 0) ? q - 1 : q;
}

/// `a * b`, or nullopt where the product does not fit in 64 bits (sizes
/// folded at compile time: NumPy's "array is too big").
inline std::optional<int64_t> multiply(int64_t a, int64_t b) {
  int64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product))
    return std::nullopt;
  return product;
}

/// `a + b`, or nullopt where the sum does not fit in 64 bits.
inline std::optional<int64_t> add(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum))
    return std::nullopt;
  return sum;
}

/// The product of `dims`, or nullopt where it does not fit in 64 bits (an
/// empty dimension makes it 0 whatever the others are).
template <typename Range>
std::optional<int64_t> elementCount(const Range &dims) {
  int64_t count = 1;
  for (int64_t d : dims)
    if (d == 0)
      return 0;
  for (int64_t d : dims)
    if (std::optional<int64_t> product = multiply(count, d))
      count = *product;
    else
      return std::nullopt;
  return count;
}

} // namespace tcc::python

#endif // TCC_RUNTIME_PYTHONINTEGERS_H
