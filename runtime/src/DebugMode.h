//===- DebugMode.h - Checking a call against its -O0 version ----*- C++ -*-===//
//
// A model compiled with `tcc --debug-mode` holds, next to each function's
// kernel, the function compiled at -O0 (__tcc_reference_kernels). Each call
// runs the reference first, on the same arguments (it writes none: -O0
// updates nothing in place), then the optimized kernel, and compares every
// output and new shared value: integers and booleans exactly, floats as
// Theano's DebugMode does (NaN where the reference has NaN, the same
// infinities, else |a - b| <= atol + rtol * |b|; rtol 1e-5, atol 1e-8 for
// float64 and 1e-5 for float32). A difference fails the call and leaves
// every shared variable as it was, in-place updates included.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_DEBUGMODE_H
#define TCC_RUNTIME_DEBUGMODE_H

#include "Manifest.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tcc::rt {

/// A kernel's result or argument as its memref descriptor lays it out
/// (allocated, aligned, offset, sizes, strides in elements).
struct DescriptorView {
  const char *Data = nullptr;
  int32_t Rank = 0;
  const int64_t *Sizes = nullptr;
  const int64_t *Strides = nullptr;

  DescriptorView(const int64_t *Words, int32_t Rank, int64_t ElemSize);
};

class ReferenceRun {
public:
  ReferenceRun() = default;
  ReferenceRun(const ReferenceRun &) = delete;
  ReferenceRun &operator=(const ReferenceRun &) = delete;
  /// Frees what the reference kernel allocated.
  ~ReferenceRun();

  /// Runs function `Index`'s -O0 kernel on `ArgPtrs` (descriptors of
  /// `ArgData`) and keeps a copy of each value the optimized kernel will
  /// overwrite in place.
  int run(const Manifest &M, const FunctionSpec &F, int32_t Index,
          void **ArgPtrs, const std::vector<const char *> &ArgData);

  /// Compares the optimized kernel's results (`Words` at `Offsets`: the
  /// outputs, then the updates it returns; in-place updates are in their
  /// argument buffers) with the reference's. On a difference it restores
  /// the values written in place and fails the call.
  int check(const Manifest &M, const FunctionSpec &F,
            const std::vector<int64_t> &Words,
            const std::vector<size_t> &Offsets, void **ArgPtrs);

private:
  std::vector<int64_t> Words;
  std::vector<size_t> Offsets;
  /// The distinct buffers the reference kernel allocated.
  std::vector<void *> Owned;
  /// Per update: the argument buffer it is written into in place and the
  /// value it held before the call (empty when not in place).
  std::vector<std::pair<char *, std::vector<char>>> Saved;
};

} // namespace tcc::rt

#endif // TCC_RUNTIME_DEBUGMODE_H
