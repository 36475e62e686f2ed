//===- TensorRepeat.cpp - cumsum, cumprod, repeat, tile, eye --------------===//
//
// Theano 1.0's extra_ops (CumOp, repeat) and basic's tile, eye and
// identity_like. repeat and tile are built as Theano builds them: x
// broadcast (alloc) to a shape with a new axis of the repetitions next to
// each repeated one, then reshaped to merge each pair, so their gradients
// and call-time size checks are those of alloc and reshape. eye compares two
// aranges.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "Th/IR/ThOps.h"

#include "PythonIntegers.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;

ObjectPtr TensorBuilder::dimSize(const TensorPtr &x, int64_t d, Location loc) {
  auto type = llvm::cast<RankedTensorType>(x->value.getType());
  if (!type.isDynamicDim(d))
    return Interpreter::integer(type.getDimSize(d));
  ObjectPtr shape = shapeOf(x, loc);
  return llvm::cast<TupleObject>(shape.get())->items[d];
}

ObjectPtr TensorBuilder::sizeTimes(const ObjectPtr &a, const ObjectPtr &b,
                                   Location loc) {
  std::optional<int64_t> x = asInt(a), y = asInt(b);
  if (x && y) {
    if (std::optional<int64_t> product = python::multiply(*x, *y))
      return Interpreter::integer(*product);
    interp.error(loc, llvm::formatv("integer overflow: a size of {0} * {1} "
                                    "elements does not fit in 64 bits",
                                    *x, *y));
  }
  if (y == 1)
    return a;
  if (x == 1)
    return b;
  return elemwise(ElemwiseKind::Mul, a, b, loc);
}

/// A repetition count: a non-negative int, or an integer scalar that alloc
/// takes as a size (a dimension of a shape, an input, arithmetic on those:
/// its value is computed and checked non-negative before the call).
static ObjectPtr repetitions(Interpreter &in, const ObjectPtr &value,
                             llvm::StringRef what, Location loc) {
  if (std::optional<int64_t> n = asInt(value)) {
    if (*n < 0)
      in.error(loc,
               llvm::formatv("{0} must not be negative, got {1}", what, *n));
    return value;
  }
  auto *t = dyn_cast<TensorObject>(value.get());
  auto type = t ? llvm::dyn_cast<RankedTensorType>(t->value.getType())
                : RankedTensorType();
  if (type && type.getRank() == 0 && type.getElementType().isInteger())
    return value;
  in.error(loc, what + " must be an int or an integer scalar, got " +
                    (type ? in.tensors().typeString(type) : typeName(value)));
}

TensorPtr TensorBuilder::broadcastTo(const TensorPtr &x,
                                     const ObjectList &sizes,
                                     llvm::StringRef name, Location loc) {
  TensorPtr zeros =
      alloc(Interpreter::integer(0), sizes, dtypeOf(x), name, loc);
  return fillLike(zeros, x, std::nullopt, loc);
}

TensorPtr TensorBuilder::cumulative(bool product, const ObjectPtr &xObj,
                                    const ObjectPtr &axisObj,
                                    llvm::StringRef name, Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  if (dtypeOf(x) == DType::Bool)
    interp.error(loc, name + ": x is bool; cast it to an integer dtype first");
  int64_t rank = rankOf(x);
  int64_t axis = 0;
  if (!axisObj || isa<NoneObject>(axisObj.get())) {
    // Theano: the running total of x flattened.
    x = flatten(x, 1, loc);
  } else {
    std::optional<int64_t> a = asInt(axisObj);
    if (!a)
      interp.error(loc, name + ": axis must be an int or None, got " +
                            typeName(axisObj));
    if (*a >= rank || *a < -rank)
      interp.error(loc, llvm::formatv("{0}: axis {1} is out of bounds for a "
                                      "tensor of rank {2}",
                                      name, *a, rank));
    axis = *a < 0 ? *a + rank : *a;
  }
  Value v = x->value;
  if (product)
    return wrap(th::CumProdOp::create(builder, loc, v.getType(), v, axis,
                                      /*reverse=*/false));
  return wrap(th::CumSumOp::create(builder, loc, v.getType(), v, axis,
                                   /*reverse=*/false));
}

