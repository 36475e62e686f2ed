//===- TensorIndexing.cpp - x[index], set/inc_subtensor, reshape ----------===//
//
// Theano's basic indexing with NumPy's rules: an int drops its dimension,
// a slice keeps it (Python's clipping), None inserts a broadcastable
// dimension. set_subtensor / inc_subtensor take the indexed expression and
// rebuild its index list on the original tensor, as Theano does. Reshape
// and flatten take sizes as ints or int scalars computed from shapes, so
// the manifest can check the element count before the call.
//
//===----------------------------------------------------------------------===//

#include "Eval/ArrayAttr.h"
#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "Th/IR/ThOps.h"

#include "PythonIntegers.h"

#include "mlir/IR/Matchers.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;

Value TensorBuilder::sizeValue(const ObjectPtr &size, llvm::StringRef name,
                               size_t position, Location loc) {
  if (std::optional<int64_t> n = asInt(size))
    return constant(*numpy::NDArray::scalar(double(*n), DType::Int64), loc)
        ->value;
  auto t = std::dynamic_pointer_cast<TensorObject>(size);
  if (!t || rankOf(t) != 0 || !numpy::isInteger(dtypeOf(t)))
    interp.error(loc, llvm::formatv("{0}: size {1} must be an int or an "
                                    "integer scalar, not {2}",
                                    name, position,
                                    t ? typeString(t->value.getType())
                                      : typeName(size)));
  return castValue(t->value, DType::Int64, loc);
}

/// The constant an int64 scalar holds, or the static size of the dimension
/// a th.shape_i reads.
static std::optional<int64_t> staticSize(Value size) {
  DenseIntElementsAttr attr;
  if (matchPattern(size, m_Constant(&attr)))
    return (*attr.begin()).getSExtValue();
  if (auto dim = size.getDefiningOp<th::ShapeIOp>()) {
    int64_t n = dim.getInput().getType().getDimSize(dim.getDim());
    if (!ShapedType::isDynamic(n))
      return n;
  }
  return std::nullopt;
}

static std::string shapeString(ArrayRef<int64_t> shape) {
  std::string out = "(";
  for (auto [i, d] : llvm::enumerate(shape))
    out += (i ? ", " : "") +
           (ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d));
  return out + (shape.size() == 1 ? ",)" : ")");
}

//===----------------------------------------------------------------------===//
// Indexing
//===----------------------------------------------------------------------===//

