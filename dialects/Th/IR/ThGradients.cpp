//===- ThGradients.cpp - Vector-Jacobian products of th ops ---------------===//
//
// Each differentiable op's `buildVJP`, following Theano's `Op.grad`. The
// gradient with respect to an operand always has the operand's shape: where
// the operand was broadcast (a static 1 against a larger result dimension),
// the result gradient is summed over that dimension and the dimension kept.
//
//===----------------------------------------------------------------------===//

#include "Th/IR/ThOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace mlir::th;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static RankedTensorType tensorTypeOf(Value v) {
  return cast<RankedTensorType>(v.getType());
}

/// A scalar constant `c` of `like`'s element type, dimshuffled to its rank
/// (every dimension broadcastable), ready for an elementwise op with it.
static Value scalarLike(OpBuilder &b, Location loc, Value like, double c) {
  RankedTensorType type = tensorTypeOf(like);
  Type element = type.getElementType();
  auto scalarType = RankedTensorType::get({}, element);
  Attribute value;
  if (auto ft = dyn_cast<FloatType>(element))
    value = FloatAttr::get(ft, c);
  else
    value = IntegerAttr::get(element, static_cast<int64_t>(c));
  Value constant = ConstantOp::create(
      b, loc, DenseElementsAttr::get(scalarType, value));
  if (type.getRank() == 0)
    return constant;
  SmallVector<int64_t> pattern(type.getRank(), -1);
  return DimShuffleOp::create(b, loc, constant, pattern);
}

/// `value` converted to `like`'s element type.
static Value castLike(OpBuilder &b, Location loc, Value value, Value like) {
  Type element = tensorTypeOf(like).getElementType();
  RankedTensorType type = tensorTypeOf(value);
  if (type.getElementType() == element)
    return value;
  return CastOp::create(b, loc,
                        RankedTensorType::get(type.getShape(), element), value);
}

/// Sums `grad` over the dimensions where `operand` is broadcastable but the
/// gradient is not, keeping them as broadcastable dimensions (Theano's
/// `_reduce_to_shape`), so the result has the operand's shape.
static Value sumToOperand(OpBuilder &b, Location loc, Value grad,
                          Value operand) {
  RankedTensorType gradType = tensorTypeOf(grad);
  RankedTensorType opType = tensorTypeOf(operand);
  SmallVector<int64_t> axes;
  for (int64_t d = 0; d < opType.getRank(); ++d)
    if (opType.getDimSize(d) == 1 && gradType.getDimSize(d) != 1)
      axes.push_back(d);
  if (axes.empty())
    return grad;
  Value summed = SumOp::create(b, loc, grad, axes);
  SmallVector<int64_t> pattern;
  int64_t next = 0;
  for (int64_t d = 0; d < opType.getRank(); ++d)
    pattern.push_back(llvm::is_contained(axes, d) ? -1 : next++);
  return DimShuffleOp::create(b, loc, summed, pattern);
}

/// Inserts broadcastable dimensions at `axes` into the reduction result
/// `value` (the inverse of dropping them), for broadcasting against the
/// reduction's input.
static Value expandReduced(OpBuilder &b, Location loc, Value value,
                           ArrayRef<int64_t> axes, int64_t inputRank) {
  SmallVector<int64_t> pattern = keepDimsPattern(inputRank, axes);
  if (pattern.empty())
    return value;
  return DimShuffleOp::create(b, loc, value, pattern);
}

static bool isFloatTensor(Value v) {
  return isa<FloatType>(tensorTypeOf(v).getElementType());
}

/// Records that none of `count` operands gets a gradient (Theano gives
/// integer inputs none) and succeeds.
static LogicalResult noGradients(SmallVectorImpl<Value> &grads,
                                 unsigned count = 1) {
  grads.append(count, Value());
  return success();
}

/// `cond` (bool) as 0/1 in `like`'s element type.
static Value indicator(OpBuilder &b, Location loc, Value cond, Value like) {
  return castLike(b, loc, cond, like);
}

/// Records the gradients of a binary elementwise op, reduced to each
/// operand's shape; non-float operands get none.
static LogicalResult binaryGrads(OpBuilder &b, Location loc, Operation *op,
                                 Value gl, Value gr,
                                 SmallVectorImpl<Value> &grads) {
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  grads.push_back(gl && isFloatTensor(lhs) ? sumToOperand(b, loc, gl, lhs)
                                           : Value());
  grads.push_back(gr && isFloatTensor(rhs) ? sumToOperand(b, loc, gr, rhs)
                                           : Value());
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise arithmetic
//===----------------------------------------------------------------------===//

LogicalResult AddOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  return binaryGrads(b, getLoc(), *this, g, g, grads);
}

LogicalResult SubOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  return binaryGrads(b, getLoc(), *this, g, NegOp::create(b, getLoc(), g),
                     grads);
}

LogicalResult MulOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  Location loc = getLoc();
  return binaryGrads(b, loc, *this, MulOp::create(b, loc, g, getRhs()),
                     MulOp::create(b, loc, g, getLhs()), grads);
}

LogicalResult TrueDivOp::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  // d(x/y) = g/y, -g*x/(y*y)
  Location loc = getLoc();
  Value x = getLhs(), y = getRhs();
  Value gx = TrueDivOp::create(b, loc, g, y);
  Value gy = NegOp::create(
      b, loc,
      TrueDivOp::create(b, loc, MulOp::create(b, loc, g, x),
                        MulOp::create(b, loc, y, y)));
  return binaryGrads(b, loc, *this, gx, gy, grads);
}

