//===- NDArray.h - A compile-time NumPy array -----------------------------===//
//
// The values a .th program computes while the compiler evaluates it: initial
// values of shared variables, constants, test values. An NDArray is a dtype,
// a shape and row-major elements stored in the dtype's own little-endian
// layout, so float32 data holds exactly the float32-rounded values and int64
// is exact; rawBytes() is what the object file and DenseElementsAttr embed.
//
// Results follow NumPy 1.x (the NumPy of Theano's time): dtype inference of
// np.asarray, casting of astype, value-based casting in arithmetic. Every
// fallible operation returns a Result whose message the evaluator turns into
// a located diagnostic; nothing throws or aborts on user input.
//
// Complex arrays are not supported (operations on them return an error).
// Elementwise operations live in NDArrayOps.h.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_NUMPY_NDARRAY_H
#define TCC_NUMPY_NDARRAY_H

#include "NumPy/DType.h"
#include "NumPy/NumPyCasting.h"
#include "NumPy/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tcc::numpy {

using Shape = std::vector<int64_t>;

/// A Python number (bool, int or float) before NumPy or Theano types it.
struct PyScalar {
  enum class Kind { Bool, Int, Float };
  Kind kind = Kind::Int;
  int64_t intValue = 0; // Bool and Int
  double floatValue = 0;

  static PyScalar ofBool(bool value);
  static PyScalar ofInt(int64_t value);
  static PyScalar ofFloat(double value);

  bool isBool() const { return kind == Kind::Bool; }
  bool isInt() const { return kind == Kind::Int; }
  bool isFloat() const { return kind == Kind::Float; }
  double asDouble() const;
  /// Python's repr: "True", "3", "0.1", "1e-05", "inf", "nan".
  std::string repr() const;
  /// The dtype np.asarray gives it: bool, int64 or float64.
  DType numpyDType() const;
};

/// A nested Python list or tuple of numbers, the argument of np.asarray.
struct NestedList {
  std::optional<PyScalar> scalar; ///< Set for a leaf.
  std::vector<NestedList> items;  ///< The elements of a list.

  static NestedList leaf(PyScalar value);
  static NestedList list(std::vector<NestedList> items);
  bool isLeaf() const { return scalar.has_value(); }
};

class NDArray {
public:
  /// A 0-d float64 zero.
  NDArray();

  //===-- Creation --------------------------------------------------------===//

  /// np.asarray(value, dtype): without a dtype, all-bool data is bool, any
  /// float makes float64, otherwise int64. A ragged list is an error.
  static Result<NDArray> fromNested(const NestedList &value,
                                    std::optional<DType> dtype = std::nullopt);
  /// np.asarray(number, dtype): a 0-d array.
  static Result<NDArray> fromScalar(PyScalar value,
                                    std::optional<DType> dtype = std::nullopt);
  /// A 0-d array of `dtype` holding `value` converted as astype would.
  static Result<NDArray> scalar(double value, DType dtype);
  static Result<NDArray> zeros(const Shape &shape,
                               DType dtype = DType::Float64);
  static Result<NDArray> ones(const Shape &shape, DType dtype = DType::Float64);
  /// np.full(shape, fill, dtype): without a dtype, the fill value's own
  /// (np.array(fill).dtype).
  static Result<NDArray> full(const Shape &shape, PyScalar fill,
                              std::optional<DType> dtype = std::nullopt);
  /// np.arange(start, stop, step, dtype): int64 when all three are ints,
  /// float64 otherwise; length ceil((stop - start) / step), values
  /// start + i * (second - first) as NumPy fills them.
  static Result<NDArray> arange(PyScalar start, PyScalar stop,
                                PyScalar step = PyScalar::ofInt(1),
                                std::optional<DType> dtype = std::nullopt);
  /// np.linspace(start, stop, num, endpoint, dtype) (NumPy 1.24's algorithm;
  /// integer dtypes take the floor).
  static Result<NDArray> linspace(double start, double stop, int64_t num = 50,
                                  bool endpoint = true,
                                  std::optional<DType> dtype = std::nullopt);
  /// An array of `dtype` from row-major values, each converted as astype
  /// converts a float64 (or int64) element.
  static Result<NDArray> fromDoubles(const Shape &shape,
                                     const std::vector<double> &values,
                                     DType dtype = DType::Float64);
  static Result<NDArray> fromInt64s(const Shape &shape,
                                    const std::vector<int64_t> &values,
                                    DType dtype = DType::Int64);
  /// An array over little-endian element bytes (e.g. read from a .npy file).
  static Result<NDArray> fromRawBytes(const Shape &shape, DType dtype,
                                      std::vector<uint8_t> bytes);

