//===- ScalarBody.cpp - The scalar computation of th elementwise ops ------===//

#include "Passes/ScalarBody.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "llvm/ADT/TypeSwitch.h"

#include <limits>

using namespace mlir;

static bool isFloat(Type t) { return isa<FloatType>(t); }
/// Unsigned dtypes (ui8...ui64) and bool order and convert as unsigned.
/// Their values are still typed unsigned while th lowers (the pass makes
/// every integer signless at its end), so the choice is made here.
static bool isUnsigned(Type t) {
  return t.isUnsignedInteger() || t.isInteger(1);
}

static Value constantLike(OpBuilder &b, Location loc, Type type, double f,
                          int64_t i) {
  if (auto ft = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, FloatAttr::get(ft, f));
  return arith::ConstantOp::create(b, loc, IntegerAttr::get(type, i));
}

Value tcc::buildScalarCast(OpBuilder &b, Location loc, Value value, Type to) {
  Type from = value.getType();
  if (from == to)
    return value;
  if (isa<ComplexType>(from) || isa<ComplexType>(to))
    return buildComplexCast(b, loc, value, to);
  if (to.isInteger(1)) {
    Value zero = constantLike(b, loc, from, 0.0, 0);
    if (isFloat(from))
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, value,
                                   zero);
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, value, zero);
  }
  if (isFloat(from) && isFloat(to)) {
    if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
      return arith::ExtFOp::create(b, loc, to, value);
    return arith::TruncFOp::create(b, loc, to, value);
  }
  if (isFloat(from))
    return to.isUnsignedInteger()
               ? Value(arith::FPToUIOp::create(b, loc, to, value))
               : Value(arith::FPToSIOp::create(b, loc, to, value));
  bool fromUnsigned = isUnsigned(from);
  if (isFloat(to))
    return fromUnsigned ? Value(arith::UIToFPOp::create(b, loc, to, value))
                        : Value(arith::SIToFPOp::create(b, loc, to, value));
  unsigned fw = from.getIntOrFloatBitWidth(), tw = to.getIntOrFloatBitWidth();
  if (fw < tw)
    return fromUnsigned ? Value(arith::ExtUIOp::create(b, loc, to, value))
                        : Value(arith::ExtSIOp::create(b, loc, to, value));
  if (fw == tw) // int8 <-> uint8: the same bits.
    return arith::BitcastOp::create(b, loc, to, value);
  return arith::TruncIOp::create(b, loc, to, value);
}

/// Python's floor division and modulo with NumPy's results where the
/// hardware would trap: x // 0 and x % 0 are 0, MIN // -1 wraps to MIN and
/// MIN % -1 is 0 (x // -1 is -x, x % -1 is 0 for every x).
static Value buildIntDivMod(OpBuilder &b, Location loc, Value x, Value y,
                            bool wantMod) {
  Type t = x.getType();
  Value zero = constantLike(b, loc, t, 0, 0);
  if (isUnsigned(t)) {
    // Floor and truncation agree; only x // 0 and x % 0 (0) need care.
    Value one = constantLike(b, loc, t, 1, 1);
    Value isZero =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, zero);
    Value safe = arith::SelectOp::create(b, loc, isZero, one, y);
    Value result = wantMod ? Value(arith::RemUIOp::create(b, loc, x, safe))
                           : Value(arith::DivUIOp::create(b, loc, x, safe));
    return arith::SelectOp::create(b, loc, isZero, zero, result);
  }
  Value one = constantLike(b, loc, t, 1, 1);
  Value minusOne = constantLike(b, loc, t, -1, -1);
  Value isZero = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y,
                                       zero);
  Value isMinusOne =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, minusOne);
  Value special = arith::OrIOp::create(b, loc, isZero, isMinusOne);
  Value safe = arith::SelectOp::create(b, loc, special, one, y);
  Value result, byMinusOne;
  if (!wantMod) {
    result = arith::FloorDivSIOp::create(b, loc, x, safe);
    byMinusOne = arith::SubIOp::create(b, loc, zero, x);
  } else {
    // r = x rem y; if r != 0 and sign(r) != sign(y): r += y.
    Value r = arith::RemSIOp::create(b, loc, x, safe);
    Value rNeg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, r,
                                       zero);
    Value yNeg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, safe,
                                       zero);
    Value rNonZero = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, r,
                                           zero);
    Value signsDiffer = arith::XOrIOp::create(b, loc, rNeg, yNeg);
    Value fix = arith::AndIOp::create(b, loc, rNonZero, signsDiffer);
    Value adjusted = arith::AddIOp::create(b, loc, r, safe);
    result = arith::SelectOp::create(b, loc, fix, adjusted, r);
    byMinusOne = zero;
  }
  result = arith::SelectOp::create(b, loc, isMinusOne, byMinusOne, result);
  return arith::SelectOp::create(b, loc, isZero, zero, result);
}

