//===- RandomState.cpp - NumPy's legacy np.random.RandomState, bit-exact --===//
//
// Compiled with -ffp-contract=off (see CMakeLists.txt): a fused multiply-add
// in `x1 * x1 + x2 * x2` or `a * 67108864.0 + b` would change the bits.
//
//===----------------------------------------------------------------------===//

#include "NumPy/RandomState.h"

#include "NumPy/Element.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

namespace tcc::numpy {

using detail::storeAt;

namespace {

/// Bounds of a randint dtype, as the _rand_<type> wrappers check them.
struct IntRange {
  int64_t min;
  uint64_t max;
};

std::optional<IntRange> intRange(DType dtype) {
  switch (dtype) {
  case DType::Bool:
    return IntRange{0, 1};
  case DType::Int8:
    return IntRange{INT8_MIN, INT8_MAX};
  case DType::Int16:
    return IntRange{INT16_MIN, INT16_MAX};
  case DType::Int32:
    return IntRange{INT32_MIN, INT32_MAX};
  case DType::Int64:
    return IntRange{INT64_MIN, INT64_MAX};
  case DType::UInt8:
    return IntRange{0, UINT8_MAX};
  case DType::UInt16:
    return IntRange{0, UINT16_MAX};
  case DType::UInt32:
    return IntRange{0, UINT32_MAX};
  case DType::UInt64:
    return IntRange{0, UINT64_MAX};
  default:
    return std::nullopt;
  }
}

} // namespace

RandomState::RandomState(uint32_t seed) { state.seed(seed); }

Result<RandomState> RandomState::create(int64_t seed) {
  RandomState rng;
  if (Result<bool> ok = rng.seed(seed); !ok)
    return ok.takeError();
  return rng;
}

Result<bool> RandomState::seed(int64_t seed) {
  if (seed < 0 || seed > int64_t(0xFFFFFFFF))
    return makeError("Seed must be between 0 and 2**32 - 1");
  state.seed(static_cast<uint32_t>(seed));
  return true;
}

Result<bool> RandomState::seed(const std::vector<int64_t> &key) {
  if (key.empty())
    return makeError("Seed must be non-empty");
  std::vector<uint32_t> words;
  for (int64_t word : key) {
    if (word < 0 || word > int64_t(0xFFFFFFFF))
      return makeError("Seed must be between 0 and 2**32 - 1");
    words.push_back(static_cast<uint32_t>(word));
  }
  state.seedByArray(words.data(), static_cast<int>(words.size()));
  return true;
}

uint32_t RandomState::nextUInt32() { return state.nextUInt32(); }
uint64_t RandomState::nextUInt64() { return state.nextUInt64(); }
double RandomState::nextDouble() { return state.nextDouble(); }
double RandomState::nextGauss() { return state.nextGauss(); }
uint64_t RandomState::randomInterval(uint64_t max) {
  return state.randomInterval(max);
}

Result<NDArray> RandomState::randomSample(const Shape &size) {
  Result<NDArray> out = NDArray::zeros(size, DType::Float64);
  if (!out)
    return out;
  for (int64_t i = 0, e = out->size(); i < e; ++i)
    storeAt<double>(*out, i, nextDouble());
  return out;
}

Result<NDArray> RandomState::standardNormal(const Shape &size) {
  Result<NDArray> out = NDArray::zeros(size, DType::Float64);
  if (!out)
    return out;
  for (int64_t i = 0, e = out->size(); i < e; ++i)
    storeAt<double>(*out, i, nextGauss());
  return out;
}

Result<NDArray> RandomState::normal(double loc, double scale,
                                    const Shape &size) {
  if (!(scale >= 0))
    return makeError("scale < 0");
  Result<NDArray> out = NDArray::zeros(size, DType::Float64);
  if (!out)
    return out;
  // legacy_normal.
  for (int64_t i = 0, e = out->size(); i < e; ++i)
    storeAt<double>(*out, i, loc + scale * nextGauss());
  return out;
}

Result<NDArray> RandomState::uniform(double low, double high,
                                     const Shape &size) {
  double range = high - low;
  if (!std::isfinite(range))
    return makeError("Range exceeds valid bounds");
  Result<NDArray> out = NDArray::zeros(size, DType::Float64);
  if (!out)
    return out;
  for (int64_t i = 0, e = out->size(); i < e; ++i)
    storeAt<double>(*out, i, low + range * nextDouble());
  return out;
}

Result<NDArray> RandomState::randint(int64_t low, std::optional<int64_t> high,
                                     const Shape &size, DType dtype) {
  if (!high) {
    high = low;
    low = 0;
  }
  std::optional<IntRange> bounds = intRange(dtype);
  if (!bounds)
    return makeError("Unsupported dtype \"" + std::string(dtypeName(dtype)) +
                     "\" for randint");
  std::string typeName(dtypeName(dtype));
  // The generator works on the closed interval [low, high - 1].
  if (low < bounds->min)
    return makeError("low is out of bounds for " + typeName);
  if (*high <= low)
    return makeError("low >= high");
  uint64_t closedHigh = static_cast<uint64_t>(*high - 1);
  if (*high - 1 >= 0 && closedHigh > bounds->max)
    return makeError("high is out of bounds for " + typeName);
  uint64_t rng = static_cast<uint64_t>(*high - 1) - static_cast<uint64_t>(low);
  uint64_t off = static_cast<uint64_t>(low);

  Result<NDArray> out = NDArray::zeros(size, dtype);
  if (!out)
    return out;
  int64_t count = out->size();
  int64_t width = dtypeSize(dtype) * 8;
  auto store = [&](int64_t i, uint64_t value) {
    // Wrapping off + value in the dtype's width, as the C code does.
    switch (width) {
    case 8:
      storeAt<uint8_t>(*out, i, static_cast<uint8_t>(value));
      break;
    case 16:
      storeAt<uint16_t>(*out, i, static_cast<uint16_t>(value));
      break;
    case 32:
      storeAt<uint32_t>(*out, i, static_cast<uint32_t>(value));
      break;
    default:
      storeAt<uint64_t>(*out, i, value);
      break;
    }
  };

  if (dtype == DType::Bool) {
    // buffered_bounded_bool: one bit of a 32-bit draw at a time.
    uint32_t buffer = 0;
    int bitsLeft = 0;
    for (int64_t i = 0; i < count; ++i) {
      if (rng == 0) {
        store(i, off);
        continue;
      }
      if (!bitsLeft) {
        buffer = nextUInt32();
        bitsLeft = 31;
      } else {
        buffer >>= 1;
        --bitsLeft;
      }
      store(i, buffer & 1u);
    }
    return out;
  }
  if (rng == 0) {
    for (int64_t i = 0; i < count; ++i)
      store(i, off);
    return out;
  }
  if (width <= 16) {
    // buffered_bounded_masked_uint8/16: 4 or 2 values per 32-bit draw,
    // lowest bits first; a range of all ones takes every value unmasked.
    uint32_t buffer = 0;
    int left = 0;
    uint32_t fullRange = width == 8 ? 0xFFu : 0xFFFFu;
    uint32_t mask = static_cast<uint32_t>(legacy::MT19937::genMask(rng));
    auto next = [&]() -> uint32_t {
      if (!left) {
        buffer = nextUInt32();
        left = 32 / width - 1;
      } else {
        buffer >>= width;
        --left;
      }
      return buffer & fullRange;
    };
    for (int64_t i = 0; i < count; ++i) {
      uint32_t value;
      if (rng == fullRange)
        value = next();
      else
        while ((value = (next() & mask)) > rng)
          ;
      store(i, off + value);
    }
    return out;
  }
  if (rng <= 0xFFFFFFFFu) {
    // The 32-bit generator serves any range that fits in 32 bits.
    uint32_t mask = static_cast<uint32_t>(legacy::MT19937::genMask(rng));
    for (int64_t i = 0; i < count; ++i) {
      uint32_t value;
      if (rng == 0xFFFFFFFFu)
        value = nextUInt32();
      else
        while ((value = (nextUInt32() & mask)) > rng)
          ;
      store(i, off + value);
    }
    return out;
  }
  uint64_t mask = legacy::MT19937::genMask(rng);
  for (int64_t i = 0; i < count; ++i) {
    uint64_t value;
    if (rng == std::numeric_limits<uint64_t>::max())
      value = nextUInt64();
    else
      while ((value = (nextUInt64() & mask)) > rng)
        ;
    store(i, off + value);
  }
  return out;
}

Result<NDArray> RandomState::permutation(int64_t n) {
  Result<NDArray> arr = NDArray::arange(PyScalar::ofInt(0), PyScalar::ofInt(n));
  if (!arr)
    return arr;
  if (Result<bool> ok = shuffle(*arr); !ok)
    return ok.takeError();
  return arr;
}

Result<NDArray> RandomState::permutation(const NDArray &array) {
  if (array.ndim() < 1)
    return makeError("x must be an integer or at least 1-dimensional");
  NDArray copy = array;
  if (Result<bool> ok = shuffle(copy); !ok)
    return ok.takeError();
  return copy;
}

Result<bool> RandomState::shuffle(NDArray &array) {
  if (array.ndim() < 1)
    return makeError("shuffle needs an array of at least one dimension");
  int64_t n = array.shape()[0];
  int64_t rowBytes = n == 0 ? 0 : array.size() / n * dtypeSize(array.dtype());
  std::vector<uint8_t> row(rowBytes);
  uint8_t *base = array.data();
  // Rows of zero elements still consume the draws, as NumPy's generic path.
  for (int64_t i = n - 1; i >= 1; --i) {
    int64_t j = static_cast<int64_t>(randomInterval(static_cast<uint64_t>(i)));
    if (i == j || rowBytes == 0)
      continue;
    std::memcpy(row.data(), base + j * rowBytes, rowBytes);
    std::memcpy(base + j * rowBytes, base + i * rowBytes, rowBytes);
    std::memcpy(base + i * rowBytes, row.data(), rowBytes);
  }
  return true;
}

} // namespace tcc::numpy
