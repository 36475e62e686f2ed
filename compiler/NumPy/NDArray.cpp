//===- NDArray.cpp - A compile-time NumPy array: storage and creation -----===//

#include "NumPy/NDArray.h"

#include "NumPy/Element.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

namespace tcc::numpy {

using namespace detail;

namespace {

/// The evaluator runs inside the compiler: refuse arrays that would exhaust
/// its memory rather than crash (2^28 float64 elements are 2 GiB).
constexpr int64_t kMaxElements = int64_t(1) << 28;

template <typename T> T load(const uint8_t *base, int64_t index) {
  T value;
  std::memcpy(&value, base + index * sizeof(T), sizeof(T));
  return value;
}

template <typename T> void store(uint8_t *base, int64_t index, T value) {
  std::memcpy(base + index * sizeof(T), &value, sizeof(T));
}

Result<Shape> checkShape(const Shape &shape) {
  int64_t total = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      return makeError("negative dimensions are not allowed");
    if (dim != 0 && total > kMaxElements / dim)
      return makeError("array of shape " + shapeToString(shape) +
                       " is too large for compile-time evaluation");
    total *= dim;
  }
  if (total > kMaxElements)
    return makeError("array of shape " + shapeToString(shape) +
                     " is too large for compile-time evaluation");
  return shape;
}

/// Python's int(float) followed by NumPy's store of a Python int: errors for
/// nan and inf, wrap-around for ints outside the dtype (NumPy 1.24 only
/// warns about those).
Result<int64_t> pythonIntOfFloat(double value) {
  if (std::isnan(value))
    return makeError("cannot convert float NaN to integer");
  if (std::isinf(value))
    return makeError("cannot convert float infinity to integer");
  double truncated = std::trunc(value);
  if (!(truncated >= -9223372036854775808.0 &&
        truncated < 9223372036854775808.0))
    return makeError("Python int too large to convert to C long");
  return static_cast<int64_t>(truncated);
}

/// Stores a Python number into element `index` as np.array(..., dtype) does.
template <typename T>
Result<bool> storePyScalar(uint8_t *base, int64_t index,
                           const PyScalar &value) {
  if (value.isFloat()) {
    if constexpr (isIntV<T>) {
      Result<int64_t> asInt = pythonIntOfFloat(value.floatValue);
      if (!asInt)
        return asInt.takeError();
      store<T>(base, index, castElement<T>(*asInt));
    } else {
      store<T>(base, index, castElement<T>(value.floatValue));
    }
  } else if (value.isBool()) {
    store<T>(base, index, castElement<T>(value.intValue != 0));
  } else {
    store<T>(base, index, castElement<T>(value.intValue));
  }
  return true;
}

/// The shape np.asarray would give a nested list: the lengths along the
/// first element at each depth, then checked against every element.
Shape firstPathShape(const NestedList &value) {
  Shape shape;
  const NestedList *node = &value;
  while (!node->isLeaf()) {
    shape.push_back(static_cast<int64_t>(node->items.size()));
    if (node->items.empty())
      break;
    node = &node->items.front();
  }
  return shape;
}

bool matchesShape(const NestedList &value, const Shape &shape, size_t depth,
                  size_t &badDepth) {
  if (depth == shape.size()) {
    if (value.isLeaf())
      return true;
    badDepth = depth;
    return false;
  }
  if (value.isLeaf() ||
      static_cast<int64_t>(value.items.size()) != shape[depth]) {
    badDepth = depth;
    return false;
  }
  for (const NestedList &item : value.items)
    if (!matchesShape(item, shape, depth + 1, badDepth))
      return false;
  return true;
}

Result<Shape> inferShape(const NestedList &value) {
  Shape shape = firstPathShape(value);
  size_t badDepth = 0;
  if (!matchesShape(value, shape, 0, badDepth))
    return makeError(
        "setting an array element with a sequence. The "
        "requested array has an inhomogeneous shape after " +
        std::to_string(badDepth) +
        " dimensions. The detected "
        "shape was " +
        shapeToString(Shape(shape.begin(), shape.begin() + badDepth)) +
        " + inhomogeneous part.");
  return shape;
}

void collectLeaves(const NestedList &value, std::vector<PyScalar> &leaves) {
  if (value.isLeaf()) {
    leaves.push_back(*value.scalar);
    return;
  }
  for (const NestedList &item : value.items)
    collectLeaves(item, leaves);
}

} // namespace

//===----------------------------------------------------------------------===//
// PyScalar, NestedList
//===----------------------------------------------------------------------===//

