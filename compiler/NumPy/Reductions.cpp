//===- Reductions.cpp - sum, prod, max, min, mean and dot on NDArrays -----===//
//
// Float sums reproduce NumPy's summation order, so that a compile-time
// `w.sum()` gives NumPy's bits: when the reduced axes are the trailing ones
// NumPy's inner loop adds each run with pairwise summation (blocks of 8, at
// most 8192 elements per call, its buffer size); otherwise the inner loop
// runs over kept axes and adds the reduced elements one after the other.
//
//===----------------------------------------------------------------------===//

#include "NumPy/NDArrayOps.h"

#include "NumPy/Element.h"
#include "NumPy/TheanoDTypeRules.h"

#include <cmath>
#include <cstring>
#include <string>

namespace tcc::numpy {

using namespace detail;

namespace {

/// NumPy's ufunc buffer size: the most elements one inner-loop call sees.
constexpr int64_t kBufferSize = 8192;
/// PW_BLOCKSIZE in numpy/core/src/umath/loops_utils.h.src.
constexpr int64_t kPairwiseBlock = 128;

/// The type NumPy's loops compute in: float for float16, else the type.
template <typename T> struct ComputeType { using type = T; };
template <> struct ComputeType<Half> { using type = float; };

template <typename T, typename C = typename ComputeType<T>::type>
C toCompute(T value) {
  if constexpr (isHalfV<T>)
    return static_cast<float>(halfToDouble(value.bits));
  else
    return static_cast<C>(value);
}

template <typename T, typename C = typename ComputeType<T>::type>
T fromCompute(C value) {
  if constexpr (isHalfV<T>)
    return castElement<Half>(value);
  else
    return static_cast<T>(value);
}

/// Addition in the element type: wrapping for integers, logical or for bool.
template <typename C> C addValues(C a, C b) {
  if constexpr (isBoolV<C>) {
    return a || b;
  } else if constexpr (std::is_integral_v<C>) {
    using U = std::make_unsigned_t<C>;
    return static_cast<C>(static_cast<U>(a) + static_cast<U>(b));
  } else {
    return a + b;
  }
}

template <typename C> C mulValues(C a, C b) {
  if constexpr (isBoolV<C>) {
    return a && b;
  } else if constexpr (std::is_integral_v<C>) {
    using U = std::make_unsigned_t<C>;
    return static_cast<C>(static_cast<U>(a) * static_cast<U>(b));
  } else {
    return a * b;
  }
}

/// pairwise_sum from numpy/core/src/umath/loops_utils.h.src.
template <typename C, typename Get>
C pairwiseSum(const Get &get, int64_t start, int64_t n) {
  if (n < 8) {
    C res = C(0);
    for (int64_t i = 0; i < n; ++i)
      res = addValues(res, get(start + i));
    return res;
  }
  if (n <= kPairwiseBlock) {
    C r[8];
    for (int64_t k = 0; k < 8; ++k)
      r[k] = get(start + k);
    int64_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (int64_t k = 0; k < 8; ++k)
        r[k] = addValues(r[k], get(start + i + k));
    C res = addValues(addValues(addValues(r[0], r[1]), addValues(r[2], r[3])),
                      addValues(addValues(r[4], r[5]), addValues(r[6], r[7])));
    for (; i < n; ++i)
      res = addValues(res, get(start + i));
    return res;
  }
  int64_t n2 = n / 2;
  n2 -= n2 % 8;
  return addValues(pairwiseSum<C>(get, start, n2),
                   pairwiseSum<C>(get, start + n2, n - n2));
}

/// Where each input axis lands in the output, with NumPy's iteration order
/// in mind: axes of length 1 dropped (the iterator drops them too), and the
/// length of the trailing run of reduced axes that one inner-loop call sees.
struct ReductionLayout {
  Shape dims; ///< Input dims without length-1 axes.
  /// Output element stride per axis; 0 for reduced axes.
  std::vector<int64_t> strides;
  /// Whether the innermost axis is reduced: NumPy then calls its reduce loop
  /// on runs of `innerRun` contiguous elements.
  bool reducesInnermost = false;
  size_t outerRank = 0; ///< Axes before the trailing reduced run.
  int64_t innerRun = 1; ///< Elements in that run.
};

ReductionLayout planReduction(const Shape &shape,
                              const std::vector<bool> &reduced) {
  ReductionLayout layout;
  std::vector<int64_t> outStrides(shape.size(), 0);
  int64_t stride = 1;
  for (size_t i = shape.size(); i-- > 0;) {
    if (reduced[i])
      continue;
    outStrides[i] = stride;
    stride *= shape[i];
  }
  std::vector<bool> keptReduced;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 1)
      continue;
    layout.dims.push_back(shape[i]);
    layout.strides.push_back(outStrides[i]);
    keptReduced.push_back(reduced[i]);
  }
  size_t k = layout.dims.size();
  while (k > 0 && keptReduced[k - 1])
    --k;
  // A single element (every axis of length 1) is a trailing run of one.
  layout.reducesInnermost = k < layout.dims.size() || layout.dims.empty();
  layout.outerRank = k;
  layout.innerRun = 1;
  for (size_t i = k; i < layout.dims.size(); ++i)
    layout.innerRun *= layout.dims[i];
  return layout;
}

