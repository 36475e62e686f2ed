//===- TestShapes.cpp - Compile-time shapes from test values --------------===//
//
// `x.tag.test_value = v` (Theano's compute_test_value) gives x v's shape.
// Every op built afterwards gets the shape its result would have, from the
// test values, constants and shared variables' current values, and a size
// mismatch is reported at the expression that causes it, at compile time,
// instead of when the function is called. Only shapes are computed, never
// values, so this costs nothing at run time and little at compile time.
//
//===----------------------------------------------------------------------===//

#include "Eval/ArrayAttr.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "Th/IR/ThOps.h"

#include "PythonIntegers.h"

#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

using Shape = std::vector<int64_t>;

/// An int64 scalar's value where it is a constant.
static std::optional<int64_t> constantInt(Value v) {
  auto c = v.getDefiningOp<th::ConstantOp>();
  auto dense = c ? llvm::dyn_cast<DenseIntElementsAttr>(c.getValue())
                 : DenseIntElementsAttr();
  if (!dense || !dense.isSplat())
    return std::nullopt;
  return dense.getSplatValue<APInt>().getSExtValue();
}

void TensorBuilder::registerTag(const InstanceObject *tag, Value value) {
  tagOwners[tag] = value;
}

void TensorBuilder::setTestValue(const InstanceObject *tag,
                                 const ObjectPtr &value, Location loc) {
  auto it = tagOwners.find(tag);
  if (it == tagOwners.end())
    return;
  Value var = it->second;
  FailureOr<numpy::NDArray> array = objectToArray(interp, value, loc);
  auto type = llvm::cast<RankedTensorType>(var.getType());
  const Shape &shape = array->shape();
  if (int64_t(shape.size()) != type.getRank())
    interp.error(loc, llvm::formatv("test value has {0} dimensions but the "
                                    "variable is {1}",
                                    shape.size(), typeString(type)));
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.getDimSize(d) == 1 && shape[d] != 1)
      interp.error(loc, llvm::formatv("test value has size {0} in dimension "
                                      "{1}, which the variable's type makes "
                                      "broadcastable (size 1)",
                                      shape[d], d));
  // A new test value changes every shape derived from the old one.
  testShapes.clear();
  testValueShapes[var] = shape;
}

static std::string shapeText(const Shape &s) {
  std::string text = "(";
  for (size_t i = 0; i < s.size(); ++i)
    text += (i ? ", " : "") + std::to_string(s[i]);
  return text + (s.size() == 1 ? ",)" : ")");
}

std::optional<int64_t> TensorBuilder::testInt(Value v) {
  if (std::optional<int64_t> c = constantInt(v))
    return c;
  if (auto shape = v.getDefiningOp<th::ShapeIOp>())
    if (std::optional<Shape> s = testShape(shape.getInput()))
      return (*s)[shape.getDim()];
  Operation *op = v.getDefiningOp();
  if (auto cast = dyn_cast_or_null<th::CastOp>(op))
    return testInt(cast.getInput());
  if (!isa_and_nonnull<th::AddOp, th::SubOp, th::MulOp, th::IntDivOp>(op))
    return std::nullopt;
  // Size arithmetic (x.shape[0] * 2): scalars of known values.
  std::optional<int64_t> a = testInt(op->getOperand(0));
  std::optional<int64_t> b = a ? testInt(op->getOperand(1)) : std::nullopt;
  if (!b)
    return std::nullopt;
  if (isa<th::AddOp>(op))
    return *a + *b;
  if (isa<th::SubOp>(op))
    return *a - *b;
  if (isa<th::MulOp>(op))
    return *a * *b;
  return python::floorDivide(*a, *b);
}