PyScalar PyScalar::ofBool(bool value) {
  PyScalar s;
  s.kind = Kind::Bool;
  s.intValue = value;
  return s;
}

PyScalar PyScalar::ofInt(int64_t value) {
  PyScalar s;
  s.kind = Kind::Int;
  s.intValue = value;
  return s;
}

PyScalar PyScalar::ofFloat(double value) {
  PyScalar s;
  s.kind = Kind::Float;
  s.floatValue = value;
  return s;
}

double PyScalar::asDouble() const {
  return isFloat() ? floatValue : static_cast<double>(intValue);
}

DType PyScalar::numpyDType() const {
  switch (kind) {
  case Kind::Bool:
    return DType::Bool;
  case Kind::Int:
    return DType::Int64;
  case Kind::Float:
    return DType::Float64;
  }
  return DType::Float64;
}

NestedList NestedList::leaf(PyScalar value) {
  NestedList result;
  result.scalar = value;
  return result;
}

NestedList NestedList::list(std::vector<NestedList> items) {
  NestedList result;
  result.items = std::move(items);
  return result;
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

int64_t shapeSize(const Shape &shape) {
  int64_t total = 1;
  for (int64_t dim : shape)
    total *= dim;
  return total;
}

std::string shapeToString(const Shape &shape, bool compact) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      text += compact ? "," : ", ";
    text += std::to_string(shape[i]);
  }
  if (shape.size() == 1)
    text += ",";
  return text + ")";
}

Result<DType> checkSupportedDType(DType dtype) {
  if (isComplex(dtype))
    return makeError("complex arrays (" + std::string(dtypeName(dtype)) +
                     ") are not supported in compile-time NumPy");
  return dtype;
}

//===----------------------------------------------------------------------===//
// NDArray: creation
//===----------------------------------------------------------------------===//

NDArray::NDArray() : bytes(sizeof(double), 0) {}

NDArray NDArray::allocate(DType dtype, Shape shape) {
  NDArray array;
  array.elementType = dtype;
  array.dims = std::move(shape);
  array.bytes.assign(shapeSize(array.dims) * dtypeSize(dtype), 0);
  return array;
}

Result<NDArray> NDArray::fromNested(const NestedList &value,
                                    std::optional<DType> dtype) {
  Result<Shape> inferred = inferShape(value);
  if (!inferred)
    return inferred.takeError();
  Shape shape = inferred.take();
  if (Result<Shape> ok = checkShape(shape); !ok)
    return ok.takeError();
  std::vector<PyScalar> leaves;
  collectLeaves(value, leaves);

  // np.asarray's discovery: any float -> float64, else any int -> int64,
  // all bools -> bool; an empty list is float64.
  DType discovered = leaves.empty() ? DType::Float64 : DType::Bool;
  for (const PyScalar &leaf : leaves) {
    if (leaf.isFloat())
      discovered = DType::Float64;
    else if (leaf.isInt() && discovered == DType::Bool)
      discovered = DType::Int64;
  }
  DType target = dtype.value_or(discovered);
  if (Result<DType> ok = checkSupportedDType(target); !ok)
    return ok.takeError();

  NDArray array = allocate(target, shape);
  Result<bool> stored = dispatchDType(target, [&](auto tag) -> Result<bool> {
    using T = typename decltype(tag)::type;
    for (size_t i = 0; i < leaves.size(); ++i)
      if (Result<bool> ok = storePyScalar<T>(array.data(), i, leaves[i]); !ok)
        return ok;
    return true;
  });
  if (!stored)
    return stored.takeError();
  return array;
}

Result<NDArray> NDArray::fromScalar(PyScalar value,
                                    std::optional<DType> dtype) {
  return fromNested(NestedList::leaf(value), dtype);
}

Result<NDArray> NDArray::scalar(double value, DType dtype) {
  return fromDoubles({}, {value}, dtype);
}

Result<NDArray> NDArray::zeros(const Shape &shape, DType dtype) {
  if (Result<Shape> ok = checkShape(shape); !ok)
    return ok.takeError();
  if (Result<DType> ok = checkSupportedDType(dtype); !ok)
    return ok.takeError();
  return allocate(dtype, shape);
}

Result<NDArray> NDArray::ones(const Shape &shape, DType dtype) {
  return full(shape, PyScalar::ofInt(1), dtype);
}

