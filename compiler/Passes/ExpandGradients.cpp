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

Value tcc::filledLike(OpBuilder &b, Location loc, Value like, double c) {
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

/// The ops that run before `grad` in its function, in program order,
/// including those of enclosing blocks (a gradient inside a th.stack body
/// differentiates through the function's ops before the stack).
static SmallVector<Operation *> precedingOps(Operation *grad) {
  Operation *func = grad->getParentOp();
  while (func->getParentOp() && !isa<ModuleOp>(func->getParentOp()))
    func = func->getParentOp();
  SmallVector<Operation *> ops;
  func->walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (op == grad)
      return WalkResult::interrupt();
    if (op != func)
      ops.push_back(op);
    return WalkResult::advance();
  });
  return ops;
}

static LogicalResult expandGrad(th::GradOp grad) {
  Location loc = grad.getLoc();
  SmallVector<Operation *> ops = precedingOps(grad);
  llvm::DenseSet<Value> constants(grad.getConsiderConstant().begin(),
                                  grad.getConsiderConstant().end());

  // Values that depend on some wrt value through non-constant paths.
  llvm::DenseSet<Value> active;
  for (Value w : grad.getWrt())
    active.insert(w);
  for (Operation *op : ops) {
    // A constant value is active only if it is itself a wrt: the gradient
    // reaches it but does not flow through it (Theano's consider_constant).
    bool depends = llvm::any_of(op->getOperands(),
                                [&](Value v) { return active.contains(v); });
    if (depends)
      for (Value r : op->getResults())
        if (!constants.contains(r))
          active.insert(r);
  }

  OpBuilder b(grad);
  llvm::DenseMap<Value, Value> adjoint;
  Value cost = grad.getCost();
  if (active.contains(cost))
    adjoint[cost] =
        grad.getSeed() ? grad.getSeed() : tcc::filledLike(b, loc, cost, 1.0);

  auto accumulate = [&](Value operand, Value g) {
    if (!g || !active.contains(operand))
      return;
    Value &acc = adjoint[operand];
    acc = acc ? Value(th::AddOp::create(b, loc, acc, g)) : g;
  };
  // Reverse accumulation over the ops before the th.grad, last first.
  for (Operation *op : llvm::reverse(ops)) {
    if (auto scan = dyn_cast<th::ScanOp>(op)) {
      // Several results: back-propagation through time (ScanGradient.cpp).
      SmallVector<Value> resultGrads;
      for (Value r : scan.getResults())
        resultGrads.push_back(active.contains(r) && !constants.contains(r)
                                  ? adjoint.lookup(r)
                                  : Value());
      if (llvm::all_of(resultGrads, [](Value g) { return !g; }) ||
          llvm::none_of(scan->getOperands(),
                        [&](Value v) { return active.contains(v); }))
        continue;
      SmallVector<Value> operandGrads;
      if (failed(tcc::buildScanVJP(b, scan, resultGrads, operandGrads)))
        return failure();
      for (auto [operand, g] : llvm::zip(scan->getOperands(), operandGrads))
        accumulate(operand, g);
      continue;
    }
    if (op->getNumResults() != 1)
      continue;
    Value result = op->getResult(0);
    auto it = adjoint.find(result);
    if (it == adjoint.end() || !active.contains(result) ||
        constants.contains(result))
      continue;
    // A wrt value is a leaf here, whatever op made it.
    bool hasActiveOperand = llvm::any_of(
        op->getOperands(), [&](Value v) { return active.contains(v); });
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
    for (auto [operand, g] : llvm::zip(op->getOperands(), operandGrads))
      accumulate(operand, g);
  }

  for (auto [wrt, result] : llvm::zip(grad.getWrt(), grad.getGrads())) {
    Value g = adjoint.lookup(wrt);
    if (!g) // Not connected: zeros (disconnected_inputs was checked earlier).
      g = tcc::filledLike(b, loc, wrt, 0.0);
    if (g.getType() != wrt.getType())
      // A constant in the graph gave the gradient a static size where the
      // wrt is dynamic: forget it.
      g = th::CastOp::create(b, loc, wrt.getType(), g);
    if (g.getType() != wrt.getType())
      return grad.emitError("internal: gradient of type ")
             << g.getType() << " for a wrt value of type " << wrt.getType();
    result.replaceAllUsesWith(g);
  }
  grad.erase();
  return success();
}

/// th.jacobian y wrt x -> th.stack over y's elements of the gradient of y
/// seeded with the one-hot vector of the element (Theano's scan form).
static LogicalResult expandJacobian(th::JacobianOp jacobian) {
  Location loc = jacobian.getLoc();
  OpBuilder b(jacobian);
  Value y = jacobian.getExpression(), x = jacobian.getWrt();
  auto stack = th::StackOp::create(b, loc, jacobian.getType(), y, x,
                                   b.getI64IntegerAttr(0));
  Block *body = new Block();
  stack.getBody().push_back(body);
  Value index = body->addArgument(
      RankedTensorType::get({}, b.getI64Type()), loc);
  b.setInsertionPointToStart(body);
  Value seed = th::OneHotOp::create(b, loc, y, index);
  auto grad = th::GradOp::create(b, loc, TypeRange{x.getType()}, y, seed,
                                 ValueRange{x}, ValueRange{});
  th::YieldOp::create(b, loc, grad.getGrads()[0]);
  jacobian.replaceAllUsesWith(stack.getResult());
  jacobian.erase();
  return expandGrad(grad);
}

LogicalResult tcc::expandGradient(Operation *gradOp) {
  if (auto jacobian = dyn_cast<th::JacobianOp>(gradOp))
    return expandJacobian(jacobian);
  return expandGrad(cast<th::GradOp>(gradOp));
}

namespace {
struct ExpandGradientsPass
    : tcc::impl::ExpandGradientsBase<ExpandGradientsPass> {
  void runOnOperation() override {
    // In program order, so a gradient of a gradient sees the inner one
    // already expanded.
    SmallVector<Operation *> grads;
    getOperation().walk([&](Operation *op) {
      if (isa<th::GradOp, th::JacobianOp>(op))
        grads.push_back(op);
    });
    for (Operation *g : grads)
      if (failed(tcc::expandGradient(g)))
        return signalPassFailure();
  }
};
} // namespace
