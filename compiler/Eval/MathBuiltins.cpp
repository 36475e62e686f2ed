//===- MathBuiltins.cpp - Theano's compositions of elementwise ops --------===//
//
// theano.tensor functions that Theano itself defines in terms of other ops
// (inv, iround, deg2rad, largest, ptp, isclose, norm, diff, roll,
// stacklists, max_and_argmax), built here the same way, so they have
// Theano's dtypes, gradients and broadcasting.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"
#include "NumPy/TheanoDTypeRules.h"

#include <cmath>

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

static ObjectPtr object(TensorPtr t) {
  return std::static_pointer_cast<Object>(std::move(t));
}

static bool flag(Interpreter &in, const ObjectPtr &v, Location loc) {
  return v && truthy(in, v, loc);
}

static double floatArg(Interpreter &in, const ObjectPtr &v, double dflt,
                       llvm::StringRef function, llvm::StringRef param,
                       Location loc) {
  if (isAbsent(v))
    return dflt;
  std::optional<double> f = asFloat(v);
  if (!f)
    in.error(loc,
             (function + ": " + param + " must be a number, got " + typeName(v))
                 .str());
  return *f;
}

/// `x * c` with c a 0-d floatX array, as Theano's deg2rad/rad2deg write it
/// (np.asarray(c, config.floatX): not autocast, so it upcasts x).
static TensorPtr timesFloatX(Interpreter &in, const ObjectPtr &x, double c,
                             Location loc) {
  TensorBuilder &tb = in.tensors();
  TensorPtr constant =
      tb.cast(tb.asTensor(Interpreter::floating(c), loc), in.getFloatX(), loc);
  return tb.elemwise(ElemwiseKind::Mul, x, constant, loc);
}

/// T.stack(items) along a new first axis.
static TensorPtr stackRows(Interpreter &in, const ObjectList &items,
                           llvm::StringRef name, Location loc) {
  TensorBuilder &tb = in.tensors();
  ObjectList padded;
  for (const ObjectPtr &t : items)
    padded.push_back(tb.padAxis(t, 0, name, loc));
  return tb.join(padded, 0, name, loc);
}

/// largest(*args) / smallest(*args), Theano's: a switch for two tensors,
/// else the max (min) of their stack.
static TensorPtr extreme(Interpreter &in, const ObjectList &args, bool largest,
                         Location loc) {
  TensorBuilder &tb = in.tensors();
  llvm::StringRef name = largest ? "largest" : "smallest";
  if (args.empty())
    in.error(loc, (name + ": needs at least one tensor").str());
  if (args.size() == 2)
    return tb.switchOp(
        tb.elemwise(largest ? ElemwiseKind::Gt : ElemwiseKind::Lt, args[0],
                    args[1], loc),
        args[0], args[1], loc);
  return tb.reduce(largest ? ReduceKind::Max : ReduceKind::Min,
                   stackRows(in, args, name, loc), Interpreter::integer(0),
                   false, loc);
}

/// Theano's isclose: |a - b| <= atol + rtol |b| for finite values; infinities
/// close when equal; NaNs when equal_nan.
static TensorPtr isClose(Interpreter &in, const ObjectPtr &a,
                         const ObjectPtr &b, double rtol, double atol,
                         bool equalNan, Location loc) {
  TensorBuilder &tb = in.tensors();
  auto f = [](double v) { return Interpreter::floating(v); };
  auto un = [&](UnaryKind k, const ObjectPtr &x) {
    return tb.unary(k, x, loc);
  };
  auto bin = [&](ElemwiseKind k, const ObjectPtr &x, const ObjectPtr &y) {
    return tb.elemwise(k, x, y, loc);
  };
  TensorPtr diff = un(UnaryKind::Abs, bin(ElemwiseKind::Sub, a, b));
  TensorPtr tolerance =
      bin(ElemwiseKind::Add, f(atol),
          bin(ElemwiseKind::Mul, f(rtol), un(UnaryKind::Abs, b)));
  TensorPtr closePrelim = bin(ElemwiseKind::Le, diff, tolerance);
  TensorPtr aNan = un(UnaryKind::IsNan, a), bNan = un(UnaryKind::IsNan, b);
  TensorPtr aInf = un(UnaryKind::IsInf, a), bInf = un(UnaryKind::IsInf, b);
  TensorPtr special = bin(ElemwiseKind::Or, bin(ElemwiseKind::Or, aNan, bNan),
                          bin(ElemwiseKind::Or, aInf, bInf));
  TensorPtr close =
      bin(ElemwiseKind::And, closePrelim, un(UnaryKind::Invert, special));
  TensorPtr infEqual =
      bin(ElemwiseKind::And, bin(ElemwiseKind::And, aInf, bInf),
          bin(ElemwiseKind::Eq, un(UnaryKind::Sgn, a), un(UnaryKind::Sgn, b)));
  TensorPtr result = bin(ElemwiseKind::Or, close, infEqual);
  if (equalNan)
    result = bin(ElemwiseKind::Or, result, bin(ElemwiseKind::And, aNan, bNan));
  return result;
}

