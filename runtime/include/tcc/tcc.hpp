//===- tcc.hpp - C++ wrapper over the C API of model libraries --*- C++ -*-===//
//
// Header-only (C++17) and ABI-neutral: everything here calls the C functions
// of tcc.h, so a program built with any C++ compiler can use a model library.
//
//   #include "regression.h"            // generated: tcc --emit=header
//   tcc::Array cost = regression::train(tcc::ArrayRef(x, {n, 3}), y);
//   double c = cost.item<double>();
//   std::vector<double> w = tcc::getValue("w").toVector<double>();
//
// - tcc::ArrayRef is a non-owning view of caller memory (any strides), made
//   from a pointer and shape, a std::vector, a scalar or a result.
// - tcc::Array owns a result and releases it when destroyed (move-only).
// - A failed call throws tcc::Error with the runtime's message and status.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_TCC_HPP
#define TCC_TCC_HPP

#include <tcc/tcc.h>

#include <array>
#include <complex>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace tcc {

/// A failed call: what() is tcc_last_error(), status() the TCC_ERROR_* code.
class Error : public std::runtime_error {
public:
  Error(int status, const std::string &message)
      : std::runtime_error(message), status_(status) {}
  int status() const noexcept { return status_; }

private:
  int status_;
};

/// Throws tcc::Error for a nonzero status of a C API call.
inline void check(int status) {
  if (status != TCC_OK)
    throw Error(status, tcc_last_error());
}

namespace detail {
template <class T> struct AlwaysFalse : std::false_type {};
} // namespace detail

/// The tcc_dtype of a C++ element type (bool, fixed-width integers, float,
/// double, std::complex<float>, std::complex<double>).
template <class T> constexpr tcc_dtype dtypeOf() {
  using U = std::remove_cv_t<T>;
  if constexpr (std::is_same_v<U, bool>)
    return TCC_BOOL;
  else if constexpr (std::is_integral_v<U> && std::is_signed_v<U>)
    return sizeof(U) == 1   ? TCC_INT8
           : sizeof(U) == 2 ? TCC_INT16
           : sizeof(U) == 4 ? TCC_INT32
                            : TCC_INT64;
  else if constexpr (std::is_integral_v<U>)
    return sizeof(U) == 1   ? TCC_UINT8
           : sizeof(U) == 2 ? TCC_UINT16
           : sizeof(U) == 4 ? TCC_UINT32
                            : TCC_UINT64;
  else if constexpr (std::is_same_v<U, float>)
    return TCC_FLOAT32;
  else if constexpr (std::is_same_v<U, double>)
    return TCC_FLOAT64;
  else if constexpr (std::is_same_v<U, std::complex<float>>)
    return TCC_COMPLEX64;
  else if constexpr (std::is_same_v<U, std::complex<double>>)
    return TCC_COMPLEX128;
  else
    static_assert(detail::AlwaysFalse<T>::value,
                  "tcc: no tcc_dtype for this element type");
}

/// Theano's name of a dtype ("float64"), for messages.
inline const char *dtypeName(int32_t dtype) {
  static const char *const names[] = {
      "bool",   "int8",   "int16",   "int32",   "int64",
      "uint8",  "uint16", "uint32",  "uint64",  "float32",
      "float64", "complex64", "complex128"};
  return dtype >= 0 && dtype <= TCC_COMPLEX128 ? names[dtype] : "unknown";
}

class Array;

/// A non-owning view of an input: the memory must outlive the call. The
/// default-constructed view stands for the input's default value (Theano's
/// In(x, value=...)).
class ArrayRef {
public:
  ArrayRef() { array_.rank = TCC_USE_DEFAULT; }