TensorPtr TensorBuilder::subtensor(const TensorPtr &x, const ObjectPtr &index,
                                   Location loc) {
  ObjectList items;
  if (auto *tuple = dyn_cast<TupleObject>(index.get()))
    items = tuple->items;
  else
    items = {index};

  // An integer array (a tensor of rank > 0 or a list) makes the whole
  // index advanced, as in NumPy.
  for (const ObjectPtr &item : items) {
    auto *t = dyn_cast<TensorObject>(item.get());
    auto *a = dyn_cast<ArrayObject>(item.get());
    if (isa<ListObject>(item.get()) || (a && a->array.ndim() > 0) ||
        (t && rankOf(std::static_pointer_cast<TensorObject>(item)) > 0))
      return advancedSubtensor(x, items, loc);
  }

  auto bound = [&](const ObjectPtr &v, llvm::StringRef what) {
    th::IndexBound b;
    if (isa<NoneObject>(v.get()))
      return b;
    if (std::optional<int64_t> i = asInt(v)) {
      b.constant = *i;
      return b;
    }
    auto *t = dyn_cast<TensorObject>(v.get());
    if (!t || rankOf(std::static_pointer_cast<TensorObject>(v)) != 0 ||
        !numpy::isInteger(dtypeOf(std::static_pointer_cast<TensorObject>(v))))
      interp.error(loc, llvm::formatv("slice {0} must be an int, an integer "
                                      "scalar or None, not {1}",
                                      what, typeName(v)));
    b.dynamic = castValue(t->value, DType::Int64, loc);
    return b;
  };

  SmallVector<th::IndexEntry> entries;
  SmallVector<int64_t> newAxes; // Positions of None in the result.
  int64_t rank = rankOf(x);
  for (const ObjectPtr &item : items) {
    int64_t resultDim = entries.size() + newAxes.size() -
                        llvm::count_if(entries, [](const th::IndexEntry &e) {
                          return e.isIndex;
                        });
    if (isa<NoneObject>(item.get())) {
      newAxes.push_back(resultDim);
      continue;
    }
    if (static_cast<int64_t>(entries.size()) == rank)
      interp.error(loc, llvm::formatv("too many indices for a tensor of rank "
                                      "{0}",
                                      rank));
    th::IndexEntry e;
    if (auto *slice = dyn_cast<SliceObject>(item.get())) {
      e.start = bound(slice->lower, "start");
      e.stop = bound(slice->upper, "stop");
      e.step = bound(slice->step, "step");
      if (e.step.dynamic)
        interp.error(loc, "a slice step computed at run time is not "
                          "supported by tcc; use a constant step");
      if (e.step.constant == 0)
        interp.error(loc, "slice step cannot be zero");
    } else if (std::optional<int64_t> i = asInt(item)) {
      e.isIndex = true;
      e.start.constant = *i;
    } else if (auto *t = dyn_cast<TensorObject>(item.get())) {
      auto tensor = std::static_pointer_cast<TensorObject>(item);
      if (dtypeOf(tensor) == DType::Bool)
        interp.error(loc, "a 0-d boolean index is not supported by tcc; "
                          "use T.switch(cond, x, y) or ifelse");
      if (!numpy::isInteger(dtypeOf(tensor)))
        interp.error(loc, "an index must be an integer, not a " +
                              typeString(t->value.getType()));
      // Checked by the kernel where it reads it (th.check_index).
      e.isIndex = true;
      e.start.dynamic = castValue(tensor->value, DType::Int64, loc);
    } else {
      interp.error(loc, "tensor indices must be ints, slices or None, not " +
                            typeName(item));
    }
    entries.push_back(e);
  }

  th::IndexList list = th::buildIndexList(entries);
  std::string why;
  FailureOr<RankedTensorType> type = th::inferSubtensorType(
      llvm::cast<RankedTensorType>(x->value.getType()), list.starts, list.stops,
      list.steps, list.dynamic, why);
  if (failed(type))
    interp.error(loc, why);
  Value result =
      th::SubtensorOp::create(builder, loc, *type, x->value, list.dynamic,
                              list.starts, list.stops, list.steps);
  if (newAxes.empty())
    return wrap(result);
  // None: broadcastable dimensions inserted where they appeared.
  SmallVector<int64_t> pattern;
  int64_t next = 0;
  int64_t outRank = type->getRank() + newAxes.size();
  for (int64_t d = 0; d < outRank; ++d)
    pattern.push_back(llvm::is_contained(newAxes, d) ? -1 : next++);
  return dimshuffle(wrap(result),
                    std::vector<int64_t>(pattern.begin(), pattern.end()), loc);
}

TensorPtr TensorBuilder::nonzero(const TensorPtr &mask,
                                 const TensorPtr &indexed, int64_t first,
                                 Location loc) {
  auto maskType = llvm::cast<RankedTensorType>(mask->value.getType());
  int64_t k = maskType.getRank();
  if (k == 0)
    interp.error(loc, "nonzero: a scalar has no nonzero elements to index; "
                      "give a tensor of rank 1 or more");
  SmallVector<Value> sizes;
  if (indexed) {
    // NumPy's IndexError where the sizes are known now; the manifest
    // checks the others before the call.
    auto type = llvm::cast<RankedTensorType>(indexed->value.getType());
    for (int64_t i = 0; i < k; ++i) {
      int64_t is = type.getDimSize(first + i), ms = maskType.getDimSize(i);
      if (!ShapedType::isDynamic(is) && !ShapedType::isDynamic(ms) && is != ms)
        interp.error(loc, llvm::formatv("boolean index did not match indexed "
                                        "array along dimension {0}; dimension "
                                        "is {1} but corresponding boolean "
                                        "dimension is {2}",
                                        first + i, is, ms));
      sizes.push_back(th::ShapeIOp::create(builder, loc, indexed->value,
                                           first + i));
    }
  }
  auto type = RankedTensorType::get({k, ShapedType::kDynamic},
                                    builder.getI64Type());
  return wrap(th::NonzeroOp::create(builder, loc, type, mask->value, sizes));
}

