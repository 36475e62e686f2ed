//===- numpy-unit-tests.cpp - compile-time NumPy against NumPy 1.24 -------===//
//
// Every expected value comes from NumPy itself (Inputs/gen_reference.py
// writes Inputs/NumPyReference.inc); doubles are compared bit for bit. Prints
// one line per failure and ends with "N passed, M failed" (unit.test checks
// that line).
//
//===----------------------------------------------------------------------===//

#include "NumPy/DType.h"
#include "NumPy/NDArray.h"
#include "NumPy/NDArrayOps.h"
#include "NumPy/NumPyCasting.h"
#include "NumPy/RandomState.h"
#include "NumPy/TheanoDTypeRules.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "NumPyReference.inc"

using namespace tcc::numpy;

namespace {

int passed = 0, failed = 0;

void expect(bool ok, const std::string &what) {
  if (ok) {
    ++passed;
    return;
  }
  ++failed;
  std::printf("FAIL: %s\n", what.c_str());
}

template <typename T> std::string str(const T &value) {
  return std::to_string(value);
}

uint64_t bitsOf(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

double fromBits(uint64_t bits) {
  double value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

std::string hex(uint64_t bits) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "0x%016llx",
                static_cast<unsigned long long>(bits));
  return buffer;
}

/// Bit equality, except that any NaN equals any NaN (NumPy's NaNs are often
/// the negative default NaN of x86).
bool sameDouble(double actual, uint64_t expected) {
  double e = fromBits(expected);
  if (std::isnan(actual) || std::isnan(e))
    return std::isnan(actual) && std::isnan(e);
  return bitsOf(actual) == expected;
}

void expectDouble(double actual, uint64_t expected, const std::string &what) {
  expect(sameDouble(actual, expected),
         what + ": got " + hex(bitsOf(actual)) + " (" + str(actual) +
             "), want " + hex(expected) + " (" + str(fromBits(expected)) + ")");
}

DType dt(const char *name) {
  std::optional<DType> dtype = parseDTypeName(name);
  if (!dtype) {
    std::printf("bad dtype name in reference data: %s\n", name);
    return DType::Float64;
  }
  return *dtype;
}

std::string name(DType dtype) { return std::string(dtypeName(dtype)); }

template <typename T> T must(Result<T> result, const std::string &what) {
  if (!result) {
    expect(false, what + ": unexpected error: " + result.error());
    return T();
  }
  return result.take();
}

NDArray doubles(const Shape &shape, const std::vector<double> &values,
                DType dtype = DType::Float64) {
  return must(NDArray::fromDoubles(shape, values, dtype), "fromDoubles");
}

template <size_t N>
std::vector<double> decode(const unsigned long long (&bits)[N]) {
  std::vector<double> values;
  for (unsigned long long b : bits)
    values.push_back(fromBits(b));
  return values;
}

NDArray pyFloat(double value) {
  return must(NDArray::fromScalar(PyScalar::ofFloat(value)), "pyFloat");
}
NDArray pyInt(int64_t value) {
  return must(NDArray::fromScalar(PyScalar::ofInt(value)), "pyInt");
}

NDArray bin(BinaryOp op, const NDArray &a, const NDArray &b) {
  return must(binary(op, a, b), std::string(binaryOpName(op)));
}

/// Checks dtype, shape and every element's bits.
void expectArray(const NDArray &actual, const char *dtype, const Shape &shape,
                 const std::vector<uint64_t> &bits, const std::string &what) {
  expect(name(actual.dtype()) == dtype,
         what + ": dtype " + name(actual.dtype()) + ", want " + dtype);
  expect(actual.shape() == shape, what + ": shape " +
                                      shapeToString(actual.shape()) +
                                      ", want " + shapeToString(shape));
  if (actual.size() != static_cast<int64_t>(bits.size()))
    return;
  bool isFloatResult = isFloat(actual.dtype());
  for (size_t i = 0; i < bits.size(); ++i) {
    if (isFloatResult) {
      if (!sameDouble(actual.getDouble(i), bits[i])) {
        expectDouble(actual.getDouble(i), bits[i], what + "[" + str(i) + "]");
        return;
      }
    } else if (static_cast<uint64_t>(actual.getInt64(i)) != bits[i]) {
      expect(false, what + "[" + str(i) + "]: got " + str(actual.getInt64(i)) +
                        ", want " + hex(bits[i]));
      return;
    }
  }
  expect(true, what);
}

/// Sum of the float64 bit patterns modulo 2^64, as gen_reference.py's.
uint64_t checksum(const NDArray &array) {
  uint64_t total = 0;
  for (int64_t i = 0; i < array.size(); ++i)
    total += bitsOf(array.getDouble(i));
  return total;
}

void expectError(const Result<NDArray> &result, const std::string &message,
                 const std::string &what) {
  if (result) {
    expect(false, what + ": expected error \"" + message + "\"");
    return;
  }
  expect(result.error() == message,
         what + ": error \"" + result.error() + "\", want \"" + message + "\"");
}

//===----------------------------------------------------------------------===//
// DType
//===----------------------------------------------------------------------===//

void testDTypes() {
  for (int i = 0; i < kNumDTypes; ++i)
    for (int j = 0; j < kNumDTypes; ++j) {
      DType a = kAllDTypes[i], b = kAllDTypes[j];
      expect(promoteTypes(a, b) == dt(kPromoteTypes[i][j]),
             "promote_types(" + name(a) + ", " + name(b) + ") = " +
                 name(promoteTypes(a, b)) + ", want " + kPromoteTypes[i][j]);
      expect(canCastSafely(a, b) == kCanCastSafe[i][j],
             "can_cast(" + name(a) + ", " + name(b) + ")");
      expect(theano::upcast(a, b) == dt(kTheanoUpcast[i][j]),
             "upcast(" + name(a) + ", " + name(b) + ")");
    }
  for (const UpcastTriple &t : kUpcastTriples)
    expect(theano::upcast({dt(t.a), dt(t.b), dt(t.c)}) == dt(t.expected),
           std::string("upcast(") + t.a + ", " + t.b + ", " + t.c + ")");

  // Names, prefixes, sizes, predicates.
  expect(parseDTypeName("floatX", DType::Float32) == DType::Float32, "floatX");
  expect(!parseDTypeName("floatX"), "floatX needs a value");
  expect(parseDTypeName("f4") == DType::Float32, "f4");
  expect(parseDTypeName("float") == DType::Float64, "float");
  expect(parseDTypeName("int") == DType::Int64, "int");
  expect(!parseDTypeName("float128"), "float128 unsupported");
  const char prefixes[] = "bwilfdcz";
  const DType prefixTypes[] = {
      DType::Int8,    DType::Int16,   DType::Int32,     DType::Int64,
      DType::Float32, DType::Float64, DType::Complex64, DType::Complex128};
  for (int i = 0; i < 8; ++i)
    expect(dtypeFromTheanoPrefix(prefixes[i]) == prefixTypes[i],
           std::string("prefix ") + prefixes[i]);
  expect(!dtypeFromTheanoPrefix('x'), "prefix x");
  expect(dtypeSize(DType::Bool) == 1 && dtypeSize(DType::Float16) == 2 &&
             dtypeSize(DType::Complex128) == 16,
         "dtype sizes");
  expect(isFloat(DType::Float16) && !isFloat(DType::Complex64) &&
             isInteger(DType::UInt8) && !isInteger(DType::Bool) &&
             isSigned(DType::Float32) && !isSigned(DType::UInt64) &&
             isComplex(DType::Complex64) && isBool(DType::Bool) &&
             isDiscrete(DType::Bool),
         "dtype predicates");
}

//===----------------------------------------------------------------------===//
// Value-based casting and ufunc result types
//===----------------------------------------------------------------------===//

void testResultTypes() {
  for (const ValueCase &c : kValueCases) {
    DType arrayType = dt(c.arrayDType), scalarType = dt(c.scalarDType);
    CastOperand scalar;
    NDArray scalarArray;
    std::string kind = c.kind;
    if (kind == "bool") {
      scalar = CastOperand::scalarBool(c.intValue != 0);
      scalarArray =
          must(NDArray::fromScalar(PyScalar::ofBool(c.intValue)), "b");
    } else if (kind == "int") {
      scalar = isUnsignedInteger(scalarType)
                   ? CastOperand::scalarUInt(static_cast<uint64_t>(c.intValue),
                                             scalarType)
                   : CastOperand::scalarInt(c.intValue, scalarType);
      scalarArray =
          must(NDArray::fromInt64s({}, {c.intValue}, scalarType), "i");
    } else {
      scalar = CastOperand::scalarFloat(fromBits(c.floatBits), scalarType);
      scalarArray = doubles({}, {fromBits(c.floatBits)}, scalarType);
    }
    std::string what =
        std::string("result_type(") + c.arrayDType + " array, " +
        c.scalarDType + " " +
        (kind == "float" ? str(fromBits(c.floatBits)) : str(c.intValue)) + ")";
    DType got = resultType({CastOperand::array(arrayType), scalar});
    expect(got == dt(c.expected),
           what + " = " + name(got) + ", want " + c.expected);
    // The same through an NDArray operation, with the scalar on the left.
    NDArray array = must(NDArray::zeros({2}, arrayType), what);
    Result<NDArray> sum = binary(BinaryOp::Maximum, scalarArray, array);
    expect(sum && sum->dtype() == dt(c.expected), what + " via maximum");
  }

  struct {
    BinaryOp op;
    const char *name;
  } ops[] = {{BinaryOp::Add, "add"},
             {BinaryOp::Subtract, "subtract"},
             {BinaryOp::Multiply, "multiply"},
             {BinaryOp::TrueDivide, "true_divide"},
             {BinaryOp::FloorDivide, "floor_divide"},
             {BinaryOp::Remainder, "remainder"},
             {BinaryOp::Power, "power"},
             {BinaryOp::Maximum, "maximum"},
             {BinaryOp::BitwiseAnd, "bitwise_and"}};
  for (const UfuncTable &table : kUfuncTables) {
    BinaryOp op = BinaryOp::Add;
    for (const auto &entry : ops)
      if (std::string(entry.name) == table.op)
        op = entry.op;
    for (int i = 0; i < 12; ++i)
      for (int j = 0; j < 12; ++j) {
        DType a = kAllDTypes[i], b = kAllDTypes[j];
        Result<NDArray> r = binary(op, must(NDArray::ones({2}, a), "ones"),
                                   must(NDArray::ones({2}, b), "ones"));
        std::string got = r ? name(r->dtype()) : "error";
        expect(got == table.result[i][j],
               std::string(table.op) + "(" + name(a) + ", " + name(b) +
                   ") = " + got + ", want " + table.result[i][j]);
      }
  }
  struct {
    UnaryOp op;
    const char *name;
  } unaryOps[] = {
      {UnaryOp::Negative, "negative"}, {UnaryOp::Absolute, "absolute"},
      {UnaryOp::Exp, "exp"},           {UnaryOp::Sqrt, "sqrt"},
      {UnaryOp::Invert, "invert"},     {UnaryOp::Floor, "floor"}};
  for (const UnaryTable &table : kUnaryTables) {
    UnaryOp op = UnaryOp::Negative;
    for (const auto &entry : unaryOps)
      if (std::string(entry.name) == table.op)
        op = entry.op;
    for (int i = 0; i < 12; ++i) {
      Result<NDArray> r =
          unary(op, must(NDArray::ones({2}, kAllDTypes[i]), "1"));
      std::string got = r ? name(r->dtype()) : "error";
      expect(got == table.result[i], std::string(table.op) + "(" +
                                         name(kAllDTypes[i]) + ") = " + got +
                                         ", want " + table.result[i]);
    }
  }
}

//===----------------------------------------------------------------------===//
// Theano's rules
//===----------------------------------------------------------------------===//

void testTheanoRules() {
  for (const IntAutocast &c : kIntAutocast)
    expect(theano::autocastInt(c.value) == dt(c.expected),
           "autocast_int(" + str(c.value) + ") = " +
               name(theano::autocastInt(c.value)) + ", want " + c.expected);
  for (const FloatAutocast &c : kFloatAutocast) {
    double v = fromBits(c.bits);
    DType got = theano::autocastFloat(v, DType::Float64);
    expect(got == dt(c.expected), "autocast_float(" + str(v) + ") = " +
                                      name(got) + ", want " + c.expected);
    expect(theano::autocastFloat(v, DType::Float32) == DType::Float32,
           "autocast_float(" + str(v) + ") with floatX=float32");
  }
  expect(theano::autocastInt(true) == DType::Int8, "True is an int8 literal");

  using namespace theano;
  expect(upgradeToFloat(DType::Int8) == DType::Float32, "exp(int8)");
  expect(upgradeToFloat(DType::Int16) == DType::Float32, "exp(int16)");
  expect(upgradeToFloat(DType::Int32) == DType::Float64, "exp(int32)");
  expect(upgradeToFloat(DType::Int64) == DType::Float64, "exp(int64)");
  expect(upgradeToFloat(DType::Bool) == DType::Float32, "exp(bool)");
  expect(upgradeToFloat(DType::Float32) == DType::Float32, "exp(float32)");
  expect(upgradeToFloat({DType::Int8, DType::Float16}) == DType::Float32,
         "upgrade_to_float(int8, float16)");
  expect(trueDivOut(DType::Int8, DType::Int8, DType::Float64) == DType::Float64,
         "int8 / int8, floatX=float64");
  expect(trueDivOut(DType::Int64, DType::Int32, DType::Float32) ==
             DType::Float32,
         "int64 / int32, floatX=float32");
  expect(trueDivOut(DType::Int64, DType::Float32, DType::Float32) ==
             DType::Float64,
         "int64 / float32");
  expect(trueDivOut(DType::Int8, DType::Float32, DType::Float64) ==
             DType::Float32,
         "int8 / float32");
  expect(intDivOut(DType::Int32, DType::Int8) == DType::Int32, "int32 // int8");
  expect(intDivOut(DType::Float32, DType::Int8) == DType::Float32,
         "float32 // int8");
  expect(powOut(DType::Bool, DType::Bool) == DType::Int8, "bool ** bool");
  expect(powOut(DType::Float32, autocastInt(2)) == DType::Float32,
         "fvector ** 2");
  expect(!upcastOutNoBool(DType::Bool, DType::Bool), "bool - bool");
  expect(*upcastOutNoBool(DType::Bool, DType::Int8) == DType::Int8,
         "bool - int8");
  expect(!sameOutNoBool(DType::Bool), "-bool");
  expect(absOut(DType::Complex64) == DType::Float32, "abs(complex64)");
  expect(comparisonOut() == DType::Bool, "comparison");
  expect(*bitwiseOut(DType::Bool, DType::Bool) == DType::Bool, "bool & bool");
  expect(*bitwiseOut(DType::Int8, DType::UInt8) == DType::Int16,
         "int8 & uint8");
  expect(!bitwiseOut(DType::Float32, DType::Int8), "float32 & int8");
  expect(!invertOut(DType::Float64), "~float64");
  expect(sumOutDType(DType::Int8) == DType::Int64, "sum(int8)");
  expect(sumOutDType(DType::Bool) == DType::Int64, "sum(bool)");
  expect(sumOutDType(DType::UInt16) == DType::UInt64, "sum(uint16)");
  expect(sumOutDType(DType::Int64) == DType::Int64, "sum(int64)");
  expect(sumOutDType(DType::Float32) == DType::Float32, "sum(float32)");
  expect(sumAccDType(DType::Float32) == DType::Float64, "sum acc(float32)");
  expect(sumAccDType(DType::Float16) == DType::Float32, "sum acc(float16)");
  expect(prodOutDType(DType::UInt8) == DType::UInt64, "prod(uint8)");
  expect(meanOutDType(DType::Int32) == DType::Float64, "mean(int32)");
  expect(meanOutDType(DType::Bool) == DType::Float64, "mean(bool)");
  expect(meanOutDType(DType::Float32) == DType::Float32, "mean(float32)");
  expect(meanOutDType(DType::Float16) == DType::Float16, "mean(float16)");
  // The design document's examples: fvector + 0.5 and fvector + 1.1.
  expect(upcast(DType::Float32, autocastFloat(0.5, DType::Float64)) ==
             DType::Float32,
         "fvector + 0.5");
  expect(upcast(DType::Float32, autocastFloat(1.1, DType::Float64)) ==
             DType::Float64,
         "fvector + 1.1");
}

//===----------------------------------------------------------------------===//
// NDArray
//===----------------------------------------------------------------------===//

void testCasts() {
  std::vector<double> inputs = decode(kCastInputs);
  NDArray source = doubles({static_cast<int64_t>(inputs.size())}, inputs);
  for (const CastCase &c : kCastCases) {
    NDArray cast = must(source.astype(dt(c.dtype)), c.dtype);
    for (size_t i = 0; i < inputs.size(); ++i) {
      // Out-of-range float -> uint32 casts are undefined in C; NumPy's
      // vectorized and scalar loops disagree on them (1e10 gives 0 in a long
      // array, 1e10 mod 2^32 alone), so only in-range values are compared.
      if (cast.dtype() == DType::UInt32 &&
          !(inputs[i] > -2147483648.0 && inputs[i] < 4294967296.0))
        continue;
      std::string what =
          "astype(" + std::string(c.dtype) + ") of " + str(inputs[i]);
      if (isFloat(cast.dtype()))
        expectDouble(cast.getDouble(i), c.results[i], what);
      else
        expect(static_cast<uint64_t>(cast.getInt64(i)) == c.results[i],
               what + ": got " + str(cast.getInt64(i)) + ", want " +
                   hex(c.results[i]));
    }
  }
}

void testArithmetic() {
  NDArray f32 = doubles({3, 4}, decode(kF32Matrix), DType::Float32);
  NDArray row = must(f32.index(0), "row");
  std::vector<double> column;
  for (int i = 0; i < 3; ++i)
    column.push_back(f32.getDouble(i * 4));
  NDArray col = doubles({3, 1}, column, DType::Float32);
  NDArray f64 = bin(BinaryOp::Multiply, must(f32.astype(DType::Float64), "f64"),
                    pyFloat(1.1));
  std::vector<NDArray> results = {
      bin(BinaryOp::Add, bin(BinaryOp::Multiply, f32, pyFloat(2.0)),
          pyFloat(0.1)),
      bin(BinaryOp::TrueDivide, f32, pyInt(3)),
      bin(BinaryOp::Subtract, f32, row),
      bin(BinaryOp::Multiply, f32, col),
      bin(BinaryOp::FloorDivide, f32, pyFloat(0.3)),
      bin(BinaryOp::Remainder, f32, pyFloat(0.3)),
      bin(BinaryOp::Power, f32, pyInt(2)),
      bin(BinaryOp::Add, f32, f64),
      must(unary(UnaryOp::Negative, f32), "neg"),
      must(unary(UnaryOp::Absolute, f32), "abs"),
      f32.transpose(),
      must(unary(UnaryOp::Sqrt, must(unary(UnaryOp::Absolute, f32), "abs")),
           "sqrt"),
  };
  size_t k = 0;
  for (const ArithCase &c : kArithCases) {
    std::vector<uint64_t> bits(std::begin(c.values), std::end(c.values));
    expectArray(results[k++], c.dtype, {c.rows, c.cols}, bits, c.what);
  }

  NDArray a =
      must(NDArray::fromInt64s(
               {7}, std::vector<int64_t>(std::begin(kIntA), std::end(kIntA)),
               DType::Int8),
           "a");
  NDArray b =
      must(NDArray::fromInt64s(
               {7}, std::vector<int64_t>(std::begin(kIntB), std::end(kIntB)),
               DType::Int8),
           "b");
  NDArray absB = must(unary(UnaryOp::Absolute, b), "abs");
  std::vector<NDArray> intResults = {
      bin(BinaryOp::Add, a, b),
      bin(BinaryOp::Subtract, a, b),
      bin(BinaryOp::Multiply, a, b),
      bin(BinaryOp::FloorDivide, a, b),
      bin(BinaryOp::Remainder, a, b),
      bin(BinaryOp::TrueDivide, a, b),
      bin(BinaryOp::Power, a, absB),
      bin(BinaryOp::Add, a, pyInt(200)),
      must(must(compare(CompareOp::Less, a, pyInt(1000)), "<")
               .astype(DType::Int8),
           "astype"),
  };
  k = 0;
  for (const IntOpCase &c : kIntOps) {
    std::vector<uint64_t> bits(std::begin(c.values), std::end(c.values));
    expectArray(intResults[k++], c.dtype, {7}, bits,
                std::string("int8 ") + c.op);
  }
  expectError(binary(BinaryOp::Power, a, pyInt(-1)),
              "Integers to negative integer powers are not allowed.",
              "int ** -1");

  NDArray fa = doubles({8}, decode(kFloatA)),
          fb = doubles({8}, decode(kFloatB));
  std::vector<uint64_t> floorBits(std::begin(kFloatFloorDiv),
                                  std::end(kFloatFloorDiv));
  std::vector<uint64_t> remBits(std::begin(kFloatRemainder),
                                std::end(kFloatRemainder));
  expectArray(bin(BinaryOp::FloorDivide, fa, fb), "float64", {8}, floorBits,
              "float64 //");
  expectArray(bin(BinaryOp::Remainder, fa, fb), "float64", {8}, remBits,
              "float64 %");

  // Broadcasting shapes and errors.
  NDArray m23 = must(NDArray::ones({2, 3}), "m");
  NDArray v3 =
      must(NDArray::arange(PyScalar::ofInt(0), PyScalar::ofInt(3)), "v");
  NDArray bc = bin(BinaryOp::Add, m23, v3);
  expect(bc.shape() == Shape({2, 3}) && bc.getDouble(5) == 3.0 &&
             bc.dtype() == DType::Float64,
         "(2,3) + (3,)");
  NDArray c31 = must(NDArray::ones({3, 1}, DType::Int32), "c");
  NDArray outer = bin(BinaryOp::Multiply, c31, v3);
  expect(outer.shape() == Shape({3, 3}) && outer.dtype() == DType::Int64,
         "(3,1) * (3,)");
  expectError(binary(BinaryOp::Add, m23, must(NDArray::ones({4}), "4")),
              "operands could not be broadcast together with shapes (2,3) (4,)",
              "broadcast error");
  NDArray cmp = must(compare(CompareOp::GreaterEqual, v3, pyFloat(1.0)), ">=");
  expect(cmp.dtype() == DType::Bool && cmp.getInt64(0) == 0 &&
             cmp.getInt64(2) == 1,
         "comparison");
  expectError(binary(BinaryOp::Subtract,
                     must(NDArray::ones({2}, DType::Bool), "b"),
                     must(NDArray::ones({2}, DType::Bool), "b")),
              "numpy boolean subtract, the `-` operator, is not supported, use "
              "the bitwise_xor, the `^` operator, or the logical_xor function "
              "instead.",
              "bool - bool");
}

void testReductions() {
  size_t k = 0;
  auto next = [&](const std::string &what) -> const SumCase & {
    const SumCase &c = kSumCases[k++];
    if (what != c.what)
      std::printf("reference order mismatch: %s vs %s\n", what.c_str(), c.what);
    return c;
  };
  for (int64_t n : {5, 100, 1000, 8193, 20000, 100000}) {
    RandomState rng(static_cast<uint32_t>(n));
    NDArray a =
        must(must(rng.standardNormal({n}), "randn").astype(DType::Float32),
             "astype");
    std::string what = "sum float32 n=" + str(n);
    expectDouble(must(sum(a), what).getDouble(0), next(what).expected, what);
  }
  for (int64_t n : {1000, 100000}) {
    RandomState rng(static_cast<uint32_t>(n));
    NDArray a = must(rng.standardNormal({n}), "randn");
    std::string what = "sum float64 n=" + str(n);
    expectDouble(must(sum(a), what).getDouble(0), next(what).expected, what);
  }
  {
    RandomState rng(3);
    NDArray a = must(
        must(rng.standardNormal({300, 40}), "randn").astype(DType::Float32),
        "astype");
    const char *w0 = "sum float32 (300,40) axis=0 checksum";
    expect(checksum(must(sum(a, 0), w0)) == next(w0).expected, w0);
    const char *w1 = "sum float32 (300,40) axis=1 checksum";
    expect(checksum(must(sum(a, 1), w1)) == next(w1).expected, w1);
    const char *w2 = "mean float32 (300,40)";
    NDArray m = must(mean(a), w2);
    expect(m.dtype() == DType::Float32, "mean float32 dtype");
    expectDouble(m.getDouble(0), next(w2).expected, w2);
    const char *w3 = "mean float32 (300,40) axis=0 checksum";
    expect(checksum(must(mean(a, 0), w3)) == next(w3).expected, w3);
  }
  {
    RandomState rng(4);
    NDArray b = must(rng.standardNormal({20, 30, 40}), "randn");
    const char *w0 = "sum float64 (20,30,40) axis=(0,2) checksum";
    expect(checksum(must(reduce(ReduceOp::Sum, b, std::vector<int64_t>{0, 2}),
                         w0)) == next(w0).expected,
           w0);
    const char *w1 = "sum float64 (20,30,40) axis=1 checksum";
    expect(checksum(must(sum(b, 1), w1)) == next(w1).expected, w1);
  }
  {
    RandomState rng(6);
    NDArray c = must(
        must(rng.standardNormal({20000, 1}), "randn").astype(DType::Float32),
        "astype");
    const char *w0 = "sum float32 (20000,1) axis=0";
    NDArray s0 = must(sum(c, 0), w0);
    expect(s0.shape() == Shape({1}), "sum (20000,1) axis=0 shape");
    expectDouble(s0.getDouble(0), next(w0).expected, w0);
    const char *w1 = "max float32 (20000,1)";
    expectDouble(must(max(c), w1).getDouble(0), next(w1).expected, w1);
    const char *w2 = "min float32 (20000,1) axis=0";
    expectDouble(must(min(c, 0), w2).getDouble(0), next(w2).expected, w2);
  }
  {
    RandomState rng(5);
    NDArray h =
        must(must(rng.standardNormal({3000}), "randn").astype(DType::Float16),
             "astype");
    const char *w0 = "sum float16 n=3000";
    expectDouble(must(sum(h), w0).getDouble(0), next(w0).expected, w0);
    const char *w1 = "mean float16 n=3000";
    NDArray m = must(mean(h), w1);
    expect(m.dtype() == DType::Float16, "mean float16 dtype");
    expectDouble(m.getDouble(0), next(w1).expected, w1);
  }
  {
    NDArray i8 =
        must(NDArray::arange(PyScalar::ofInt(-100), PyScalar::ofInt(100),
                             PyScalar::ofInt(1), DType::Int8),
             "arange");
    const char *w = "mean int8 arange(-100,100)+0.5";
    NDArray m = must(mean(bin(BinaryOp::Add, i8, pyInt(1))), w);
    expect(m.dtype() == DType::Float64, "mean int8 dtype");
    expectDouble(m.getDouble(0), next(w).expected, w);
  }
  NDArray ints = must(
      NDArray::fromInt64s({2, 3}, {3, -1, 4, 1, -5, 9}, DType::Int8), "ints");
  NDArray total = must(sum(ints), "sum");
  expect(total.dtype() == DType::Int64 && total.ndim() == 0 &&
             total.getInt64(0) == 11,
         "sum(int8)");
  NDArray axis0 = must(sum(ints, 0), "sum axis 0");
  expect(axis0.shape() == Shape({3}) && axis0.getInt64(0) == 4 &&
             axis0.getInt64(1) == -6 && axis0.getInt64(2) == 13,
         "sum(int8, axis=0)");
  expect(must(max(ints), "max").getInt64(0) == 9 &&
             must(max(ints), "max").dtype() == DType::Int8,
         "max(int8)");
  NDArray min1 = must(min(ints, -1), "min");
  expect(min1.shape() == Shape({2}) && min1.getInt64(0) == -1 &&
             min1.getInt64(1) == -5,
         "min(int8, axis=-1)");
  NDArray kept = must(
      reduce(ReduceOp::Sum, ints, std::vector<int64_t>{1}, true), "keepdims");
  expect(kept.shape() == Shape({2, 1}) && kept.getInt64(1) == 5, "keepdims");
  NDArray prod = must(reduce(ReduceOp::Prod, ints), "prod");
  expect(prod.getInt64(0) == 540 && prod.dtype() == DType::Int64, "prod");
  expectError(max(ints, 2), "axis 2 is out of bounds for array of dimension 2",
              "axis error");
  expectError(max(must(NDArray::zeros({0, 3}), "z"), 0),
              "zero-size array to reduction operation maximum which has no "
              "identity",
              "empty max");

  // dot.
  NDArray a = must(NDArray::fromInt64s({2, 3}, {1, 2, 3, 4, 5, 6}), "a");
  NDArray b = must(NDArray::fromInt64s({3, 2}, {7, 8, 9, 10, 11, 12}), "b");
  NDArray ab = must(dot(a, b), "dot");
  expect(ab.shape() == Shape({2, 2}) && ab.getInt64(0) == 58 &&
             ab.getInt64(3) == 154,
         "dot 2x3 . 3x2");
  NDArray v = must(NDArray::fromDoubles({3}, {0.5, 1, 2}), "v");
  NDArray av = must(dot(a, v), "dot");
  expect(av.shape() == Shape({2}) && av.dtype() == DType::Float64 &&
             av.getDouble(0) == 8.5 && av.getDouble(1) == 19,
         "dot 2x3 . 3");
  NDArray vv = must(dot(v, v), "dot");
  expect(vv.ndim() == 0 && vv.getDouble(0) == 5.25, "dot 3 . 3");
  expectError(dot(a, a),
              "shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)",
              "dot error");
}

void testCreation() {
  auto nested = [](std::vector<std::vector<PyScalar>> rows) {
    std::vector<NestedList> items;
    for (auto &row : rows) {
      std::vector<NestedList> leaves;
      for (PyScalar s : row)
        leaves.push_back(NestedList::leaf(s));
      items.push_back(NestedList::list(leaves));
    }
    return NestedList::list(items);
  };
  using P = PyScalar;
  NDArray m = must(NDArray::fromNested(nested({{P::ofInt(1), P::ofInt(2)},
                                               {P::ofInt(3), P::ofInt(4)}})),
                   "asarray");
  expect(m.dtype() == DType::Int64 && m.shape() == Shape({2, 2}) &&
             m.getInt64(3) == 4,
         "asarray([[1,2],[3,4]])");
  NDArray mixed = must(
      NDArray::fromNested(nested({{P::ofInt(1), P::ofFloat(2.5)}})), "mixed");
  expect(mixed.dtype() == DType::Float64 && mixed.shape() == Shape({1, 2}),
         "int and float -> float64");
  NDArray bools =
      must(NDArray::fromNested(nested({{P::ofBool(true), P::ofBool(false)}})),
           "bools");
  expect(bools.dtype() == DType::Bool, "bools -> bool");
  NDArray boolInt =
      must(NDArray::fromNested(nested({{P::ofBool(true), P::ofInt(2)}})),
           "bool int");
  expect(boolInt.dtype() == DType::Int64 && boolInt.getInt64(0) == 1,
         "bool and int -> int64");
  NDArray empty = must(NDArray::fromNested(NestedList::list({})), "empty");
  expect(empty.dtype() == DType::Float64 && empty.shape() == Shape({0}),
         "asarray([])");
  NDArray truncated =
      must(NDArray::fromNested(nested({{P::ofFloat(1.7), P::ofFloat(-2.5)}}),
                               DType::Int32),
           "int32");
  expect(truncated.getInt64(0) == 1 && truncated.getInt64(1) == -2,
         "asarray(floats, dtype=int32) truncates");
  expectError(
      NDArray::fromNested(nested({{P::ofInt(1), P::ofInt(2)}, {P::ofInt(3)}})),
      "setting an array element with a sequence. The requested array "
      "has an inhomogeneous shape after 1 dimensions. The detected "
      "shape was (2,) + inhomogeneous part.",
      "ragged list");
  NDArray scalar = must(NDArray::fromScalar(P::ofInt(3)), "scalar");
  expect(scalar.ndim() == 0 && scalar.dtype() == DType::Int64, "asarray(3)");
  expect(must(scalar.item(), "item").intValue == 3, "item()");

  NDArray full =
      must(NDArray::full({2, 2}, P::ofFloat(1.7), DType::Int8), "full");
  expect(full.getInt64(3) == 1 && full.dtype() == DType::Int8,
         "full truncates");
  NDArray fullDefault = must(NDArray::full({2}, P::ofFloat(0.5)), "full");
  expect(fullDefault.dtype() == DType::Float64, "full dtype from value");
  NDArray ones = must(NDArray::ones({2, 3}, DType::Float32), "ones");
  expect(ones.getDouble(5) == 1.0 && ones.rawBytes().size() == 24, "ones");
  expectError(NDArray::zeros({-1}), "negative dimensions are not allowed",
              "negative dim");

  std::vector<uint64_t> ar(std::begin(kArangeFloat), std::end(kArangeFloat));
  expectArray(
      must(NDArray::arange(P::ofFloat(0.1), P::ofFloat(1.0), P::ofFloat(0.1)),
           "arange"),
      "float64", {static_cast<int64_t>(ar.size())}, ar, "arange(0.1, 1, 0.1)");
  std::vector<uint64_t> ar32(std::begin(kArangeFloat32),
                             std::end(kArangeFloat32));
  expectArray(must(NDArray::arange(P::ofFloat(0.1), P::ofFloat(1.0),
                                   P::ofFloat(0.1), DType::Float32),
                   "arange"),
              "float32", {static_cast<int64_t>(ar32.size())}, ar32,
              "arange(0.1, 1, 0.1, float32)");
  std::vector<uint64_t> ls(std::begin(kLinspace), std::end(kLinspace));
  expectArray(must(NDArray::linspace(-1.3, 2.9, 7), "linspace"), "float64", {7},
              ls, "linspace(-1.3, 2.9, 7)");
  std::vector<uint64_t> ls2(std::begin(kLinspaceNoEnd),
                            std::end(kLinspaceNoEnd));
  expectArray(must(NDArray::linspace(0, 1, 5, false), "linspace"), "float64",
              {5}, ls2, "linspace(0, 1, 5, endpoint=False)");
  NDArray li =
      must(NDArray::linspace(0, 10, 4, true, DType::Int64), "linspace");
  expect(li.getInt64(1) == 3 && li.getInt64(2) == 6 && li.getInt64(3) == 10,
         "linspace(0, 10, 4, dtype=int)");

  // reshape / transpose.
  NDArray r = must(NDArray::arange(P::ofInt(0), P::ofInt(6)), "arange");
  NDArray r23 = must(r.reshape({2, -1}), "reshape");
  expect(r23.shape() == Shape({2, 3}), "reshape(2, -1)");
  expectError(r.reshape({4}), "cannot reshape array of size 6 into shape (4,)",
              "reshape error");
  expectError(r.reshape({-1, -1}), "can only specify one unknown dimension",
              "reshape two -1");
  NDArray t = r23.transpose();
  expect(t.shape() == Shape({3, 2}) && t.getInt64(1) == 3 && t.getInt64(2) == 1,
         ".T");
  NDArray r234 = must(
      must(NDArray::arange(P::ofInt(0), P::ofInt(24)), "a").reshape({2, 3, 4}),
      "reshape");
  NDArray p = must(r234.transpose({1, 2, 0}), "transpose");
  expect(p.shape() == Shape({3, 4, 2}) && p.getInt64(1) == 12 &&
             p.getInt64(2) == 1,
         "transpose(1, 2, 0)");

  // Raw bytes are little-endian elements.
  NDArray bytes =
      must(NDArray::fromInt64s({2}, {1, -2}, DType::Int16), "bytes");
  const std::vector<uint8_t> &raw = bytes.rawBytes();
  expect(raw.size() == 4 && raw[0] == 1 && raw[1] == 0 && raw[2] == 0xfe &&
             raw[3] == 0xff,
         "raw bytes int16");
  NDArray half = doubles({1}, {1.0}, DType::Float16);
  expect(half.rawBytes()[0] == 0x00 && half.rawBytes()[1] == 0x3c,
         "raw bytes float16");
  NDArray back =
      must(NDArray::fromRawBytes({2}, DType::Int16, raw), "fromRawBytes");
  expect(back == bytes, "fromRawBytes round trip");
}

void testPrinting() {
  using P = PyScalar;
  std::vector<NDArray> arrays;
  auto list = [](std::vector<double> values) {
    std::vector<NestedList> items;
    for (double v : values)
      items.push_back(NestedList::leaf(P::ofFloat(v)));
    return NestedList::list(items);
  };
  NestedList ints2x2 =
      NestedList::list({NestedList::list({NestedList::leaf(P::ofInt(1)),
                                          NestedList::leaf(P::ofInt(2))}),
                        NestedList::list({NestedList::leaf(P::ofInt(3)),
                                          NestedList::leaf(P::ofInt(4))})});
  arrays.push_back(must(NDArray::fromNested(ints2x2), "ints"));
  arrays.push_back(
      must(NDArray::fromNested(list({1.5, 0.25, -3.0})), "floats"));
  arrays.push_back(
      must(NDArray::fromNested(list({0.5, 1.0}), DType::Float32), "f32"));
  arrays.push_back(
      must(NDArray::fromInt64s({3}, {1, -10, 100}, DType::Int8), "i8"));
  arrays.push_back(must(NDArray::fromNested(NestedList::list(
                            {NestedList::leaf(P::ofBool(true)),
                             NestedList::leaf(P::ofBool(false)),
                             NestedList::leaf(P::ofBool(true))})),
                        "bools"));
  arrays.push_back(must(NDArray::fromNested(list({1e-5, 1.0, 1.5e-5})), "sci"));
  arrays.push_back(must(NDArray::fromScalar(P::ofFloat(1.0)), "0-d"));
  arrays.push_back(must(NDArray::scalar(2.5, DType::Float32), "0-d f32"));
  arrays.push_back(must(NDArray::zeros({0}), "empty"));
  arrays.push_back(must(NDArray::zeros({2, 0}, DType::Float32), "empty 2-d"));
  arrays.push_back(
      must(NDArray::fromNested(list({NAN, 1.0, -INFINITY})), "nan"));
  arrays.push_back(
      must(NDArray::fromNested(list({1.0 / 3, 2.0, 10.0})), "third"));
  arrays.push_back(bin(BinaryOp::Multiply,
                       must(NDArray::arange(P::ofInt(0), P::ofInt(30)), "a")
                           .astype(DType::Float64)
                           .take(),
                       pyFloat(1.25)));
  arrays.push_back(must(must(NDArray::arange(P::ofInt(0), P::ofInt(2000)), "a")
                            .reshape({2, 1000}),
                        "big"));
  arrays.push_back(must(
      must(NDArray::arange(P::ofInt(0), P::ofInt(12)), "a").reshape({2, 2, 3}),
      "3-d"));
  arrays.push_back(must(RandomState(0).standardNormal({2, 3}), "randn"));
  arrays.push_back(
      must(NDArray::fromInt64s({2}, {-1, 0}, DType::UInt64), "u64"));
  arrays.push_back(doubles({2}, {0.1, 1000.0}, DType::Float16));
  size_t k = 0;
  for (const ReprCase &c : kReprCases) {
    if (k >= arrays.size())
      break;
    const NDArray &array = arrays[k++];
    std::string repr = array.repr(), text = array.str();
    expect(repr == c.repr,
           std::string("repr ") + c.what + ":\n" + repr + "\nwant:\n" + c.repr);
    expect(text == c.str,
           std::string("str ") + c.what + ":\n" + text + "\nwant:\n" + c.str);
  }
  expect(k == arrays.size() && k == std::size(kReprCases), "repr case count");
  expect(P::ofFloat(0.1).repr() == "0.1" &&
             P::ofFloat(1e-5).repr() == "1e-05" &&
             P::ofFloat(1e16).repr() == "1e+16" &&
             P::ofFloat(2.0).repr() == "2.0" &&
             P::ofFloat(123456.75).repr() == "123456.75" &&
             P::ofBool(true).repr() == "True" && P::ofInt(-3).repr() == "-3",
         "Python float repr");
}

//===----------------------------------------------------------------------===//
// RandomState
//===----------------------------------------------------------------------===//

void expectStream(const NDArray &actual, const unsigned long long *bits,
                  size_t count, const std::string &what) {
  expectArray(actual, name(actual.dtype()).c_str(), actual.shape(),
              std::vector<uint64_t>(bits, bits + count), what);
  expect(static_cast<size_t>(actual.size()) == count,
         what + ": " + str(actual.size()) + " values, want " + str(count));
}

void testRandomState() {
  // Seed 002's data set: D = (rng.randn(N, feats), rng.randint(size=N,
  // low=0, high=2)), on one RandomState(0).
  RandomState rng(0);
  NDArray x = must(rng.standardNormal({400, 784}), "randn");
  NDArray y = must(rng.randint(0, 2, {400}), "randint");
  for (int i = 0; i < 5; ++i) {
    expectDouble(x.getDouble(i), kSeed0RandnFirst[i],
                 "seed 0 randn[" + str(i) + "]");
    expectDouble(x.getDouble(x.size() - 5 + i), kSeed0RandnLast[i],
                 "seed 0 randn[-" + str(5 - i) + "]");
  }
  expectDouble(must(sum(x), "sum").getDouble(0), kSeed0RandnSum,
               "seed 0 randn sum");
  expect(checksum(x) == kSeed0RandnChecksum, "seed 0 randn checksum of bits");
  expect(must(sum(y), "sum").getInt64(0) == kSeed0RandintSum &&
             y.dtype() == DType::Int64,
         "seed 0 randint sum");
  bool same = true;
  for (int i = 0; i < 20; ++i)
    same &= y.getInt64(i) == kSeed0RandintFirst[i];
  expect(same, "seed 0 randint first 20");
  expect(rng.getState().pos == kSeed0PosAfter, "seed 0 state position");

  RandomState other(0);
  NDArray ints = must(other.randint(0, 2, {3}), "randint");
  NDArray gauss = must(other.standardNormal({3}), "randn");
  for (int i = 0; i < 3; ++i) {
    expect(static_cast<uint64_t>(ints.getInt64(i)) == kSeed0RandintThenRandn[i],
           "randint then randn: int " + str(i));
    expectDouble(gauss.getDouble(i), kSeed0RandintThenRandn[3 + i],
                 "randint then randn: gauss " + str(i));
  }
  expectStream(must(RandomState(0).randomSample({2, 3}), "rand"), kSeed0Rand, 6,
               "seed 0 rand(2, 3)");

  // One RandomState(1234) through many calls, in gen_reference.py's order.
  RandomState r(1234);
  std::vector<NDArray> steps;
  steps.push_back(must(r.randomSample({5}), "rand"));
  steps.push_back(must(r.uniform(-1, 1, {5}), "uniform"));
  steps.push_back(must(r.normal(2, 3, {5}), "normal"));
  steps.push_back(must(r.standardNormal({3}), "randn3"));
  steps.push_back(must(r.randomSample({2}), "rand2"));
  steps.push_back(must(r.standardNormal({2}), "randn2"));
  steps.push_back(must(r.randint(0, 10, {10}), "randint10"));
  steps.push_back(must(r.randint(-5, 5, {5}, DType::Int32), "randint32"));
  steps.push_back(must(r.randint(0, int64_t(1) << 40, {5}), "randint40"));
  steps.push_back(must(r.randint(0, 256, {8}, DType::UInt8), "uint8"));
  steps.push_back(must(r.randint(3, 9, {9}, DType::UInt8), "uint8small"));
  steps.push_back(must(r.randint(0, 2, {40}, DType::Bool), "bool"));
  steps.push_back(must(r.randint(-3, 3, {10}, DType::Int16), "int16"));
  steps.push_back(must(r.randint(7, std::nullopt, {}), "scalar"));
  steps.push_back(must(r.permutation(10), "perm"));
  NDArray shuffled = must(
      must(NDArray::arange(PyScalar::ofInt(0), PyScalar::ofInt(12)), "arange")
          .reshape({4, 3}),
      "reshape");
  expect(bool(r.shuffle(shuffled)), "shuffle");
  steps.push_back(shuffled);
  steps.push_back(must(r.randint(0, int64_t(1) << 32, {3}), "full32"));
  steps.push_back(
      must(r.randint(-(int64_t(1) << 62), int64_t(1) << 62, {3}), "neg64"));
  steps.push_back(must(r.randomSample({2}), "after"));
  size_t k = 0;
  for (const SequenceStep &step : kSeed1234Sequence) {
    const NDArray &actual = steps[k++];
    expect(name(actual.dtype()) == step.dtype, std::string("seed 1234 ") +
                                                   step.what + " dtype " +
                                                   name(actual.dtype()));
    expectStream(actual, step.values, step.count,
                 std::string("seed 1234 ") + step.what);
  }

  RandomState maxSeed = must(RandomState::create(0xFFFFFFFFLL), "seed 2**32-1");
  expectStream(must(maxSeed.standardNormal({5}), "randn"), kSeedMaxRandn, 5,
               "seed 2**32-1 randn");
  expectStream(must(maxSeed.randomSample({3}), "rand"), kSeedMaxRand, 3,
               "seed 2**32-1 rand");
  RandomState arraySeed;
  expect(bool(arraySeed.seed(std::vector<int64_t>{1, 2, 3})),
         "seed([1, 2, 3])");
  expectStream(must(arraySeed.randomSample({3}), "rand"), kSeedArrayRand, 3,
               "seed([1, 2, 3]) rand");
  RandomState longSeed;
  expect(bool(longSeed.seed(std::vector<int64_t>(700, 0xFFFFFFFFLL))),
         "seed([2**32-1] * 700)");
  expectStream(must(longSeed.standardNormal({3}), "randn"), kSeedLongArrayRandn,
               3, "seed([2**32-1] * 700) randn");

  // Errors, worded as NumPy's.
  expect(!RandomState::create(-1) &&
             RandomState::create(int64_t(1) << 32).error() ==
                 "Seed must be between 0 and 2**32 - 1",
         "seed range");
  expectError(r.randint(5, 5, {2}), "low >= high", "randint(5, 5)");
  expectError(r.randint(0, 300, {2}, DType::UInt8),
              "high is out of bounds for uint8", "randint uint8 bounds");
  expectError(r.randint(-1, 3, {2}, DType::UInt8),
              "low is out of bounds for uint8", "randint uint8 low bound");
  expectError(r.normal(0, -1, {2}), "scale < 0", "normal scale");
  expectError(r.uniform(-1e308, 1e308, {2}), "Range exceeds valid bounds",
              "uniform range");
  NDArray zeroRange = must(r.randint(4, 5, {3}), "randint(4, 5)");
  expect(zeroRange.getInt64(0) == 4 && zeroRange.getInt64(2) == 4,
         "randint with a range of one value");
}

} // namespace

int main() {
  testDTypes();
  testResultTypes();
  testTheanoRules();
  testCasts();
  testArithmetic();
  testReductions();
  testCreation();
  testPrinting();
  testRandomState();
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
