//===- Elementwise.cpp - NumPy ufuncs on NDArrays -------------------------===//
//
// Type resolution first (NumPy's result_type, then the loops each ufunc
// has), then both operands are cast to the loop dtype and the loop runs over
// the broadcast shape in that dtype, as NumPy's inner loops do.
//
//===----------------------------------------------------------------------===//

#include "NumPy/NDArrayOps.h"

#include "NumPy/Element.h"

#include <cmath>
#include <cstring>
#include <string>

namespace tcc::numpy {

using namespace detail;

std::string_view binaryOpName(BinaryOp op) {
  switch (op) {
  case BinaryOp::Add:
    return "add";
  case BinaryOp::Subtract:
    return "subtract";
  case BinaryOp::Multiply:
    return "multiply";
  case BinaryOp::TrueDivide:
    return "true_divide";
  case BinaryOp::FloorDivide:
    return "floor_divide";
  case BinaryOp::Remainder:
    return "remainder";
  case BinaryOp::Power:
    return "power";
  case BinaryOp::Maximum:
    return "maximum";
  case BinaryOp::Minimum:
    return "minimum";
  case BinaryOp::BitwiseAnd:
    return "bitwise_and";
  case BinaryOp::BitwiseOr:
    return "bitwise_or";
  case BinaryOp::BitwiseXor:
    return "bitwise_xor";
  }
  return "?";
}

std::string_view unaryOpName(UnaryOp op) {
  switch (op) {
  case UnaryOp::Negative:
    return "negative";
  case UnaryOp::Absolute:
    return "absolute";
  case UnaryOp::Invert:
    return "invert";
  case UnaryOp::Exp:
    return "exp";
  case UnaryOp::Log:
    return "log";
  case UnaryOp::Log1p:
    return "log1p";
  case UnaryOp::Expm1:
    return "expm1";
  case UnaryOp::Sqrt:
    return "sqrt";
  case UnaryOp::Tanh:
    return "tanh";
  case UnaryOp::Sin:
    return "sin";
  case UnaryOp::Cos:
    return "cos";
  case UnaryOp::Floor:
    return "floor";
  case UnaryOp::Ceil:
    return "ceil";
  }
  return "?";
}

Result<Shape> broadcastShapes(const Shape &a, const Shape &b) {
  size_t rank = std::max(a.size(), b.size());
  Shape result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return makeError("operands could not be broadcast together with shapes " +
                       shapeToString(a, true) + " " + shapeToString(b, true));
    result[i] = da == 1 ? db : da;
  }
  return result;
}