  /// A C-contiguous (row-major) array.
  template <class T>
  ArrayRef(const T *data, std::initializer_list<int64_t> shape)
      : ArrayRef(data, std::vector<int64_t>(shape)) {}
  template <class T>
  ArrayRef(const T *data, const std::vector<int64_t> &shape) {
    init(data, dtypeOf<T>(), shape);
    int64_t stride = sizeof(T);
    for (int i = array_.rank - 1; i >= 0; --i) {
      array_.strides[i] = stride;
      stride *= array_.shape[i];
    }
  }
  /// Any layout: strides in bytes, one per axis (negative ones too).
  template <class T>
  ArrayRef(const T *data, const std::vector<int64_t> &shape,
           const std::vector<int64_t> &byteStrides) {
    init(data, dtypeOf<T>(), shape);
    if (byteStrides.size() != shape.size())
      throw Error(TCC_ERROR_ARGUMENT,
                  "tcc::ArrayRef: " + std::to_string(byteStrides.size()) +
                      " strides for a rank-" + std::to_string(shape.size()) +
                      " array");
    for (size_t i = 0; i < byteStrides.size(); ++i)
      array_.strides[i] = byteStrides[i];
  }
  /// A vector (rank 1).
  template <class T>
  ArrayRef(const std::vector<T> &values)
      : ArrayRef(values.data(), {int64_t(values.size())}) {}
  /// A scalar (rank 0), e.g. a learning rate: f(x, 0.1).
  template <class T, class = std::enable_if_t<std::is_arithmetic_v<T>>>
  ArrayRef(const T &scalar) : ArrayRef(&scalar, std::vector<int64_t>{}) {}
  /// A result of an earlier call, or any tcc_array.
  inline ArrayRef(const Array &result);
  ArrayRef(const tcc_array &array) : array_(array) { array_.owner = nullptr; }

  const tcc_array &raw() const { return array_; }

private:
  void init(const void *data, tcc_dtype dtype,
            const std::vector<int64_t> &shape) {
    if (shape.size() > size_t(TCC_MAX_RANK))
      throw Error(TCC_ERROR_ARGUMENT, "tcc::ArrayRef: rank " +
                                          std::to_string(shape.size()) +
                                          " is over TCC_MAX_RANK");
    array_.data = const_cast<void *>(data);
    array_.dtype = dtype;
    array_.rank = int32_t(shape.size());
    for (size_t i = 0; i < shape.size(); ++i)
      array_.shape[i] = shape[i];
  }

  tcc_array array_{};
};

/// A result: owns its memory (released on destruction), move-only.
class Array {
public:
  Array() = default;
  /// Adopts a tcc_array filled by the runtime.
  explicit Array(const tcc_array &owned) : array_(owned) {}
  Array(Array &&other) noexcept : array_(other.array_) {
    other.array_ = tcc_array{};
  }
  Array &operator=(Array &&other) noexcept {
    if (this != &other) {
      tcc_array_release(&array_);
      array_ = other.array_;
      other.array_ = tcc_array{};
    }
    return *this;
  }
  Array(const Array &) = delete;
  Array &operator=(const Array &) = delete;
  ~Array() { tcc_array_release(&array_); }

  int32_t dtype() const { return array_.dtype; }
  int rank() const { return array_.rank; }
  int64_t shape(int axis) const { return array_.shape[checkedAxis(axis)]; }
  std::vector<int64_t> shape() const {
    return std::vector<int64_t>(array_.shape, array_.shape + array_.rank);
  }
  /// Stride of `axis` in bytes.
  int64_t stride(int axis) const { return array_.strides[checkedAxis(axis)]; }
  /// Number of elements.
  int64_t size() const {
    int64_t n = 1;
    for (int i = 0; i < array_.rank; ++i)
      n *= array_.shape[i];
    return n;
  }

  /// The first element; T must be the array's element type.
  template <class T> const T *data() const {
    checkDtype<T>("data");
    return static_cast<const T *>(array_.data);
  }
  /// The element at `index` (one entry per axis), honoring strides.
  template <class T> T at(std::initializer_list<int64_t> index) const {
    checkDtype<T>("at");
    if (index.size() != size_t(array_.rank))
      throw Error(TCC_ERROR_ARGUMENT,
                  "tcc::Array::at: " + std::to_string(index.size()) +
                      " indices for a rank-" + std::to_string(array_.rank) +
                      " array");
    const char *p = static_cast<const char *>(array_.data);
    int axis = 0;
    for (int64_t i : index) {
      if (i < 0 || i >= array_.shape[axis])
        throw Error(TCC_ERROR_INDEX, "tcc::Array::at: index " +
                                         std::to_string(i) + " is out of "
                                         "bounds for axis " +
                                         std::to_string(axis) + " of size " +
                                         std::to_string(array_.shape[axis]));
      p += i * array_.strides[axis++];
    }
    return *reinterpret_cast<const T *>(p);
  }
  /// The value of a one-element array (a cost, an accuracy).
  template <class T> T item() const {
    checkDtype<T>("item");
    if (size() != 1)
      throw Error(TCC_ERROR_ARGUMENT,
                  "tcc::Array::item: the array has " +
                      std::to_string(size()) + " elements, not 1");
    return *static_cast<const T *>(array_.data);
  }
  /// The elements in C (row-major) order, whatever the strides.
  template <class T> std::vector<T> toVector() const {
    checkDtype<T>("toVector");
    std::vector<T> out;
    out.reserve(size_t(size()));
    if (size() == 0)
      return out;
    std::array<int64_t, TCC_MAX_RANK> index{};
    for (;;) {
      const char *p = static_cast<const char *>(array_.data);
      for (int i = 0; i < array_.rank; ++i)
        p += index[i] * array_.strides[i];
      out.push_back(*reinterpret_cast<const T *>(p));
      int axis = array_.rank - 1;
      while (axis >= 0 && ++index[axis] == array_.shape[axis])
        index[axis--] = 0;
      if (axis < 0)
        return out;
    }
  }

