//===- Call.h - Calling a compiled Theano function --------------*- C++ -*-===//

#ifndef TCC_RUNTIME_CALL_H
#define TCC_RUNTIME_CALL_H

#include "tcc/tcc.h"

namespace tcc::rt {

int callByName(const char *Name, const tcc_array *Inputs, int32_t NumInputs,
               tcc_array *Outputs, int32_t NumOutputs);
int callByIndex(int32_t Index, const tcc_array *Inputs, int32_t NumInputs,
                tcc_array *Outputs, int32_t NumOutputs);

} // namespace tcc::rt

#endif // TCC_RUNTIME_CALL_H
