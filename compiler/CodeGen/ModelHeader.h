//===- ModelHeader.h - The C/C++ header of a model library ------*- C++ -*-===//
//
// `tcc --emit=header`: one documented `tcc_fn_<name>` declaration per Theano
// function, and for C++ typed wrappers over tcc/tcc.hpp in a namespace named
// after the model.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_CODEGEN_MODELHEADER_H
#define TCC_CODEGEN_MODELHEADER_H

#include "CodeGen/Manifest.h"

#include "llvm/Support/raw_ostream.h"

namespace tcc {

void printModelHeader(llvm::raw_ostream &os, const ModelManifest &manifest);

} // namespace tcc

#endif // TCC_CODEGEN_MODELHEADER_H
