//===- ExpandGradients.cpp - th.grad to ordinary th ops (reverse mode) ----===//
//
// Theano builds the gradient as a graph when grad() is called; tcc keeps it
// as a th.grad op until this pass, so the graph building stays cheap and the
// expansion is one pass that every later optimization sees. Each op on a
// path from a wrt value to the cost contributes its vector-Jacobian product
// through DifferentiableOpInterface; contributions to a value are summed.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseSet.h"

namespace tcc {
#define GEN_PASS_DEF_EXPANDGRADIENTS
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

/// A scalar constant of `type`'s element type with value `c`, dimshuffled
/// to `type`'s rank and broadcast against `like` by th.second.
static Value filledLike(OpBuilder &b, Location loc, Value like, double c) {
  auto type = cast<RankedTensorType>(like.getType());
  Type element = type.getElementType();
  auto scalarType = RankedTensorType::get({}, element);
  Attribute value = isa<FloatType>(element)
                        ? Attribute(FloatAttr::get(element, c))
                        : Attribute(IntegerAttr::get(element, int64_t(c)));
  Value scalar = th::ConstantOp::create(
      b, loc, DenseElementsAttr::get(scalarType, value));
  if (type.getRank() == 0)
    return scalar;
  Value padded = th::DimShuffleOp::create(
      b, loc, scalar, SmallVector<int64_t>(type.getRank(), -1));
  return th::SecondOp::create(b, loc, like, padded);
}

static LogicalResult expandGrad(th::GradOp grad) {
  Block *block = grad->getBlock();
  Location loc = grad.getLoc();
  llvm::DenseSet<Value> constants(grad.getConsiderConstant().begin(),
                                  grad.getConsiderConstant().end());

  // Values that depend on some wrt value through non-constant paths.
  llvm::DenseSet<Value> active;
  for (Value w : grad.getWrt())
    if (!constants.contains(w))
      active.insert(w);
  for (Operation &op : *block) {
    if (&op == grad.getOperation())
      break;
    bool depends = llvm::any_of(op.getOperands(), [&](Value v) {
      return active.contains(v) && !constants.contains(v);
    });
    if (depends)
      for (Value r : op.getResults())
        if (!constants.contains(r))
          active.insert(r);
  }

  OpBuilder b(grad);
  llvm::DenseMap<Value, Value> adjoint;
  Value cost = grad.getCost();
  if (active.contains(cost))
    adjoint[cost] = grad.getSeed() ? grad.getSeed()
                                   : filledLike(b, loc, cost, 1.0);

  // Reverse accumulation over the ops before the th.grad, last first.
  SmallVector<Operation *> ops;
  for (Operation &op : *block) {
    if (&op == grad.getOperation())
      break;
    ops.push_back(&op);
  }
  for (Operation *op : llvm::reverse(ops)) {
    if (op->getNumResults() != 1)
      continue;
    Value result = op->getResult(0);
    auto it = adjoint.find(result);
    if (it == adjoint.end() || !active.contains(result))
      continue;
    // A wrt value is a leaf here, whatever op made it.
    bool hasActiveOperand = llvm::any_of(op->getOperands(), [&](Value v) {
      return active.contains(v) && !constants.contains(v);
    });
    if (!hasActiveOperand)
      continue;
    auto differentiable = dyn_cast<th::DifferentiableOpInterface>(op);
    if (!differentiable)
      return op->emitError("the gradient of '")
             << op->getName() << "' is not defined, but the cost depends on "
             << "a wrt value through it";
    SmallVector<Value> operandGrads;
    if (failed(differentiable.buildVJP(b, it->second, operandGrads)))
      return failure();
    for (auto [operand, g] : llvm::zip(op->getOperands(), operandGrads)) {
      if (!g || !active.contains(operand) || constants.contains(operand))
        continue;
      Value &acc = adjoint[operand];
      acc = acc ? Value(th::AddOp::create(b, loc, acc, g)) : g;
    }
  }

  for (auto [wrt, result] : llvm::zip(grad.getWrt(), grad.getGrads())) {
    Value g = adjoint.lookup(wrt);
    if (!g) // Not connected: zeros (disconnected_inputs was checked earlier).
      g = filledLike(b, loc, wrt, 0.0);
    if (g.getType() != wrt.getType())
      // Same dtype and rank; a static size where the wrt is dynamic.
      g = th::SecondOp::create(b, loc, wrt, g);
    if (g.getType() != wrt.getType())
      return grad.emitError("internal: gradient of type ")
             << g.getType() << " for a wrt value of type " << wrt.getType();
    result.replaceAllUsesWith(g);
  }
  grad.erase();
  return success();
}

LogicalResult tcc::expandGradient(Operation *gradOp) {
  return expandGrad(cast<th::GradOp>(gradOp));
}

namespace {
struct ExpandGradientsPass
    : tcc::impl::ExpandGradientsBase<ExpandGradientsPass> {
  void runOnOperation() override {
    // In program order, so a gradient of a gradient sees the inner one
    // already expanded.
    SmallVector<th::GradOp> grads;
    getOperation().walk([&](th::GradOp g) { grads.push_back(g); });
    for (th::GradOp g : grads)
      if (failed(expandGrad(g)))
        return signalPassFailure();
  }
};
} // namespace
