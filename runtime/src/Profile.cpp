//===- Profile.cpp - Counting calls, time and memory under --profile ------===//

#include "Profile.h"

#include "Error.h"
#include "ModelSymbols.h"
#include "tcc/tcc.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace tcc::rt {
namespace {

using Clock = std::chrono::steady_clock;

uint64_t nanosSince(Clock::time_point Start) {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - Start)
          .count());
}

/// The call this thread is profiling.
thread_local CallRecord *Current = nullptr;

void atomicMax(std::atomic<uint64_t> &Target, uint64_t Value) {
  uint64_t Seen = Target.load(std::memory_order_relaxed);
  while (Seen < Value &&
         !Target.compare_exchange_weak(Seen, Value, std::memory_order_relaxed))
    ;
}

/// Theano prints its profile when the process exits; so does a profiled
/// model whose program did not ask for the report itself. Where to:
/// $TCC_PROFILE_OUTPUT names a file (JSON if it ends in .json), or "none";
/// stderr by default.
void reportAtExit() {
  ProfileCounters *C = profileCounters();
  if (!C || C->Claimed.load())
    return;
  bool Called = false;
  for (size_t F = 0; F < C->M->Functions.size(); ++F)
    Called |= C->Functions[F].Calls.load() != 0;
  if (!Called)
    return;
  const char *Where = std::getenv("TCC_PROFILE_OUTPUT");
  if (Where && std::strcmp(Where, "none") == 0)
    return;
  std::string Path = Where && *Where ? Where : "";
  bool Json =
      Path.size() >= 5 && Path.compare(Path.size() - 5, 5, ".json") == 0;
  std::string Report;
  try {
    Report = formatProfile(*C, Json);
  } catch (...) {
    return; // Out of memory at exit: no report.
  }
  if (Path.empty()) {
    std::fputs(Report.c_str(), stderr);
    return;
  }
  if (std::FILE *Out = std::fopen(Path.c_str(), "w")) {
    std::fputs(Report.c_str(), Out);
    std::fclose(Out);
  } else {
    std::fprintf(stderr, "tcc: cannot write the profile to '%s'\n",
                 Path.c_str());
  }
}

} // namespace

ProfileCounters *profileCounters() {
  static std::once_flag Once;
  static ProfileCounters *Counters = nullptr;
  std::call_once(Once, [] {
    const Manifest *M = getManifest();
    if (!M || !M->Profiled)
      return;
    // Never freed: the exit report and late calls on other threads use it.
    auto *C = new ProfileCounters;
    C->M = M;
    C->Kernels.reset(new KernelCounters[M->ProfileKernels.size()]);
    C->Functions.reset(new FunctionCounters[M->Functions.size()]);
    Counters = C;
    // Registered after the manifest was built, so it runs before the
    // manifest is destroyed (at exit, or when the library is unloaded).
    std::atexit(reportAtExit);
  });
  return Counters;
}

ProfiledCall::ProfiledCall(int32_t Function) : Counters(profileCounters()) {
  if (!Counters)
    return;
  Record.Function = Function;
  Record.Start = Clock::now();
  Outer = Current;
  Current = &Record;
}

ProfiledCall::~ProfiledCall() {
  if (Counters)
    Current = Outer;
}

int ProfiledCall::finish(int Status) {
  if (!Counters)
    return Status;
  FunctionCounters &F = Counters->Functions[Record.Function];
  constexpr auto Relaxed = std::memory_order_relaxed;
  F.Calls.fetch_add(1, Relaxed);
  if (Status != TCC_OK)
    F.Failed.fetch_add(1, Relaxed);
  F.Nanos.fetch_add(nanosSince(Record.Start), Relaxed);
  F.GeneratedNanos.fetch_add(Record.GeneratedNanos, Relaxed);
  F.Bytes.fetch_add(Record.Bytes, Relaxed);
  F.Allocations.fetch_add(Record.Allocations, Relaxed);
  atomicMax(F.PeakBytes, Record.Peak);
  return Status;
}

GeneratedCodeTimer::GeneratedCodeTimer() {
  if (Current)
    Start = Clock::now();
}

GeneratedCodeTimer::~GeneratedCodeTimer() {
  if (Current) {
    Current->GeneratedNanos += nanosSince(Start);
    Current->Kernel = -1; // A kernel stopped half-way never ended.
  }
}

void profileAllocated(uint64_t Bytes) {
  CallRecord *R = Current;
  if (!R)
    return;
  R->Live += Bytes;
  R->Peak = std::max(R->Peak, R->Live);
  R->Bytes += Bytes;
  ++R->Allocations;
  if (R->Kernel >= 0)
    profileCounters()->Kernels[R->Kernel].Bytes.fetch_add(
        Bytes, std::memory_order_relaxed);
}

void profileFreed(uint64_t Bytes) {
  if (CallRecord *R = Current)
    R->Live -= std::min(R->Live, Bytes);
}

void resetProfile(ProfileCounters &C) {
  for (size_t K = 0; K < C.M->ProfileKernels.size(); ++K)
    for (auto *Counter :
         {&C.Kernels[K].Calls, &C.Kernels[K].Nanos, &C.Kernels[K].Bytes})
      Counter->store(0);
  for (size_t F = 0; F < C.M->Functions.size(); ++F) {
    FunctionCounters &Fn = C.Functions[F];
    for (auto *Counter : {&Fn.Calls, &Fn.Failed, &Fn.Nanos, &Fn.GeneratedNanos,
                          &Fn.PeakBytes, &Fn.Bytes, &Fn.Allocations})
      Counter->store(0);
  }
}

} // namespace tcc::rt

using namespace tcc::rt;

// What tcc-profile's calls reach. Kernel numbers come from the compiler;
// one out of range (a corrupt library) is ignored rather than trusted.
extern "C" {

TCC_HIDDEN void __tcc_profile_begin(int64_t Kernel) {
  CallRecord *R = Current;
  if (!R)
    return;
  bool Known = Kernel >= 0 && static_cast<size_t>(Kernel) <
                                  profileCounters()->M->ProfileKernels.size();
  R->Kernel = Known ? Kernel : -1;
  R->KernelStart = Clock::now();
}

TCC_HIDDEN void __tcc_profile_end(int64_t Kernel) {
  CallRecord *R = Current;
  if (!R)
    return;
  if (R->Kernel < 0 || R->Kernel != Kernel)
    return;
  R->Kernel = -1;
  KernelCounters &K = profileCounters()->Kernels[Kernel];
  K.Calls.fetch_add(1, std::memory_order_relaxed);
  K.Nanos.fetch_add(nanosSince(R->KernelStart), std::memory_order_relaxed);
}

} // extern "C"