LogicalResult IntDivOp::buildVJP(OpBuilder &b, Value g,
                                 SmallVectorImpl<Value> &grads) {
  // Theano: floor division is piecewise constant; its gradient is zero.
  Location loc = getLoc();
  Value zero = MulOp::create(b, loc, g, scalarLike(b, loc, g, 0.0));
  return binaryGrads(b, loc, *this, zero, zero, grads);
}

LogicalResult ModOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  // x % y = x - y * floor(x / y): g, -g * floor(x / y) (Theano's Mod.grad).
  Location loc = getLoc();
  Value floorDiv = IntDivOp::create(b, loc, getLhs(), getRhs());
  Value gy = NegOp::create(b, loc, MulOp::create(b, loc, g, floorDiv));
  return binaryGrads(b, loc, *this, g, gy, grads);
}

LogicalResult PowOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  // d(x**y) = g * y * x**(y-1), g * log(x) * x**y
  Location loc = getLoc();
  Value x = getLhs(), y = getRhs();
  Value ym1 = SubOp::create(b, loc, y, scalarLike(b, loc, y, 1.0));
  Value gx = MulOp::create(
      b, loc, MulOp::create(b, loc, g, y), PowOp::create(b, loc, x, ym1));
  Value gy;
  if (isFloatTensor(y))
    gy = MulOp::create(b, loc,
                       MulOp::create(b, loc, g, LogOp::create(b, loc, x)),
                       getResult());
  return binaryGrads(b, loc, *this, gx, gy, grads);
}

/// maximum/minimum: the gradient goes to every operand equal to the result
/// (both on a tie), as Theano's Maximum.grad does.
static LogicalResult selectGrads(OpBuilder &b, Location loc, Operation *op,
                                 Value g, SmallVectorImpl<Value> &grads) {
  Value result = op->getResult(0);
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  if (!isFloatTensor(result))
    return binaryGrads(b, loc, op, Value(), Value(), grads);
  Value gl = MulOp::create(
      b, loc, g, indicator(b, loc, EqOp::create(b, loc, result, lhs), g));
  Value gr = MulOp::create(
      b, loc, g, indicator(b, loc, EqOp::create(b, loc, result, rhs), g));
  return binaryGrads(b, loc, op, gl, gr, grads);
}

LogicalResult MaximumOp::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  return selectGrads(b, getLoc(), *this, g, grads);
}

LogicalResult MinimumOp::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  return selectGrads(b, getLoc(), *this, g, grads);
}

LogicalResult SecondOp::buildVJP(OpBuilder &b, Value g,
                                 SmallVectorImpl<Value> &grads) {
  // Only the values of rhs reach the result.
  return binaryGrads(b, getLoc(), *this, Value(), g, grads);
}

LogicalResult SwitchOp::buildVJP(OpBuilder &b, Value g,
                                 SmallVectorImpl<Value> &grads) {
  Location loc = getLoc();
  Value zero = scalarLike(b, loc, g, 0.0);
  grads.push_back(Value()); // the condition
  Value ift = getIft(), iff = getIff();
  grads.push_back(isFloatTensor(ift)
                      ? sumToOperand(b, loc,
                                     SwitchOp::create(b, loc, getCond(), g, zero),
                                     ift)
                      : Value());
  grads.push_back(isFloatTensor(iff)
                      ? sumToOperand(b, loc,
                                     SwitchOp::create(b, loc, getCond(), zero, g),
                                     iff)
                      : Value());
  return success();
}

//===----------------------------------------------------------------------===//
// Unary
//===----------------------------------------------------------------------===//

LogicalResult NegOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  grads.push_back(isFloatTensor(getInput()) ? Value(NegOp::create(b, getLoc(), g))
                                            : Value());
  return success();
}

LogicalResult AbsOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  // g * sgn(x), sgn(0) = 0.
  Location loc = getLoc();
  Value x = getInput();
  if (!isFloatTensor(x))
    return noGradients(grads);
  Value zero = scalarLike(b, loc, x, 0.0);
  Value sign = SubOp::create(
      b, loc, indicator(b, loc, GtOp::create(b, loc, x, zero), x),
      indicator(b, loc, LtOp::create(b, loc, x, zero), x));
  grads.push_back(MulOp::create(b, loc, g, sign));
  return success();
}

LogicalResult SqrOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  Location loc = getLoc();
  Value x = getInput();
  if (!isFloatTensor(x))
    return noGradients(grads);
  grads.push_back(MulOp::create(
      b, loc, MulOp::create(b, loc, g, scalarLike(b, loc, x, 2.0)), x));
  return success();
}

LogicalResult ExpOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  grads.push_back(MulOp::create(b, getLoc(), g, getResult()));
  return success();
}

LogicalResult Expm1Op::buildVJP(OpBuilder &b, Value g,
                                SmallVectorImpl<Value> &grads) {
  // d expm1(x) = exp(x) = expm1(x) + 1
  Location loc = getLoc();
  Value r = getResult();
  grads.push_back(MulOp::create(
      b, loc, g, AddOp::create(b, loc, r, scalarLike(b, loc, r, 1.0))));
  return success();
}

LogicalResult LogOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  grads.push_back(TrueDivOp::create(b, getLoc(), g, getInput()));
  return success();
}

LogicalResult Log1pOp::buildVJP(OpBuilder &b, Value g,
                                SmallVectorImpl<Value> &grads) {
  Location loc = getLoc();
  Value x = getInput();
  grads.push_back(TrueDivOp::create(
      b, loc, g, AddOp::create(b, loc, scalarLike(b, loc, x, 1.0), x)));
  return success();
}

