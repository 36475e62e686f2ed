//===- ArrayAttr.cpp - Compile-time arrays <-> MLIR attributes ------------===//

#include "Eval/ArrayAttr.h"

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

DenseElementsAttr eval::toElementsAttr(const numpy::NDArray &array,
                                       Type element) {
  auto type = RankedTensorType::get(array.shape(), element);
  if (element.isInteger(1)) {
    // i1 attributes are bit-packed in MLIR; build them from bools.
    SmallVector<bool> values;
    for (int64_t i = 0; i < array.size(); ++i)
      values.push_back(array.getInt64(i) != 0);
    return DenseElementsAttr::get(type, values);
  }
  const std::vector<uint8_t> &bytes = array.rawBytes();
  return DenseElementsAttr::getFromRawBuffer(
      type, ArrayRef<char>(reinterpret_cast<const char *>(bytes.data()),
                           bytes.size()));
}

static numpy::NestedList toNested(Interpreter &interp, const ObjectPtr &value,
                                  Location loc) {
  using numpy::NestedList;
  using numpy::PyScalar;
  if (auto *b = dyn_cast<BoolObject>(value.get()))
    return NestedList::leaf(PyScalar::ofBool(b->value));
  if (auto *i = dyn_cast<IntObject>(value.get()))
    return NestedList::leaf(PyScalar::ofInt(i->value));
  if (auto *f = dyn_cast<FloatObject>(value.get()))
    return NestedList::leaf(PyScalar::ofFloat(f->value));
  if (const ObjectList *items = sequenceItems(value)) {
    std::vector<NestedList> children;
    for (const ObjectPtr &item : *items)
      children.push_back(toNested(interp, item, loc));
    return NestedList::list(std::move(children));
  }
  if (auto *a = dyn_cast<ArrayObject>(value.get())) {
    // An array inside a list: expand it into nested lists of its elements.
    const numpy::NDArray &arr = a->array;
    std::function<NestedList(int64_t, int64_t)> build =
        [&](int64_t dim, int64_t offset) -> NestedList {
      if (dim == arr.ndim())
        return NestedList::leaf(arr.getItem(offset));
      std::vector<NestedList> children;
      int64_t stride = 1;
      for (int64_t d = dim + 1; d < arr.ndim(); ++d)
        stride *= arr.shape()[d];
      for (int64_t i = 0; i < arr.shape()[dim]; ++i)
        children.push_back(build(dim + 1, offset + i * stride));
      return NestedList::list(std::move(children));
    };
    return build(0, 0);
  }
  if (isa<TensorObject>(value.get()))
    interp.error(loc, "a symbolic tensor cannot be used as a compile-time "
                      "value here (it has no value until the function runs)");
  interp.error(loc, "expected a number, a list of numbers or an array, got " +
                        typeName(value));
}

FailureOr<numpy::NDArray> eval::objectToArray(Interpreter &interp,
                                              const ObjectPtr &value,
                                              Location loc,
                                              std::optional<numpy::DType> dtype) {
  if (auto *a = dyn_cast<ArrayObject>(value.get())) {
    if (!dtype || *dtype == a->array.dtype())
      return a->array;
    numpy::Result<numpy::NDArray> cast = a->array.astype(*dtype);
    if (!cast)
      interp.error(loc, cast.error());
    return cast.take();
  }
  numpy::Result<numpy::NDArray> result =
      numpy::NDArray::fromNested(toNested(interp, value, loc), dtype);
  if (!result)
    interp.error(loc, result.error());
  return result.take();
}
