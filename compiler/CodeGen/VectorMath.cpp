//===- VectorMath.cpp - Vector variants of the math functions -------------===//

#include "CodeGen/VectorMath.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/MC/MCSubtargetInfo.h"

using namespace tcc;

namespace {

/// A libmvec function: its name, its number of arguments, and whether LLVM
/// has an intrinsic for it (llvm.<name>.f64), which the vectorizer looks up
/// by the intrinsic's name.
struct MathFunction {
  const char *name;
  unsigned arity;
  bool hasIntrinsic;
};

constexpr MathFunction kFunctions[] = {
    {"sin", 1, true},    {"cos", 1, true},    {"tan", 1, true},
    {"asin", 1, true},   {"acos", 1, true},   {"atan", 1, true},
    {"atan2", 2, true},  {"sinh", 1, true},   {"cosh", 1, true},
    {"tanh", 1, true},   {"asinh", 1, false}, {"acosh", 1, false},
    {"atanh", 1, false}, {"exp", 1, true},    {"exp2", 1, true},
    {"exp10", 1, true},  {"expm1", 1, false}, {"log", 1, true},
    {"log2", 1, true},   {"log10", 1, true},  {"log1p", 1, false},
    {"pow", 2, true},    {"cbrt", 1, false},  {"erf", 1, false},
    {"erfc", 1, false},
};

/// An x86 vector ABI instruction set: its mangling letter and register width.
struct VectorIsa {
  char letter;
  unsigned bits;
};

} // namespace

llvm::TargetLibraryInfoImpl
tcc::createVectorMathLibraryInfo(const llvm::TargetMachine &tm) {
  const llvm::Triple &triple = tm.getTargetTriple();
  llvm::TargetLibraryInfoImpl info(triple);
  if (triple.getArch() != llvm::Triple::x86_64 || !triple.isOSLinux() ||
      !triple.isGNUEnvironment())
    return info;

  // SSE2 is the x86-64 baseline; AVX2 and AVX-512 variants only where the
  // target machine has those instructions (they would fault elsewhere).
  // The subtarget's features: those of the named CPU (--march=skylake-avx512)
  // with the explicit ones (--march=host) applied.
  const llvm::MCSubtargetInfo *subtarget = tm.getMCSubtargetInfo();
  llvm::SmallVector<VectorIsa> isas = {{'b', 128}};
  if (subtarget->checkFeatures("+avx2"))
    isas.push_back({'d', 256});
  if (subtarget->checkFeatures("+avx512f"))
    isas.push_back({'e', 512});

  // VecDesc keeps StringRefs: the names live as long as the process.
  static llvm::StringSet<> names;
  auto keep = [](const std::string &s) {
    return names.insert(s).first->getKey();
  };
  llvm::SmallVector<llvm::VecDesc> descs;
  for (const MathFunction &fn : kFunctions) {
    std::string params(fn.arity, 'v');
    for (bool isFloat : {false, true}) {
      std::string scalar = std::string(fn.name) + (isFloat ? "f" : "");
      for (const VectorIsa &isa : isas) {
        unsigned lanes = isa.bits / (isFloat ? 32 : 64);
        std::string vf = "N" + std::to_string(lanes) + params;
        llvm::StringRef vector =
            keep(std::string("_ZGV") + isa.letter + vf + "_" + scalar);
        llvm::StringRef prefix = keep("_ZGV_LLVM_" + vf);
        auto count = llvm::ElementCount::getFixed(lanes);
        descs.emplace_back(keep(scalar), vector, count, /*Masked=*/false,
                           prefix, std::nullopt);
        if (fn.hasIntrinsic)
          descs.emplace_back(keep("llvm." + std::string(fn.name) +
                                  (isFloat ? ".f32" : ".f64")),
                             vector, count, /*Masked=*/false, prefix,
                             std::nullopt);
      }
    }
  }
  info.addVectorizableFunctions(descs);
  return info;
}
