//===- ArrayFormat.cpp - NumPy's repr and str of arrays -------------------===//
//
// Diagnostics quote compile-time values the way a Theano user would see
// them in Python, so this follows numpy/core/arrayprint.py (1.14+ style,
// default print options: precision 8, floatmode 'maxprec', linewidth 75,
// threshold 1000, edgeitems 3): FloatingFormat's choice between positional
// and scientific notation and its padding, IntegerFormat's width, BoolFormat,
// and _formatArray's line wrapping and "..." summaries. Digits come from
// printf plus a round-trip test, which gives dragon4's shortest digits.
//
//===----------------------------------------------------------------------===//

#include "NumPy/NDArray.h"

#include "NumPy/Element.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

namespace tcc::numpy {

using namespace detail;

namespace {

constexpr int kPrecision = 8;
constexpr size_t kLineWidth = 75;
constexpr int64_t kThreshold = 1000;
constexpr int64_t kEdgeItems = 3;

std::string format(const char *spec, int precision, double value) {
  char buffer[512];
  std::snprintf(buffer, sizeof(buffer), spec, precision, value);
  return buffer;
}

/// Whether `text` reads back as `value` in the array's own float type.
bool roundTrips(const std::string &text, double value, DType dtype) {
  double parsed = std::strtod(text.c_str(), nullptr);
  switch (dtype) {
  case DType::Float16:
    return halfFromDouble(parsed) == halfFromDouble(value);
  case DType::Float32:
    return std::strtof(text.c_str(), nullptr) == static_cast<float>(value);
  default:
    return parsed == value;
  }
}

/// The shortest "%.*f" (or "%.*e") spelling, with at most kPrecision
/// fraction digits, that reads back as the value: dragon4 with unique=True.
std::string uniqueDigits(double value, DType dtype, bool scientific,
                         int maxPrecision) {
  const char *spec = scientific ? "%.*e" : "%.*f";
  for (int p = 0; p <= maxPrecision; ++p) {
    std::string text = format(spec, p, value);
    if (roundTrips(text, value, dtype))
      return text;
  }
  return format(spec, maxPrecision, value);
}

/// Splits "12.5e-05" into "12", "5" and "-05"; a missing part is empty.
void splitNumber(const std::string &text, std::string &intPart,
                 std::string &fracPart, std::string &expPart) {
  size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  expPart = e == std::string::npos ? "" : text.substr(e + 1);
  size_t dot = mantissa.find('.');
  intPart = mantissa.substr(0, dot);
  fracPart = dot == std::string::npos ? "" : mantissa.substr(dot + 1);
  // trim='.': drop trailing zeros of the fraction, keep the point.
  while (!fracPart.empty() && fracPart.back() == '0')
    fracPart.pop_back();
}

/// FloatingFormat: settles notation and padding for a set of values, then
/// formats each of them.
class FloatFormatter {
public:
  FloatFormatter(const std::vector<double> &values, DType dtype)
      : dtype(dtype) {
    std::vector<double> finite;
    bool anyNonFinite = false, negativeInf = false;
    for (double v : values) {
      if (std::isfinite(v))
        finite.push_back(v);
      else {
        anyNonFinite = true;
        negativeInf |= std::isinf(v) && v < 0;
      }
    }
    double maxAbs = 0, minAbs = HUGE_VAL;
    bool anyNonZero = false;
    for (double v : finite) {
      if (v == 0)
        continue;
      anyNonZero = true;
      maxAbs = std::max(maxAbs, std::fabs(v));
      minAbs = std::min(minAbs, std::fabs(v));
    }
    scientific = anyNonZero &&
                 (maxAbs >= 1e8 || minAbs < 0.0001 || maxAbs / minAbs > 1000.0);
    for (double v : finite) {
      std::string intPart, fracPart, expPart;
      splitNumber(uniqueDigits(v, dtype, scientific, kPrecision), intPart,
                  fracPart, expPart);
      padLeft = std::max(padLeft, intPart.size());
      padRight = std::max(padRight, fracPart.size());
      if (scientific)
        expSize = std::max(expSize, expPart.size() - 1);
    }
    if (scientific) {
      // All elements get the same number of digits (trim='k').
      precision = static_cast<int>(padRight);
      padRight = expSize + 2 + precision;
    }
    if (anyNonFinite) {
      size_t offset = padRight + 1;
      size_t infLength = 3 + (negativeInf ? 1 : 0);
      if (infLength > offset)
        padLeft = std::max(padLeft, infLength - offset);
      if (3 > offset)
        padLeft = std::max(padLeft, 3 - offset);
    }
  }

