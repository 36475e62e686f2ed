//===- LegacyRandom.h - NumPy's legacy MT19937 stream, bit-exact -*- C++
//-*-===//
//
// The generator behind np.random.RandomState (numpy/random/src/mt19937,
// src/legacy, distributions.c), shared by the compiler (compile-time
// np.random, the initial state of Theano's RandomStreams) and the runtime
// (the draws a compiled model makes), so both produce NumPy's very numbers.
// Header-only and dependency-free: the runtime must not link LLVM.
//
// Compile with -ffp-contract=off: a fused multiply-add in
// `x1 * x1 + x2 * x2` or `a * 67108864.0 + b` would change the bits.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_LEGACYRANDOM_H
#define TCC_LEGACYRANDOM_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <cstring>

namespace tcc::legacy {

/// MT19937 with NumPy's legacy state: the key, the position in it, and the
/// second value of the last polar Box-Muller pair.
struct MT19937 {
  static constexpr int kN = 624;
  static constexpr int kM = 397;

  uint32_t key[kN] = {};
  int pos = kN;
  bool hasGauss = false;
  double gauss = 0;

  /// mt19937_seed: Knuth's initializer from the reference implementation.
  void seed(uint32_t s) {
    for (int i = 0; i < kN; ++i) {
      key[i] = s;
      s = 1812433253u * (s ^ (s >> 30)) + static_cast<uint32_t>(i) + 1;
    }
    pos = kN;
    hasGauss = false;
    gauss = 0;
  }

