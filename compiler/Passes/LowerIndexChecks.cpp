//===- LowerIndexChecks.cpp - th.check_index to a call of the runtime -----===//
//
// An index the kernel reads at run time (`x[i]`, `x[idx]`) is checked where
// it is used: each th.check_index becomes the comparison, a branch that
// calls the runtime's `__tcc_index_error(check, axis, index, size)` when the
// index is out of range, and the index wrapped into [0, size). The runtime
// ends the call there and reports the error (docs/ABI.md). `check` numbers
// the module attribute `tcc.index_checks` ("x[i] at model.th:3:9"), which
// the manifest carries so the message can say which operation indexed.
//
//===----------------------------------------------------------------------===//

#include "Passes/ExternalFunctions.h"
#include "Passes/Passes.h"

#include "Th/IR/RewriteReport.h"
#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"

#include "llvm/ADT/StringMap.h"

namespace tcc {
#define GEN_PASS_DEF_LOWERINDEXCHECKS
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

static constexpr llvm::StringLiteral kErrorFunction = "__tcc_index_error";

namespace {
struct LowerIndexChecksPass
    : tcc::impl::LowerIndexChecksBase<LowerIndexChecksPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<th::CheckIndexOp> checks;
    module.walk([&](th::CheckIndexOp op) { checks.push_back(op); });
    if (checks.empty())
      return;

    MLIRContext *ctx = module.getContext();
    OpBuilder b(ctx);
    Type i64 = b.getI64Type();
    func::FuncOp callee = tcc::declareExternalFunction(
        module, kErrorFunction, b.getFunctionType({i64, i64, i64, i64}, {}));

    // Equal reasons share a number, so the list stays as long as the
    // source has indexing expressions.
    SmallVector<Attribute> reasons;
    if (auto known = module->getAttrOfType<ArrayAttr>("tcc.index_checks"))
      reasons.append(known.begin(), known.end());
    llvm::StringMap<int64_t> numbers;
    for (auto [i, r] : llvm::enumerate(reasons))
      numbers[cast<StringAttr>(r).getValue()] = i;

    for (th::CheckIndexOp op : checks) {
      std::string reason =
          (op.getWhat() + " at " + tcc::formatSourceLocation(op.getLoc()))
              .str();
      auto [it, added] = numbers.try_emplace(reason, reasons.size());
      if (added)
        reasons.push_back(b.getStringAttr(reason));

      Location loc = op.getLoc();
      b.setInsertionPoint(op);
      Value index = op.getIndex(), size = op.getSize();
      Value zero = arith::ConstantIndexOp::create(b, loc, 0);
      Value negative =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, index, zero);
      Value wrapped = arith::SelectOp::create(
          b, loc, negative, arith::AddIOp::create(b, loc, index, size), index);
      // One unsigned comparison covers both ends: a wrapped index still
      // negative is huge as an unsigned number.
      Value outside = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge,
                                            wrapped, size);
      auto branch = scf::IfOp::create(b, loc, outside, /*withElse=*/false);
      b.setInsertionPointToStart(&branch.getThenRegion().front());
      auto asI64 = [&](Value v) {
        return arith::IndexCastOp::create(b, loc, i64, v).getResult();
      };
      func::CallOp::create(
          b, loc, callee,
          ValueRange{arith::ConstantIntOp::create(b, loc, i64, it->second),
                     arith::ConstantIntOp::create(b, loc, i64, op.getAxis()),
                     asI64(index), asI64(size)});
      op.replaceAllUsesWith(wrapped);
      op.erase();
    }
    module->setAttr("tcc.index_checks", b.getArrayAttr(reasons));
  }
};
} // namespace
