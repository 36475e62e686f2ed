//===- TensorBuilder.cpp - Theano's tensor operations as th ops -----------===//

#include "Eval/TensorBuilder.h"

#include "Eval/ArrayAttr.h"
#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "NumPy/TheanoDTypeRules.h"

#include "Th/IR/ThOps.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;

TensorBuilder::TensorBuilder(Interpreter &interp, MLIRContext &context)
    : interp(interp), context(context), builder(&context) {
  output = ModuleOp::create(UnknownLoc::get(&context));
  graph = ModuleOp::create(UnknownLoc::get(&context));
  builder.setInsertionPointToEnd(&getGraph());
}

TensorBuilder::~TensorBuilder() = default;

OwningOpRef<ModuleOp> TensorBuilder::takeOutputModule() {
  return std::move(output);
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

Type TensorBuilder::elementType(DType dtype, Location loc) {
  // bool is i1, signed integers signless, unsigned ones ui8...ui64.
  if (dtype == DType::Bool)
    return builder.getI1Type();
  if (numpy::isInteger(dtype))
    return IntegerType::get(&context, 8 * numpy::dtypeSize(dtype),
                            numpy::isUnsignedInteger(dtype)
                                ? IntegerType::Unsigned
                                : IntegerType::Signless);
  if (dtype == DType::Float32)
    return builder.getF32Type();
  if (dtype == DType::Float64)
    return builder.getF64Type();
  if (dtype == DType::Complex64)
    return ComplexType::get(builder.getF32Type());
  if (dtype == DType::Complex128)
    return ComplexType::get(builder.getF64Type());
  interp.error(loc, llvm::Twine("dtype '") + numpy::dtypeName(dtype).data() +
                        "' is not supported by tcc yet (supported: bool, "
                        "int8, int16, int32, int64, uint8, uint16, uint32, "
                        "uint64, float32, float64, complex64, complex128)");
}

DType TensorBuilder::dtypeOf(Type t) {
  if (auto complex = dyn_cast<ComplexType>(t))
    return complex.getElementType().isF32() ? DType::Complex64
                                            : DType::Complex128;
  if (t.isF32())
    return DType::Float32;
  if (t.isF64())
    return DType::Float64;
  if (t.isInteger(1))
    return DType::Bool;
  for (DType d : numpy::kAllDTypes)
    if (numpy::isInteger(d) &&
        numpy::isUnsignedInteger(d) == t.isUnsignedInteger() &&
        8 * numpy::dtypeSize(d) == t.getIntOrFloatBitWidth())
      return d;
  llvm_unreachable("not a th element type");
}

DType TensorBuilder::dtypeOf(const TensorPtr &t) {
  return dtypeOf(
      llvm::cast<RankedTensorType>(t->value.getType()).getElementType());
}

int64_t TensorBuilder::rankOf(const TensorPtr &t) {
  return llvm::cast<RankedTensorType>(t->value.getType()).getRank();
}

std::vector<bool> TensorBuilder::broadcastableOf(const TensorPtr &t) {
  std::vector<bool> result;
  for (int64_t d : llvm::cast<RankedTensorType>(t->value.getType()).getShape())
    result.push_back(d == 1);
  return result;
}

std::string TensorBuilder::typeString(Type type) {
  auto t = llvm::cast<RankedTensorType>(type);
  std::string kind;
  std::vector<bool> b;
  for (int64_t d : t.getShape())
    b.push_back(d == 1);
  if (b.empty())
    kind = "scalar";
  else if (b == std::vector<bool>{false})
    kind = "vector";
  else if (b == std::vector<bool>{false, false})
    kind = "matrix";
  else if (b == std::vector<bool>{true, false})
    kind = "row";
  else if (b == std::vector<bool>{false, true})
    kind = "col";
  else {
    kind = "(";
    for (size_t i = 0; i < b.size(); ++i)
      kind += std::string(i ? ", " : "") + (b[i] ? "True" : "False");
    kind += b.size() == 1 ? ",)" : ")";
  }
  return llvm::formatv("TensorType({0}, {1})",
                       numpy::dtypeName(dtypeOf(t.getElementType())), kind);
}

static RankedTensorType tensorType(Type element,
                                   const std::vector<bool> &broadcastable) {
  SmallVector<int64_t> shape;
  for (bool b : broadcastable)
    shape.push_back(b ? 1 : ShapedType::kDynamic);
  return RankedTensorType::get(shape, element);
}

TensorPtr TensorBuilder::wrap(Value value) {
  // With test values, a size mismatch is an error here, at the expression
  // that made it (Theano's compute_test_value).
  if (!testValueShapes.empty())
    (void)testShape(value);
  return std::make_shared<TensorObject>(value);
}

//===----------------------------------------------------------------------===//
// Leaves: variables, shared variables, constants
//===----------------------------------------------------------------------===//

TensorPtr TensorBuilder::variable(DType dtype,
                                  const std::vector<bool> &broadcastable,
                                  const std::string &name, Location loc) {
  auto type = tensorType(elementType(dtype, loc), broadcastable);
  auto op = th::VariableOp::create(builder, loc, type, name);
  TensorPtr t = wrap(op.getResult());
  t->name = name;
  return t;
}

TensorPtr TensorBuilder::shared(const numpy::NDArray &value,
                                const std::string &name,
                                std::optional<std::vector<bool>> broadcastable,
                                Location loc) {
  Type element = elementType(value.dtype(), loc);
  std::vector<bool> pattern(value.shape().size(), false);
  if (broadcastable) {
    if (broadcastable->size() != value.shape().size())
      interp.error(loc,
                   llvm::formatv("broadcastable has {0} entries but the "
                                 "value has {1} dimensions",
                                 broadcastable->size(), value.shape().size()));
    for (size_t d = 0; d < pattern.size(); ++d) {
      if ((*broadcastable)[d] && value.shape()[d] != 1)
        interp.error(loc, llvm::formatv("dimension {0} is declared "
                                        "broadcastable but has size {1}",
                                        d, value.shape()[d]));
      pattern[d] = (*broadcastable)[d];
    }
  }
  auto type = tensorType(element, pattern);

  // Unique symbol: the Theano name if free, else name_N / shared_N.
  std::string base = name.empty() ? "shared" : name;
  std::string symbol = base;
  ModuleOp module = getOutputModule();
  while (SymbolTable::lookupSymbolIn(module, symbol))
    symbol = base + "_" + std::to_string(++sharedCounter);

  OpBuilder moduleBuilder(&context);
  moduleBuilder.setInsertionPointToEnd(module.getBody());
  auto init = toElementsAttr(value, element);
  th::SharedOp::create(moduleBuilder, loc, moduleBuilder.getStringAttr(symbol),
                       TypeAttr::get(type), init);

  auto read = th::ReadOp::create(builder, loc, type, symbol);
  TensorPtr t = wrap(read.getResult());
  t->name = name;
  t->sharedSymbol = symbol;
  t->sharedValue = std::make_shared<numpy::NDArray>(value);
  return t;
}

TensorPtr TensorBuilder::constant(const numpy::NDArray &value, Location loc) {
  Type element = elementType(value.dtype(), loc);
  auto attr = toElementsAttr(value, element);
  return wrap(th::ConstantOp::create(builder, loc, attr).getResult());
}

DType TensorBuilder::literalDType(const ObjectPtr &value) {
  // Theano's convert(): a Python bool is an int (True -> int8).
  if (auto *b = dyn_cast<BoolObject>(value.get()))
    return numpy::theano::autocastInt(b->value ? 1 : 0);
  if (auto *i = dyn_cast<IntObject>(value.get()))
    return numpy::theano::autocastInt(i->value);
  return numpy::theano::autocastFloat(
      llvm::cast<FloatObject>(value.get())->value, interp.getFloatX());
}

bool TensorBuilder::isTensorLike(const ObjectPtr &value) {
  return isa<TensorObject, ArrayObject, IntObject, FloatObject, BoolObject>(
      value.get());
}

TensorPtr TensorBuilder::asTensor(const ObjectPtr &value, Location loc) {
  if (auto t = std::dynamic_pointer_cast<TensorObject>(value))
    return t;
  if (auto *a = dyn_cast<ArrayObject>(value.get()))
    return constant(a->array, loc);
  if (isa<IntObject, FloatObject, BoolObject>(value.get())) {
    DType dtype = literalDType(value);
    numpy::PyScalar scalar =
        isa<BoolObject>(value.get())
            ? numpy::PyScalar::ofBool(
                  llvm::cast<BoolObject>(value.get())->value)
        : isa<IntObject>(value.get())
            ? numpy::PyScalar::ofInt(llvm::cast<IntObject>(value.get())->value)
            : numpy::PyScalar::ofFloat(
                  llvm::cast<FloatObject>(value.get())->value);
    numpy::Result<numpy::NDArray> array =
        numpy::NDArray::fromScalar(scalar, dtype);
    if (!array)
      interp.error(loc, array.error());
    return constant(*array, loc);
  }
  if (isa<ListObject, TupleObject>(value.get())) {
    // Theano's as_tensor_variable: a sequence holding symbolic values (such
    // as x.shape, a tuple of Shape_i) is their stack.
    ObjectList items = iterate(interp, value, loc);
    if (llvm::any_of(items, [](const ObjectPtr &item) {
          return isa<TensorObject>(item.get());
        })) {
      ObjectList rows;
      for (const ObjectPtr &item : items)
        rows.push_back(padAxis(item, 0, "stack", loc));
      return join(rows, 0, "stack", loc);
    }
    FailureOr<numpy::NDArray> array = objectToArray(interp, value, loc);
    return constant(*array, loc);
  }
  interp.error(loc, llvm::Twine("expected a tensor or a number, got ") +
                        typeName(value));
}

//===----------------------------------------------------------------------===//
// Casting and rank alignment
//===----------------------------------------------------------------------===//

Value TensorBuilder::castValue(Value v, DType dtype, Location loc) {
  auto type = llvm::cast<RankedTensorType>(v.getType());
  Type element = elementType(dtype, loc);
  if (type.getElementType() == element)
    return v;
  auto resultType = RankedTensorType::get(type.getShape(), element);
  return th::CastOp::create(builder, loc, resultType, v).getResult();
}

TensorPtr TensorBuilder::forgetStaticSizes(const TensorPtr &x,
                                           RankedTensorType type,
                                           Location loc) {
  auto from = llvm::cast<RankedTensorType>(x->value.getType());
  if (from == type)
    return x;
  if (from.getElementType() != type.getElementType() ||
      from.getRank() != type.getRank())
    return nullptr;
  for (auto [have, want] : llvm::zip(from.getShape(), type.getShape()))
    if (have != want && !(ShapedType::isDynamic(want) && have != 1 &&
                          !ShapedType::isDynamic(have)))
      return nullptr;
  return wrap(th::CastOp::create(builder, loc, type, x->value).getResult());
}

Value TensorBuilder::padRank(Value v, int64_t rank, Location loc) {
  int64_t have = llvm::cast<RankedTensorType>(v.getType()).getRank();
  if (have >= rank)
    return v;
  std::vector<int64_t> pattern(rank - have, -1);
  for (int64_t d = 0; d < have; ++d)
    pattern.push_back(d);
  return th::DimShuffleOp::create(builder, loc, v, pattern).getResult();
}

TensorPtr TensorBuilder::cast(const ObjectPtr &x, DType dtype, Location loc) {
  TensorPtr t = asTensor(x, loc);
  if (numpy::isComplex(dtypeOf(t)) && !numpy::isComplex(dtype))
    interp.error(loc, "Casting from complex to real is ambiguous: consider "
                      "real(), imag(), angle() or abs()");
  return wrap(castValue(t->value, dtype, loc));
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

static const char *elemwiseSymbol(ElemwiseKind kind) {
  switch (kind) {
  case ElemwiseKind::Add:
    return "+";
  case ElemwiseKind::Sub:
    return "-";
  case ElemwiseKind::Mul:
    return "*";
  case ElemwiseKind::TrueDiv:
    return "/";
  case ElemwiseKind::IntDiv:
    return "//";
  case ElemwiseKind::Mod:
    return "%";
  case ElemwiseKind::Pow:
    return "**";
  case ElemwiseKind::Maximum:
    return "maximum";
  case ElemwiseKind::Minimum:
    return "minimum";
  case ElemwiseKind::And:
    return "&";
  case ElemwiseKind::Or:
    return "|";
  case ElemwiseKind::Xor:
    return "^";
  case ElemwiseKind::Lt:
    return "<";
  case ElemwiseKind::Le:
    return "<=";
  case ElemwiseKind::Gt:
    return ">";
  case ElemwiseKind::Ge:
    return ">=";
  case ElemwiseKind::Eq:
    return "eq";
  case ElemwiseKind::Neq:
    return "neq";
  case ElemwiseKind::Arctan2:
    return "arctan2";
  }
  return "?";
}

/// The dtype the operation computes in, per Theano's scalar op output types.
static numpy::Result<DType> computeDType(ElemwiseKind kind, DType a, DType b,
                                         DType floatX) {
  using namespace numpy::theano;
  switch (kind) {
  case ElemwiseKind::TrueDiv:
    return trueDivOut(a, b, floatX);
  case ElemwiseKind::Arctan2:
    return upgradeToFloat(upcast(a, b));
  case ElemwiseKind::Pow:
    return powOut(a, b);
  case ElemwiseKind::And:
  case ElemwiseKind::Or:
  case ElemwiseKind::Xor:
    return bitwiseOut(a, b);
  case ElemwiseKind::Sub:
    return upcastOutNoBool(a, b);
  case ElemwiseKind::IntDiv:
  case ElemwiseKind::Mod: {
    DType out = upcast(a, b);
    if (out == DType::Bool)
      return numpy::makeError("bool output not supported (Theano's rule); "
                              "cast the operands to an integer dtype");
    return out;
  }
  default:
    return upcast(a, b);
  }
}

TensorPtr TensorBuilder::elemwise(ElemwiseKind kind, const ObjectPtr &lhsObj,
                                  const ObjectPtr &rhsObj, Location loc) {
  TensorPtr lhs = asTensor(lhsObj, loc), rhs = asTensor(rhsObj, loc);
  DType a = dtypeOf(lhs), b = dtypeOf(rhs);
  numpy::Result<DType> dtype = computeDType(kind, a, b, interp.getFloatX());
  if (!dtype)
    interp.error(loc, llvm::formatv("'{0}' is not defined for {1} and {2}: {3}",
                                    elemwiseSymbol(kind), numpy::dtypeName(a),
                                    numpy::dtypeName(b), dtype.error()));
  if ((numpy::isComplex(a) || numpy::isComplex(b)) &&
      !llvm::is_contained({ElemwiseKind::Add, ElemwiseKind::Sub,
                           ElemwiseKind::Mul, ElemwiseKind::TrueDiv,
                           ElemwiseKind::Eq, ElemwiseKind::Neq},
                          kind))
    interp.error(loc, llvm::formatv("'{0}' of complex values is not supported "
                                    "by tcc (complex tensors support + - * /, "
                                    "eq, neq, abs, exp, log, real, imag, conj "
                                    "and angle)",
                                    elemwiseSymbol(kind)));
  Value l = castValue(lhs->value, *dtype, loc);
  Value r = castValue(rhs->value, *dtype, loc);
  int64_t rank = std::max(rankOf(lhs), rankOf(rhs));
  l = padRank(l, rank, loc);
  r = padRank(r, rank, loc);

  std::string why;
  SmallVector<ShapedType> types = {llvm::cast<ShapedType>(l.getType()),
                                   llvm::cast<ShapedType>(r.getType())};
  if (failed(th::broadcastShapes(types, &why)))
    interp.error(loc, llvm::formatv("operands of '{0}' cannot be broadcast "
                                    "together: {1}",
                                    elemwiseSymbol(kind), why));

  Value result;
  switch (kind) {
  case ElemwiseKind::Add:
    result = th::AddOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Sub:
    result = th::SubOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Mul:
    result = th::MulOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::TrueDiv:
    result = th::TrueDivOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::IntDiv:
    result = th::IntDivOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Mod:
    result = th::ModOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Pow:
    result = th::PowOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Maximum:
    result = th::MaximumOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Minimum:
    result = th::MinimumOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::And:
    result = th::AndOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Or:
    result = th::OrOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Xor:
    result = th::XorOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Lt:
    result = th::LtOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Le:
    result = th::LeOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Gt:
    result = th::GtOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Ge:
    result = th::GeOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Eq:
    result = th::EqOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Neq:
    result = th::NeqOp::create(builder, loc, l, r);
    break;
  case ElemwiseKind::Arctan2:
    result = th::Arctan2Op::create(builder, loc, l, r);
    break;
  }
  return wrap(result);
}

TensorPtr TensorBuilder::unary(UnaryKind kind, const ObjectPtr &xObj,
                               Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  DType dtype = dtypeOf(x);
  if (numpy::isComplex(dtype) ||
      llvm::is_contained({UnaryKind::Real, UnaryKind::Imag, UnaryKind::Conj,
                          UnaryKind::Angle},
                         kind))
    if (TensorPtr part = complexUnary(kind, x, loc))
      return part;
  Value v = x->value;
  switch (kind) {
  case UnaryKind::Exp:
  case UnaryKind::Expm1:
  case UnaryKind::Log:
  case UnaryKind::Log1p:
  case UnaryKind::Sqrt:
  case UnaryKind::Tanh:
  case UnaryKind::Sigmoid:
  case UnaryKind::Softplus:
  case UnaryKind::UltraFastSigmoid:
  case UnaryKind::Sin:
  case UnaryKind::Cos:
  case UnaryKind::Tan:
  case UnaryKind::Arcsin:
  case UnaryKind::Arccos:
  case UnaryKind::Arctan:
  case UnaryKind::Sinh:
  case UnaryKind::Cosh:
  case UnaryKind::Arcsinh:
  case UnaryKind::Arccosh:
  case UnaryKind::Arctanh:
  case UnaryKind::Exp2:
  case UnaryKind::Log2:
  case UnaryKind::Log10:
  case UnaryKind::Erf:
  case UnaryKind::Erfc:
  case UnaryKind::Floor:
  case UnaryKind::Ceil:
  case UnaryKind::RoundHalfToEven:
  case UnaryKind::RoundHalfAwayFromZero:
  case UnaryKind::Trunc:
  case UnaryKind::Gamma:
  case UnaryKind::GammaLn:
  case UnaryKind::Psi:
  case UnaryKind::TriGamma:
  case UnaryKind::Erfinv:
  case UnaryKind::Erfcinv:
  case UnaryKind::Erfcx:
    // Theano's upgrade_to_float: exp(int8) is float32, exp(int64) float64.
    v = castValue(v, numpy::theano::upgradeToFloat(dtype), loc);
    break;
  case UnaryKind::Invert:
    if (!numpy::isDiscrete(dtype))
      interp.error(loc, llvm::Twine("'~' needs an integer or bool tensor, "
                                    "got ") +
                            numpy::dtypeName(dtype).data());
    break;
  case UnaryKind::IsNan:
  case UnaryKind::IsInf:
    break; // Any dtype; integers are never NaN or infinite.
  case UnaryKind::Neg:
    if (dtype == DType::Bool)
      interp.error(loc, "unary '-' of a bool tensor: bool output not "
                        "supported (Theano's rule); use '~' for logical not "
                        "or cast to an integer dtype");
    break;
  default:
    if (dtype == DType::Bool) // abs(b), sqr(b) compute in int8.
      v = castValue(v, DType::Int8, loc);
    break;
  }
  Value r;
  switch (kind) {
  case UnaryKind::Neg:
    r = th::NegOp::create(builder, loc, v);
    break;
  case UnaryKind::IsNan:
    r = th::IsNanOp::create(builder, loc, v);
    break;
  case UnaryKind::IsInf:
    r = th::IsInfOp::create(builder, loc, v);
    break;
  case UnaryKind::Abs:
    r = th::AbsOp::create(builder, loc, v);
    break;
  case UnaryKind::Sqr:
    r = th::SqrOp::create(builder, loc, v);
    break;
  case UnaryKind::Exp:
    r = th::ExpOp::create(builder, loc, v);
    break;
  case UnaryKind::Expm1:
    r = th::Expm1Op::create(builder, loc, v);
    break;
  case UnaryKind::Log:
    r = th::LogOp::create(builder, loc, v);
    break;
  case UnaryKind::Log1p:
    r = th::Log1pOp::create(builder, loc, v);
    break;
  case UnaryKind::Sqrt:
    r = th::SqrtOp::create(builder, loc, v);
    break;
  case UnaryKind::Tanh:
    r = th::TanhOp::create(builder, loc, v);
    break;
  case UnaryKind::Sigmoid:
    r = th::SigmoidOp::create(builder, loc, v);
    break;
  case UnaryKind::Softplus:
    r = th::SoftplusOp::create(builder, loc, v);
    break;
  case UnaryKind::UltraFastSigmoid:
    r = th::UltraFastSigmoidOp::create(builder, loc, v);
    break;
  case UnaryKind::Invert:
    r = th::InvertOp::create(builder, loc, v);
    break;
  case UnaryKind::Sin:
    r = th::SinOp::create(builder, loc, v);
    break;
  case UnaryKind::Cos:
    r = th::CosOp::create(builder, loc, v);
    break;
  case UnaryKind::Tan:
    r = th::TanOp::create(builder, loc, v);
    break;
  case UnaryKind::Arcsin:
    r = th::ArcsinOp::create(builder, loc, v);
    break;
  case UnaryKind::Arccos:
    r = th::ArccosOp::create(builder, loc, v);
    break;
  case UnaryKind::Arctan:
    r = th::ArctanOp::create(builder, loc, v);
    break;
  case UnaryKind::Sinh:
    r = th::SinhOp::create(builder, loc, v);
    break;
  case UnaryKind::Cosh:
    r = th::CoshOp::create(builder, loc, v);
    break;
  case UnaryKind::Arcsinh:
    r = th::ArcsinhOp::create(builder, loc, v);
    break;
  case UnaryKind::Arccosh:
    r = th::ArccoshOp::create(builder, loc, v);
    break;
  case UnaryKind::Arctanh:
    r = th::ArctanhOp::create(builder, loc, v);
    break;
  case UnaryKind::Exp2:
    r = th::Exp2Op::create(builder, loc, v);
    break;
  case UnaryKind::Log2:
    r = th::Log2Op::create(builder, loc, v);
    break;
  case UnaryKind::Log10:
    r = th::Log10Op::create(builder, loc, v);
    break;
  case UnaryKind::Erf:
    r = th::ErfOp::create(builder, loc, v);
    break;
  case UnaryKind::Erfc:
    r = th::ErfcOp::create(builder, loc, v);
    break;
  case UnaryKind::Floor:
    r = th::FloorOp::create(builder, loc, v);
    break;
  case UnaryKind::Ceil:
    r = th::CeilOp::create(builder, loc, v);
    break;
  case UnaryKind::RoundHalfToEven:
    r = th::RoundHalfToEvenOp::create(builder, loc, v);
    break;
  case UnaryKind::RoundHalfAwayFromZero:
    r = th::RoundHalfAwayFromZeroOp::create(builder, loc, v);
    break;
  case UnaryKind::Sgn:
    r = th::SgnOp::create(builder, loc, v);
    break;
  case UnaryKind::Trunc:
    r = th::TruncOp::create(builder, loc, v);
    break;
  case UnaryKind::Gamma:
    r = th::GammaOp::create(builder, loc, v);
    break;
  case UnaryKind::GammaLn:
    r = th::GammaLnOp::create(builder, loc, v);
    break;
  case UnaryKind::Psi:
    r = th::PsiOp::create(builder, loc, v);
    break;
  case UnaryKind::TriGamma:
    r = th::TriGammaOp::create(builder, loc, v);
    break;
  case UnaryKind::Erfinv:
    r = th::ErfinvOp::create(builder, loc, v);
    break;
  case UnaryKind::Erfcinv:
    r = th::ErfcinvOp::create(builder, loc, v);
    break;
  case UnaryKind::Erfcx:
    r = th::ErfcxOp::create(builder, loc, v);
    break;
  }
  return wrap(r);
}

TensorPtr TensorBuilder::ifElse(const ObjectPtr &condObj,
                                const ObjectPtr &thenObj,
                                const ObjectPtr &elseObj, Location loc) {
  TensorPtr cond = asTensor(condObj, loc);
  if (rankOf(cond) != 0)
    interp.error(loc, "ifelse: the condition must be a scalar, not " +
                          typeString(cond->value.getType()) +
                          " (T.switch selects elementwise)");
  TensorPtr a = asTensor(thenObj, loc), b = asTensor(elseObj, loc);
  auto ta = llvm::cast<RankedTensorType>(a->value.getType());
  auto tb = llvm::cast<RankedTensorType>(b->value.getType());
  auto broadcastable = [](RankedTensorType t) {
    SmallVector<bool> out;
    for (int64_t n : t.getShape())
      out.push_back(n == 1);
    return out;
  };
  if (ta.getElementType() != tb.getElementType() ||
      broadcastable(ta) != broadcastable(tb))
    interp.error(loc, "ifelse: the two branches should have identical types, "
                      "but they are " +
                          typeString(ta) + " and " + typeString(tb));
  SmallVector<int64_t> shape;
  for (auto [x, y] : llvm::zip(ta.getShape(), tb.getShape()))
    shape.push_back(x == y ? x : ShapedType::kDynamic);
  Value c = castValue(cond->value, DType::Bool, loc);
  auto type = RankedTensorType::get(shape, ta.getElementType());
  return wrap(th::IfElseOp::create(builder, loc, type, c, a->value, b->value)
                  .getResult());
}

TensorPtr TensorBuilder::switchOp(const ObjectPtr &condObj,
                                  const ObjectPtr &iftObj,
                                  const ObjectPtr &iffObj, Location loc) {
  TensorPtr cond = asTensor(condObj, loc);
  TensorPtr ift = asTensor(iftObj, loc), iff = asTensor(iffObj, loc);
  DType dtype = numpy::theano::upcast(dtypeOf(ift), dtypeOf(iff));
  Value c = castValue(cond->value, DType::Bool, loc);
  Value t = castValue(ift->value, dtype, loc);
  Value f = castValue(iff->value, dtype, loc);
  int64_t rank = std::max({rankOf(cond), rankOf(ift), rankOf(iff)});
  c = padRank(c, rank, loc);
  t = padRank(t, rank, loc);
  f = padRank(f, rank, loc);
  std::string why;
  SmallVector<ShapedType> types = {llvm::cast<ShapedType>(c.getType()),
                                   llvm::cast<ShapedType>(t.getType()),
                                   llvm::cast<ShapedType>(f.getType())};
  if (failed(th::broadcastShapes(types, &why)))
    interp.error(loc, llvm::Twine("operands of switch cannot be broadcast "
                                  "together: ") +
                          why);
  return wrap(th::SwitchOp::create(builder, loc, c, t, f).getResult());
}

//===----------------------------------------------------------------------===//
// Reductions, dot, dimshuffle
//===----------------------------------------------------------------------===//

std::vector<int64_t> TensorBuilder::distinctAxes(const ObjectList &items,
                                                 int64_t rank,
                                                 llvm::StringRef function,
                                                 Location loc) {
  std::string prefix = function.empty() ? "" : (function + ": ").str();
  std::vector<int64_t> axes;
  for (const ObjectPtr &item : items) {
    std::optional<int64_t> a = asInt(item);
    if (!a || isa<BoolObject>(item.get()))
      interp.error(loc,
                   prefix + "an axis must be an int, got " + typeName(item));
    int64_t axis = *a < 0 ? *a + rank : *a;
    if (axis < 0 || axis >= rank)
      interp.error(loc, llvm::formatv("{0}axis {1} is out of bounds for a "
                                      "tensor of rank {2}",
                                      prefix, *a, rank));
    if (llvm::is_contained(axes, axis))
      interp.error(loc,
                   llvm::formatv("{0}axis {1} appears twice", prefix, axis));
    axes.push_back(axis);
  }
  return axes;
}

std::vector<int64_t> TensorBuilder::reduceAxes(int64_t rank,
                                               const ObjectPtr &axisObj,
                                               Location loc) {
  std::vector<int64_t> axes;
  if (!axisObj || isa<NoneObject>(axisObj.get())) {
    for (int64_t d = 0; d < rank; ++d)
      axes.push_back(d);
    return axes;
  }
  ObjectList items = isa<ListObject, TupleObject>(axisObj.get())
                         ? iterate(interp, axisObj, loc)
                         : ObjectList{axisObj};
  axes = distinctAxes(items, rank, "", loc);
  llvm::sort(axes);
  return axes;
}

TensorPtr TensorBuilder::reduce(ReduceKind kind, const ObjectPtr &xObj,
                                const ObjectPtr &axisObj, bool keepdims,
                                Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  int64_t rank = rankOf(x);
  std::vector<int64_t> axes = reduceAxes(rank, axisObj, loc);

  DType dtype = dtypeOf(x);
  Value v = x->value;
  Value r;
  switch (kind) {
  case ReduceKind::Sum:
    v = castValue(v, numpy::theano::sumOutDType(dtype), loc);
    r = th::SumOp::create(builder, loc, v, axes);
    break;
  case ReduceKind::Prod:
    v = castValue(v, numpy::theano::prodOutDType(dtype), loc);
    r = th::ProdOp::create(builder, loc, v, axes);
    break;
  case ReduceKind::Mean:
    v = castValue(v, numpy::theano::meanOutDType(dtype), loc);
    r = th::MeanOp::create(builder, loc, v, axes);
    break;
  case ReduceKind::Max:
  case ReduceKind::Min:
    if (dtype == DType::Bool)
      v = castValue(v, DType::Int8, loc);
    r = kind == ReduceKind::Max
            ? Value(th::MaxOp::create(builder, loc, v, axes))
            : Value(th::MinOp::create(builder, loc, v, axes));
    if (dtype == DType::Bool)
      r = castValue(r, DType::Bool, loc);
    break;
  }
  if (keepdims)
    r = keepDims(r, rank, axes, loc);
  return wrap(r);
}

TensorPtr TensorBuilder::dot(const ObjectPtr &lhsObj, const ObjectPtr &rhsObj,
                             Location loc) {
  TensorPtr lhs = asTensor(lhsObj, loc), rhs = asTensor(rhsObj, loc);
  // Theano: dot with a scalar is elementwise multiplication.
  if (rankOf(lhs) == 0 || rankOf(rhs) == 0)
    return elemwise(ElemwiseKind::Mul, lhs, rhs, loc);
  if (rankOf(lhs) > 2 || rankOf(rhs) > 2)
    return tensordot(lhs, rhs, {rankOf(lhs) - 1},
                     {std::max<int64_t>(0, rankOf(rhs) - 2)}, "dot", loc);
  DType dtype = numpy::theano::upcast(dtypeOf(lhs), dtypeOf(rhs));
  if (dtype == DType::Bool)
    dtype = DType::Int8;
  Value l = castValue(lhs->value, dtype, loc);
  Value r = castValue(rhs->value, dtype, loc);
  std::string why;
  if (failed(th::inferDotResultType(llvm::cast<RankedTensorType>(l.getType()),
                                    llvm::cast<RankedTensorType>(r.getType()),
                                    &why)))
    interp.error(loc, why);
  return wrap(th::DotOp::create(builder, loc, l, r).getResult());
}

TensorPtr TensorBuilder::softmax(const ObjectPtr &xObj, bool log,
                                 llvm::StringRef name, Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  int64_t rank = rankOf(x);
  if (rank != 1 && rank != 2)
    interp.error(loc, llvm::Twine(name) +
                          " needs a vector or a matrix (Theano's rule), got "
                          "rank " +
                          llvm::Twine(rank));
  Value v = castValue(x->value, numpy::theano::upgradeToFloat(dtypeOf(x)), loc);
  if (rank == 1)
    v = th::DimShuffleOp::create(builder, loc, v, ArrayRef<int64_t>{-1, 0});
  Value r = log ? Value(th::LogSoftmaxOp::create(builder, loc, v.getType(), v,
                                                 int64_t(1)))
                : Value(th::SoftmaxOp::create(builder, loc, v.getType(), v,
                                              int64_t(1)));
  return wrap(r);
}

TensorPtr TensorBuilder::dimshuffle(const TensorPtr &x,
                                    const std::vector<int64_t> &pattern,
                                    Location loc) {
  std::string why;
  if (failed(th::inferDimShuffleResultType(
          llvm::cast<RankedTensorType>(x->value.getType()), pattern, &why)))
    interp.error(loc, llvm::Twine("dimshuffle: ") + why);
  return wrap(
      th::DimShuffleOp::create(builder, loc, x->value, pattern).getResult());
}

TensorPtr TensorBuilder::rebroadcast(const TensorPtr &x,
                                     const std::vector<bool> &pattern,
                                     llvm::StringRef name, Location loc) {
  auto type = llvm::cast<RankedTensorType>(x->value.getType());
  SmallVector<int64_t> shape(type.getShape());
  for (auto [d, broadcastable] : llvm::enumerate(pattern)) {
    if (broadcastable && shape[d] != 1 && !ShapedType::isDynamic(shape[d]))
      interp.error(loc, llvm::formatv("{0}: dimension {1} in Rebroadcast's "
                                      "input was supposed to be 1 (got {2} "
                                      "instead)",
                                      name, d, shape[d]));
    if (broadcastable)
      shape[d] = 1;
    else if (shape[d] == 1)
      shape[d] = ShapedType::kDynamic;
  }
  auto to = RankedTensorType::get(shape, type.getElementType());
  if (to == type)
    return x;
  return wrap(th::RebroadcastOp::create(builder, loc, to, x->value));
}

TensorPtr TensorBuilder::transpose(const TensorPtr &x, Location loc,
                                   const ObjectList &axes) {
  int64_t rank = rankOf(x);
  std::vector<int64_t> pattern = distinctAxes(axes, rank, "transpose", loc);
  if (axes.empty())
    for (int64_t d = rank - 1; d >= 0; --d)
      pattern.push_back(d);
  if (static_cast<int64_t>(pattern.size()) != rank)
    interp.error(loc, llvm::formatv("transpose: axes don't match a tensor of "
                                    "rank {0} ({1} axes given)",
                                    rank, pattern.size()));
  return dimshuffle(x, pattern, loc);
}

void TensorBuilder::setSharedValue(const TensorPtr &t,
                                   const numpy::NDArray &value, Location loc) {
  auto op = SymbolTable::lookupSymbolIn(getOutputModule(), t->sharedSymbol);
  auto shared = llvm::cast<th::SharedOp>(op);
  auto type = llvm::cast<RankedTensorType>(shared.getType());
  if (value.dtype() != dtypeOf(type.getElementType()) ||
      int64_t(value.shape().size()) != type.getRank())
    interp.error(loc, llvm::formatv("set_value: '{0}' is {1}; the new value "
                                    "has dtype {2} and {3} dimensions",
                                    t->name, typeString(type),
                                    numpy::dtypeName(value.dtype()),
                                    value.shape().size()));
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.getDimSize(d) == 1 && value.shape()[d] != 1)
      interp.error(loc, llvm::formatv("set_value: dimension {0} of '{1}' is "
                                      "broadcastable but the new value has "
                                      "size {2}",
                                      d, t->name, value.shape()[d]));
  shared.setInitialValueAttr(toElementsAttr(value, type.getElementType()));
  *t->sharedValue = value;
}

void TensorBuilder::renameShared(const TensorPtr &t, llvm::StringRef name) {
  ModuleOp module = getOutputModule();
  std::string symbol = name.str();
  while (SymbolTable::lookupSymbolIn(module, symbol))
    symbol = name.str() + "_" + std::to_string(++sharedCounter);
  auto shared = llvm::cast<th::SharedOp>(
      SymbolTable::lookupSymbolIn(module, t->sharedSymbol));
  std::string old = t->sharedSymbol;
  shared.setSymName(symbol);
  getGraph().walk([&](th::ReadOp read) {
    if (read.getVar() == old)
      read.setVar(symbol);
  });
  t->sharedSymbol = symbol;
}

std::vector<TensorPtr>
TensorBuilder::grad(const TensorPtr &cost, const std::vector<TensorPtr> &wrt,
                    const std::vector<TensorPtr> &constants,
                    llvm::StringRef disconnected, Location loc,
                    const TensorPtr &seed) {
  auto costType = llvm::cast<RankedTensorType>(cost->value.getType());
  Value seedValue;
  if (seed) {
    if (rankOf(seed) != costType.getRank())
      interp.error(loc, "eval_points must have the rank of f (" +
                            std::to_string(costType.getRank()) + "), got " +
                            typeString(seed->value.getType()));
    seedValue = castValue(seed->value, dtypeOf(cost), loc);
    if (seedValue.getType() != costType)
      seedValue = th::SecondOp::create(builder, loc, cost->value, seedValue);
    if (seedValue.getType() != costType)
      interp.error(
          loc, "eval_points of type " + typeString(seed->value.getType()) +
                   " cannot be broadcast to f's type " + typeString(costType));
  } else if (costType.getRank() != 0)
    interp.error(loc, "cost must be a scalar, got " + typeString(costType) +
                          "; reduce it first (e.g. cost.sum() or cost.mean())");
  if (!numpy::isFloat(dtypeOf(cost)))
    interp.error(loc, llvm::Twine("cost must be a float scalar, got ") +
                          typeString(costType));

  // Values the cost is connected to, Theano's notion: through every op
  // input but a switch's condition and a shape's input (their gradients are
  // disconnected; integer paths give zeros, not disconnection), and not
  // through a consider_constant value (which is reached itself).
  llvm::DenseSet<Value> constantValues;
  for (const TensorPtr &c : constants)
    constantValues.insert(c->value);
  llvm::DenseSet<Value> reached;
  SmallVector<Value> worklist = {cost->value};
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    if (!reached.insert(v).second || constantValues.contains(v))
      continue;
    Operation *def = v.getDefiningOp();
    if (!def || isa<th::ShapeIOp>(def))
      continue;
    if (auto stop = dyn_cast<th::GradientStopOp>(def);
        stop && stop.getDisconnected())
      continue;
    for (OpOperand &operand : def->getOpOperands()) {
      if (isa<th::SwitchOp>(def) && operand.getOperandNumber() == 0)
        continue;
      worklist.push_back(operand.get());
    }
  }

  SmallVector<Value> wrtValues, constantOperands;
  SmallVector<Type> types;
  std::vector<TensorPtr> result(wrt.size());
  for (auto [i, w] : llvm::enumerate(wrt)) {
    std::string name = w->name.empty() ? "<unnamed>" : w->name;
    if (!numpy::isFloat(dtypeOf(w))) {
      // Theano: the gradient with respect to an integer (or bool) variable
      // is zeros of floatX with its shape.
      result[i] = elemwise(ElemwiseKind::Mul, cast(w, interp.getFloatX(), loc),
                           Interpreter::floating(0.0), loc);
      continue;
    }
    if (!reached.contains(w->value)) {
      std::string message =
          "grad method was asked to compute the gradient with respect to a "
          "variable that is not part of the computational graph of the "
          "cost, or is used only by a non-differentiable operator: " +
          name;
      if (disconnected == "raise")
        interp.error(loc, message + " (pass disconnected_inputs='ignore' or "
                                    "'warn' to get zeros)");
      if (disconnected == "warn")
        llvm::errs() << "warning: " << message << "\n";
    }
    wrtValues.push_back(w->value);
    types.push_back(w->value.getType());
  }
  for (const TensorPtr &c : constants)
    constantOperands.push_back(c->value);
  if (wrtValues.empty())
    return result;
  auto op = th::GradOp::create(builder, loc, types, cost->value, seedValue,
                               wrtValues, constantOperands);
  auto grads = op.getGrads().begin();
  for (TensorPtr &r : result)
    if (!r)
      r = wrap(*grads++);
  return result;
}

