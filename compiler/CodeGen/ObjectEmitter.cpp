//===- ObjectEmitter.cpp - LLVM dialect to an object file -----------------===//

#include "CodeGen/ObjectEmitter.h"
#include "CodeGen/VectorMath.h"

#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace tcc;

/// The LLVM target for the machine tcc runs on (it compiles for that
/// architecture and OS), or null after printing why not.
static const llvm::Target *nativeTarget(const llvm::Triple &triple) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    llvm::errs() << "tcc: error: " << error << "\n";
  return target;
}

LogicalResult tcc::checkMarch(llvm::StringRef march) {
  if (march == "host")
    return success();
  llvm::Triple triple(llvm::sys::getDefaultTargetTriple());
  const llvm::Target *target = nativeTarget(triple);
  if (!target)
    return failure();
  std::unique_ptr<llvm::MCSubtargetInfo> info(
      target->createMCSubtargetInfo(triple, "", ""));
  if (info && info->isCPUStringValid(march))
    return success();
  llvm::errs() << "tcc: error: unknown CPU '" << march
               << "' for --march; use host (this machine), x86-64 (the "
                  "default: any x86-64), x86-64-v2, x86-64-v3, x86-64-v4, "
                  "or a CPU name LLVM knows, such as skylake-avx512 or "
                  "znver4\n";
  return failure();
}

static std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const CodeGenOptions &options) {
  llvm::Triple triple(llvm::sys::getDefaultTargetTriple());
  const llvm::Target *target = nativeTarget(triple);
  if (!target)
    return nullptr;
  bool host = options.march == "host";
  std::string cpu = host ? llvm::sys::getHostCPUName().str() : options.march;
  // A named CPU brings its own features; the host's are read from it (a
  // virtual machine may hide some its CPU model would have).
  std::string features;
  if (host) {
    for (auto &f : llvm::sys::getHostCPUFeatures())
      features += (f.second ? "+" : "-") + f.first().str() + ",";
  }
  llvm::TargetOptions targetOptions;
  return std::unique_ptr<llvm::TargetMachine>(target->createTargetMachine(
      triple, cpu, features, targetOptions, llvm::Reloc::PIC_));
}

static void addBytes(llvm::Module &m, llvm::StringRef name,
                     llvm::ArrayRef<char> bytes, unsigned align) {
  auto *init = llvm::ConstantDataArray::get(
      m.getContext(),
      llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(bytes.data()),
                              bytes.size()));
  auto *gv = new llvm::GlobalVariable(m, init->getType(), /*isConstant=*/true,
                                      llvm::GlobalValue::ExternalLinkage, init,
                                      name);
  gv->setAlignment(llvm::Align(align));
  gv->setVisibility(llvm::GlobalValue::HiddenVisibility);
}