std::vector<TensorPtr> TensorBuilder::rowsOf(const TensorPtr &x,
                                             Location loc) {
  auto type = llvm::cast<RankedTensorType>(x->value.getType());
  assert(type.getRank() > 0 && !type.isDynamicDim(0) && "unknown row count");
  std::vector<TensorPtr> rows;
  for (int64_t i = 0; i < type.getDimSize(0); ++i) {
    th::IndexEntry row;
    row.isIndex = true;
    row.start.constant = i;
    rows.push_back(wrap(th::SubtensorOp::create(builder, loc, x->value,
                                                th::buildIndexList({row}))));
  }
  return rows;
}

/// The attribute marking an advanced_subtensor whose input is the slices
/// of its own index expression (`x[1:, idx]`), so inc/set_subtensor can
/// update x itself.
static constexpr llvm::StringLiteral kSlicedFirst = "th.sliced_first";

TensorPtr TensorBuilder::advancedSubtensor(const TensorPtr &x,
                                           const ObjectList &items,
                                           Location loc) {
  int64_t rank = rankOf(x);
  SmallVector<th::IndexEntry> slices;
  SmallVector<Value> arrays;
  SmallVector<int64_t> axes;
  bool sliced = false;
  auto tooMany = [&] {
    interp.error(loc, llvm::formatv("too many indices for a tensor of rank "
                                    "{0}",
                                    rank));
  };
  // `d` is the input dimension the item indexes; a mask of rank k indexes k.
  int64_t d = 0;
  for (const ObjectPtr &item : items) {
    if (d == rank)
      tooMany();
    th::IndexEntry e; // `:` unless a slice says otherwise.
    if (auto *slice = dyn_cast<SliceObject>(item.get())) {
      for (auto [bound, v] : {std::pair{&e.start, slice->lower},
                              std::pair{&e.stop, slice->upper},
                              std::pair{&e.step, slice->step}}) {
        if (isa<NoneObject>(v.get()))
          continue;
        std::optional<int64_t> i = asInt(v);
        if (!i)
          interp.error(loc, "slices combined with integer arrays must have "
                            "constant bounds in tcc (" +
                                typeName(v) + " given)");
        bound->constant = *i;
      }
      if (e.step.constant == 0)
        interp.error(loc, "slice step cannot be zero");
      sliced |= !e.isFullSlice();
      slices.push_back(e);
      ++d;
      continue;
    }
    if (isa<NoneObject>(item.get()))
      interp.error(loc, "None combined with integer arrays in an index is "
                        "not supported by tcc yet");
    TensorPtr index;
    if (isa<ListObject, TupleObject>(item.get())) {
      FailureOr<numpy::NDArray> array = objectToArray(interp, item, loc);
      if (failed(array))
        interp.error(loc, "an index list must hold integers");
      index = constant(*array, loc);
    } else if (asInt(item) || isa<TensorObject, ArrayObject>(item.get())) {
      index = asTensor(item, loc);
    } else {
      interp.error(loc, "tensor indices must be ints, slices, None or "
                        "integer arrays, not " +
                            typeName(item));
    }
    DType dtype = dtypeOf(index);
    if (dtype == DType::Bool) {
      // NumPy's x[mask] is x[mask.nonzero()]: one index array per mask
      // dimension.
      int64_t k = rankOf(index);
      if (k == 0)
        interp.error(loc, "a 0-d boolean index is not supported by tcc; "
                          "use T.switch(cond, x, y) or ifelse");
      if (d + k > rank)
        tooMany();
      std::vector<TensorPtr> rows = rowsOf(nonzero(index, x, d, loc), loc);
      for (int64_t i = 0; i < k; ++i) {
        slices.push_back(th::IndexEntry{});
        arrays.push_back(rows[i]->value);
        axes.push_back(d++);
      }
      continue;
    }
    if (!numpy::isInteger(dtype))
      interp.error(loc, "an index must be an integer, not a " +
                            typeString(index->value.getType()));
    slices.push_back(e);
    arrays.push_back(castValue(index->value, DType::Int64, loc));
    axes.push_back(d++);
  }

  Value base = x->value;
  if (sliced) {
    th::IndexList list = th::buildIndexList(slices);
    base = th::SubtensorOp::create(builder, loc, base, list);
  }
  auto type = llvm::cast<RankedTensorType>(base.getType());
  std::string why;
  FailureOr<th::AdvancedLayout> layout =
      th::getAdvancedLayout(type, ValueRange(arrays).getTypes(), axes, why);
  if (failed(layout))
    interp.error(loc, why);
  auto op = th::AdvancedSubtensorOp::create(
      builder, loc, th::getAdvancedResultType(type, *layout), base, arrays,
      axes);
  if (sliced)
    op->setAttr(kSlicedFirst, builder.getUnitAttr());
  return wrap(op.getResult());
}

