//===- Cuda.cpp - The CUDA driver API, loaded with dlopen -----------------===//
//
// Nothing here needs CUDA at build time: the few driver types and entry
// points used are declared below, and the driver is found at run time. The
// mgpu* functions are what MLIR's gpu-to-llvm lowering calls (module load,
// launch, streams, memory); a failure inside a call stops the kernel with
// TCC_ERROR_DEVICE (KernelGuard.h), never the process.
//
//===----------------------------------------------------------------------===//

#include "Cuda.h"

#include "Error.h"
#include "KernelGuard.h"
#include "tcc/tcc.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <mutex>

namespace tcc::rt {
namespace {

// The driver API's types and constants (cuda.h), as the ABI fixes them.
using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
using CUcontext = void *;
using CUmodule = void *;
using CUfunction = void *;
using CUstream = void *;
constexpr CUresult CUDA_SUCCESS = 0;
constexpr unsigned CU_MEM_ATTACH_GLOBAL = 0x1;
constexpr unsigned CU_STREAM_NON_BLOCKING = 0x1;
constexpr int CU_POINTER_ATTRIBUTE_MEMORY_TYPE = 2;
constexpr int CU_POINTER_ATTRIBUTE_IS_MANAGED = 8;
constexpr unsigned CU_MEMORYTYPE_DEVICE = 2;
constexpr unsigned CU_MEMORYTYPE_UNIFIED = 4;

/// The driver's entry points this runtime calls, by their ABI names.
struct Driver {
  CUresult (*Init)(unsigned);
  CUresult (*DeviceGetCount)(int *);
  CUresult (*DeviceGet)(CUdevice *, int);
  CUresult (*DevicePrimaryCtxRetain)(CUcontext *, CUdevice);
  CUresult (*CtxSetCurrent)(CUcontext);
  CUresult (*GetErrorName)(CUresult, const char **);
  CUresult (*GetErrorString)(CUresult, const char **);
  CUresult (*ModuleLoadData)(CUmodule *, const void *);
  CUresult (*ModuleUnload)(CUmodule);
  CUresult (*ModuleGetFunction)(CUfunction *, CUmodule, const char *);
  CUresult (*LaunchKernel)(CUfunction, unsigned, unsigned, unsigned, unsigned,
                           unsigned, unsigned, unsigned, CUstream, void **,
                           void **);
  CUresult (*StreamCreate)(CUstream *, unsigned);
  CUresult (*StreamSynchronize)(CUstream);
  CUresult (*MemAllocManaged)(CUdeviceptr *, size_t, unsigned);
  CUresult (*MemAlloc)(CUdeviceptr *, size_t);
  CUresult (*MemFree)(CUdeviceptr);
  CUresult (*MemcpyAsync)(CUdeviceptr, CUdeviceptr, size_t, CUstream);
  CUresult (*MemsetD32Async)(CUdeviceptr, unsigned, size_t, CUstream);
  CUresult (*PointerGetAttribute)(void *, int, CUdeviceptr);
};

/// The driver, loaded once: its functions, the model's GPU's primary
/// context, or why there is none.
struct CudaState {
  Driver D{};
  CUcontext Context = nullptr;
  bool Ready = false;
  std::string Why;
};

int RequestedDevice = 0;

/// "CUDA_ERROR_NO_DEVICE (no CUDA-capable device is detected)".
std::string describe(const Driver &D, CUresult R) {
  const char *Name = nullptr, *Text = nullptr;
  if (D.GetErrorName)
    D.GetErrorName(R, &Name);
  if (D.GetErrorString)
    D.GetErrorString(R, &Text);
  std::string Out = Name ? Name : "CUDA error " + std::to_string(R);
  if (Text)
    Out += std::string(" (") + Text + ")";
  return Out;
}

/// The device $TCC_DEVICE names (cuda, cudaN), or `Default`.
int deviceIndex(int Default) {
  const char *Env = std::getenv("TCC_DEVICE");
  if (!Env || std::strncmp(Env, "cuda", 4) != 0)
    return Default;
  if (Env[4] == '\0')
    return 0;
  char *End;
  long Index = std::strtol(Env + 4, &End, 10);
  return *End == '\0' && Index >= 0 ? static_cast<int>(Index) : Default;
}

bool loadDriver(CudaState &S) {
  void *Lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!Lib) {
    const char *Error = dlerror();
    S.Why = std::string("the CUDA driver cannot be loaded (") +
            (Error ? Error : "libcuda.so.1") + ")";
    return false;
  }
  bool Missing = false;
  std::string MissingName;
  auto Get = [&](auto &Fn, const char *Name) {
    Fn = reinterpret_cast<std::remove_reference_t<decltype(Fn)>>(
        dlsym(Lib, Name));
    if (!Fn && !Missing) {
      Missing = true;
      MissingName = Name;
    }
  };
  Driver &D = S.D;
  Get(D.Init, "cuInit");
  Get(D.DeviceGetCount, "cuDeviceGetCount");
  Get(D.DeviceGet, "cuDeviceGet");
  Get(D.DevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
  Get(D.CtxSetCurrent, "cuCtxSetCurrent");
  Get(D.GetErrorName, "cuGetErrorName");
  Get(D.GetErrorString, "cuGetErrorString");
  Get(D.ModuleLoadData, "cuModuleLoadData");
  Get(D.ModuleUnload, "cuModuleUnload");
  Get(D.ModuleGetFunction, "cuModuleGetFunction");
  Get(D.LaunchKernel, "cuLaunchKernel");
  Get(D.StreamCreate, "cuStreamCreate");
  Get(D.StreamSynchronize, "cuStreamSynchronize");
  Get(D.MemAllocManaged, "cuMemAllocManaged");
  Get(D.MemAlloc, "cuMemAlloc_v2");
  Get(D.MemFree, "cuMemFree_v2");
  Get(D.MemcpyAsync, "cuMemcpyAsync");
  Get(D.MemsetD32Async, "cuMemsetD32Async");
  Get(D.PointerGetAttribute, "cuPointerGetAttribute");
  if (Missing) {
    S.Why = "the CUDA driver (libcuda.so.1) has no " + MissingName +
            ": it is older than this runtime needs";
    return false;
  }
  if (CUresult R = D.Init(0)) {
    S.Why = "the CUDA driver cannot start: " + describe(D, R);
    return false;
  }
  int Count = 0;
  if (CUresult R = D.DeviceGetCount(&Count)) {
    S.Why = "the CUDA driver cannot count GPUs: " + describe(D, R);
    return false;
  }
  int Index = deviceIndex(RequestedDevice);
  if (Index >= Count) {
    S.Why = "the model runs on GPU " + std::to_string(Index) +
            ", but this machine has " + std::to_string(Count) +
            (Count == 1 ? " GPU" : " GPUs") + " (TCC_DEVICE=cudaN picks one)";
    return false;
  }
  CUdevice Device;
  if (CUresult R = D.DeviceGet(&Device, Index)) {
    S.Why = "cannot open GPU " + std::to_string(Index) + ": " + describe(D, R);
    return false;
  }
  if (CUresult R = D.DevicePrimaryCtxRetain(&S.Context, Device)) {
    S.Why = "cannot create a context on GPU " + std::to_string(Index) + ": " +
            describe(D, R);
    return false;
  }
  return true;
}

CudaState &cuda() {
  // Never destroyed: buffers may be freed by static destructors.
  static CudaState *S = [] {
    auto *S = new CudaState;
    S->Ready = loadDriver(*S);
    return S;
  }();
  return *S;
}

/// The driver with the model's context current on this thread, or null.
const Driver *current() {
  CudaState &S = cuda();
  if (!S.Ready)
    return nullptr;
  thread_local CUcontext Current = nullptr;
  if (Current != S.Context) {
    if (S.D.CtxSetCurrent(S.Context) != CUDA_SUCCESS)
      return nullptr;
    Current = S.Context;
  }
  return &S.D;
}

/// Stops the running kernel: `What` failed with `R`. The message lives in
/// thread-local storage: nothing with a destructor may be live across the
/// longjmp.
[[noreturn]] void fail(const char *What, CUresult R) {
  thread_local char Message[512];
  CudaState &S = cuda();
  if (!S.Ready)
    std::snprintf(Message, sizeof Message, "%s", S.Why.c_str());
  else {
    const char *Name = nullptr, *Text = nullptr;
    S.D.GetErrorName(R, &Name);
    S.D.GetErrorString(R, &Text);
    std::snprintf(Message, sizeof Message, "CUDA: %s failed: %s (%s)", What,
                  Name ? Name : "unknown error", Text ? Text : "");
  }
  stopKernel(TCC_ERROR_DEVICE, Message);
}

/// The driver, for a kernel's mgpu* call: stops the kernel without one.
const Driver &driverForKernel() {
  const Driver *D = current();
  if (!D)
    fail("cuCtxSetCurrent", 0);
  return *D;
}

/// The kernels of one gpu.module, loaded on first use: the library's
/// constructor registers them before anyone knows whether a GPU is there.
struct LazyModule {
  const void *Data;
  std::once_flag Once;
  CUmodule Module = nullptr;
  CUresult Error = CUDA_SUCCESS;
};

CUstream threadStream(const Driver &D) {
  thread_local CUstream Stream = nullptr;
  if (!Stream)
    if (CUresult R = D.StreamCreate(&Stream, CU_STREAM_NON_BLOCKING))
      fail("cuStreamCreate", R);
  return Stream;
}

} // namespace

void setCudaDevice(int Index) { RequestedDevice = Index; }

bool cudaReady(std::string &Why) {
  if (current())
    return true;
  Why = cuda().Why.empty() ? "the CUDA context cannot be made current"
                           : cuda().Why;
  return false;
}

// Without a GPU the model's buffers are host memory: its shared variables
// can still be read, set and saved (its calls fail in cudaReady). Whether
// the driver is ready never changes, so a block is freed as it was made.
void *cudaAllocateManaged(size_t Bytes) {
  if (!cuda().Ready)
    return std::aligned_alloc(256, (Bytes + 255) & ~size_t(255));
  const Driver *D = current();
  CUdeviceptr P = 0;
  if (!D || D->MemAllocManaged(&P, Bytes, CU_MEM_ATTACH_GLOBAL))
    return nullptr;
  return reinterpret_cast<void *>(static_cast<uintptr_t>(P));
}

void cudaFreeManaged(void *Block) {
  if (!cuda().Ready)
    return std::free(Block);
  if (const Driver *D = current())
    D->MemFree(static_cast<CUdeviceptr>(reinterpret_cast<uintptr_t>(Block)));
}

bool cudaCanAccess(const void *P) {
  const Driver *D = current();
  if (!D)
    return false;
  auto Address = static_cast<CUdeviceptr>(reinterpret_cast<uintptr_t>(P));
  unsigned Managed = 0, Type = 0;
  if (D->PointerGetAttribute(&Managed, CU_POINTER_ATTRIBUTE_IS_MANAGED,
                             Address) == CUDA_SUCCESS &&
      Managed)
    return true;
  return D->PointerGetAttribute(&Type, CU_POINTER_ATTRIBUTE_MEMORY_TYPE,
                                Address) == CUDA_SUCCESS &&
         (Type == CU_MEMORYTYPE_DEVICE || Type == CU_MEMORYTYPE_UNIFIED);
}

void cudaSynchronize() {
  if (const Driver *D = current())
    D->StreamSynchronize(threadStream(*D));
}

} // namespace tcc::rt

