//===- ThOps.cpp - Operations of the th dialect ---------------------------===//

#include "Th/IR/ThOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/FunctionImplementation.h"
#include "llvm/ADT/DenseSet.h"

using namespace mlir;
using namespace mlir::th;

//===----------------------------------------------------------------------===//
// SharedOp
//===----------------------------------------------------------------------===//

LogicalResult SharedOp::verify() {
  auto type = cast<RankedTensorType>(getType());
  auto init = cast<ShapedType>(getInitialValue().getType());
  if (init.getElementType() != type.getElementType())
    return emitOpError("initial value has element type ")
           << init.getElementType() << " but the variable is "
           << type.getElementType();
  if (init.getRank() != type.getRank())
    return emitOpError("initial value has rank ")
           << init.getRank() << " but the variable has rank " << type.getRank();
  for (int64_t d = 0; d < type.getRank(); ++d) {
    int64_t want = type.getDimSize(d);
    if (!ShapedType::isDynamic(want) && want != init.getDimSize(d))
      return emitOpError("initial value has size ")
             << init.getDimSize(d) << " in dimension " << d
             << " where the type requires " << want;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// FuncOp
//===----------------------------------------------------------------------===//

ParseResult FuncOp::parse(OpAsmParser &parser, OperationState &result) {
  auto buildFuncType = [](Builder &builder, ArrayRef<Type> argTypes,
                          ArrayRef<Type> results,
                          function_interface_impl::VariadicFlag,
                          std::string &) {
    return builder.getFunctionType(argTypes, results);
  };
  return function_interface_impl::parseFunctionOp(
      parser, result, /*allowVariadic=*/false,
      getFunctionTypeAttrName(result.name), buildFuncType,
      getArgAttrsAttrName(result.name), getResAttrsAttrName(result.name));
}

void FuncOp::print(OpAsmPrinter &p) {
  function_interface_impl::printFunctionOp(
      p, *this, /*isVariadic=*/false, getFunctionTypeAttrName(),
      getArgAttrsAttrName(), getResAttrsAttrName());
}

LogicalResult FuncOp::verify() {
  if (getBody().empty())
    return emitOpError("must have a body");
  llvm::DenseSet<StringRef> updated;
  WalkResult result = walk([&](Operation *op) -> WalkResult {
    if (isa<VariableOp>(op)) {
      op->emitOpError("symbolic variable '")
          << cast<VariableOp>(op).getName()
          << "' must be an argument of the function that uses it";
      return WalkResult::interrupt();
    }
    if (auto update = dyn_cast<UpdateOp>(op))
      if (!updated.insert(update.getVar()).second) {
        update.emitOpError("shared variable @")
            << update.getVar() << " is updated twice in one function";
        return WalkResult::interrupt();
      }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

LogicalResult ReturnOp::verify() {
  auto func = cast<FuncOp>((*this)->getParentOp());
  ArrayRef<Type> results = func.getResultTypes();
  if (getOutputs().size() != results.size())
    return emitOpError("returns ")
           << getOutputs().size() << " values but the function has "
           << results.size() << " results";
  for (auto [i, pair] : llvm::enumerate(llvm::zip(getOutputs(), results)))
    if (std::get<0>(pair).getType() != std::get<1>(pair))
      return emitOpError("output ")
             << i << " has type " << std::get<0>(pair).getType()
             << " but the function result is " << std::get<1>(pair);
  return success();
}

//===----------------------------------------------------------------------===//
// ReadOp / UpdateOp
//===----------------------------------------------------------------------===//

static FailureOr<SharedOp> lookupShared(Operation *user,
                                        SymbolTableCollection &tables,
                                        FlatSymbolRefAttr name) {
  auto shared = tables.lookupNearestSymbolFrom<SharedOp>(user, name);
  if (!shared)
    return user->emitOpError("'") << name.getValue()
                                  << "' is not a shared variable";
  return shared;
}

LogicalResult ReadOp::verifySymbolUses(SymbolTableCollection &tables) {
  FailureOr<SharedOp> shared = lookupShared(*this, tables, getVarAttr());
  if (failed(shared))
    return failure();
  if (shared->getType() != getType())
    return emitOpError("reads ") << shared->getType() << " as " << getType();
  return success();
}

LogicalResult UpdateOp::verifySymbolUses(SymbolTableCollection &tables) {
  FailureOr<SharedOp> shared = lookupShared(*this, tables, getVarAttr());
  if (failed(shared))
    return failure();
  if (shared->getType() != getValue().getType())
    return emitOpError("an update of shared variable @")
           << getVar() << " must have its type " << shared->getType()
           << ", got " << getValue().getType();
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOp / CastOp
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

LogicalResult ArgsortOp::verify() {
  auto in = cast<ShapedType>(getInput().getType());
  auto out = cast<ShapedType>(getType());
  if (in.getRank() == 0)
    return emitOpError("needs a tensor of rank 1 or more to sort rows of");
  if (in.getShape() != out.getShape())
    return emitOpError("result shape ")
           << out << " differs from the input's " << in;
  return success();
}

LogicalResult RebroadcastOp::verify() {
  auto from = cast<ShapedType>(getInput().getType());
  auto to = cast<ShapedType>(getType());
  bool ok = from.getElementType() == to.getElementType() &&
            from.getRank() == to.getRank();
  for (int64_t d = 0; ok && d < from.getRank(); ++d) {
    int64_t a = from.getDimSize(d), b = to.getDimSize(d);
    ok = a == b || (a == 1 && ShapedType::isDynamic(b)) ||
         (ShapedType::isDynamic(a) && b == 1);
  }
  if (!ok)
    return emitOpError("changes ")
           << getInput().getType() << " to " << getType()
           << "; only broadcastable dimensions (1) and dimensions known at "
              "run time (?) may turn into each other";
  return success();
}

OpFoldResult RebroadcastOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  // rebroadcast(rebroadcast(x)) back to x's type is x.
  if (auto inner = getInput().getDefiningOp<RebroadcastOp>())
    if (inner.getInput().getType() == getType())
      return inner.getInput();
  return {};
}

LogicalResult CastOp::verify() {
  // The dtype changes, and a static size may be forgotten (become dynamic);
  // broadcastable dimensions stay: the lowering sizes the result from the
  // input.
  ArrayRef<int64_t> from = getInput().getType().getShape();
  ArrayRef<int64_t> to = cast<ShapedType>(getType()).getShape();
  bool ok = from.size() == to.size();
  for (size_t d = 0; ok && d < from.size(); ++d)
    ok = from[d] == to[d] ||
         (ShapedType::isDynamic(to[d]) && from[d] != 1 &&
          !ShapedType::isDynamic(from[d]));
  if (!ok)
    return emitOpError("changes the shape from ")
           << getInput().getType() << " to " << getType()
           << "; a cast only changes the element type (and may forget a "
              "static size)";
  return success();
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  // Casts of splat constants fold (the front end casts literals this way).
  auto splat = dyn_cast_or_null<SplatElementsAttr>(adaptor.getInput());
  auto resultType = cast<ShapedType>(getType());
  if (!splat || !resultType.hasStaticShape())
    return {};
  Type from = splat.getElementType(), to = resultType.getElementType();
  if (auto fromFloat = dyn_cast<FloatType>(from)) {
    double value = splat.getSplatValue<APFloat>().convertToDouble();
    (void)fromFloat;
    if (auto toFloat = dyn_cast<FloatType>(to))
      return DenseElementsAttr::get(resultType, FloatAttr::get(toFloat, value)
                                                    .getValue());
    if (to.isInteger(1))
      return DenseElementsAttr::get(resultType, value != 0.0);
    if (auto toInt = dyn_cast<IntegerType>(to)) {
      // NaN or out of range: NumPy's result is platform-defined; leave it to
      // run time rather than folding undefined behaviour.
      if (!(value > -9.3e18 && value < 9.3e18))
        return {};
      return DenseElementsAttr::get(
          resultType, APInt(toInt.getWidth(), static_cast<int64_t>(value),
                            /*isSigned=*/true, /*implicitTrunc=*/true));
    }
    return {};
  }
  if (auto fromInt = dyn_cast<IntegerType>(from)) {
    APInt value = splat.getSplatValue<APInt>();
    bool isUnsigned = fromInt.getWidth() == 1 || fromInt.isUnsigned();
    int64_t v = isUnsigned ? static_cast<int64_t>(value.getZExtValue())
                           : value.getSExtValue();
    if (auto toFloat = dyn_cast<FloatType>(to))
      return DenseElementsAttr::get(
          resultType,
          FloatAttr::get(toFloat, isUnsigned ? static_cast<double>(
                                                   value.getZExtValue())
                                             : static_cast<double>(v))
              .getValue());
    if (to.isInteger(1))
      return DenseElementsAttr::get(resultType, v != 0);
    if (auto toInt = dyn_cast<IntegerType>(to))
      return DenseElementsAttr::get(
          resultType, APInt(toInt.getWidth(), v, /*isSigned=*/true,
                            /*implicitTrunc=*/true));
  }
  return {};
}

//===----------------------------------------------------------------------===//
// Arithmetic simplification (Theano's canonicalize: --x, x+0, x*1, ...)
//===----------------------------------------------------------------------===//

std::optional<double> mlir::th::splatValueOf(Attribute attr) {
  auto splat = dyn_cast_or_null<SplatElementsAttr>(attr);
  if (!splat)
    return std::nullopt;
  if (isa<FloatType>(splat.getElementType()))
    return splat.getSplatValue<APFloat>().convertToDouble();
  if (splat.getElementType().isInteger(1))
    return splat.getSplatValue<bool>() ? 1.0 : 0.0;
  APInt value = splat.getSplatValue<APInt>();
  if (splat.getElementType().isUnsignedInteger())
    return double(value.getZExtValue());
  return double(value.getSExtValue());
}

/// `x` if it can stand for the op's result: same type (so the identity
/// element did not broadcast x to a larger shape).
static OpFoldResult sameTypeOrNull(Value x, Type result) {
  return x.getType() == result ? OpFoldResult(x) : OpFoldResult();
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  if (auto inner = getInput().getDefiningOp<NegOp>())
    return inner.getInput(); // --x -> x
  // -c for a float splat constant c (th-gemm negates learning rates).
  auto splat = dyn_cast_or_null<SplatElementsAttr>(adaptor.getInput());
  auto type = cast<ShapedType>(getType());
  if (!splat || !type.hasStaticShape() ||
      !isa<FloatType>(type.getElementType()))
    return {};
  APFloat value = splat.getSplatValue<APFloat>();
  value.changeSign();
  return DenseElementsAttr::get(type, value);
}

/// `f(a, b)` for two splat float constants, as a splat of the result type
/// (when that has a static shape): constant folding of the graph.
template <typename Fn>
static OpFoldResult foldSplats(Attribute lhs, Attribute rhs, Type resultType,
                               Fn fn) {
  auto a = dyn_cast_or_null<SplatElementsAttr>(lhs);
  auto b = dyn_cast_or_null<SplatElementsAttr>(rhs);
  auto type = cast<ShapedType>(resultType);
  if (!a || !b || !type.hasStaticShape() ||
      !isa<FloatType>(type.getElementType()))
    return {};
  APFloat x = a.getSplatValue<APFloat>(), y = b.getSplatValue<APFloat>();
  return DenseElementsAttr::get(type, fn(x, y));
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult c = foldSplats(adaptor.getLhs(), adaptor.getRhs(), getType(),
                                  [](APFloat x, const APFloat &y) {
                                    x.add(y, APFloat::rmNearestTiesToEven);
                                    return x;
                                  }))
    return c;
  // x + 0 -> x (not for -0.0 + 0.0 issues: x + 0 == x for every x but -0.0,
  // where it gives +0.0; Theano folds it too).
  if (splatValueOf(adaptor.getRhs()) == 0.0)
    return sameTypeOrNull(getLhs(), getType());
  if (splatValueOf(adaptor.getLhs()) == 0.0)
    return sameTypeOrNull(getRhs(), getType());
  return {};
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult c = foldSplats(adaptor.getLhs(), adaptor.getRhs(), getType(),
                                  [](APFloat x, const APFloat &y) {
                                    x.subtract(y, APFloat::rmNearestTiesToEven);
                                    return x;
                                  }))
    return c;
  if (splatValueOf(adaptor.getRhs()) == 0.0) // x - 0 -> x
    return sameTypeOrNull(getLhs(), getType());
  return {};
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult c = foldSplats(adaptor.getLhs(), adaptor.getRhs(), getType(),
                                  [](APFloat x, const APFloat &y) {
                                    x.multiply(y, APFloat::rmNearestTiesToEven);
                                    return x;
                                  }))
    return c;
  if (splatValueOf(adaptor.getRhs()) == 1.0) // x * 1 -> x
    return sameTypeOrNull(getLhs(), getType());
  if (splatValueOf(adaptor.getLhs()) == 1.0)
    return sameTypeOrNull(getRhs(), getType());
  return {};
}

OpFoldResult TrueDivOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult c = foldSplats(adaptor.getLhs(), adaptor.getRhs(), getType(),
                                  [](APFloat x, const APFloat &y) {
                                    x.divide(y, APFloat::rmNearestTiesToEven);
                                    return x;
                                  }))
    return c;
  if (splatValueOf(adaptor.getRhs()) == 1.0) // x / 1 -> x
    return sameTypeOrNull(getLhs(), getType());
  return {};
}

