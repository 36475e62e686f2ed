//===- PythonRandom.cpp - Python's random module, bit-exact ---------------===//
//
// The seed programs draw initial weights with `from random import random`.
// CPython's random is the same MT19937 as NumPy's legacy generator, seeded
// differently (init_by_array with the seed's 32-bit words) and with the same
// 53-bit doubles, so `random.seed(n); random()` gives CPython's numbers. An
// unseeded program gets the stream of random.seed(0): a compiler has no
// entropy source (the same policy as np.random).
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"

#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

numpy::RandomState eval::pythonRandomSeeded(int64_t a) {
  uint64_t magnitude = a < 0 ? 0 - static_cast<uint64_t>(a) : a;
  std::vector<int64_t> key;
  do {
    key.push_back(magnitude & 0xFFFFFFFFu);
    magnitude >>= 32;
  } while (magnitude);
  numpy::RandomState state;
  (void)state.seed(key);
  return state;
}

/// random.getrandbits(k) for 0 < k <= 64: 32-bit words, least significant
/// first, the last one keeping its high bits.
static uint64_t getRandBits(numpy::RandomState &state, unsigned k) {
  uint64_t out = 0;
  for (unsigned shift = 0; shift < k; shift += 32) {
    uint32_t word = state.nextUInt32();
    unsigned take = std::min(32u, k - shift);
    out |= static_cast<uint64_t>(word >> (32 - take)) << shift;
  }
  return out;
}

/// random._randbelow(n): rejection sampling of bit_length(n) bits.
static uint64_t randBelow(numpy::RandomState &state, uint64_t n) {
  unsigned k = 64 - llvm::countl_zero(n);
  uint64_t r = getRandBits(state, k);
  while (r >= n)
    r = getRandBits(state, k);
  return r;
}

static double number(Interpreter &in, const ObjectPtr &v, llvm::StringRef fn,
                     Location loc) {
  std::optional<double> d = asFloat(v);
  if (!d)
    in.error(loc, fn + "() arguments must be numbers, got " + typeName(v));
  return *d;
}

ObjectPtr eval::pythonRandomAttribute(Interpreter &interp, llvm::StringRef name,
                                      Location loc) {
  std::string qualified = "random." + name.str();
  if (name == "random")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      bindArgs(in, a, "random", {});
      return Interpreter::floating(in.pythonRandomState().nextDouble());
    });
  if (name == "seed")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "seed", {"a?"});
      std::optional<int64_t> s = v[0] ? asInt(v[0]) : std::nullopt;
      if (!s)
        in.error(a.loc, "random.seed() needs an integer seed (tcc has no "
                        "entropy source: a model's random values must be "
                        "reproducible)");
      in.pythonRandomState() = pythonRandomSeeded(*s);
      return Interpreter::none();
    });
  if (name == "uniform")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "uniform", {"a", "b"});
      double lo = number(in, v[0], "uniform", a.loc);
      double hi = number(in, v[1], "uniform", a.loc);
      return Interpreter::floating(lo + (hi - lo) *
                                            in.pythonRandomState().nextDouble());
    });
  if (name == "randint")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "randint", {"a", "b"});
      std::optional<int64_t> lo = asInt(v[0]), hi = asInt(v[1]);
      if (!lo || !hi)
        in.error(a.loc, "randint() bounds must be integers");
      if (*hi < *lo)
        in.error(a.loc, "empty range for randint(" + std::to_string(*lo) +
                            ", " + std::to_string(*hi) + ")");
      uint64_t width = static_cast<uint64_t>(*hi) - *lo + 1;
      if (width == 0)
        in.error(a.loc, "randint(): the range does not fit in 64 bits");
      return Interpreter::integer(
          *lo + static_cast<int64_t>(randBelow(in.pythonRandomState(), width)));
    });
  interp.error(loc, "'random." + name.str() + "' is not supported by tcc");
}