  const tcc_array &raw() const { return array_; }
  tcc_array *raw() { return &array_; }

private:
  int checkedAxis(int axis) const {
    if (axis < 0 || axis >= array_.rank)
      throw Error(TCC_ERROR_ARGUMENT,
                  "tcc::Array: axis " + std::to_string(axis) +
                      " is out of range for a rank-" +
                      std::to_string(array_.rank) + " array");
    return axis;
  }
  template <class T> void checkDtype(const char *what) const {
    if (dtypeOf<T>() != array_.dtype)
      throw Error(TCC_ERROR_ARGUMENT,
                  std::string("tcc::Array::") + what + ": the array holds " +
                      dtypeName(array_.dtype) + ", not " +
                      dtypeName(dtypeOf<T>()));
  }

  tcc_array array_{};
};

inline ArrayRef::ArrayRef(const Array &result) : ArrayRef(result.raw()) {}

/// Calls the Theano function `name` with `inputs`; it must have
/// `numOutputs` outputs.
inline std::vector<Array> call(const char *name,
                               std::initializer_list<ArrayRef> inputs,
                               int numOutputs) {
  std::vector<tcc_array> in;
  for (const ArrayRef &ref : inputs)
    in.push_back(ref.raw());
  std::vector<tcc_array> out(size_t(numOutputs), tcc_array{});
  check(tcc_call(name, in.data(), int32_t(in.size()), out.data(),
                 int32_t(numOutputs)));
  std::vector<Array> results;
  for (const tcc_array &a : out)
    results.emplace_back(a);
  return results;
}

namespace detail {
/// What the generated per-model wrappers call: a tcc_fn_<name> entry point
/// with every input (ArrayRef() for a default) and N outputs.
template <size_t N, size_t M>
std::array<Array, N> callEntry(int (*entry)(const tcc_array *, tcc_array *),
                               const std::array<ArrayRef, M> &inputs) {
  std::array<tcc_array, M == 0 ? 1 : M> in{};
  for (size_t i = 0; i < M; ++i)
    in[i] = inputs[i].raw();
  std::array<tcc_array, N == 0 ? 1 : N> out{};
  check(entry(in.data(), out.data()));
  std::array<Array, N> results;
  for (size_t i = 0; i < N; ++i)
    results[i] = Array(out[i]);
  return results;
}
} // namespace detail

/// A copy of shared variable `name`'s value.
inline Array getValue(const char *name) {
  tcc_array out{};
  check(tcc_shared_get(name, &out));
  return Array(out);
}
/// Copies `value` into shared variable `name` (dtype, rank and broadcastable
/// dimensions are checked).
inline void setValue(const char *name, ArrayRef value) {
  check(tcc_shared_set(name, &value.raw()));
}
/// Every shared variable back to its compiled-in value.
inline void reset() { check(tcc_shared_reset()); }
/// Checkpoints: all shared variables as a NumPy .npz file (saved atomically).
inline void save(const std::string &path) {
  check(tcc_shared_save(path.c_str()));
}
inline void load(const std::string &path) {
  check(tcc_shared_load(path.c_str()));
}
/// The model's manifest (JSON, docs/ABI.md).
inline std::string manifest() { return tcc_manifest(); }

/// The profile of a model compiled with `tcc --profile` (text, or JSON);
/// asking for it stops the library printing it at exit.
inline std::string profileReport(bool json = false) {
  char *report = nullptr;
  check(
      tcc_profile_report(json ? TCC_PROFILE_JSON : TCC_PROFILE_TEXT, &report));
  std::unique_ptr<char, void (*)(char *)> owned(report, tcc_string_release);
  return owned.get();
}
inline void profileReset() { check(tcc_profile_reset()); }

} // namespace tcc

#endif // TCC_TCC_HPP
