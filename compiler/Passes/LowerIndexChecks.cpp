//===- LowerIndexChecks.cpp - th.check_index to a call of the runtime -----===//
//
// An index the kernel reads at run time (`x[i]`, `x[idx]`) is checked where
// it is used: each th.check_index becomes the comparison, a branch that
// calls the runtime's `__tcc_index_error(check, axis, index, size)` when the
// index is out of range, and the index wrapped into [0, size). A scan's
// number of steps (th.check_steps) calls `__tcc_steps_error(check, steps,
// rows)` when it is negative or longer than a sequence. The runtime ends
// the call there and reports the error (docs/ABI.md). `check` numbers the
// module attribute `tcc.index_checks` ("x[i] at model.th:3:9"), which the
// manifest carries so the message can say which operation failed.
//
//===----------------------------------------------------------------------===//

#include "Passes/ExternalFunctions.h"
#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"

namespace tcc {
#define GEN_PASS_DEF_LOWERINDEXCHECKS
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

static constexpr llvm::StringLiteral kIndexError = "__tcc_index_error";
static constexpr llvm::StringLiteral kStepsError = "__tcc_steps_error";

namespace {
/// Calls `callee` under `failed` with the `constants`, then the `operands`
/// (indices, passed as int64).
void callOnFailure(OpBuilder &b, Location loc, Value failed,
                   func::FuncOp callee, ArrayRef<int64_t> constants,
                   ValueRange operands) {
  auto branch = scf::IfOp::create(b, loc, failed, /*withElse=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&branch.getThenRegion().front());
  Type i64 = b.getI64Type();
  SmallVector<Value> args;
  for (int64_t c : constants)
    args.push_back(arith::ConstantIntOp::create(b, loc, i64, c));
  for (Value v : operands)
    args.push_back(arith::IndexCastOp::create(b, loc, i64, v));
  func::CallOp::create(b, loc, callee, args);
}

struct LowerIndexChecksPass
    : tcc::impl::LowerIndexChecksBase<LowerIndexChecksPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<Operation *> checks;
    module.walk([&](Operation *op) {
      if (isa<th::CheckIndexOp, th::CheckStepsOp>(op))
        checks.push_back(op);
    });
    if (checks.empty())
      return;

    OpBuilder b(module.getContext());
    tcc::NumberedDescriptions reasons(module, "tcc.index_checks");
    for (Operation *op : checks) {
      b.setInsertionPoint(op);
      if (auto index = dyn_cast<th::CheckIndexOp>(op))
        lowerIndexCheck(b, index, reasons.numberOf(op, index.getWhat()));
      else if (auto steps = dyn_cast<th::CheckStepsOp>(op))
        lowerStepsCheck(b, steps, reasons.numberOf(op, steps.getWhat()));
      op->erase();
    }
    reasons.save();
  }

  /// `index` wrapped into [0, size), or `__tcc_index_error(check, axis,
  /// index, size)`.
  void lowerIndexCheck(OpBuilder &b, th::CheckIndexOp op, int64_t check) {
    Location loc = op.getLoc();
    Type i64 = b.getI64Type();
    func::FuncOp callee = tcc::declareExternalFunction(
        op->getParentOfType<ModuleOp>(), kIndexError,
        b.getFunctionType({i64, i64, i64, i64}, {}));
    Value index = op.getIndex(), size = op.getSize();
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value negative =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, index, zero);
    Value wrapped = arith::SelectOp::create(
        b, loc, negative, arith::AddIOp::create(b, loc, index, size), index);
    // One unsigned comparison covers both ends: a wrapped index still
    // negative is huge as an unsigned number.
    Value outside =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge, wrapped, size);
    callOnFailure(b, loc, outside, callee,
                  {check, static_cast<int64_t>(op.getAxis())},
                  {index, size});
    op.replaceAllUsesWith(wrapped);
  }

  /// `steps`, or `__tcc_steps_error(check, steps, rows)` (rows -1 when the
  /// scan has no sequence).
  void lowerStepsCheck(OpBuilder &b, th::CheckStepsOp op, int64_t check) {
    Location loc = op.getLoc();
    Type i64 = b.getI64Type();
    func::FuncOp callee = tcc::declareExternalFunction(
        op->getParentOfType<ModuleOp>(), kStepsError,
        b.getFunctionType({i64, i64, i64}, {}));
    Value steps = op.getSteps(), rows = op.getRows();
    Value bad;
    if (rows) {
      // Unsigned: negative steps are huge, past any number of rows.
      bad =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ugt, steps, rows);
    } else {
      bad = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, steps,
                                  arith::ConstantIndexOp::create(b, loc, 0));
      rows = arith::ConstantIndexOp::create(b, loc, -1);
    }
    callOnFailure(b, loc, bad, callee, {check}, {steps, rows});
    op.replaceAllUsesWith(steps);
  }
};
} // namespace
