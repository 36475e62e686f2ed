//===- ArrayBuiltins.cpp - split, swapaxes, mgrid/ogrid, copies, xlogx ----===//
//
// theano.tensor's NumPy-style array helpers, built from existing ops the
// way Theano defines them, so their dtypes, gradients and shape checks are
// those ops': split is slices of x, swapaxes a dimshuffle, mgrid/ogrid
// aranges reshaped and multiplied by ones, tensor_copy the value itself,
// and theano.tensor.xlogx's xlogx/xlogy0 switches on x == 0.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

static ObjectPtr object(TensorPtr t) {
  return std::static_pointer_cast<Object>(std::move(t));
}

static ObjectPtr sliceOf(ObjectPtr lower, ObjectPtr upper) {
  auto s = std::make_shared<SliceObject>();
  s->lower = std::move(lower);
  s->upper = std::move(upper);
  s->step = Interpreter::none();
  return s;
}

/// Theano's split(x, splits_size, n_splits, axis): pieces of x along
/// `axis` of the given sizes (ints or integer scalars), which must add up
/// to the axis's size; checked before the call by a reshape of x to
/// that total (so a static mismatch is a compile-time error).
static ObjectPtr split(Interpreter &in, CallArgs &a) {
  auto v = bindArgs(in, a, "split", {"x", "splits_size", "n_splits", "axis?"});
  TensorBuilder &tb = in.tensors();
  TensorPtr x = tb.asTensor(v[0], a.loc);
  if (isa<TensorObject>(v[1].get()))
    in.error(a.loc, "split: tcc takes the sizes as a list of ints or "
                    "integer scalars (a symbolic vector of sizes would make "
                    "the pieces' sizes data-dependent)");
  ObjectList sizes = iterate(in, v[1], a.loc);
  int64_t n = intArgument(in, v[2], 0, "split", "n_splits", a.loc);
  if (n != static_cast<int64_t>(sizes.size()))
    in.error(a.loc, llvm::formatv("split: n_splits is {0} but {1} sizes "
                                  "were given",
                                  n, sizes.size()));
  int64_t rank = tb.rankOf(x);
  if (rank == 0)
    in.error(a.loc, "split: x must have at least one dimension");
  int64_t axis = tb.distinctAxes({v[3] ? v[3] : Interpreter::integer(0)}, rank,
                                 "split", a.loc)[0];
  ObjectPtr total = Interpreter::integer(0);
  for (const ObjectPtr &size : sizes) {
    if (std::optional<int64_t> s = asInt(size); s && *s < 0)
      in.error(a.loc, llvm::formatv("split: size {0} is negative", *s));
    total = asInt(total) && asInt(size)
                ? Interpreter::integer(*asInt(total) + *asInt(size))
                : object(tb.elemwise(ElemwiseKind::Add, total, size, a.loc));
  }
  std::optional<int64_t> length = asInt(tb.dimSize(x, axis, a.loc));
  if (asInt(total) && length && *asInt(total) != *length)
    in.error(a.loc, llvm::formatv("split: the sizes add up to {0} but axis "
                                  "{1} has size {2}",
                                  *asInt(total), axis, *length));
  ObjectList shape;
  for (int64_t d = 0; d < rank; ++d)
    shape.push_back(d == axis ? total : tb.dimSize(x, d, a.loc));
  auto shapeTuple = std::make_shared<TupleObject>();
  shapeTuple->items = shape;
  TensorPtr whole = tb.reshape(x, shapeTuple, std::nullopt, a.loc);
  auto pieces = std::make_shared<ListObject>();
  ObjectPtr start = Interpreter::integer(0);
  for (const ObjectPtr &size : sizes) {
    ObjectPtr stop =
        asInt(start) && asInt(size)
            ? Interpreter::integer(*asInt(start) + *asInt(size))
            : object(tb.elemwise(ElemwiseKind::Add, start, size, a.loc));
    auto index = std::make_shared<TupleObject>();
    for (int64_t d = 0; d < rank; ++d)
      index->items.push_back(
          d == axis ? sliceOf(start, stop)
                    : sliceOf(Interpreter::none(), Interpreter::none()));
    pieces->items.push_back(object(tb.subtensor(whole, index, a.loc)));
    start = stop;
  }
  return pieces;
}

