//===- ProgressBar.cpp - `tcc run --repeat` progress on a terminal --------===//

#include "ProgressBar.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <unistd.h>

using namespace tcc;

ProgressBar::ProgressBar(uint64_t total)
    : total(total), enabled(total > 1 && isatty(STDERR_FILENO)),
      start(Clock::now()), lastDraw(start) {}

void ProgressBar::step(uint64_t done) {
  last = done;
  if (!enabled)
    return;
  Clock::time_point now = Clock::now();
  if (now - lastDraw < std::chrono::milliseconds(100))
    return;
  lastDraw = now;
  draw(done);
}

void ProgressBar::finish() {
  if (!enabled)
    return;
  draw(last);
  llvm::errs() << "\n";
  enabled = false;
}

void ProgressBar::draw(uint64_t done) {
  constexpr unsigned width = 30;
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  unsigned filled = static_cast<unsigned>(width * done / total);
  std::string bar(filled, '#');
  bar.resize(width, ' ');
  llvm::errs() << llvm::formatv("\r{0,3}% [{1}] {2}/{3} steps, {4:F0} steps/s",
                                100 * done / total, bar, done, total,
                                seconds > 0 ? done / seconds : 0.0);
  llvm::errs().flush();
}