  std::string operator()(double v) const {
    if (!std::isfinite(v)) {
      std::string text = std::isnan(v) ? "nan" : (v < 0 ? "-inf" : "inf");
      size_t width = padLeft + padRight + 1;
      return std::string(width > text.size() ? width - text.size() : 0, ' ') +
             text;
    }
    std::string intPart, fracPart, expPart;
    if (scientific) {
      std::string text = uniqueDigits(v, dtype, true, kPrecision);
      // Re-round to the common precision when the value needs fewer digits
      // it is padded with zeros; it never needs more.
      text = format("%.*e", precision, std::strtod(text.c_str(), nullptr));
      size_t e = text.find('e');
      std::string mantissa = text.substr(0, e);
      std::string exponent = text.substr(e + 1);
      char sign = exponent[0];
      std::string digits = exponent.substr(1);
      while (digits.size() > 1 && digits.size() > expSize && digits[0] == '0')
        digits.erase(0, 1);
      while (digits.size() < expSize)
        digits.insert(0, "0");
      if (mantissa.find('.') == std::string::npos)
        mantissa += ".";
      std::string result = mantissa + "e" + sign + digits;
      size_t intLength = mantissa.find('.');
      return std::string(padLeft > intLength ? padLeft - intLength : 0, ' ') +
             result;
    }
    splitNumber(uniqueDigits(v, dtype, false, kPrecision), intPart, fracPart,
                expPart);
    return std::string(padLeft - std::min(padLeft, intPart.size()), ' ') +
           intPart + "." + fracPart +
           std::string(padRight - std::min(padRight, fracPart.size()), ' ');
  }

private:
  DType dtype;
  bool scientific = false;
  size_t padLeft = 0, padRight = 0, expSize = 0;
  int precision = 0;
};

/// Python's repr of a float (and NumPy's str of a float scalar): shortest
/// round-trip digits, positional between 1e-4 and 1e16.
std::string shortestRepr(double value, DType dtype) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value < 0 ? "-inf" : "inf";
  std::string text;
  for (int p = 0; p <= 17; ++p) {
    text = format("%.*e", p, value);
    if (roundTrips(text, value, dtype))
      break;
  }
  size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  int exponent = std::atoi(text.c_str() + e + 1);
  bool negative = mantissa[0] == '-';
  std::string digits;
  for (char c : mantissa)
    if (c >= '0' && c <= '9')
      digits += c;
  std::string sign = negative ? "-" : "";
  if (exponent >= -4 && exponent < 16) {
    std::string result;
    if (exponent >= 0) {
      std::string intDigits =
          digits.substr(0, std::min<size_t>(digits.size(), exponent + 1));
      intDigits += std::string(exponent + 1 - intDigits.size(), '0');
      std::string frac = digits.size() > size_t(exponent + 1)
                             ? digits.substr(exponent + 1)
                             : "0";
      result = intDigits + "." + frac;
    } else {
      result = "0." + std::string(-exponent - 1, '0') + digits;
    }
    return sign + result;
  }
  std::string result = digits.substr(0, 1);
  if (digits.size() > 1)
    result += "." + digits.substr(1);
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "e%c%02d", exponent < 0 ? '-' : '+',
                std::abs(exponent));
  return sign + result + buffer;
}

