//===- Cuda.h - The CUDA driver, loaded when a model needs it ---*- C++ -*-===//
//
// A model compiled with --device=cuda runs its kernels through the CUDA
// driver API, which the runtime loads with dlopen (libcuda.so.1) the first
// time a call needs it: the model library loads, and its shared variables
// can be read and saved, on machines without a GPU, where a call fails with
// TCC_ERROR_DEVICE and a message saying why. Every buffer of such a model is
// CUDA managed memory (BufferPool.h), which the host and the GPU both
// address, so host loops and BLAS calls read what kernels wrote.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_CUDA_H
#define TCC_RUNTIME_CUDA_H

#include <cstddef>
#include <string>

namespace tcc::rt {

/// The GPU a model's calls run on: the manifest's cuda_device, unless
/// $TCC_DEVICE (cuda, cuda0, cuda1, ...) says otherwise. Set before the
/// first call.
void setCudaDevice(int Index);

/// Loads the driver and makes the model's GPU current on this thread.
/// False, with `Why` set, if there is no driver or no such GPU.
bool cudaReady(std::string &Why);

/// Managed memory (null when CUDA cannot provide it); free with
/// cudaFreeManaged.
void *cudaAllocateManaged(size_t Bytes);
void cudaFreeManaged(void *Block);

/// Whether a kernel can read `P` where it is: device or managed memory.
bool cudaCanAccess(const void *P);

/// Waits for the GPU's work on this thread's stream (before the host reads
/// what kernels wrote).
void cudaSynchronize();

} // namespace tcc::rt

#endif // TCC_RUNTIME_CUDA_H