/// mgrid[0:3, 0:4] / ogrid[...]: Theano's _nd_grid. Each slice is an
/// arange (int64 for ints) reshaped to lie along its own axis; mgrid
/// multiplies each by ones of the others, so all have the full shape.
static ObjectPtr ndGrid(Interpreter &in, CallArgs &a, bool sparse) {
  TensorBuilder &tb = in.tensors();
  ObjectList slices = isa<TupleObject>(a.positional[0].get())
                          ? iterate(in, a.positional[0], a.loc)
                          : ObjectList{a.positional[0]};
  int64_t ndim = slices.size();
  std::vector<TensorPtr> ranges;
  for (auto [j, item] : llvm::enumerate(slices)) {
    auto *s = dyn_cast<SliceObject>(item.get());
    if (!s || isAbsent(s->upper))
      in.error(a.loc, "mgrid/ogrid: each index must be a slice start:stop "
                      "or start:stop:step");
    ObjectPtr start = isAbsent(s->lower) ? Interpreter::integer(0) : s->lower;
    ObjectPtr step = isAbsent(s->step) ? Interpreter::integer(1) : s->step;
    TensorPtr r = tb.arange(start, s->upper, step, std::nullopt, a.loc);
    auto shape = std::make_shared<TupleObject>();
    for (int64_t d = 0; d < ndim; ++d)
      shape->items.push_back(static_cast<int64_t>(j) == d
                                 ? tb.dimSize(r, 0, a.loc)
                                 : Interpreter::integer(1));
    ranges.push_back(tb.reshape(r, shape, std::nullopt, a.loc));
  }
  auto grids = std::make_shared<ListObject>();
  for (int64_t i = 0; i < ndim; ++i) {
    if (sparse) {
      grids->items.push_back(object(ranges[i]));
      continue;
    }
    ObjectPtr grid = Interpreter::integer(1);
    for (int64_t j = 0; j < ndim; ++j)
      grid = object(
          tb.elemwise(ElemwiseKind::Mul, grid,
                      j == i ? ranges[j]
                             : tb.fillLike(ranges[j], Interpreter::integer(1),
                                           tb.dtypeOf(ranges[j]), a.loc),
                      a.loc));
    grids->items.push_back(grid);
  }
  return grids;
}

ObjectPtr eval::arrayFunction(llvm::StringRef qualified, llvm::StringRef name,
                              ObjectPtr self) {
  std::string q = qualified.str();
  if (name == "swapaxes")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      auto v = bindTensorArgs(in, a, "swapaxes", self, {"x", "axis1", "axis2"});
      TensorBuilder &tb = in.tensors();
      TensorPtr x = tb.asTensor(v[0], a.loc);
      int64_t rank = tb.rankOf(x);
      std::vector<int64_t> swap =
          tb.distinctAxes({v[1]}, rank, "swapaxes", a.loc);
      swap.push_back(tb.distinctAxes({v[2]}, rank, "swapaxes", a.loc)[0]);
      std::vector<int64_t> pattern;
      for (int64_t d = 0; d < rank; ++d)
        pattern.push_back(d == swap[0] ? swap[1] : d == swap[1] ? swap[0] : d);
      return object(tb.dimshuffle(x, pattern, a.loc));
    });
  if (name == (self ? "copy" : "tensor_copy"))
    return makeBuiltin(q, [self, n = name.str()](Interpreter &in, CallArgs &a) {
      // The same value under a new variable (Theano's tensor_copy), so
      // naming the copy leaves x's name alone.
      auto v = bindTensorArgs(in, a, n, self, {"x", "name?"});
      TensorPtr x = in.tensors().asTensor(v[0], a.loc);
      auto copy = std::make_shared<TensorObject>(x->value);
      if (!isAbsent(v[1])) {
        auto *name = dyn_cast<StrObject>(v[1].get());
        if (!name)
          in.error(a.loc, n + ": name must be a string, got " + typeName(v[1]));
        copy->name = name->value;
      }
      return std::static_pointer_cast<Object>(copy);
    });
  if (self && name == "ravel")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      bindArgs(in, a, "ravel", {});
      return object(in.tensors().flatten(self, 1, a.loc));
    });
  if (self)
    return nullptr;
  if (name == "split")
    return makeBuiltin(q, split);
  if (name == "mgrid" || name == "ogrid") {
    auto grid = std::make_shared<BuiltinObject>(q, nullptr);
    grid->subscript = [sparse = name == "ogrid"](Interpreter &in, CallArgs &a) {
      return ndGrid(in, a, sparse);
    };
    return grid;
  }
  return nullptr;
}

ObjectPtr eval::xlogxFunction(llvm::StringRef qualified, llvm::StringRef name) {
  if (name != "xlogx" && name != "xlogy0")
    return nullptr;
  return makeBuiltin(qualified.str(), [n = name.str()](Interpreter &in,
                                                       CallArgs &a) {
    // x * log(x) (x * log(y)), 0 where x == 0: Theano's XlogX / XlogY0,
    // whose elements are computed in x's (upgraded) float type.
    bool both = n == "xlogy0";
    auto v = bindArgs(in, a, n,
                      both ? std::vector<const char *>{"x", "y"}
                           : std::vector<const char *>{"x"});
    TensorBuilder &tb = in.tensors();
    TensorPtr x = tb.asTensor(v[0], a.loc);
    TensorPtr product =
        tb.elemwise(ElemwiseKind::Mul, x,
                    tb.unary(UnaryKind::Log, both ? v[1] : x, a.loc), a.loc);
    TensorPtr zero = tb.fillLike(product, Interpreter::integer(0),
                                 tb.dtypeOf(product), a.loc);
    return object(tb.switchOp(
        tb.elemwise(ElemwiseKind::Eq, x, Interpreter::integer(0), a.loc), zero,
        product, a.loc));
  });
}
