//===- Run.cpp - `tcc run`: compile, call, print --------------------------===//
//
// Compiles the model to a temporary library, loads it and calls a function
// through the same C API a host program uses, so `tcc run` checks exactly
// what users get.
//
//===----------------------------------------------------------------------===//

#include "Run.h"

#include "NpyFile.h"
#include "ProgressBar.h"

#include "tcc/tcc.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <iterator>
#include <limits>
#include <optional>
#include <utility>

using namespace tcc;

namespace {
struct Api {
  decltype(&tcc_manifest) manifest;
  decltype(&tcc_last_error) lastError;
  decltype(&tcc_call) call;
  decltype(&tcc_shared_get) sharedGet;
  decltype(&tcc_array_release) release;
  decltype(&tcc_shared_save) sharedSave;
  decltype(&tcc_shared_load) sharedLoad;
  decltype(&tcc_profile_report) profileReport;
  decltype(&tcc_string_release) stringRelease;
};

/// An input value owned by the driver.
struct HostArray {
  std::vector<int64_t> shape;
  std::vector<char> data;
};
} // namespace

// Indexed by tcc_dtype.
static const char *const dtypeNames[] = {
    "bool",    "int8",      "int16",     "int32",  "int64",
    "uint8",   "uint16",    "uint32",    "uint64", "float32",
    "float64", "complex64", "complex128"};
static const int64_t dtypeSizes[] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 4, 8, 8, 16};
static constexpr int64_t numDtypes = std::size(dtypeNames);
static_assert(std::size(dtypeSizes) == numDtypes);

static int64_t dtypeCode(llvm::StringRef name) {
  for (int64_t i = 0; i < numDtypes; ++i)
    if (name == dtypeNames[i])
      return i;
  return -1;
}

static int64_t dtypeSize(int64_t dtype) {
  return dtype >= 0 && dtype < numDtypes ? dtypeSizes[dtype] : 0;
}

static bool isComplex(int64_t dtype) {
  return dtype == TCC_COMPLEX64 || dtype == TCC_COMPLEX128;
}

static bool fail(const llvm::Twine &message) {
  llvm::errs() << "tcc run: error: " << message << "\n";
  return false;
}

/// `text` with the non-standard JSON tokens Python's json module writes for
/// special floats (NaN, Infinity, -Infinity) turned into strings, so that a
/// value printed by Python (or by `tcc run --json`) can be passed back.
/// Strings are left as they are (a complex number "NaN+1j").
static std::string withSpecialFloatsQuoted(llvm::StringRef text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '"') {
      size_t end = i + 1;
      while (end < text.size() && text[end] != '"')
        end += text[end] == '\\' ? 2 : 1;
      end = std::min(end + 1, text.size());
      out += text.slice(i, end);
      i = end;
      continue;
    }
    llvm::StringRef rest = text.drop_front(i);
    bool matched = false;
    for (llvm::StringRef token : {"-Infinity", "Infinity", "NaN"})
      if (rest.starts_with(token)) {
        out += "\"" + token.str() + "\"";
        i += token.size();
        matched = true;
        break;
      }
    if (!matched)
      out += text[i++];
  }
  return out;
}

