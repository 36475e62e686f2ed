//===- Run.cpp - `tcc run`: compile, call, print --------------------------===//
//
// Compiles the model to a temporary library, loads it and calls a function
// through the same C API a host program uses, so `tcc run` checks exactly
// what users get.
//
//===----------------------------------------------------------------------===//

#include "Run.h"

#include "NpyFile.h"

#include "tcc/tcc.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstring>
#include <dlfcn.h>
#include <limits>

using namespace tcc;

namespace {
struct Api {
  decltype(&tcc_manifest) manifest;
  decltype(&tcc_last_error) lastError;
  decltype(&tcc_call) call;
  decltype(&tcc_shared_get) sharedGet;
  decltype(&tcc_array_release) release;
};

/// An input value owned by the driver.
struct HostArray {
  std::vector<int64_t> shape;
  std::vector<char> data;
};
} // namespace

static int64_t dtypeCode(llvm::StringRef name) {
  static const char *names[] = {"bool",   "int8",    "int16",  "int32",
                                "int64",  "uint8",   "uint16", "uint32",
                                "uint64", "float32", "float64"};
  for (int i = 0; i < 11; ++i)
    if (name == names[i])
      return i;
  return -1;
}

static int64_t dtypeSize(int64_t dtype) {
  static const int64_t sizes[] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 4, 8};
  return dtype >= 0 && dtype < 11 ? sizes[dtype] : 0;
}

static bool fail(const llvm::Twine &message) {
  llvm::errs() << "tcc run: error: " << message << "\n";
  return false;
}

/// `text` with the non-standard JSON tokens Python's json module writes for
/// special floats (NaN, Infinity, -Infinity) turned into strings, so that a
/// value printed by Python (or by `tcc run --json`) can be passed back.
static std::string withSpecialFloatsQuoted(llvm::StringRef text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
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
      if (json && !std::isfinite(d))
        os << (std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
      else
        os << llvm::formatv("{0}", llvm::json::Value(d));
      return;
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
  if (!api.manifest || !api.call || !api.sharedGet || !api.release ||
      !api.lastError) {
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
  size_t numOutputs = fn->getArray("outputs")->size();
  std::vector<tcc_array> outputs(numOutputs);
  for (unsigned r = 0; r < options.repeat; ++r) {
    if (r)
      for (tcc_array &o : outputs)
        api.release(&o);
    if (api.call(options.function.c_str(), arrays.data(), count, outputs.data(),
                 numOutputs) != TCC_OK) {
      llvm::errs() << "tcc run: error: " << api.lastError() << "\n";
      return 1;
    }
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
    os << "}}\n";
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
