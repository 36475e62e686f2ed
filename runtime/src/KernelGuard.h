//===- KernelGuard.h - Running a kernel that may stop half-way --*- C++ -*-===//
//
// A kernel that reads an index at run time checks it where it reads it and,
// when it is out of bounds, calls the runtime's __tcc_index_error, which
// does not return into the kernel: the call ends there. The generated code
// also allocates through the runtime (`_mlir_memref_to_llvm_alloc`), so the
// buffers of a kernel stopped half-way are freed, and a failed allocation
// becomes an error status rather than a null pointer the kernel would write
// through.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_KERNELGUARD_H
#define TCC_RUNTIME_KERNELGUARD_H

#include "Manifest.h"
#include "ModelSymbols.h"

namespace tcc::rt {

/// Runs `Kernel` for function `F`. Returns TCC_OK when it finished, or an
/// error status with the message recorded (an index out of bounds, memory
/// exhausted) when it stopped; then every buffer it allocated is freed and
/// `Results` holds nothing to take.
int runKernel(const Manifest &M, const FunctionSpec &F, KernelFn Kernel,
              void *Results, void **Args);

/// Stops the kernel this thread is running (from a runtime entry point the
/// kernel called): the call fails with `Status` and "<function>: <Message>".
/// Nothing with a destructor may be live in the caller's frames.
[[noreturn]] void stopKernel(int Status, const char *Message);

} // namespace tcc::rt

#endif // TCC_RUNTIME_KERNELGUARD_H
