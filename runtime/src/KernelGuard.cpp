//===- KernelGuard.cpp - Running a kernel that may stop half-way ----------===//
//
// The kernel is plain generated code without unwind tables, so it is left
// with longjmp: nothing in its frames needs cleaning up but the heap
// buffers, which the allocator below tracks per call (thread-local, as
// concurrent calls run on their own threads).
//
//===----------------------------------------------------------------------===//

#include "KernelGuard.h"

#include "BufferPool.h"
#include "Error.h"
#include "Profile.h"
#include "tcc/tcc.h"

#include <csetjmp>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <utility>
#include <vector>

namespace tcc::rt {
namespace {

/// Buffers the kernels running on this thread allocated and did not free
/// yet, with their sizes, the innermost kernel's last. A vector kept for
/// the thread's next call: tracking allocates nothing once it has grown,
/// and a kernel frees what it allocated last first, so the search from
/// the back is short.
thread_local std::vector<std::pair<void *, size_t>> LiveBuffers;

/// The kernel this thread is running.
struct ActiveKernel {
  std::jmp_buf Return;
  // Its buffers are LiveBuffers[FirstLive...].
  size_t FirstLive = LiveBuffers.size();
  // Why it stopped: an index check, or an allocation that failed.
  int Status = TCC_OK;
  int64_t Check = 0, Axis = 0, Index = 0, Size = 0, Bytes = 0;
  // A NaN-guard check that failed: 2 for a NaN, 1 for an infinity.
  int64_t NanCode = 0;
  // A scan's number of steps that failed its check (Index: the steps,
  // Size: the shortest sequence's rows, or -1).
  bool Steps = false;
  // The buffer the kernel allocates next (__tcc_alloc_site): its position
  // in the manifest's alloc_sites and its size, or -1 for a size that
  // overflows.
  int64_t Site = -1, SiteBytes = 0;
  std::string Message; // For any other status (stopKernel).
};

thread_local ActiveKernel *Active = nullptr;

/// The kernel running on this thread, for a check of `What` it failed.
/// Only kernels call the error entry points, and runKernel is how kernels
/// run: without one, the process is in a state nothing can report from.
ActiveKernel *activeKernel(const char *What) {
  if (!Active) {
    std::fprintf(stderr, "tcc: %s failed outside a call\n", What);
    std::abort();
  }
  return Active;
}

[[noreturn]] void stop(ActiveKernel &K, int Status) {
  K.Status = Status;
  std::longjmp(K.Return, 1);
}

/// Registers `P` (from malloc or aligned_alloc) as the kernel's, or stops
/// the kernel if there is no memory for it or for its registration.
void *track(void *P, size_t Bytes) {
  ActiveKernel *K = Active;
  if (!K)
    return P;
  // The site describes this allocation only: the next one may come from
  // code that names none.
  int64_t Site = K->Site;
  K->Site = -1;
  if (P) {
    try {
      LiveBuffers.emplace_back(P, Bytes);
      profileAllocated(Bytes);
      return P;
    } catch (const std::bad_alloc &) {
      poolFree(P);
    }
  }
  K->Site = Site;
  K->Bytes = Site >= 0 ? K->SiteBytes : static_cast<int64_t>(Bytes);
  stop(*K, TCC_ERROR_MEMORY);
}

/// What the kernel could not allocate, for the message: "12 bytes for
/// outer at model.th:3:9".
std::string failedAllocation(const Manifest &M, const ActiveKernel &K) {
  std::string What =
      K.Site >= 0 && K.Site < static_cast<int64_t>(M.AllocSites.size())
          ? M.AllocSites[K.Site]
          : "a temporary";
  if (K.Bytes < 0)
    return "a buffer of more than 2^63 bytes for " + What;
  return std::to_string(K.Bytes) + " bytes for " + What;
}

} // namespace

int runKernel(const Manifest &M, const FunctionSpec &F, KernelFn Kernel,
              void *Results, void **Args) {
  ActiveKernel K;
  ActiveKernel *Outer = Active;
  Active = &K;
  // Declared before setjmp: the longjmp back must not skip its destructor.
  GeneratedCodeTimer Timer;
  if (setjmp(K.Return) == 0) {
    Kernel(Results, Args);
    // The buffers still live are the results, which the caller now owns.
    Active = Outer;
    LiveBuffers.resize(K.FirstLive);
    return TCC_OK;
  }
  Active = Outer;
  for (size_t I = K.FirstLive; I < LiveBuffers.size(); ++I)
    poolFree(LiveBuffers[I].first);
  LiveBuffers.resize(K.FirstLive);
  if (K.Status == TCC_ERROR_MEMORY)
    return fail(TCC_ERROR_MEMORY,
                F.Name + ": cannot allocate " + failedAllocation(M, K));
  if (K.NanCode != 0) {
    std::string What = K.Check >= 0 && K.Check < static_cast<int64_t>(
                                                     M.NanChecks.size())
                           ? M.NanChecks[K.Check]
                           : "check " + std::to_string(K.Check);
    return fail(TCC_ERROR_VALUE,
                F.Name + ": NaN guard: " + What + " produced " +
                    (K.NanCode == 2 ? "NaN" : "Inf") +
                    " (the first kernel result with a bad value)");
  }
  std::string Message;
  if (K.Steps && K.Index < 0)
    Message = F.Name + ": scan was asked to run for a negative number of " +
              "steps (" + std::to_string(K.Index) + ")";
  else if (K.Steps)
    Message = F.Name + ": a sequence is shorter than the required number " +
              "of steps: n_steps is " + std::to_string(K.Index) +
              ", the sequence has " + std::to_string(K.Size) + " rows";
  else if (K.Status == TCC_ERROR_INDEX)
    Message = F.Name + ": index " + std::to_string(K.Index) +
              " is out of bounds for axis " + std::to_string(K.Axis) +
              " with size " + std::to_string(K.Size);
  else
    return fail(K.Status, F.Name + ": " + K.Message);
  if (K.Check >= 0 && K.Check < static_cast<int64_t>(M.IndexChecks.size()))
    Message += " (" + M.IndexChecks[K.Check] + ")";
  return fail(K.Status, Message);
}

void stopKernel(int Status, const char *Message) {
  ActiveKernel *K = Active;
  if (!K) {
    std::fprintf(stderr, "tcc: %s (outside a call)\n", Message);
    std::abort();
  }
  K->Message = Message;
  stop(*K, Status);
}

} // namespace tcc::rt

