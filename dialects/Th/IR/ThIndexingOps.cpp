//===- ThIndexingOps.cpp - reshape and the subtensor ops
//-------------------===//
//
// Theano's Reshape, Subtensor, IncSubtensor and set_subtensor: verifiers,
// folders and the `%x[1:, ::-1, %i]` index-list syntax.
//
//===----------------------------------------------------------------------===//

#include "Th/IR/ThIndexing.h"
#include "Th/IR/ThOps.h"

#include "mlir/IR/Matchers.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::th;

//===----------------------------------------------------------------------===//
// Index lists
//===----------------------------------------------------------------------===//

SmallVector<IndexEntry> mlir::th::getIndexEntries(ArrayRef<int64_t> starts,
                                                  ArrayRef<int64_t> stops,
                                                  ArrayRef<int64_t> steps,
                                                  ValueRange dynamic) {
  SmallVector<IndexEntry> entries;
  size_t next = 0;
  auto bound = [&](int64_t v) {
    IndexBound b;
    if (v == ShapedType::kDynamic)
      b.dynamic = next < dynamic.size() ? dynamic[next++] : Value();
    else if (v != kNoBound && v != kIndexEntry)
      b.constant = v;
    return b;
  };
  for (size_t i = 0; i < starts.size(); ++i) {
    IndexEntry e;
    e.isIndex = stops[i] == kIndexEntry;
    e.start = bound(starts[i]);
    e.stop = bound(stops[i]);
    e.step = bound(steps[i]);
    entries.push_back(e);
  }
  return entries;
}

IndexList mlir::th::buildIndexList(ArrayRef<IndexEntry> entries) {
  IndexList list;
  auto add = [&](const IndexBound &b, SmallVectorImpl<int64_t> &out) {
    if (b.dynamic) {
      out.push_back(ShapedType::kDynamic);
      list.dynamic.push_back(b.dynamic);
    } else {
      out.push_back(b.constant.value_or(kNoBound));
    }
  };
  for (const IndexEntry &e : entries) {
    add(e.start, list.starts);
    if (e.isIndex) {
      list.stops.push_back(kIndexEntry);
      list.steps.push_back(kNoBound);
      continue;
    }
    add(e.stop, list.stops);
    add(e.step, list.steps);
  }
  return list;
}

static LogicalResult fail(std::string &why, const llvm::Twine &message) {
  why = message.str();
  return failure();
}

FailureOr<RankedTensorType>
mlir::th::inferSubtensorType(RankedTensorType input, ArrayRef<int64_t> starts,
                             ArrayRef<int64_t> stops, ArrayRef<int64_t> steps,
                             ValueRange dynamic, std::string &why) {
  if (stops.size() != starts.size() || steps.size() != starts.size())
    return fail(why, "starts, stops and steps must have one length");
  if (static_cast<int64_t>(starts.size()) > input.getRank())
    return fail(why, llvm::formatv("has {0} indices for a tensor of rank {1}",
                                   starts.size(), input.getRank()));
  int64_t numDynamic = llvm::count(starts, ShapedType::kDynamic) +
                       llvm::count(stops, ShapedType::kDynamic) +
                       llvm::count(steps, ShapedType::kDynamic);
  if (numDynamic != static_cast<int64_t>(dynamic.size()))
    return fail(why, llvm::formatv("has {0} dynamic bounds but {1} operands",
                                   numDynamic, dynamic.size()));
  SmallVector<int64_t> shape;
  for (auto [d, e] :
       llvm::enumerate(getIndexEntries(starts, stops, steps, dynamic))) {
    int64_t n = input.getDimSize(d);
    if (e.isIndex) {
      if (steps[d] != kNoBound || !e.start.present())
        return fail(why, llvm::formatv("index {0} has no value or a step", d));
      if (e.start.constant && !ShapedType::isDynamic(n) &&
          (*e.start.constant >= n || *e.start.constant < -n))
        return fail(why, llvm::formatv("index {0} is out of bounds for axis "
                                       "{1} with size {2}",
                                       *e.start.constant, d, n));
      continue;
    }
    std::optional<int64_t> step = e.constantStep();
    if (step == 0)
      return fail(why, llvm::formatv("slice {0} has step 0", d));
    if (e.isFullSlice())
      shape.push_back(n);
    else if (ShapedType::isDynamic(n) || !step || e.start.dynamic ||
             e.stop.dynamic)
      shape.push_back(ShapedType::kDynamic);
    else
      shape.push_back(sliceLength(n, e.start.constant, e.stop.constant, *step));
  }
  for (int64_t d = starts.size(); d < input.getRank(); ++d)
    shape.push_back(input.getDimSize(d));
  return RankedTensorType::get(shape, input.getElementType());
}

