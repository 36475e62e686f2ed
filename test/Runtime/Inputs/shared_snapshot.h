/*===- shared_snapshot.h - Checking that a call changed no state -*- C -*-===*\
|*                                                                          *|
|* The tests of failed calls take a snapshot of the model's shared         *|
|* variables before the call and compare it with their values after.       *|
\*===----------------------------------------------------------------------===*/

#ifndef TCC_SHARED_SNAPSHOT_H
#define TCC_SHARED_SNAPSHOT_H

#include "test_util.h"

#include <stdlib.h>

/* Copies of the `n` shared variables `names` into `before`. */
static void snapshot_shared(const char *const *names, int n,
                            tcc_array *before) {
  for (int i = 0; i < n; ++i)
    if (tcc_shared_get(names[i], &before[i]) != 0) {
      print_status(1);
      exit(1);
    }
}

/* Prints a line for each shared variable whose dtype, shape or bytes differ
 * from the snapshot, and releases the snapshot. */
static void check_shared_unchanged(const char *const *names, int n,
                                   tcc_array *before) {
  for (int i = 0; i < n; ++i) {
    tcc_array now;
    if (tcc_shared_get(names[i], &now) != 0) {
      print_status(1);
      exit(1);
    }
    int64_t bytes = tcc_dtype_size(now.dtype);
    for (int d = 0; d < now.rank; ++d)
      bytes *= now.shape[d];
    if (now.dtype != before[i].dtype || now.rank != before[i].rank ||
        memcmp(now.shape, before[i].shape, sizeof now.shape) != 0 ||
        memcmp(now.data, before[i].data, (size_t)bytes) != 0)
      printf("SHARED CHANGED: %s\n", names[i]);
    tcc_array_release(&now);
    tcc_array_release(&before[i]);
  }
}

#endif /* TCC_SHARED_SNAPSHOT_H */
