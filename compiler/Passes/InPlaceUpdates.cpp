//===- InPlaceUpdates.cpp - Shared variables updated in their own buffer --===//
//
// Theano's inplace optimizations for the values a function gives shared
// variables: when the new value of `w` is computed elementwise from the old
// one (`w - lr * g`), or accumulated into it by BLAS (`gemv(w, ...)`), the
// kernel can write it into w's buffer instead of a fresh one. This pass
// makes that possible and leaves the decision to one-shot bufferization:
// it gives the computation w's old value as its destination (in place of
// a tensor.empty whose contents are never read, so the tensor program means
// the same) and marks w's argument writable. Bufferization then writes in
// place where nothing reads the old value later, and copies where something
// does. After bufferization, an update whose new value is the old buffer is
// no longer returned at all: the function attribute `tcc.inplace` lists
// those variables, so the runtime hands the kernel writable buffers no one
// else reads and expects no result for them (docs/ABI.md). Returning the
// argument instead would make the deallocation pipeline copy it.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"

#include "Th/IR/RewriteReport.h"
#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"

namespace tcc {
#define GEN_PASS_DEF_INPLACEUPDATES
#define GEN_PASS_DEF_DROPINPLACERESULTS
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

/// Whether `generic` computes each element of its result from the element
/// of `old` at the same index, so that its result has exactly old's shape.
static bool isElementwiseOf(linalg::GenericOp generic, Value old) {
  if (generic.getNumLoops() != generic.getNumParallelLoops() ||
      generic.getNumDpsInits() != 1 ||
      !generic.getMatchingIndexingMap(generic.getDpsInitOperand(0))
           .isIdentity())
    return false;
  for (OpOperand *input : generic.getDpsInputOperands())
    if (input->get() == old &&
        generic.getMatchingIndexingMap(input).isIdentity())
      return true;
  return false;
}

/// Makes `old` the destination of the computation of `value`, following
/// destinations back from `value`'s producer: a product accumulating into
/// an elementwise result (gemv) gives that result's destination. Returns
/// whether the chain ends in `old`.
static bool useAsDestination(Value value, Value old) {
  while (true) {
    auto result = dyn_cast<OpResult>(value);
    auto dps = result ? dyn_cast<DestinationStyleOpInterface>(result.getOwner())
                      : nullptr;
    if (!dps || !dps.hasPureTensorSemantics())
      return false;
    OpOperand *init = dps.getTiedOpOperand(result);
    Value dest = init->get();
    if (dest == old)
      return true;
    if (dest.getDefiningOp<tensor::EmptyOp>()) {
      auto generic = dyn_cast<linalg::GenericOp>(*dps);
      if (!generic || dest.getType() != old.getType() ||
          generic.payloadUsesValueFromOperand(init) ||
          !isElementwiseOf(generic, old))
        return false;
      init->set(old);
      return true;
    }
    // Only follow a destination nobody else uses: its buffer will be
    // written by `dps`.
    if (!dest.hasOneUse())
      return false;
    value = dest;
  }
}

/// The kernel argument and result of each shared variable a function both
/// reads and updates: (argument index, result index, symbol).
static SmallVector<std::tuple<unsigned, unsigned, Attribute>>
readAndUpdated(func::FuncOp func) {
  SmallVector<std::tuple<unsigned, unsigned, Attribute>> pairs;
  auto reads = func->getAttrOfType<ArrayAttr>("tcc.reads");
  auto updates = func->getAttrOfType<ArrayAttr>("tcc.updates");
  if (!reads || !updates || func.isExternal())
    return pairs;
  unsigned firstRead = func.getNumArguments() - reads.size();
  unsigned firstUpdate = func.getNumResults() - updates.size();
  for (auto [u, var] : llvm::enumerate(updates)) {
    auto r = llvm::find(reads, var);
    if (r != reads.end())
      pairs.emplace_back(firstRead + (r - reads.begin()), firstUpdate + u, var);
  }
  return pairs;
}

namespace {
struct InPlaceUpdatesPass : tcc::impl::InPlaceUpdatesBase<InPlaceUpdatesPass> {
  void runOnOperation() override {
    getOperation().walk([](func::FuncOp func) {
      // A kernel that checks indices or a scan's steps, or draws random
      // numbers (which check their parameters), may stop half-way
      // (docs/ABI.md), and a variable written in place would then be left
      // half-updated: its new values go to fresh buffers the runtime commits
      // only on success.
      auto mayStop = [](Operation *op) {
        auto call = dyn_cast<func::CallOp>(op);
        return isa<th::CheckIndexOp, th::CheckStepsOp>(op) ||
               (call && call.getCallee().starts_with("tcc_random_"));
      };
      if (func.isExternal() || func.walk([&](Operation *op) {
                                     return mayStop(op)
                                                ? WalkResult::interrupt()
                                                : WalkResult::advance();
                                   })
                                   .wasInterrupted())
        return;
      auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
      Builder b(func.getContext());
      for (auto [arg, result, var] : readAndUpdated(func))
        if (useAsDestination(ret.getOperand(result), func.getArgument(arg)))
          func.setArgAttr(arg, "bufferization.writable", b.getBoolAttr(true));
    });
  }
};

struct DropInPlaceResultsPass
    : tcc::impl::DropInPlaceResultsBase<DropInPlaceResultsPass> {
  void runOnOperation() override {
    getOperation().walk([](func::FuncOp func) {
      auto pairs = readAndUpdated(func);
      if (func.isExternal() || !func->hasAttr("tcc.updates"))
        return;
      auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
      Builder b(func.getContext());
      SmallVector<Attribute> inPlace;
      llvm::BitVector dropped(func.getNumResults());
      for (auto [arg, result, var] : pairs) {
        Value value = ret.getOperand(result);
        while (auto cast = value.getDefiningOp<memref::CastOp>())
          value = cast.getSource();
        if (value != func.getArgument(arg))
          continue;
        dropped.set(result);
        inPlace.push_back(var);
        tcc::recordRewrite(
            "inplace",
            ("update of " + cast<FlatSymbolRefAttr>(var).getValue()).str(),
            func.getLoc());
      }
      ret->eraseOperands(dropped);
      if (failed(func.eraseResults(dropped)))
        llvm_unreachable("results of a function with a body can be erased");
      func->setAttr("tcc.inplace", b.getArrayAttr(inPlace));
    });
  }
};
} // namespace
