//===- Pipeline.cpp - The named stages from th to LLVM --------------------===//

#include "CodeGen/Pipeline.h"
#include "CodeGen/CrashReproducer.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace mlir;

LogicalResult tcc::dumpModule(ModuleOp module, StringRef dir, StringRef name) {
  static unsigned counter = 0;
  if (std::error_code ec = llvm::sys::fs::create_directories(dir)) {
    llvm::errs() << "tcc: error: cannot create '" << dir
                 << "': " << ec.message() << "\n";
    return failure();
  }
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(
      path, llvm::formatv("{0:2}_{1}.mlir", counter++, name).str());
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec);
  if (ec) {
    llvm::errs() << "tcc: error: cannot write '" << path
                 << "': " << ec.message() << "\n";
    return failure();
  }
  module.print(out);
  return success();
}

namespace {
/// Writes the module after each pass into the dump directory.
struct DumpAfterPass : PassInstrumentation {
  std::string dir;
  explicit DumpAfterPass(std::string dir) : dir(std::move(dir)) {}
  void runAfterPass(Pass *pass, Operation *op) override {
    if (pass->getArgument().empty()) // a nesting adaptor, not a pass
      return;
    auto module = dyn_cast<ModuleOp>(op);
    if (!module)
      module = op->getParentOfType<ModuleOp>();
    if (module)
      (void)tcc::dumpModule(module, dir, pass->getArgument());
  }
};

/// Verifies the IR after every pass; IR that does not verify is a bug in the
/// pass, so this is a fatal error (the crash recovery of runPipeline), not a
/// diagnostic the user would take for a mistake of theirs. (MLIR's own
/// verifier reports it as an ordinary error.)
struct VerifyEachPass : PassInstrumentation {
  void runAfterPass(Pass *pass, Operation *op) override {
    if (pass->getArgument().empty() || succeeded(verify(op)))
      return;
    llvm::report_fatal_error(
        llvm::Twine("the IR does not verify after pass '") +
        pass->getArgument() + "'");
  }
};
} // namespace

const char *const tcc::kBugReportMessage =
    "PLEASE report this bug to the tcc developers (see docs/reliability.md), "
    "with the program and the reproducer if one was written.\n";

static LogicalResult runPipeline(ModuleOp module, llvm::StringRef pipeline,
                                 const tcc::PipelineOptions &options) {
  // Anchor on builtin.module and parse the pass list into it: a PassManager
  // anchored on `any` given "builtin.module(...)" silently runs nothing
  // (DESIGN §5).
  PassManager pm(module.getContext(), "builtin.module");
  std::string errors;
  llvm::raw_string_ostream os(errors);
  if (failed(parsePassPipeline(pipeline, pm, os))) {
    llvm::errs() << "internal error: bad pass pipeline: " << errors << "\n";
    return failure();
  }
  pm.enableVerifier(false);
  pm.addInstrumentation(std::make_unique<VerifyEachPass>());
  if (!options.dumpDir.empty()) {
    module.getContext()->disableMultithreading();
    pm.addInstrumentation(std::make_unique<DumpAfterPass>(options.dumpDir));
  }
  if (options.printIRAfterAll) {
    module.getContext()->disableMultithreading();
    pm.enableIRPrinting([](Pass *, Operation *) { return false; },
                        [](Pass *, Operation *) { return true; },
                        /*printModuleScope=*/true,
                        /*printAfterOnlyOnChange=*/false);
  }
  // A crash in a pass (a signal, an assertion, IR that does not verify) is
  // recovered here: the reproducer is the module as the pipeline got it.
  // A crash on one of MLIR's worker threads cannot be recovered; LLVM's
  // handler prints the stack and the bug report message, and the pending
  // reproducer's handler writes the reproducer and exits the same way.
  tcc::PendingReproducer pending(module, pipeline, options.crashReproducer);
  LogicalResult result = failure();
  llvm::CrashRecoveryContext::Enable();
  llvm::CrashRecoveryContext recovery;
  if (recovery.RunSafely([&] { result = pm.run(module); }))
    return result;
  std::string reproducer = pending.write();
  llvm::errs() << "tcc: internal error: the compiler crashed in the pass "
                  "pipeline\n";
  if (!reproducer.empty())
    llvm::errs() << "tcc: note: reproducer written to " << reproducer
                 << " (run it with `tcc-opt --run-reproducer " << reproducer
                 << "`)\n";
  llvm::errs() << tcc::kBugReportMessage;
  // The crashed pass unwound nothing: its memory and the context's state
  // are abandoned. Exit without running destructors or exit handlers
  // (which would walk that state, and LeakSanitizer would report it).
  llvm::errs().flush();
  std::_Exit(tcc::kInternalErrorExitCode);
}

