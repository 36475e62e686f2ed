//===- ReferenceFunctions.cpp - The -O0 functions of --debug-mode ---------===//

#include "CodeGen/ReferenceFunctions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;

static constexpr llvm::StringLiteral kIndexChecks = "tcc.index_checks";
// The runtime's error functions whose first operand numbers a check.
static constexpr llvm::StringLiteral kCheckErrors[] = {"__tcc_index_error",
                                                       "__tcc_steps_error"};

std::string tcc::referenceName(llvm::StringRef function) {
  return ("__tcc_reference_" + function).str();
}

/// Adds `offset` to the check number of every check error `reference`
/// reports, so they follow `module`'s in one table.
static void renumberIndexChecks(ModuleOp reference, int64_t offset) {
  reference.walk([&](func::CallOp call) {
    if (!llvm::is_contained(kCheckErrors, call.getCallee()) ||
        call.getNumOperands() == 0)
      return;
    OpBuilder b(call);
    Value check = call.getOperand(0);
    call->setOperand(0, arith::AddIOp::create(
                            b, call.getLoc(), check,
                            arith::ConstantIntOp::create(
                                b, call.getLoc(), check.getType(), offset)));
  });
}

LogicalResult tcc::mergeReferenceFunctions(ModuleOp module,
                                           ModuleOp reference) {
  MLIRContext *context = module.getContext();
  SymbolTable symbols(module);
  for (auto f : reference.getOps<func::FuncOp>()) {
    if (f.isExternal())
      continue;
    auto optimized = symbols.lookup<func::FuncOp>(f.getSymName());
    if (!optimized)
      continue;
    if (optimized->getAttr("tcc.reads") != f->getAttr("tcc.reads")) {
      emitError(f.getLoc())
          << "--debug-mode: function '" << f.getSymName()
          << "' reads shared variables at -O0 that its optimized version "
             "does not; debug mode needs both to take the same arguments";
      return failure();
    }
  }

  ArrayAttr mainChecks = module->getAttrOfType<ArrayAttr>(kIndexChecks);
  ArrayAttr referenceChecks = reference->getAttrOfType<ArrayAttr>(kIndexChecks);
  if (referenceChecks) {
    SmallVector<Attribute> all;
    if (mainChecks)
      all.append(mainChecks.begin(), mainChecks.end());
    renumberIndexChecks(reference, all.size());
    all.append(referenceChecks.begin(), referenceChecks.end());
    module->setAttr(kIndexChecks, ArrayAttr::get(context, all));
  }

  // Rename every function defined in the reference (and its calls), then
  // move them over; declarations of external functions move only if the
  // module lacks them.
  for (auto f : llvm::make_early_inc_range(reference.getOps<func::FuncOp>())) {
    if (f.isExternal())
      continue;
    auto renamed = StringAttr::get(context, referenceName(f.getSymName()));
    if (failed(SymbolTable::replaceAllSymbolUses(f, renamed, reference)))
      return failure();
    SymbolTable::setSymbolName(f, renamed);
    f->setAttr("tcc.reference", UnitAttr::get(context));
  }
  for (Operation &op :
       llvm::make_early_inc_range(reference.getBody()->getOperations())) {
    auto symbol = dyn_cast<SymbolOpInterface>(op);
    if (symbol && symbols.lookup(symbol.getName()))
      continue;
    op.moveBefore(module.getBody(), module.getBody()->end());
  }
  return success();
}

void tcc::perturbFirstFloatOutputs(ModuleOp module) {
  module.walk([](func::ReturnOp ret) {
    auto f = ret->getParentOfType<func::FuncOp>();
    if (f.isPrivate() || f->hasAttr("tcc.reference"))
      return;
    // Outputs only: the updates that follow them may be written in place,
    // which a new value would break.
    auto updates = f->getAttrOfType<ArrayAttr>("tcc.updates");
    size_t numOutputs = ret->getNumOperands() - (updates ? updates.size() : 0);
    for (OpOperand &result : ret->getOpOperands().take_front(numOutputs)) {
      auto type = dyn_cast<RankedTensorType>(result.get().getType());
      if (!type || !isa<FloatType>(type.getElementType()))
        continue;
      OpBuilder b(ret);
      Location loc = ret.getLoc();
      SmallVector<OpFoldResult> sizes =
          tensor::getMixedSizes(b, loc, result.get());
      Value init =
          tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
      auto identity =
          AffineMap::getMultiDimIdentityMap(type.getRank(), b.getContext());
      auto scaled = linalg::GenericOp::create(
          b, loc, type, ValueRange{result.get()}, ValueRange{init},
          SmallVector<AffineMap>{identity, identity},
          SmallVector<utils::IteratorType>(type.getRank(),
                                           utils::IteratorType::parallel),
          [&](OpBuilder &nb, Location l, ValueRange args) {
            Value factor = arith::ConstantOp::create(
                nb, l, nb.getFloatAttr(args[0].getType(), 1.001));
            linalg::YieldOp::create(
                nb, l,
                arith::MulFOp::create(nb, l, args[0], factor).getResult());
          });
      result.set(scaled.getResult(0));
      return;
    }
  });
}
