//===- LowerThFunctions.cpp - th.func to func.func ------------------------===//
//
// Makes shared state explicit: a function's kernel takes the shared values it
// reads as arguments and returns the values it writes, so the kernel is pure
// and the runtime can commit updates only after the whole call succeeded.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace tcc {
#define GEN_PASS_DEF_LOWERTHFUNCTIONS
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

namespace {

struct LowerThFunctionsPass
    : tcc::impl::LowerThFunctionsBase<LowerThFunctionsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<th::SharedOp> shared(module.getOps<th::SharedOp>());
    for (th::FuncOp func :
         llvm::make_early_inc_range(module.getOps<th::FuncOp>()))
      if (failed(lowerFunction(func, shared)))
        return signalPassFailure();
    for (th::SharedOp op : shared)
      op.erase();
  }

  LogicalResult lowerFunction(th::FuncOp func, ArrayRef<th::SharedOp> shared) {
    Block &body = func.getBody().front();
    // Reads and updates in th.shared order, so the manifest, the kernel
    // signature and the runtime agree without a side table.
    SmallVector<Attribute> readNames, updateNames;
    SmallVector<Type> argTypes(func.getArgumentTypes());
    SmallVector<Type> resultTypes(func.getResultTypes());
    SmallVector<Value> updateValues;
    SmallVector<th::UpdateOp> updates;
    func.walk([&](th::UpdateOp op) { updates.push_back(op); });

    // First every read becomes its argument, then update values are
    // collected: an update's value may be a read of a later variable.
    for (th::SharedOp var : shared) {
      StringRef name = var.getSymName();
      SmallVector<th::ReadOp> reads;
      func.walk([&](th::ReadOp read) {
        if (read.getVar() == name)
          reads.push_back(read);
      });
      if (reads.empty())
        continue;
      BlockArgument arg = body.addArgument(var.getType(), var.getLoc());
      argTypes.push_back(var.getType());
      readNames.push_back(FlatSymbolRefAttr::get(var.getSymNameAttr()));
      for (th::ReadOp read : reads) {
        read.replaceAllUsesWith(arg);
        read.erase();
      }
    }
    for (th::SharedOp var : shared)
      for (th::UpdateOp update : updates)
        if (update.getVar() == var.getSymName()) {
          updateNames.push_back(FlatSymbolRefAttr::get(var.getSymNameAttr()));
          updateValues.push_back(update.getValue());
          resultTypes.push_back(update.getValue().getType());
        }
    for (th::UpdateOp update : updates)
      update.erase();

    auto ret = cast<th::ReturnOp>(body.getTerminator());
    SmallVector<Value> results(ret.getOutputs());
    results.append(updateValues);
    OpBuilder builder(ret);
    func::ReturnOp::create(builder, ret.getLoc(), results);
    ret.erase();

    builder.setInsertionPoint(func);
    auto type = builder.getFunctionType(argTypes, resultTypes);
    auto lowered =
        func::FuncOp::create(builder, func.getLoc(), func.getSymName(), type);
    lowered.getBody().takeBody(func.getBody());
    // Input and output names (th.name, th.default) live in the manifest,
    // built before this pass; the LLVM lowering knows no th attributes.
    lowered->setAttr("tcc.reads", builder.getArrayAttr(readNames));
    lowered->setAttr("tcc.updates", builder.getArrayAttr(updateNames));
    func.erase();
    return success();
  }
};

} // namespace