ParseResult mlir::th::parseIndexList(
    OpAsmParser &parser,
    SmallVectorImpl<OpAsmParser::UnresolvedOperand> &dynamic,
    SmallVectorImpl<int64_t> &starts, SmallVectorImpl<int64_t> &stops,
    SmallVectorImpl<int64_t> &steps) {
  // A bound: an integer, an operand, or nothing (kNoBound).
  auto parseBound = [&](int64_t &out) -> ParseResult {
    OpAsmParser::UnresolvedOperand operand;
    OptionalParseResult isOperand = parser.parseOptionalOperand(operand);
    if (isOperand.has_value()) {
      if (failed(*isOperand))
        return failure();
      dynamic.push_back(operand);
      out = ShapedType::kDynamic;
      return success();
    }
    int64_t value;
    OptionalParseResult isInt = parser.parseOptionalInteger(value);
    if (isInt.has_value()) {
      if (failed(*isInt))
        return failure();
      out = value;
      return success();
    }
    out = kNoBound;
    return success();
  };
  auto parseEntry = [&]() -> ParseResult {
    int64_t start, stop = kIndexEntry, step = kNoBound;
    if (parseBound(start))
      return failure();
    if (succeeded(parser.parseOptionalColon())) {
      if (parseBound(stop))
        return failure();
      if (succeeded(parser.parseOptionalColon()) && parseBound(step))
        return failure();
    } else if (start == kNoBound) {
      return parser.emitError(parser.getCurrentLocation(),
                              "expected an index or a slice");
    }
    starts.push_back(start);
    stops.push_back(stop);
    steps.push_back(step);
    return success();
  };
  return parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Square,
                                        parseEntry);
}

void mlir::th::printIndexList(OpAsmPrinter &p, ArrayRef<int64_t> starts,
                              ArrayRef<int64_t> stops, ArrayRef<int64_t> steps,
                              ValueRange dynamic) {
  size_t next = 0;
  auto printBound = [&](int64_t v) {
    if (v == ShapedType::kDynamic)
      p << dynamic[next++];
    else if (v != kNoBound && v != kIndexEntry)
      p << v;
  };
  p << '[';
  for (size_t i = 0; i < starts.size(); ++i) {
    if (i)
      p << ", ";
    printBound(starts[i]);
    if (stops[i] == kIndexEntry)
      continue;
    p << ':';
    printBound(stops[i]);
    if (steps[i] != kNoBound) {
      p << ':';
      printBound(steps[i]);
    }
  }
  p << ']';
}

static const llvm::StringRef kIndexAttrs[] = {"starts", "stops", "steps"};

/// The end of parsing an op with an index list (whose run-time bounds are
/// its last operands): those operands, the list's attributes, the result.
static ParseResult
resolveIndexList(OpAsmParser &parser, OperationState &result,
                 ArrayRef<OpAsmParser::UnresolvedOperand> dynamic,
                 ArrayRef<int64_t> starts, ArrayRef<int64_t> stops,
                 ArrayRef<int64_t> steps, Type resultType) {
  Builder &b = parser.getBuilder();
  auto i64 = RankedTensorType::get({}, b.getI64Type());
  if (parser.resolveOperands(dynamic, i64, result.operands))
    return failure();
  result.addAttribute("starts", b.getDenseI64ArrayAttr(starts));
  result.addAttribute("stops", b.getDenseI64ArrayAttr(stops));
  result.addAttribute("steps", b.getDenseI64ArrayAttr(steps));
  result.addTypes(resultType);
  return success();
}

//===----------------------------------------------------------------------===//
// SubtensorOp
//===----------------------------------------------------------------------===//

