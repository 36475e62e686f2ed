//===- NumPyBuiltins.cpp - The compile-time NumPy subset ------------------===//
//
// numpy is available at compile time for building constants and initial
// values: array creation, astype/reshape/arithmetic, and the legacy
// RandomState (bit-exact with NumPy, so a model reproduces its Python twin).
//
//===----------------------------------------------------------------------===//

#include "Eval/ArrayAttr.h"
#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "NumPy/NDArrayOps.h"

#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;
using numpy::NDArray;
using numpy::Shape;

static Shape shapeArgument(Interpreter &in, const ObjectPtr &v, Location loc) {
  Shape shape;
  if (!v || isa<NoneObject>(v.get()))
    return shape;
  if (auto i = asInt(v))
    return {*i};
  for (const ObjectPtr &d : iterate(in, v, loc)) {
    auto i = asInt(d);
    if (!i || *i < 0)
      in.error(loc, "a shape must be a sequence of non-negative ints, got " +
                        repr(v));
    shape.push_back(*i);
  }
  return shape;
}

/// NumPy returns a Python number when no size is given.
static ObjectPtr scalarOrArray(Interpreter &in, numpy::Result<NDArray> r,
                               bool scalar, Location loc) {
  if (!r)
    in.error(loc, r.error());
  if (scalar && r->ndim() == 0) {
    if (numpy::isFloat(r->dtype()))
      return Interpreter::floating(r->getDouble(0));
    return Interpreter::integer(r->getInt64(0));
  }
  return std::make_shared<ArrayObject>(r.take());
}

static Shape sizeOrDims(Interpreter &in, CallArgs &a, bool &scalar) {
  // rand(3, 4) / randn(3, 4) take dimensions positionally.
  Shape shape;
  for (const ObjectPtr &d : a.positional) {
    auto i = asInt(d);
    if (!i || *i < 0)
      in.error(a.loc, "dimensions must be non-negative ints, got " + repr(d));
    shape.push_back(*i);
  }
  if (!a.keywords.empty())
    in.error(a.loc, "this function takes dimensions as positional ints");
  scalar = a.positional.empty();
  return shape;
}

ObjectPtr eval::randomStateAttribute(
    Interpreter &interp, const std::shared_ptr<RandomStateObject> &rs,
    llvm::StringRef name, Location loc) {
  numpy::RandomState *state = &rs->state;
  return numpyRandomMethod(interp, state, name, loc);
}

ObjectPtr eval::numpyRandomMethod(Interpreter &interp,
                                  numpy::RandomState *state,
                                  llvm::StringRef name, Location loc) {
  std::string qualified = "RandomState." + name.str();
  if (name == "randn" || name == "rand" || name == "random_sample" ||
      name == "random")
    return makeBuiltin(qualified, [state, n = name.str()](Interpreter &in,
                                                          CallArgs &a) {
      bool scalar = false;
      Shape shape;
      if (n == "randn" || n == "rand") {
        shape = sizeOrDims(in, a, scalar);
      } else {
        auto v = bindArgs(in, a, n, {"size?"});
        scalar = !v[0] || isa<NoneObject>(v[0].get());
        shape = shapeArgument(in, v[0], a.loc);
      }
      return scalarOrArray(in, n == "randn" ? state->standardNormal(shape)
                                            : state->randomSample(shape),
                           scalar, a.loc);
    });
  if (name == "uniform" || name == "normal")
    return makeBuiltin(qualified, [state, n = name.str()](Interpreter &in,
                                                          CallArgs &a) {
      bool uniform = n == "uniform";
      auto v = bindArgs(in, a, n,
                        {uniform ? "low?" : "loc?", uniform ? "high?" : "scale?",
                         "size?"});
      double p0 = v[0] ? asFloat(v[0]).value_or(NAN) : 0.0;
      double p1 = v[1] ? asFloat(v[1]).value_or(NAN) : 1.0;
      if (std::isnan(p0) || std::isnan(p1))
        in.error(a.loc, n + "() parameters must be numbers");
      bool scalar = !v[2] || isa<NoneObject>(v[2].get());
      Shape shape = shapeArgument(in, v[2], a.loc);
      return scalarOrArray(in, uniform ? state->uniform(p0, p1, shape)
                                       : state->normal(p0, p1, shape),
                           scalar, a.loc);
    });
  if (name == "randint")
    return makeBuiltin(qualified, [state](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "randint", {"low", "high?", "size?", "dtype?"});
      auto lo = asInt(v[0]);
      std::optional<int64_t> hi;
      if (v[1] && !isa<NoneObject>(v[1].get()))
        hi = asInt(v[1]);
      if (!lo || (v[1] && !isa<NoneObject>(v[1].get()) && !hi))
        in.error(a.loc, "randint() bounds must be integers");
      bool scalar = !v[2] || isa<NoneObject>(v[2].get());
      Shape shape = shapeArgument(in, v[2], a.loc);
      return scalarOrArray(in, state->randint(*lo, hi, shape), scalar, a.loc);
    });
  if (name == "seed")
    return makeBuiltin(qualified, [state](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "seed", {"seed?"});
      auto s = v[0] ? asInt(v[0]) : std::optional<int64_t>();
      if (!s)
        in.error(a.loc, "seed() needs an integer seed (tcc has no entropy "
                        "source: a model's random values must be "
                        "reproducible)");
      numpy::Result<bool> ok = state->seed(*s);
      if (!ok)
        in.error(a.loc, ok.error());
      return Interpreter::none();
    });
  interp.error(loc, "'numpy.random." + name.str() +
                        "' is not supported by tcc");
}

