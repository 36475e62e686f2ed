//===- ThDialect.cpp - The th dialect -------------------------------------===//

#include "Th/IR/ThDialect.h"
#include "Th/IR/ThOps.h"

using namespace mlir;
using namespace mlir::th;

#include "Th/IR/ThOpsDialect.cpp.inc"

void ThDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "Th/IR/ThOps.cpp.inc"
      >();
}

Operation *ThDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, elements);
}