LogicalResult SqrtOp::buildVJP(OpBuilder &b, Value g,
                               SmallVectorImpl<Value> &grads) {
  // g * 0.5 / sqrt(x)
  Location loc = getLoc();
  grads.push_back(TrueDivOp::create(
      b, loc, MulOp::create(b, loc, g, scalarLike(b, loc, g, 0.5)),
      getResult()));
  return success();
}

LogicalResult TanhOp::buildVJP(OpBuilder &b, Value g,
                               SmallVectorImpl<Value> &grads) {
  // g * (1 - tanh(x)**2)
  Location loc = getLoc();
  Value r = getResult();
  Value one = scalarLike(b, loc, r, 1.0);
  grads.push_back(MulOp::create(
      b, loc, g, SubOp::create(b, loc, one, MulOp::create(b, loc, r, r))));
  return success();
}

LogicalResult SinOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  grads.push_back(
      MulOp::create(b, getLoc(), g, CosOp::create(b, getLoc(), getInput())));
  return success();
}

LogicalResult CosOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  Location loc = getLoc();
  grads.push_back(NegOp::create(
      b, loc, MulOp::create(b, loc, g, SinOp::create(b, loc, getInput()))));
  return success();
}

LogicalResult TanOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  // g * (1 + tan(x)**2)
  Location loc = getLoc();
  Value r = getResult();
  grads.push_back(MulOp::create(
      b, loc, g,
      AddOp::create(b, loc, scalarLike(b, loc, r, 1.0),
                    MulOp::create(b, loc, r, r))));
  return success();
}

/// g / sqrt(sign1 * x**2 + c): the derivatives of arcsin (-1, 1),
/// arcsinh (1, 1) and arccosh (1, -1).
static Value overSqrtOfQuadratic(OpBuilder &b, Location loc, Value g, Value x,
                                 double sign, double c) {
  Value square = MulOp::create(b, loc, x, x);
  Value quadratic =
      sign < 0 ? Value(SubOp::create(b, loc, scalarLike(b, loc, x, c), square))
               : Value(AddOp::create(b, loc, square, scalarLike(b, loc, x, c)));
  return TrueDivOp::create(b, loc, g, SqrtOp::create(b, loc, quadratic));
}

LogicalResult ArcsinOp::buildVJP(OpBuilder &b, Value g,
                                 SmallVectorImpl<Value> &grads) {
  grads.push_back(overSqrtOfQuadratic(b, getLoc(), g, getInput(), -1, 1));
  return success();
}

LogicalResult ArccosOp::buildVJP(OpBuilder &b, Value g,
                                 SmallVectorImpl<Value> &grads) {
  grads.push_back(NegOp::create(
      b, getLoc(), overSqrtOfQuadratic(b, getLoc(), g, getInput(), -1, 1)));
  return success();
}

LogicalResult ArcsinhOp::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  grads.push_back(overSqrtOfQuadratic(b, getLoc(), g, getInput(), 1, 1));
  return success();
}

LogicalResult ArccoshOp::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  grads.push_back(overSqrtOfQuadratic(b, getLoc(), g, getInput(), 1, -1));
  return success();
}

/// g / (c + sign * x**2): arctan (1 + x**2), arctanh (1 - x**2).
static Value overQuadratic(OpBuilder &b, Location loc, Value g, Value x,
                           double sign) {
  Value square = MulOp::create(b, loc, x, x);
  Value one = scalarLike(b, loc, x, 1.0);
  Value quadratic = sign < 0 ? Value(SubOp::create(b, loc, one, square))
                             : Value(AddOp::create(b, loc, one, square));
  return TrueDivOp::create(b, loc, g, quadratic);
}

LogicalResult ArctanOp::buildVJP(OpBuilder &b, Value g,
                                 SmallVectorImpl<Value> &grads) {
  grads.push_back(overQuadratic(b, getLoc(), g, getInput(), 1));
  return success();
}

LogicalResult ArctanhOp::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  grads.push_back(overQuadratic(b, getLoc(), g, getInput(), -1));
  return success();
}

LogicalResult SinhOp::buildVJP(OpBuilder &b, Value g,
                               SmallVectorImpl<Value> &grads) {
  grads.push_back(
      MulOp::create(b, getLoc(), g, CoshOp::create(b, getLoc(), getInput())));
  return success();
}

LogicalResult CoshOp::buildVJP(OpBuilder &b, Value g,
                               SmallVectorImpl<Value> &grads) {
  grads.push_back(
      MulOp::create(b, getLoc(), g, SinhOp::create(b, getLoc(), getInput())));
  return success();
}

LogicalResult Exp2Op::buildVJP(OpBuilder &b, Value g,
                               SmallVectorImpl<Value> &grads) {
  // g * 2**x * ln 2
  Location loc = getLoc();
  Value r = getResult();
  grads.push_back(MulOp::create(
      b, loc, MulOp::create(b, loc, g, r),
      scalarLike(b, loc, r, 0.69314718055994530942)));
  return success();
}

/// g / (x * ln(base)): the derivative of log2 and log10.
static Value overXTimes(OpBuilder &b, Location loc, Value g, Value x,
                        double logBase) {
  return TrueDivOp::create(
      b, loc, g, MulOp::create(b, loc, x, scalarLike(b, loc, x, logBase)));
}

LogicalResult Log2Op::buildVJP(OpBuilder &b, Value g,
                               SmallVectorImpl<Value> &grads) {
  grads.push_back(
      overXTimes(b, getLoc(), g, getInput(), 0.69314718055994530942));
  return success();
}

