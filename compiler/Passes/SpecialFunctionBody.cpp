//===- SpecialFunctionBody.cpp - Scalar forms of scipy.special's functions ===//
//
// gamma, gammaln, psi, tri_gamma, erfinv, erfcinv and erfcx have no math
// dialect op. Their elements call C functions taking and returning a double:
// libm's tgamma and lgamma, and the runtime's __tcc_* (runtime/src/
// SpecialFunctions.cpp) for the ones libm lacks. float32 computes in double
// and rounds once, as Theano's C code does.
//
//===----------------------------------------------------------------------===//

#include "Passes/ScalarBody.h"

#include "Passes/ExternalFunctions.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

/// The C function computing `op` element by element, or "" for other ops.
static llvm::StringRef specialFunctionName(Operation *op) {
  using namespace mlir::th;
  return llvm::TypeSwitch<Operation *, llvm::StringRef>(op)
      .Case([](GammaOp) { return "tgamma"; })
      .Case([](GammaLnOp) { return "lgamma"; })
      .Case([](PsiOp) { return "__tcc_psi"; })
      .Case([](TriGammaOp) { return "__tcc_trigamma"; })
      .Case([](ErfinvOp) { return "__tcc_erfinv"; })
      .Case([](ErfcinvOp) { return "__tcc_erfcinv"; })
      .Case([](ErfcxOp) { return "__tcc_erfcx"; })
      .Default([](Operation *) { return ""; });
}

Value tcc::buildSpecialFunctionOp(OpBuilder &b, Location loc, Operation *op,
                                  ValueRange args) {
  llvm::StringRef name = specialFunctionName(op);
  auto module = op->getParentOfType<ModuleOp>();
  if (name.empty() || !module || args.size() != 1)
    return Value();
  Type f64 = b.getF64Type();
  func::FuncOp callee = tcc::declareExternalFunction(
      module, name, b.getFunctionType({f64}, {f64}));
  Value x = args[0];
  Type type = x.getType();
  if (type != f64)
    x = arith::ExtFOp::create(b, loc, f64, x);
  Value y = func::CallOp::create(b, loc, callee, ValueRange{x}).getResult(0);
  if (type != f64)
    y = arith::TruncFOp::create(b, loc, type, y);
  return y;
}
