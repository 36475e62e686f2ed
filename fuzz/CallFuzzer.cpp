//===- CallFuzzer.cpp - Random calls into a compiled model ----------------===//
//
// Each input describes one call of a model library ($TCC_FUZZ_MODEL): the
// function (valid or not), the input count, and for each input its dtype,
// rank, shape, byte strides (contiguous, reversed, broadcast, misaligned,
// overflowing), data (null, NaN, the previous call's result: aliasing) and
// the output count. The model must answer with a status and a message, never
// a crash or a sanitizer report, and a failed call must leave every shared
// variable exactly as it was.
//
// Memory the fuzzer hands over always covers the array the shape and strides
// describe, so any out-of-bounds access is the runtime's; shapes whose extent
// overflows get a one-element buffer, which the runtime must reject before
// it reads.
//
//===----------------------------------------------------------------------===//

#include "tcc/tcc.h"

#include "llvm/Support/JSON.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace {

struct ModelApi {
  decltype(&tcc_manifest) manifest;
  decltype(&tcc_call_index) callIndex;
  decltype(&tcc_call) call;
  decltype(&tcc_last_error) lastError;
  decltype(&tcc_shared_get) sharedGet;
  decltype(&tcc_shared_set) sharedSet;
  decltype(&tcc_array_release) release;
  decltype(&tcc_dtype_size) dtypeSize;
};

ModelApi api;
int numFunctions = 0;
std::vector<std::string> sharedNames;

[[noreturn]] void die(const std::string &message) {
  std::fprintf(stderr, "tcc-fuzz-call: %s\n", message.c_str());
  std::abort();
}

template <typename F> void bind(void *library, F &slot, const char *name) {
  slot = reinterpret_cast<F>(dlsym(library, name));
  if (!slot)
    die(std::string("the model does not export ") + name);
}

struct InputSpec {
  int32_t dtype;
  int32_t rank;
};
struct FunctionSpec {
  std::vector<InputSpec> inputs;
  int32_t numOutputs;
};
std::vector<FunctionSpec> functions;

int32_t dtypeNamed(llvm::StringRef name) {
  static const char *const names[] = {
      "bool",    "int8",      "int16",     "int32",  "int64",
      "uint8",   "uint16",    "uint32",    "uint64", "float32",
      "float64", "complex64", "complex128"};
  for (int32_t i = 0; i < 13; ++i)
    if (name == names[i])
      return i;
  return TCC_FLOAT64;
}

/// The signatures and shared variable names of the manifest (docs/ABI.md),
/// so that most calls are nearly right and get past the first check.
void readManifest(const char *text) {
  llvm::Expected<llvm::json::Value> json = llvm::json::parse(text);
  if (!json)
    die("the manifest is not JSON: " + llvm::toString(json.takeError()));
  const llvm::json::Object *root = json->getAsObject();
  for (const llvm::json::Value &v : *root->getArray("shared"))
    sharedNames.push_back(v.getAsObject()->getString("name")->str());
  for (const llvm::json::Value &v : *root->getArray("functions")) {
    const llvm::json::Object *f = v.getAsObject();
    FunctionSpec spec;
    for (const llvm::json::Value &in : *f->getArray("inputs")) {
      const llvm::json::Object *i = in.getAsObject();
      spec.inputs.push_back(
          {dtypeNamed(*i->getString("dtype")),
           static_cast<int32_t>(i->getArray("broadcastable")->size())});
    }
    spec.numOutputs = static_cast<int32_t>(f->getArray("outputs")->size());
    functions.push_back(std::move(spec));
  }
  numFunctions = static_cast<int>(functions.size());
}

/// Mostly `usual`, now and then anything in [low, high].
template <typename T> T mostly(FuzzedDataProvider &in, T usual, T low, T high) {
  return in.ConsumeIntegralInRange<int>(0, 7)
             ? usual
             : in.ConsumeIntegralInRange<T>(low, high);
}

/// Byte offsets of the lowest and the highest element of a strided array,
/// or false if they overflow.
bool extent(const tcc_array &a, int64_t elementSize, int64_t &low,
            int64_t &high) {
  low = 0;
  high = elementSize;
  for (int d = 0; d < a.rank; ++d) {
    if (a.shape[d] == 0) {
      low = high = 0;
      return true;
    }
    int64_t span;
    if (a.shape[d] < 0 ||
        __builtin_mul_overflow(a.strides[d], a.shape[d] - 1, &span))
      return false;
    if (span < 0 ? __builtin_add_overflow(low, span, &low)
                 : __builtin_add_overflow(high, span, &high))
      return false;
  }
  return true;
}

struct Snapshot {
  std::string name;
  std::vector<char> bytes;
};

std::vector<char> contents(const tcc_array &a) {
  int64_t n = api.dtypeSize(a.dtype);
  for (int d = 0; d < a.rank; ++d)
    n *= a.shape[d];
  const char *p = static_cast<const char *>(a.data);
  return std::vector<char>(p, p + n); // results are C-contiguous
}