LogicalResult Log10Op::buildVJP(OpBuilder &b, Value g,
                                SmallVectorImpl<Value> &grads) {
  grads.push_back(
      overXTimes(b, getLoc(), g, getInput(), 2.30258509299404568402));
  return success();
}

/// g * 2/sqrt(pi) * exp(-x**2), the derivative of erf (erfc's is minus it).
static Value erfDerivative(OpBuilder &b, Location loc, Value g, Value x) {
  Value gauss =
      ExpOp::create(b, loc, NegOp::create(b, loc, MulOp::create(b, loc, x, x)));
  return MulOp::create(
      b, loc, MulOp::create(b, loc, g, scalarLike(b, loc, x, 1.12837916709551257390)),
      gauss);
}

LogicalResult ErfOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  grads.push_back(erfDerivative(b, getLoc(), g, getInput()));
  return success();
}

LogicalResult ErfcOp::buildVJP(OpBuilder &b, Value g,
                               SmallVectorImpl<Value> &grads) {
  grads.push_back(
      NegOp::create(b, getLoc(), erfDerivative(b, getLoc(), g, getInput())));
  return success();
}

/// g * f'(x) where f' = sqrt(pi)/2 exp(y**2) for y = erfinv(x) (or minus
/// that for y = erfcinv(x)), the inverse's derivative 1 / erf'(y).
static Value inverseErfDerivative(OpBuilder &b, Location loc, Value g,
                                  Value y, double sign) {
  Value scale = scalarLike(b, loc, y, sign * 0.88622692545275801365);
  return MulOp::create(b, loc, MulOp::create(b, loc, g, scale),
                       ExpOp::create(b, loc, MulOp::create(b, loc, y, y)));
}

LogicalResult ErfinvOp::buildVJP(OpBuilder &b, Value g,
                                 SmallVectorImpl<Value> &grads) {
  grads.push_back(inverseErfDerivative(b, getLoc(), g, getResult(), 1.0));
  return success();
}

LogicalResult ErfcinvOp::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  grads.push_back(inverseErfDerivative(b, getLoc(), g, getResult(), -1.0));
  return success();
}

LogicalResult ErfcxOp::buildVJP(OpBuilder &b, Value g,
                                SmallVectorImpl<Value> &grads) {
  // erfcx'(x) = 2 x erfcx(x) - 2/sqrt(pi).
  Location loc = getLoc();
  Value x = getInput();
  Value twoX = MulOp::create(b, loc, scalarLike(b, loc, x, 2.0), x);
  Value slope =
      SubOp::create(b, loc, MulOp::create(b, loc, twoX, getResult()),
                    scalarLike(b, loc, x, 1.12837916709551257390));
  grads.push_back(MulOp::create(b, loc, g, slope));
  return success();
}

LogicalResult GammaOp::buildVJP(OpBuilder &b, Value g,
                                SmallVectorImpl<Value> &grads) {
  // gamma'(x) = gamma(x) psi(x).
  Location loc = getLoc();
  grads.push_back(MulOp::create(b, loc, MulOp::create(b, loc, g, getResult()),
                                PsiOp::create(b, loc, getInput())));
  return success();
}

/// g * D(x), for an op whose derivative is the op D.
template <typename DerivativeOp>
static LogicalResult timesDerivativeOp(OpBuilder &b, Location loc, Value g,
                                       Value x, SmallVectorImpl<Value> &grads) {
  grads.push_back(MulOp::create(b, loc, g, DerivativeOp::create(b, loc, x)));
  return success();
}

LogicalResult GammaLnOp::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  return timesDerivativeOp<PsiOp>(b, getLoc(), g, getInput(), grads);
}

LogicalResult PsiOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  return timesDerivativeOp<TriGammaOp>(b, getLoc(), g, getInput(), grads);
}

LogicalResult Arctan2Op::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  // atan2(y, x): g x / (x**2 + y**2) for y, -g y / (x**2 + y**2) for x.
  Location loc = getLoc();
  Value y = getLhs(), x = getRhs();
  Value norm = AddOp::create(b, loc, MulOp::create(b, loc, x, x),
                             MulOp::create(b, loc, y, y));
  Value gy = TrueDivOp::create(b, loc, MulOp::create(b, loc, g, x), norm);
  Value gx = NegOp::create(
      b, loc, TrueDivOp::create(b, loc, MulOp::create(b, loc, g, y), norm));
  return binaryGrads(b, loc, *this, gy, gx, grads);
}

/// Zeros of x's type: the gradient of the piecewise-constant ops (floor,
/// ceil, round, sgn), as Theano gives it; none for integer x.
static LogicalResult zeroGradient(OpBuilder &b, Location loc, Value x,
                                  SmallVectorImpl<Value> &grads) {
  if (!isFloatTensor(x))
    return noGradients(grads);
  grads.push_back(SecondOp::create(b, loc, x, scalarLike(b, loc, x, 0.0)));
  return success();
}

LogicalResult FloorOp::buildVJP(OpBuilder &b, Value,
                                SmallVectorImpl<Value> &grads) {
  return zeroGradient(b, getLoc(), getInput(), grads);
}

LogicalResult CeilOp::buildVJP(OpBuilder &b, Value,
                               SmallVectorImpl<Value> &grads) {
  return zeroGradient(b, getLoc(), getInput(), grads);
}

LogicalResult TruncOp::buildVJP(OpBuilder &b, Value,
                                SmallVectorImpl<Value> &grads) {
  return zeroGradient(b, getLoc(), getInput(), grads);
}