/// `pass` with its disabled rewrites, in pipeline syntax.
static std::string withDisabled(const char *pass,
                                const tcc::PipelineOptions &options) {
  if (options.disabledRewrites.empty())
    return pass;
  return std::string(pass) +
         "{disable-patterns=" + llvm::join(options.disabledRewrites, ",") + "}";
}

LogicalResult tcc::expandGradients(ModuleOp module,
                                   const PipelineOptions &options) {
  std::string pipeline = "th-grad,th-scan-save-mem";
  if (options.stabilize)
    pipeline = withDisabled("th-stabilize", options) + "," + pipeline;
  return runPipeline(module, pipeline, options);
}

LogicalResult tcc::optimizeGraph(ModuleOp module,
                                 const PipelineOptions &options) {
  SmallVector<std::string> passes;
  if (options.optimize)
    passes.append({"canonicalize", "cse"});
  if (options.stabilize)
    passes.push_back(withDisabled("th-stabilize", options));
  if (options.optimize && options.specialize)
    passes.push_back(withDisabled("th-specialize", options));
  if (options.optimize && options.blas)
    passes.push_back(withDisabled("th-gemm", options));
  if (options.optimize)
    passes.append({"canonicalize", "cse"});
  if (!options.testPass.empty())
    passes.push_back(options.testPass);
  if (passes.empty())
    return success();
  return runPipeline(module, llvm::join(passes, ","), options);
}

LogicalResult tcc::lowerToLinalg(ModuleOp module,
                                 const PipelineOptions &options) {
  // Theano's elementwise fusion: chains of elementwise ops (broadcasting
  // included) become one linalg.generic, so one loop nest with no
  // temporaries; -O0 keeps one loop per op.
  // Theano's lazy ifelse: what only one branch uses moves into it, so the
  // branch not taken is not computed (at every level: it is semantics, an
  // index error in the other branch must not fire). Before canonicalize,
  // which would turn an scf.if that only yields into a select.
  // The NaN guard, the profile and the messages of failed allocations name
  // the th ops a kernel or a buffer came from: its location says.
  module.walk([](Operation *op) {
    // Ops that only name a value (a shared variable, a constant) compute
    // nothing a kernel would be known by.
    if (op->getDialect() && op->getDialect()->getNamespace() == "th" &&
        op->getNumRegions() == 0 &&
        !llvm::is_contained(
            {"shared", "read", "update", "variable", "constant", "return"},
            op->getName().stripDialect()))
      op->setLoc(NameLoc::get(
          StringAttr::get(op->getContext(), op->getName().stripDialect()),
          op->getLoc()));
  });
  // On the CPU, convolutions as one BLAS product per sample (im2col).
  bool convGemm = options.optimize && options.blas && !options.cuda;
  std::string pipeline =
      std::string("th-lower-functions,convert-th-to-linalg") +
      (convGemm ? "{conv-gemm}" : "") + ",control-flow-sink";
  if (options.optimize)
    pipeline += ",canonicalize,cse";
  if (options.optimize && options.fusion)
    pipeline += ",linalg-fuse-elementwise-ops,canonicalize,cse";
  // The rest of it: reductions over rows and their elementwise consumers
  // in one loop over rows.
  if (options.optimize && options.fusion && options.reductionFusion)
    pipeline += ",tcc-fuse-reductions,canonicalize,cse";
  // A linear model's two products over its data matrix in one pass over it.
  if (options.optimize && options.fusion && options.productFusion)
    pipeline += ",tcc-fuse-product-pairs,canonicalize,cse";
  // After fusion, so the elementwise op that computes a new value is the
  // one whose destination becomes the old value's buffer.
  if (options.optimize && options.inplace)
    pipeline += ",tcc-inplace-updates";
  // The kernels as they will run: after fusion. A guarded kernel's time
  // includes its check.
  if (options.profile)
    pipeline += ",tcc-profile";
  // The results of the kernels as they will run: after fusion.
  if (options.nanGuard)
    pipeline += ",tcc-nan-guard";
  // Again after fusion, for what fusion made single-use.
  pipeline += ",control-flow-sink,tcc-lower-index-checks";
  return runPipeline(module, pipeline, options);
}

