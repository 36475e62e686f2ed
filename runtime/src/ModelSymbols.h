//===- ModelSymbols.h - Symbols the generated object defines ----*- C++ -*-===//
//
// The runtime is linked into each model library together with the object
// `tcc` generated; these are that object's definitions (docs/ABI.md). They
// are hidden in the same shared library, so declaring them hidden lets the
// compiler address them PC-relative and keeps them out of the dynamic table.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_MODELSYMBOLS_H
#define TCC_RUNTIME_MODELSYMBOLS_H

#include <cstdint>

#define TCC_HIDDEN __attribute__((visibility("hidden")))

extern "C" {
TCC_HIDDEN extern const char __tcc_manifest[];
TCC_HIDDEN extern const uint8_t __tcc_data[];
TCC_HIDDEN extern uint64_t __tcc_data_size;
/// One kernel per manifest function, in manifest order; each is a
/// `void (*)(void *results, void **args)`.
TCC_HIDDEN extern void *__tcc_kernels[];
/// `tcc --debug-mode`: each function compiled at -O0, in the same order
/// and calling convention (weak: libraries built otherwise may lack it).
TCC_HIDDEN extern void *__tcc_reference_kernels[] __attribute__((weak));
}

namespace tcc::rt {
using KernelFn = void (*)(void *Results, void **Args);
} // namespace tcc::rt

#endif // TCC_RUNTIME_MODELSYMBOLS_H