/// Calls body(outIndex) for each combination of the first `rank` axes, in C
/// order.
template <typename Body>
void forEachOuter(const ReductionLayout &layout, size_t rank, Body &&body) {
  int64_t count = 1;
  for (size_t i = 0; i < rank; ++i)
    count *= layout.dims[i];
  std::vector<int64_t> counter(rank, 0);
  int64_t out = 0;
  for (int64_t n = 0; n < count; ++n) {
    body(out);
    for (size_t axis = rank; axis-- > 0;) {
      out += layout.strides[axis];
      if (++counter[axis] < layout.dims[axis])
        break;
      out -= layout.strides[axis] * layout.dims[axis];
      counter[axis] = 0;
    }
  }
}

/// The reduction proper, in loop type T over `x`; `outSize` outputs.
template <typename T>
std::vector<typename ComputeType<T>::type>
reduceTyped(ReduceOp op, const NDArray &x, const ReductionLayout &layout,
            int64_t outSize) {
  using C = typename ComputeType<T>::type;
  bool isProduct = op == ReduceOp::Prod;
  bool isExtremum = op == ReduceOp::Max || op == ReduceOp::Min;
  std::vector<C> acc(outSize, isProduct ? C(1) : C(0));
  std::vector<bool> started(outSize, false);
  auto get = [&](int64_t i) { return toCompute<T>(loadAt<T>(x, i)); };
  // Rounds an accumulated value to the element type, as storing it does.
  auto settle = [](C value) { return toCompute<T>(fromCompute<T>(value)); };
  auto extremum = [&](C current, C value) {
    if constexpr (std::is_floating_point_v<C>) {
      if (op == ReduceOp::Max)
        return (current >= value || std::isnan(current)) ? current : value;
      return (current <= value || std::isnan(current)) ? current : value;
    } else {
      if (op == ReduceOp::Max)
        return current >= value ? current : value;
      return current <= value ? current : value;
    }
  };
  auto combine = [&](int64_t out, C value) {
    if (isExtremum) {
      acc[out] = started[out] ? extremum(acc[out], value) : value;
      started[out] = true;
    } else if (isProduct) {
      acc[out] = settle(mulValues<C>(acc[out], value));
    } else {
      acc[out] = settle(addValues<C>(acc[out], value));
    }
  };

  if (!layout.reducesInnermost) {
    // The inner loop runs over kept axes: elementwise accumulation in C order.
    int64_t index = 0;
    forEachOuter(layout, layout.dims.size(),
                 [&](int64_t out) { combine(out, get(index++)); });
    return acc;
  }
  int64_t block = 0;
  forEachOuter(layout, layout.outerRank, [&](int64_t out) {
    int64_t begin = block++ * layout.innerRun;
    for (int64_t chunk = 0; chunk < layout.innerRun; chunk += kBufferSize) {
      int64_t n = std::min(kBufferSize, layout.innerRun - chunk);
      int64_t start = begin + chunk;
      if (isExtremum) {
        for (int64_t i = 0; i < n; ++i)
          combine(out, get(start + i));
      } else if (isProduct) {
        C product = acc[out];
        for (int64_t i = 0; i < n; ++i)
          product = mulValues(product, get(start + i));
        acc[out] = settle(product);
      } else {
        acc[out] =
            settle(addValues<C>(acc[out], pairwiseSum<C>(get, start, n)));
      }
    }
  });
  return acc;
}

} // namespace

