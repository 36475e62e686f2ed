/*===- thread_problems.h - Counting failures seen by test threads -*- C -*-===*\
|*                                                                          *|
|* Threads report what they saw go wrong with problem(); the first ten are  *|
|* printed, and main prints the count, which the tests check is 0.          *|
\*===----------------------------------------------------------------------===*/

#ifndef TCC_THREAD_PROBLEMS_H
#define TCC_THREAD_PROBLEMS_H

#include <pthread.h>
#include <stdio.h>

static int problems;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void problem(const char *what) {
  pthread_mutex_lock(&lock);
  if (problems++ < 10)
    printf("problem: %s\n", what);
  pthread_mutex_unlock(&lock);
}

#endif // TCC_THREAD_PROBLEMS_H