static Value buildFloatMod(OpBuilder &b, Location loc, Value x, Value y) {
  Type t = x.getType();
  Value zero = constantLike(b, loc, t, 0.0, 0);
  Value r = arith::RemFOp::create(b, loc, x, y);
  Value rNeg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, r, zero);
  Value yNeg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, y, zero);
  Value rNonZero =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ONE, r, zero);
  Value fix = arith::AndIOp::create(
      b, loc, rNonZero, arith::XOrIOp::create(b, loc, rNeg, yNeg));
  return arith::SelectOp::create(b, loc, fix,
                                 arith::AddFOp::create(b, loc, r, y), r);
}

template <typename FloatOp, typename IntOp>
static Value floatOrInt(OpBuilder &b, Location loc, ValueRange args) {
  if (isFloat(args[0].getType()))
    return FloatOp::create(b, loc, args);
  return IntOp::create(b, loc, args);
}

static Value compare(OpBuilder &b, Location loc, ValueRange args,
                     arith::CmpFPredicate fp, arith::CmpIPredicate ip) {
  if (isFloat(args[0].getType()))
    return arith::CmpFOp::create(b, loc, fp, args[0], args[1]);
  // Booleans order False < True (as i1, true is -1 when signed), unsigned
  // integers as unsigned.
  if (isUnsigned(args[0].getType())) {
    switch (ip) {
    case arith::CmpIPredicate::slt: ip = arith::CmpIPredicate::ult; break;
    case arith::CmpIPredicate::sle: ip = arith::CmpIPredicate::ule; break;
    case arith::CmpIPredicate::sgt: ip = arith::CmpIPredicate::ugt; break;
    case arith::CmpIPredicate::sge: ip = arith::CmpIPredicate::uge; break;
    default: break;
    }
  }
  return arith::CmpIOp::create(b, loc, ip, args[0], args[1]);
}

