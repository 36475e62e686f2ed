//===- Sort.cpp - Row sorts for th.argsort
//---------------------------------===//
//
// `__tcc_argsort_<dtype>(values, positions, n)`: for each run of n
// consecutive values (a row along the sorted axis), the positions that sort
// it: ascending, NaN last (NumPy's order), equal values in their original
// order (a stable sort, NumPy's kind='stable'; its default introsort agrees
// on rows of up to 16 elements and wherever values are distinct). Called by
// kernels through MLIR's C interface (compiler/Passes/SortToCalls.cpp).
//
//===----------------------------------------------------------------------===//

#include "MemrefVector.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <type_traits>

namespace {

template <typename T> using Vector = tcc::rt::MemrefVector<T>;

/// a < b with NaN after every number.
template <typename T> bool before(T a, T b) {
  if constexpr (std::is_floating_point_v<T>)
    if (std::isnan(b))
      return !std::isnan(a);
  return a < b;
}

template <typename T>
void argsortRows(const Vector<T> &values, const Vector<int64_t> &positions,
                 int64_t n) {
  if (n <= 0)
    return;
  for (int64_t start = 0; start + n <= values.size; start += n) {
    int64_t *row = &positions[start];
    // The output is a fresh contiguous buffer (stride 1).
    std::iota(row, row + n, int64_t(0));
    std::stable_sort(row, row + n, [&](int64_t a, int64_t b) {
      return before(values[start + a], values[start + b]);
    });
  }
}

} // namespace

#define TCC_ARGSORT_ENTRY(suffix, T)                                           \
  extern "C" __attribute__((visibility("hidden"))) void                        \
      _mlir_ciface___tcc_argsort_##suffix(                                     \
          Vector<T> *values, Vector<int64_t> *positions, int64_t n) {          \
    argsortRows(*values, *positions, n);                                       \
  }

TCC_ARGSORT_ENTRY(f32, float)
TCC_ARGSORT_ENTRY(f64, double)
TCC_ARGSORT_ENTRY(b8, bool)
TCC_ARGSORT_ENTRY(i8, int8_t)
TCC_ARGSORT_ENTRY(i16, int16_t)
TCC_ARGSORT_ENTRY(i32, int32_t)
TCC_ARGSORT_ENTRY(i64, int64_t)
TCC_ARGSORT_ENTRY(u8, uint8_t)
TCC_ARGSORT_ENTRY(u16, uint16_t)
TCC_ARGSORT_ENTRY(u32, uint32_t)
TCC_ARGSORT_ENTRY(u64, uint64_t)
