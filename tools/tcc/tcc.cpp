//===- tcc.cpp - The tcc compiler driver ----------------------------------===//
//
//   tcc model.th -o model.so [--emit=STAGE] [--print-ir-after-all]
//   tcc run model.th FUNCTION [--arg NAME=VALUE]... [--repeat N] [--json]
//           [--load CHECKPOINT.npz] [--save CHECKPOINT.npz]
//   tcc pp model.th [NAME] [--optimized]
//
// Stages (--emit): ast th th-grad th-opt linalg llvm llvm-ir asm obj so
// header.
//
//===----------------------------------------------------------------------===//

#include "Compile.h"
#include "Config.h"
#include "Run.h"

#include "CodeGen/Pipeline.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/PrettyStackTrace.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

/// TCC_OPTIONS (space-separated) is added to every command line, after the
/// subcommand if there is one: the test suite reruns its numeric tests with
/// TCC_OPTIONS=-O0 to check that the optimizer changes no result.
static std::vector<std::string> withEnvironmentOptions(int argc, char **argv) {
  std::vector<std::string> args(argv, argv + argc);
  const char *env = std::getenv("TCC_OPTIONS");
  if (!env || !*env)
    return args;
  std::vector<std::string> extra;
  std::istringstream words(env);
  for (std::string w; words >> w;)
    extra.push_back(w);
  size_t at = args.size() > 1 && (args[1] == "run" || args[1] == "pp") ? 2 : 1;
  args.insert(args.begin() + std::min(at, args.size()), extra.begin(),
              extra.end());
  return args;
}

/// --device: Theano's device flag: cpu, cuda (the first GPU), cudaN.
static const CLI::Validator deviceValidator(
    [](std::string &value) -> std::string {
      if (tcc::isKnownDevice(value))
        return "";
      return "unknown device '" + value +
             "' (tcc knows cpu, cuda, cuda0, "
             "cuda1, ...)";
    },
    "cpu|cuda|cudaN");

/// --cuda-arch: sm_NN, as ptxas names GPU architectures.
static const CLI::Validator cudaArchValidator(
    [](std::string &value) -> std::string {
      llvm::StringRef rest(value);
      unsigned number;
      if (rest.consume_front("sm_") && !rest.getAsInteger(10, number))
        return "";
      return "'" + value + "' is not a GPU architecture (sm_80, sm_90, ...)";
    },
    "sm_NN");

