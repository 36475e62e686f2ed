//===- TensorAlloc.cpp - shapes, fill and alloc ----------------------------===//
//
// `x.shape`, T.fill / zeros_like / ones_like, T.alloc / zeros / ones, and
// T.arange.
// Theano builds shapes as symbolic int64 vectors; tcc gives a tuple of
// int64 scalars (Shape_i), which is what programs index and pass to
// T.zeros. An alloc's sizes must be constants or such dimensions: then the
// manifest knows every size before the call (a size computed from data
// would need a check inside the kernel, which tcc does not have yet).
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "NumPy/TheanoDTypeRules.h"
#include "Th/IR/ThOps.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;

TensorPtr TensorBuilder::fillLike(const ObjectPtr &modelObj,
                                  const ObjectPtr &valueObj,
                                  std::optional<DType> dtype, Location loc) {
  TensorPtr model = asTensor(modelObj, loc);
  TensorPtr value = asTensor(valueObj, loc);
  if (dtype)
    value = cast(value, *dtype, loc);
  if (rankOf(value) > rankOf(model))
    interp.error(loc, llvm::formatv("fill: the value has rank {0}, more than "
                                    "the model's {1}",
                                    rankOf(value), rankOf(model)));
  Value padded = padRank(value->value, rankOf(model), loc);
  SmallVector<ShapedType> types = {llvm::cast<ShapedType>(model->value.getType()),
                                   llvm::cast<ShapedType>(padded.getType())};
  std::string why;
  if (failed(th::broadcastShapes(types, &why)))
    interp.error(loc, "fill: the value does not broadcast to the model: " +
                          why);
  return wrap(
      th::SecondOp::create(builder, loc, model->value, padded).getResult());
}

ObjectPtr TensorBuilder::shapeOf(const ObjectPtr &xObj, Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  auto tuple = std::make_shared<TupleObject>();
  for (int64_t d = 0; d < rankOf(x); ++d)
    tuple->items.push_back(
        wrap(th::ShapeIOp::create(builder, loc, x->value, d).getResult()));
  return tuple;
}

void TensorBuilder::allocSizes(const ObjectList &sizeObjs, llvm::StringRef name,
                               Location loc, SmallVectorImpl<Value> &sizes,
                               SmallVectorImpl<int64_t> &shape) {
  for (auto [i, s] : llvm::enumerate(sizeObjs)) {
    if (std::optional<int64_t> n = asInt(s)) {
      if (*n < 0)
        interp.error(loc, llvm::formatv("{0}: size {1} is negative ({2})",
                                        name, i, *n));
      numpy::NDArray size = *numpy::NDArray::scalar(double(*n), DType::Int64);
      sizes.push_back(constant(size, loc)->value);
      shape.push_back(*n);
      continue;
    }
    // A size known at run time: x.shape[i], an integer scalar input, or
    // +, -, * and // of those (the manifest checks it before the call).
    auto t = std::dynamic_pointer_cast<TensorObject>(s);
    if (!t || rankOf(t) != 0 || !numpy::isInteger(dtypeOf(t)))
      interp.error(loc, llvm::formatv(
                            "{0}: size {1} must be an int or an integer "
                            "scalar (x.shape[0], an iscalar input), got {2}",
                            name, i,
                            t ? typeString(t->value.getType()) : typeName(s)));
    sizes.push_back(castValue(t->value, DType::Int64, loc));
    shape.push_back(ShapedType::kDynamic);
  }
}

TensorPtr TensorBuilder::alloc(const ObjectPtr &valueObj,
                               const ObjectList &sizeObjs,
                               std::optional<DType> dtype,
                               llvm::StringRef name, Location loc) {
  TensorPtr value = asTensor(valueObj, loc);
  if (dtype)
    value = cast(value, *dtype, loc);
  if (rankOf(value) != 0) {
    // Theano's Alloc of a tensor: broadcast to the trailing sizes.
    if (rankOf(value) > static_cast<int64_t>(sizeObjs.size()))
      interp.error(loc, llvm::formatv("{0}: the value has rank {1}, more than "
                                      "the {2} sizes given",
                                      name, rankOf(value), sizeObjs.size()));
    return broadcastTo(value, sizeObjs, name, loc);
  }
  SmallVector<Value> sizes;
  SmallVector<int64_t> shape;
  allocSizes(sizeObjs, name, loc, sizes, shape);
  auto type = RankedTensorType::get(
      shape, llvm::cast<RankedTensorType>(value->value.getType()).getElementType());
  return wrap(
      th::AllocOp::create(builder, loc, type, value->value, sizes).getResult());
}

