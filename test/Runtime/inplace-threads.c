// Concurrency with a kernel that updates a shared variable in place (a real
// tcc model, Inputs/inplace_threads.th): while one thread increments w in
// its own buffer, calls and tcc_shared_get in other threads never see a
// half-updated w (its elements are always equal), values never go
// backwards, and no increment is lost.
// RUN: %tcc %S/Inputs/inplace_threads.th -o %t.so
// RUN: %tcc %S/Inputs/inplace_threads.th --emit=llvm-ir | FileCheck %s --check-prefix=MANIFEST
// RUN: %cc -I%tcc_include -I%S/Inputs %s %t.so -Wl,-rpath,$(dirname %t) -lpthread -o %t
// RUN: %t | FileCheck %s --match-full-lines
// MANIFEST: \22inplace\22:[0]{{.*}}\22name\22:\22inc\22

#include "test_util.h"
#include "thread_problems.h"

#include <pthread.h>
#include <stdlib.h>

enum { Writers = 2, Calls = 300 };

static void *increment(void *arg) {
  (void)arg;
  for (int i = 0; i < Calls; ++i)
    if (tcc_call("inc", NULL, 0, NULL, 0) != 0)
      problem(tcc_last_error());
  return NULL;
}

static void *call_reader(void *arg) {
  (void)arg;
  double last = 0;
  for (int i = 0; i < Calls; ++i) {
    tcc_array outs[2];
    if (tcc_call("spread", NULL, 0, outs, 2) != 0) {
      problem(tcc_last_error());
      continue;
    }
    double spread = *(double *)outs[0].data, low = *(double *)outs[1].data;
    if (spread != 0)
      problem("a call saw a half-updated w");
    if (low < last)
      problem("a call saw w go backwards");
    last = low;
    tcc_array_release(&outs[0]);
    tcc_array_release(&outs[1]);
  }
  return NULL;
}

static void *get_reader(void *arg) {
  (void)arg;
  for (int i = 0; i < Calls; ++i) {
    tcc_array a;
    if (tcc_shared_get("w", &a) != 0) {
      problem(tcc_last_error());
      continue;
    }
    const double *d = (const double *)a.data;
    for (int64_t j = 1; j < a.shape[0]; ++j)
      if (d[j] != d[0]) {
        problem("tcc_shared_get saw a half-updated w");
        break;
      }
    tcc_array_release(&a);
  }
  return NULL;
}

int main(void) {
  pthread_t t[Writers + 2];
  for (int i = 0; i < Writers; ++i)
    pthread_create(&t[i], NULL, increment, NULL);
  pthread_create(&t[Writers], NULL, call_reader, NULL);
  pthread_create(&t[Writers + 1], NULL, get_reader, NULL);
  for (int i = 0; i < Writers + 2; ++i)
    pthread_join(t[i], NULL);
  tcc_array outs[2];
  if (tcc_call("spread", NULL, 0, outs, 2) != 0)
    problem(tcc_last_error());
  printf("w = %g everywhere: %s\n", *(double *)outs[1].data,
         *(double *)outs[0].data == 0 ? "yes" : "no");
  // CHECK:w = 600 everywhere: yes
  tcc_array_release(&outs[0]);
  tcc_array_release(&outs[1]);
  printf("problems: %d\n", problems);
  // CHECK-NEXT:problems: 0
  return 0;
}