int main(int argc, char **argv) {
  // A crash prints the stack and asks for a bug report (Pipeline.cpp
  // recovers crashes in passes and writes a reproducer first).
  llvm::InitLLVM initLLVM(argc, argv);
  llvm::setBugReportMsg(tcc::kBugReportMessage);
  CLI::App app{"tcc: compiles Theano-style models (.th) to native libraries"};
  app.require_subcommand(0, 1);
  // Theano-style flags (~/.tccrc, TCC_FLAGS) are the defaults the command
  // line overrides.
  tcc::Config config;
  if (!config.load())
    return 1;
  tcc::DriverOptions options;
  config.applyTo(options);
  options.argv0 = argv[0];
  bool printConfig = false;
  app.add_flag("--print-config", printConfig,
               "print the configuration (from ~/.tccrc or $TCCRC, "
               "TCC_FLAGS and the command line) and where each value "
               "comes from");
  app.add_option("input", options.input, "the .th program")->check(CLI::ExistingFile);
  app.add_option("-o,--output", options.output, "output file");
  app.add_option("--emit", options.emit,
                 "stop after a stage and print or write it: "
                 "ast|th|th-grad|th-opt|dot|linalg|llvm|llvm-ir|asm|obj|so|header")
      ->check(CLI::IsMember({"ast", "th", "th-grad", "th-opt", "dot", "linalg", "llvm", "llvm-ir", "asm",
                             "obj", "so", "header"}));
  app.add_flag("--print-ir-after-all", options.printIRAfterAll,
               "print the IR after every pass");
  app.add_flag("--mlir-print-debuginfo", options.printDebugInfo,
               "print source locations in the IR that --emit writes");
  app.add_option("--floatX", options.floatX, "Theano's floatX")
      ->check(CLI::IsMember({"float32", "float64"}));
  app.add_option("--model-name", options.modelName,
                 "the model's name in its manifest and header (the C++ "
                 "namespace); default: the input file's stem");
  app.add_option("--device", options.device, "where the model runs")
      ->check(deviceValidator);
  app.add_option("--cuda-arch", options.cudaArch,
                 "the GPU architecture CUDA kernels are compiled for "
                 "(--device=cuda): sm_80, sm_90, ...")
      ->capture_default_str()
      ->check(cudaArchValidator);
  app.add_option("--march", options.march,
                 "the CPU to generate code for: x86-64 (the default: any "
                 "x86-64 machine), host (this machine's instruction set), "
                 "x86-64-v3, skylake-avx512, znver4, ... (LLVM's names)")
      ->capture_default_str();
  app.add_flag_callback(
      "--march-host", [&options] { options.march = "host"; },
      "the same as --march=host");
  app.add_option("-O", options.optLevel,
                 "optimization level (0-3); -O0 turns off the speed rewrites "
                 "of the graph (stability rewrites stay)")
      ->check(CLI::Range(0, 3))
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_flag("--no-stabilize", options.noStabilize,
               "turn off the stability rewrites (shows the naive numbers)");
  app.add_option("--optimizer", options.optimizer,
                 "Theano's optimizer flag: fast_run (default), fast_compile "
                 "(stabilize and canonicalize only) or None (no rewrites)");
  app.add_option("--optimizer-including", options.optimizerIncluding,
                 "turn on a phase (stabilize, specialize, canonicalize, "
                 "fusion, blas, inplace) or a rewrite by name")
      ->allow_extra_args(false);
  app.add_option("--optimizer-excluding", options.optimizerExcluding,
                 "turn off a phase or a rewrite by name (e.g. local_log1p)")
      ->allow_extra_args(false);
  app.add_option("--dump-dir", options.dumpDir,
                 "write the IR after every pass to DIR, one numbered file each");
  app.add_flag("--nan-guard", options.nanGuard,
               "check every kernel's float results for NaN and Inf; a call "
               "that makes one fails naming the op and its source line "
               "(Theano's NanGuardMode)");
  app.add_flag("--profile", options.profile,
               "time every kernel and count its calls and the memory it "
               "allocates; the library reports them (tcc_profile_report, "
               "and on stderr at exit) by time, with source lines");
  app.add_flag("--debug-mode", options.debugMode,
               "check every call against the function compiled at -O0: "
               "results that differ fail the call (Theano's DebugMode)");
  // Hidden: how the tests give debug mode a miscompile to find.
  app.add_flag("--debug-mode-perturb", options.debugModePerturb)->group("");
  app.add_flag("--rewrite-report", options.rewriteReport,
               "list the graph rewrites that fired, with counts and places");
  app.add_option("--mlir-pass-pipeline-crash-reproducer",
                 options.crashReproducer,
                 "where to write the reproducer if a compiler pass crashes "
                 "(default: a new file in the temporary directory)");
  // Hidden: how the tests reach the internal-error handling.
  app.add_option("--test-pass", options.testPass)->group("");

  tcc::RunOptions run;
  config.applyTo(run.compile);
  CLI::App *runCmd = app.add_subcommand(
      "run", "compile a model, call one of its functions and print the result");
  runCmd->add_option("model", run.compile.input, "the .th program")
      ->required()
      ->check(CLI::ExistingFile);
  runCmd->add_option("function", run.function,
                     "a function of the model, or a variable to evaluate")
      ->required();
  runCmd->add_option("--arg", run.args,
                     "NAME=VALUE: an input by name or position; VALUE is a "
                     "JSON number or nested list (complex numbers as strings "
                     "such as \"1+2j\"), or @file.npy")
      ->allow_extra_args(false);
  runCmd->add_option("--repeat", run.repeat,
                     "call the function N times (a progress bar with steps/s "
                     "on a terminal)")
      ->check(CLI::PositiveNumber);
  runCmd->add_option("--load", run.load,
                     "restore the shared variables from a checkpoint (.npz) "
                     "before the first call");
  runCmd->add_option("--save", run.save,
                     "save the shared variables to a checkpoint (.npz, "
                     "atomically) after the last call");
  runCmd->add_flag("--json", run.json,
                   "print {\"outputs\": [...], \"shared\": {...}}");
  runCmd->add_option("--floatX", run.compile.floatX, "Theano's floatX")
      ->check(CLI::IsMember({"float32", "float64"}));
  runCmd->add_option("--device", run.compile.device, "where the model runs")
      ->check(deviceValidator);
  runCmd
      ->add_option("--cuda-arch", run.compile.cudaArch,
                   "the GPU architecture of CUDA kernels (see tcc --help)")
      ->check(cudaArchValidator);
  runCmd->add_option("--march", run.compile.march,
                     "the CPU to generate code for (see tcc --help)");
  runCmd->add_option("-O", run.compile.optLevel, "optimization level (0-3)")
      ->check(CLI::Range(0, 3))
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  runCmd->add_flag("--no-stabilize", run.compile.noStabilize,
                   "turn off the stability rewrites");
  runCmd->add_flag("--nan-guard", run.compile.nanGuard,
                   "check every kernel's float results for NaN and Inf");
  runCmd->add_flag("--profile", run.compile.profile,
                   "time every kernel; print the report (by time, with "
                   "source lines) on stderr after the last call, or as "
                   "\"profile\" in --json's output");
  runCmd->add_flag("--debug-mode", run.compile.debugMode,
                   "check every call against the function compiled at -O0");
  runCmd->add_flag("--debug-mode-perturb", run.compile.debugModePerturb)
      ->group("");
  runCmd->add_flag("--rewrite-report", run.compile.rewriteReport,
                   "list the graph rewrites that fired");
  runCmd->add_option("--optimizer", run.compile.optimizer,
                     "fast_run (default), fast_compile or None");
  runCmd->add_option("--optimizer-including", run.compile.optimizerIncluding,
                     "turn on a phase or a rewrite by name")
      ->allow_extra_args(false);
  runCmd->add_option("--optimizer-excluding", run.compile.optimizerExcluding,
                     "turn off a phase or a rewrite by name")
      ->allow_extra_args(false);

  tcc::DriverOptions pp;
  config.applyTo(pp);
  bool ppOptimized = false;
  CLI::App *ppCmd = app.add_subcommand(
      "pp", "print a model's functions as expressions, like theano.pp");
  ppCmd->add_option("model", pp.input, "the .th program")
      ->required()
      ->check(CLI::ExistingFile);
  ppCmd->add_option("name", pp.evalVariable,
                    "only this function (or variable, as var.eval would "
                    "compile it)");
  ppCmd->add_option("-O", pp.optLevel, "optimization level (0-3)")
      ->check(CLI::Range(0, 3))
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  ppCmd->add_flag("--optimized", ppOptimized,
                  "after the graph optimizer (default: as the program "
                  "built it)");

  std::vector<std::string> args = withEnvironmentOptions(argc, argv);
  std::vector<char *> cargs;
  for (std::string &a : args)
    cargs.push_back(a.data());
  try {
    app.parse(int(cargs.size()), cargs.data());
  } catch (const CLI::ParseError &e) {
    return app.exit(e) == 0 ? 0 : 1;
  }
  if (printConfig) {
    if (app.count("--floatX"))
      config.setFromCommandLine("floatX", options.floatX);
    if (app.count("--optimizer"))
      config.setFromCommandLine("optimizer", options.optimizer);
    if (app.count("--device"))
      config.setFromCommandLine("device", options.device);
    config.print(llvm::outs());
    return 0;
  }
  if (ppCmd->parsed()) {
    pp.argv0 = argv[0];
    pp.emit = ppOptimized ? "pp-opt" : "pp";
    return tcc::compileModel(pp);
  }
  if (runCmd->parsed()) {
    run.compile.argv0 = argv[0];
    return tcc::runModel(run);
  }
  if (options.input.empty()) {
    std::cerr << "tcc: error: no input file\n" << app.help();
    return 1;
  }
  return tcc::compileModel(options);
}
