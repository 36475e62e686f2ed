//===- Compile.cpp - The compilation pipeline of the driver ---------------===//

#include "Compile.h"
#include "GraphPrint.h"

#include "AST/AST.h"
#include "CodeGen/Manifest.h"
#include "CodeGen/ModelHeader.h"
#include "CodeGen/ObjectEmitter.h"
#include "CodeGen/Pipeline.h"
#include "CodeGen/ReferenceFunctions.h"
#include "Eval/Interpreter.h"
#include "Parse/Parser.h"
#include "Passes/Rewrites.h"
#include "Pipeline/Registration.h"
#include "Th/IR/ThOps.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <map>
#include <optional>
#include <set>

using namespace mlir;
using namespace tcc;

static std::string defaultOutput(const DriverOptions &o) {
  llvm::SmallString<128> path(o.input);
  const char *ext = o.emit == "obj" ? ".o" : o.emit == "asm" ? ".s" : ".so";
  llvm::sys::path::replace_extension(path, ext);
  return std::string(llvm::sys::path::filename(path));
}

/// Writes text stages to -o FILE, or stdout.
static int writeText(const DriverOptions &o,
                     llvm::function_ref<void(llvm::raw_ostream &)> print) {
  if (o.output.empty() || o.output == "-") {
    print(llvm::outs());
    return 0;
  }
  std::error_code ec;
  llvm::ToolOutputFile out(o.output, ec, llvm::sys::fs::OF_Text);
  if (ec) {
    llvm::errs() << "tcc: error: cannot write '" << o.output
                 << "': " << ec.message() << "\n";
    return 1;
  }
  print(out.os());
  out.keep();
  return 0;
}

/// The phases --optimizer-including/excluding know, besides rewrite names.
static const std::vector<std::string> kPhases = {
    "stabilize",        "specialize",     "canonicalize", "fusion",
    "reduction_fusion", "product_fusion", "blas",         "inplace"};

static bool setPhase(PipelineOptions &p, llvm::StringRef phase, bool on) {
  if (phase == "stabilize")
    p.stabilize = on;
  else if (phase == "specialize")
    p.specialize = on;
  else if (phase == "canonicalize")
    p.optimize = on;
  else if (phase == "fusion")
    p.fusion = on;
  else if (phase == "reduction_fusion")
    p.reductionFusion = on;
  else if (phase == "product_fusion")
    p.productFusion = on;
  else if (phase == "blas")
    p.blas = on;
  else if (phase == "inplace")
    p.inplace = on;
  else
    return false;
  return true;
}

/// Theano's optimizer flags and -O / --no-stabilize as pipeline options.
static LogicalResult configureOptimizer(const DriverOptions &o,
                                        MLIRContext &context,
                                        PipelineOptions &p) {
  if (o.optimizer == "fast_compile") {
    p.specialize = p.fusion = p.blas = p.inplace = false; // keep canonicalize + stabilize
  } else if (o.optimizer == "None") {
    p.stabilize = p.optimize = false;
  } else if (o.optimizer != "fast_run") {
    llvm::errs() << "tcc: error: --optimizer must be fast_run, fast_compile "
                    "or None, got '"
                 << o.optimizer << "'\n";
    return failure();
  }
  if (o.optLevel == 0)
    p.optimize = false;
  if (o.noStabilize)
    p.stabilize = false;
  std::vector<std::string> rewrites = rewriteNames(&context);
  auto apply = [&](const std::vector<std::string> &names, bool on) {
    for (const std::string &name : names) {
      if (setPhase(p, name, on))
        continue;
      if (llvm::is_contained(rewrites, name)) {
        if (!on)
          p.disabledRewrites.push_back(name);
        else
          llvm::erase(p.disabledRewrites, name);
        continue;
      }
      llvm::errs() << "tcc: error: unknown optimization '" << name
                   << "'; phases: " << llvm::join(kPhases, ", ")
                   << "; rewrites: " << llvm::join(rewrites, ", ") << "\n";
      return failure();
    }
    return success();
  };
  if (failed(apply(o.optimizerIncluding, true)) ||
      failed(apply(o.optimizerExcluding, false)))
    return failure();
  return success();
}

/// `tcc pp`: every function, or only the one named (a function, or the
/// variable evaluated like var.eval()).
static void printFunctions(ModuleOp module, const DriverOptions &o,
                           llvm::raw_ostream &os) {
  for (th::FuncOp func : module.getOps<th::FuncOp>())
    if (o.evalVariable.empty() || func.getSymName() == o.evalVariable)
      printPretty(func, os);
}

/// --rewrite-report: each rewrite that fired, how often and where.
static void printRewriteReport(llvm::raw_ostream &os) {
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> byRule;
  for (const RewriteEvent &e : recordedRewrites()) {
    byRule[{e.phase, e.rewrite}].push_back(formatSourceLocation(e.loc));
  }
  os << "rewrite report: " << recordedRewrites().size() << " rewrites\n";
  for (auto &[rule, places] : byRule) {
    os << "  " << rule.first << ": " << rule.second << " x" << places.size()
       << " at";
    std::set<std::string> unique(places.begin(), places.end());
    for (const std::string &p : unique)
      os << " " << p;
    os << "\n";
  }
}

