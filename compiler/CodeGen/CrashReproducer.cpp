//===- CrashReproducer.cpp - Reproducer of a crashed pipeline ------------===//

#include "CodeGen/CrashReproducer.h"
#include "CodeGen/Pipeline.h"

#include "mlir/IR/AsmState.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <fcntl.h>
#include <unistd.h>

using namespace mlir;

/// The reproducer the signal handler writes: set while a pipeline runs,
/// taken by the first thread that crashes.
static std::atomic<const tcc::PendingReproducer *> armed{nullptr};

/// LLVM's signal handler calls this after printing the stack and the
/// request for a bug report. A crash while a pipeline runs is an internal
/// error, which exits with 70 wherever it happens.
static void writeArmedReproducer(void *) {
  const tcc::PendingReproducer *pending = armed.exchange(nullptr);
  if (!pending)
    return;
  pending->writeFromSignalHandler();
  ::_exit(tcc::kInternalErrorExitCode);
}

/// Writes all of `data` to `fd`; async-signal-safe.
static bool writeAll(int fd, llvm::StringRef data) {
  while (!data.empty()) {
    ssize_t written = ::write(fd, data.data(), data.size());
    if (written <= 0)
      return false;
    data = data.drop_front(static_cast<size_t>(written));
  }
  return true;
}

tcc::PendingReproducer::PendingReproducer(ModuleOp module,
                                          llvm::StringRef pipeline,
                                          llvm::StringRef requested) {
  if (requested.empty()) {
    llvm::SmallString<128> temporary;
    llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, temporary);
    llvm::sys::path::append(
        temporary, "tcc-reproducer-" +
                       llvm::Twine(llvm::sys::Process::getProcessId()) +
                       ".mlir");
    path = std::string(temporary);
  } else {
    path = requested.str();
  }
  llvm::raw_string_ostream out(text);
  AsmState state(module);
  state.attachResourcePrinter(
      "mlir_reproducer", [&](Operation *, AsmResourceBuilder &builder) {
        builder.buildString("pipeline",
                            ("builtin.module(" + pipeline + ")").str());
        builder.buildBool("disable_threading", true);
        builder.buildBool("verify_each", true);
      });
  module->print(out, state);
  note = "tcc: note: reproducer written to " + path +
         " (run it with `tcc-opt --run-reproducer " + path + "`)\n";

  static bool registered = [] {
    llvm::sys::AddSignalHandler(writeArmedReproducer, nullptr);
    return true;
  }();
  (void)registered;
  armed.store(this);
}

tcc::PendingReproducer::~PendingReproducer() {
  const PendingReproducer *self = this;
  armed.compare_exchange_strong(self, nullptr);
}

bool tcc::PendingReproducer::writeFromSignalHandler() const {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return false;
  bool written = writeAll(fd, text);
  ::close(fd);
  writeAll(STDERR_FILENO, "tcc: internal error: the compiler crashed in the "
                          "pass pipeline, on a worker thread\n");
  if (written)
    writeAll(STDERR_FILENO, note);
  return written;
}

std::string tcc::PendingReproducer::write() {
  const PendingReproducer *self = this;
  armed.compare_exchange_strong(self, nullptr);
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec);
  if (ec)
    return "";
  out << text;
  out.close();
  return out.has_error() ? "" : path;
}
