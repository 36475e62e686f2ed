//===- ThInterfaces.h - Interfaces of th ops --------------------*- C++ -*-===//

#ifndef TH_IR_THINTERFACES_H
#define TH_IR_THINTERFACES_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"

#include "Th/IR/ThInterfaces.h.inc"

#endif // TH_IR_THINTERFACES_H