LogicalResult RoundHalfToEvenOp::buildVJP(OpBuilder &b, Value,
                                          SmallVectorImpl<Value> &grads) {
  return zeroGradient(b, getLoc(), getInput(), grads);
}

LogicalResult RoundHalfAwayFromZeroOp::buildVJP(OpBuilder &b, Value,
                                                SmallVectorImpl<Value> &grads) {
  return zeroGradient(b, getLoc(), getInput(), grads);
}

LogicalResult SgnOp::buildVJP(OpBuilder &b, Value,
                              SmallVectorImpl<Value> &grads) {
  return zeroGradient(b, getLoc(), getInput(), grads);
}

/// g * y * (1 - y): the logistic function's derivative from its value y.
static Value logisticGrad(OpBuilder &b, Location loc, Value g, Value y) {
  Value one = scalarLike(b, loc, y, 1.0);
  return MulOp::create(b, loc, MulOp::create(b, loc, g, y),
                       SubOp::create(b, loc, one, y));
}

LogicalResult SigmoidOp::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  grads.push_back(logisticGrad(b, getLoc(), g, getResult()));
  return success();
}

LogicalResult UltraFastSigmoidOp::buildVJP(OpBuilder &b, Value g,
                                           SmallVectorImpl<Value> &grads) {
  // Theano's: the sigmoid's formula applied to the approximation itself.
  grads.push_back(logisticGrad(b, getLoc(), g, getResult()));
  return success();
}

LogicalResult SoftplusOp::buildVJP(OpBuilder &b, Value g,
                                   SmallVectorImpl<Value> &grads) {
  return timesDerivativeOp<SigmoidOp>(b, getLoc(), g, getInput(), grads);
}

LogicalResult CastOp::buildVJP(OpBuilder &b, Value g,
                               SmallVectorImpl<Value> &grads) {
  // Back to the input's dtype; integer inputs get no gradient (Theano).
  Value x = getInput();
  grads.push_back(isFloatTensor(x) && isFloatTensor(getResult())
                      ? castLike(b, getLoc(), g, x)
                      : Value());
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// g broadcast back over the reduced axes to the input's shape.
static Value broadcastToInput(OpBuilder &b, Location loc, Value g,
                              Value input, ArrayRef<int64_t> axes) {
  int64_t rank = tensorTypeOf(input).getRank();
  Value expanded = expandReduced(b, loc, g, axes, rank);
  return SecondOp::create(b, loc, input, expanded);
}

LogicalResult SumOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  Value x = getInput();
  grads.push_back(isFloatTensor(x)
                      ? broadcastToInput(b, getLoc(), g, x, getAxes())
                      : Value());
  return success();
}

LogicalResult MeanOp::buildVJP(OpBuilder &b, Value g,
                               SmallVectorImpl<Value> &grads) {
  // The sum's gradient divided by the number of reduced elements.
  Location loc = getLoc();
  Value x = getInput();
  Value count;
  for (int64_t axis : getAxes()) {
    Value size = ShapeIOp::create(b, loc, x, axis);
    count = count ? Value(MulOp::create(b, loc, count, size)) : size;
  }
  Value spread = broadcastToInput(b, loc, g, x, getAxes());
  if (!count) {
    grads.push_back(spread);
    return success();
  }
  Value countF = castLike(b, loc, count, g);
  int64_t rank = tensorTypeOf(x).getRank();
  if (rank > 0)
    countF = DimShuffleOp::create(b, loc, countF,
                                  SmallVector<int64_t>(rank, -1));
  grads.push_back(TrueDivOp::create(b, loc, spread, countF));
  return success();
}

LogicalResult ProdOp::buildVJP(OpBuilder &b, Value g,
                               SmallVectorImpl<Value> &grads) {
  // Theano's Prod.grad with zeros allowed: with no zero in the reduced
  // block, g * prod / x; with exactly one, the zero's element gets g times
  // the product of the others and the rest get 0; with more, all get 0.
  Location loc = getLoc();
  Value x = getInput();
  if (!isFloatTensor(x))
    return noGradients(grads);
  ArrayRef<int64_t> axes = getAxes();
  int64_t rank = tensorTypeOf(x).getRank();
  auto expand = [&](Value v) { return expandReduced(b, loc, v, axes, rank); };
  Value zero = scalarLike(b, loc, x, 0.0), one = scalarLike(b, loc, x, 1.0);
  Value isZero = EqOp::create(b, loc, x, zero);
  Value numZeros =
      expand(SumOp::create(b, loc, indicator(b, loc, isZero, x), axes));
  Value gx = expand(g);
  Value withoutZeros = expand(
      ProdOp::create(b, loc, SwitchOp::create(b, loc, isZero, one, x), axes));
  Value noZero = EqOp::create(b, loc, numZeros, scalarLike(b, loc, numZeros, 0));
  Value theZero = AndOp::create(
      b, loc, EqOp::create(b, loc, numZeros, scalarLike(b, loc, numZeros, 1)),
      isZero);
  Value caseNone = TrueDivOp::create(
      b, loc, MulOp::create(b, loc, gx, expand(getResult())), x);
  Value caseOne = SwitchOp::create(
      b, loc, theZero, MulOp::create(b, loc, gx, withoutZeros), zero);
  grads.push_back(SwitchOp::create(b, loc, noZero, caseNone, caseOne));
  return success();
}

