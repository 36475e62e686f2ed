/* Trains seed 002's logistic regression through the model library's C API:
 * no Python, no compiler at run time. The data set is one of the model's
 * shared variables (made at compile time from NumPy's RandomState(0)).
 *
 *   logistic_regression_main [STEPS]      (default 10000)
 */
#include "logistic_regression.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int status, const char *what) {
  if (status != TCC_OK) {
    fprintf(stderr, "%s failed: %s\n", what, tcc_last_error());
    exit(1);
  }
}

/* The cost the seed minimizes: mean(xent) + 0.01 * sum(w**2), with the
   current w (the step's xent was computed before its update). */
static double cost(const tcc_array *xent) {
  tcc_array w;
  check(tcc_shared_get("w", &w), "tcc_shared_get(w)");
  double mean = 0, l2 = 0;
  for (int64_t i = 0; i < xent->shape[0]; ++i)
    mean += ((const double *)xent->data)[i];
  mean /= (double)xent->shape[0];
  for (int64_t i = 0; i < w.shape[0]; ++i) {
    double v = ((const double *)w.data)[i];
    l2 += v * v;
  }
  tcc_array_release(&w);
  return mean + 0.01 * l2;
}

static double accuracy(const tcc_array *prediction, const tcc_array *y) {
  int64_t right = 0;
  for (int64_t i = 0; i < y->shape[0]; ++i)
    right += ((const uint8_t *)prediction->data)[i] ==
             (((const double *)y->data)[i] != 0.0);
  return (double)right / (double)y->shape[0];
}

int main(int argc, char **argv) {
  long steps = argc > 1 ? strtol(argv[1], NULL, 10) : 10000;
  tcc_array data[2];
  check(tcc_shared_get("data_x", &data[0]), "tcc_shared_get(data_x)");
  check(tcc_shared_get("data_y", &data[1]), "tcc_shared_get(data_y)");
  printf("training on %lld examples with %lld features for %ld steps\n",
         (long long)data[0].shape[0], (long long)data[0].shape[1], steps);

  tcc_array outputs[2];
  double last_cost = NAN;
  for (long step = 1; step <= steps; ++step) {
    check(tcc_fn_train(data, outputs), "train");
    /* train's outputs are computed from the weights before this step's
       update, as in Theano. */
    last_cost = cost(&outputs[1]);
    if (step % 1000 == 0 || step == steps || step == 1)
      printf("step %5ld  cost %.6f  accuracy %.4f\n", step, last_cost,
             accuracy(&outputs[0], &data[1]));
    tcc_array_release(&outputs[0]);
    tcc_array_release(&outputs[1]);
  }

  tcc_array prediction;
  check(tcc_fn_predict(data, &prediction), "predict");
  printf("final cost %.6f\nfinal accuracy %.4f\n", last_cost,
         accuracy(&prediction, &data[1]));
  tcc_array_release(&prediction);
  tcc_array_release(&data[0]);
  tcc_array_release(&data[1]);
  return 0;
}
