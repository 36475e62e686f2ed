//===- TensorComplex.cpp - complex64 / complex128 tensors -----------------===//
//
// theano.tensor's complex support: arithmetic goes through the ordinary
// elementwise ops (their complex forms are in ComplexScalarBody.cpp); here
// are the functions that take a complex number apart or build one. As in
// Theano, real, imag, conj and angle accept real tensors too.
//
//===----------------------------------------------------------------------===//

#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"
#include "NumPy/TheanoDTypeRules.h"

#include "Th/IR/ThOps.h"
#include "Th/IR/ThTraits.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;

/// The complex dtype whose parts are `dtype` upgraded to a float.
static DType complexOf(DType dtype) {
  return numpy::theano::upgradeToFloat(dtype) == DType::Float32
             ? DType::Complex64
             : DType::Complex128;
}

TensorPtr TensorBuilder::complexUnary(UnaryKind kind, const TensorPtr &x,
                                      Location loc) {
  DType dtype = dtypeOf(x);
  Value v = x->value;
  if (!numpy::isComplex(dtype)) {
    switch (kind) {
    case UnaryKind::Real:
    case UnaryKind::Conj:
      return x;
    case UnaryKind::Imag:
      return zerosLike(x, loc);
    default: // angle(x) is atan2(0, x): 0 or pi.
      v = castValue(v, complexOf(dtype), loc);
      break;
    }
  }
  Value r;
  switch (kind) {
  case UnaryKind::Neg:
  case UnaryKind::Sqr:
  case UnaryKind::Exp:
  case UnaryKind::Log:
    return nullptr; // The ordinary op, on complex values.
  case UnaryKind::Abs:
    r = th::ComplexAbsOp::create(builder, loc, v);
    break;
  case UnaryKind::Real:
    r = th::RealOp::create(builder, loc, v);
    break;
  case UnaryKind::Imag:
    r = th::ImagOp::create(builder, loc, v);
    break;
  case UnaryKind::Angle:
    r = th::AngleOp::create(builder, loc, v);
    break;
  case UnaryKind::Conj:
    r = th::ConjOp::create(builder, loc, v);
    break;
  default:
    interp.error(loc, "this function of complex values is not supported by "
                      "tcc (complex tensors support + - * /, eq, neq, abs, "
                      "exp, log, real, imag, conj and angle)");
  }
  return wrap(r);
}

TensorPtr TensorBuilder::complexFromParts(const ObjectPtr &realObj,
                                          const ObjectPtr &imagObj,
                                          Location loc) {
  TensorPtr re = asTensor(realObj, loc), im = asTensor(imagObj, loc);
  DType a = dtypeOf(re), b = dtypeOf(im);
  if (numpy::isComplex(a) || numpy::isComplex(b))
    interp.error(loc, "complex: the real and imaginary parts must be real, "
                      "got " +
                          typeString(re->value.getType()) + " and " +
                          typeString(im->value.getType()));
  // Theano's complex: the parts' upcast, as a float.
  DType part = numpy::theano::upgradeToFloat(numpy::theano::upcast(a, b));
  int64_t rank = std::max(rankOf(re), rankOf(im));
  Value l = padRank(castValue(re->value, part, loc), rank, loc);
  Value r = padRank(castValue(im->value, part, loc), rank, loc);
  std::string why;
  SmallVector<ShapedType> types = {llvm::cast<ShapedType>(l.getType()),
                                   llvm::cast<ShapedType>(r.getType())};
  if (failed(th::broadcastShapes(types, &why)))
    interp.error(loc, "complex: the real and imaginary parts cannot be "
                      "broadcast together: " +
                          why);
  return wrap(th::ComplexOp::create(builder, loc, l, r));
}
