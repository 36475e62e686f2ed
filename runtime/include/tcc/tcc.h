/*===- tcc.h - C API of a model library compiled by tcc ---------*- C -*-===*\
|*                                                                           *|
|* A model library (`tcc model.th -o model.so`) exports exactly these        *|
|* functions (plus one `tcc_fn_<name>` per Theano function, declared by      *|
|* `tcc --emit=header`). All functions return 0 on success and a nonzero     *|
|* status on error; `tcc_last_error()` then describes it (thread-local).     *|
|* A failed call never changes any shared variable.                          *|
|*                                                                           *|
\*===----------------------------------------------------------------------===*/

#ifndef TCC_TCC_H
#define TCC_TCC_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(TCC_RUNTIME_BUILD)
#define TCC_API __attribute__((visibility("default")))
#else
#define TCC_API
#endif

/* Element types. Values are part of the ABI (and of the manifest's names). */
typedef enum tcc_dtype {
  TCC_BOOL = 0, /* one byte, 0 or 1 */
  TCC_INT8 = 1,
  TCC_INT16 = 2,
  TCC_INT32 = 3,
  TCC_INT64 = 4,
  TCC_UINT8 = 5,
  TCC_UINT16 = 6,
  TCC_UINT32 = 7,
  TCC_UINT64 = 8,
  TCC_FLOAT32 = 9,
  TCC_FLOAT64 = 10,
  TCC_COMPLEX64 = 11,  /* two float32: real part, then imaginary part */
  TCC_COMPLEX128 = 12, /* two float64, likewise (NumPy's layout) */
} tcc_dtype;

enum { TCC_MAX_RANK = 8 };

/* Status codes. */
enum {
  TCC_OK = 0,
  TCC_ERROR_ARGUMENT = 1,  /* bad dtype, rank, shape, null pointer, count */
  TCC_ERROR_NOT_FOUND = 2, /* unknown function or shared variable name */
  TCC_ERROR_MEMORY = 3,
  TCC_ERROR_IO = 4,
  TCC_ERROR_INTERNAL = 5,
  TCC_ERROR_INDEX = 6,  /* an index the kernel read is out of bounds */
  TCC_ERROR_VALUE = 7,  /* a value the kernel read is outside an op's domain
                           (a binomial p outside [0, 1], ...) */
  TCC_ERROR_DEVICE = 8, /* the model's GPU cannot be used: no CUDA driver,
                           no such device, a CUDA call that failed */
};

/* A strided n-d array. As an input it is a view the caller owns (`owner` is
 * ignored). As a result the runtime fills it and sets `owner`; release it
 * with tcc_array_release. Strides are in bytes; a rank-0 array is a scalar. */
typedef struct tcc_array {
  void *data;
  int32_t dtype; /* tcc_dtype */
  int32_t rank;
  int64_t shape[TCC_MAX_RANK];
  int64_t strides[TCC_MAX_RANK];
  void *owner;
} tcc_array;

/* The model's manifest (JSON, see docs/ABI.md): functions, inputs, outputs,
 * dtypes, ranks, shared variables. Static storage; never freed. */
TCC_API const char *tcc_manifest(void);

/* Message of the last failed call on this thread ("" if none). */
TCC_API const char *tcc_last_error(void);

/* Calls the Theano function `name`. `inputs` holds `num_inputs` arrays in the
 * function's input order; trailing inputs with default values may be left
 * out. `outputs` receives exactly the function's number of outputs. */
TCC_API int tcc_call(const char *name, const tcc_array *inputs,
                     int32_t num_inputs, tcc_array *outputs,
                     int32_t num_outputs);

/* Like tcc_call, for the function at `index` in the manifest's order (what
 * the generated tcc_fn_<name> wrappers call). */
TCC_API int tcc_call_index(int32_t index, const tcc_array *inputs,
                           int32_t num_inputs, tcc_array *outputs,
                           int32_t num_outputs);

/* An input whose `rank` is TCC_USE_DEFAULT takes that input's default value
 * (Theano's In(x, value=...)), so an input before the last one can be left
 * out too; its other fields are ignored. */
enum { TCC_USE_DEFAULT = -1 };

/* Shared variables by name: get returns a copy (release it); set copies the
 * value in after checking dtype, rank and broadcastable dimensions. */
TCC_API int tcc_shared_get(const char *name, tcc_array *out);
TCC_API int tcc_shared_set(const char *name, const tcc_array *value);

/* Resets every shared variable to the value it was compiled with. */
TCC_API int tcc_shared_reset(void);

/* Saves / restores all shared variables as a NumPy .npz file (atomically:
 * written to a temporary file then renamed). */
TCC_API int tcc_shared_save(const char *path);
TCC_API int tcc_shared_load(const char *path);

/* Releases a result array (no-op on an array without owner). */
TCC_API void tcc_array_release(tcc_array *array);

/* Profiling (a library compiled with `tcc --profile`; for any other
 * library these return TCC_ERROR_ARGUMENT). The report covers every call
 * since the library was loaded or last reset: per function, its calls and
 * time, the peak of kernel buffers live in a call, and its kernels by time
 * with their calls, time, bytes allocated and source lines. `*report`
 * receives a NUL-terminated string the caller frees with
 * tcc_string_release. A program that asks for a report takes charge of
 * it; otherwise the library prints one when the process exits (to stderr,
 * or to the file $TCC_PROFILE_OUTPUT names, JSON if it ends in .json;
 * "none" for no report). */
enum { TCC_PROFILE_TEXT = 0, TCC_PROFILE_JSON = 1 };
TCC_API int tcc_profile_report(int32_t format, char **report);
TCC_API int tcc_profile_reset(void);
TCC_API void tcc_string_release(char *string);

/* Size in bytes of one element of `dtype` (0 for an unknown dtype). */
TCC_API int64_t tcc_dtype_size(int32_t dtype);

#ifdef __cplusplus
}
#endif

#endif /* TCC_TCC_H */
