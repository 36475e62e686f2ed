//===- SpecialFunctions.cpp - scipy.special's functions for kernels -------===//
//
// Theano computes psi, tri_gamma, erfinv, erfcinv and erfcx with
// scipy.special (and C code of its own); libm has none of them, so kernels
// call these (compiler/Passes/SpecialFunctionBody.cpp), in double precision.
// Poles, infinities and the edges of the domain give scipy's values:
// psi(+-0) = -+inf, psi(-n) = nan, tri_gamma(-n) = inf, erfinv(+-1) = +-inf,
// erfinv outside [-1, 1] = nan.
//
//===----------------------------------------------------------------------===//

#include "ModelSymbols.h"

#include <cmath>
#include <limits>

namespace {

constexpr double Pi = 3.14159265358979323846;
constexpr double TwoOverSqrtPi = 1.12837916709551257390;
constexpr double Inf = std::numeric_limits<double>::infinity();
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Epsilon = std::numeric_limits<double>::epsilon();

/// Both series below are asymptotic; from x >= 10 their last term is below
/// double precision.
constexpr double AsymptoticFrom = 10;

/// The fraction of a negative x (in (-1, 0]); reflection formulas use
/// sin/tan(pi * fraction), which are exact where sin/tan(pi * x) would
/// lose the digits of the integer part.
double negativeFraction(double X) {
  double IntegerPart;
  return std::modf(X, &IntegerPart);
}

/// psi(x) for x > 0: the recurrence psi(x) = psi(x + 1) - 1/x up to x >= 10,
/// then psi(x) ~ ln x - 1/(2x) - sum B_2k / (2k x^2k).
double digammaPositive(double X) {
  double Result = 0;
  for (; X < AsymptoticFrom; X += 1)
    Result -= 1 / X;
  double R = 1 / (X * X);
  double Tail =
      R *
      (1.0 / 12 -
       R * (1.0 / 120 -
            R * (1.0 / 252 -
                 R * (1.0 / 240 - R * (1.0 / 132 - R * (691.0 / 32760 -
                                                        R * (1.0 / 12)))))));
  return Result + std::log(X) - 0.5 / X - Tail;
}

/// tri_gamma(x) for x > 0: psi1(x) = psi1(x + 1) + 1/x^2 up to x >= 10, then
/// psi1(x) ~ 1/x + 1/(2x^2) + sum B_2k / x^(2k+1).
double trigammaPositive(double X) {
  double Result = 0;
  for (; X < AsymptoticFrom; X += 1)
    Result += 1 / (X * X);
  double R = 1 / (X * X);
  double Tail =
      R * (1.0 / 6 -
           R * (1.0 / 30 -
                R * (1.0 / 42 -
                     R * (1.0 / 30 - R * (5.0 / 66 - R * (691.0 / 2730 -
                                                          R * (7.0 / 6)))))));
  return Result + (1 + 0.5 / X + Tail) / X;
}

/// Giles' single-precision approximation of erfinv ("Approximating the
/// erfinv function", GPU Computing Gems, 2011), for |x| <= 0.5: a start
/// that Halley's iteration then makes exact.
double erfinvGuess(double X) {
  double W = -std::log((1 - X) * (1 + X)) - 2.5;
  double P = 2.81022636e-08;
  P = 3.43273939e-07 + P * W;
  P = -3.5233877e-06 + P * W;
  P = -4.39150654e-06 + P * W;
  P = 0.00021858087 + P * W;
  P = -0.00125372503 + P * W;
  P = -0.00417768164 + P * W;
  P = 0.246640727 + P * W;
  P = 1.50140941 + P * W;
  return P * X;
}

/// y with erf(y) = x for |x| <= 0.5, by Halley's iteration on erf(y) - x
/// (erf'' = -2y erf', so the step is d / (1 + y d) for the Newton step d).
double inverseErfCentral(double X) {
  double Y = erfinvGuess(X);
  for (int I = 0; I < 8; ++I) {
    double D = (std::erf(Y) - X) / (TwoOverSqrtPi * std::exp(-Y * Y));
    double Step = D / (1 + Y * D);
    Y -= Step;
    if (std::fabs(Step) <= Epsilon * std::fabs(Y))
      break;
  }
  return Y;
}

} // namespace

