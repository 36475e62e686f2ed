// Concurrent calls: updates are serialized (every acc sees a distinct old
// value and none is lost), readers never see a torn or freed value, and
// each thread reads its own last error.
// RUN: %cc -I%tcc_include -I%S/Inputs %s %tcc_libdir/tcc_fake_model.so -lpthread -o %t
// RUN: %t | FileCheck %s --match-full-lines

#include "test_util.h"
#include "thread_problems.h"

#include <pthread.h>
#include <stdlib.h>

enum { Threads = 4, Calls = 2000 };
static unsigned char seen[Threads * Calls + 16];

static void *accumulate(void *arg) {
  (void)arg;
  int64_t one = 1;
  tcc_array x = view(&one, TCC_INT64, 0), outs[2];
  for (int i = 0; i < Calls; ++i) {
    if (tcc_call("acc", &x, 1, outs, 2) != 0) {
      problem(tcc_last_error());
      continue;
    }
    int64_t next = *(int64_t *)outs[1].data;
    int64_t sq = *(int64_t *)outs[0].data;
    if ((next - 1) * (next - 1) != sq)
      problem("sq is not the square of the old value");
    pthread_mutex_lock(&lock);
    if (next - 4 < 0 || next - 4 >= Threads * Calls || seen[next - 4]++)
      problem("old value seen twice or out of range");
    pthread_mutex_unlock(&lock);
    tcc_array_release(&outs[0]);
    tcc_array_release(&outs[1]);
  }
  return NULL;
}

static void *read_shared(void *arg) {
  (void)arg;
  int64_t last = 0;
  for (int i = 0; i < Calls; ++i) {
    tcc_array a;
    if (tcc_shared_get("sh", &a) != 0) {
      problem(tcc_last_error());
      continue;
    }
    int64_t now = *(int64_t *)a.data;
    if (now < last)
      problem("sh went backwards");
    last = now;
    tcc_array_release(&a);
  }
  return NULL;
}

// Fails with a message specific to this thread and checks it reads its own.
static void *fail_repeatedly(void *arg) {
  int which = (int)(intptr_t)arg;
  double d[4] = {0};
  tcc_array x = view(d, TCC_FLOAT64, 1, (int64_t)(which + 1));
  tcc_array outs[2];
  char expect[200];
  snprintf(expect, sizeof expect,
           "addw: argument 0 ('m') must have rank 2, got rank 1 (shape (%d,))",
           which + 1);
  for (int i = 0; i < Calls; ++i) {
    if (tcc_call("addw", &x, 1, outs, 2) == 0 ||
        strcmp(tcc_last_error(), expect) != 0)
      problem("wrong thread-local error");
  }
  return NULL;
}

int main(void) {
  pthread_t t[Threads + 3];
  for (int i = 0; i < Threads; ++i)
    pthread_create(&t[i], NULL, accumulate, NULL);
  pthread_create(&t[Threads], NULL, read_shared, NULL);
  pthread_create(&t[Threads + 1], NULL, fail_repeatedly, (void *)1);
  pthread_create(&t[Threads + 2], NULL, fail_repeatedly, (void *)2);
  for (int i = 0; i < Threads + 3; ++i)
    pthread_join(t[i], NULL);
  print_shared("sh");
  // CHECK:sh shape=() 8003
  printf("problems: %d\n", problems);
  // CHECK-NEXT:problems: 0
  return 0;
}