std::vector<Snapshot> snapshotShared() {
  std::vector<Snapshot> all;
  for (const std::string &name : sharedNames) {
    tcc_array value;
    if (api.sharedGet(name.c_str(), &value) != 0)
      die("tcc_shared_get('" + name + "') failed: " + api.lastError());
    all.push_back({name, contents(value)});
    api.release(&value);
  }
  return all;
}

int64_t pickDimension(FuzzedDataProvider &in) {
  switch (in.ConsumeIntegralInRange<int>(0, 31)) {
  case 0:
    return -in.ConsumeIntegralInRange<int64_t>(1, 3);
  case 1:
    return int64_t(1) << in.ConsumeIntegralInRange<int>(20, 62);
  case 2:
    return std::numeric_limits<int64_t>::max();
  case 3:
    return 0;
  default:
    // Small, and the same size most of the time: inputs must agree.
    return in.ConsumeBool() ? 3 : in.ConsumeIntegralInRange<int64_t>(1, 4);
  }
}

/// Fills the strides: C-contiguous mostly, else reversed, broadcast (0),
/// padded, misaligned or arbitrary.
void pickStrides(FuzzedDataProvider &in, tcc_array &a, int64_t elementSize) {
  int64_t step = elementSize ? elementSize : 1;
  int mode = in.ConsumeIntegralInRange<int>(0, 9);
  for (int d = a.rank - 1; d >= 0; --d) {
    int64_t contiguous = step;
    switch (mode) {
    case 6:
      a.strides[d] = -contiguous;
      break;
    case 7:
      a.strides[d] = in.ConsumeBool() ? 0 : contiguous;
      break;
    case 8:
      if (__builtin_add_overflow(contiguous,
                                 in.ConsumeIntegralInRange<int64_t>(1, 3),
                                 &a.strides[d]))
        a.strides[d] = contiguous;
      break;
    case 9:
      a.strides[d] = in.ConsumeIntegral<int64_t>();
      break;
    default:
      a.strides[d] = contiguous;
    }
    if (a.shape[d] > 0 && __builtin_mul_overflow(step, a.shape[d], &step))
      step = std::numeric_limits<int64_t>::max();
  }
}

/// Storage for one input; `base` is where offset 0 of the array lies.
struct Buffer {
  std::vector<unsigned char> bytes;
};

void fillData(FuzzedDataProvider &in, tcc_array &a, Buffer &buffer,
              const tcc_array *previousResult) {
  int64_t size = api.dtypeSize(a.dtype);
  int choice = in.ConsumeIntegralInRange<int>(0, 31);
  if (choice == 0) {
    a.data = nullptr;
    return;
  }
  if (choice == 1 && previousResult && previousResult->data) {
    // The last call's result, still owned by the runtime: aliasing.
    std::memcpy(&a, previousResult, sizeof a);
    a.owner = nullptr;
    return;
  }
  int64_t low, high, span;
  if (!extent(a, size ? size : 1, low, high) ||
      __builtin_sub_overflow(high, low, &span)) {
    // The runtime must refuse offsets that overflow before reading: give
    // it one element, so that reading more is an ASan report.
    buffer.bytes.assign(16, 0);
    a.data = buffer.bytes.data();
    return;
  }
  int64_t count = 1;
  for (int d = 0; d < a.rank; ++d)
    if (__builtin_mul_overflow(count, a.shape[d], &count))
      count = std::numeric_limits<int64_t>::max();
  if (span > (1 << 22) || count > (1 << 20)) {
    // Too large to allocate here, or (broadcast) too slow to compute: must
    // be refused as null.
    a.data = nullptr;
    return;
  }
  buffer.bytes.assign(static_cast<size_t>(span) + 1, 0);
  for (size_t i = 0; i < buffer.bytes.size() && in.remaining_bytes(); ++i)
    buffer.bytes[i] = in.ConsumeIntegral<unsigned char>();
  if (choice == 2 && (a.dtype == TCC_FLOAT64 || a.dtype == TCC_FLOAT32)) {
    for (size_t i = 0; i + 8 <= buffer.bytes.size(); i += 8) {
      double nan = std::nan("");
      std::memcpy(&buffer.bytes[i], &nan, 8);
    }
  }
  // Misaligned by a byte now and then (choice 3): the runtime copies.
  size_t offset = choice == 3 ? 1 : 0;
  if (offset)
    buffer.bytes.push_back(0);
  a.data = buffer.bytes.data() + offset - low;
}

/// With $TCC_FUZZ_VERBOSE, each call on stderr (to triage a crash input).
void describeCall(int32_t function, const tcc_array *inputs, int32_t numInputs,
                  int32_t numOutputs, bool nullOutputs) {
  std::fprintf(stderr, "call %d with %d inputs, %d outputs%s\n", function,
               numInputs, numOutputs, nullOutputs ? " (null)" : "");
  for (int32_t i = 0; i < numInputs; ++i) {
    const tcc_array &a = inputs[i];
    std::fprintf(stderr, "  input %d: dtype %d rank %d data %p shape", i,
                 a.dtype, a.rank, a.data);
    for (int d = 0; d < a.rank && d <= TCC_MAX_RANK && a.rank <= TCC_MAX_RANK;
         ++d)
      std::fprintf(stderr, " %lld", (long long)a.shape[d]);
    std::fprintf(stderr, " strides");
    for (int d = 0; d < a.rank && a.rank <= TCC_MAX_RANK; ++d)
      std::fprintf(stderr, " %lld", (long long)a.strides[d]);
    std::fprintf(stderr, "\n");
  }
}