ParseResult SubtensorOp::parse(OpAsmParser &parser, OperationState &result) {
  OpAsmParser::UnresolvedOperand input;
  SmallVector<OpAsmParser::UnresolvedOperand> dynamic;
  SmallVector<int64_t> starts, stops, steps;
  RankedTensorType inputType, resultType;
  if (parser.parseOperand(input) ||
      parseIndexList(parser, dynamic, starts, stops, steps) ||
      parser.parseOptionalAttrDict(result.attributes) || parser.parseColon() ||
      parser.parseType(inputType) || parser.parseArrow() ||
      parser.parseType(resultType))
    return failure();
  if (parser.resolveOperand(input, inputType, result.operands))
    return failure();
  return resolveIndexList(parser, result, dynamic, starts, stops, steps,
                          resultType);
}

void SubtensorOp::print(OpAsmPrinter &p) {
  p << ' ' << getInput();
  printIndexList(p, getStarts(), getStops(), getSteps(), getDynamic());
  p.printOptionalAttrDict((*this)->getAttrs(), kIndexAttrs);
  p << " : " << getInput().getType() << " -> " << getType();
}

LogicalResult SubtensorOp::verify() {
  std::string why;
  FailureOr<RankedTensorType> expected =
      inferSubtensorType(getInput().getType(), getStarts(), getStops(),
                         getSteps(), getDynamic(), why);
  if (failed(expected))
    return emitOpError(why);
  if (*expected != getType())
    return emitOpError("result must have type ")
           << *expected << ", got " << getType();
  return success();
}

OpFoldResult SubtensorOp::fold(FoldAdaptor) {
  for (const IndexEntry &e :
       getIndexEntries(getStarts(), getStops(), getSteps(), getDynamic()))
    if (!e.isFullSlice())
      return {};
  return getInput().getType() == getType() ? getInput() : Value();
}

//===----------------------------------------------------------------------===//
// IncSubtensorOp / SetSubtensorOp
//===----------------------------------------------------------------------===//

static ParseResult parseIncSubtensor(OpAsmParser &parser,
                                     OperationState &result) {
  OpAsmParser::UnresolvedOperand input, value;
  SmallVector<OpAsmParser::UnresolvedOperand> dynamic;
  SmallVector<int64_t> starts, stops, steps;
  RankedTensorType inputType, valueType, resultType;
  if (parser.parseOperand(input) ||
      parseIndexList(parser, dynamic, starts, stops, steps) ||
      parser.parseComma() || parser.parseOperand(value) ||
      parser.parseOptionalAttrDict(result.attributes) || parser.parseColon() ||
      parser.parseType(inputType) || parser.parseComma() ||
      parser.parseType(valueType) || parser.parseArrow() ||
      parser.parseType(resultType))
    return failure();
  if (parser.resolveOperand(input, inputType, result.operands) ||
      parser.resolveOperand(value, valueType, result.operands))
    return failure();
  return resolveIndexList(parser, result, dynamic, starts, stops, steps,
                          resultType);
}

template <typename OpT> static void printIncSubtensor(OpT op, OpAsmPrinter &p) {
  p << ' ' << op.getInput();
  printIndexList(p, op.getStarts(), op.getStops(), op.getSteps(),
                 op.getDynamic());
  p << ", " << op.getValue();
  p.printOptionalAttrDict(op->getAttrs(), kIndexAttrs);
  p << " : " << op.getInput().getType() << ", " << op.getValue().getType()
    << " -> " << op.getType();
}

/// The value must broadcast to `input[index]`: no higher rank, and each of
/// its trailing dimensions is 1 or the region's size (where that is known).
LogicalResult mlir::th::verifyValueFitsRegion(Operation *op,
                                              RankedTensorType region,
                                              RankedTensorType value) {
  if (value.getElementType() != region.getElementType())
    return op->emitOpError("value must have the input's element type ")
           << region.getElementType();
  int64_t offset = region.getRank() - value.getRank();
  if (offset < 0)
    return op->emitOpError("value of rank ")
           << value.getRank() << " does not fit a region of rank "
           << region.getRank();
  for (int64_t d = 0; d < value.getRank(); ++d) {
    int64_t v = value.getDimSize(d), r = region.getDimSize(d + offset);
    if (v != 1 && !ShapedType::isDynamic(v) && !ShapedType::isDynamic(r) &&
        v != r)
      return op->emitOpError("value of shape ")
             << value << " does not broadcast to the region " << region;
  }
  return success();
}

