// Trains the model 100 steps on y = 2 x0 - x1 and prints the weights.
#include "regression_model.h"

#include <cstdio>

int main() try {
  float x[4][2] = {{1, 0}, {0, 1}, {1, 1}, {2, 1}};
  float y[4] = {2, -1, 1, 3};
  float cost = 0;
  for (int step = 0; step < 100; ++step)
    cost = regression::train(tcc::ArrayRef(&x[0][0], {4, 2}),
                             tcc::ArrayRef(y, {4}))
               .item<float>();
  std::vector<float> w = tcc::getValue("w").toVector<float>();
  std::printf("cost %.6f w %.4f %.4f\n", cost, w[0], w[1]);
  return 0;
} catch (const tcc::Error &e) {
  std::fprintf(stderr, "error: %s\n", e.what());
  return 1;
}
