//===- RandomState.h - NumPy's legacy np.random.RandomState, bit-exact ----===//
//
// A .th program initializes weights with `np.random.RandomState(1234)
// .randn(...)` or `np.random.seed(0); np.random.randn(...)`, and must get
// the very numbers its Python twin gets. This is NumPy's legacy generator
// (numpy/random/mtrand.pyx, src/mt19937, src/legacy, distributions.c):
// MT19937 with init_genrand / init_by_array seeding, 53-bit doubles from two
// 32-bit draws, the polar Box-Muller `legacy_gauss` with its cached second
// value, and `_bounded_integers`' masked rejection sampling for randint.
// NumPy has kept this stream unchanged since 1.x for reproducibility.
//
// The global `np.random.*` functions use one process-wide RandomState; the
// evaluator owns that instance (and decides how an unseeded one is seeded:
// NumPy uses OS entropy, a compiler should not).
//
// A `size` of {} (NumPy's size=None) draws one value into a 0-d array.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_NUMPY_RANDOMSTATE_H
#define TCC_NUMPY_RANDOMSTATE_H

#include "NumPy/NDArray.h"

#include "LegacyRandom.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace tcc::numpy {

class RandomState {
public:
  static constexpr int kStateSize = legacy::MT19937::kN;

  /// The complete generator state, as RandomState.get_state() reports it
  /// (the generator itself, shared with the runtime).
  using State = legacy::MT19937;

  /// RandomState(seed) for a seed in [0, 2**32 - 1].
  explicit RandomState(uint32_t seed = 0);

  /// RandomState(seed) / seed(seed) with NumPy's checks on a Python int seed:
  /// "Seed must be between 0 and 2**32 - 1".
  static Result<RandomState> create(int64_t seed);
  /// np.random.seed(int): mt19937_seed (init_genrand), cache cleared.
  Result<bool> seed(int64_t seed);
  /// np.random.seed([s0, s1, ...]): mt19937_init_by_array.
  Result<bool> seed(const std::vector<int64_t> &key);

  State getState() const { return state; }
  void setState(const State &newState) { state = newState; }

  //===-- The raw stream --------------------------------------------------===//

  uint32_t nextUInt32();
  /// Two draws, the first one in the high half (mt19937_next64).
  uint64_t nextUInt64();
  /// mt19937_next_double: (a >> 5) * 2^26 + (b >> 6), over 2^53.
  double nextDouble();
  /// legacy_gauss: polar Box-Muller; every other call returns the cached
  /// second value.
  double nextGauss();

  //===-- np.random.RandomState methods -----------------------------------===//

  /// random_sample(size) = rand(*size) = random(size): doubles in [0, 1).
  Result<NDArray> randomSample(const Shape &size);
  /// standard_normal(size) = randn(*size).
  Result<NDArray> standardNormal(const Shape &size);
  /// normal(loc, scale, size): loc + scale * gauss; scale must be >= 0.
  Result<NDArray> normal(double loc, double scale, const Shape &size);
  /// uniform(low, high, size): low + (high - low) * random_sample.
  Result<NDArray> uniform(double low, double high, const Shape &size);
  /// randint(low, high=None, size, dtype): [low, high), or [0, low) without
  /// high. Integer dtypes and bool, as NumPy's legacy path draws them
  /// (8- and 16-bit values and bools come several to a 32-bit draw).
  Result<NDArray> randint(int64_t low, std::optional<int64_t> high,
                          const Shape &size, DType dtype = DType::Int64);
  /// permutation(n): a shuffled arange(n).
  Result<NDArray> permutation(int64_t n);
  /// permutation(array): a copy shuffled along the first axis.
  Result<NDArray> permutation(const NDArray &array);
  /// shuffle(array): in place along the first axis (Fisher-Yates with
  /// random_interval draws, from the last row down).
  Result<bool> shuffle(NDArray &array);

  /// random_interval(max): uniform in [0, max] by masked rejection.
  uint64_t randomInterval(uint64_t max);

private:
  State state;
};

} // namespace tcc::numpy

#endif // TCC_NUMPY_RANDOMSTATE_H