/// max/min: the gradient goes to every element equal to the extremum (all
/// of them on a tie), as Theano's Max.grad does.
static LogicalResult extremumGrad(OpBuilder &b, Location loc, Value input,
                                  Value result, ArrayRef<int64_t> axes,
                                  Value g, SmallVectorImpl<Value> &grads) {
  if (!isFloatTensor(input))
    return noGradients(grads);
  int64_t rank = tensorTypeOf(input).getRank();
  Value r = expandReduced(b, loc, result, axes, rank);
  Value ge = expandReduced(b, loc, g, axes, rank);
  Value hit = indicator(b, loc, EqOp::create(b, loc, input, r), input);
  grads.push_back(MulOp::create(b, loc, hit, ge));
  return success();
}

LogicalResult MaxOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  return extremumGrad(b, getLoc(), getInput(), getResult(), getAxes(), g,
                      grads);
}

LogicalResult MinOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  return extremumGrad(b, getLoc(), getInput(), getResult(), getAxes(), g,
                      grads);
}

LogicalResult SoftmaxOp::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  // (g - sum(g * s, axis)) * s
  Location loc = getLoc();
  Value s = getResult();
  SmallVector<int64_t, 1> axes = {static_cast<int64_t>(getAxis())};
  int64_t rank = tensorTypeOf(s).getRank();
  Value dot = expandReduced(
      b, loc, SumOp::create(b, loc, MulOp::create(b, loc, g, s), axes), axes,
      rank);
  grads.push_back(MulOp::create(b, loc, SubOp::create(b, loc, g, dot), s));
  return success();
}

LogicalResult LogSoftmaxOp::buildVJP(OpBuilder &b, Value g,
                                     SmallVectorImpl<Value> &grads) {
  // g - softmax(x) * sum(g, axis), with softmax(x) = exp(log_softmax(x))
  Location loc = getLoc();
  SmallVector<int64_t, 1> axes = {static_cast<int64_t>(getAxis())};
  int64_t rank = tensorTypeOf(g).getRank();
  Value total =
      expandReduced(b, loc, SumOp::create(b, loc, g, axes), axes, rank);
  Value softmax = ExpOp::create(b, loc, getResult());
  grads.push_back(
      SubOp::create(b, loc, g, MulOp::create(b, loc, softmax, total)));
  return success();
}

LogicalResult CumSumOp::buildVJP(OpBuilder &b, Value g,
                                 SmallVectorImpl<Value> &grads) {
  // Each input element adds to every later total: the gradient sums g from
  // the other end.
  if (!isFloatTensor(getInput())) {
    grads.push_back(Value());
    return success();
  }
  grads.push_back(
      CumSumOp::create(b, getLoc(), g.getType(), g, getAxis(), !getReverse()));
  return success();
}

LogicalResult CumProdOp::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  // Theano's: cumsum(g * cumprod(x)) from the other end, divided by x (so
  // a zero in x gives a non-finite gradient, as in Theano).
  Location loc = getLoc();
  Value x = getInput();
  if (!isFloatTensor(x)) {
    grads.push_back(Value());
    return success();
  }
  Value weighted = MulOp::create(b, loc, g, getResult());
  Value sums = CumSumOp::create(b, loc, g.getType(), weighted, getAxis(),
                                !getReverse());
  grads.push_back(TrueDivOp::create(b, loc, sums, x));
  return success();
}

//===----------------------------------------------------------------------===//
// dot and dimshuffle
//===----------------------------------------------------------------------===//

LogicalResult DotOp::buildVJP(OpBuilder &b, Value g,
                              SmallVectorImpl<Value> &grads) {
  Location loc = getLoc();
  Value x = getLhs(), y = getRhs();
  if (!isFloatTensor(x))
    return noGradients(grads, 2);
  int64_t xr = tensorTypeOf(x).getRank(), yr = tensorTypeOf(y).getRank();
  auto transpose = [&](Value m) {
    return DimShuffleOp::create(b, loc, m, ArrayRef<int64_t>{1, 0});
  };
  /// u (n) and v (m) -> the n x m outer product, as a dot of (n,1) and (1,m).
  auto outer = [&](Value u, Value v) {
    return DotOp::create(b, loc,
                         DimShuffleOp::create(b, loc, u, ArrayRef<int64_t>{0, -1}),
                         DimShuffleOp::create(b, loc, v, ArrayRef<int64_t>{-1, 0}));
  };
  if (xr == 1 && yr == 1) {
    // g is a scalar: g*y, g*x.
    Value gv = DimShuffleOp::create(b, loc, g, ArrayRef<int64_t>{-1});
    grads.push_back(MulOp::create(b, loc, gv, y));
    grads.push_back(MulOp::create(b, loc, gv, x));
  } else if (xr == 2 && yr == 1) {
    // x (m,n) . y (n) -> (m): outer(g, y), and x.T . g computed as g . x
    // (a vector-matrix product: no transposed copy of x).
    grads.push_back(outer(g, y));
    grads.push_back(DotOp::create(b, loc, g, x));
  } else if (xr == 1 && yr == 2) {
    // x (n) . y (n,m) -> (m): y . g, outer(x, g)
    grads.push_back(DotOp::create(b, loc, y, g));
    grads.push_back(outer(x, g));
  } else {
    // x (m,n) . y (n,k): g . y.T, x.T . g
    grads.push_back(DotOp::create(b, loc, g, transpose(y)));
    grads.push_back(DotOp::create(b, loc, transpose(x), g));
  }
  return success();
}

