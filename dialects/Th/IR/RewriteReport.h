//===- RewriteReport.h - Which graph rewrites fired -------------*- C++ -*-===//
//
// Every named rewrite of the th graph (canonicalization patterns here, and
// the stabilize/specialize passes) records itself when it fires, so
// `tcc --rewrite-report` can list what ran, how often and where. Recording
// is off unless the driver turns it on.
//
//===----------------------------------------------------------------------===//

#ifndef TH_IR_REWRITEREPORT_H
#define TH_IR_REWRITEREPORT_H

#include "mlir/IR/Location.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace tcc {

/// One fired rewrite.
struct RewriteEvent {
  std::string phase;
  std::string rewrite;
  mlir::Location loc;
};

void setRewriteRecording(bool on);
void recordRewrite(llvm::StringRef phase, llvm::StringRef rewrite,
                   mlir::Location loc);
const std::vector<RewriteEvent> &recordedRewrites();

/// "file:line:col" of the source position `loc` stands for (through call
/// sites and fused locations, the first position), or "?".
std::string formatSourceLocation(mlir::Location loc);

} // namespace tcc

#endif // TH_IR_REWRITEREPORT_H