std::optional<Shape> TensorBuilder::testShape(Value v) {
  if (auto root = testValueShapes.find(v); root != testValueShapes.end())
    return root->second;
  auto it = testShapes.find(v);
  if (it != testShapes.end())
    return it->second;
  Operation *op = v.getDefiningOp();
  std::optional<Shape> result;
  if (!op) {
    testShapes[v] = std::nullopt;
    return std::nullopt;
  }
  // A gradient has the shape of its wrt value.
  if (auto grad = dyn_cast<th::GradOp>(op)) {
    result =
        testShape(grad.getWrt()[llvm::cast<OpResult>(v).getResultNumber()]);
    testShapes[v] = result;
    return result;
  }
  // Operand shapes first (all of them must be known).
  SmallVector<Shape> operands;
  bool known = true;
  for (Value operand : op->getOperands()) {
    std::optional<Shape> s = testShape(operand);
    if (!s) {
      known = false;
      break;
    }
    operands.push_back(*s);
  }
  Location loc = op->getLoc();
  auto mismatch = [&](const llvm::Twine &what) {
    std::string shapes;
    for (const Shape &s : operands)
      shapes += (shapes.empty() ? "" : " and ") + shapeText(s);
    interp.error(loc, "shape mismatch with the test values: " + what +
                          " (operand shapes " + shapes + ")");
  };

  if (auto c = dyn_cast<th::ConstantOp>(op)) {
    auto type = llvm::cast<ShapedType>(c.getValue().getType());
    result = Shape(type.getShape().begin(), type.getShape().end());
  } else if (auto read = dyn_cast<th::ReadOp>(op)) {
    // A shared variable's test value is its current value (Theano).
    auto shared = llvm::cast_or_null<th::SharedOp>(
        SymbolTable::lookupSymbolIn(getOutputModule(), read.getVar()));
    if (shared) {
      auto type = llvm::cast<ShapedType>(shared.getInitialValue().getType());
      result = Shape(type.getShape().begin(), type.getShape().end());
    }
  } else if (!known) {
    result = std::nullopt;
  } else if (op->hasTrait<th::OpTrait::ElementwiseBroadcastable>()) {
    Shape out(operands.front().size(), 1);
    for (size_t d = 0; d < out.size(); ++d)
      for (const Shape &s : operands) {
        if (s[d] == 1)
          continue;
        if (out[d] != 1 && out[d] != s[d])
          mismatch(llvm::formatv("dimension {0} has sizes {1} and {2}", d,
                                 out[d], s[d]));
        out[d] = s[d];
      }
    result = out;
  } else if (isa<th::CastOp, th::GradientStopOp, th::RebroadcastOp,
                 th::SoftmaxOp, th::LogSoftmaxOp, th::CumSumOp, th::CumProdOp,
                 th::ArgsortOp>(op)) {
    result = operands.front();
  } else if (isa<th::ShapeIOp>(op)) {
    result = Shape();
  } else if (auto alloc = dyn_cast<th::AllocOp>(op)) {
    // Sizes known at compile time: constants and the test values' sizes.
    Shape out;
    for (Value size : alloc.getSizes()) {
      std::optional<int64_t> n = testInt(size);
      if (!n)
        break;
      out.push_back(*n);
    }
    if (out.size() == alloc.getSizes().size())
      result = out;
  } else if (auto reshape = dyn_cast<th::ReshapeOp>(op)) {
    int64_t count = 1, known = 1;
    for (int64_t n : operands.front())
      count *= n;
    Shape out;
    std::optional<size_t> rest;
    for (Value size : reshape.getSizes()) {
      std::optional<int64_t> n = testInt(size);
      if (!n)
        break;
      if (*n == -1)
        rest = out.size();
      else
        known *= *n;
      out.push_back(*n);
    }
    if (out.size() == reshape.getSizes().size()) {
      if (rest && known != 0 && count % known == 0)
        out[*rest] = count / known;
      if ((rest && (known == 0 || count % known != 0)) ||
          (!rest && known != count))
        mismatch(llvm::formatv("cannot reshape {0} elements into shape {1}",
                               count, shapeText(out)));
      result = out;
    }
  } else if (auto sub = dyn_cast<th::SubtensorOp>(op)) {
    // Slices with constant bounds, and integer indices (dropped).
    const Shape &in = operands.front();
    auto entries = th::getIndexEntries(sub.getStarts(), sub.getStops(),
                                       sub.getSteps(), sub.getDynamic());
    Shape out;
    bool allConstant = true;
    for (size_t d = 0; d < in.size() && allConstant; ++d) {
      if (d >= entries.size()) {
        out.push_back(in[d]);
        continue;
      }
      const th::IndexEntry &e = entries[d];
      std::optional<int64_t> step = e.constantStep();
      allConstant = !e.start.dynamic && !e.stop.dynamic && step;
      if (!allConstant || e.isIndex)
        continue;
      out.push_back(
          th::sliceLength(in[d], e.start.constant, e.stop.constant, *step));
    }
    if (allConstant)
      result = out;
  } else if (auto ds = dyn_cast<th::DimShuffleOp>(op)) {
    Shape out;
    for (int64_t p : ds.getPattern())
      out.push_back(p < 0 ? 1 : operands.front()[p]);
    result = out;
  } else if (isa<th::SumOp, th::ProdOp, th::MeanOp, th::MaxOp, th::MinOp,
                 th::ArgmaxOp, th::ArgminOp>(op)) {
    auto axes = llvm::cast<DenseI64ArrayAttr>(op->getAttr("axes")).asArrayRef();
    Shape out;
    for (size_t d = 0; d < operands.front().size(); ++d)
      if (!llvm::is_contained(axes, int64_t(d)))
        out.push_back(operands.front()[d]);
    result = out;
  } else if (auto join = dyn_cast<th::JoinOp>(op)) {
    Shape out = operands.front();
    int64_t axis = join.getAxis();
    out[axis] = 0;
    for (const Shape &s : operands) {
      for (size_t d = 0; d < out.size(); ++d)
        if (int64_t(d) != axis && s[d] != operands.front()[d])
          mismatch(llvm::formatv("join along axis {0} needs equal sizes in "
                                 "dimension {1}, got {2} and {3}",
                                 axis, d, operands.front()[d], s[d]));
      out[axis] += s[axis];
    }
    result = out;
  } else if (auto piece = dyn_cast<th::JoinPieceOp>(op)) {
    result = operands[1 + piece.getIndex()];
  } else if (isa<th::DotOp>(op)) {
    const Shape &a = operands[0], &b = operands[1];
    if (a.back() != b.front())
      mismatch(llvm::formatv("dot contracts sizes {0} and {1}", a.back(),
                             b.front()));
    Shape out;
    if (a.size() == 2)
      out.push_back(a[0]);
    if (b.size() == 2)
      out.push_back(b[1]);
    result = out;
  }
  testShapes[v] = result;
  return result;
}
