//===- ThEnums.td - Enumerations of th attributes -----------*- tablegen -*-===//

#ifndef TH_ENUMS
#define TH_ENUMS

include "mlir/IR/EnumAttr.td"

// What a pooling window computes (th.pool2d): the average modes are sums
// divided by counts, built by the front end.
def Th_PoolModeMax : I32EnumAttrCase<"Max", 0, "max">;
def Th_PoolModeSum : I32EnumAttrCase<"Sum", 1, "sum">;
def Th_PoolMode : I32EnumAttr<"PoolMode", "what a pooling window computes",
                              [Th_PoolModeMax, Th_PoolModeSum]> {
  let cppNamespace = "::mlir::th";
}

#endif // TH_ENUMS