Result<NDArray> NDArray::full(const Shape &shape, PyScalar fill,
                              std::optional<DType> dtype) {
  Result<NDArray> array = zeros(shape, dtype.value_or(fill.numpyDType()));
  if (!array)
    return array;
  // np.full copies the fill value with casting='unsafe' from its own dtype,
  // so a float fill truncates into an integer array like astype.
  dispatchDType(array->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T converted = fill.isFloat()  ? castElement<T>(fill.floatValue)
                  : fill.isBool() ? castElement<T>(fill.intValue != 0)
                                  : castElement<T>(fill.intValue);
    for (int64_t i = 0, e = array->size(); i < e; ++i)
      store<T>(array->data(), i, converted);
  });
  return array;
}

Result<NDArray> NDArray::arange(PyScalar start, PyScalar stop, PyScalar step,
                                std::optional<DType> dtype) {
  bool allInts = !start.isFloat() && !stop.isFloat() && !step.isFloat();
  double stepValue = step.asDouble();
  if (stepValue == 0)
    return makeError("division by zero");
  // _calc_length: ceil((stop - start) / step) computed on Python numbers.
  double quotient;
  if (allInts)
    quotient = (static_cast<double>(static_cast<__int128>(stop.intValue) -
                                    start.intValue)) /
               static_cast<double>(step.intValue);
  else
    quotient = (stop.asDouble() - start.asDouble()) / stepValue;
  if (std::isnan(quotient))
    return makeError("arange: cannot compute length");
  double lengthValue = std::ceil(quotient);
  if (lengthValue > static_cast<double>(kMaxElements))
    return makeError("Maximum allowed size exceeded");
  int64_t length = lengthValue > 0 ? static_cast<int64_t>(lengthValue) : 0;

  DType target = dtype.value_or(allInts ? DType::Int64 : DType::Float64);
  Result<NDArray> array = zeros({length}, target);
  if (!array || length == 0)
    return array;
  // NumPy stores start and start + step (added as Python numbers), then its
  // dtype's fill() extrapolates: buffer[i] = start + i * (buffer[1] -
  // buffer[0]) in the element type (float for float16).
  // (With two elements or more, start + step lies before stop: no overflow.)
  PyScalar second =
      allInts ? PyScalar::ofInt(length > 1 ? start.intValue + step.intValue
                                           : start.intValue)
              : PyScalar::ofFloat(start.asDouble() + stepValue);
  Result<bool> filled = dispatchDType(target, [&](auto tag) -> Result<bool> {
    using T = typename decltype(tag)::type;
    uint8_t *base = array->data();
    if (Result<bool> ok = storePyScalar<T>(base, 0, start); !ok)
      return ok;
    if (length == 1)
      return true;
    if (Result<bool> ok = storePyScalar<T>(base, 1, second); !ok)
      return ok;
    if constexpr (isBoolV<T>) {
      if (length > 2)
        return makeError("no fill-function for data-type.");
    } else if constexpr (isHalfV<T>) {
      float first = static_cast<float>(halfToDouble(load<T>(base, 0).bits));
      float delta =
          static_cast<float>(halfToDouble(load<T>(base, 1).bits)) - first;
      for (int64_t i = 2; i < length; ++i)
        store<T>(base, i,
                 castElement<T>(first + static_cast<float>(i) * delta));
    } else if constexpr (isIntV<T>) {
      using U = std::make_unsigned_t<T>;
      U first = static_cast<U>(load<T>(base, 0));
      U delta = static_cast<U>(load<T>(base, 1)) - first;
      for (int64_t i = 2; i < length; ++i)
        store<T>(base, i, static_cast<T>(first + static_cast<U>(i) * delta));
    } else {
      T first = load<T>(base, 0);
      T delta = load<T>(base, 1) - first;
      for (int64_t i = 2; i < length; ++i)
        store<T>(base, i, static_cast<T>(first + static_cast<T>(i) * delta));
    }
    return true;
  });
  if (!filled)
    return filled.takeError();
  return array;
}

Result<NDArray> NDArray::linspace(double start, double stop, int64_t num,
                                  bool endpoint, std::optional<DType> dtype) {
  if (num < 0)
    return makeError("Number of samples, " + std::to_string(num) +
                     ", must be non-negative.");
  if (Result<Shape> ok = checkShape({num}); !ok)
    return ok.takeError();
  int64_t div = endpoint ? num - 1 : num;
  double delta = stop - start;
  std::vector<double> values(num);
  for (int64_t i = 0; i < num; ++i)
    values[i] = static_cast<double>(i);
  if (div > 0) {
    double step = delta / static_cast<double>(div);
    for (double &y : values) {
      if (step == 0) // NumPy's special case for denormal steps (gh-5437).
        y = y / static_cast<double>(div) * delta;
      else
        y *= step;
    }
  } else {
    for (double &y : values)
      y *= delta;
  }
  for (double &y : values)
    y += start;
  if (endpoint && num > 1)
    values.back() = stop;
  DType target = dtype.value_or(DType::Float64);
  if (isInteger(target))
    for (double &y : values)
      y = std::floor(y);
  return fromDoubles({num}, values, target);
}