static ObjectPtr fullSlice() {
  auto s = std::make_shared<SliceObject>();
  s->lower = s->upper = s->step = Interpreter::none();
  return s;
}

/// x[:, ..., lower:upper] with the slice at `axis`.
static ObjectPtr sliceAlong(Interpreter &in, const TensorPtr &x, int64_t axis,
                            ObjectPtr lower, ObjectPtr upper, Location loc) {
  ObjectList items;
  for (int64_t d = 0; d < axis; ++d)
    items.push_back(fullSlice());
  auto s = std::make_shared<SliceObject>();
  s->lower = std::move(lower);
  s->upper = std::move(upper);
  s->step = Interpreter::none();
  items.push_back(s);
  return getItem(in, x, std::make_shared<TupleObject>(std::move(items)), loc);
}

static int64_t axisArg(Interpreter &in, const ObjectPtr &v, int64_t dflt,
                       int64_t rank, llvm::StringRef function, Location loc) {
  int64_t axis = intArgument(in, v, dflt, function, "axis", loc);
  if (axis < -rank || axis >= rank)
    in.error(loc,
             (function + ": axis " + llvm::Twine(axis) +
              " is out of bounds for a tensor of rank " + llvm::Twine(rank))
                 .str());
  return axis < 0 ? axis + rank : axis;
}

/// NumPy's diff: x[1:] - x[:-1] along `axis`, n times.
static TensorPtr difference(Interpreter &in, const ObjectPtr &xObj, int64_t n,
                            const ObjectPtr &axisObj, Location loc) {
  TensorBuilder &tb = in.tensors();
  TensorPtr x = tb.asTensor(xObj, loc);
  int64_t rank = tb.rankOf(x);
  if (rank == 0)
    in.error(loc, "diff: needs a tensor of at least one dimension");
  if (n < 0)
    in.error(loc,
             "diff: order must be non-negative but got " + std::to_string(n));
  int64_t axis = axisArg(in, axisObj, -1, rank, "diff", loc);
  for (int64_t i = 0; i < n; ++i)
    x = tb.elemwise(ElemwiseKind::Sub,
                    sliceAlong(in, x, axis, Interpreter::integer(1),
                               Interpreter::none(), loc),
                    sliceAlong(in, x, axis, Interpreter::none(),
                               Interpreter::integer(-1), loc),
                    loc);
  return x;
}

