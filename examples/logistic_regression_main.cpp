// Seed 002's logistic regression trained from C++ through the generated
// wrappers (namespace logistic_regression) and tcc/tcc.hpp: RAII results,
// exceptions for errors. Prints what logistic_regression_main (C) prints.
//
//   logistic_regression_main_cpp [STEPS]      (default 10000)

#include "logistic_regression.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

// The seed's cost, mean(xent) + 0.01 * sum(w**2), with the current w.
static double cost(const tcc::Array &xent) {
  double mean = 0, l2 = 0;
  for (double v : xent.toVector<double>())
    mean += v;
  mean /= double(xent.size());
  for (double v : tcc::getValue("w").toVector<double>())
    l2 += v * v;
  return mean + 0.01 * l2;
}

static double accuracy(const tcc::Array &prediction,
                       const std::vector<double> &y) {
  std::vector<bool> predicted = prediction.toVector<bool>();
  long right = 0;
  for (size_t i = 0; i < y.size(); ++i)
    right += predicted[i] == (y[i] != 0.0);
  return double(right) / double(y.size());
}

int main(int argc, char **argv) try {
  long steps = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 10000;
  tcc::Array x = tcc::getValue("data_x"), y = tcc::getValue("data_y");
  std::vector<double> labels = y.toVector<double>();
  std::printf("training on %lld examples with %lld features for %ld steps\n",
              (long long)x.shape(0), (long long)x.shape(1), steps);

  double lastCost = NAN;
  for (long step = 1; step <= steps; ++step) {
    // train's outputs come from the weights before this step's update.
    auto [prediction, xent] = logistic_regression::train(x, y);
    lastCost = cost(xent);
    if (step % 1000 == 0 || step == steps || step == 1)
      std::printf("step %5ld  cost %.6f  accuracy %.4f\n", step, lastCost,
                  accuracy(prediction, labels));
  }
  tcc::Array prediction = logistic_regression::predict(x);
  std::printf("final cost %.6f\nfinal accuracy %.4f\n", lastCost,
              accuracy(prediction, labels));
  return 0;
} catch (const tcc::Error &e) {
  std::fprintf(stderr, "error: %s\n", e.what());
  return 1;
}
