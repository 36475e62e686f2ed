// The C++ wrapper (tcc/tcc.hpp) and the generated per-model functions on
// cxx_model.th: views of any layout, defaults, several outputs, no output,
// RAII results, shared variables, checkpoints and errors as exceptions.
#include "cxx_model.h"

#include <cstdio>
#include <string>
#include <vector>

static void print(const char *what, const std::vector<double> &v) {
  std::printf("%s:", what);
  for (double d : v)
    std::printf(" %g", d);
  std::printf("\n");
}

int main(int, char **argv) {
  std::string checkpoint = argv[1];
  double xs[] = {1, 2, 3};
  // Two outputs, the default scale (2), then an explicit scalar.
  auto [y, s] = cxx_model::affine(tcc::ArrayRef(xs, {3}));
  print("affine", y.toVector<double>());
  std::printf("sum %g\n", s.item<double>());
  print("scaled", cxx_model::affine(std::vector<double>{1, 1, 1}, 10.0)[0]
                      .toVector<double>());

  // A strided view: every second element of six.
  double six[] = {1, -1, 2, -1, 3, -1};
  tcc::ArrayRef every2(six, {3}, {2 * sizeof(double)});
  print("strided", cxx_model::affine(every2, 1.0)[0].toVector<double>());

  // A transposed int32 matrix: sums of the rows of [[1, 2], [3, 4], [5, 6]]^T.
  int32_t m[] = {1, 2, 3, 4, 5, 6};
  tcc::ArrayRef transposed(m, {2, 3}, {sizeof(int32_t), 2 * sizeof(int32_t)});
  tcc::Array rows = cxx_model::total(transposed);
  std::printf("rows dtype %s:", tcc::dtypeName(rows.dtype()));
  for (int64_t v : rows.toVector<int64_t>())
    std::printf(" %lld", (long long)v);
  std::printf(" (at {1}: %lld)\n", (long long)rows.at<int64_t>({1}));

  // No outputs; updates commit.
  tcc::save(checkpoint);
  cxx_model::step(std::vector<double>{2, 2, 2});
  print("w after step", tcc::getValue("w").toVector<double>());
  std::printf("count %lld\n", (long long)tcc::getValue("count").item<int64_t>());
  tcc::load(checkpoint);
  print("w after load", tcc::getValue("w").toVector<double>());
  tcc::setValue("w", std::vector<double>{0, 0, 0});
  print("w after set", tcc::getValue("w").toVector<double>());
  tcc::reset();
  print("w after reset", tcc::getValue("w").toVector<double>());

  // Errors are exceptions with the runtime's message; nothing changes.
  try {
    cxx_model::step(std::vector<double>{1, 2});
  } catch (const tcc::Error &e) {
    std::printf("error %d: %s\n", e.status(), e.what());
  }
  print("w unchanged", tcc::getValue("w").toVector<double>());
  try {
    cxx_model::total(tcc::ArrayRef(xs, {1, 3}));
  } catch (const tcc::Error &e) {
    std::printf("error %d: %s\n", e.status(), e.what());
  }
  try {
    tcc::setValue("nope", 1.0);
  } catch (const tcc::Error &e) {
    std::printf("error %d: %s\n", e.status(), e.what());
  }
  try {
    rows.item<double>();
  } catch (const tcc::Error &e) {
    std::printf("error %d: %s\n", e.status(), e.what());
  }
  try {
    rows.at<int64_t>({2});
  } catch (const tcc::Error &e) {
    std::printf("error %d: %s\n", e.status(), e.what());
  }
  // Moving a result transfers ownership (no double release).
  tcc::Array moved = std::move(rows);
  std::printf("moved size %lld, source rank %d\n", (long long)moved.size(),
              rows.rank());
  return 0;
}