static std::optional<DType> optionalDType(Interpreter &in, const ObjectPtr &v,
                                          Location loc) {
  if (!v || isa<NoneObject>(v.get()))
    return std::nullopt;
  return dtypeArgument(in, v, loc);
}

ObjectPtr eval::numpyAttribute(Interpreter &interp, const std::string &module,
                               llvm::StringRef name, Location loc) {
  std::string qualified = module + "." + name.str();
  if (module == "numpy.random") {
    if (name == "RandomState")
      return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
        auto v = bindArgs(in, a, "RandomState", {"seed?"});
        auto rs = std::make_shared<RandomStateObject>();
        auto s = v[0] ? asInt(v[0]) : std::optional<int64_t>();
        if (!s)
          in.error(a.loc, "RandomState needs an integer seed (tcc has no "
                          "entropy source: a model's random values must be "
                          "reproducible)");
        numpy::Result<bool> ok = rs->state.seed(*s);
        if (!ok)
          in.error(a.loc, ok.error());
        return std::static_pointer_cast<Object>(rs);
      });
    return numpyRandomMethod(interp, &interp.globalRandomState(), name, loc);
  }
  if (auto d = llvm::StringSwitch<std::optional<DType>>(name)
                   .Case("float32", DType::Float32)
                   .Case("float64", DType::Float64)
                   .Case("int8", DType::Int8)
                   .Case("int16", DType::Int16)
                   .Case("int32", DType::Int32)
                   .Case("int64", DType::Int64)
                   .Case("uint8", DType::UInt8)
                   .Case("bool_", DType::Bool)
                   .Case("bool", DType::Bool)
                   .Default(std::nullopt))
    return std::make_shared<DTypeObject>(*d);
  if (name == "pi")
    return Interpreter::floating(M_PI);
  if (name == "e")
    return Interpreter::floating(M_E);
  if (name == "inf")
    return Interpreter::floating(INFINITY);
  if (name == "asarray" || name == "array")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "asarray", {"a", "dtype?", "copy?", "order?"});
      FailureOr<NDArray> arr =
          objectToArray(in, v[0], a.loc, optionalDType(in, v[1], a.loc));
      return std::static_pointer_cast<Object>(
          std::make_shared<ArrayObject>(*arr));
    });
  if (name == "zeros" || name == "ones" || name == "empty")
    return makeBuiltin(qualified, [n = name.str()](Interpreter &in,
                                                   CallArgs &a) {
      auto v = bindArgs(in, a, n, {"shape", "dtype?"});
      Shape shape = shapeArgument(in, v[0], a.loc);
      DType dt = optionalDType(in, v[1], a.loc).value_or(DType::Float64);
      return arrayObject(in, n == "ones" ? NDArray::ones(shape, dt)
                                         : NDArray::zeros(shape, dt),
                         a.loc);
    });
  if (name == "full")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "full", {"shape", "fill_value", "dtype?"});
      Shape shape = shapeArgument(in, v[0], a.loc);
      FailureOr<NDArray> fill = objectToArray(in, v[1], a.loc);
      if (fill->ndim() != 0)
        in.error(a.loc, "full(): fill_value must be a number");
      return arrayObject(in,
                         NDArray::full(shape, fill->getItem(0),
                                       optionalDType(in, v[2], a.loc)),
                         a.loc);
    });
  if (name == "arange")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "arange", {"start", "stop?", "step?", "dtype?"});
      auto scalarOf = [&](const ObjectPtr &o) {
        FailureOr<NDArray> x = objectToArray(in, o, a.loc);
        return x->getItem(0);
      };
      numpy::PyScalar start = numpy::PyScalar::ofInt(0), stop = scalarOf(v[0]);
      if (v[1]) {
        start = stop;
        stop = scalarOf(v[1]);
      }
      numpy::PyScalar step =
          v[2] ? scalarOf(v[2]) : numpy::PyScalar::ofInt(1);
      return arrayObject(in,
                         NDArray::arange(start, stop, step,
                                         optionalDType(in, v[3], a.loc)),
                         a.loc);
    });
  if (name == "linspace")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "linspace",
                        {"start", "stop", "num?", "endpoint?", "retstep?",
                         "dtype?"});
      auto number = [&](const ObjectPtr &o, llvm::StringRef what) {
        std::optional<double> x = asFloat(o);
        if (!x)
          in.error(a.loc, ("linspace: " + what + " must be a number, got " +
                           typeName(o))
                              .str());
        return *x;
      };
      if (v[4] && truthy(in, v[4], a.loc))
        in.error(a.loc, "linspace: retstep=True is not supported by tcc's "
                        "compile-time NumPy");
      int64_t num = intArgument(in, v[2], 50, "linspace", "num", a.loc);
      if (num < 0)
        in.error(a.loc, "linspace: Number of samples, " + std::to_string(num) +
                            ", must be non-negative.");
      bool endpoint = !v[3] || truthy(in, v[3], a.loc);
      return arrayObject(in,
                         NDArray::linspace(number(v[0], "start"),
                                           number(v[1], "stop"), num, endpoint,
                                           optionalDType(in, v[5], a.loc)),
                         a.loc);
    });
  if (name == "dot")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "dot", {"a", "b"});
      if (isa<TensorObject>(v[0].get()) || isa<TensorObject>(v[1].get()))
        in.error(a.loc, "np.dot on a symbolic tensor: use T.dot");
      auto x = objectToArray(in, v[0], a.loc), y = objectToArray(in, v[1], a.loc);
      return arrayObject(in, numpy::dot(*x, *y), a.loc);
    });
  if (name == "exp" || name == "log" || name == "sqrt" || name == "tanh" ||
      name == "abs")
    return makeBuiltin(qualified, [n = name.str()](Interpreter &in,
                                                   CallArgs &a) {
      auto v = bindArgs(in, a, n, {"x"});
      if (isa<TensorObject>(v[0].get()))
        in.error(a.loc, "np." + n + " on a symbolic tensor: use T." + n);
      auto x = objectToArray(in, v[0], a.loc);
      numpy::UnaryOp op = llvm::StringSwitch<numpy::UnaryOp>(n)
                              .Case("exp", numpy::UnaryOp::Exp)
                              .Case("log", numpy::UnaryOp::Log)
                              .Case("sqrt", numpy::UnaryOp::Sqrt)
                              .Case("tanh", numpy::UnaryOp::Tanh)
                              .Default(numpy::UnaryOp::Absolute);
      return arrayObject(in, numpy::unary(op, *x), a.loc);
    });
  interp.error(loc, "'" + qualified + "' is not supported by tcc's "
                                      "compile-time NumPy");
}