OpFoldResult DimShuffleOp::fold(FoldAdaptor adaptor) {
  auto type = cast<RankedTensorType>(getType());
  // The identity pattern changes nothing.
  if (getInput().getType() == type &&
      llvm::equal(getPattern(), llvm::seq<int64_t>(0, type.getRank())))
    return getInput();
  // A dimshuffle of a splat constant is a splat of the result's shape.
  auto splat = dyn_cast_or_null<SplatElementsAttr>(adaptor.getInput());
  if (!splat || !type.hasStaticShape())
    return {};
  return SplatElementsAttr::get(type, splat.getSplatValue<Attribute>());
}

//===----------------------------------------------------------------------===//
// SwitchOp
//===----------------------------------------------------------------------===//

LogicalResult SwitchOp::verify() {
  if (getIft().getType().getElementType() !=
          getIff().getType().getElementType() ||
      getIft().getType().getElementType() != getType().getElementType())
    return emitOpError("branches and result must have one element type");
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// Their verifiers come from Th_ReduceOp / Th_ArgReduceOp (ThOps.td).

//===----------------------------------------------------------------------===//
// DotOp / DimShuffleOp
//===----------------------------------------------------------------------===//

LogicalResult DotOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr, OpaqueProperties, RegionRange,
    SmallVectorImpl<Type> &inferred) {
  auto lhs = dyn_cast<RankedTensorType>(operands[0].getType());
  auto rhs = dyn_cast<RankedTensorType>(operands[1].getType());
  if (!lhs || !rhs)
    return failure();
  std::string why;
  FailureOr<RankedTensorType> type = inferDotResultType(lhs, rhs, &why);
  if (failed(type)) {
    if (loc)
      mlir::emitError(*loc) << why;
    return failure();
  }
  inferred.push_back(*type);
  return success();
}