  /// mt19937_init_by_array (np.random.seed([s0, s1, ...])).
  void seedByArray(const uint32_t *words, int length) {
    seed(19650218u);
    int i = 1, j = 0;
    for (int k = std::max(kN, length); k; --k) {
      key[i] = (key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) * 1664525u)) +
               words[j] + static_cast<uint32_t>(j);
      ++i;
      ++j;
      if (i >= kN) {
        key[0] = key[kN - 1];
        i = 1;
      }
      if (j >= length)
        j = 0;
    }
    for (int k = kN - 1; k; --k) {
      key[i] = (key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) * 1566083941u)) -
               static_cast<uint32_t>(i);
      ++i;
      if (i >= kN) {
        key[0] = key[kN - 1];
        i = 1;
      }
    }
    key[0] = 0x80000000u; // MSB is 1, assuring a non-zero initial array.
    pos = kN;
    hasGauss = false;
    gauss = 0;
  }

  /// mt19937_gen: regenerates all 624 words.
  void generate() {
    auto twist = [&](int i, uint32_t next, uint32_t far) {
      uint32_t y = (key[i] & 0x80000000u) | (next & 0x7fffffffu);
      key[i] = far ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908b0dfu);
    };
    int i = 0;
    for (; i < kN - kM; ++i)
      twist(i, key[i + 1], key[i + kM]);
    for (; i < kN - 1; ++i)
      twist(i, key[i + 1], key[i + kM - kN]);
    twist(kN - 1, key[0], key[kM - 1]);
    pos = 0;
  }

  uint32_t nextUInt32() {
    if (pos >= kN)
      generate();
    uint32_t y = key[pos++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
  }

  /// Two draws, the first one in the high half (mt19937_next64).
  uint64_t nextUInt64() {
    uint64_t high = nextUInt32();
    return (high << 32) | nextUInt32();
  }

  /// mt19937_next_double: (a >> 5) * 2^26 + (b >> 6), over 2^53.
  double nextDouble() {
    int32_t a = static_cast<int32_t>(nextUInt32() >> 5);
    int32_t b = static_cast<int32_t>(nextUInt32() >> 6);
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /// legacy_gauss: polar Box-Muller; every other call returns the cached
  /// second value.
  double nextGauss() {
    if (hasGauss) {
      double cached = gauss;
      hasGauss = false;
      gauss = 0;
      return cached;
    }
    double x1, x2, r2;
    do {
      x1 = 2.0 * nextDouble() - 1.0;
      x2 = 2.0 * nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = std::sqrt(-2.0 * std::log(r2) / r2);
    gauss = f * x1;
    hasGauss = true;
    return f * x2;
  }

  /// random_interval / the masked path of random_bounded_uint64: uniform
  /// in [0, max] by masked rejection (32-bit draws while max fits).
  uint64_t randomInterval(uint64_t max) {
    if (max == 0)
      return 0;
    uint64_t mask = genMask(max), value;
    if (max <= 0xFFFFFFFFu) {
      while ((value = (nextUInt32() & mask)) > max)
        ;
    } else {
      while ((value = (nextUInt64() & mask)) > max)
        ;
    }
    return value;
  }

  /// RandomState.shuffle of a 1-d array (_shuffle_raw): Fisher-Yates from
  /// the end, each swap partner drawn by randomInterval.
  void shuffle(int64_t *x, int64_t n, int64_t stride = 1) {
    for (int64_t i = n - 1; i >= 1; --i) {
      int64_t j = static_cast<int64_t>(randomInterval(i));
      std::swap(x[i * stride], x[j * stride]);
    }
  }

  /// legacy_random_binomial for 0 <= p <= 1 and n >= 0: inversion when
  /// min(p, 1 - p) * n <= 30, else BTPE (Kachitvichyanukul & Schmeiser),
  /// as numpy/random/src/distributions/distributions.c.
  int64_t binomial(int64_t n, double p) {
    if (p <= 0.5)
      return p * n <= 30.0 ? binomialInversion(n, p) : binomialBTPE(n, p);
    double q = 1.0 - p;
    return q * n <= 30.0 ? n - binomialInversion(n, q) : n - binomialBTPE(n, q);
  }

  /// gen_mask: the smallest all-ones mask covering `max`.
  static uint64_t genMask(uint64_t max) {
    uint64_t mask = max;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;
    return mask;
  }

private:
  int64_t binomialInversion(int64_t n, double p) {
    double q = 1.0 - p;
    double qn = std::exp(n * std::log(q));
    double np = n * p;
    int64_t bound = static_cast<int64_t>(
        std::min(static_cast<double>(n), np + 10.0 * std::sqrt(np * q + 1)));
    int64_t x = 0;
    double px = qn;
    double u = nextDouble();
    while (u > px) {
      ++x;
      if (x > bound) {
        x = 0;
        px = qn;
        u = nextDouble();
      } else {
        u -= px;
        px = ((n - x + 1) * p * px) / (x * q);
      }
    }
    return x;
  }

  int64_t binomialBTPE(int64_t n, double p) {
    double r = std::min(p, 1.0 - p);
    double q = 1.0 - r;
    double fm = n * r + r;
    int64_t m = static_cast<int64_t>(std::floor(fm));
    double p1 = std::floor(2.195 * std::sqrt(n * r * q) - 4.6 * q) + 0.5;
    double xm = m + 0.5;
    double xl = xm - p1;
    double xr = xm + p1;
    double c = 0.134 + 20.5 / (15.3 + m);
    double a = (fm - xl) / (fm - xl * r);
    double laml = a * (1.0 + a / 2.0);
    a = (xr - fm) / (xr * q);
    double lamr = a * (1.0 + a / 2.0);
    double p2 = p1 * (1.0 + 2.0 * c);
    double p3 = p2 + c / laml;
    double p4 = p3 + c / lamr;
    double nrq = n * r * q;

    double u, v, s, f, z, w, w2, x1, f1, z2, x2, f2, rho, t, a2;
    int64_t y, k, i;
  Step10:
    u = nextDouble() * p4;
    v = nextDouble();
    if (u > p1)
      goto Step20;
    y = static_cast<int64_t>(std::floor(xm - p1 * v + u));
    goto Step60;
  Step20:
    if (u > p2)
      goto Step30;
    x1 = xl + (u - p1) / c;
    v = v * c + 1.0 - std::fabs(m - x1 + 0.5) / p1;
    if (v > 1.0)
      goto Step10;
    y = static_cast<int64_t>(std::floor(x1));
    goto Step50;
  Step30:
    if (u > p3)
      goto Step40;
    y = static_cast<int64_t>(std::floor(xl + std::log(v) / laml));
    if (y < 0 || v == 0.0)
      goto Step10;
    v = v * (u - p2) * laml;
    goto Step50;
  Step40:
    y = static_cast<int64_t>(std::floor(xr - std::log(v) / lamr));
    if (y > n || v == 0.0)
      goto Step10;
    v = v * (u - p3) * lamr;
  Step50:
    k = std::llabs(y - m);
    if (k > 20 && k < nrq / 2.0 - 1)
      goto Step52;
    s = r / q;
    a2 = s * (n + 1);
    f = 1.0;
    if (m < y) {
      for (i = m + 1; i <= y; ++i)
        f *= (a2 / i - s);
    } else if (m > y) {
      for (i = y + 1; i <= m; ++i)
        f /= (a2 / i - s);
    }
    if (v > f)
      goto Step10;
    goto Step60;
  Step52:
    rho =
        (k / nrq) * ((k * (k / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    t = -k * k / (2 * nrq);
    a2 = std::log(v);
    if (a2 < (t - rho))
      goto Step60;
    if (a2 > (t + rho))
      goto Step10;
    x1 = y + 1;
    f1 = m + 1;
    z = n + 1 - m;
    w = n - y + 1;
    x2 = x1 * x1;
    f2 = f1 * f1;
    z2 = z * z;
    w2 = w * w;
    if (a2 > (xm * std::log(f1 / x1) + (n - m + 0.5) * std::log(z / w) +
              (y - m) * std::log(w * r / (x1 * q)) +
              (13680. - (462. - (132. - (99. - 140. / f2) / f2) / f2) / f2) /
                  f1 / 166320. +
              (13680. - (462. - (132. - (99. - 140. / z2) / z2) / z2) / z2) /
                  z / 166320. +
              (13680. - (462. - (132. - (99. - 140. / x2) / x2) / x2) / x2) /
                  x1 / 166320. +
              (13680. - (462. - (132. - (99. - 140. / w2) / w2) / w2) / w2) /
                  w / 166320.))
      goto Step10;
  Step60:
    if (p > 0.5)
      y = n - y;
    return y;
  }
};

/// How a model stores a generator in a shared variable (Theano's
/// RandomStreams state): an int64 vector of the 624 key words, the position,
/// the has-gauss flag and the cached gauss's IEEE bits. Unpacking accepts
/// any contents (a user's set_value): words are taken modulo 2^32 and the
/// position is clamped, so no value makes the generator read out of bounds.
constexpr int kPackedStateLength = MT19937::kN + 3;

inline void packState(const MT19937 &g, int64_t *out, int64_t stride = 1) {
  for (int i = 0; i < MT19937::kN; ++i)
    out[i * stride] = g.key[i];
  out[MT19937::kN * stride] = g.pos;
  out[(MT19937::kN + 1) * stride] = g.hasGauss;
  int64_t bits;
  std::memcpy(&bits, &g.gauss, sizeof bits);
  out[(MT19937::kN + 2) * stride] = bits;
}

inline void unpackState(const int64_t *in, MT19937 &g, int64_t stride = 1) {
  for (int i = 0; i < MT19937::kN; ++i)
    g.key[i] = static_cast<uint32_t>(in[i * stride]);
  int64_t pos = in[MT19937::kN * stride];
  g.pos = static_cast<int>(std::clamp<int64_t>(pos, 0, MT19937::kN));
  g.hasGauss = in[(MT19937::kN + 1) * stride] != 0;
  int64_t bits = in[(MT19937::kN + 2) * stride];
  std::memcpy(&g.gauss, &bits, sizeof bits);
}

} // namespace tcc::legacy

#endif // TCC_LEGACYRANDOM_H
