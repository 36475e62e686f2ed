// Concurrent calls into a real compiled model (Inputs/threads_model.th):
// Adders threads each call add(x) Calls times (acc += x, tot += x in place,
// returning the old acc) while a reader thread calls tcc_shared_get and
// `scaled` (which reads acc and tot) and two more threads call `norm2`,
// which has no shared state. The updates are serialized: sorted by the old
// value each call returned, every call starts exactly where the previous
// one ended (no value returned twice, no update lost or torn), and the
// final acc is the exact sum. A reader never sees acc go backwards or the
// in-place tot half-updated or out of step with acc within one call, and
// norm2's results are exact in every thread.
// RUN: %tcc %S/Inputs/threads_model.th -o %t.so
// RUN: %cc -I%tcc_include -I%S/Inputs %s %t.so -Wl,-rpath,$(dirname %t) -lpthread -o %t
// RUN: %t | FileCheck %s --match-full-lines

#include "test_util.h"
#include "thread_problems.h"

#include <pthread.h>
#include <stdlib.h>

enum { Adders = 8, Calls = 2000, Norms = 2, TotSize = 16 };

// What each add call returned (the old acc) and what it added.
typedef struct {
  double old, x;
} Step;
static Step steps[Adders * Calls];
static volatile int adders_done;

static void *add(void *arg) {
  int t = (int)(intptr_t)arg;
  double x = t + 1; // 1 .. Adders: a lost update changes the sum
  tcc_array in = view(&x, TCC_FLOAT64, 0), out;
  for (int i = 0; i < Calls; ++i) {
    Step *s = &steps[t * Calls + i];
    s->x = x;
    s->old = -1;
    if (tcc_call("add", &in, 1, &out, 1) != 0) {
      problem(tcc_last_error());
      continue;
    }
    if (out.rank != 0 || out.dtype != TCC_FLOAT64)
      problem("add: wrong result type");
    else
      s->old = *(double *)out.data;
    tcc_array_release(&out);
  }
  return NULL;
}

static int compare_steps(const void *a, const void *b) {
  double x = ((const Step *)a)->old, y = ((const Step *)b)->old;
  return (x > y) - (x < y);
}

static double total(void) {
  double sum = 0;
  for (int t = 0; t < Adders; ++t)
    sum += (double)(t + 1) * Calls;
  return sum;
}

// tcc_shared_get of acc and tot, and calls of scaled(1) = (acc, min(tot),
// max(tot)), until the adders are done.
static void *read_shared(void *arg) {
  (void)arg;
  double last_acc = 0, last_tot = 0;
  int reads = 0;
  while (!__atomic_load_n(&adders_done, __ATOMIC_ACQUIRE) || reads < 100) {
    ++reads;
    tcc_array a;
    if (tcc_shared_get("acc", &a) != 0) {
      problem(tcc_last_error());
      continue;
    }
    double acc = *(double *)a.data;
    tcc_array_release(&a);
    if (acc < last_acc || acc > total())
      problem("tcc_shared_get: acc went backwards or out of range");
    last_acc = acc;

    if (tcc_shared_get("tot", &a) != 0) {
      problem(tcc_last_error());
      continue;
    }
    if (a.rank != 1 || a.shape[0] != TotSize) {
      problem("tcc_shared_get: tot has the wrong shape");
    } else {
      const double *p = a.data;
      for (int i = 1; i < TotSize; ++i)
        if (p[i] != p[0])
          problem("tcc_shared_get: tot half-updated");
      if (p[0] < last_tot)
        problem("tcc_shared_get: tot went backwards");
      last_tot = p[0];
    }
    tcc_array_release(&a);

    double one = 1;
    tcc_array in = view(&one, TCC_FLOAT64, 0), outs[3];
    if (tcc_call("scaled", &in, 1, outs, 3) != 0) {
      problem(tcc_last_error());
      continue;
    }
    double sacc = *(double *)outs[0].data, lo = *(double *)outs[1].data,
           hi = *(double *)outs[2].data;
    if (lo != hi)
      problem("scaled: tot half-updated");
    if (sacc != lo)
      problem("scaled: acc and tot from different calls of add");
    if (sacc < last_acc)
      problem("scaled: acc went backwards");
    for (int i = 0; i < 3; ++i)
      tcc_array_release(&outs[i]);
  }
  return NULL;
}