static LogicalResult verifyAxisInRange(Operation *op, Value input,
                                       int64_t axis) {
  int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
  if (axis < 0 || axis >= rank)
    return op->emitOpError("axis ")
           << axis << " is out of range for rank " << rank;
  return success();
}

LogicalResult SoftmaxOp::verify() {
  return verifyAxisInRange(*this, getInput(), getAxis());
}

LogicalResult LogSoftmaxOp::verify() {
  return verifyAxisInRange(*this, getInput(), getAxis());
}

LogicalResult CumSumOp::verify() {
  return verifyAxisInRange(*this, getInput(), getAxis());
}

LogicalResult CumProdOp::verify() {
  return verifyAxisInRange(*this, getInput(), getAxis());
}

/// Shared verifier of th.gemv and th.gemm: dot(a, b) has c's type.
static LogicalResult verifyAccumulatedDot(Operation *op, Value c, Value a,
                                          Value b, bool matrixProduct) {
  auto at = cast<RankedTensorType>(a.getType());
  auto bt = cast<RankedTensorType>(b.getType());
  bool ranksOk = matrixProduct ? at.getRank() == 2 && bt.getRank() == 2
                               : (at.getRank() == 2 && bt.getRank() == 1) ||
                                     (at.getRank() == 1 && bt.getRank() == 2);
  if (!ranksOk)
    return op->emitOpError(matrixProduct
                               ? "needs two matrices"
                               : "needs a matrix and a vector, in either order")
           << ", got ranks " << at.getRank() << " and " << bt.getRank();
  std::string why;
  FailureOr<RankedTensorType> product = inferDotResultType(at, bt, &why);
  if (failed(product))
    return op->emitOpError(why);
  auto ct = cast<RankedTensorType>(c.getType());
  if (failed(verifyCompatibleShape(ct.getShape(), product->getShape())))
    return op->emitOpError("accumulator type ")
           << ct << " does not match the product's type " << *product;
  return success();
}