ObjectPtr eval::arrayAttribute(Interpreter &interp,
                               const std::shared_ptr<ArrayObject> &arr,
                               llvm::StringRef name, Location loc) {
  const NDArray &a = arr->array;
  std::string qualified = "ndarray." + name.str();
  if (name == "shape") {
    auto t = std::make_shared<TupleObject>();
    for (int64_t d : a.shape())
      t->items.push_back(Interpreter::integer(d));
    return t;
  }
  if (name == "ndim")
    return Interpreter::integer(a.ndim());
  if (name == "size")
    return Interpreter::integer(a.size());
  if (name == "dtype")
    return std::make_shared<DTypeObject>(a.dtype());
  if (name == "T")
    return std::make_shared<ArrayObject>(a.transpose());
  if (name == "astype")
    return makeBuiltin(qualified, [arr](Interpreter &in, CallArgs &c) {
      auto v = bindArgs(in, c, "astype", {"dtype"});
      return arrayObject(in, arr->array.astype(dtypeArgument(in, v[0], c.loc)),
                         c.loc);
    });
  if (name == "reshape")
    return makeBuiltin(qualified, [arr](Interpreter &in, CallArgs &c) {
      Shape shape;
      ObjectList dims = c.positional;
      if (dims.size() == 1 && isa<ListObject, TupleObject>(dims[0].get()))
        dims = iterate(in, dims[0], c.loc);
      for (const ObjectPtr &d : dims) {
        auto i = asInt(d);
        if (!i)
          in.error(c.loc, "reshape dimensions must be ints");
        shape.push_back(*i);
      }
      return arrayObject(in, arr->array.reshape(shape), c.loc);
    });
  if (name == "flatten")
    return makeBuiltin(qualified, [arr](Interpreter &, CallArgs &) {
      return std::static_pointer_cast<Object>(
          std::make_shared<ArrayObject>(arr->array.flatten()));
    });
  if (name == "copy")
    return makeBuiltin(qualified, [arr](Interpreter &, CallArgs &) {
      return std::static_pointer_cast<Object>(
          std::make_shared<ArrayObject>(arr->array));
    });
  auto reduceOp = llvm::StringSwitch<std::optional<numpy::ReduceOp>>(name)
                      .Case("sum", numpy::ReduceOp::Sum)
                      .Case("mean", numpy::ReduceOp::Mean)
                      .Case("max", numpy::ReduceOp::Max)
                      .Case("min", numpy::ReduceOp::Min)
                      .Case("prod", numpy::ReduceOp::Prod)
                      .Default(std::nullopt);
  if (reduceOp)
    return makeBuiltin(qualified, [arr, op = *reduceOp](Interpreter &in,
                                                        CallArgs &c) {
      auto v = bindArgs(in, c, "reduce", {"axis?", "keepdims?"});
      std::optional<std::vector<int64_t>> axes;
      if (v[0] && !isa<NoneObject>(v[0].get())) {
        axes.emplace();
        if (auto i = asInt(v[0]))
          axes->push_back(*i);
        else
          for (const ObjectPtr &x : iterate(in, v[0], c.loc))
            axes->push_back(asInt(x).value_or(0));
      }
      bool keep = v[1] && truthy(in, v[1], c.loc);
      return scalarOrArray(in, numpy::reduce(op, arr->array, axes, keep),
                           false, c.loc);
    });
  if (name == "item")
    return makeBuiltin(qualified, [arr](Interpreter &in, CallArgs &c) {
      numpy::Result<numpy::PyScalar> s = arr->array.item();
      if (!s)
        in.error(c.loc, s.error());
      if (s->isFloat())
        return Interpreter::floating(s->floatValue);
      if (s->isBool())
        return Interpreter::boolean(s->intValue != 0);
      return Interpreter::integer(s->intValue);
    });
  interp.error(loc, "'numpy.ndarray' attribute '" + name.str() +
                        "' is not supported by tcc's compile-time NumPy");
}