TensorPtr TensorBuilder::incSubtensor(const ObjectPtr &target,
                                      const ObjectPtr &yObj, bool set,
                                      llvm::StringRef name, Location loc) {
  auto *t = dyn_cast<TensorObject>(target.get());
  Operation *indexing = t ? t->value.getDefiningOp() : nullptr;
  if (!isa_and_nonnull<th::SubtensorOp, th::AdvancedSubtensorOp>(indexing))
    interp.error(loc,
                 name +
                     ": the first argument must be an indexed tensor "
                     "such as x[1:], not " +
                     (t ? typeString(t->value.getType()) : typeName(target)));
  TensorPtr y = asTensor(yObj, loc);
  auto region = llvm::cast<RankedTensorType>(t->value.getType());
  auto input =
      llvm::cast<RankedTensorType>(indexing->getOperand(0).getType());
  if (rankOf(y) > region.getRank())
    interp.error(loc, llvm::formatv("{0}: trying to {1} a {2}-dimensional "
                                    "subtensor with a {3}-dimensional value",
                                    name, set ? "set" : "increment",
                                    region.getRank(), rankOf(y)));
  Value value = castValue(y->value, dtypeOf(input.getElementType()), loc);
  auto valueType = llvm::cast<RankedTensorType>(value.getType());
  int64_t offset = region.getRank() - valueType.getRank();
  for (int64_t d = 0; d < valueType.getRank(); ++d) {
    int64_t v = valueType.getDimSize(d), r = region.getDimSize(d + offset);
    if (v != 1 && !ShapedType::isDynamic(v) && !ShapedType::isDynamic(r) &&
        v != r)
      interp.error(loc, llvm::formatv("{0}: a value of shape {1} does not "
                                      "broadcast to the region's shape {2}",
                                      name, shapeString(valueType.getShape()),
                                      shapeString(region.getShape())));
  }
  auto basic = [&](th::SubtensorOp sub, Value value) -> Value {
    th::IndexList list{
        llvm::to_vector(sub.getStarts()), llvm::to_vector(sub.getStops()),
        llvm::to_vector(sub.getSteps()), llvm::to_vector<4>(sub.getDynamic())};
    if (set)
      return th::SetSubtensorOp::create(builder, loc, sub.getInput(), value,
                                        list);
    return th::IncSubtensorOp::create(builder, loc, sub.getInput(), value,
                                      list);
  };
  if (auto sub = llvm::dyn_cast<th::SubtensorOp>(indexing))
    return wrap(basic(sub, value));

  // Advanced: update the indexed tensor, then, for `x[1:, idx]`, put the
  // updated slices back into x (Theano updates x itself).
  auto gather = llvm::cast<th::AdvancedSubtensorOp>(indexing);
  Value base = gather.getInput();
  Value updated =
      set ? Value(th::AdvancedSetSubtensorOp::create(
                builder, loc, base.getType(), base, value,
                gather.getIndices(), gather.getAxes()))
          : Value(th::AdvancedIncSubtensorOp::create(
                builder, loc, base.getType(), base, value,
                gather.getIndices(), gather.getAxes()));
  if (!gather->hasAttr(kSlicedFirst))
    return wrap(updated);
  auto slices = base.getDefiningOp<th::SubtensorOp>();
  th::IndexList list{
      llvm::to_vector(slices.getStarts()), llvm::to_vector(slices.getStops()),
      llvm::to_vector(slices.getSteps()), llvm::to_vector<4>(slices.getDynamic())};
  return wrap(th::SetSubtensorOp::create(builder, loc, slices.getInput(),
                                         updated, list));
}