LogicalResult GemvOp::verify() {
  return verifyAccumulatedDot(*this, getC(), getA(), getB(), false);
}

LogicalResult GemmOp::verify() {
  return verifyAccumulatedDot(*this, getC(), getA(), getB(), true);
}

LogicalResult DimShuffleOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr attributes, OpaqueProperties properties, RegionRange regions,
    SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  auto input = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
  if (!input)
    return failure();
  std::string why;
  FailureOr<RankedTensorType> type =
      inferDimShuffleResultType(input, adaptor.getPattern(), &why);
  if (failed(type)) {
    if (loc)
      mlir::emitError(*loc) << why;
    return failure();
  }
  inferred.push_back(*type);
  return success();
}

LogicalResult DimShuffleOp::verify() {
  std::string why;
  if (failed(inferDimShuffleResultType(getInput().getType(), getPattern(),
                                       &why)))
    return emitOpError(why);
  return success();
}

//===----------------------------------------------------------------------===//
// ShapeIOp / GradOp
//===----------------------------------------------------------------------===//

LogicalResult ShapeIOp::verify() {
  int64_t rank = getInput().getType().getRank();
  if (getDim() < 0 || getDim() >= rank)
    return emitOpError("dimension ")
           << getDim() << " is out of range for rank " << rank;
  return success();
}