/// fromDoubles and fromInt64s: values converted to `dtype` as astype does.
template <typename V>
static Result<NDArray> fromValues(const Shape &shape,
                                  const std::vector<V> &values, DType dtype) {
  if (Result<Shape> ok = checkShape(shape); !ok)
    return ok.takeError();
  if (Result<DType> ok = checkSupportedDType(dtype); !ok)
    return ok.takeError();
  if (static_cast<int64_t>(values.size()) != shapeSize(shape))
    return makeError("cannot build an array of shape " + shapeToString(shape) +
                     " from " + std::to_string(values.size()) + " values");
  NDArray array = NDArray::allocate(dtype, shape);
  dispatchDType(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    for (size_t i = 0; i < values.size(); ++i)
      store<T>(array.data(), i, castElement<T>(values[i]));
  });
  return array;
}

Result<NDArray> NDArray::fromDoubles(const Shape &shape,
                                     const std::vector<double> &values,
                                     DType dtype) {
  return fromValues(shape, values, dtype);
}

Result<NDArray> NDArray::fromInt64s(const Shape &shape,
                                    const std::vector<int64_t> &values,
                                    DType dtype) {
  return fromValues(shape, values, dtype);
}

Result<NDArray> NDArray::fromRawBytes(const Shape &shape, DType dtype,
                                      std::vector<uint8_t> raw) {
  if (Result<Shape> ok = checkShape(shape); !ok)
    return ok.takeError();
  if (Result<DType> ok = checkSupportedDType(dtype); !ok)
    return ok.takeError();
  if (static_cast<int64_t>(raw.size()) != shapeSize(shape) * dtypeSize(dtype))
    return makeError(
        "expected " + std::to_string(shapeSize(shape) * dtypeSize(dtype)) +
        " bytes for an array of shape " + shapeToString(shape) + " and dtype " +
        std::string(dtypeName(dtype)) + ", got " + std::to_string(raw.size()));
  NDArray array;
  array.elementType = dtype;
  array.dims = shape;
  array.bytes = std::move(raw);
  if (dtype == DType::Bool) // Canonicalize: NumPy reads any nonzero as True.
    for (uint8_t &byte : array.bytes)
      byte = byte != 0;
  return array;
}

//===----------------------------------------------------------------------===//
// NDArray: elements
//===----------------------------------------------------------------------===//

int64_t NDArray::size() const { return shapeSize(dims); }

double NDArray::getDouble(int64_t index) const {
  return dispatchDType(elementType, [&](auto tag) {
    using T = typename decltype(tag)::type;
    return castElement<double>(load<T>(data(), index));
  });
}

int64_t NDArray::getInt64(int64_t index) const {
  return dispatchDType(elementType, [&](auto tag) {
    using T = typename decltype(tag)::type;
    return castElement<int64_t>(load<T>(data(), index));
  });
}

PyScalar NDArray::getItem(int64_t index) const {
  if (elementType == DType::Bool)
    return PyScalar::ofBool(getInt64(index) != 0);
  if (isInteger(elementType))
    return PyScalar::ofInt(getInt64(index));
  return PyScalar::ofFloat(getDouble(index));
}

Result<PyScalar> NDArray::item() const {
  if (size() != 1)
    return makeError("can only convert an array of size 1 to a Python scalar");
  return getItem(0);
}

void NDArray::setDouble(int64_t index, double value) {
  dispatchDType(elementType, [&](auto tag) {
    using T = typename decltype(tag)::type;
    store<T>(data(), index, castElement<T>(value));
  });
}

//===----------------------------------------------------------------------===//
// NDArray: conversions and views
//===----------------------------------------------------------------------===//

Result<NDArray> NDArray::astype(DType dtype) const {
  if (Result<DType> ok = checkSupportedDType(dtype); !ok)
    return ok.takeError();
  NDArray result = allocate(dtype, dims);
  int64_t count = size();
  dispatchDType(elementType, [&](auto fromTag) {
    using From = typename decltype(fromTag)::type;
    dispatchDType(dtype, [&](auto toTag) {
      using To = typename decltype(toTag)::type;
      for (int64_t i = 0; i < count; ++i)
        store<To>(result.data(), i, castElement<To>(load<From>(data(), i)));
    });
  });
  return result;
}

