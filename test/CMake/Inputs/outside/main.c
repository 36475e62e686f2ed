/* The same model from C: one step, through tcc_fn_train. */
#include "regression_model.h"

#include <stdio.h>

int main(void) {
  float x[4][2] = {{1, 0}, {0, 1}, {1, 1}, {2, 1}};
  float y[4] = {2, -1, 1, 3};
  tcc_array in[TCC_FN_train_INPUTS] = {
      {x, TCC_FLOAT32, 2, {4, 2}, {8, 4}, 0},
      {y, TCC_FLOAT32, 1, {4}, {4}, 0}};
  tcc_array out[TCC_FN_train_OUTPUTS];
  if (tcc_fn_train(in, out) != TCC_OK) {
    fprintf(stderr, "error: %s\n", tcc_last_error());
    return 1;
  }
  printf("first cost %.6f\n", *(const float *)out[0].data);
  tcc_array_release(&out[0]);
  return 0;
}