Value tcc::buildScalarOp(OpBuilder &b, Location loc, Operation *op,
                         ValueRange args, Type resultType) {
  using namespace mlir::th;
  using FP = arith::CmpFPredicate;
  using IP = arith::CmpIPredicate;
  auto isComplex = [](Type type) { return isa<ComplexType>(type); };
  if (isComplex(resultType) || llvm::any_of(args.getTypes(), isComplex))
    return buildComplexScalarOp(b, loc, op, args, resultType);
  Type t = args.empty() ? resultType : args.back().getType();
  bool boolean = t.isInteger(1);
  return llvm::TypeSwitch<Operation *, Value>(op)
      .Case([&](AddOp) -> Value {
        if (boolean) // NumPy: bool + bool is logical or.
          return arith::OrIOp::create(b, loc, args[0], args[1]);
        return floatOrInt<arith::AddFOp, arith::AddIOp>(b, loc, args);
      })
      .Case([&](SubOp) {
        return floatOrInt<arith::SubFOp, arith::SubIOp>(b, loc, args);
      })
      .Case([&](MulOp) -> Value {
        if (boolean)
          return arith::AndIOp::create(b, loc, args[0], args[1]);
        return floatOrInt<arith::MulFOp, arith::MulIOp>(b, loc, args);
      })
      .Case([&](TrueDivOp) {
        return arith::DivFOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](IntDivOp) -> Value {
        if (isFloat(t))
          return math::FloorOp::create(
              b, loc, arith::DivFOp::create(b, loc, args[0], args[1]));
        return buildIntDivMod(b, loc, args[0], args[1], /*wantMod=*/false);
      })
      .Case([&](ModOp) -> Value {
        if (isFloat(t))
          return buildFloatMod(b, loc, args[0], args[1]);
        return buildIntDivMod(b, loc, args[0], args[1], /*wantMod=*/true);
      })
      .Case([&](PowOp) -> Value {
        if (isFloat(t))
          return math::PowFOp::create(b, loc, args[0], args[1]);
        return math::IPowIOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](MaximumOp) -> Value {
        if (isFloat(t))
          return arith::MaximumFOp::create(b, loc, args[0], args[1]);
        if (boolean)
          return arith::OrIOp::create(b, loc, args[0], args[1]);
        return isUnsigned(t)
                   ? Value(arith::MaxUIOp::create(b, loc, args[0], args[1]))
                   : Value(arith::MaxSIOp::create(b, loc, args[0], args[1]));
      })
      .Case([&](MinimumOp) -> Value {
        if (isFloat(t))
          return arith::MinimumFOp::create(b, loc, args[0], args[1]);
        if (boolean)
          return arith::AndIOp::create(b, loc, args[0], args[1]);
        return isUnsigned(t)
                   ? Value(arith::MinUIOp::create(b, loc, args[0], args[1]))
                   : Value(arith::MinSIOp::create(b, loc, args[0], args[1]));
      })
      .Case([&](AndOp) { return arith::AndIOp::create(b, loc, args); })
      .Case([&](OrOp) { return arith::OrIOp::create(b, loc, args); })
      .Case([&](XorOp) { return arith::XOrIOp::create(b, loc, args); })
      .Case([&](LtOp) { return compare(b, loc, args, FP::OLT, IP::slt); })
      .Case([&](LeOp) { return compare(b, loc, args, FP::OLE, IP::sle); })
      .Case([&](GtOp) { return compare(b, loc, args, FP::OGT, IP::sgt); })
      .Case([&](GeOp) { return compare(b, loc, args, FP::OGE, IP::sge); })
      .Case([&](EqOp) { return compare(b, loc, args, FP::OEQ, IP::eq); })
      .Case([&](NeqOp) { return compare(b, loc, args, FP::UNE, IP::ne); })
      .Case([&](IsNanOp) -> Value {
        if (!isFloat(t))
          return arith::ConstantIntOp::create(b, loc, 0, 1);
        return arith::CmpFOp::create(b, loc, FP::UNO, args[0], args[0]);
      })
      .Case([&](IsInfOp) -> Value {
        if (!isFloat(t))
          return arith::ConstantIntOp::create(b, loc, 0, 1);
        Value inf = arith::ConstantOp::create(
            b, loc, FloatAttr::get(t, std::numeric_limits<double>::infinity()));
        return arith::CmpFOp::create(
            b, loc, FP::OEQ, math::AbsFOp::create(b, loc, args[0]), inf);
      })
      .Case([&](NegOp) -> Value {
        if (isFloat(t))
          return arith::NegFOp::create(b, loc, args[0]);
        return arith::SubIOp::create(b, loc, constantLike(b, loc, t, 0, 0),
                                     args[0]);
      })
      .Case([&](AbsOp) -> Value {
        if (isFloat(t))
          return math::AbsFOp::create(b, loc, args[0]);
        if (isUnsigned(t))
          return args[0];
        // x < 0 ? -x : x (MIN stays MIN, as in NumPy).
        Value zero = constantLike(b, loc, t, 0, 0);
        Value negative = arith::CmpIOp::create(
            b, loc, arith::CmpIPredicate::slt, args[0], zero);
        return arith::SelectOp::create(
            b, loc, negative, arith::SubIOp::create(b, loc, zero, args[0]),
            args[0]);
      })
      .Case([&](SqrOp) {
        return floatOrInt<arith::MulFOp, arith::MulIOp>(
            b, loc, ValueRange{args[0], args[0]});
      })
      .Case([&](ExpOp) { return math::ExpOp::create(b, loc, args[0]); })
      .Case([&](LogOp) { return math::LogOp::create(b, loc, args[0]); })
      .Case([&](Log1pOp) { return math::Log1pOp::create(b, loc, args[0]); })
      .Case([&](Expm1Op) { return math::ExpM1Op::create(b, loc, args[0]); })
      .Case([&](SqrtOp) { return math::SqrtOp::create(b, loc, args[0]); })
      .Case([&](TanhOp) { return math::TanhOp::create(b, loc, args[0]); })
      .Case([&](SinOp) { return math::SinOp::create(b, loc, args[0]); })
      .Case([&](CosOp) { return math::CosOp::create(b, loc, args[0]); })
      .Case([&](TanOp) { return math::TanOp::create(b, loc, args[0]); })
      .Case([&](ArcsinOp) { return math::AsinOp::create(b, loc, args[0]); })
      .Case([&](ArccosOp) { return math::AcosOp::create(b, loc, args[0]); })
      .Case([&](ArctanOp) { return math::AtanOp::create(b, loc, args[0]); })
      .Case([&](SinhOp) { return math::SinhOp::create(b, loc, args[0]); })
      .Case([&](CoshOp) { return math::CoshOp::create(b, loc, args[0]); })
      .Case([&](ArcsinhOp) { return math::AsinhOp::create(b, loc, args[0]); })
      .Case([&](ArccoshOp) { return math::AcoshOp::create(b, loc, args[0]); })
      .Case([&](ArctanhOp) { return math::AtanhOp::create(b, loc, args[0]); })
      .Case([&](Exp2Op) { return math::Exp2Op::create(b, loc, args[0]); })
      .Case([&](Log2Op) { return math::Log2Op::create(b, loc, args[0]); })
      .Case([&](Log10Op) { return math::Log10Op::create(b, loc, args[0]); })
      .Case([&](ErfOp) { return math::ErfOp::create(b, loc, args[0]); })
      .Case([&](ErfcOp) { return math::ErfcOp::create(b, loc, args[0]); })
      .Case([&](FloorOp) { return math::FloorOp::create(b, loc, args[0]); })
      .Case([&](CeilOp) { return math::CeilOp::create(b, loc, args[0]); })
      .Case([&](TruncOp) { return math::TruncOp::create(b, loc, args[0]); })
      .Case([&](Arctan2Op) {
        return math::Atan2Op::create(b, loc, args[0], args[1]);
      })
      .Case([&](RoundHalfToEvenOp) {
        return math::RoundEvenOp::create(b, loc, args[0]);
      })
      .Case([&](RoundHalfAwayFromZeroOp) {
        return math::RoundOp::create(b, loc, args[0]);
      })
      .Case([&](SgnOp) -> Value {
        // (x > 0) - (x < 0); NaN stays NaN for floats, as NumPy's sign.
        Value x = args[0];
        Value zero = constantLike(b, loc, t, 0.0, 0);
        Value one = constantLike(b, loc, t, 1.0, 1);
        Value minusOne = constantLike(b, loc, t, -1.0, -1);
        Value pos, neg;
        if (isFloat(t)) {
          pos = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                                      zero);
          neg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x,
                                      zero);
        } else if (isUnsigned(t)) {
          pos = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ugt, x,
                                      zero);
          neg = arith::ConstantIntOp::create(b, loc, 0, 1);
        } else {
          pos = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, x,
                                      zero);
          neg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x,
                                      zero);
        }
        // Zero (and NaN, which is neither) keeps x.
        return arith::SelectOp::create(
            b, loc, pos, one, arith::SelectOp::create(b, loc, neg, minusOne, x));
      })
      .Case([&](SigmoidOp) -> Value {
        // 1 / (1 + exp(-x)): exp overflows to inf for very negative x and
        // the quotient is then exactly 0, as Theano's scalar sigmoid gives.
        Value one = constantLike(b, loc, t, 1.0, 1);
        Value e =
            math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, args[0]));
        return arith::DivFOp::create(b, loc, one,
                                     arith::AddFOp::create(b, loc, one, e));
      })
      .Case([&](UltraFastSigmoidOp) -> Value {
        // Theano's UltraFastScalarSigmoid: (z + 1) / 2 with z a piecewise
        // approximation of tanh(x / 2), odd in x. NaN is not >= 0 and takes
        // the last piece, as in Theano.
        Value x = args[0];
        auto c = [&](double v) { return constantLike(b, loc, t, v, 0); };
        Value half = arith::MulFOp::create(b, loc, c(0.5), x);
        Value a = math::AbsFOp::create(b, loc, half);
        auto lt = [&](Value l, Value r) {
          return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, l, r);
        };
        // One statement per op: C++ leaves the order of a call's arguments
        // open, and the IR must not depend on the host compiler.
        Value denominator = arith::AddFOp::create(b, loc, c(1.0), a);
        Value numerator = arith::MulFOp::create(b, loc, c(1.5), a);
        Value rational = arith::DivFOp::create(b, loc, numerator, denominator);
        Value offset = arith::SubFOp::create(b, loc, a, c(1.7));
        Value slope =
            arith::MulFOp::create(b, loc, c(0.0458812946797165), offset);
        Value linear =
            arith::AddFOp::create(b, loc, c(0.935409070603099), slope);
        Value belowThree = lt(a, c(3.0));
        Value outer = arith::SelectOp::create(b, loc, belowThree, linear,
                                              c(0.99505475368673));
        Value belowKnee = lt(a, c(1.7));
        Value z = arith::SelectOp::create(b, loc, belowKnee, rational, outer);
        Value nonNegative = arith::CmpFOp::create(
            b, loc, arith::CmpFPredicate::OGE, half, c(0.0));
        Value negated = arith::NegFOp::create(b, loc, z);
        z = arith::SelectOp::create(b, loc, nonNegative, z, negated);
        Value shifted = arith::AddFOp::create(b, loc, z, c(1.0));
        return arith::MulFOp::create(b, loc, c(0.5), shifted);
      })
      .Case([&](SoftplusOp) -> Value {
        // log1p(exp(x)) = max(x, 0) + log1p(exp(-|x|)): never overflows.
        Value zero = constantLike(b, loc, t, 0.0, 0);
        Value x = args[0];
        Value negAbs =
            arith::NegFOp::create(b, loc, math::AbsFOp::create(b, loc, x));
        Value tail = math::Log1pOp::create(
            b, loc, math::ExpOp::create(b, loc, negAbs));
        return arith::AddFOp::create(
            b, loc, arith::MaximumFOp::create(b, loc, x, zero), tail);
      })
      .Case([&](InvertOp) {
        Value allOnes = constantLike(b, loc, t, 0, -1);
        return arith::XOrIOp::create(b, loc, args[0], allOnes);
      })
      .Case([&](SecondOp) { return args[1]; })
      .Case([&](SwitchOp) {
        return arith::SelectOp::create(b, loc, args[0], args[1], args[2]);
      })
      .Case(
          [&](CastOp) { return buildScalarCast(b, loc, args[0], resultType); })
      .Default([&](Operation *) {
        return buildSpecialFunctionOp(b, loc, op, args);
      });
}