LogicalResult AllocOp::verify() {
  auto type = cast<RankedTensorType>(getType());
  if (type.getElementType() != getValue().getType().getElementType())
    return emitOpError("result element type must be the value's, ")
           << getValue().getType().getElementType();
  if (type.getRank() != static_cast<int64_t>(getSizes().size()))
    return emitOpError("has ")
           << getSizes().size() << " sizes for a result of rank "
           << type.getRank();
  return success();
}

LogicalResult RandomDrawOp::verify() {
  auto stateType = cast<RankedTensorType>(getState().getType());
  if (!stateType.isDynamicDim(0) &&
      stateType.getDimSize(0) != kRandomStateLength)
    return emitOpError("the state must have ")
           << kRandomStateLength << " words, got " << stateType;
  auto type = cast<RankedTensorType>(getSample().getType());
  if (type.getRank() != static_cast<int64_t>(getSizes().size()))
    return emitOpError("has ")
           << getSizes().size() << " sizes for a sample of rank "
           << type.getRank();
  Builder b(getContext());
  Type f64 = b.getF64Type(), i64 = b.getI64Type();
  // Each parameter's element type and rank; a rank of -1 means the sample's
  // shape (a parameter per element).
  SmallVector<std::pair<Type, int64_t>> params;
  Type element = i64;
  StringRef kind = getDistribution();
  if (kind == "random_sample" || kind == "standard_normal") {
    element = f64;
  } else if (kind == "binomial") {
    params = {{i64, -1}, {f64, -1}};
  } else if (kind == "random_integers") {
    params = {{i64, -1}, {i64, -1}};
  } else if (kind == "choice" || kind == "choice_unique") {
    params = {{i64, 0}, {f64, 1}, {f64, 0}};
  } else if (kind == "permutation") {
    params = {{i64, 0}};
    if (type.getRank() == 0)
      return emitOpError("a permutation sample has rank at least 1 (its last "
                         "size is n)");
  } else {
    return emitOpError("unknown distribution '") << kind << "'";
  }
  if (type.getElementType() != element)
    return emitOpError("a ") << kind << " sample has element type " << element
                             << ", got " << type.getElementType();
  if (getParams().size() != params.size())
    return emitOpError("a ") << kind << " draw takes " << params.size()
                             << " parameters, got " << getParams().size();
  for (auto [i, param] : llvm::enumerate(getParams())) {
    auto pt = cast<RankedTensorType>(param.getType());
    auto [want, rank] = params[i];
    if (rank < 0 &&
        (pt.getElementType() != want ||
         failed(verifyCompatibleShape(pt.getShape(), type.getShape()))))
      return emitOpError("parameter ")
             << i << " must have the sample's shape and element type " << want
             << ", got " << pt;
    if (rank >= 0 && (pt.getElementType() != want || pt.getRank() != rank))
      return emitOpError("parameter ")
             << i << " must be a rank-" << rank << " tensor of " << want
             << ", got " << pt;
  }
  return success();
}

LogicalResult IfElseOp::verify() {
  if (getCond().getType().getRank() != 0)
    return emitOpError("the condition must be a scalar, got ")
           << getCond().getType();
  auto a = cast<RankedTensorType>(getThenValue().getType());
  auto b = cast<RankedTensorType>(getElseValue().getType());
  auto r = cast<RankedTensorType>(getType());
  if (a.getElementType() != b.getElementType() ||
      a.getRank() != b.getRank())
    return emitOpError("the branches must have one element type and rank, got ")
           << a << " and " << b;
  if (r.getElementType() != a.getElementType() || r.getRank() != a.getRank())
    return emitOpError("the result must have the branches' element type and "
                       "rank, got ")
           << r;
  for (int64_t d = 0; d < r.getRank(); ++d) {
    int64_t n = a.getDimSize(d) == b.getDimSize(d) ? a.getDimSize(d)
                                                    : ShapedType::kDynamic;
    if (r.getDimSize(d) != n)
      return emitOpError("result dimension ")
             << d << " must be " << (ShapedType::isDynamic(n) ? "dynamic" : std::to_string(n));
  }
  return success();
}