/// --device=cuda: loops over the buffers (parallel ones as scf.parallel),
/// those a GPU can run mapped to blocks and threads and outlined into a
/// gpu.module of NVVM kernels; the rest stay host loops.
static std::string gpuKernels(const tcc::PipelineOptions &options) {
  return "func.func(convert-linalg-to-parallel-loops,tcc-map-loops-to-gpu),"
         "convert-parallel-loops-to-gpu,gpu-kernel-outlining,"
         "nvvm-attach-target{chip=" +
         options.gpuChip +
         " O=3},"
         // math ops libdevice has no function for become LLVM intrinsics
         // here: the host's convert-math-to-libm must find none left.
         "gpu.module(lower-affine,convert-scf-to-cf,convert-gpu-to-nvvm,"
         "convert-math-to-llvm,canonicalize,cse,reconcile-unrealized-casts),";
}

LogicalResult tcc::lowerToLLVMDialect(ModuleOp module,
                                      const PipelineOptions &options) {
  // Kernels get the C interface (`_mlir_ciface_<name>`, memref descriptors
  // passed by pointer), which the generated __tcc_kernel_<i> trampolines call.
  // Arguments are read-only (inputs belong to the caller, shared values
  // may be read concurrently), except the shared variables
  // tcc-inplace-updates marked writable: the runtime gives those a buffer
  // no one else reads while the kernel runs.
  module.walk([](func::FuncOp f) {
    if (f.isExternal()) // The runtime's, such as __tcc_index_error.
      return;
    f->setAttr("llvm.emit_c_interface", UnitAttr::get(f.getContext()));
    for (unsigned i = 0; i < f.getNumArguments(); ++i)
      if (!f.getArgAttr(i, "bufferization.writable"))
        f.setArgAttr(i, "bufferization.writable",
                     BoolAttr::get(f.getContext(), false));
  });
  return runPipeline(
      module,
      // A scan's carried state is a new value each step (ScanToLoops.cpp).
      "one-shot-bufferize{bufferize-function-boundaries "
      "allow-return-allocs-from-loops "
      "function-boundary-type-conversion=identity-layout-map}," +
          std::string(options.optimize && options.inplace
                          ? "tcc-drop-inplace-results,"
                          : "") +
          // Row temporaries of fused reductions: one buffer for all rows.
          "func.func(buffer-loop-hoisting),"
          "buffer-deallocation-pipeline,convert-bufferization-to-memref,"
          // Before the linalg ops that describe the buffers become loops.
          "tcc-name-allocations," +
          std::string(options.optimize && options.blas ? "tcc-linalg-to-blas,"
                                                       : "") +
          (options.cuda ? gpuKernels(options)
                        : "func.func(convert-linalg-to-loops),") +
          // Complex division, modulus, exp, log and sqrt as float
          // arithmetic (with care for overflow); what is left (create, re,
          // im) convert-to-llvm handles.
          "convert-complex-to-standard,memref-expand,expand-strided-"
          "metadata,"
          "lower-affine,convert-scf-to-cf,convert-math-to-funcs,"
          "convert-math-to-libm,"
          // Kernel buffers come from the runtime's allocator, which frees the
          // ones a failed index check leaves behind (docs/ABI.md).
          "finalize-memref-to-llvm{use-generic-functions},convert-to-llvm," +
          // The launches as calls of the runtime's mgpu* functions, the
          // kernels compiled by ptxas into a fatbin in the object.
          (options.cuda ? "gpu-to-llvm,reconcile-unrealized-casts,"
                          "gpu-module-to-binary{format=fatbin toolkit=" +
                              options.cudaToolkit + "}"
                        : std::string("reconcile-unrealized-casts")),
      options);
}