// norm2(v, s) = (sum(v * v) * s, v + s) for per-thread v of varying length;
// every value is an integer well below 2^53, so the results are exact.
static void *call_norm2(void *arg) {
  int t = (int)(intptr_t)arg;
  double v[64];
  for (int i = 0; i < Calls; ++i) {
    int64_t n = 1 + (i * 7 + t) % 64;
    double s = t * 1000 + i, expect = 0;
    for (int j = 0; j < n; ++j) {
      v[j] = t * 100 + j - i % 50;
      expect += v[j] * v[j];
    }
    expect *= s;
    tcc_array in[2] = {view(v, TCC_FLOAT64, 1, n), view(&s, TCC_FLOAT64, 0)};
    tcc_array outs[2];
    if (tcc_call("norm2", in, 2, outs, 2) != 0) {
      problem(tcc_last_error());
      continue;
    }
    if (*(double *)outs[0].data != expect)
      problem("norm2: wrong sum");
    if (outs[1].rank != 1 || outs[1].shape[0] != n) {
      problem("norm2: wrong shape");
    } else {
      for (int j = 0; j < n; ++j)
        if (((double *)outs[1].data)[j] != v[j] + s)
          problem("norm2: wrong v + s");
    }
    tcc_array_release(&outs[0]);
    tcc_array_release(&outs[1]);
  }
  return NULL;
}

int main(void) {
  printf("threads=%d calls=%d\n", Adders, Calls);
  // CHECK:threads=8 calls=2000
  pthread_t adders[Adders], others[1 + Norms];
  for (int t = 0; t < Adders; ++t)
    pthread_create(&adders[t], NULL, add, (void *)(intptr_t)t);
  pthread_create(&others[0], NULL, read_shared, NULL);
  for (int t = 0; t < Norms; ++t)
    pthread_create(&others[1 + t], NULL, call_norm2, (void *)(intptr_t)t);
  for (int t = 0; t < Adders; ++t)
    pthread_join(adders[t], NULL);
  __atomic_store_n(&adders_done, 1, __ATOMIC_RELEASE);
  for (int t = 0; t < 1 + Norms; ++t)
    pthread_join(others[t], NULL);

  // Linearizability of add: sorted by old value, each call's old value is
  // the previous one's plus what the previous one added.
  qsort(steps, Adders * Calls, sizeof(Step), compare_steps);
  int distinct = 1, chained = steps[0].old == 0;
  for (int i = 1; i < Adders * Calls; ++i) {
    distinct += steps[i].old != steps[i - 1].old;
    chained &= steps[i].old == steps[i - 1].old + steps[i - 1].x;
  }
  double end = steps[Adders * Calls - 1].old + steps[Adders * Calls - 1].x;
  printf("distinct old values: %d, chained: %s\n", distinct,
         chained ? "yes" : "no");
  // CHECK-NEXT:distinct old values: 16000, chained: yes
  printf("expected sum: %.17g, last old + x: %.17g\n", total(), end);
  // CHECK-NEXT:expected sum: 72000, last old + x: 72000

  print_shared("acc");
  // CHECK-NEXT:acc shape=() 72000
  print_shared("tot");
  // CHECK-NEXT:tot shape=(16,) [72000 72000 72000 72000 72000 72000 72000 72000 72000 72000 72000 72000 72000 72000 72000 72000]
  printf("problems: %d\n", problems);
  // CHECK-NEXT:problems: 0
  return 0;
}