std::unique_ptr<llvm::Module>
tcc::buildLLVMModule(ModuleOp module, const ModelManifest &manifest,
                     llvm::LLVMContext &context,
                     const CodeGenOptions &options) {
  std::unique_ptr<llvm::Module> m = translateModuleToLLVMIR(module, context);
  if (!m) {
    llvm::errs() << "tcc: internal error: translation to LLVM IR failed\n";
    return nullptr;
  }
  llvm::IRBuilder<> b(context);
  llvm::Type *ptr = llvm::PointerType::getUnqual(context);
  llvm::Type *i32 = b.getInt32Ty();

  // Everything generated is internal to the model library, except the
  // tcc_fn_* entry points added below.
  for (llvm::Function &f : *m)
    if (!f.isDeclaration())
      f.setVisibility(llvm::GlobalValue::HiddenVisibility);

  std::string json;
  llvm::raw_string_ostream os(json);
  os << manifest.json;
  std::vector<char> manifestBytes(json.begin(), json.end());
  manifestBytes.push_back(0);
  addBytes(*m, "__tcc_manifest", manifestBytes, 1);
  std::vector<char> data = manifest.data;
  if (data.empty())
    data.push_back(0);
  addBytes(*m, "__tcc_data", data, 64);
  auto *size = new llvm::GlobalVariable(
      *m, b.getInt64Ty(), true, llvm::GlobalValue::ExternalLinkage,
      b.getInt64(manifest.data.size()), "__tcc_data_size");
  size->setVisibility(llvm::GlobalValue::HiddenVisibility);

  auto *tccCall = llvm::Function::Create(
      llvm::FunctionType::get(i32, {i32, ptr, i32, ptr, i32}, false),
      llvm::GlobalValue::ExternalLinkage, "tcc_call_index", *m);

  // void <name>(ptr results, ptr args): unpacks the argument array into
  // the kernel's C interface.
  auto trampoline = [&](llvm::Function *ciface, const std::string &name,
                        size_t numArgs) {
    auto *kernel = llvm::Function::Create(
        llvm::FunctionType::get(b.getVoidTy(), {ptr, ptr}, false),
        llvm::GlobalValue::ExternalLinkage, name, *m);
    kernel->setVisibility(llvm::GlobalValue::HiddenVisibility);
    b.SetInsertPoint(llvm::BasicBlock::Create(context, "entry", kernel));
    std::vector<llvm::Value *> callArgs;
    unsigned numParams = ciface->getFunctionType()->getNumParams();
    bool hasResults = numParams > numArgs;
    if (hasResults)
      callArgs.push_back(kernel->getArg(0));
    for (size_t a = 0; a < numArgs; ++a) {
      llvm::Value *slot = b.CreateConstGEP1_64(ptr, kernel->getArg(1), a);
      callArgs.push_back(b.CreateLoad(ptr, slot));
    }
    b.CreateCall(ciface, callArgs);
    b.CreateRetVoid();
    return kernel;
  };

  // --debug-mode's -O0 versions (null entries without it).
  bool debugMode = manifest.json.getAsObject()->get("debug_mode") != nullptr;
  std::vector<llvm::Constant *> kernels, references;
  const auto &functions = *manifest.json.getAsObject()->getArray("functions");
  for (size_t i = 0; i < manifest.functionNames.size(); ++i) {
    const std::string &name = manifest.functionNames[i];
    llvm::Function *ciface = m->getFunction("_mlir_ciface_" + name);
    llvm::Function *reference =
        debugMode ? m->getFunction("_mlir_ciface___tcc_reference_" + name)
                  : nullptr;
    if (!ciface || (debugMode && !reference)) {
      llvm::errs() << "tcc: internal error: no kernel for '" << name << "'\n";
      return nullptr;
    }
    const llvm::json::Object &fn = *functions[i].getAsObject();
    size_t numArgs =
        fn.getArray("inputs")->size() + fn.getArray("reads")->size();
    kernels.push_back(
        trampoline(ciface, "__tcc_kernel_" + std::to_string(i), numArgs));
    references.push_back(
        reference ? static_cast<llvm::Constant *>(trampoline(
                        reference,
                        "__tcc_reference_kernel_" + std::to_string(i), numArgs))
                  : llvm::ConstantPointerNull::get(
                        llvm::PointerType::getUnqual(context)));

    // int tcc_fn_<name>(const tcc_array *inputs, tcc_array *outputs)
    auto *entry = llvm::Function::Create(
        llvm::FunctionType::get(i32, {ptr, ptr}, false),
        llvm::GlobalValue::ExternalLinkage, "tcc_fn_" + name, *m);
    b.SetInsertPoint(llvm::BasicBlock::Create(context, "entry", entry));
    int32_t numInputs = fn.getArray("inputs")->size();
    int32_t numOutputs = fn.getArray("outputs")->size();
    b.CreateRet(b.CreateCall(tccCall, {b.getInt32(i), entry->getArg(0),
                                       b.getInt32(numInputs), entry->getArg(1),
                                       b.getInt32(numOutputs)}));
  }
  auto *tableType = llvm::ArrayType::get(ptr, kernels.size());
  for (auto [entries, name] :
       {std::pair{&kernels, "__tcc_kernels"},
        std::pair{&references, "__tcc_reference_kernels"}}) {
    auto *table = new llvm::GlobalVariable(
        *m, tableType, true, llvm::GlobalValue::ExternalLinkage,
        llvm::ConstantArray::get(tableType, *entries), name);
    table->setVisibility(llvm::GlobalValue::HiddenVisibility);
  }

  std::unique_ptr<llvm::TargetMachine> tm = createTargetMachine(options);
  if (!tm)
    return nullptr;
  m->setTargetTriple(tm->getTargetTriple());
  m->setDataLayout(tm->createDataLayout());
  if (llvm::verifyModule(*m, &llvm::errs())) {
    llvm::errs() << "tcc: internal error: invalid LLVM IR\n";
    return nullptr;
  }

  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(tm.get());
  // Registered before the defaults, so the vectorizer sees libmvec.
  fam.registerPass([&] {
    return llvm::TargetLibraryAnalysis(createVectorMathLibraryInfo(*tm));
  });
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel level = options.optLevel == 0   ? llvm::OptimizationLevel::O0
                                  : options.optLevel == 1 ? llvm::OptimizationLevel::O1
                                  : options.optLevel == 2 ? llvm::OptimizationLevel::O2
                                                          : llvm::OptimizationLevel::O3;
  if (options.optLevel > 0) {
    llvm::ModulePassManager mpm = pb.buildPerModuleDefaultPipeline(level);
    mpm.run(*m, mam);
  }
  return m;
}

