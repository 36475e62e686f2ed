# -*- Python -*-
# lit configuration for tcc. Substitutions available to RUN lines:
#   %tcc %tcc-opt        the tools built in this tree
#   %python              a Python 3 with NumPy (Debian's /usr/bin/python3)
#   %cc %cxx             C and C++ compilers for host programs
#   %cmake               the cmake that configured this build (and its generator
#                        as %cmake_generator)
#   %tcc_obj_root        the build directory
#   %tcc_include         runtime/include (tcc.h)
#   %tcc_libdir          the build's lib/ (libtccrt.a, test models)
#   %tcc_bindir          the build's bin/ (tools and example host programs)
#   %tcc_pythonpath      the directory holding the `tcc` Python package
#   %examples            the examples/ directory of the source tree
import os
import lit.formats
import lit.util

config.name = "tcc"
config.test_format = lit.formats.ShTest(not lit.util.which("bash") is None)
config.suffixes = [".th", ".mlir", ".test", ".py", ".c"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tcc_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.tcc_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
# The tcc package, and the helpers the Python tests share (Inputs/).
config.environment["PYTHONPATH"] = os.pathsep.join(
    [config.tcc_pythonpath, os.path.join(config.test_source_root, "Inputs")])
config.environment["OPENBLAS_NUM_THREADS"] = "1"
# TCC_OPTIONS reaches tcc (scripts/test.sh reruns the numeric tests with
# TCC_OPTIONS=-O0); a user's ~/.tccrc and TCC_FLAGS do not (lit passes HOME).
if "TCC_OPTIONS" in os.environ:
    config.environment["TCC_OPTIONS"] = os.environ["TCC_OPTIONS"]
config.environment["TCCRC"] = ""

config.substitutions.append(("%tcc-opt", os.path.join(config.tcc_tools_dir, "tcc-opt")))
config.substitutions.append(("%tcc_obj_root", config.tcc_obj_root))
config.substitutions.append(("%tcc_include", config.tcc_include_dir))
config.substitutions.append(("%tcc_libdir", config.tcc_lib_dir))
config.substitutions.append(("%tcc_bindir", config.tcc_tools_dir))
config.substitutions.append(("%tcc_pythonpath", config.tcc_pythonpath))
config.substitutions.append(("%tcc", os.path.join(config.tcc_tools_dir, "tcc")))
config.substitutions.append(("%python", config.python_with_numpy))
config.substitutions.append(("%cxx", config.host_cxx))
config.substitutions.append(("%cc", config.host_cc))
config.substitutions.append(("%cmake_generator", config.cmake_generator))
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(("%examples", config.tcc_examples_dir))
# The fuzzers' corpora, models and crash regressions (fuzz/).
config.substitutions.append(
    ("%fuzz", os.path.join(os.path.dirname(config.test_source_root), "fuzz")))

# A sanitized build (scripts/sanitize-build.sh): model libraries need the
# shared ASan runtime, loaded before libc's malloc is bound, so the test
# programs are built with it and Python preloads it; any report fails the
# test. Python's own allocations at exit are not ours to judge: no leak
# check there.
if config.tcc_asan_runtime:
    config.available_features.add("asan")
    config.environment["ASAN_OPTIONS"] = (
        "halt_on_error=1:detect_leaks=1:allocator_may_return_null=1:"
        # Programs that are not instrumented (CMake-built apps, FileCheck)
        # load model libraries linked with the runtime: no need for it to
        # come first, it is in the process before any model allocates.
        "verify_asan_link_order=0")
    config.environment["LSAN_OPTIONS"] = (
        "suppressions=" + os.path.join(config.test_source_root, "lsan.supp"))
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    sanitize = " -fsanitize=address,undefined -shared-libasan " + \
        "-Wno-unused-command-line-argument -Wl,-rpath," + \
        os.path.dirname(config.tcc_asan_runtime)
    python = "env LD_PRELOAD=%s ASAN_OPTIONS=detect_leaks=0 " % config.tcc_asan_runtime
    config.substitutions = [
        (k, python + v) if k == "%python" else
        (k, v + sanitize) if k in ("%cc", "%cxx") else (k, v)
        for k, v in config.substitutions]

if lit.util.which("valgrind"):
    config.available_features.add("valgrind")

if lit.util.which("nvidia-smi") and os.system("nvidia-smi -L >/dev/null 2>&1") == 0:
    config.available_features.add("cuda-device")

# --device=cuda compiles kernels with the CUDA toolkit's ptxas (tcc looks in
# $CUDA_HOME, $CUDA_PATH and /usr/local/cuda, in that order).
for root in (os.environ.get("CUDA_HOME"), os.environ.get("CUDA_PATH"), "/usr/local/cuda"):
    if root and os.access(os.path.join(root, "bin", "ptxas"), os.X_OK):
        config.available_features.add("cuda-toolkit")
        break