TensorPtr TensorBuilder::repeat(const ObjectPtr &xObj,
                                const ObjectPtr &repeatsObj,
                                const ObjectPtr &axisObj, Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  ObjectPtr count = repeatsObj;
  if (const ObjectList *items = sequenceItems(repeatsObj)) {
    // Theano takes a one-element vector as its scalar.
    if (items->size() != 1)
      interp.error(loc, "repeat: a count per element (a vector of repeats) "
                        "is not supported by tcc yet; give one count");
    count = items->front();
  }
  count = repetitions(interp, count, "repeat: repeats", loc);
  int64_t axis = 0;
  if (!axisObj || isa<NoneObject>(axisObj.get())) {
    x = flatten(x, 1, loc);
  } else {
    std::optional<int64_t> a = asInt(axisObj);
    int64_t rank = rankOf(x);
    if (!a)
      interp.error(loc, "repeat: axis must be an int or None, got " +
                            typeName(axisObj));
    if (*a >= rank || *a < -rank)
      interp.error(loc, llvm::formatv("repeat: axis {0} is out of bounds for "
                                      "a tensor of rank {1}",
                                      *a, rank));
    axis = *a < 0 ? *a + rank : *a;
  }
  int64_t rank = rankOf(x);
  // x with a broadcastable axis after `axis`, broadcast to `count` there,
  // then that axis merged into `axis`.
  std::vector<int64_t> pattern;
  ObjectList expanded, merged;
  for (int64_t d = 0; d < rank; ++d) {
    pattern.push_back(d);
    ObjectPtr size = dimSize(x, d, loc);
    expanded.push_back(size);
    merged.push_back(d == axis ? sizeTimes(size, count, loc) : size);
    if (d == axis) {
      pattern.push_back(-1);
      expanded.push_back(count);
    }
  }
  TensorPtr spread =
      broadcastTo(dimshuffle(x, pattern, loc), expanded, "repeat", loc);
  auto shape = std::make_shared<TupleObject>();
  shape->items = merged;
  return reshape(spread, shape, std::nullopt, loc);
}

TensorPtr TensorBuilder::tile(const ObjectPtr &xObj, const ObjectPtr &repsObj,
                              std::optional<int64_t> ndim, Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  int64_t rank = rankOf(x);
  ObjectList reps;
  if (const ObjectList *items = sequenceItems(repsObj))
    reps = *items;
  else
    reps = {repsObj};
  for (ObjectPtr &r : reps)
    r = repetitions(interp, r, "tile: reps", loc);
  if (ndim && *ndim < rank)
    interp.error(loc, llvm::formatv("tile: ndim ({0}) must be at least the "
                                    "rank of x ({1})",
                                    *ndim, rank));
  if (ndim && static_cast<int64_t>(reps.size()) > *ndim)
    interp.error(
        loc, llvm::formatv("tile: {0} reps for ndim {1}", reps.size(), *ndim));
  int64_t n = ndim.value_or(std::max<int64_t>(reps.size(), rank));
  // Theano pads reps and x's shape with ones on the left, broadcasts x to
  // (reps..., shape...), interleaves the two halves and merges each pair.
  reps.insert(reps.begin(), n - reps.size(), Interpreter::integer(1));
  ObjectList shape(n - rank, Interpreter::integer(1));
  for (int64_t d = 0; d < rank; ++d)
    shape.push_back(dimSize(x, d, loc));
  ObjectList allocShape = reps;
  allocShape.insert(allocShape.end(), shape.begin(), shape.end());
  TensorPtr spread = broadcastTo(x, allocShape, "tile", loc);
  std::vector<int64_t> interleave;
  for (int64_t d = 0; d < n; ++d) {
    interleave.push_back(d);
    interleave.push_back(n + d);
  }
  spread = dimshuffle(spread, interleave, loc);
  auto merged = std::make_shared<TupleObject>();
  for (int64_t d = 0; d < n; ++d)
    merged->items.push_back(sizeTimes(shape[d], reps[d], loc));
  return reshape(spread, merged, std::nullopt, loc);
}

TensorPtr TensorBuilder::eye(const ObjectPtr &n, const ObjectPtr &m,
                             const ObjectPtr &k, DType dtype, Location loc) {
  // (row + k == column) over an n x m grid.
  ObjectPtr columns = m && !isa<NoneObject>(m.get()) ? m : n;
  ObjectPtr one = Interpreter::integer(1);
  TensorPtr rows = arange(Interpreter::integer(0), n, one, DType::Int64, loc);
  TensorPtr cols =
      arange(Interpreter::integer(0), columns, one, DType::Int64, loc);
  rows = dimshuffle(rows, {0, -1}, loc);
  cols = dimshuffle(cols, {-1, 0}, loc);
  if (k && asInt(k) != 0)
    rows = elemwise(ElemwiseKind::Add, rows, k, loc);
  return cast(elemwise(ElemwiseKind::Eq, rows, cols, loc), dtype, loc);
}
