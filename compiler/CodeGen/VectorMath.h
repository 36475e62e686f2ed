//===- VectorMath.h - Vector variants of the math functions -----*- C++ -*-===//
//
// Elementwise kernels call exp, sin, tanh, ... once per element. LLVM's loop
// vectorizer can call a vector variant instead when the target library info
// names one: glibc's libmvec has them (SSE, AVX2 and AVX-512 variants, at most
// 4 ulp from the scalar functions), but LLVM's preset for it lists only sin,
// cos, tan, exp, log and pow, and offers AVX2 variants to targets without
// AVX2. This builds the list from what libmvec exports and what the target
// machine can run.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_CODEGEN_VECTORMATH_H
#define TCC_CODEGEN_VECTORMATH_H

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Target/TargetMachine.h"

namespace tcc {

/// Target library info for `tm` with libmvec's vector functions that its
/// instruction set can run (none where the target is not x86-64 Linux).
llvm::TargetLibraryInfoImpl
createVectorMathLibraryInfo(const llvm::TargetMachine &tm);

} // namespace tcc

#endif // TCC_CODEGEN_VECTORMATH_H
