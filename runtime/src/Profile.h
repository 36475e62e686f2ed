//===- Profile.h - Counters of a model compiled with --profile --*- C++ -*-===//
//
// `tcc --profile` puts calls to __tcc_profile_begin(k) / __tcc_profile_end(k)
// around every kernel k (tcc-profile). The runtime counts, per kernel, its
// calls, time and the bytes allocated inside its window; per function, its
// calls, time (in all, and in generated code), and the peak of live kernel
// buffers in a call (Theano's profile_memory). Counters are atomics: calls
// may run on several threads at once. A model compiled without --profile
// never touches any of it.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_PROFILE_H
#define TCC_RUNTIME_PROFILE_H

#include "Manifest.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace tcc::rt {

struct KernelCounters {
  std::atomic<uint64_t> Calls{0}, Nanos{0}, Bytes{0};
};

struct FunctionCounters {
  std::atomic<uint64_t> Calls{0}, Failed{0};
  /// In the call as a whole, and in the generated code (kernels and the
  /// glue between them) as opposed to the runtime's checks and copies.
  std::atomic<uint64_t> Nanos{0}, GeneratedNanos{0};
  /// Kernel buffers: the most live at once in one call; allocated in all.
  std::atomic<uint64_t> PeakBytes{0}, Bytes{0}, Allocations{0};
};

struct ProfileCounters {
  const Manifest *M = nullptr;
  std::unique_ptr<KernelCounters[]> Kernels;
  std::unique_ptr<FunctionCounters[]> Functions;
  /// Set once the program asked for a report: then none is printed at exit.
  std::atomic<bool> Claimed{false};
};

/// The counters of the model, or null if it was not compiled with
/// --profile.
ProfileCounters *profileCounters();

/// What one profiled call accumulates, on its thread.
struct CallRecord {
  int32_t Function = -1;
  std::chrono::steady_clock::time_point Start;
  uint64_t GeneratedNanos = 0;
  /// Kernel buffers: live now, the most live at once, allocated in all.
  uint64_t Live = 0, Peak = 0, Bytes = 0, Allocations = 0;
  /// The kernel running now (between its begin and end), or -1.
  int64_t Kernel = -1;
  std::chrono::steady_clock::time_point KernelStart;
};

/// Counts one call of function `Function` (nothing for a model compiled
/// without --profile). Construct it before the call's work, finish it with
/// the call's status.
class ProfiledCall {
public:
  explicit ProfiledCall(int32_t Function);
  ~ProfiledCall();
  ProfiledCall(const ProfiledCall &) = delete;
  ProfiledCall &operator=(const ProfiledCall &) = delete;

  /// Records the call and returns `Status`.
  int finish(int Status);

private:
  ProfileCounters *Counters;
  CallRecord Record;
  CallRecord *Outer = nullptr;
};

/// Times the generated code of the call this thread is profiling.
class GeneratedCodeTimer {
public:
  GeneratedCodeTimer();
  ~GeneratedCodeTimer();

private:
  std::chrono::steady_clock::time_point Start;
};

/// The allocator's hooks: a kernel buffer of `Bytes` was allocated / freed.
void profileAllocated(uint64_t Bytes);
void profileFreed(uint64_t Bytes);

/// The report: functions and their kernels by time, as text (Theano's
/// layout, with source positions) or JSON (docs/ABI.md).
std::string formatProfile(const ProfileCounters &C, bool Json);

/// Zeroes every counter.
void resetProfile(ProfileCounters &C);

} // namespace tcc::rt

#endif // TCC_RUNTIME_PROFILE_H
