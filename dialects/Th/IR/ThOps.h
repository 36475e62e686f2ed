//===- ThOps.h - Operations of the th dialect -------------------*- C++ -*-===//

#ifndef TH_IR_THOPS_H
#define TH_IR_THOPS_H

#include "Th/IR/ThDialect.h"
#include "Th/IR/ThIndexing.h"
#include "Th/IR/ThInterfaces.h"
#include "Th/IR/ThNNet.h"
#include "Th/IR/ThTraits.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::th {
/// The length of th.random_draw's packed generator state (624 MT19937 key
/// words, the position, the has-gauss flag, the cached gauss): the
/// runtime's tcc::legacy::kPackedStateLength.
constexpr int64_t kRandomStateLength = 627;
} // namespace mlir::th

#include "Th/IR/ThEnums.h.inc"

#define GET_OP_CLASSES
#include "Th/IR/ThOps.h.inc"

#endif // TH_IR_THOPS_H
