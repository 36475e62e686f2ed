//===- BufferPool.h - Large buffers kept for the next call ------*- C++ -*-===//
//
// A training step allocates the same large buffers on every call (outputs,
// new values of shared variables, temporaries). glibc maps blocks above its
// mmap threshold (at most 32 MiB) afresh each time and unmaps them on free,
// so every call would fault in and zero every page of them again: for an
// elementwise op on 1e7 doubles that costs more than the op itself. Smaller
// blocks on the heap fare little better: freeing a step's temporaries
// leaves a free top of the heap above glibc's trim threshold, which it
// gives back, and the next step faults it in again (an MLP step on a batch
// of 60 spent 10% of its time there). The pool
// keeps freed blocks of at least `kPoolMinBytes` (up to a total of
// $TCC_BUFFER_CACHE_MB MiB, 1024 by default, 0 turns it off) and hands them
// out again for requests of the same size class. Thread-safe.
//
// Every buffer the runtime or a kernel allocates comes from poolAllocate and
// goes back through poolFree (never std::free: a pooled block freed behind
// the pool's back would stay registered as the pool's).
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_BUFFERPOOL_H
#define TCC_RUNTIME_BUFFERPOOL_H

#include <cstddef>
#include <cstdint>

namespace tcc::rt {

/// Blocks smaller than this are malloc's business: they stay below glibc's
/// trim and mmap thresholds (128 KiB at first).
constexpr size_t kPoolMinBytes = size_t(64) << 10;

/// `Bytes` bytes aligned to `Alignment` (a power of two), or null when
/// there is no memory (or the size overflows).
void *poolAllocate(size_t Alignment, size_t Bytes);

/// Frees a block from poolAllocate (or null).
void poolFree(void *P);

/// From now on every block comes from CUDA managed memory (a model compiled
/// with --device=cuda: its kernels and the host read the same buffers).
void useManagedMemory();

/// Bytes the pool holds for reuse now (for tests and the profile).
uint64_t poolCachedBytes();

} // namespace tcc::rt

#endif // TCC_RUNTIME_BUFFERPOOL_H
