//===- KernelDescription.cpp - What a kernel computes, for people ---------===//

#include "Passes/KernelDescription.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinAttributes.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

#include <set>

using namespace mlir;

/// Distinct strings in the order first seen.
using OrderedStrings = llvm::SetVector<std::string, std::vector<std::string>,
                                       std::set<std::string>>;

namespace {
/// Visits the NameLocs in `loc` and its leaves (file positions, unknown),
/// through fused locations and the callee side of call sites.
template <typename Fn> void forEachLeaf(Location loc, Fn &&visit) {
  if (auto named = dyn_cast<NameLoc>(loc)) {
    visit(loc);
    forEachLeaf(named.getChildLoc(), visit);
  } else if (auto fused = dyn_cast<FusedLoc>(loc)) {
    for (Location part : fused.getLocations())
      forEachLeaf(part, visit);
  } else if (auto site = dyn_cast<CallSiteLoc>(loc)) {
    forEachLeaf(site.getCallee(), visit);
  } else {
    visit(loc);
  }
}
} // namespace

std::vector<std::string> tcc::thOpNames(Location loc) {
  OrderedStrings names;
  forEachLeaf(loc, [&](Location leaf) {
    if (auto named = dyn_cast<NameLoc>(leaf))
      names.insert(named.getName().str());
  });
  return names.takeVector();
}

std::string tcc::describeKernel(Operation *op) {
  OrderedStrings fromTh;
  op->walk([&](Operation *inner) {
    for (std::string &name : thOpNames(inner->getLoc()))
      fromTh.insert(std::move(name));
  });
  if (!fromTh.empty())
    return llvm::join(fromTh, ", ");
  auto generic = dyn_cast<linalg::GenericOp>(op);
  if (!generic)
    return op->getName().stripDialect().str();
  llvm::SetVector<llvm::StringRef> names;
  generic.getBody()->walk([&](Operation *inner) {
    if (!isa<linalg::YieldOp, linalg::IndexOp, arith::ConstantOp>(inner))
      names.insert(inner->getName().stripDialect());
  });
  if (names.empty())
    return "copy";
  return "loop nest: " + llvm::join(names, ", ");
}

std::vector<std::string> tcc::kernelSourceLocations(Operation *op) {
  OrderedStrings places;
  op->walk([&](Operation *inner) {
    forEachLeaf(inner->getLoc(), [&](Location leaf) {
      if (auto fl = dyn_cast<FileLineColLoc>(leaf))
        places.insert((fl.getFilename().getValue() + ":" +
                       llvm::Twine(fl.getLine()) + ":" +
                       llvm::Twine(fl.getColumn()))
                          .str());
    });
  });
  return places.takeVector();
}