/// Consumes a Python float literal at the start of `s` (an optional sign,
/// then digits with an optional fraction and exponent, or inf, infinity or
/// nan in any case) into `value`. Leaves `s` alone if there is none.
static bool consumePythonFloat(llvm::StringRef &s, double &value) {
  llvm::StringRef rest = s;
  bool negative = rest.consume_front("-");
  if (!negative)
    rest.consume_front("+");
  for (llvm::StringRef word : {"infinity", "inf", "nan"})
    if (rest.starts_with_insensitive(word)) {
      value = word == "nan" ? std::numeric_limits<double>::quiet_NaN()
                            : std::numeric_limits<double>::infinity();
      value = negative ? -value : value;
      s = rest.drop_front(word.size());
      return true;
    }
  auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
  size_t n = 0;
  while (n < rest.size() && isDigit(rest[n]))
    ++n;
  size_t intDigits = n, fracDigits = 0;
  if (n < rest.size() && rest[n] == '.')
    for (++n; n < rest.size() && isDigit(rest[n]); ++n)
      ++fracDigits;
  if (intDigits + fracDigits == 0)
    return false;
  if (n < rest.size() && (rest[n] == 'e' || rest[n] == 'E')) {
    size_t e = n + 1;
    if (e < rest.size() && (rest[e] == '+' || rest[e] == '-'))
      ++e;
    size_t expDigits = 0;
    for (; e < rest.size() && isDigit(rest[e]); ++e)
      ++expDigits;
    if (expDigits) // "1e" is the float 1 followed by junk, as in Python
      n = e;
  }
  // strtod in the C locale (the driver never sets another) reads exactly
  // this syntax.
  value = std::strtod(rest.take_front(n).str().c_str(), nullptr);
  value = negative ? -value : value;
  s = rest.drop_front(n);
  return true;
}

/// A Python complex literal as complex() reads it: "3", "-2j", "1+2j",
/// "1-j", "(1-0.5j)", "nan+infj", surrounding whitespace allowed, none
/// between the parts. Returns (real, imaginary).
static std::optional<std::pair<double, double>>
parsePythonComplex(llvm::StringRef s) {
  s = s.trim();
  if (s.consume_front("(")) {
    if (!s.consume_back(")"))
      return std::nullopt;
    s = s.trim();
  }
  double re = 0, im = 0, first;
  auto consumeJ = [&] { return s.consume_front("j") || s.consume_front("J"); };
  if (consumePythonFloat(s, first)) {
    if (consumeJ()) {
      im = first; // <float>j
    } else if (s.starts_with("+") || s.starts_with("-")) {
      re = first; // <float><signed float>j or <float><sign>j
      if (!consumePythonFloat(s, im)) {
        im = s.front() == '+' ? 1 : -1;
        s = s.drop_front();
      }
      if (!consumeJ())
        return std::nullopt;
    } else {
      re = first; // <float>
    }
  } else {
    // <sign>j or j.
    im = s.consume_front("-") ? -1 : 1;
    if (im > 0)
      s.consume_front("+");
    if (!consumeJ())
      return std::nullopt;
  }
  if (!s.empty())
    return std::nullopt;
  return std::make_pair(re, im);
}

/// One element of a complex input: a JSON number or boolean (imaginary part
/// 0) or a string holding a Python complex literal; the special floats come
/// as the strings withSpecialFloatsQuoted makes of them, which Python's
/// complex() reads too. complex64 rounds each part to float32, as a float32
/// input rounds its numbers.
static bool complexFromJson(const llvm::json::Value &v, int64_t dtype,
                            HostArray &out, const std::string &what) {
  std::optional<std::pair<double, double>> z;
  if (std::optional<double> d = v.getAsNumber())
    z = {*d, 0.0};
  else if (std::optional<bool> b = v.getAsBoolean())
    z = {*b ? 1.0 : 0.0, 0.0};
  else if (std::optional<llvm::StringRef> text = v.getAsString()) {
    z = parsePythonComplex(*text);
    if (!z)
      return fail(what + ": '" + *text +
                  "' is not a complex number (write one as a string like "
                  "\"1+2j\")");
  }
  if (!z)
    return fail(what + ": expected a number, a string holding a complex "
                       "number or a nested list");
  char bytes[16];
  if (dtype == TCC_COMPLEX64) {
    float parts[2] = {float(z->first), float(z->second)};
    memcpy(bytes, parts, sizeof parts);
  } else {
    double parts[2] = {z->first, z->second};
    memcpy(bytes, parts, sizeof parts);
  }
  out.data.insert(out.data.end(), bytes, bytes + dtypeSize(dtype));
  return true;
}

