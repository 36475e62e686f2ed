//===- TestPasses.cpp - Passes with the bugs the tests need ---------------===//
//
// tcc-test-crash and tcc-test-invalid-ir behave like passes with a bug, so
// that the tests can check what the driver does then: a reproducer and a
// request for a bug report, not a raw stack dump or an MLIR dump.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

#include <csignal>
#include <thread>

namespace tcc {
#define GEN_PASS_DEF_TESTCRASH
#define GEN_PASS_DEF_TESTINVALIDIR
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

namespace {
struct TestCrashPass : tcc::impl::TestCrashBase<TestCrashPass> {
  using TestCrashBase::TestCrashBase;
  void runOnOperation() override {
    if (!onWorkerThread)
      std::raise(SIGSEGV);
    // A thread with no crash recovery context, as MLIR's workers are.
    std::thread([] { std::raise(SIGSEGV); }).join();
  }
};

struct TestInvalidIRPass : tcc::impl::TestInvalidIRBase<TestInvalidIRPass> {
  void runOnOperation() override {
    getOperation().walk([](FunctionOpInterface function) {
      if (function.isExternal())
        return WalkResult::advance();
      function.getFunctionBody().front().back().erase();
      return WalkResult::interrupt();
    });
  }
};
} // namespace
