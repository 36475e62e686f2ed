//===- ComplexScalarBody.cpp - th elementwise ops on complex numbers ------===//
//
// The scalar bodies of the th ops that compute on complex64/complex128, as
// complex dialect ops (convert-complex-to-standard later expands division,
// the modulus, exp, log and sqrt with NumPy's care for overflow), and the
// casts to, from and between complex types.
//
//===----------------------------------------------------------------------===//

#include "Passes/ScalarBody.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

/// `value` (a float) as a float of type `to`.
static Value resizeFloat(OpBuilder &b, Location loc, Value value, Type to) {
  unsigned from = value.getType().getIntOrFloatBitWidth();
  if (from == to.getIntOrFloatBitWidth())
    return value;
  if (from < to.getIntOrFloatBitWidth())
    return arith::ExtFOp::create(b, loc, to, value);
  return arith::TruncFOp::create(b, loc, to, value);
}

/// NumPy's complex division (Smith's algorithm, as its loops compute it):
/// the larger part of the divisor is divided out first, so no
/// intermediate overflows where the quotient does not; dividing by zero
/// gives NumPy's infinities and NaNs. Both branches are computed and the
/// right one selected, which keeps the body branch-free for vectorization.
static Value buildDivision(OpBuilder &b, Location loc, Value x, Value y) {
  Type type = x.getType();
  Value ar = complex::ReOp::create(b, loc, x);
  Value ai = complex::ImOp::create(b, loc, x);
  Value br = complex::ReOp::create(b, loc, y);
  Value bi = complex::ImOp::create(b, loc, y);
  auto add = [&](Value l, Value r) {
    return arith::AddFOp::create(b, loc, l, r);
  };
  auto sub = [&](Value l, Value r) {
    return arith::SubFOp::create(b, loc, l, r);
  };
  auto mul = [&](Value l, Value r) {
    return arith::MulFOp::create(b, loc, l, r);
  };
  auto div = [&](Value l, Value r) {
    return arith::DivFOp::create(b, loc, l, r);
  };
  Value one =
      arith::ConstantOp::create(b, loc, FloatAttr::get(br.getType(), 1.0));
  Value zero =
      arith::ConstantOp::create(b, loc, FloatAttr::get(br.getType(), 0.0));
  Value absBr = math::AbsFOp::create(b, loc, br);
  Value absBi = math::AbsFOp::create(b, loc, bi);
  // |br| >= |bi|: rat = bi / br, scl = 1 / (br + bi * rat).
  Value rat1 = div(bi, br);
  Value scl1 = div(one, add(br, mul(bi, rat1)));
  Value re1 = mul(add(ar, mul(ai, rat1)), scl1);
  Value im1 = mul(sub(ai, mul(ar, rat1)), scl1);
  // Otherwise: rat = br / bi, scl = 1 / (bi + br * rat).
  Value rat2 = div(br, bi);
  Value scl2 = div(one, add(bi, mul(br, rat2)));
  Value re2 = mul(add(mul(ar, rat2), ai), scl2);
  Value im2 = mul(sub(mul(ai, rat2), ar), scl2);
  // A zero divisor: each part divided by |divisor part| (inf or NaN).
  Value re0 = div(ar, absBr);
  Value im0 = div(ai, absBi);
  Value first =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, absBr, absBi);
  Value isZero = arith::AndIOp::create(
      b, loc,
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, absBr, zero),
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, absBi, zero));
  auto pick = [&](Value zeroCase, Value firstCase, Value otherCase) {
    return arith::SelectOp::create(
        b, loc, isZero, zeroCase,
        arith::SelectOp::create(b, loc, first, firstCase, otherCase));
  };
  return complex::CreateOp::create(b, loc, type, pick(re0, re1, re2),
                                   pick(im0, im1, im2));
}

Value tcc::buildComplexCast(OpBuilder &b, Location loc, Value value, Type to) {
  auto fromComplex = dyn_cast<ComplexType>(value.getType());
  auto toComplex = dyn_cast<ComplexType>(to);
  if (fromComplex && toComplex) {
    // complex64 <-> complex128: each component.
    Type part = toComplex.getElementType();
    Value re = resizeFloat(b, loc, complex::ReOp::create(b, loc, value), part);
    Value im = resizeFloat(b, loc, complex::ImOp::create(b, loc, value), part);
    return complex::CreateOp::create(b, loc, to, re, im);
  }
  if (toComplex) {
    // A real number x becomes x + 0j.
    Type part = toComplex.getElementType();
    Value re = buildScalarCast(b, loc, value, part);
    Value zero = arith::ConstantOp::create(b, loc, FloatAttr::get(part, 0.0));
    return complex::CreateOp::create(b, loc, to, re, zero);
  }
  if (to.isInteger(1)) {
    // NumPy: true unless both parts are zero.
    Value zero = complex::ConstantOp::create(
        b, loc, fromComplex,
        b.getArrayAttr({FloatAttr::get(fromComplex.getElementType(), 0.0),
                        FloatAttr::get(fromComplex.getElementType(), 0.0)}));
    return complex::NotEqualOp::create(b, loc, value, zero);
  }
  // NumPy's astype to a real type keeps the real part.
  return buildScalarCast(b, loc, complex::ReOp::create(b, loc, value), to);
}

Value tcc::buildComplexScalarOp(OpBuilder &b, Location loc, Operation *op,
                                ValueRange args, Type resultType) {
  using namespace mlir::th;
  return llvm::TypeSwitch<Operation *, Value>(op)
      .Case([&](AddOp) {
        return complex::AddOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](SubOp) {
        return complex::SubOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](MulOp) {
        return complex::MulOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](TrueDivOp) { return buildDivision(b, loc, args[0], args[1]); })
      .Case([&](SqrOp) {
        return complex::MulOp::create(b, loc, args[0], args[0]);
      })
      .Case([&](NegOp) { return complex::NegOp::create(b, loc, args[0]); })
      .Case([&](ExpOp) { return complex::ExpOp::create(b, loc, args[0]); })
      .Case([&](LogOp) { return complex::LogOp::create(b, loc, args[0]); })
      .Case([&](EqOp) {
        return complex::EqualOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](NeqOp) {
        return complex::NotEqualOp::create(b, loc, args[0], args[1]);
      })
      .Case([&](RealOp) { return complex::ReOp::create(b, loc, args[0]); })
      .Case([&](ImagOp) { return complex::ImOp::create(b, loc, args[0]); })
      .Case([&](AngleOp) { return complex::AngleOp::create(b, loc, args[0]); })
      .Case(
          [&](ComplexAbsOp) { return complex::AbsOp::create(b, loc, args[0]); })
      .Case([&](ConjOp) { return complex::ConjOp::create(b, loc, args[0]); })
      .Case([&](ComplexOp) {
        return complex::CreateOp::create(b, loc, resultType, args[0], args[1]);
      })
      .Case([&](SecondOp) { return args[1]; })
      .Case([&](SwitchOp) {
        return arith::SelectOp::create(b, loc, args[0], args[1], args[2]);
      })
      .Case(
          [&](CastOp) { return buildScalarCast(b, loc, args[0], resultType); })
      .Default([](Operation *) { return Value(); });
}