namespace {

Error unsupportedTypes(std::string_view ufunc) {
  return makeError("ufunc '" + std::string(ufunc) +
                   "' not supported for the input types, and the inputs could "
                   "not be safely coerced to any supported types according to "
                   "the casting rule ''safe''");
}

/// The first float loop (e, f, d) an integer or bool input casts to safely.
DType floatLoopFor(DType input) {
  if (isFloat(input))
    return input;
  if (isBool(input) || dtypeSize(input) == 1)
    return DType::Float16;
  if (dtypeSize(input) == 2)
    return DType::Float32;
  return DType::Float64;
}

/// Element strides (0 where broadcast) of an operand of `shape` iterated
/// over `outShape`.
std::vector<int64_t> broadcastStrides(const Shape &shape,
                                      const Shape &outShape) {
  size_t rank = outShape.size(), offset = rank - shape.size();
  std::vector<int64_t> strides(rank, 0);
  int64_t stride = 1;
  for (size_t i = shape.size(); i-- > 0;) {
    strides[i + offset] = shape[i] == 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

/// Calls body(outIndex, aIndex, bIndex) for every element of the broadcast.
template <typename Body>
void forEachBroadcast(const Shape &outShape, const Shape &aShape,
                      const Shape &bShape, Body &&body) {
  int64_t count = shapeSize(outShape);
  if (count == 0)
    return;
  size_t rank = outShape.size();
  std::vector<int64_t> aStrides = broadcastStrides(aShape, outShape);
  std::vector<int64_t> bStrides = broadcastStrides(bShape, outShape);
  std::vector<int64_t> counter(rank, 0);
  int64_t ai = 0, bi = 0;
  for (int64_t out = 0; out < count; ++out) {
    body(out, ai, bi);
    for (size_t axis = rank; axis-- > 0;) {
      ai += aStrides[axis];
      bi += bStrides[axis];
      if (++counter[axis] < outShape[axis])
        break;
      ai -= aStrides[axis] * outShape[axis];
      bi -= bStrides[axis] * outShape[axis];
      counter[axis] = 0;
    }
  }
}

/// npy_divmod: floor division and Python-style remainder of floats.
template <typename F> F floatDivmod(F a, F b, F &modulus) {
  F mod = std::fmod(a, b);
  if (!b) {
    modulus = mod;
    return a / b;
  }
  F div = (a - mod) / b;
  if (mod) {
    if ((b < 0) != (mod < 0)) {
      mod += b;
      div -= F(1);
    }
  } else {
    mod = std::copysign(F(0), b);
  }
  F floordiv;
  if (div) {
    floordiv = std::floor(div);
    if (div - floordiv > F(0.5))
      floordiv += F(1);
  } else {
    floordiv = std::copysign(F(0), a / b);
  }
  modulus = mod;
  return floordiv;
}

/// One element of a binary ufunc on floats (float or double).
template <typename F> F floatBinary(BinaryOp op, F a, F b) {
  switch (op) {
  case BinaryOp::Add:
    return a + b;
  case BinaryOp::Subtract:
    return a - b;
  case BinaryOp::Multiply:
    return a * b;
  case BinaryOp::TrueDivide:
    return a / b;
  case BinaryOp::FloorDivide: {
    if (!b)
      return a / b;
    F mod;
    return floatDivmod(a, b, mod);
  }
  case BinaryOp::Remainder: {
    if (!b)
      return std::fmod(a, b);
    F mod;
    floatDivmod(a, b, mod);
    return mod;
  }
  case BinaryOp::Power:
    return std::pow(a, b);
  case BinaryOp::Maximum:
    return (a >= b || std::isnan(a)) ? a : b;
  case BinaryOp::Minimum:
    return (a <= b || std::isnan(a)) ? a : b;
  default:
    return F(0); // Bitwise ops have no float loops; resolution rejects them.
  }
}

/// Python's floor division and remainder on integers, with NumPy's results
/// for division by zero (0, with a warning NumPy prints and we do not) and
/// for MIN // -1 (MIN).
template <typename T> T intFloorDivide(T a, T b) {
  if (b == 0)
    return 0;
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1))
      return static_cast<T>(std::make_unsigned_t<T>(0) -
                            static_cast<std::make_unsigned_t<T>>(a));
    T quotient = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
      --quotient;
    return quotient;
  } else {
    return a / b;
  }
}

template <typename T> T intRemainder(T a, T b) {
  if (b == 0)
    return 0;
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1))
      return 0;
    T rem = a % b;
    if (rem != 0 && ((rem < 0) != (b < 0)))
      rem += b;
    return rem;
  } else {
    return a % b;
  }
}

/// One element of a binary ufunc on an integer type; false for a negative
/// integer power.
template <typename T> bool intBinary(BinaryOp op, T a, T b, T &out) {
  using U = std::make_unsigned_t<T>;
  switch (op) {
  case BinaryOp::Add:
    out = static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
    return true;
  case BinaryOp::Subtract:
    out = static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
    return true;
  case BinaryOp::Multiply:
    out = static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
    return true;
  case BinaryOp::FloorDivide:
    out = intFloorDivide(a, b);
    return true;
  case BinaryOp::Remainder:
    out = intRemainder(a, b);
    return true;
  case BinaryOp::Power: {
    if constexpr (std::is_signed_v<T>)
      if (b < 0)
        return false;
    // Square-and-multiply modulo 2^bits: the same wrapped result as NumPy's
    // loop, whatever the order of the products.
    U base = static_cast<U>(a), result = 1;
    U exponent = static_cast<U>(b);
    while (exponent) {
      if (exponent & 1)
        result = static_cast<U>(result * base);
      base = static_cast<U>(base * base);
      exponent >>= 1;
    }
    out = static_cast<T>(result);
    return true;
  }
  case BinaryOp::Maximum:
    out = a >= b ? a : b;
    return true;
  case BinaryOp::Minimum:
    out = a <= b ? a : b;
    return true;
  case BinaryOp::BitwiseAnd:
    out = a & b;
    return true;
  case BinaryOp::BitwiseOr:
    out = a | b;
    return true;
  case BinaryOp::BitwiseXor:
    out = a ^ b;
    return true;
  case BinaryOp::TrueDivide:
    break; // Integer true division runs in a float loop.
  }
  out = 0;
  return true;
}

/// Bool loops exist for add (or), multiply (and), maximum, minimum and the
/// bitwise ops; resolution sends every other op to int8.
bool boolBinary(BinaryOp op, bool a, bool b) {
  switch (op) {
  case BinaryOp::Add:
  case BinaryOp::Maximum:
  case BinaryOp::BitwiseOr:
    return a || b;
  case BinaryOp::Multiply:
  case BinaryOp::Minimum:
  case BinaryOp::BitwiseAnd:
    return a && b;
  case BinaryOp::BitwiseXor:
    return a != b;
  default:
    return false;
  }
}

