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
#include "MemrefVector.h"

#include "tcc/tcc.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace {

template <typename T> using Vector = tcc::rt::MemrefVector<T>;

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

namespace {

/// RandomState.choice's checks of `a` and `p` (an empty p: uniform), in
/// NumPy's order, with its tolerance `atol` for the sum.
void checkChoice(int64_t population, const Vector<double> &p, double atol,
                 int64_t count) {
  using tcc::rt::stopKernel;
  if (population <= 0 && count != 0)
    stopKernel(TCC_ERROR_VALUE, "choice: a must be greater than 0 unless no "
                                "samples are taken");
  if (p.size == 0)
    return;
  if (p.size != population)
    stopKernel(TCC_ERROR_VALUE, "choice: 'a' and 'p' must have same size");
  double sum = p[0], c = 0.0; // kahan_sum
  for (int64_t i = 1; i < p.size; ++i) {
    double y = p[i] - c, t = sum + y;
    c = (t - sum) - y;
    sum = t;
  }
  if (std::isnan(sum))
    stopKernel(TCC_ERROR_VALUE, "choice: probabilities contain NaN");
  for (int64_t i = 0; i < p.size; ++i)
    if (p[i] < 0)
      stopKernel(TCC_ERROR_VALUE,
                 "choice: probabilities are not non-negative");
  if (std::fabs(sum - 1.0) > atol)
    stopKernel(TCC_ERROR_VALUE, "choice: probabilities do not sum to 1");
}

/// cumsum(p) / its last element, as choice computes its cdf.
std::vector<double> cumulativeDistribution(const std::vector<double> &p) {
  std::vector<double> cdf(p.size());
  double total = 0;
  for (size_t i = 0; i < p.size(); ++i)
    cdf[i] = total += p[i];
  double last = cdf.back();
  for (double &v : cdf)
    v /= last;
  return cdf;
}

/// searchsorted(cdf, u, side='right').
int64_t searchRight(const std::vector<double> &cdf, double u) {
  return std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin();
}

} // namespace

/// RandomState.choice(population, size, replace=True, p) as indices.
TCC_RANDOM_ENTRY void _mlir_ciface_tcc_random_choice(
    Vector<int64_t> *in, Vector<int64_t> *next, Vector<int64_t> *population,
    Vector<double> *p, Vector<double> *atol, Vector<int64_t> *out) {
  int64_t pop = (*population)[0];
  checkChoice(pop, *p, (*atol)[0], out->size);
  MT19937 g = load(*in);
  if (p->size == 0) {
    // randint(0, pop, size): masked rejection per element.
    for (int64_t i = 0; i < out->size; ++i)
      (*out)[i] = static_cast<int64_t>(g.randomInterval(pop - 1));
  } else {
    std::vector<double> probabilities(p->size);
    for (int64_t i = 0; i < p->size; ++i)
      probabilities[i] = (*p)[i];
    std::vector<double> cdf = cumulativeDistribution(probabilities);
    // All the uniforms are drawn first, then looked up.
    std::vector<double> u(out->size);
    for (double &v : u)
      v = g.nextDouble();
    for (int64_t i = 0; i < out->size; ++i)
      (*out)[i] = searchRight(cdf, u[i]);
  }
  store(g, *next);
}

/// RandomState.choice(population, size, replace=False, p) as indices.
TCC_RANDOM_ENTRY void _mlir_ciface_tcc_random_choice_unique(
    Vector<int64_t> *in, Vector<int64_t> *next, Vector<int64_t> *population,
    Vector<double> *p, Vector<double> *atol, Vector<int64_t> *out) {
  using tcc::rt::stopKernel;
  int64_t pop = (*population)[0], size = out->size;
  checkChoice(pop, *p, (*atol)[0], size);
  if (size > pop)
    stopKernel(TCC_ERROR_VALUE, "choice: Cannot take a larger sample than "
                                "population when 'replace=False'");
  if (p->size != 0) {
    int64_t nonzero = 0;
    for (int64_t i = 0; i < p->size; ++i)
      nonzero += (*p)[i] > 0;
    if (nonzero < size)
      stopKernel(TCC_ERROR_VALUE, "choice: Fewer non-zero entries in p than "
                                  "size");
  }
  MT19937 g = load(*in);
  if (p->size == 0) {
    // permutation(pop)[:size].
    std::vector<int64_t> perm(pop);
    for (int64_t i = 0; i < pop; ++i)
      perm[i] = i;
    g.shuffle(perm.data(), pop);
    for (int64_t i = 0; i < size; ++i)
      (*out)[i] = perm[i];
  } else {
    // Draw the missing count, zero the found entries' p, keep the new
    // indices in order of first appearance; until there are enough.
    std::vector<double> probabilities(p->size);
    for (int64_t i = 0; i < p->size; ++i)
      probabilities[i] = (*p)[i];
    int64_t found = 0;
    while (found < size) {
      std::vector<double> u(size - found);
      for (double &v : u)
        v = g.nextDouble();
      for (int64_t i = 0; i < found; ++i)
        probabilities[(*out)[i]] = 0;
      std::vector<double> cdf = cumulativeDistribution(probabilities);
      int64_t start = found;
      for (double v : u) {
        int64_t idx = searchRight(cdf, v);
        bool seen = false;
        for (int64_t k = start; k < found && !seen; ++k)
          seen = (*out)[k] == idx;
        if (!seen)
          (*out)[found++] = idx;
      }
    }
  }
  store(g, *next);
}

/// Theano's permutation_helper: one RandomState.permutation(n) per row of
/// `out` (rows of n).
TCC_RANDOM_ENTRY void _mlir_ciface_tcc_random_permutation(
    Vector<int64_t> *in, Vector<int64_t> *next, Vector<int64_t> *n,
    Vector<int64_t> *out) {
  int64_t len = (*n)[0];
  if (len < 0)
    tcc::rt::stopKernel(TCC_ERROR_VALUE, "permutation: n < 0");
  MT19937 g = load(*in);
  for (int64_t row = 0; len > 0 && row < out->size / len; ++row) {
    int64_t *x = &(*out)[row * len];
    for (int64_t i = 0; i < len; ++i)
      x[i * out->stride] = i;
    g.shuffle(x, len, out->stride);
  }
  store(g, *next);
}
