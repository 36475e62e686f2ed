/*===- empty_model.c - A model object with no functions -------------------===*\
|*                                                                            *|
|* Without tcc_fn_* wrappers nothing references the runtime, so the archive   *|
|* contributes nothing unless the link asks for tcc_manifest explicitly.      *|
\*===----------------------------------------------------------------------===*/

#include <stdint.h>

#define HIDDEN __attribute__((visibility("hidden")))

HIDDEN const char __tcc_manifest[] =
    "{\"tcc_abi\": 1, \"model\": \"empty\", \"shared\": [{\"name\": \"k\", "
    "\"dtype\": \"int32\", \"broadcastable\": [false], \"shape\": [2], "
    "\"offset\": 0}], \"functions\": []}";
HIDDEN __attribute__((aligned(64))) const int32_t __tcc_data[16] = {7, 8};
HIDDEN uint64_t __tcc_data_size = sizeof(__tcc_data);
HIDDEN void *__tcc_kernels[1] = {0};