LogicalResult DimShuffleOp::buildVJP(OpBuilder &b, Value g,
                                     SmallVectorImpl<Value> &grads) {
  // The inverse shuffle: drop the inserted (size-1) dimensions, put the
  // others back, and re-insert dropped (broadcastable) input dimensions.
  Value x = getInput();
  if (!isFloatTensor(x))
    return noGradients(grads);
  ArrayRef<int64_t> pattern = getPattern();
  SmallVector<int64_t> inverse;
  for (int64_t i = 0; i < tensorTypeOf(x).getRank(); ++i) {
    const int64_t *pos = llvm::find(pattern, i);
    inverse.push_back(pos == pattern.end() ? -1 : pos - pattern.begin());
  }
  grads.push_back(DimShuffleOp::create(b, getLoc(), g, inverse));
  return success();
}

LogicalResult RebroadcastOp::buildVJP(OpBuilder &b, Value g,
                                      SmallVectorImpl<Value> &grads) {
  // Theano: the gradient rebroadcast back to the input's pattern.
  Value x = getInput();
  if (!isFloatTensor(x))
    return noGradients(grads);
  grads.push_back(RebroadcastOp::create(b, getLoc(), x.getType(), g));
  return success();
}

LogicalResult GradientStopOp::buildVJP(OpBuilder &b, Value g,
                                       SmallVectorImpl<Value> &grads) {
  // zero_grad: zeros of the input's shape; disconnected_grad: nothing.
  if (getDisconnected() || !isFloatTensor(getInput())) {
    grads.push_back(Value());
    return success();
  }
  Location loc = getLoc();
  grads.push_back(SecondOp::create(b, loc, getInput(),
                                   scalarLike(b, loc, getInput(), 0.0)));
  return success();
}

//===----------------------------------------------------------------------===//
// join
//===----------------------------------------------------------------------===//

LogicalResult JoinOp::buildVJP(OpBuilder &b, Value g,
                               SmallVectorImpl<Value> &grads) {
  // Each input gets the slice of g it became (Theano's Join.grad: Split).
  for (auto [index, input] : llvm::enumerate(getInputs()))
    grads.push_back(isFloatTensor(input)
                        ? Value(JoinPieceOp::create(b, getLoc(), g,
                                                    getInputs(), getAxis(),
                                                    index))
                        : Value());
  return success();
}

LogicalResult JoinPieceOp::buildVJP(OpBuilder &b, Value g,
                                    SmallVectorImpl<Value> &grads) {
  // The piece's gradient joined with zeros of the other pieces' shapes; the
  // pieces only give the slice its bounds.
  Location loc = getLoc();
  if (!isFloatTensor(getInput()))
    return noGradients(grads, 1 + getPieces().size());
  SmallVector<Value> parts;
  for (auto [index, piece] : llvm::enumerate(getPieces()))
    parts.push_back(static_cast<int64_t>(index) == getIndex()
                        ? g
                        : Value(SecondOp::create(b, loc, piece,
                                                 scalarLike(b, loc, g, 0.0))));
  grads.push_back(JoinOp::create(b, loc, parts, getAxis()));
  grads.append(getPieces().size(), Value());
  return success();
}

//===----------------------------------------------------------------------===//
// alloc
//===----------------------------------------------------------------------===//

LogicalResult AllocOp::buildVJP(OpBuilder &b, Value g,
                                SmallVectorImpl<Value> &grads) {
  // Every element is the value: its gradient is the sum of g; the sizes
  // get none.
  Value value = getValue();
  int64_t rank = tensorTypeOf(g).getRank();
  Value total = g;
  if (rank > 0)
    total = SumOp::create(b, getLoc(), g,
                          llvm::to_vector(llvm::seq<int64_t>(0, rank)));
  grads.push_back(isFloatTensor(value) ? total : Value());
  grads.append(getSizes().size(), Value());
  return success();
}

//===----------------------------------------------------------------------===//
// reshape and indexing
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::buildVJP(OpBuilder &b, Value g,
                                  SmallVectorImpl<Value> &grads) {
  // g in the input's shape.
  Value x = getInput();
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < tensorTypeOf(x).getRank(); ++d)
    sizes.push_back(ShapeIOp::create(b, getLoc(), x, d));
  grads.push_back(ReshapeOp::create(b, getLoc(), x.getType(), g, sizes));
  grads.append(getSizes().size(), Value());
  return success();
}

/// The index list of `op`, for building its gradient's subtensor ops.
template <typename OpT> static IndexList indexListOf(OpT op) {
  return IndexList{llvm::to_vector(op.getStarts()),
                   llvm::to_vector(op.getStops()),
                   llvm::to_vector(op.getSteps()),
                   llvm::to_vector<4>(op.getDynamic())};
}

LogicalResult SubtensorOp::buildVJP(OpBuilder &b, Value g,
                                    SmallVectorImpl<Value> &grads) {
  // g added into zeros of the input's shape (Theano's IncSubtensor).
  Value x = getInput();
  Location loc = getLoc();
  Value zeros = SecondOp::create(b, loc, x, scalarLike(b, loc, x, 0.0));
  grads.push_back(IncSubtensorOp::create(b, loc, zeros, g, indexListOf(*this)));
  grads.append(getDynamic().size(), Value());
  return success();
}

/// The region of g an inc/set op's value went to, summed over the
/// dimensions the value was broadcast along: the value's gradient.
static Value sumRegionToValue(OpBuilder &b, Location loc, Value region,
                              Value value) {
  int64_t extra = tensorTypeOf(region).getRank() - tensorTypeOf(value).getRank();
  if (extra > 0)
    region = SumOp::create(b, loc, region,
                           llvm::to_vector(llvm::seq<int64_t>(0, extra)));
  return sumToOperand(b, loc, region, value);
}