/// Theano's roll: the last `shift` elements along `axis` moved to the front
/// (x flattened, rolled and reshaped back when axis is None).
static TensorPtr roll(Interpreter &in, const ObjectPtr &xObj,
                      const ObjectPtr &shift, const ObjectPtr &axisObj,
                      Location loc) {
  TensorBuilder &tb = in.tensors();
  TensorPtr x = tb.asTensor(xObj, loc);
  int64_t rank = tb.rankOf(x);
  if (rank == 0)
    in.error(loc, "roll: needs a tensor of at least one dimension");
  if (isAbsent(axisObj) && rank > 1)
    return tb.reshape(
        roll(in, tb.flatten(x, 1, loc), shift, Interpreter::integer(0), loc),
        tb.shapeOf(x, loc), std::nullopt, loc);
  int64_t axis = axisArg(in, axisObj, 0, rank, "roll", loc);
  ObjectPtr size = tb.dimSize(x, axis, loc);
  std::optional<int64_t> staticShift = asInt(shift), staticSize = asInt(size);
  if (!staticShift && !isa<TensorObject>(shift.get()))
    in.error(loc, "roll: shift must be an int or an integer scalar, got " +
                      typeName(shift));
  if (staticShift && staticSize) {
    if (*staticSize == 0)
      return x;
    int64_t s = ((*staticShift % *staticSize) + *staticSize) % *staticSize;
    if (s == 0)
      return x;
    return tb.join({sliceAlong(in, x, axis, Interpreter::integer(-s),
                               Interpreter::none(), loc),
                    sliceAlong(in, x, axis, Interpreter::integer(0),
                               Interpreter::integer(-s), loc)},
                   axis, "roll", loc);
  }
  // A size or shift known only at run time: x taken at
  // (arange(size) - shift) % size along the axis, computed in the kernel
  // (where % 0 is 0, so an empty x rolls too).
  TensorPtr positions =
      tb.arange(Interpreter::integer(0), size, Interpreter::integer(1),
                numpy::DType::Int64, loc);
  TensorPtr source = tb.elemwise(
      ElemwiseKind::Mod, tb.elemwise(ElemwiseKind::Sub, positions, shift, loc),
      size, loc);
  ObjectList items;
  for (int64_t d = 0; d < axis; ++d)
    items.push_back(fullSlice());
  items.push_back(source);
  return tb.advancedSubtensor(x, items, loc);
}

/// stacklists([[a, b], [c, d]]): nested lists of tensors stacked into one
/// tensor, the outer list the first axis.
static ObjectPtr stackLists(Interpreter &in, const ObjectPtr &arg,
                            Location loc) {
  if (!isa<ListObject, TupleObject>(arg.get()))
    return arg;
  ObjectList items;
  for (const ObjectPtr &item : iterate(in, arg, loc))
    items.push_back(stackLists(in, item, loc));
  return object(stackRows(in, items, "stacklists", loc));
}

