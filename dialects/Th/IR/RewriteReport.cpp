//===- RewriteReport.cpp - Which graph rewrites fired ---------------------===//

#include "Th/IR/RewriteReport.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <mutex>

using namespace tcc;

namespace {
struct RewriteLog {
  std::mutex mutex;
  bool on = false;
  std::vector<RewriteEvent> events;
};
RewriteLog &rewriteLog() {
  static RewriteLog log;
  return log;
}
} // namespace

void tcc::setRewriteRecording(bool on) { rewriteLog().on = on; }

void tcc::recordRewrite(llvm::StringRef phase, llvm::StringRef rewrite,
                        mlir::Location loc) {
  RewriteLog &log = rewriteLog();
  if (!log.on)
    return;
  std::lock_guard<std::mutex> lock(log.mutex);
  log.events.push_back({phase.str(), rewrite.str(), loc});
}

const std::vector<RewriteEvent> &tcc::recordedRewrites() {
  return rewriteLog().events;
}

std::string tcc::formatSourceLocation(mlir::Location loc) {
  if (auto site = llvm::dyn_cast<mlir::CallSiteLoc>(loc))
    return formatSourceLocation(site.getCallee());
  if (auto named = llvm::dyn_cast<mlir::NameLoc>(loc))
    return formatSourceLocation(named.getChildLoc());
  if (auto fused = llvm::dyn_cast<mlir::FusedLoc>(loc)) {
    for (mlir::Location part : fused.getLocations()) {
      std::string where = formatSourceLocation(part);
      if (where != "?")
        return where;
    }
    return "?";
  }
  if (auto fl = llvm::dyn_cast<mlir::FileLineColLoc>(loc))
    return (fl.getFilename().getValue() + ":" + llvm::Twine(fl.getLine()) +
            ":" + llvm::Twine(fl.getColumn()))
        .str();
  return "?";
}