LogicalResult ArangeOp::verify() {
  Type element = getType().getElementType();
  if (getStart().getType() != getStop().getType() ||
      getStart().getType().getElementType() != element)
    return emitOpError("start and stop must be scalars of the result's "
                       "element type ")
           << element;
  auto step = dyn_cast<TypedAttr>(getStep());
  if (!step || !isa<IntegerAttr, FloatAttr>(step) || step.getType() != element)
    return emitOpError("step must have the result's element type ") << element;
  bool zero = isa<FloatType>(element)
                  ? cast<FloatAttr>(step).getValue().isZero()
                  : cast<IntegerAttr>(step).getValue().isZero();
  if (zero)
    return emitOpError("step must not be zero");
  return success();
}

LogicalResult NonzeroOp::verify() {
  int64_t rank = getInput().getType().getRank();
  if (rank == 0)
    return emitOpError("needs a tensor of rank 1 or more (NumPy's nonzero of "
                       "a scalar is deprecated)");
  auto type = cast<RankedTensorType>(getType());
  if (type.getDimSize(0) != rank || !type.isDynamicDim(1))
    return emitOpError("result must be tensor<")
           << rank << "x?xi64> (one row per input dimension), got " << type;
  if (!getIndexed().empty() &&
      static_cast<int64_t>(getIndexed().size()) != rank)
    return emitOpError("needs one indexed size per input dimension, got ")
           << getIndexed().size();
  return success();
}

LogicalResult GradOp::verify() {
  if (Value seed = getSeed()) {
    if (seed.getType() != getCost().getType())
      return emitOpError("the seed must have the cost's type ")
             << getCost().getType() << ", got " << seed.getType();
  } else if (getCost().getType().getRank() != 0) {
    return emitOpError("cost must be a scalar, got ") << getCost().getType();
  }
  if (getGrads().size() != getWrt().size())
    return emitOpError("has ") << getGrads().size() << " results for "
                               << getWrt().size() << " wrt values";
  for (auto [wrt, grad] : llvm::zip(getWrt(), getGrads()))
    if (wrt.getType() != grad.getType())
      return emitOpError("the gradient with respect to a ")
             << wrt.getType() << " must have its type, got "
             << grad.getType();
  return success();
}

LogicalResult JacobianOp::verify() {
  auto y = getExpression().getType();
  auto x = cast<RankedTensorType>(getWrt().getType());
  auto result = cast<RankedTensorType>(getType());
  if (result.getRank() != x.getRank() + 1 ||
      result.getElementType() != x.getElementType() ||
      result.getShape().drop_front() != x.getShape() ||
      result.getDimSize(0) != y.getDimSize(0))
    return emitOpError("result must have the expression's length followed "
                       "by the wrt's shape, got ")
           << result;
  return success();
}

LogicalResult StackOp::verify() {
  int64_t rank = getCountLike().getType().getRank();
  if (getDim() < 0 || getDim() >= rank)
    return emitOpError("dimension ")
           << getDim() << " is out of range for rank " << rank;
  Block &body = getBody().front();
  if (body.getNumArguments() != 1 ||
      body.getArgument(0).getType() !=
          RankedTensorType::get({}, IntegerType::get(getContext(), 64)))
    return emitOpError("body must take one tensor<i64> index argument");
  auto yield = cast<YieldOp>(body.getTerminator());
  if (!yield.getValue())
    return emitOpError("body must yield a value");
  auto row = cast<RankedTensorType>(yield.getValue().getType());
  if (row.getShape() != getRowLike().getType().getShape())
    return emitOpError("yields ")
           << row << " but its rows are like " << getRowLike().getType();
  auto result = cast<RankedTensorType>(getType());
  if (result.getRank() != row.getRank() + 1 ||
      result.getElementType() != row.getElementType() ||
      result.getShape().drop_front() != row.getShape())
    return emitOpError("result ")
           << result << " is not a stack of the yielded " << row;
  return success();
}

#include "Th/IR/ThInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "Th/IR/ThOps.cpp.inc"