/// Flattens a JSON number or nested list into `out` with dtype `dtype`.
/// `rank` is fixed by the first number met (-1 before): every number must sit
/// at that depth and every list above it, or the list is ragged.
static bool fromJson(const llvm::json::Value &v, int64_t dtype, bool downcast,
                     HostArray &out, size_t depth, int64_t &rank,
                     const std::string &what) {
  if (const llvm::json::Array *a = v.getAsArray()) {
    if (rank >= 0 && int64_t(depth) >= rank)
      return fail(what + ": ragged nested list");
    if (out.shape.size() == depth)
      out.shape.push_back(a->size());
    else if (out.shape[depth] != int64_t(a->size()))
      return fail(what + ": ragged nested list");
    for (const llvm::json::Value &item : *a)
      if (!fromJson(item, dtype, downcast, out, depth + 1, rank, what))
        return false;
    return true;
  }
  if (rank < 0)
    rank = depth;
  if (int64_t(depth) != rank || out.shape.size() != depth)
    return fail(what + ": ragged nested list");
  if (isComplex(dtype))
    return complexFromJson(v, dtype, out, what);
  std::optional<double> d = v.getAsNumber();
  if (auto b = v.getAsBoolean())
    d = *b ? 1.0 : 0.0;
  if (auto special = v.getAsString()) {
    // NaN / Infinity / -Infinity, quoted by withSpecialFloatsQuoted.
    double inf = std::numeric_limits<double>::infinity();
    if (*special == "NaN")
      d = std::numeric_limits<double>::quiet_NaN();
    else if (*special == "Infinity")
      d = inf;
    else if (*special == "-Infinity")
      d = -inf;
    if (d && dtype != TCC_FLOAT32 && dtype != TCC_FLOAT64)
      return fail(what + ": " + special->str() +
                  " is not an integer but the "
                  "input is an integer tensor");
  }
  if (!d)
    return fail(what + ": expected a number or a nested list");
  int64_t size = dtypeSize(dtype);
  char bytes[8];
  switch (dtype) {
  case TCC_FLOAT32: {
    float f = *d;
    memcpy(bytes, &f, 4);
    break;
  }
  case TCC_FLOAT64:
    memcpy(bytes, &*d, 8);
    break;
  default: {
    // Integers exactly (a double would round 2**53 + 1).
    std::optional<int64_t> exact = v.getAsInteger();
    if (!exact && dtype == TCC_UINT64 && v.getAsUINT64()) // above INT64_MAX
      exact = static_cast<int64_t>(*v.getAsUINT64());
    if (!exact && v.getAsBoolean())
      exact = *d != 0;
    // allow_input_downcast: NumPy's astype (truncated, then wrapped).
    if (!exact && downcast && std::isfinite(*d) && std::fabs(*d) < 0x1p63)
      exact = static_cast<int64_t>(*d);
    if (!exact)
      return fail(what + ": " + llvm::formatv("{0}", *d).str() +
                  " is not an integer but the input is an integer tensor");
    bool isUnsigned = dtype == TCC_UINT8 || dtype == TCC_UINT16 ||
                      dtype == TCC_UINT32 || dtype == TCC_UINT64;
    int64_t i = *exact;
    int64_t bits = 8 * size;
    // A uint64 above INT64_MAX came as such (getAsInteger fails for it).
    bool huge = dtype == TCC_UINT64 && !v.getAsInteger();
    bool fits = isUnsigned ? huge || (i >= 0 &&
                                      (bits == 64 || i < (int64_t(1) << bits)))
                           : bits == 64 || (i >= -(int64_t(1) << (bits - 1)) &&
                                            i < (int64_t(1) << (bits - 1)));
    if (!downcast && !fits)
      return fail(what + ": " + std::to_string(i) +
                  " does not fit in the "
                  "input's " +
                  std::to_string(bits) +
                  (isUnsigned ? "-bit unsigned" : "-bit") +
                  " integers (compile "
                  "the function with allow_input_downcast=True to wrap it)");
    memcpy(bytes, &i, size); // little-endian
  }
  }
  out.data.insert(out.data.end(), bytes, bytes + size);
  return true;
}

