/*===- test_util.h - Helpers for the runtime's C tests ----------*- C -*-===*\
|*                                                                          *|
|* Building tcc_array views and printing results in a stable format that   *|
|* the tests FileCheck.                                                     *|
\*===----------------------------------------------------------------------===*/

#ifndef TCC_TEST_UTIL_H
#define TCC_TEST_UTIL_H

#include "tcc/tcc.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A C-contiguous view of `data` with the given shape. */
static tcc_array view(void *data, int32_t dtype, int32_t rank, ...) {
  tcc_array a;
  memset(&a, 0, sizeof a);
  a.data = data;
  a.dtype = dtype;
  a.rank = rank;
  va_list ap;
  va_start(ap, rank);
  for (int i = 0; i < rank && i < TCC_MAX_RANK; ++i)
    a.shape[i] = va_arg(ap, int64_t);
  va_end(ap);
  int64_t s = tcc_dtype_size(dtype);
  for (int i = rank - 1; i >= 0; --i) {
    a.strides[i] = s;
    // Unsigned: tests build views with absurd shapes on purpose.
    s = (int64_t)((uint64_t)s * (uint64_t)a.shape[i]);
  }
  return a;
}

static void print_element(const tcc_array *a, const char *p) {
  switch (a->dtype) {
  case TCC_BOOL:
    printf("%s", *(const uint8_t *)p ? "true" : "false");
    break;
  case TCC_INT32:
    printf("%" PRId32, *(const int32_t *)p);
    break;
  case TCC_INT64:
    printf("%" PRId64, *(const int64_t *)p);
    break;
  case TCC_FLOAT32:
    printf("%g", *(const float *)p);
    break;
  case TCC_FLOAT64:
    printf("%g", *(const double *)p);
    break;
  default:
    printf("?");
  }
}

typedef void (*element_printer)(const tcc_array *a, const char *p);

/* Prints the elements as nested lists, "[[1 2 3] [4 5 6]]", following the
 * strides; `element` prints one. */
static void print_nested(const tcc_array *a, const char *p, int dim,
                         element_printer element) {
  if (dim == a->rank) {
    element(a, p);
    return;
  }
  printf("[");
  for (int64_t i = 0; i < a->shape[dim]; ++i) {
    if (i)
      printf(" ");
    print_nested(a, p + i * a->strides[dim], dim + 1, element);
  }
  printf("]");
}

/* Prints the shape as Python does: "(2, 3)", "(3,)", "()". */
static void print_shape(const tcc_array *a) {
  printf("(");
  for (int i = 0; i < a->rank; ++i)
    printf(i ? ", %" PRId64 : "%" PRId64, a->shape[i]);
  printf(a->rank == 1 ? ",)" : ")");
}

/* Prints "<label> shape=(2, 3) [[1 2 3] [4 5 6]]". */
static void print_array(const char *label, const tcc_array *a) {
  printf("%s shape=", label);
  print_shape(a);
  printf(" ");
  print_nested(a, (const char *)a->data, 0, print_element);
  printf("\n");
}

/* Checks that a result is owned and C-contiguous, as the runtime promises. */
static int check_owned(const tcc_array *a) {
  int64_t s = tcc_dtype_size(a->dtype);
  if (!a->owner)
    return 0;
  for (int i = a->rank - 1; i >= 0; --i) {
    if (a->strides[i] != s)
      return 0;
    s *= a->shape[i];
  }
  return 1;
}

typedef void (*array_printer)(const char *label, const tcc_array *a);

/* Prints each output with `print` (labelled "fn[i]"), checks it is owned,
 * releases it. */
static void print_outputs_with(const char *fn, tcc_array *outs, int n,
                               array_printer print) {
  for (int i = 0; i < n; ++i) {
    char label[64];
    snprintf(label, sizeof label, "%s[%d]", fn, i);
    print(label, &outs[i]);
    if (!check_owned(&outs[i]))
      printf("%s: NOT OWNED/CONTIGUOUS\n", label);
    tcc_array_release(&outs[i]);
  }
}

static void print_outputs(const char *fn, tcc_array *outs, int n) {
  print_outputs_with(fn, outs, n, print_array);
}

/* Prints the status and message of a call expected to fail. */
static void print_status(int status) {
  printf("status=%d: %s\n", status, status ? tcc_last_error() : "ok");
}

/* Prints a shared variable. */
static void print_shared(const char *name) {
  tcc_array a;
  int status = tcc_shared_get(name, &a);
  if (status) {
    print_status(status);
    return;
  }
  print_array(name, &a);
  if (!check_owned(&a))
    printf("%s: NOT OWNED/CONTIGUOUS\n", name);
  tcc_array_release(&a);
}

#endif /* TCC_TEST_UTIL_H */