TensorPtr TensorBuilder::jacobian(const TensorPtr &expression,
                                  const TensorPtr &wrt, Location loc) {
  auto y = llvm::cast<RankedTensorType>(expression->value.getType());
  auto x = llvm::cast<RankedTensorType>(wrt->value.getType());
  if (y.getRank() != 1)
    interp.error(loc, "jacobian: the expression must be a vector, got " +
                          typeString(y));
  if (!numpy::isFloat(dtypeOf(expression)) || !numpy::isFloat(dtypeOf(wrt)))
    interp.error(loc, "jacobian: the expression and wrt must be float "
                      "tensors");
  SmallVector<int64_t> shape = {y.getDimSize(0)};
  llvm::append_range(shape, x.getShape());
  Value ycast = castValue(expression->value, dtypeOf(wrt), loc);
  auto type = RankedTensorType::get(shape, x.getElementType());
  return wrap(th::JacobianOp::create(builder, loc, type, ycast, wrt->value)
                  .getResult());
}

TensorPtr TensorBuilder::zerosLike(const TensorPtr &x, Location loc) {
  TensorPtr zero = cast(Interpreter::floating(0.0), dtypeOf(x), loc);
  Value padded = padRank(zero->value, rankOf(x), loc);
  return wrap(th::SecondOp::create(builder, loc, x->value, padded).getResult());
}

TensorPtr TensorBuilder::gradientStop(const TensorPtr &x, bool disconnected,
                                      Location loc) {
  return wrap(th::GradientStopOp::create(builder, loc, x->value, disconnected)
                  .getResult());
}