/// The indices along one axis that are printed: all, or the edges.
std::vector<int64_t> shownIndices(int64_t length, bool summarize) {
  std::vector<int64_t> indices;
  if (summarize && length > 2 * kEdgeItems) {
    for (int64_t i = 0; i < kEdgeItems; ++i)
      indices.push_back(i);
    for (int64_t i = length - kEdgeItems; i < length; ++i)
      indices.push_back(i);
  } else {
    for (int64_t i = 0; i < length; ++i)
      indices.push_back(i);
  }
  return indices;
}

/// _extendLine: appends a word, wrapping when it would pass the width.
void extendLine(std::string &s, std::string &line, const std::string &word,
                size_t width, const std::string &nextLinePrefix) {
  bool needsWrap = line.size() + word.size() > width;
  if (line.size() <= nextLinePrefix.size())
    needsWrap = false;
  if (needsWrap) {
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    s += line + "\n";
    line = nextLinePrefix;
  }
  line += word;
}

class ArrayPrinter {
public:
  ArrayPrinter(const NDArray &array, std::string separator)
      : array(array), separator(std::move(separator)) {
    summarize = array.size() > kThreshold;
    strides.assign(array.ndim(), 1);
    for (int64_t i = array.ndim() - 2; i >= 0; --i)
      strides[i] = strides[i + 1] * array.shape()[i + 1];
    collectShown(0, 0);
    DType dtype = array.dtype();
    if (isFloat(dtype)) {
      std::vector<double> values;
      for (int64_t index : shown)
        values.push_back(array.getDouble(index));
      FloatFormatter formatter(values, dtype);
      formatElement = [this, formatter](int64_t index) {
        return formatter(this->array.getDouble(index));
      };
    } else if (dtype == DType::Bool) {
      bool scalar = array.ndim() == 0;
      formatElement = [this, scalar](int64_t index) {
        bool value = this->array.getInt64(index) != 0;
        return value ? std::string(scalar ? "True" : " True")
                     : std::string("False");
      };
    } else {
      size_t width = 0;
      for (int64_t index : shown)
        width = std::max(width, intText(index).size());
      formatElement = [this, width](int64_t index) {
        std::string text = intText(index);
        return std::string(width - std::min(width, text.size()), ' ') + text;
      };
    }
  }

  /// _formatArray(a, ..., line_width, next_line_prefix, separator, ...).
  std::string print(size_t lineWidth, const std::string &nextLinePrefix) {
    return recurse(0, 0, nextLinePrefix, lineWidth);
  }

private:
  std::string intText(int64_t index) const {
    if (array.dtype() == DType::UInt64)
      return std::to_string(static_cast<uint64_t>(array.getInt64(index)));
    return std::to_string(array.getInt64(index));
  }

  void collectShown(int64_t axis, int64_t offset) {
    if (axis == array.ndim()) {
      shown.push_back(offset);
      return;
    }
    for (int64_t i : shownIndices(array.shape()[axis], summarize))
      collectShown(axis + 1, offset + i * strides[axis]);
  }

