//===- NDArrayOps.h - NumPy ufuncs, reductions and dot on NDArrays --------===//
//
// Each operation broadcasts as NumPy does and picks NumPy's result dtype:
// np.result_type with NumPy 1.x value-based casting for 0-d operands (so
// `float32_array * 2.0` stays float32: wrap Python numbers with
// NDArray::fromScalar), then the ufunc's own loop choice (int / int true
// division is float64, bool // bool is int8, exp(int8) is float16).
// Elements are computed in that dtype: integers wrap, float32 is computed in
// float32, float16 in float32 and rounded back, as NumPy's loops do.
//
// Bit-exactness: + - * / // % comparisons, max/min, astype, and sums in
// NumPy's pairwise order are bit-exact. exp/log/tanh/power/... use the C
// library; NumPy on an AVX-512 machine uses its own SIMD versions, which may
// differ in the last bit. dot is not BLAS's summation order.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_NUMPY_NDARRAYOPS_H
#define TCC_NUMPY_NDARRAYOPS_H

#include "NumPy/NDArray.h"

#include <optional>
#include <string_view>
#include <vector>

namespace tcc::numpy {

enum class BinaryOp {
  Add,         // +   np.add
  Subtract,    // -   np.subtract (bool - bool is an error)
  Multiply,    // *   np.multiply
  TrueDivide,  // /   np.true_divide
  FloorDivide, // //  np.floor_divide
  Remainder,   // %   np.remainder (Python's sign convention)
  Power,       // **  np.power (integers to negative powers are an error)
  Maximum,     //     np.maximum (NaN propagates)
  Minimum,     //     np.minimum
  BitwiseAnd,  // &
  BitwiseOr,   // |
  BitwiseXor,  // ^
};

enum class CompareOp {
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  Equal,
  NotEqual
};

enum class UnaryOp {
  Negative, // unary -
  Absolute, // abs()
  Invert,   // ~ (bitwise not; logical not on bool)
  Exp,
  Log,
  Log1p,
  Expm1,
  Sqrt,
  Tanh,
  Sin,
  Cos,
  Floor,
  Ceil,
};

/// The ufunc's name, for messages ("add", "true_divide", ...).
std::string_view binaryOpName(BinaryOp op);
std::string_view unaryOpName(UnaryOp op);

/// np.broadcast_shapes(a, b).
Result<Shape> broadcastShapes(const Shape &a, const Shape &b);

/// The dtype NumPy's ufunc gives `op(a, b)`, or its TypeError.
Result<DType> binaryResultDType(BinaryOp op, const CastOperand &a,
                                const CastOperand &b);
/// The dtype NumPy's ufunc gives `op(a)`, or its TypeError.
Result<DType> unaryResultDType(UnaryOp op, DType input);

Result<NDArray> binary(BinaryOp op, const NDArray &a, const NDArray &b);
/// Elementwise comparison; the result is bool.
Result<NDArray> compare(CompareOp op, const NDArray &a, const NDArray &b);
Result<NDArray> unary(UnaryOp op, const NDArray &a);

//===-- Reductions --------------------------------------------------------===//

enum class ReduceOp { Sum, Prod, Max, Min, Mean };

/// a.sum(axis) etc. `axes` empty-optional reduces every axis; negative axes
/// count from the end. Result dtypes as NumPy: sum/prod of bool and small
/// ints are int64 (uint64 for small unsigned), mean of integers float64,
/// max/min keep the dtype (and fail on empty arrays).
Result<NDArray> reduce(ReduceOp op, const NDArray &a,
                       std::optional<std::vector<int64_t>> axes = std::nullopt,
                       bool keepdims = false);

inline Result<NDArray> sum(const NDArray &a,
                           std::optional<int64_t> axis = std::nullopt) {
  return reduce(ReduceOp::Sum, a,
                axis ? std::optional(std::vector<int64_t>{*axis})
                     : std::nullopt);
}
inline Result<NDArray> mean(const NDArray &a,
                            std::optional<int64_t> axis = std::nullopt) {
  return reduce(ReduceOp::Mean, a,
                axis ? std::optional(std::vector<int64_t>{*axis})
                     : std::nullopt);
}
inline Result<NDArray> max(const NDArray &a,
                           std::optional<int64_t> axis = std::nullopt) {
  return reduce(ReduceOp::Max, a,
                axis ? std::optional(std::vector<int64_t>{*axis})
                     : std::nullopt);
}
inline Result<NDArray> min(const NDArray &a,
                           std::optional<int64_t> axis = std::nullopt) {
  return reduce(ReduceOp::Min, a,
                axis ? std::optional(std::vector<int64_t>{*axis})
                     : std::nullopt);
}

/// np.dot for 0-d, 1-d and 2-d operands (0-d is multiplication).
Result<NDArray> dot(const NDArray &a, const NDArray &b);

} // namespace tcc::numpy

#endif // TCC_NUMPY_NDARRAYOPS_H