using tcc::rt::Active;

// What the generated code calls (finalize-memref-to-llvm's generic
// allocation functions, and tcc-lower-index-checks' error calls).
extern "C" {

TCC_HIDDEN void *_mlir_memref_to_llvm_alloc(size_t Bytes) {
  return tcc::rt::track(
      tcc::rt::poolAllocate(alignof(std::max_align_t), Bytes ? Bytes : 1),
      Bytes);
}

TCC_HIDDEN void *_mlir_memref_to_llvm_aligned_alloc(size_t Alignment,
                                                    size_t Bytes) {
  return tcc::rt::track(tcc::rt::poolAllocate(Alignment, Bytes), Bytes);
}

TCC_HIDDEN void _mlir_memref_to_llvm_free(void *P) {
  if (Active) {
    auto &Live = tcc::rt::LiveBuffers;
    for (size_t I = Live.size(); I > Active->FirstLive; --I)
      if (Live[I - 1].first == P) {
        tcc::rt::profileFreed(Live[I - 1].second);
        Live.erase(Live.begin() + static_cast<std::ptrdiff_t>(I - 1));
        break;
      }
  }
  tcc::rt::poolFree(P);
}

TCC_HIDDEN void __tcc_index_error(int64_t Check, int64_t Axis, int64_t Index,
                                  int64_t Size) {
  tcc::rt::ActiveKernel *K = tcc::rt::activeKernel("index check");
  K->Check = Check;
  K->Axis = Axis;
  K->Index = Index;
  K->Size = Size;
  tcc::rt::stop(*K, TCC_ERROR_INDEX);
}

/// tcc-lower-index-checks' call when a scan's number of steps, `Steps`, is
/// negative (an IndexError in Theano) or more than the `Rows` of its
/// shortest sequence (a ValueError).
TCC_HIDDEN void __tcc_steps_error(int64_t Check, int64_t Steps, int64_t Rows) {
  tcc::rt::ActiveKernel *K = tcc::rt::activeKernel("scan steps check");
  K->Check = Check;
  K->Steps = true;
  K->Index = Steps;
  K->Size = Rows;
  tcc::rt::stop(*K, Steps < 0 ? TCC_ERROR_INDEX : TCC_ERROR_VALUE);
}

/// tcc-name-allocations' call before each allocation of a kernel buffer:
/// it is for site `Site` and holds `Bytes` bytes (-1: more than an int64
/// can count, which fails the call before the wrapped size is used).
TCC_HIDDEN void __tcc_alloc_site(int64_t Site, int64_t Bytes) {
  tcc::rt::ActiveKernel *K = tcc::rt::activeKernel("allocation");
  K->Site = Site;
  K->SiteBytes = Bytes;
  if (Bytes < 0) {
    K->Bytes = Bytes;
    tcc::rt::stop(*K, TCC_ERROR_MEMORY);
  }
}

/// tcc-nan-guard's call: result `Check` holds a NaN (Code 2) or an
/// infinity (Code 1).
TCC_HIDDEN void __tcc_nan_error(int64_t Check, int64_t Code) {
  tcc::rt::ActiveKernel *K = tcc::rt::activeKernel("NaN guard check");
  K->Check = Check;
  K->NanCode = Code;
  tcc::rt::stop(*K, TCC_ERROR_VALUE);
}

} // extern "C"
