//===- ThDialect.h - The th dialect -----------------------------*- C++ -*-===//

#ifndef TH_IR_THDIALECT_H
#define TH_IR_THDIALECT_H

#include "mlir/IR/Dialect.h"

#include "Th/IR/ThOpsDialect.h.inc"

#endif // TH_IR_THDIALECT_H
