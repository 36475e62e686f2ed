//===- ProgressBar.h - `tcc run --repeat` progress on a terminal -*- C++
//-*-===//
//
// Long training runs show how far they are and how fast they go; logs and
// pipes stay clean, because the bar is drawn only when stderr is a terminal.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_TOOLS_PROGRESSBAR_H
#define TCC_TOOLS_PROGRESSBAR_H

#include <chrono>
#include <cstdint>

namespace tcc {

class ProgressBar {
public:
  /// A bar for `total` steps; it draws nothing for a single step or when
  /// stderr is not a terminal.
  explicit ProgressBar(uint64_t total);
  /// `done` steps are complete (redrawn at most ten times a second).
  void step(uint64_t done);
  /// Draws the last state and ends the line, once.
  void finish();

private:
  using Clock = std::chrono::steady_clock;
  void draw(uint64_t done);

  uint64_t total;
  uint64_t last = 0;
  bool enabled;
  Clock::time_point start, lastDraw;
};

} // namespace tcc

#endif // TCC_TOOLS_PROGRESSBAR_H