  std::string recurse(int64_t axis, int64_t offset,
                      const std::string &hangingIndent, size_t currWidth) {
    int64_t axesLeft = array.ndim() - axis;
    if (axesLeft == 0)
      return formatElement(offset);
    std::string nextHangingIndent = hangingIndent + " ";
    size_t nextWidth = currWidth - 1;
    int64_t length = array.shape()[axis];
    bool showSummary = summarize && 2 * kEdgeItems < length;
    int64_t leading = showSummary ? kEdgeItems : 0;
    int64_t trailing = showSummary ? kEdgeItems : length;
    auto child = [&](int64_t i) {
      return recurse(axis + 1, offset + i * strides[axis], nextHangingIndent,
                     nextWidth);
    };
    std::string s;
    if (axesLeft == 1) {
      std::string trimmedSeparator = separator;
      while (!trimmedSeparator.empty() && trimmedSeparator.back() == ' ')
        trimmedSeparator.pop_back();
      size_t elemWidth =
          currWidth - std::max<size_t>(trimmedSeparator.size(), 1);
      std::string line = hangingIndent;
      for (int64_t i = 0; i < leading; ++i) {
        extendLine(s, line, child(i), elemWidth, hangingIndent);
        line += separator;
      }
      if (showSummary) {
        extendLine(s, line, "...", elemWidth, hangingIndent);
        line += separator;
      }
      for (int64_t i = trailing; i > 1; --i) {
        extendLine(s, line, child(length - i), elemWidth, hangingIndent);
        line += separator;
      }
      if (length > 0)
        extendLine(s, line, child(length - 1), elemWidth, hangingIndent);
      s += line;
    } else {
      std::string trimmedSeparator = separator;
      while (!trimmedSeparator.empty() && trimmedSeparator.back() == ' ')
        trimmedSeparator.pop_back();
      std::string lineSeparator =
          trimmedSeparator + std::string(axesLeft - 1, '\n');
      for (int64_t i = 0; i < leading; ++i)
        s += hangingIndent + child(i) + lineSeparator;
      if (showSummary)
        s += hangingIndent + "..." + lineSeparator;
      for (int64_t i = trailing; i > 1; --i)
        s += hangingIndent + child(length - i) + lineSeparator;
      if (length > 0)
        s += hangingIndent + child(length - 1);
    }
    return "[" + s.substr(std::min(s.size(), hangingIndent.size())) + "]";
  }

  const NDArray &array;
  std::string separator;
  bool summarize = false;
  std::vector<int64_t> strides;
  std::vector<int64_t> shown;
  std::function<std::string(int64_t)> formatElement;
};

bool dtypeIsImplied(DType dtype) {
  return dtype == DType::Float64 || dtype == DType::Int64 ||
         dtype == DType::Bool || dtype == DType::Complex128;
}

} // namespace

std::string PyScalar::repr() const {
  switch (kind) {
  case Kind::Bool:
    return intValue ? "True" : "False";
  case Kind::Int:
    return std::to_string(intValue);
  case Kind::Float:
    return shortestRepr(floatValue, DType::Float64);
  }
  return "?";
}

std::string NDArray::repr() const {
  if (isComplex(dtype()))
    return "array(<complex>, dtype=" + std::string(dtypeName(dtype())) + ")";
  const std::string prefix = "array(";
  bool skipDType = dtypeIsImplied(dtype()) && size() > 0;
  std::string suffix = skipDType ? ")" : ",";
  std::string body;
  if (size() > 0 || shape() == Shape{0}) {
    ArrayPrinter printer(*this, ", ");
    body = printer.print(kLineWidth - suffix.size(),
                         " " + std::string(prefix.size(), ' '));
  } else {
    body = "[], shape=" + shapeToString(shape());
  }
  std::string text = prefix + body + suffix;
  if (skipDType)
    return text;
  std::string dtypeText = "dtype=" + std::string(dtypeName(dtype())) + ")";
  size_t lastLine = text.size() - (text.rfind('\n') + 1);
  if (text.rfind('\n') == std::string::npos)
    lastLine = text.size();
  std::string spacer = " ";
  if (lastLine + dtypeText.size() + 1 > kLineWidth)
    spacer = "\n" + std::string(prefix.size(), ' ');
  return text + spacer + dtypeText;
}

std::string NDArray::str() const {
  if (isComplex(dtype()))
    return "<complex array>";
  if (ndim() == 0) {
    if (dtype() == DType::Bool)
      return getInt64(0) ? "True" : "False";
    if (isFloat(dtype()))
      return shortestRepr(getDouble(0), dtype());
    if (dtype() == DType::UInt64)
      return std::to_string(static_cast<uint64_t>(getInt64(0)));
    return std::to_string(getInt64(0));
  }
  if (size() == 0)
    return "[]";
  ArrayPrinter printer(*this, " ");
  return printer.print(kLineWidth, " ");
}

} // namespace tcc::numpy