template <typename C> bool compareValues(CompareOp op, C a, C b) {
  switch (op) {
  case CompareOp::Less:
    return a < b;
  case CompareOp::LessEqual:
    return a <= b;
  case CompareOp::Greater:
    return a > b;
  case CompareOp::GreaterEqual:
    return a >= b;
  case CompareOp::Equal:
    return a == b;
  case CompareOp::NotEqual:
    return a != b;
  }
  return false;
}

template <typename F> F floatUnary(UnaryOp op, F x) {
  switch (op) {
  case UnaryOp::Negative:
    return -x;
  case UnaryOp::Absolute:
    return std::fabs(x);
  case UnaryOp::Exp:
    return std::exp(x);
  case UnaryOp::Log:
    return std::log(x);
  case UnaryOp::Log1p:
    return std::log1p(x);
  case UnaryOp::Expm1:
    return std::expm1(x);
  case UnaryOp::Sqrt:
    return std::sqrt(x);
  case UnaryOp::Tanh:
    return std::tanh(x);
  case UnaryOp::Sin:
    return std::sin(x);
  case UnaryOp::Cos:
    return std::cos(x);
  case UnaryOp::Floor:
    return std::floor(x);
  case UnaryOp::Ceil:
    return std::ceil(x);
  case UnaryOp::Invert:
    break;
  }
  return x;
}

/// Casts both operands to the loop dtype (NumPy casts scalars and arrays to
/// the loop's types before the inner loop runs).
Result<std::pair<NDArray, NDArray>> castOperands(const NDArray &a,
                                                 const NDArray &b, DType loop) {
  Result<NDArray> ca = a.astype(loop);
  if (!ca)
    return ca.takeError();
  Result<NDArray> cb = b.astype(loop);
  if (!cb)
    return cb.takeError();
  return std::make_pair(ca.take(), cb.take());
}

Result<bool> checkOperands(const NDArray &a, const NDArray &b) {
  if (Result<DType> ok = checkSupportedDType(a.dtype()); !ok)
    return ok.takeError();
  if (Result<DType> ok = checkSupportedDType(b.dtype()); !ok)
    return ok.takeError();
  return true;
}

} // namespace

Result<DType> binaryResultDType(BinaryOp op, const CastOperand &a,
                                const CastOperand &b) {
  if (op == BinaryOp::TrueDivide && isDiscrete(a.dtype) && isDiscrete(b.dtype))
    return DType::Float64; // PyUFunc_TrueDivisionTypeResolver's default.
  DType common = resultType({a, b});
  switch (op) {
  case BinaryOp::Subtract:
    if (isBool(common))
      return makeError("numpy boolean subtract, the `-` operator, is not "
                       "supported, use the bitwise_xor, the `^` operator, or "
                       "the logical_xor function instead.");
    return common;
  case BinaryOp::FloorDivide:
  case BinaryOp::Remainder:
    if (isComplex(common))
      return unsupportedTypes(binaryOpName(op));
    return isBool(common) ? DType::Int8 : common;
  case BinaryOp::Power:
    return isBool(common) ? DType::Int8 : common;
  case BinaryOp::BitwiseAnd:
  case BinaryOp::BitwiseOr:
  case BinaryOp::BitwiseXor:
    if (!isDiscrete(common))
      return unsupportedTypes(binaryOpName(op));
    return common;
  default:
    return common;
  }
}

Result<DType> unaryResultDType(UnaryOp op, DType input) {
  switch (op) {
  case UnaryOp::Negative:
    if (isBool(input))
      return makeError("The numpy boolean negative, the `-` operator, is not "
                       "supported, use the `~` operator or the logical_not "
                       "function instead.");
    return input;
  case UnaryOp::Absolute:
    return input;
  case UnaryOp::Invert:
    if (!isDiscrete(input))
      return unsupportedTypes(unaryOpName(op));
    return input;
  default:
    if (isComplex(input) && (op == UnaryOp::Floor || op == UnaryOp::Ceil))
      return unsupportedTypes(unaryOpName(op));
    return floatLoopFor(input);
  }
}