Result<NDArray> NDArray::reshape(const Shape &newShape) const {
  Shape resolved = newShape;
  int64_t unknown = -1, known = 1;
  for (size_t i = 0; i < resolved.size(); ++i) {
    if (resolved[i] == -1) {
      if (unknown >= 0)
        return makeError("can only specify one unknown dimension");
      unknown = static_cast<int64_t>(i);
    } else if (resolved[i] < 0) {
      return makeError("negative dimensions not allowed");
    } else {
      known *= resolved[i];
    }
  }
  auto mismatch = [&] {
    return makeError("cannot reshape array of size " + std::to_string(size()) +
                     " into shape " + shapeToString(newShape));
  };
  if (unknown >= 0) {
    if (known == 0 || size() % known != 0)
      return mismatch();
    resolved[unknown] = size() / known;
  } else if (known != size()) {
    return mismatch();
  }
  NDArray result = *this;
  result.dims = resolved;
  return result;
}

NDArray NDArray::transpose() const {
  std::vector<int64_t> axes(dims.size());
  std::iota(axes.rbegin(), axes.rend(), 0);
  return *transpose(axes);
}

Result<NDArray> NDArray::transpose(const std::vector<int64_t> &axes) const {
  int64_t rank = ndim();
  if (static_cast<int64_t>(axes.size()) != rank)
    return makeError("axes don't match array");
  std::vector<int64_t> perm(rank);
  std::vector<bool> seen(rank, false);
  for (int64_t i = 0; i < rank; ++i) {
    int64_t axis = axes[i] < 0 ? axes[i] + rank : axes[i];
    if (axis < 0 || axis >= rank)
      return makeError("axis " + std::to_string(axes[i]) +
                       " is out of bounds for array of dimension " +
                       std::to_string(rank));
    if (seen[axis])
      return makeError("repeated axis in transpose");
    seen[axis] = true;
    perm[i] = axis;
  }
  // Element strides of the source, permuted into the result's axis order.
  std::vector<int64_t> sourceStrides(rank, 1);
  for (int64_t i = rank - 2; i >= 0; --i)
    sourceStrides[i] = sourceStrides[i + 1] * dims[i + 1];
  Shape newShape(rank);
  std::vector<int64_t> strides(rank);
  for (int64_t i = 0; i < rank; ++i) {
    newShape[i] = dims[perm[i]];
    strides[i] = sourceStrides[perm[i]];
  }
  NDArray result = allocate(elementType, newShape);
  int64_t itemSize = dtypeSize(elementType), count = size();
  std::vector<int64_t> counter(rank, 0);
  int64_t offset = 0;
  for (int64_t out = 0; out < count; ++out) {
    std::memcpy(result.data() + out * itemSize, data() + offset * itemSize,
                itemSize);
    for (int64_t axis = rank - 1; axis >= 0; --axis) {
      offset += strides[axis];
      if (++counter[axis] < newShape[axis])
        break;
      offset -= strides[axis] * newShape[axis];
      counter[axis] = 0;
    }
  }
  return result;
}

NDArray NDArray::flatten() const {
  NDArray result = *this;
  result.dims = {size()};
  return result;
}

Result<NDArray> NDArray::index(int64_t i) const {
  if (dims.empty())
    return makeError("too many indices for array: array is 0-dimensional, but "
                     "1 were indexed");
  int64_t length = dims[0];
  int64_t resolved = i < 0 ? i + length : i;
  if (resolved < 0 || resolved >= length)
    return makeError("index " + std::to_string(i) +
                     " is out of bounds for axis 0 with size " +
                     std::to_string(length));
  NDArray result = allocate(elementType, Shape(dims.begin() + 1, dims.end()));
  int64_t rowBytes = result.size() * dtypeSize(elementType);
  std::memcpy(result.data(), data() + resolved * rowBytes, rowBytes);
  return result;
}

CastOperand NDArray::castOperand() const {
  if (ndim() != 0)
    return CastOperand::array(elementType);
  if (elementType == DType::Bool)
    return CastOperand::scalarBool(getInt64(0) != 0);
  if (isSignedInteger(elementType))
    return CastOperand::scalarInt(getInt64(0), elementType);
  if (isUnsignedInteger(elementType))
    return CastOperand::scalarUInt(static_cast<uint64_t>(getInt64(0)),
                                   elementType);
  return CastOperand::scalarFloat(getDouble(0), elementType);
}

bool NDArray::operator==(const NDArray &other) const {
  return elementType == other.elementType && dims == other.dims &&
         bytes == other.bytes;
}

} // namespace tcc::numpy
