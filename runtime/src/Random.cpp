//===- Random.cpp - The draws of Theano's RandomStreams -------------------===//
//
// Generated code calls these for th.random_draw (compiler/Passes/
// RandomToCalls.cpp) with MLIR's C interface: each argument points to a 1-d
// memref descriptor. A draw reads a packed generator state (LegacyRandom.h),
// writes the advanced state to a new buffer and fills `out` in order, one
// NumPy RandomState call per element, so the numbers are NumPy's. Invalid
// parameters stop the kernel before anything is drawn, as NumPy checks the
// whole parameter arrays first.
//
//===----------------------------------------------------------------------===//

#include "KernelGuard.h"
#include "LegacyRandom.h"

#include "tcc/tcc.h"

#include <cmath>
#include <cstdint>

namespace {

template <typename T> struct Vector {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t size;
  int64_t stride;
  T &operator[](int64_t i) const { return aligned[offset + i * stride]; }
};

using tcc::legacy::MT19937;

MT19937 load(const Vector<int64_t> &state) {
  // A shared variable: set_value may have given it any length.
  if (state.size != tcc::legacy::kPackedStateLength)
    tcc::rt::stopKernel(TCC_ERROR_VALUE,
                        "a random state must have 627 int64 words (a "
                        "RandomStreams state variable was set to another "
                        "length)");
  MT19937 g;
  tcc::legacy::unpackState(&state[0], g, state.stride);
  return g;
}

void store(const MT19937 &g, const Vector<int64_t> &state) {
  tcc::legacy::packState(g, &state[0], state.stride);
}

} // namespace

#define TCC_RANDOM_ENTRY extern "C" __attribute__((visibility("hidden")))

/// Fills `out` with one `Draw` per element, from state `in` to `next`.
template <double (MT19937::*Draw)()>
void drawEach(Vector<int64_t> *in, Vector<int64_t> *next, Vector<double> *out) {
  MT19937 g = load(*in);
  for (int64_t i = 0; i < out->size; ++i)
    (*out)[i] = (g.*Draw)();
  store(g, *next);
}

/// RandomState.random_sample: doubles in [0, 1).
TCC_RANDOM_ENTRY void _mlir_ciface_tcc_random_random_sample(
    Vector<int64_t> *in, Vector<int64_t> *next, Vector<double> *out) {
  drawEach<&MT19937::nextDouble>(in, next, out);
}

/// RandomState.standard_normal (legacy_gauss).
TCC_RANDOM_ENTRY void _mlir_ciface_tcc_random_standard_normal(
    Vector<int64_t> *in, Vector<int64_t> *next, Vector<double> *out) {
  drawEach<&MT19937::nextGauss>(in, next, out);
}

/// RandomState.binomial(n[i], p[i]) for each element.
TCC_RANDOM_ENTRY void _mlir_ciface_tcc_random_binomial(Vector<int64_t> *in,
                                                       Vector<int64_t> *next,
                                                       Vector<int64_t> *n,
                                                       Vector<double> *p,
                                                       Vector<int64_t> *out) {
  for (int64_t i = 0; i < out->size; ++i) {
    if ((*n)[i] < 0)
      tcc::rt::stopKernel(TCC_ERROR_VALUE, "binomial: n < 0");
    double pi = (*p)[i];
    if (!(pi >= 0.0 && pi <= 1.0))
      tcc::rt::stopKernel(TCC_ERROR_VALUE,
                          "binomial: p < 0, p > 1 or p is NaN");
  }
  MT19937 g = load(*in);
  for (int64_t i = 0; i < out->size; ++i)
    (*out)[i] = g.binomial((*n)[i], (*p)[i]);
  store(g, *next);
}

/// RandomState.random_integers(low[i], high[i]) for each element: uniform
/// on the closed interval, by masked rejection (randint(low, high + 1)).
TCC_RANDOM_ENTRY void _mlir_ciface_tcc_random_random_integers(
    Vector<int64_t> *in, Vector<int64_t> *next, Vector<int64_t> *low,
    Vector<int64_t> *high, Vector<int64_t> *out) {
  for (int64_t i = 0; i < out->size; ++i)
    if ((*low)[i] > (*high)[i])
      tcc::rt::stopKernel(TCC_ERROR_VALUE, "random_integers: low > high");
  MT19937 g = load(*in);
  for (int64_t i = 0; i < out->size; ++i) {
    uint64_t span =
        static_cast<uint64_t>((*high)[i]) - static_cast<uint64_t>((*low)[i]);
    (*out)[i] = static_cast<int64_t>(static_cast<uint64_t>((*low)[i]) +
                                     g.randomInterval(span));
  }
  store(g, *next);
}