/// A scalar zero of g's element type, the value set_subtensor's gradient
/// writes over the overwritten region.
static Value zeroScalarLike(OpBuilder &b, Location loc, Value g) {
  Type element = tensorTypeOf(g).getElementType();
  return ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(RankedTensorType::get({}, element),
                             b.getZeroAttr(element)));
}

/// The gradient of an inc/set_subtensor's value.
template <typename OpT>
static Value subtensorValueGrad(OpBuilder &b, OpT op, Value g) {
  Location loc = op.getLoc();
  return sumRegionToValue(b, loc, SubtensorOp::create(b, loc, g, indexListOf(op)),
                          op.getValue());
}

LogicalResult IncSubtensorOp::buildVJP(OpBuilder &b, Value g,
                                       SmallVectorImpl<Value> &grads) {
  grads.push_back(isFloatTensor(getInput()) ? g : Value());
  grads.push_back(isFloatTensor(getValue()) ? subtensorValueGrad(b, *this, g)
                                            : Value());
  grads.append(getDynamic().size(), Value());
  return success();
}

LogicalResult SetSubtensorOp::buildVJP(OpBuilder &b, Value g,
                                       SmallVectorImpl<Value> &grads) {
  // The overwritten region gets no gradient.
  Location loc = getLoc();
  Value zero = zeroScalarLike(b, loc, g);
  grads.push_back(isFloatTensor(getInput())
                      ? Value(SetSubtensorOp::create(b, loc, g, zero,
                                                     indexListOf(*this)))
                      : Value());
  grads.push_back(isFloatTensor(getValue()) ? subtensorValueGrad(b, *this, g)
                                            : Value());
  grads.append(getDynamic().size(), Value());
  return success();
}

//===----------------------------------------------------------------------===//
// advanced indexing
//===----------------------------------------------------------------------===//

/// `x[indices]` at `axes`, for the gradients below.
static Value advancedSubtensor(OpBuilder &b, Location loc, Value x,
                               ValueRange indices, ArrayRef<int64_t> axes) {
  auto type = tensorTypeOf(x);
  std::string why;
  FailureOr<AdvancedLayout> layout =
      getAdvancedLayout(type, indices.getTypes(), axes, why);
  assert(succeeded(layout) && "the op's own index arrays");
  return AdvancedSubtensorOp::create(b, loc,
                                     getAdvancedResultType(type, *layout), x,
                                     indices, axes);
}

LogicalResult AdvancedSubtensorOp::buildVJP(OpBuilder &b, Value g,
                                            SmallVectorImpl<Value> &grads) {
  // g scattered into zeros of the input's shape, repeated indices adding
  // up (Theano's AdvancedIncSubtensor).
  Value x = getInput();
  Location loc = getLoc();
  Value zeros = SecondOp::create(b, loc, x, scalarLike(b, loc, x, 0.0));
  grads.push_back(AdvancedIncSubtensorOp::create(
      b, loc, x.getType(), zeros, g, getIndices(), getAxes()));
  grads.append(getIndices().size(), Value());
  return success();
}

/// The gradient of an advanced inc/set's value: g at the indices, summed
/// over the dimensions the value was broadcast along.
template <typename OpT>
static Value advancedValueGrad(OpBuilder &b, OpT op, Value g) {
  Location loc = op.getLoc();
  return sumRegionToValue(
      b, loc, advancedSubtensor(b, loc, g, op.getIndices(), op.getAxes()),
      op.getValue());
}

LogicalResult AdvancedIncSubtensorOp::buildVJP(OpBuilder &b, Value g,
                                               SmallVectorImpl<Value> &grads) {
  grads.push_back(isFloatTensor(getInput()) ? g : Value());
  grads.push_back(isFloatTensor(getValue()) ? advancedValueGrad(b, *this, g)
                                            : Value());
  grads.append(getIndices().size(), Value());
  return success();
}

LogicalResult AdvancedSetSubtensorOp::buildVJP(OpBuilder &b, Value g,
                                               SmallVectorImpl<Value> &grads) {
  // The overwritten elements get no gradient.
  Location loc = getLoc();
  Value zero = zeroScalarLike(b, loc, g);
  grads.push_back(isFloatTensor(getInput())
                      ? Value(AdvancedSetSubtensorOp::create(
                            b, loc, g.getType(), g, zero, getIndices(),
                            getAxes()))
                      : Value());
  grads.push_back(isFloatTensor(getValue()) ? advancedValueGrad(b, *this, g)
                                            : Value());
  grads.append(getIndices().size(), Value());
  return success();
}

//===----------------------------------------------------------------------===//
// ifelse
//===----------------------------------------------------------------------===//

LogicalResult IfElseOp::buildVJP(OpBuilder &b, Value g,
                                 SmallVectorImpl<Value> &grads) {
  // g goes to the branch taken, zeros to the other (Theano's IfElse grad).
  Location loc = getLoc();
  grads.push_back(Value());
  for (bool isThen : {true, false}) {
    Value branch = isThen ? getThenValue() : getElseValue();
    if (!isFloatTensor(branch)) {
      grads.push_back(Value());
      continue;
    }
    if (branch.getType() != g.getType())
      return emitOpError("the gradient through branches of different static "
                         "shapes is not supported by tcc yet");
    Value zeros = SecondOp::create(b, loc, branch, scalarLike(b, loc, branch, 0.0));
    grads.push_back(IfElseOp::create(b, loc, g.getType(), getCond(),
                                     isThen ? g : zeros, isThen ? zeros : g));
  }
  return success();
}