template <typename OpT> static LogicalResult verifyIncSubtensor(OpT op) {
  std::string why;
  FailureOr<RankedTensorType> region =
      inferSubtensorType(op.getInput().getType(), op.getStarts(), op.getStops(),
                         op.getSteps(), op.getDynamic(), why);
  if (failed(region))
    return op.emitOpError(why);
  if (op.getType() != op.getInput().getType())
    return op.emitOpError("result must have the input's type ")
           << op.getInput().getType();
  return verifyValueFitsRegion(op, *region,
                               cast<RankedTensorType>(op.getValue().getType()));
}

ParseResult IncSubtensorOp::parse(OpAsmParser &parser, OperationState &result) {
  return parseIncSubtensor(parser, result);
}
void IncSubtensorOp::print(OpAsmPrinter &p) { printIncSubtensor(*this, p); }
LogicalResult IncSubtensorOp::verify() { return verifyIncSubtensor(*this); }

ParseResult SetSubtensorOp::parse(OpAsmParser &parser, OperationState &result) {
  return parseIncSubtensor(parser, result);
}
void SetSubtensorOp::print(OpAsmPrinter &p) { printIncSubtensor(*this, p); }
LogicalResult SetSubtensorOp::verify() { return verifyIncSubtensor(*this); }

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

/// The value of a constant int64 scalar.
static std::optional<int64_t> constantSize(Value size) {
  DenseIntElementsAttr attr;
  if (!matchPattern(size, m_Constant(&attr)) || attr.getNumElements() != 1)
    return std::nullopt;
  return (*attr.begin()).getSExtValue();
}

LogicalResult ReshapeOp::verify() {
  auto input = getInput().getType();
  auto type = cast<RankedTensorType>(getType());
  if (type.getElementType() != input.getElementType())
    return emitOpError("result must have the input's element type ")
           << input.getElementType();
  if (type.getRank() != static_cast<int64_t>(getSizes().size()))
    return emitOpError("has ")
           << getSizes().size() << " sizes for a result of rank "
           << type.getRank();
  int numRest = 0;
  bool allConstant = true;
  SmallVector<int64_t> constants;
  for (auto [d, size] : llvm::enumerate(getSizes())) {
    std::optional<int64_t> c = constantSize(size);
    if (!c) {
      allConstant = false;
      continue;
    }
    if (*c == -1) {
      ++numRest;
      continue;
    }
    if (*c < 0)
      return emitOpError("size ") << d << " is negative (" << *c << ")";
    if (!type.isDynamicDim(d) && type.getDimSize(d) != *c)
      return emitOpError("result dimension ")
             << d << " has size " << type.getDimSize(d) << " but its size "
             << "operand is " << *c;
    constants.push_back(*c);
  }
  if (numRest > 1)
    return emitOpError("can have only one size of -1");
  // No tensor has more elements than an int64 counts (NumPy: "array is too
  // big"), whatever the other sizes are.
  std::optional<int64_t> count = tcc::python::elementCount(constants);
  if (!count)
    return emitOpError("sizes multiply past 64 bits");
  std::optional<int64_t> inputCount =
      input.hasStaticShape() ? tcc::python::elementCount(input.getShape())
                             : std::nullopt;
  if (allConstant && numRest == 0 && inputCount && *inputCount != *count)
    return emitOpError("cannot reshape ")
           << *inputCount << " elements into " << *count;
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  // Reshaping to the input's own sizes.
  auto input = getInput().getType();
  if (input != getType())
    return {};
  for (auto [d, size] : llvm::enumerate(getSizes())) {
    auto dim = size.getDefiningOp<ShapeIOp>();
    bool same = dim ? dim.getInput() == getInput() &&
                          dim.getDim() == static_cast<int64_t>(d)
                    : constantSize(size) == input.getDimSize(d) &&
                          !input.isDynamicDim(d);
    if (!same)
      return {};
  }
  return getInput();
}