Result<NDArray> reduce(ReduceOp op, const NDArray &a,
                       std::optional<std::vector<int64_t>> axes,
                       bool keepdims) {
  if (Result<DType> ok = checkSupportedDType(a.dtype()); !ok)
    return ok.takeError();
  int64_t rank = a.ndim();
  std::vector<bool> reduced(rank, !axes.has_value());
  if (axes) {
    for (int64_t axis : *axes) {
      int64_t resolved = axis < 0 ? axis + rank : axis;
      if (resolved < 0 || resolved >= rank)
        return makeError("axis " + std::to_string(axis) +
                         " is out of bounds for array of dimension " +
                         std::to_string(rank));
      if (reduced[resolved])
        return makeError("duplicate value in 'axis'");
      reduced[resolved] = true;
    }
  }
  Shape outShape, keptShape;
  int64_t groupSize = 1;
  for (int64_t i = 0; i < rank; ++i) {
    if (reduced[i]) {
      groupSize *= a.shape()[i];
      if (keepdims)
        keptShape.push_back(1);
    } else {
      outShape.push_back(a.shape()[i]);
      keptShape.push_back(a.shape()[i]);
    }
  }
  int64_t outSize = shapeSize(outShape);
  if ((op == ReduceOp::Max || op == ReduceOp::Min) && groupSize == 0 &&
      outSize > 0)
    return makeError(std::string("zero-size array to reduction operation ") +
                     (op == ReduceOp::Max ? "maximum" : "minimum") +
                     " which has no identity");

  // The loop dtype NumPy reduces in, and the dtype it returns.
  DType input = a.dtype(), loop = input, result = input;
  switch (op) {
  case ReduceOp::Sum:
  case ReduceOp::Prod:
    loop = result = theano::sumOutDType(input);
    break;
  case ReduceOp::Max:
  case ReduceOp::Min:
    break;
  case ReduceOp::Mean:
    // np.mean sums integers as float64 and float16 as float32.
    if (isDiscrete(input))
      loop = result = DType::Float64;
    else if (input == DType::Float16)
      loop = DType::Float32;
    break;
  }
  Result<NDArray> x = a.astype(loop);
  if (!x)
    return x;
  ReductionLayout layout = planReduction(a.shape(), reduced);
  NDArray out = NDArray::allocate(result, keepdims ? keptShape : outShape);
  dispatchDType(loop, [&](auto tag) {
    using T = typename decltype(tag)::type;
    auto acc = reduceTyped<T>(op, *x, layout, outSize);
    for (int64_t i = 0; i < outSize; ++i) {
      if (op == ReduceOp::Mean) {
        // true_divide(sum, count): exact enough in double for every loop
        // type (an IEEE division rounded once more to float32 is innocuous).
        double value =
            static_cast<double>(acc[i]) / static_cast<double>(groupSize);
        // Rounded to the loop type first: float16 means divide in float32.
        out.setDouble(i, castElement<double>(castElement<T>(value)));
      } else {
        dispatchDType(result, [&](auto resultTag) {
          using R = typename decltype(resultTag)::type;
          storeAt<R>(out, i, castElement<R>(fromCompute<T>(acc[i])));
        });
      }
    }
  });
  return out;
}

Result<NDArray> dot(const NDArray &a, const NDArray &b) {
  if (a.ndim() == 0 || b.ndim() == 0)
    return binary(BinaryOp::Multiply, a, b);
  if (a.ndim() > 2 || b.ndim() > 2)
    return makeError("dot of arrays with more than 2 dimensions is not "
                     "supported in compile-time NumPy");
  for (const NDArray *operand : {&a, &b})
    if (Result<DType> ok = checkSupportedDType(operand->dtype()); !ok)
      return ok.takeError();
  // a is (m, k) or (k,); b is (k, n) or (k,).
  int64_t m = a.ndim() == 2 ? a.shape()[0] : 1;
  int64_t k = a.shape().back();
  int64_t kb = b.shape()[0];
  int64_t n = b.ndim() == 2 ? b.shape()[1] : 1;
  if (k != kb)
    return makeError("shapes " + shapeToString(a.shape(), true) + " and " +
                     shapeToString(b.shape(), true) +
                     " not aligned: " + std::to_string(k) + " (dim " +
                     std::to_string(a.ndim() - 1) +
                     ") != " + std::to_string(kb) + " (dim 0)");
  Shape outShape;
  if (a.ndim() == 2)
    outShape.push_back(m);
  if (b.ndim() == 2)
    outShape.push_back(n);
  DType type = promoteTypes(a.dtype(), b.dtype());
  Result<NDArray> x = a.astype(type), y = b.astype(type);
  if (!x)
    return x;
  if (!y)
    return y;
  NDArray out = NDArray::allocate(type, outShape);
  dispatchDType(type, [&](auto tag) {
    using T = typename decltype(tag)::type;
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        if constexpr (isFloatV<T>) {
          // Not BLAS's order: accumulate in double and round once.
          double total = 0;
          for (int64_t p = 0; p < k; ++p)
            total += castElement<double>(loadAt<T>(*x, i * k + p)) *
                     castElement<double>(loadAt<T>(*y, p * n + j));
          storeAt<T>(out, i * n + j, castElement<T>(total));
        } else {
          T total = T(0);
          for (int64_t p = 0; p < k; ++p)
            total = addValues(total, mulValues(loadAt<T>(*x, i * k + p),
                                               loadAt<T>(*y, p * n + j)));
          storeAt<T>(out, i * n + j, total);
        }
      }
    }
  });
  return out;
}

} // namespace tcc::numpy