  //===-- Properties ------------------------------------------------------===//

  DType dtype() const { return elementType; }
  const Shape &shape() const { return dims; }
  int64_t ndim() const { return static_cast<int64_t>(dims.size()); }
  int64_t size() const;
  /// The little-endian bytes of the elements, row-major: size() * itemsize.
  const std::vector<uint8_t> &rawBytes() const { return bytes; }

  //===-- Elements (flat row-major index) ---------------------------------===//

  /// The element converted to float64 (exact for every float type).
  double getDouble(int64_t index) const;
  /// The element converted as astype(int64) converts it.
  int64_t getInt64(int64_t index) const;
  /// The element as a Python number, as ndarray.item(index) returns it.
  PyScalar getItem(int64_t index) const;
  /// ndarray.item(): the only element of a size-1 array.
  Result<PyScalar> item() const;
  /// Sets one element from a double (converted as astype does).
  void setDouble(int64_t index, double value);

  //===-- Conversions and views -------------------------------------------===//

  /// ndarray.astype(dtype): NumPy's unsafe casting (float -> int truncates).
  Result<NDArray> astype(DType dtype) const;
  /// ndarray.reshape(shape) with at most one -1.
  Result<NDArray> reshape(const Shape &newShape) const;
  /// ndarray.T: the axes reversed.
  NDArray transpose() const;
  /// ndarray.transpose(axes); negative axes count from the end.
  Result<NDArray> transpose(const std::vector<int64_t> &axes) const;
  /// ndarray.ravel() / flatten().
  NDArray flatten() const;
  /// a[index] on the first axis (negative counts from the end).
  Result<NDArray> index(int64_t index) const;

  /// What NumPy's type resolution sees of this array: 0-d arrays are scalars
  /// for value-based casting.
  CastOperand castOperand() const;

  //===-- Printing --------------------------------------------------------===//

  /// repr(a): "array([[1, 2],\n       [3, 4]])", "array([0.5, 1. ],
  /// dtype=float32)", summarized with "..." beyond 1000 elements.
  std::string repr() const;
  /// str(a) / print(a): "[[1 2]\n [3 4]]".
  std::string str() const;

  /// Same dtype, shape and bytes.
  bool operator==(const NDArray &other) const;
  bool operator!=(const NDArray &other) const { return !(*this == other); }

  /// An uninitialized (zero-filled) array; internal building block that the
  /// operations use. Complex dtypes are rejected by the public factories.
  static NDArray allocate(DType dtype, Shape shape);
  uint8_t *data() { return bytes.data(); }
  const uint8_t *data() const { return bytes.data(); }

private:
  DType elementType = DType::Float64;
  Shape dims;
  std::vector<uint8_t> bytes;
};

/// The number of elements of a shape (1 for a 0-d shape).
int64_t shapeSize(const Shape &shape);
/// "(2, 3)", "(4,)", "()" as Python prints a tuple; compact: "(2,3)" as
/// NumPy's broadcasting and dot errors print it.
std::string shapeToString(const Shape &shape, bool compact = false);
/// The error for dtypes this compile-time NumPy cannot compute with.
Result<DType> checkSupportedDType(DType dtype);

} // namespace tcc::numpy

#endif // TCC_NUMPY_NDARRAY_H
