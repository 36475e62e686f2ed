/*===- bad_model.c - A model object whose manifest the runtime refuses ----===*\
|*                                                                            *|
|* Claims ABI version 2, so every call must fail with a clear message rather  *|
|* than misread the manifest.                                                 *|
\*===----------------------------------------------------------------------===*/

#include "tcc/tcc.h"

#include <stdlib.h>

#define HIDDEN __attribute__((visibility("hidden")))

HIDDEN const char __tcc_manifest[] =
    "{\"tcc_abi\": 2, \"model\": \"bad\", \"shared\": [], \"functions\": [{"
    "\"name\": \"f\", \"inputs\": [], \"reads\": [], \"outputs\": [], "
    "\"updates\": []}]}";
HIDDEN __attribute__((aligned(64))) const uint8_t __tcc_data[64] = {0};
HIDDEN uint64_t __tcc_data_size = sizeof(__tcc_data);

HIDDEN void __tcc_kernel_0(void *results, void **args) {
  (void)results;
  (void)args;
  abort();
}

HIDDEN void *__tcc_kernels[] = {(void *)__tcc_kernel_0};

int tcc_fn_f(const tcc_array *inputs, tcc_array *outputs) {
  return tcc_call_index(0, inputs, 0, outputs, 0);
}