extern "C" {

TCC_HIDDEN double __tcc_erfcx(double X) {
  if (std::isnan(X))
    return X;
  if (X < -27) // 2 exp(x^2) - erfcx(-x) overflows from x < -26.7.
    return Inf;
  if (X < 26) {
    // exp(x^2) with x^2 split exactly into Hi + Lo, so that x^2's rounding
    // (up to 676 ulp of exp's argument) does not reach the result.
    double Hi = X * X;
    double Lo = std::fma(X, X, -Hi);
    return std::erfc(X) * std::exp(Hi) * (1 + Lo);
  }
  // erfc(x) underflows; erfcx(x) ~ 1/(x sqrt(pi)) sum (-1)^n (2n-1)!! /
  // (2x^2)^n, whose terms fall below 1e-19 by n = 6 here.
  double R = 1 / (2 * X * X);
  double Term = 1, Sum = 1;
  for (int N = 1; N <= 8; ++N) {
    Term *= -(2 * N - 1) * R;
    Sum += Term;
  }
  return Sum * (TwoOverSqrtPi / 2) / X;
}

} // extern "C"

namespace {

/// y >= 0 with erfc(y) = z for 0 < z <= 0.5, by Newton's iteration on
/// log(erfc(y)) - log(z), computed as log(erfcx(y)) - y^2 so that nothing
/// underflows down to the smallest subnormal z. The function is concave and
/// decreasing, so the iteration converges from any start; the start is
/// erfc's asymptotic form erfc(y) ~ exp(-y^2) / (y sqrt(pi)).
double inverseErfcTail(double Z) {
  double T = -std::log(Z);
  double Y = std::sqrt(T - std::log(std::sqrt(Pi * T)));
  for (int I = 0; I < 50; ++I) {
    double Scaled = __tcc_erfcx(Y);
    double Hi = Y * Y;
    double Lo = std::fma(Y, Y, -Hi);
    double G = ((std::log(Scaled) + T) - Hi) - Lo;
    double Step = G * Scaled / TwoOverSqrtPi;
    Y += Step;
    if (std::fabs(Step) <= 2 * Epsilon * Y)
      break;
  }
  return Y;
}

} // namespace

extern "C" {

TCC_HIDDEN double __tcc_psi(double X) {
  if (std::isnan(X) || X == Inf)
    return X;
  if (X == -Inf)
    return NaN;
  if (X == 0)
    return std::copysign(Inf, -X);
  if (X > 0)
    return digammaPositive(X);
  // psi(x) = psi(1 - x) - pi / tan(pi x); poles at the negative integers.
  double Fraction = negativeFraction(X);
  if (Fraction == 0)
    return NaN;
  return digammaPositive(1 - X) - Pi / std::tan(Pi * Fraction);
}

TCC_HIDDEN double __tcc_trigamma(double X) {
  if (std::isnan(X) || X == Inf)
    return X == Inf ? 0 : X;
  if (X == -Inf)
    return NaN;
  if (X > 0)
    return trigammaPositive(X);
  // psi1(x) = pi^2 / sin(pi x)^2 - psi1(1 - x); poles at 0, -1, -2...
  double Fraction = negativeFraction(X);
  if (Fraction == 0)
    return Inf;
  double S = std::sin(Pi * Fraction);
  return Pi * Pi / (S * S) - trigammaPositive(1 - X);
}

TCC_HIDDEN double __tcc_erfinv(double X) {
  if (std::isnan(X))
    return X;
  double A = std::fabs(X);
  if (A > 1)
    return NaN;
  if (A == 1)
    return std::copysign(Inf, X);
  if (A <= 0.5)
    return inverseErfCentral(X);
  // 1 - |x| is exact here (Sterbenz), so the tail keeps every digit.
  return std::copysign(inverseErfcTail(1 - A), X);
}

TCC_HIDDEN double __tcc_erfcinv(double Z) {
  if (std::isnan(Z))
    return Z;
  if (Z < 0 || Z > 2)
    return NaN;
  if (Z == 0)
    return Inf;
  if (Z == 2)
    return -Inf;
  if (Z < 0.5)
    return inverseErfcTail(Z);
  if (Z > 1.5)
    return -inverseErfcTail(2 - Z);
  return inverseErfCentral(1 - Z); // Exact for z in [0.5, 2].
}

} // extern "C"