template <typename T>
static void printInteger(llvm::raw_ostream &os, const char *base) {
  T v;
  memcpy(&v, base, sizeof v);
  os << +v; // int8 and uint8 as numbers, not characters
}

/// A float64 (or widened float32) value: JSON's special tokens with `json`,
/// else Python's nan and inf (a NaN has no sign).
static void printFloat(llvm::raw_ostream &os, double d, bool json) {
  if (json && !std::isfinite(d))
    os << (std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
  else if (std::isnan(d))
    os << "nan";
  else
    os << llvm::formatv("{0}", llvm::json::Value(d));
}

/// A complex number: [re, im] with `json`, else Python's repr, "(1+2j)",
/// "(3.5-0j)", "2j" (no real part when it is +0), "(nan+infj)" (a NaN has
/// no sign), the parts printed as printFloat prints them.
static void printComplex(llvm::raw_ostream &os, double re, double im,
                         bool json) {
  if (json) {
    os << "[";
    printFloat(os, re, true);
    os << ", ";
    printFloat(os, im, true);
    os << "]";
    return;
  }
  auto part = [&](double d) {
    if (std::isnan(d))
      os << "nan";
    else
      printFloat(os, d, false);
  };
  if (re == 0 && !std::signbit(re)) {
    part(im);
    os << "j";
    return;
  }
  os << "(";
  part(re);
  os << (std::signbit(im) && !std::isnan(im) ? "-" : "+");
  part(std::fabs(im));
  os << "j)";
}

static void printValue(llvm::raw_ostream &os, const tcc_array &a, int dim,
                       const char *base, bool json) {
  if (dim == a.rank) {
    switch (a.dtype) {
    case TCC_BOOL:
      os << (*reinterpret_cast<const uint8_t *>(base)
                 ? (json ? "true" : "True")
                 : (json ? "false" : "False"));
      return;
    case TCC_INT8:
      return printInteger<int8_t>(os, base);
    case TCC_INT16:
      return printInteger<int16_t>(os, base);
    case TCC_INT32:
      return printInteger<int32_t>(os, base);
    case TCC_INT64:
      return printInteger<int64_t>(os, base);
    case TCC_UINT8:
      return printInteger<uint8_t>(os, base);
    case TCC_UINT16:
      return printInteger<uint16_t>(os, base);
    case TCC_UINT32:
      return printInteger<uint32_t>(os, base);
    case TCC_UINT64:
      return printInteger<uint64_t>(os, base);
    case TCC_FLOAT32:
    case TCC_FLOAT64: {
      double d = a.dtype == TCC_FLOAT32
                     ? *reinterpret_cast<const float *>(base)
                     : *reinterpret_cast<const double *>(base);
      return printFloat(os, d, json);
    }
    case TCC_COMPLEX64: {
      const float *z = reinterpret_cast<const float *>(base);
      return printComplex(os, z[0], z[1], json);
    }
    case TCC_COMPLEX128: {
      const double *z = reinterpret_cast<const double *>(base);
      return printComplex(os, z[0], z[1], json);
    }
    default:
      os << "?";
      return;
    }
  }
  os << "[";
  for (int64_t i = 0; i < a.shape[dim]; ++i) {
    if (i)
      os << ", ";
    printValue(os, a, dim + 1, base + i * a.strides[dim], json);
  }
  os << "]";
}

int tcc::runModel(RunOptions &options) {
  llvm::SmallString<128> library;
  if (llvm::sys::fs::createTemporaryFile("tcc-run", "so", library)) {
    llvm::errs() << "tcc run: error: cannot create a temporary file\n";
    return 1;
  }
  llvm::FileRemover removeLibrary(library);
  DriverOptions compile = options.compile;
  compile.output = std::string(library);
  compile.emit = "so";
  compile.evalVariable = options.function;
  if (int rc = compileModel(compile))
    return rc;

  void *handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    llvm::errs() << "tcc run: error: " << dlerror() << "\n";
    return 1;
  }
  Api api;
  api.manifest = (decltype(api.manifest))dlsym(handle, "tcc_manifest");
  api.lastError = (decltype(api.lastError))dlsym(handle, "tcc_last_error");
  api.call = (decltype(api.call))dlsym(handle, "tcc_call");
  api.sharedGet = (decltype(api.sharedGet))dlsym(handle, "tcc_shared_get");
  api.release = (decltype(api.release))dlsym(handle, "tcc_array_release");
  api.sharedSave = (decltype(api.sharedSave))dlsym(handle, "tcc_shared_save");
  api.sharedLoad = (decltype(api.sharedLoad))dlsym(handle, "tcc_shared_load");
  api.profileReport =
      (decltype(api.profileReport))dlsym(handle, "tcc_profile_report");
  api.stringRelease =
      (decltype(api.stringRelease))dlsym(handle, "tcc_string_release");
  if (!api.manifest || !api.call || !api.sharedGet || !api.release ||
      !api.lastError || !api.sharedSave || !api.sharedLoad ||
      !api.profileReport || !api.stringRelease) {
    llvm::errs() << "tcc run: error: the model library lacks the tcc API\n";
    return 1;
  }
  llvm::Expected<llvm::json::Value> manifest =
      llvm::json::parse(api.manifest());
  if (!manifest) {
    llvm::errs() << "tcc run: error: bad manifest\n";
    return 1;
  }
  const llvm::json::Object *fn = nullptr;
  for (const llvm::json::Value &f :
       *manifest->getAsObject()->getArray("functions"))
    if (f.getAsObject()->getString("name") == options.function)
      fn = f.getAsObject();
  if (!fn) {
    llvm::errs() << "tcc run: error: no function '" << options.function
                 << "'\n";
    return 1;
  }
  const llvm::json::Array &inputs = *fn->getArray("inputs");
  std::vector<HostArray> values(inputs.size());
  std::vector<bool> given(inputs.size(), false);
  for (const std::string &arg : options.args) {
    size_t eq = arg.find('=');
    if (eq == std::string::npos)
      return fail("--arg must be NAME=VALUE, got '" + arg + "'"), 1;
    std::string name = arg.substr(0, eq), text = arg.substr(eq + 1);
    int64_t index = -1;
    for (size_t i = 0; i < inputs.size(); ++i)
      if (inputs[i].getAsObject()->getString("name") == name)
        index = i;
    if (index < 0 && !name.empty() &&
        llvm::all_of(name, [](char c) { return isdigit(c); }))
      index = std::stoll(name);
    if (index < 0 || index >= int64_t(inputs.size()))
      return fail("function '" + options.function + "' has no input '" + name +
                  "'"),
             1;
    const llvm::json::Object &in = *inputs[index].getAsObject();
    int64_t dtype = dtypeCode(*in.getString("dtype"));
    std::string what = "input '" + name + "'";
    HostArray &value = values[index];
    if (!text.empty() && text[0] == '@') {
      std::string error;
      if (!readNpy(text.substr(1), dtype, value.shape, value.data, error))
        return fail(what + ": " + error), 1;
    } else {
      llvm::Expected<llvm::json::Value> parsed =
          llvm::json::parse(withSpecialFloatsQuoted(text));
      if (!parsed) {
        llvm::consumeError(parsed.takeError());
        return fail(what + ": '" + text + "' is not a JSON number or list"), 1;
      }
      int64_t rank = -1;
      bool downcast = fn->getBoolean("allow_input_downcast").value_or(false);
      if (!fromJson(*parsed, dtype, downcast, value, 0, rank, what))
        return 1;
    }
    given[index] = true;
  }
  // Trailing inputs may be left out when they have defaults.
  size_t count = 0;
  for (size_t i = 0; i < inputs.size(); ++i)
    if (given[i])
      count = i + 1;
  for (size_t i = 0; i < inputs.size(); ++i) {
    bool hasDefault = inputs[i].getAsObject()->get("default")->kind() !=
                      llvm::json::Value::Null;
    if (i < count && !given[i])
      return fail("input '" +
                  inputs[i].getAsObject()->getString("name")->str() +
                  "' is missing (only trailing inputs with defaults may be "
                  "left out)"),
             1;
    if (i >= count && !hasDefault)
      return fail("input '" +
                  inputs[i].getAsObject()->getString("name")->str() +
                  "' is missing: pass --arg " +
                  inputs[i].getAsObject()->getString("name")->str() + "=..."),
             1;
  }
  std::vector<tcc_array> arrays(count);
  for (size_t i = 0; i < count; ++i) {
    tcc_array &a = arrays[i];
    memset(&a, 0, sizeof(a));
    const llvm::json::Object &in = *inputs[i].getAsObject();
    a.dtype = dtypeCode(*in.getString("dtype"));
    a.rank = values[i].shape.size();
    a.data = values[i].data.data();
    int64_t stride = dtypeSize(a.dtype);
    for (int d = a.rank - 1; d >= 0; --d) {
      a.shape[d] = values[i].shape[d];
      a.strides[d] = stride;
      stride *= a.shape[d];
    }
  }
  if (!options.load.empty() && api.sharedLoad(options.load.c_str()) != TCC_OK)
    return fail(api.lastError()), 1;
  size_t numOutputs = fn->getArray("outputs")->size();
  std::vector<tcc_array> outputs(numOutputs);
  ProgressBar progress(options.repeat);
  for (unsigned r = 0; r < options.repeat; ++r) {
    if (r)
      for (tcc_array &o : outputs)
        api.release(&o);
    if (api.call(options.function.c_str(), arrays.data(), count, outputs.data(),
                 numOutputs) != TCC_OK) {
      progress.finish();
      llvm::errs() << "tcc run: error: " << api.lastError() << "\n";
      return 1;
    }
    progress.step(r + 1);
  }
  progress.finish();
  if (!options.save.empty() && api.sharedSave(options.save.c_str()) != TCC_OK)
    return fail(api.lastError()), 1;
  // Asked for here, so the library prints none at exit.
  std::string profile;
  if (options.compile.profile) {
    char *report = nullptr;
    if (api.profileReport(options.json ? TCC_PROFILE_JSON : TCC_PROFILE_TEXT,
                          &report) != TCC_OK)
      return fail(api.lastError()), 1;
    profile = llvm::StringRef(report).rtrim("\n").str();
    api.stringRelease(report);
    if (!options.json)
      llvm::errs() << profile << "\n";
  }

  llvm::raw_ostream &os = llvm::outs();
  const llvm::json::Array &outs = *fn->getArray("outputs");
  if (options.json) {
    os << "{\"outputs\": [";
    for (size_t i = 0; i < numOutputs; ++i) {
      os << (i ? ", " : "");
      printValue(os, outputs[i], 0, static_cast<char *>(outputs[i].data), true);
    }
    os << "], \"shared\": {";
    bool first = true;
    for (const llvm::json::Value &s :
         *manifest->getAsObject()->getArray("shared")) {
      std::string name = s.getAsObject()->getString("name")->str();
      tcc_array value;
      if (api.sharedGet(name.c_str(), &value) != TCC_OK)
        continue;
      os << (first ? "" : ", ") << "\"" << name << "\": ";
      printValue(os, value, 0, static_cast<char *>(value.data), true);
      api.release(&value);
      first = false;
    }
    os << "}";
    if (!profile.empty())
      os << ", \"profile\": " << profile;
    os << "}\n";
  } else {
    for (size_t i = 0; i < numOutputs; ++i) {
      os << *outs[i].getAsObject()->getString("name") << " = ";
      printValue(os, outputs[i], 0, static_cast<char *>(outputs[i].data),
                 false);
      os << "\n";
    }
  }
  for (tcc_array &o : outputs)
    api.release(&o);
  return 0;
}
