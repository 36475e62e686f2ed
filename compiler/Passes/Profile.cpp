//===- Profile.cpp - Theano's ProfileMode as calls around the kernels -----===//
//
// `tcc --profile`: each kernel runs between two calls into the runtime,
// which times it and counts what it allocates. A kernel is what runs as one
// loop nest or one call after fusion; scalar glue between kernels (shape
// arithmetic, views) is not one, and its time shows in the function's
// total only.
//
//===----------------------------------------------------------------------===//

#include "Passes/ExternalFunctions.h"
#include "Passes/KernelDescription.h"
#include "Passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace tcc {
#define GEN_PASS_DEF_PROFILE
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

static constexpr llvm::StringLiteral kBegin = "__tcc_profile_begin";
static constexpr llvm::StringLiteral kEnd = "__tcc_profile_end";

/// A fill whose value only seeds linalg ops' inits (the zeros a matmul
/// accumulates into) is part of each of those kernels, not one itself.
static bool isSeedingFill(Operation *op) {
  auto fill = dyn_cast<linalg::FillOp>(op);
  if (!fill || !fill.hasPureTensorSemantics() || fill->use_empty())
    return false;
  return llvm::all_of(fill->getUses(), [](OpOperand &use) {
    auto user = dyn_cast<linalg::LinalgOp>(use.getOwner());
    return user && user.isDpsInit(&use);
  });
}

static bool isKernel(Operation *op) {
  if (isa<linalg::LinalgOp>(op))
    return !isSeedingFill(op);
  if (isa<scf::ForOp, scf::WhileOp, scf::ForallOp, scf::ParallelOp>(op))
    return true;
  // Calls into the runtime (random draws, sorts) do work; the error
  // reports only end a call.
  if (auto call = dyn_cast<func::CallOp>(op))
    return !call.getCallee().ends_with("_error");
  return false;
}

/// What sort of kernel it is, for the report's "kind" column.
static std::string kindOf(Operation *op) {
  if (auto generic = dyn_cast<linalg::GenericOp>(op))
    return generic.getNumReductionLoops() ? "reduction" : "elementwise";
  if (isa<linalg::LinalgOp>(op))
    return op->getName().stripDialect().str();
  if (auto call = dyn_cast<func::CallOp>(op))
    return ("call " + call.getCallee()).str();
  return "loop";
}

/// The kernels of `block` in program order, looking into branches (each
/// branch's kernels run or not as a whole) but not into kernels.
static void collectKernels(Block &block, SmallVectorImpl<Operation *> &out) {
  for (Operation &op : block) {
    if (isKernel(&op)) {
      out.push_back(&op);
      continue;
    }
    if (isa<scf::IfOp, scf::IndexSwitchOp>(op))
      for (Region &region : op.getRegions())
        for (Block &inner : region)
          collectKernels(inner, out);
  }
}

/// Gives `kernel` inits of its own made right before it (where the builder
/// is), so that the buffers bufferization allocates for them are allocated
/// inside the kernel's window: a tensor.empty, or a seeding fill of one.
static void cloneInitsBefore(OpBuilder &b, linalg::LinalgOp kernel) {
  for (OpOperand &init : kernel.getDpsInitsMutable()) {
    Operation *producer = init.get().getDefiningOp();
    if (!producer || producer->getBlock() != kernel->getBlock())
      continue;
    if (isa<tensor::EmptyOp>(producer)) {
      init.set(b.clone(*producer)->getResult(0));
    } else if (isSeedingFill(producer)) {
      IRMapping map;
      auto fill = cast<linalg::FillOp>(producer);
      Operation *empty = fill.getOutputs()[0].getDefiningOp();
      if (isa_and_nonnull<tensor::EmptyOp>(empty) &&
          empty->getBlock() == kernel->getBlock())
        map.map(empty->getResult(0), b.clone(*empty)->getResult(0));
      init.set(b.clone(*producer, map)->getResult(0));
    }
  }
}

namespace {
struct ProfilePass : tcc::impl::ProfileBase<ProfilePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<std::pair<func::FuncOp, Operation *>> kernels;
    for (auto f : module.getOps<func::FuncOp>()) {
      if (f.isExternal())
        continue;
      SmallVector<Operation *> ops;
      for (Block &block : f.getBody())
        collectKernels(block, ops);
      for (Operation *op : ops)
        kernels.push_back({f, op});
    }

    OpBuilder b(module.getContext());
    Type i64 = b.getI64Type();
    auto type = b.getFunctionType({i64}, {});
    func::FuncOp begin = tcc::declareExternalFunction(module, kBegin, type);
    func::FuncOp end = tcc::declareExternalFunction(module, kEnd, type);
    SmallVector<Attribute> described;
    for (auto [index, entry] : llvm::enumerate(kernels)) {
      auto [f, op] = entry;
      // Described before the inits move in: their locations are the
      // kernel's too, but they would add nothing.
      SmallVector<Attribute> locs;
      for (const std::string &place : tcc::kernelSourceLocations(op))
        locs.push_back(b.getStringAttr(place));
      described.push_back(b.getDictionaryAttr({
          b.getNamedAttr("function", b.getStringAttr(f.getSymName())),
          b.getNamedAttr("kind", b.getStringAttr(kindOf(op))),
          b.getNamedAttr("ops", b.getStringAttr(tcc::describeKernel(op))),
          b.getNamedAttr("locs", b.getArrayAttr(locs)),
      }));

      Location loc = op->getLoc();
      b.setInsertionPoint(op);
      Value id = arith::ConstantIntOp::create(b, loc, i64,
                                              static_cast<int64_t>(index));
      func::CallOp::create(b, loc, begin, ValueRange{id});
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
        if (linalgOp.hasPureTensorSemantics())
          cloneInitsBefore(b, linalgOp);
      b.setInsertionPointAfter(op);
      func::CallOp::create(b, loc, end, ValueRange{id});
    }
    // The inits every kernel now has its own copy of: fills first, which
    // leaves their tensor.empty unused.
    module.walk([](linalg::FillOp op) {
      if (op->use_empty() && op.hasPureTensorSemantics())
        op->erase();
    });
    module.walk([](tensor::EmptyOp op) {
      if (op->use_empty())
        op->erase();
    });
    module->setAttr("tcc.profile_kernels", b.getArrayAttr(described));
  }
};
} // namespace