TensorPtr TensorBuilder::arange(const ObjectPtr &startObj,
                                const ObjectPtr &stopObj,
                                const ObjectPtr &stepObj,
                                std::optional<DType> dtype, Location loc) {
  auto isNumber = [](const ObjectPtr &v) {
    return asInt(v).has_value() || asFloat(v).has_value();
  };
  if (!isNumber(stepObj))
    interp.error(loc, "arange: the step must be a number known at compile "
                      "time, not " +
                          typeName(stepObj));
  TensorPtr start = asTensor(startObj, loc), stop = asTensor(stopObj, loc),
            step = asTensor(stepObj, loc);
  for (const TensorPtr &t : {start, stop})
    if (rankOf(t) != 0)
      interp.error(loc, "arange: start and stop must be scalars, not " +
                            typeString(t->value.getType()));
  if (!dtype) {
    // Theano's: the upcast, but never a narrow integer (it overflows).
    dtype = numpy::theano::upcast({dtypeOf(start), dtypeOf(stop), dtypeOf(step)});
    if (numpy::isUnsignedInteger(*dtype))
      dtype = DType::UInt64;
    else if (numpy::isInteger(*dtype) || *dtype == DType::Bool)
      dtype = DType::Int64;
  }
  std::optional<int64_t> intStep = asInt(stepObj);
  double floatStep = intStep ? double(*intStep) : *asFloat(stepObj);
  if (floatStep == 0)
    interp.error(loc, "arange: the step must not be zero");

  // Bounds known now: NumPy's values, cast to the dtype.
  if (isNumber(startObj) && isNumber(stopObj)) {
    auto scalar = [](const ObjectPtr &v) {
      if (std::optional<int64_t> i = asInt(v))
        return numpy::PyScalar::ofInt(*i);
      return numpy::PyScalar::ofFloat(*asFloat(v));
    };
    numpy::Result<numpy::NDArray> values = numpy::NDArray::arange(
        scalar(startObj), scalar(stopObj), scalar(stepObj), dtype);
    if (!values)
      interp.error(loc, "arange: " + values.error());
    return constant(*values, loc);
  }

  Type element = elementType(*dtype, loc);
  if (numpy::isInteger(*dtype) && !intStep)
    interp.error(loc, "arange: an integer range needs an integer step");
  TypedAttr stepAttr =
      isa<FloatType>(element)
          ? TypedAttr(builder.getFloatAttr(element, floatStep))
          : TypedAttr(builder.getIntegerAttr(element, *intStep));
  Value from = castValue(start->value, *dtype, loc);
  Value to = castValue(stop->value, *dtype, loc);
  auto type = RankedTensorType::get({ShapedType::kDynamic}, element);
  return wrap(
      th::ArangeOp::create(builder, loc, type, from, to, stepAttr).getResult());
}

//===----------------------------------------------------------------------===//
// Builtins
//===----------------------------------------------------------------------===//

static std::optional<DType> optionalDType(Interpreter &in, const ObjectPtr &v,
                                          Location loc) {
  if (!v || isa<NoneObject>(v.get()))
    return std::nullopt;
  return dtypeArgument(in, v, loc);
}

/// A shape argument: an int, or a list/tuple of ints and x.shape[i].
static ObjectList shapeList(Interpreter &in, const ObjectPtr &v, Location loc) {
  if (isa<ListObject, TupleObject>(v.get()))
    return iterate(in, v, loc);
  return {v};
}

ObjectPtr eval::allocFunction(llvm::StringRef qualified, llvm::StringRef name,
                              ObjectPtr self) {
  if (name == "fill")
    return makeBuiltin(qualified.str(), [self](Interpreter &in, CallArgs &a) {
      auto v = bindTensorArgs(in, a, "fill", self, {"a", "b"});
      return std::static_pointer_cast<Object>(
          in.tensors().fillLike(v[0], v[1], std::nullopt, a.loc));
    });
  if (name == "zeros_like" || name == "ones_like")
    return makeBuiltin(qualified.str(), [self, n = name.str()](Interpreter &in,
                                                               CallArgs &a) {
      auto v = bindTensorArgs(in, a, n, self, {"model", "dtype?"});
      TensorBuilder &tb = in.tensors();
      TensorPtr model = tb.asTensor(v[0], a.loc);
      std::optional<DType> dtype = optionalDType(in, v[1], a.loc);
      return std::static_pointer_cast<Object>(tb.fillLike(
          model, Interpreter::integer(n == "ones_like" ? 1 : 0),
          dtype.value_or(tb.dtypeOf(model)), a.loc));
    });
  if (self)
    return nullptr;
  if (name == "shape")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "shape", {"x"});
      return in.tensors().shapeOf(v[0], a.loc);
    });
  if (name == "second")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "second", {"a", "b"});
      return std::static_pointer_cast<Object>(
          in.tensors().fillLike(v[0], v[1], std::nullopt, a.loc));
    });
  if (name == "zeros" || name == "ones")
    return makeBuiltin(qualified.str(), [n = name.str()](Interpreter &in,
                                                         CallArgs &a) {
      auto v = bindArgs(in, a, n, {"shape", "dtype?"});
      DType dtype =
          optionalDType(in, v[1], a.loc).value_or(in.getFloatX());
      return std::static_pointer_cast<Object>(in.tensors().alloc(
          Interpreter::integer(n == "ones" ? 1 : 0),
          shapeList(in, v[0], a.loc), dtype, n, a.loc));
    });
  if (name == "arange")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v =
          bindArgs(in, a, "arange", {"start", "stop?", "step?", "dtype?"});
      ObjectPtr start = Interpreter::integer(0), stop = v[0];
      if (v[1] && !isa<NoneObject>(v[1].get())) {
        start = v[0];
        stop = v[1];
      }
      ObjectPtr step = v[2] ? v[2] : Interpreter::integer(1);
      return std::static_pointer_cast<Object>(in.tensors().arange(
          start, stop, step, optionalDType(in, v[3], a.loc), a.loc));
    });
  if (name == "alloc")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "alloc", {"value", "*"});
      return std::static_pointer_cast<Object>(in.tensors().alloc(
          v[0], iterate(in, v[1], a.loc), std::nullopt, "alloc", a.loc));
    });
  return nullptr;
}