bool tcc::isKnownDevice(const std::string &device) {
  llvm::StringRef name(device);
  unsigned index;
  return name == "cpu" || name == "cuda" ||
         (name.consume_front("cuda") && !name.getAsInteger(10, index));
}

/// The GPU a cudaN device names (0 for cuda), or -1 for the CPU.
static int cudaDeviceIndex(llvm::StringRef device) {
  unsigned index = 0;
  if (!device.consume_front("cuda"))
    return -1;
  if (!device.empty())
    (void)device.getAsInteger(10, index);
  return static_cast<int>(index);
}

/// The CUDA toolkit to build kernels with: $CUDA_HOME, $CUDA_PATH or
/// /usr/local/cuda, the first that has bin/ptxas.
static std::optional<std::string> findCudaToolkit() {
  const char *candidates[] = {std::getenv("CUDA_HOME"),
                              std::getenv("CUDA_PATH"), "/usr/local/cuda"};
  for (const char *candidate : candidates) {
    if (!candidate || !*candidate)
      continue;
    llvm::SmallString<128> ptxas(candidate);
    llvm::sys::path::append(ptxas, "bin", "ptxas");
    if (llvm::sys::fs::can_execute(ptxas))
      return std::string(candidate);
  }
  return std::nullopt;
}

int tcc::compileModel(const DriverOptions &o) {
  // Before the work that the choice of CPU comes at the end of.
  if (failed(checkMarch(o.march)))
    return 1;
  static bool passesRegistered = [] {
    registerAllPasses();
    return true;
  }();
  (void)passesRegistered;
  DialectRegistry registry;
  registerAllDialects(registry);
  MLIRContext context(registry);
  context.loadDialect<th::ThDialect>();
  context.allowUnregisteredDialects(false);
  // Diagnostics point into the user's program; an MLIR dump of the op
  // would mean nothing there.
  context.printOpOnDiagnostic(false);

  auto buffer = llvm::MemoryBuffer::getFile(o.input, /*IsText=*/true);
  if (!buffer) {
    llvm::errs() << "tcc: error: cannot read '" << o.input
                 << "': " << buffer.getError().message() << "\n";
    return 1;
  }
  llvm::SourceMgr sourceMgr;
  llvm::StringRef source = (*buffer)->getBuffer();
  sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);

  bool syntaxError = false;
  std::unique_ptr<ast::Module> program = parseProgram(
      source, o.input, [&](ast::SourceLoc loc, const std::string &message) {
        syntaxError = true;
        emitError(FileLineColLoc::get(&context, o.input, loc.line, loc.col))
            << message;
      });
  if (!program || syntaxError)
    return 1;
  if (o.emit == "ast") {
    return writeText(o, [&](llvm::raw_ostream &os) { ast::dump(*program, os); });
  }

  eval::EvalOptions evalOptions;
  evalOptions.floatX =
      o.floatX == "float32" ? numpy::DType::Float32 : numpy::DType::Float64;
  evalOptions.maxWhileIterations = o.maxWhileIterations;
  eval::Interpreter interp(context, o.input, evalOptions);
  FailureOr<OwningOpRef<ModuleOp>> built = interp.run(*program);
  if (failed(built))
    return 1;
  OwningOpRef<ModuleOp> module = std::move(*built);
  if (!o.evalVariable.empty() &&
      !SymbolTable::lookupSymbolIn(*module, o.evalVariable) &&
      failed(interp.addEvalFunction(*module, o.evalVariable)))
    return 1;
  if (failed(verify(*module))) {
    llvm::errs() << "tcc: internal error: the th module does not verify\n";
    return 1;
  }
  OpPrintingFlags flags;
  flags.elideLargeElementsAttrs(16);
  if (o.printDebugInfo)
    flags.enableDebugInfo(/*enable=*/true, /*prettyForm=*/true);
  if (o.emit == "th")
    return writeText(o, [&](llvm::raw_ostream &os) {
      module->print(os, flags);
      os << "\n";
    });
  if (o.emit == "pp")
    return writeText(o, [&](llvm::raw_ostream &os) { printFunctions(*module, o, os); });

  PipelineOptions pipeline;
  pipeline.printIRAfterAll = o.printIRAfterAll;
  if (failed(configureOptimizer(o, context, pipeline)))
    return 1;
  pipeline.dumpDir = o.dumpDir;
  pipeline.crashReproducer = o.crashReproducer;
  pipeline.testPass = o.testPass;
  int cudaDevice = cudaDeviceIndex(o.device);
  pipeline.cuda = cudaDevice >= 0;
  pipeline.gpuChip = o.cudaArch;
  if (pipeline.cuda &&
      !llvm::is_contained({"ast", "th", "th-grad", "th-opt", "pp", "pp-opt",
                           "dot", "header", "linalg"},
                          o.emit)) {
    std::optional<std::string> toolkit = findCudaToolkit();
    if (!toolkit) {
      llvm::errs() << "tcc: error: --device=" << o.device
                   << " needs the CUDA toolkit's ptxas to compile kernels; "
                      "none in $CUDA_HOME/bin, $CUDA_PATH/bin or "
                      "/usr/local/cuda/bin\n";
      return 1;
    }
    pipeline.cudaToolkit = *toolkit;
  }
  pipeline.nanGuard = o.nanGuard;
  pipeline.profile = o.profile;
  // Each op its own kernel, so the NaN guard names the op that made the
  // bad value, not the loop nest it was fused into; and no update in place,
  // so a call the guard stops leaves every shared variable as it was.
  if (o.nanGuard)
    pipeline.fusion = pipeline.inplace = false;
  if (!o.dumpDir.empty() && failed(dumpModule(*module, o.dumpDir, "th")))
    return 1;
  // --debug-mode: the same program lowered at -O0, to check the optimized
  // functions against (ReferenceFunctions.h); merged in after lowering.
  OwningOpRef<ModuleOp> reference;
  if (o.debugMode) {
    reference = module->clone();
    PipelineOptions o0 = pipeline;
    o0.optimize = o0.inplace = o0.nanGuard = o0.profile = false;
    o0.dumpDir.clear();
    o0.printIRAfterAll = false;
    setRewriteRecording(false);
    if (failed(expandGradients(*reference, o0)) ||
        failed(optimizeGraph(*reference, o0)) ||
        failed(lowerToLinalg(*reference, o0)))
      return 1;
  }
  setRewriteRecording(o.rewriteReport);
  struct ReportOnExit {
    bool on;
    ~ReportOnExit() {
      if (on)
        printRewriteReport(llvm::errs());
    }
  } report{o.rewriteReport};
  if (failed(expandGradients(*module, pipeline)))
    return 1;
  if (o.emit == "th-grad")
    return writeText(o, [&](llvm::raw_ostream &os) {
      module->print(os, flags);
      os << "\n";
    });
  if (failed(optimizeGraph(*module, pipeline)))
    return 1;
  if (o.emit == "th-opt")
    return writeText(o, [&](llvm::raw_ostream &os) {
      module->print(os, flags);
      os << "\n";
    });
  if (o.emit == "pp-opt")
    return writeText(o, [&](llvm::raw_ostream &os) { printFunctions(*module, o, os); });
  if (o.emit == "dot")
    return writeText(o, [&](llvm::raw_ostream &os) { printDot(*module, os); });

  llvm::SmallString<64> modelName(o.modelName.empty()
                                      ? llvm::sys::path::stem(o.input)
                                      : llvm::StringRef(o.modelName));
  for (char &c : modelName)
    if (!isalnum(c))
      c = '_';
  FailureOr<ModelManifest> manifest =
      buildManifest(*module, modelName, o.input, o.floatX);
  if (failed(manifest))
    return 1;
  if (pipeline.cuda) {
    manifest->json.getAsObject()->insert({"device", "cuda"});
    manifest->json.getAsObject()->insert({"cuda_device", cudaDevice});
  }
  if (o.emit == "header")
    return writeText(o, [&](llvm::raw_ostream &os) { printModelHeader(os, *manifest); });

  if (failed(lowerToLinalg(*module, pipeline)))
    return 1;
  if (reference) {
    if (o.debugModePerturb)
      perturbFirstFloatOutputs(*module);
    if (failed(mergeReferenceFunctions(*module, *reference)))
      return 1;
    manifest->json.getAsObject()->insert({"debug_mode", true});
  }
  if (o.emit == "linalg")
    return writeText(o, [&](llvm::raw_ostream &os) {
      module->print(os, flags);
      os << "\n";
    });
  if (failed(lowerToLLVMDialect(*module, pipeline)))
    return 1;
  recordLoweringResults(*module, *manifest);
  if (o.emit == "llvm")
    return writeText(o, [&](llvm::raw_ostream &os) {
      module->print(os, flags);
      os << "\n";
    });

  llvm::LLVMContext llvmContext;
  CodeGenOptions codegen;
  codegen.march = o.march;
  codegen.optLevel = o.optLevel;
  std::unique_ptr<llvm::Module> llvmModule =
      buildLLVMModule(*module, *manifest, llvmContext, codegen);
  if (!llvmModule)
    return 1;
  if (o.emit == "llvm-ir")
    return writeText(o, [&](llvm::raw_ostream &os) { llvmModule->print(os, nullptr); });

  std::string output = o.output.empty() ? defaultOutput(o) : o.output;
  if (o.emit == "asm" || o.emit == "obj")
    return failed(emitObject(*llvmModule, output, o.emit == "asm", codegen));

  llvm::SmallString<128> object;
  if (llvm::sys::fs::createTemporaryFile("tcc", "o", object)) {
    llvm::errs() << "tcc: error: cannot create a temporary file\n";
    return 1;
  }
  llvm::FileRemover removeObject(object);
  if (failed(emitObject(*llvmModule, object, false, codegen)))
    return 1;
  return failed(linkSharedLibrary(object, output, o.argv0));
}