tcc_array lastResult;
bool haveLastResult = false;
/// Calls by status, printed at exit: a run whose calls all fail the same
/// way tests little.
long statusCounts[TCC_ERROR_DEVICE + 1];

void printStatusCounts() {
  std::fprintf(stderr, "tcc-fuzz-call: calls by status:");
  for (int i = 0; i <= TCC_ERROR_DEVICE; ++i)
    std::fprintf(stderr, " %d:%ld", i, statusCounts[i]);
  std::fprintf(stderr, "\n");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  const char *path = std::getenv("TCC_FUZZ_MODEL");
  if (!path)
    die("set TCC_FUZZ_MODEL to the model library to call");
  void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!library)
    die(std::string("cannot load the model: ") + dlerror());
  bind(library, api.manifest, "tcc_manifest");
  bind(library, api.callIndex, "tcc_call_index");
  bind(library, api.call, "tcc_call");
  bind(library, api.lastError, "tcc_last_error");
  bind(library, api.sharedGet, "tcc_shared_get");
  bind(library, api.sharedSet, "tcc_shared_set");
  bind(library, api.release, "tcc_array_release");
  bind(library, api.dtypeSize, "tcc_dtype_size");
  readManifest(api.manifest());
  if (numFunctions == 0)
    die("the model has no functions");
  std::atexit(printStatusCounts);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FuzzedDataProvider in(data, size);
  int32_t function = in.ConsumeIntegralInRange<int32_t>(0, numFunctions - 1);
  const FunctionSpec &spec = functions[function];
  function = mostly<int32_t>(in, function, -1, numFunctions);
  int32_t expected = static_cast<int32_t>(spec.inputs.size());
  int32_t numInputs = mostly<int32_t>(in, expected, -1, 5);
  std::vector<tcc_array> inputs(5);
  std::vector<Buffer> buffers(5);
  for (int32_t i = 0; i < numInputs; ++i) {
    tcc_array &a = inputs[i];
    std::memset(&a, 0, sizeof a);
    InputSpec usual = i < expected ? spec.inputs[i] : InputSpec{TCC_FLOAT64, 1};
    a.dtype = mostly<int32_t>(in, usual.dtype, -1, 13);
    a.rank = mostly<int32_t>(in, usual.rank, -2, TCC_MAX_RANK + 1);
    if (a.rank < 0 || a.rank > TCC_MAX_RANK)
      continue; // TCC_USE_DEFAULT or invalid: the rest is not read
    bool empty = false;
    for (int d = 0; d < a.rank; ++d) {
      a.shape[d] = pickDimension(in);
      empty |= a.shape[d] == 0;
    }
    // An empty array with a huge dimension is valid, and the generated loops
    // run over that dimension (slow, not wrong): keep the others small.
    for (int d = 0; d < a.rank && empty; ++d)
      a.shape[d] = std::min<int64_t>(a.shape[d], 5);
    pickStrides(in, a, api.dtypeSize(a.dtype));
    fillData(in, a, buffers[i], haveLastResult ? &lastResult : nullptr);
  }
  int32_t numOutputs = mostly<int32_t>(in, spec.numOutputs, -1, 6);
  std::vector<tcc_array> outputs(8);
  bool nullOutputs = in.ConsumeIntegralInRange<int>(0, 15) == 0;

  if (std::getenv("TCC_FUZZ_VERBOSE"))
    describeCall(function, inputs.data(), numInputs, numOutputs, nullOutputs);
  std::vector<Snapshot> before = snapshotShared();
  int status = api.callIndex(function, numInputs > 0 ? inputs.data() : nullptr,
                             numInputs, nullOutputs ? nullptr : outputs.data(),
                             numOutputs);
  if (status < 0 || status > TCC_ERROR_DEVICE)
    die("unknown status " + std::to_string(status));
  ++statusCounts[status];
  if (status != 0) {
    if (!*api.lastError())
      die("status " + std::to_string(status) + " without a message");
    std::vector<Snapshot> after = snapshotShared();
    for (size_t i = 0; i < before.size(); ++i)
      if (before[i].bytes != after[i].bytes)
        die("a failed call (" + std::string(api.lastError()) +
            ") changed shared variable '" + before[i].name + "'");
    return 0;
  }
  if (haveLastResult)
    api.release(&lastResult);
  haveLastResult = false;
  for (int32_t i = 0; i < numOutputs; ++i) {
    if (i == 0) {
      lastResult = outputs[0];
      haveLastResult = true;
    } else {
      api.release(&outputs[i]);
    }
  }
  return 0;
}
