//===- GraphPrint.cpp - theano.pp and pydotprint for th functions ---------===//

#include "GraphPrint.h"

#include "NumPy/NDArray.h"
#include "Th/IR/ThOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;

/// The name a value has in the source: an input's th.name, a shared
/// variable's symbol, a declared variable's name; empty otherwise.
static std::string nameOf(Value v) {
  if (auto arg = dyn_cast<BlockArgument>(v))
    if (auto func = dyn_cast<th::FuncOp>(arg.getOwner()->getParentOp()))
      if (auto name = func.getArgAttrOfType<StringAttr>(arg.getArgNumber(),
                                                        "th.name"))
        return name.str();
  if (auto read = v.getDefiningOp<th::ReadOp>())
    return read.getVar().str();
  if (auto var = v.getDefiningOp<th::VariableOp>())
    return var.getName().str();
  return "";
}

static std::string constantText(th::ConstantOp op) {
  auto attr = dyn_cast<DenseElementsAttr>(op.getValue());
  if (attr && attr.isSplat()) {
    std::string s;
    llvm::raw_string_ostream os(s);
    if (isa<FloatType>(attr.getElementType()))
      os << tcc::numpy::PyScalar::ofFloat(
                attr.getSplatValue<APFloat>().convertToDouble())
                .repr();
    else if (attr.getElementType().isInteger(1))
      os << (attr.getSplatValue<bool>() ? "True" : "False");
    else
      os << attr.getSplatValue<APInt>().getSExtValue();
    return "TensorConstant{" + s + "}";
  }
  return "TensorConstant{...}";
}

static const char *infixSymbol(Operation *op) {
  return llvm::TypeSwitch<Operation *, const char *>(op)
      .Case([](th::AddOp) { return "+"; })
      .Case([](th::SubOp) { return "-"; })
      .Case([](th::MulOp) { return "*"; })
      .Case([](th::TrueDivOp) { return "/"; })
      .Case([](th::IntDivOp) { return "//"; })
      .Case([](th::ModOp) { return "%"; })
      .Case([](th::PowOp) { return "**"; })
      .Case([](th::LtOp) { return "<"; })
      .Case([](th::LeOp) { return "<="; })
      .Case([](th::GtOp) { return ">"; })
      .Case([](th::GeOp) { return ">="; })
      .Case([](th::AndOp) { return "&"; })
      .Case([](th::OrOp) { return "|"; })
      .Case([](th::XorOp) { return "^"; })
      .Default([](Operation *) { return nullptr; });
}

/// Theano's pp: an expression tree in infix form, named leaves by name.
static std::string pretty(Value v) {
  std::string name = nameOf(v);
  if (!name.empty())
    return name;
  Operation *op = v.getDefiningOp();
  if (!op)
    return "<input>";
  if (auto c = dyn_cast<th::ConstantOp>(op))
    return constantText(c);
  if (const char *sym = infixSymbol(op))
    return "(" + pretty(op->getOperand(0)) + " " + sym + " " +
           pretty(op->getOperand(1)) + ")";
  if (isa<th::NegOp>(op))
    return "-" + pretty(op->getOperand(0));
  std::string args;
  for (Value operand : op->getOperands())
    args += (args.empty() ? "" : ", ") + pretty(operand);
  std::string opName = op->getName().stripDialect().str();
  if (auto ds = dyn_cast<th::DimShuffleOp>(op)) {
    std::string pattern;
    for (int64_t p : ds.getPattern())
      pattern += (pattern.empty() ? "" : ",") +
                 (p < 0 ? std::string("x") : std::to_string(p));
    return "DimShuffle{" + pattern + "}(" + args + ")";
  }
  if (auto axes = op->getAttrOfType<DenseI64ArrayAttr>("axes")) {
    std::string list;
    for (int64_t a : axes.asArrayRef())
      list += (list.empty() ? "" : ", ") + std::to_string(a);
    opName[0] = toupper(opName[0]);
    return opName + "{axis=[" + list + "]}(" + args + ")";
  }
  if (auto cast = dyn_cast<th::CastOp>(op)) {
    std::string t;
    llvm::raw_string_ostream os(t);
    os << cast.getType().getElementType();
    return "Cast{" + t + "}(" + args + ")";
  }
  return opName + "(" + args + ")";
}

void tcc::printPretty(th::FuncOp func, llvm::raw_ostream &os) {
  os << func.getSymName() << "(";
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    os << (i ? ", " : "")
       << nameOf(func.getBody().front().getArgument(i));
  os << "):\n";
  auto ret = cast<th::ReturnOp>(func.getBody().front().getTerminator());
  for (auto [i, out] : llvm::enumerate(ret.getOutputs())) {
    auto name = func.getResultAttrOfType<StringAttr>(i, "th.name");
    os << "  " << (name ? name.str() : "output" + std::to_string(i)) << " = "
       << pretty(out) << "\n";
  }
  func.walk([&](th::UpdateOp update) {
    os << "  " << update.getVar() << " <- " << pretty(update.getValue())
       << "\n";
  });
}

void tcc::printDot(ModuleOp module, llvm::raw_ostream &os) {
  os << "digraph th {\n  rankdir=BT;\n  node [fontname=\"Helvetica\"];\n";
  unsigned cluster = 0;
  for (th::FuncOp func : module.getOps<th::FuncOp>()) {
    llvm::DenseMap<Value, std::string> ids;
    unsigned counter = 0;
    std::string prefix = "f" + std::to_string(cluster);
    os << "  subgraph cluster_" << cluster++ << " {\n    label=\""
       << func.getSymName() << "\";\n";
    auto node = [&](Value v) -> std::string {
      auto it = ids.find(v);
      if (it != ids.end())
        return it->second;
      std::string id = prefix + "_" + std::to_string(counter++);
      ids[v] = id;
      std::string label = nameOf(v);
      std::string shape = "box";
      if (Operation *op = v.getDefiningOp()) {
        if (auto c = dyn_cast<th::ConstantOp>(op))
          label = constantText(c);
        else if (label.empty())
          label = op->getName().stripDialect().str();
        else
          shape = "ellipse";
        if (isa<th::ReadOp>(op))
          shape = "ellipse";
      } else {
        shape = "ellipse";
      }
      std::string type;
      llvm::raw_string_ostream ts(type);
      ts << v.getType();
      os << "    " << id << " [label=\"" << label << "\\n" << type
         << "\", shape=" << shape << "];\n";
      return id;
    };
    for (BlockArgument arg : func.getBody().front().getArguments())
      node(arg);
    func.walk([&](Operation *op) {
      if (isa<th::FuncOp>(op))
        return;
      if (isa<th::ReturnOp>(op)) {
        for (auto [i, v] : llvm::enumerate(op->getOperands()))
          os << "    " << node(v) << " -> " << prefix << "_out" << i
             << ";\n    " << prefix << "_out" << i << " [label=\"output " << i
             << "\", shape=plaintext];\n";
        return;
      }
      if (auto update = dyn_cast<th::UpdateOp>(op)) {
        std::string id = prefix + "_upd_" + update.getVar().str();
        os << "    " << id << " [label=\"update " << update.getVar()
           << "\", shape=plaintext];\n    " << node(update.getValue())
           << " -> " << id << ";\n";
        return;
      }
      if (op->getNumResults() != 1)
        return;
      std::string id = node(op->getResult(0));
      for (Value operand : op->getOperands())
        os << "    " << node(operand) << " -> " << id << ";\n";
    });
    os << "  }\n";
  }
  os << "}\n";
}
