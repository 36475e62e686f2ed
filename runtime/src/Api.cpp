//===- Api.cpp - The exported C API of a model library --------------------===//
//
// Every function of tcc.h is defined in this one file, on purpose: the
// driver links libtccrt.a as an ordinary archive, which pulls in only the
// members the generated object references. The generated tcc_fn_<name>
// wrappers reference tcc_call_index, which pulls in this member and, through
// it, the whole runtime, so the library exports the complete API.
//
// The C API never lets a C++ exception escape: allocation failures inside
// standard containers become TCC_ERROR_MEMORY.
//
//===----------------------------------------------------------------------===//

#include "tcc/tcc.h"

#include "Array.h"
#include "Call.h"
#include "Error.h"
#include "ModelSymbols.h"
#include "Npz.h"
#include "Profile.h"
#include "Shared.h"

#include <cstring>
#include <exception>
#include <new>

using namespace tcc::rt;

namespace {

template <typename Fn> int guard(const char *Api, Fn &&Body) {
  try {
    return Body();
  } catch (const std::bad_alloc &) {
    return fail(TCC_ERROR_MEMORY, std::string(Api) + ": out of memory");
  } catch (const std::exception &E) {
    return fail(TCC_ERROR_INTERNAL, std::string(Api) + ": " + E.what());
  } catch (...) {
    return fail(TCC_ERROR_INTERNAL, std::string(Api) + ": unknown error");
  }
}

/// The model's profile counters in `C`, or the status of `Api` failing
/// because the model was compiled without --profile (or has no manifest).
int profiledModel(const char *Api, ProfileCounters *&C) {
  C = profileCounters();
  if (C)
    return TCC_OK;
  if (!getManifest())
    return TCC_ERROR_INTERNAL; // getManifest said why.
  return fail(TCC_ERROR_ARGUMENT,
              std::string(Api) + ": the model was compiled without --profile");
}

} // namespace

extern "C" {

const char *tcc_manifest(void) { return __tcc_manifest; }

const char *tcc_last_error(void) { return lastError(); }

int tcc_call(const char *name, const tcc_array *inputs, int32_t num_inputs,
             tcc_array *outputs, int32_t num_outputs) {
  return guard("tcc_call", [&] {
    return callByName(name, inputs, num_inputs, outputs, num_outputs);
  });
}

int tcc_call_index(int32_t index, const tcc_array *inputs, int32_t num_inputs,
                   tcc_array *outputs, int32_t num_outputs) {
  return guard("tcc_call_index", [&] {
    return callByIndex(index, inputs, num_inputs, outputs, num_outputs);
  });
}

int tcc_shared_get(const char *name, tcc_array *out) {
  return guard("tcc_shared_get", [&] { return sharedGet(name, out); });
}

int tcc_shared_set(const char *name, const tcc_array *value) {
  return guard("tcc_shared_set", [&] { return sharedSet(name, value); });
}

int tcc_shared_reset(void) {
  return guard("tcc_shared_reset", [&] { return sharedReset(); });
}

int tcc_shared_save(const char *path) {
  return guard("tcc_shared_save", [&] { return saveState(path); });
}

int tcc_shared_load(const char *path) {
  return guard("tcc_shared_load", [&] { return loadState(path); });
}

void tcc_array_release(tcc_array *array) {
  if (!array || !array->owner)
    return;
  tcc::rt::poolFree(array->owner);
  array->owner = nullptr;
  array->data = nullptr;
}

int tcc_profile_report(int32_t format, char **report) {
  return guard("tcc_profile_report", [&]() -> int {
    if (!report)
      return fail(TCC_ERROR_ARGUMENT, "tcc_profile_report: report is null");
    *report = nullptr;
    if (format != TCC_PROFILE_TEXT && format != TCC_PROFILE_JSON)
      return fail(TCC_ERROR_ARGUMENT, "tcc_profile_report: format " +
                                          std::to_string(format) +
                                          " is neither TCC_PROFILE_TEXT (0) "
                                          "nor TCC_PROFILE_JSON (1)");
    ProfileCounters *C;
    if (int Status = profiledModel("tcc_profile_report", C))
      return Status;
    std::string Text = formatProfile(*C, format == TCC_PROFILE_JSON);
    char *Copy = static_cast<char *>(std::malloc(Text.size() + 1));
    if (!Copy)
      return fail(TCC_ERROR_MEMORY, "tcc_profile_report: out of memory");
    std::memcpy(Copy, Text.c_str(), Text.size() + 1);
    C->Claimed = true;
    *report = Copy;
    return TCC_OK;
  });
}

int tcc_profile_reset(void) {
  return guard("tcc_profile_reset", [&]() -> int {
    ProfileCounters *C;
    if (int Status = profiledModel("tcc_profile_reset", C))
      return Status;
    resetProfile(*C);
    return TCC_OK;
  });
}

void tcc_string_release(char *string) { std::free(string); }

int64_t tcc_dtype_size(int32_t dtype) { return dtypeSize(dtype); }

} // extern "C"