using namespace tcc::rt;

// What gpu-to-llvm's lowering calls (MLIR's CudaRuntimeWrappers.cpp names
// and signatures).
extern "C" {

TCC_HIDDEN void *mgpuModuleLoad(void *Data, size_t /*Size*/) {
  auto *M = new (std::nothrow) LazyModule;
  if (M)
    M->Data = Data;
  return M;
}

TCC_HIDDEN void mgpuModuleUnload(void *Module) {
  auto *M = static_cast<LazyModule *>(Module);
  if (!M)
    return;
  if (M->Module)
    if (const Driver *D = current())
      D->ModuleUnload(M->Module);
  delete M;
}

TCC_HIDDEN void *mgpuModuleGetFunction(void *Module, const char *Name) {
  const Driver &D = driverForKernel();
  auto *M = static_cast<LazyModule *>(Module);
  if (!M)
    fail("loading the model's kernels", 2 /*CUDA_ERROR_OUT_OF_MEMORY*/);
  std::call_once(M->Once,
                 [&] { M->Error = D.ModuleLoadData(&M->Module, M->Data); });
  if (M->Error)
    fail("cuModuleLoadData", M->Error);
  CUfunction Function = nullptr;
  if (CUresult R = D.ModuleGetFunction(&Function, M->Module, Name))
    fail("cuModuleGetFunction", R);
  return Function;
}

TCC_HIDDEN void mgpuLaunchKernel(void *Function, intptr_t GridX, intptr_t GridY,
                                 intptr_t GridZ, intptr_t BlockX,
                                 intptr_t BlockY, intptr_t BlockZ,
                                 int32_t SharedBytes, void *Stream,
                                 void **Params, void **Extra,
                                 size_t /*ParamCount*/) {
  const Driver &D = driverForKernel();
  // An empty loop: nothing to launch (CUDA rejects a zero-sized grid).
  if (GridX == 0 || GridY == 0 || GridZ == 0)
    return;
  if (CUresult R = D.LaunchKernel(
          Function, static_cast<unsigned>(GridX), static_cast<unsigned>(GridY),
          static_cast<unsigned>(GridZ), static_cast<unsigned>(BlockX),
          static_cast<unsigned>(BlockY), static_cast<unsigned>(BlockZ),
          static_cast<unsigned>(SharedBytes), Stream, Params, Extra))
    fail("cuLaunchKernel", R);
}

/// One stream per thread, kept: the lowering creates and destroys one
/// around every launch.
TCC_HIDDEN void *mgpuStreamCreate() { return threadStream(driverForKernel()); }

TCC_HIDDEN void mgpuStreamDestroy(void * /*Stream*/) {}

TCC_HIDDEN void mgpuStreamSynchronize(void *Stream) {
  if (CUresult R = driverForKernel().StreamSynchronize(Stream))
    fail("a kernel (cuStreamSynchronize)", R);
}

TCC_HIDDEN void *mgpuMemAlloc(uint64_t Bytes, void * /*Stream*/,
                              bool /*HostShared*/) {
  CUdeviceptr P = 0;
  if (CUresult R = driverForKernel().MemAlloc(&P, Bytes ? Bytes : 1))
    fail("cuMemAlloc", R);
  return reinterpret_cast<void *>(static_cast<uintptr_t>(P));
}

TCC_HIDDEN void mgpuMemFree(void *P, void * /*Stream*/) {
  driverForKernel().MemFree(
      static_cast<CUdeviceptr>(reinterpret_cast<uintptr_t>(P)));
}

TCC_HIDDEN void mgpuMemcpy(void *Dst, void *Src, size_t Bytes, void *Stream) {
  if (CUresult R = driverForKernel().MemcpyAsync(
          static_cast<CUdeviceptr>(reinterpret_cast<uintptr_t>(Dst)),
          static_cast<CUdeviceptr>(reinterpret_cast<uintptr_t>(Src)), Bytes,
          Stream))
    fail("cuMemcpyAsync", R);
}

TCC_HIDDEN void mgpuMemset32(void *Dst, unsigned Value, size_t Count,
                             void *Stream) {
  if (CUresult R = driverForKernel().MemsetD32Async(
          static_cast<CUdeviceptr>(reinterpret_cast<uintptr_t>(Dst)), Value,
          Count, Stream))
    fail("cuMemsetD32Async", R);
}

} // extern "C"