//===----------------------------------------------------------------------===//
// Reshape and flatten
//===----------------------------------------------------------------------===//

TensorPtr TensorBuilder::reshape(const ObjectPtr &xObj, const ObjectPtr &shape,
                                 std::optional<int64_t> ndim, Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  ObjectList sizeObjs;
  if (isa<ListObject, TupleObject>(shape.get()))
    sizeObjs = iterate(interp, shape, loc);
  else
    sizeObjs = {shape};
  if (ndim && *ndim != static_cast<int64_t>(sizeObjs.size()))
    interp.error(loc, llvm::formatv("reshape: ndim={0} but the shape has {1} "
                                    "sizes",
                                    *ndim, sizeObjs.size()));
  SmallVector<Value> sizes;
  SmallVector<int64_t> shapeOut;
  SmallVector<int64_t> knownSizes;
  int rest = -1;
  bool allStatic = true;
  for (auto [i, s] : llvm::enumerate(sizeObjs)) {
    sizes.push_back(sizeValue(s, "reshape", i, loc));
    std::optional<int64_t> n = staticSize(sizes.back());
    if (n == -1) {
      if (rest >= 0)
        interp.error(loc, "reshape: can only specify one unknown size (-1)");
      rest = i;
      shapeOut.push_back(ShapedType::kDynamic);
      continue;
    }
    if (n && *n < 0)
      interp.error(loc,
                   llvm::formatv("reshape: size {0} is negative ({1})", i, *n));
    shapeOut.push_back(n ? *n : ShapedType::kDynamic);
    allStatic &= n.has_value();
    if (n)
      knownSizes.push_back(*n);
  }
  std::optional<int64_t> known = python::elementCount(knownSizes);
  if (!known)
    interp.error(loc, llvm::formatv("integer overflow: reshape: the sizes {0} "
                                    "hold more elements than fit in 64 bits",
                                    shapeString(shapeOut)));
  auto inType = llvm::cast<RankedTensorType>(x->value.getType());
  if (allStatic && inType.hasStaticShape()) {
    std::optional<int64_t> count = python::elementCount(inType.getShape());
    if (!count)
      interp.error(loc, llvm::formatv("integer overflow: reshape: a tensor of "
                                      "shape {0} has more elements than fit in "
                                      "64 bits",
                                      shapeString(inType.getShape())));
    bool ok = rest < 0 ? *count == *known : *known != 0 && *count % *known == 0;
    if (!ok)
      interp.error(loc, llvm::formatv("cannot reshape a tensor of size {0} "
                                      "into shape {1}",
                                      *count, shapeString(shapeOut)));
    if (rest >= 0)
      shapeOut[rest] = *count / *known;
  }
  auto type = RankedTensorType::get(shapeOut, inType.getElementType());
  return wrap(th::ReshapeOp::create(builder, loc, type, x->value, sizes));
}

TensorPtr TensorBuilder::flatten(const ObjectPtr &xObj, int64_t ndim,
                                 Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  int64_t rank = rankOf(x);
  if (ndim < 1 || ndim > std::max<int64_t>(rank, 1))
    interp.error(loc, llvm::formatv("flatten: ndim must be between 1 and the "
                                    "rank ({0}), got {1}",
                                    rank, ndim));
  ObjectList sizes;
  for (int64_t d = 0; d + 1 < ndim; ++d)
    sizes.push_back(
        wrap(th::ShapeIOp::create(builder, loc, x->value, d).getResult()));
  // The last size is the product of the rest (not -1: a zero-size tensor
  // keeps its shape, as in Theano).
  std::vector<int64_t> rest;
  for (int64_t d = std::max<int64_t>(ndim - 1, 0); d < rank; ++d)
    rest.push_back(d);
  ObjectPtr last = sizeProduct(x, rest, loc);
  sizes.push_back(last);
  auto tuple = std::make_shared<TupleObject>();
  tuple->items = sizes;
  return reshape(x, tuple, std::nullopt, loc);
}