ObjectPtr eval::mathFunction(llvm::StringRef qualified, llvm::StringRef name,
                             ObjectPtr self) {
  std::string q = qualified.str();
  if (name == "norm")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      // Theano's TensorVariable.norm: sum(|x| ** L, axis) ** (1 / L).
      auto v =
          bindTensorArgs(in, a, "norm", self, {"x", "L", "axis?", "keepdims?"});
      double l = floatArg(in, v[1], 2, "norm", "L", a.loc);
      if (l == 0 || std::isinf(l))
        in.error(a.loc, "norm: L must be finite and nonzero (Theano raises "
                        "NotImplementedError for L = 0 and L = inf)");
      TensorBuilder &tb = in.tensors();
      TensorPtr powered =
          tb.elemwise(ElemwiseKind::Pow, tb.unary(UnaryKind::Abs, v[0], a.loc),
                      v[1], a.loc);
      TensorPtr summed = tb.reduce(ReduceKind::Sum, powered, v[2],
                                   flag(in, v[3], a.loc), a.loc);
      return object(tb.elemwise(ElemwiseKind::Pow, summed,
                                Interpreter::floating(1.0 / l), a.loc));
    });
  if (name == "ptp")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      auto v = bindTensorArgs(in, a, "ptp", self, {"a", "axis?"});
      TensorBuilder &tb = in.tensors();
      return object(tb.elemwise(
          ElemwiseKind::Sub,
          tb.reduce(ReduceKind::Max, v[0], v[1], false, a.loc),
          tb.reduce(ReduceKind::Min, v[0], v[1], false, a.loc), a.loc));
    });
  if (name == "sort" || name == "argsort")
    return makeBuiltin(q, [self, n = name.str()](Interpreter &in, CallArgs &a) {
      // Theano's sort(a, axis=-1, kind='quicksort', order=None).
      auto v =
          bindTensorArgs(in, a, n, self, {"a", "axis?", "kind?", "order?"});
      if (!isAbsent(v[3]))
        in.error(a.loc, n + ": order is for structured arrays, which tcc "
                            "does not have");
      ObjectPtr axis = v[1] ? v[1] : Interpreter::integer(-1);
      return object(
          in.tensors().sortAlong(v[0], axis, n == "argsort", n, a.loc));
    });
  if (name == "round")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      auto v = bindTensorArgs(in, a, "round", self, {"a", "mode?"});
      return object(in.tensors().unary(roundingMode(in, v[1], "round", a.loc),
                                       v[0], a.loc));
    });
  if (self)
    return nullptr;
  if (name == "inv" || name == "reciprocal")
    return makeBuiltin(q, [n = name.str()](Interpreter &in, CallArgs &a) {
      // 1 / x in x's float dtype (integers upgraded to float).
      auto v = bindArgs(in, a, n, {"x"});
      TensorBuilder &tb = in.tensors();
      TensorPtr x = tb.asTensor(v[0], a.loc);
      numpy::DType dtype = tb.dtypeOf(x);
      if (!numpy::isComplex(dtype))
        x = tb.cast(x, numpy::theano::upgradeToFloat(dtype), a.loc);
      TensorPtr one = tb.cast(tb.asTensor(Interpreter::integer(1), a.loc),
                              tb.dtypeOf(x), a.loc);
      return object(tb.elemwise(ElemwiseKind::TrueDiv, one, x, a.loc));
    });
  if (name == "iround")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "iround", {"a", "mode?"});
      TensorBuilder &tb = in.tensors();
      UnaryKind kind = roundingMode(in, v[1], "iround", a.loc);
      return object(
          tb.cast(tb.unary(kind, v[0], a.loc), numpy::DType::Int64, a.loc));
    });
  if (name == "deg2rad" || name == "rad2deg")
    return makeBuiltin(q, [n = name.str()](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, n, {"x"});
      double c = n == "deg2rad" ? M_PI / 180 : 180 / M_PI;
      return object(timesFloatX(in, v[0], c, a.loc));
    });
  if (name == "largest" || name == "smallest")
    return makeBuiltin(
        q, [largest = name == "largest"](Interpreter &in, CallArgs &a) {
          if (!a.keywords.empty())
            in.error(a.loc, "largest/smallest take tensors as positional "
                            "arguments only");
          return object(extreme(in, a.positional, largest, a.loc));
        });
  if (name == "isclose" || name == "allclose")
    return makeBuiltin(q, [n = name.str()](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, n, {"a", "b", "rtol?", "atol?", "equal_nan?"});
      TensorPtr close =
          isClose(in, v[0], v[1], floatArg(in, v[2], 1e-5, n, "rtol", a.loc),
                  floatArg(in, v[3], 1e-8, n, "atol", a.loc),
                  flag(in, v[4], a.loc), a.loc);
      if (n == "isclose")
        return object(close);
      return object(in.tensors().anyAll(/*all=*/true, close,
                                        Interpreter::none(), false, a.loc));
    });
  if (name == "max_and_argmax")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "max_and_argmax", {"a", "axis?", "keepdims?"});
      TensorBuilder &tb = in.tensors();
      bool keep = flag(in, v[2], a.loc);
      return std::static_pointer_cast<Object>(std::make_shared<ListObject>(
          ObjectList{tb.reduce(ReduceKind::Max, v[0], v[1], keep, a.loc),
                     tb.argReduce(true, v[0], v[1], keep, a.loc)}));
    });
  if (name == "diff")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "diff", {"x", "n?", "axis?"});
      return object(difference(
          in, v[0], intArgument(in, v[1], 1, "diff", "n", a.loc), v[2], a.loc));
    });
  if (name == "roll")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "roll", {"x", "shift", "axis?"});
      return object(roll(in, v[0], v[1], v[2], a.loc));
    });
  if (name == "stacklists")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "stacklists", {"arg"});
      if (!isa<ListObject, TupleObject>(v[0].get()))
        in.error(a.loc, "stacklists: expects a (nested) list of tensors, "
                        "got " +
                            typeName(v[0]));
      return stackLists(in, v[0], a.loc);
    });
  return nullptr;
}