Result<NDArray> binary(BinaryOp op, const NDArray &a, const NDArray &b) {
  if (Result<bool> ok = checkOperands(a, b); !ok)
    return ok.takeError();
  Result<DType> loop = binaryResultDType(op, a.castOperand(), b.castOperand());
  if (!loop)
    return loop.takeError();
  Result<Shape> outShape = broadcastShapes(a.shape(), b.shape());
  if (!outShape)
    return outShape.takeError();
  auto operands = castOperands(a, b, *loop);
  if (!operands)
    return operands.takeError();
  const NDArray &x = operands->first, &y = operands->second;
  NDArray out = NDArray::allocate(*loop, *outShape);
  bool negativePower = false;
  dispatchDType(*loop, [&](auto tag) {
    using T = typename decltype(tag)::type;
    forEachBroadcast(
        *outShape, x.shape(), y.shape(), [&](int64_t o, int64_t i, int64_t j) {
          T u = loadAt<T>(x, i), v = loadAt<T>(y, j);
          T result{};
          if constexpr (isHalfV<T>) {
            // NumPy's half loops compute in float32.
            float r =
                floatBinary<float>(op, static_cast<float>(halfToDouble(u.bits)),
                                   static_cast<float>(halfToDouble(v.bits)));
            result = castElement<T>(r);
          } else if constexpr (std::is_floating_point_v<T>) {
            result = floatBinary<T>(op, u, v);
          } else if constexpr (isBoolV<T>) {
            result = boolBinary(op, u, v);
          } else {
            if (!intBinary<T>(op, u, v, result))
              negativePower = true;
          }
          storeAt<T>(out, o, result);
        });
  });
  if (negativePower)
    return makeError("Integers to negative integer powers are not allowed.");
  return out;
}

Result<NDArray> compare(CompareOp op, const NDArray &a, const NDArray &b) {
  if (Result<bool> ok = checkOperands(a, b); !ok)
    return ok.takeError();
  DType loop = resultType({a.castOperand(), b.castOperand()});
  Result<Shape> outShape = broadcastShapes(a.shape(), b.shape());
  if (!outShape)
    return outShape.takeError();
  auto operands = castOperands(a, b, loop);
  if (!operands)
    return operands.takeError();
  const NDArray &x = operands->first, &y = operands->second;
  NDArray out = NDArray::allocate(DType::Bool, *outShape);
  dispatchDType(loop, [&](auto tag) {
    using T = typename decltype(tag)::type;
    forEachBroadcast(
        *outShape, x.shape(), y.shape(), [&](int64_t o, int64_t i, int64_t j) {
          T u = loadAt<T>(x, i), v = loadAt<T>(y, j);
          bool result;
          if constexpr (isHalfV<T>)
            result =
                compareValues(op, halfToDouble(u.bits), halfToDouble(v.bits));
          else
            result = compareValues(op, u, v);
          storeAt<bool>(out, o, result);
        });
  });
  return out;
}

Result<NDArray> unary(UnaryOp op, const NDArray &a) {
  if (Result<DType> ok = checkSupportedDType(a.dtype()); !ok)
    return ok.takeError();
  Result<DType> loop = unaryResultDType(op, a.dtype());
  if (!loop)
    return loop.takeError();
  Result<NDArray> x = a.astype(*loop);
  if (!x)
    return x;
  NDArray out = NDArray::allocate(*loop, a.shape());
  int64_t count = a.size();
  dispatchDType(*loop, [&](auto tag) {
    using T = typename decltype(tag)::type;
    for (int64_t i = 0; i < count; ++i) {
      T u = loadAt<T>(*x, i);
      T result{};
      if constexpr (isHalfV<T>) {
        // Sign operations act on the bit pattern, as NumPy's half loops do.
        if (op == UnaryOp::Negative)
          result.bits = u.bits ^ 0x8000;
        else if (op == UnaryOp::Absolute)
          result.bits = u.bits & 0x7fff;
        else
          result = castElement<T>(
              floatUnary<float>(op, static_cast<float>(halfToDouble(u.bits))));
      } else if constexpr (std::is_floating_point_v<T>) {
        result = floatUnary<T>(op, u);
      } else if constexpr (isBoolV<T>) {
        result = op == UnaryOp::Invert ? !u : u;
      } else {
        using U = std::make_unsigned_t<T>;
        if (op == UnaryOp::Negative)
          result = static_cast<T>(U(0) - static_cast<U>(u));
        else if (op == UnaryOp::Absolute)
          result = (std::is_signed_v<T> && u < 0)
                       ? static_cast<T>(U(0) - static_cast<U>(u))
                       : u;
        else if (op == UnaryOp::Invert)
          result = static_cast<T>(~u);
      }
      storeAt<T>(out, i, result);
    }
  });
  return out;
}

} // namespace tcc::numpy