LogicalResult tcc::emitObject(llvm::Module &module, llvm::StringRef path,
                              bool assembly, const CodeGenOptions &options) {
  std::unique_ptr<llvm::TargetMachine> tm = createTargetMachine(options);
  if (!tm)
    return failure();
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_None);
  if (ec) {
    llvm::errs() << "tcc: error: cannot write '" << path
                 << "': " << ec.message() << "\n";
    return failure();
  }
  llvm::legacy::PassManager pm;
  if (tm->addPassesToEmitFile(pm, out, nullptr,
                              assembly ? llvm::CodeGenFileType::AssemblyFile
                                       : llvm::CodeGenFileType::ObjectFile)) {
    llvm::errs() << "tcc: internal error: cannot emit object files\n";
    return failure();
  }
  pm.run(module);
  return success();
}

/// The runtime archive and version script, found in ../lib beside the
/// executable: the build tree and an install have the same layout, so tcc
/// can be moved with its lib/.
static std::string runtimeFile(const char *argv0, llvm::StringRef name) {
  std::string exe = llvm::sys::fs::getMainExecutable(argv0, (void *)&runtimeFile);
  llvm::SmallString<256> path(llvm::sys::path::parent_path(exe));
  llvm::sys::path::append(path, "..", "lib", name);
  llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
  return std::string(path);
}

LogicalResult tcc::linkSharedLibrary(llvm::StringRef object,
                                     llvm::StringRef output,
                                     const char *argv0) {
  std::string runtime = runtimeFile(argv0, "libtccrt.a");
  std::string versionScript = runtimeFile(argv0, "tcc/tcc.map");
  for (const std::string &file : {runtime, versionScript})
    if (!llvm::sys::fs::exists(file)) {
      llvm::errs() << "tcc: error: the runtime file '" << file
                   << "' is missing (tcc looks in ../lib beside its "
                      "executable; is the install complete?)\n";
      return failure();
    }
  llvm::ErrorOr<std::string> cc = llvm::sys::findProgramByName("cc");
  if (!cc) {
    llvm::errs() << "tcc: error: no C compiler driver ('cc') to link with\n";
    return failure();
  }
  std::string scriptArg = "-Wl,--version-script=" + versionScript;
  // The file name as soname: programs linked against the model record
  // "libmodel.so", not the path it had at build time.
  std::string sonameArg =
      "-Wl,-soname," + llvm::sys::path::filename(output).str();
  llvm::SmallVector<llvm::StringRef> args = {*cc,
                                             "-shared",
                                             "-o",
                                             output,
                                             object,
                                             runtime,
                                             "-lopenblas",
                                             "-lstdc++",
                                             "-lmvec",
                                             "-lm",
                                             scriptArg,
                                             sonameArg,
                                             "-Wl,--undefined=tcc_manifest",
                                             "-Wl,--no-undefined"};
#ifdef TCC_MODEL_LINK_FLAGS
  // A sanitized build's runtime needs the sanitizer's (TCCSanitizers.cmake).
  llvm::SmallVector<llvm::StringRef> sanitizerFlags;
  llvm::StringRef(TCC_MODEL_LINK_FLAGS).split(sanitizerFlags, ' ');
  args.append(sanitizerFlags.begin(), sanitizerFlags.end());
#endif
  std::string error;
  int rc = llvm::sys::ExecuteAndWait(*cc, args, std::nullopt, {}, 0, 0, &error);
  if (rc != 0) {
    llvm::errs() << "tcc: error: linking '" << output << "' failed"
                 << (error.empty() ? "" : ": " + error) << "\n";
    return failure();
  }
  return success();
}
