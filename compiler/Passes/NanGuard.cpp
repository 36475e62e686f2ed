//===- NanGuard.cpp - Theano's NanGuardMode as checks in the kernels ------===//
//
// `tcc --nan-guard`: after every linalg op that computes a float tensor (a
// fused loop nest, a matmul, a reduction), a reduction to one code (2: the
// tensor holds a NaN, 1: an infinity, 0: neither) and a branch calling the
// runtime's `__tcc_nan_error(check, code)`, which ends the call with an
// error naming the op and its source line. Values that only seed another
// op (a fill of -inf for a max, an output buffer) are not results and are
// not checked.
//
//===----------------------------------------------------------------------===//

#include "Passes/ExternalFunctions.h"
#include "Passes/KernelDescription.h"
#include "Passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace tcc {
#define GEN_PASS_DEF_NANGUARD
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

static constexpr llvm::StringLiteral kErrorFunction = "__tcc_nan_error";

/// A result another linalg op only writes into (its init) is a buffer, not
/// a value of the program.
static bool onlySeedsAnotherOp(Value result) {
  if (result.use_empty())
    return false;
  for (OpOperand &use : result.getUses()) {
    auto user = dyn_cast<linalg::LinalgOp>(use.getOwner());
    if (!user || !user.isDpsInit(&use))
      return false;
  }
  return true;
}

/// The 0-d i8 code of `tensor`: 2 if it holds a NaN, else 1 if it holds an
/// infinity, else 0.
static Value badValueCode(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto element = cast<FloatType>(type.getElementType());
  Type i8 = b.getI8Type();
  Value zero = arith::ConstantIntOp::create(b, loc, i8, 0);
  Value empty = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{}, i8);
  Value init = linalg::FillOp::create(b, loc, zero, empty).getResult(0);
  int64_t rank = type.getRank();
  SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(rank, b.getContext()),
      AffineMap::get(rank, 0, {}, b.getContext())};
  auto reduce = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{tensor}, ValueRange{init}, maps,
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::reduction),
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value x = args[0], acc = args[1];
        Value isNan =
            arith::CmpFOp::create(nb, l, arith::CmpFPredicate::UNO, x, x);
        Value inf = arith::ConstantOp::create(
            nb, l, element,
            nb.getFloatAttr(element,
                            llvm::APFloat::getInf(element.getFloatSemantics())));
        Value isInf = arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OEQ,
                                            math::AbsFOp::create(nb, l, x), inf);
        auto code = [&](int64_t c) {
          return arith::ConstantIntOp::create(nb, l, i8, c).getResult();
        };
        Value here = arith::SelectOp::create(
            nb, l, isNan, code(2),
            arith::SelectOp::create(nb, l, isInf, code(1), code(0)));
        linalg::YieldOp::create(nb, l,
                                arith::MaxUIOp::create(nb, l, acc, here).getResult());
      });
  return tensor::ExtractOp::create(b, loc, reduce.getResult(0), ValueRange{});
}

namespace {
struct NanGuardPass : tcc::impl::NanGuardBase<NanGuardPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<std::pair<linalg::LinalgOp, Value>> checked;
    module.walk([&](linalg::LinalgOp op) {
      if (isa<linalg::FillOp, linalg::CopyOp>(op.getOperation()) ||
          !op.hasPureTensorSemantics())
        return;
      for (Value result : op->getResults()) {
        auto type = dyn_cast<RankedTensorType>(result.getType());
        if (type && isa<FloatType>(type.getElementType()) &&
            !onlySeedsAnotherOp(result))
          checked.push_back({op, result});
      }
    });
    if (checked.empty())
      return;

    OpBuilder b(module.getContext());
    Type i64 = b.getI64Type();
    func::FuncOp callee = tcc::declareExternalFunction(
        module, kErrorFunction, b.getFunctionType({i64, i64}, {}));
    tcc::NumberedDescriptions reasons(module, "tcc.nan_checks");
    for (auto [op, result] : checked) {
      int64_t check = reasons.numberOf(op, tcc::describeKernel(op));

      Location loc = op.getLoc();
      b.setInsertionPointAfter(op);
      Value code = badValueCode(b, loc, result);
      Value bad = arith::CmpIOp::create(
          b, loc, arith::CmpIPredicate::ne, code,
          arith::ConstantIntOp::create(b, loc, b.getI8Type(), 0));
      auto branch = scf::IfOp::create(b, loc, bad, /*withElse=*/false);
      b.setInsertionPointToStart(&branch.getThenRegion().front());
      func::CallOp::create(
          b, loc, callee,
          ValueRange{arith::ConstantIntOp::create(b, loc, i64, check),
                     arith::ExtUIOp::create(b, loc, i64, code)});
    }
    reasons.save();
  }
};
} // namespace
