//===- Passes.td - Every tcc pass, declared in one place ---*- tablegen -*-===//

#ifndef TCC_PASSES
#define TCC_PASSES

include "mlir/Pass/PassBase.td"

def ExpandGradients : Pass<"th-grad", "mlir::ModuleOp"> {
  let summary = "Expand th.grad into th ops (reverse-mode differentiation)";
  let description = [{
    Each `th.grad` becomes the sum, over every path from a wrt value to the
    cost, of the ops' vector-Jacobian products (DifferentiableOpInterface),
    built before the th.grad in reverse program order. `consider_constant`
    values stop the gradient. A wrt value the cost does not depend on gets
    zeros. An op without a gradient on such a path is an error at its
    location.
  }];
}

def Stabilize : Pass<"th-stabilize", "mlir::ModuleOp"> {
  let summary = "Theano's stability rewrites (log1p, sigmoid, softplus, ...)";
  let description = [{
    Rewrites expressions that lose precision or overflow into stable ones:
    log(1+x) -> log1p(x), 1/(1+exp(-z)) -> sigmoid(z), 1-sigmoid(z) ->
    sigmoid(-z), log(sigmoid(z)) -> -softplus(-z), log(1+exp(z)) ->
    softplus(z), exp(x) - 1 -> expm1(x), exp(x)/sum(exp(x), axis) ->
    softmax(x), log(softmax(x)) -> log_softmax(x). Part of a program's meaning: they run at -O0 too, before
    and after differentiation.
  }];
  let options = [ListOption<"disabledPatterns", "disable-patterns",
                            "std::string",
                            "names of rewrites not to apply">];
}

def ScanSaveMem : Pass<"th-scan-save-mem", "mlir::ModuleOp"> {
  let summary = "Keep only the scan state that is read (Theano's scan_save_mem)";
  let description = [{
    A recurrent scan output read only through its last row (h[-1],
    reduce, the folds) or not at all keeps only what its taps need instead
    of its whole history; a non-recurrent output nothing reads is dropped.
    It runs after th-grad (back-propagation reads the histories) at every
    optimization level, so -O0 and -O2 compute the same thing.
  }];
}

def Specialize : Pass<"th-specialize", "mlir::ModuleOp"> {
  let summary = "Theano's specializations (pow by squaring, sqr, sqrt)";
  let description = [{
    x**2 -> sqr(x), x**0.5 -> sqrt(x), x**-1 -> 1/x, and integer powers up to
    64 by repeated squaring.
  }];
  let options = [ListOption<"disabledPatterns", "disable-patterns",
                            "std::string",
                            "names of rewrites not to apply">];
}

def Gemm : Pass<"th-gemm", "mlir::ModuleOp"> {
  let summary = "Theano's GemmOptimizer: sums with a matrix product to gemv/gemm";
  let description = [{
    A linear combination with scalar coefficients (add, sub, neg, scalar
    mul and div, looking through single-use values only) whose one term is a
    vector or matrix `th.dot` of the sum's type becomes
    `th.gemv`/`th.gemm(rest, alpha, a, b)`, computing `rest + alpha *
    dot(a, b)` by accumulating into rest's buffer. The SGD update
    `w - lr * dot(X.T, g)` becomes `gemv(w, -lr, g, X)`.
  }];
  let options = [ListOption<"disabledPatterns", "disable-patterns",
                            "std::string",
                            "names of rewrites not to apply">];
}

def LinalgToBlas : Pass<"tcc-linalg-to-blas", "mlir::ModuleOp"> {
  let summary = "Call BLAS for matvec, vecmat, matmul and dot on buffers";
  let description = [{
    Replaces those linalg ops on float32/float64 memrefs (after
    bufferization) with calls of the runtime's BLAS entry points, which take
    any strides (runtime/src/Blas.cpp). They accumulate into the output,
    as the linalg ops do.
  }];
  let dependentDialects = ["mlir::func::FuncDialect",
                           "mlir::memref::MemRefDialect"];
}

def FuseReductions : Pass<"tcc-fuse-reductions", "mlir::ModuleOp"> {
  let summary = "Fuse row reductions with their producers and consumers";
  let description = [{
    The rest of Theano's elementwise fusion, after
    linalg-fuse-elementwise-ops: an elementwise linalg.generic that reads the
    result of a reduction over trailing dimensions (sum(x, axis=-1),
    max(x, axis=1), the rows of a softmax) is tiled along the leading
    dimensions that result is indexed by, one row at a time, and the
    reductions, their initial fills and the elementwise producers of that row
    are computed inside the same loop. softmax(x) becomes one loop over rows
    (max, sum of exp, divide) with row-sized temporaries instead of three
    matrix-sized loop nests. A producer whose slice is the whole value (a
    broadcast row, a reduction to a scalar) is computed once, outside;
    producers others use too are computed once and yielded from the loop.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::tensor::TensorDialect"];
}

def FuseProductPairs : Pass<"tcc-fuse-product-pairs", "mlir::ModuleOp"> {
  let summary = "Compute X.dot(w) and e.dot(X) in one pass over X";
  let description = [{
    A linalg.vecmat e.dot(X) whose vector e is computed, by elementwise ops,
    from a linalg.matvec X.dot(w) over the same matrix (the gradient of a
    linear model) is tiled along the rows of X in blocks of about 256 KiB,
    and the matvec, its fill and the elementwise ops are fused into the same
    loop, so each block is read from memory once and again from the cache.
    Values the fused ops compute that other ops use are yielded whole; those
    other ops move after the loop.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::linalg::LinalgDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::tensor::TensorDialect"];
}

def MapLoopsToGpu : Pass<"tcc-map-loops-to-gpu", "mlir::func::FuncOp"> {
  let summary = "Mark the parallel loops a GPU can run for convert-parallel-loops-to-gpu";
  let description = [{
    Each outermost scf.parallel whose body only computes (arith, math,
    memref loads and stores, nested scf loops; no calls, which a kernel
    cannot make, and no allocations) is collapsed into one loop over all
    its iterations (row-major), tiled by `block-size` and mapped: tiles to
    blocks x, the iterations of a tile to threads x (consecutive threads
    touch consecutive elements), loops inside sequential. Other loops are
    left to run on the host.
  }];
  let options = [Option<"blockSize", "block-size", "int64_t", "256",
                        "threads per block">];
  let dependentDialects = ["mlir::gpu::GPUDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::affine::AffineDialect",
                           "mlir::arith::ArithDialect"];
}

def InPlaceUpdates : Pass<"tcc-inplace-updates", "mlir::ModuleOp"> {
  let summary = "Let kernels write new values of shared variables in place";
  let description = [{
    For each update of a shared variable the function also reads, whose
    value is computed elementwise from the old value (or accumulated by a
    product into such a value), the old value becomes the destination of
    that computation (replacing a `tensor.empty` whose contents are never
    read) and its argument gets `bufferization.writable = true`; one-shot
    bufferization then writes in place unless something reads the old value
    later.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def LowerIndexChecks : Pass<"tcc-lower-index-checks", "mlir::ModuleOp"> {
  let summary = "th.check_index to a branch calling the runtime's error";
  let description = [{
    Each `th.check_index` becomes the wrapped index and a branch, taken when
    it is out of range, that calls `__tcc_index_error(check, axis, index,
    size)` (declared here, defined by the runtime, which ends the call).
    `check` is a position in the module attribute `tcc.index_checks`, the
    list of "what at file:line:col" strings the manifest carries.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::func::FuncDialect",
                           "mlir::scf::SCFDialect"];
}

def NameAllocations : Pass<"tcc-name-allocations", "mlir::ModuleOp"> {
  let summary = "Tell the runtime which op each kernel buffer is for";
  let description = [{
    Before each `memref.alloc`, a call of the runtime's
    `__tcc_alloc_site(site, bytes)`: `site` is a position in the module
    attribute `tcc.alloc_sites` ("outer at model.th:14:22", the th ops in
    the buffer's location, else what the linalg op writing it computes),
    which the manifest carries, and `bytes` the buffer's size, or -1 when
    it does not fit in an int64. A failed allocation then names its op and
    size, and a size that overflows fails the call instead of wrapping.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::func::FuncDialect"];
}

def NanGuard : Pass<"tcc-nan-guard", "mlir::ModuleOp"> {
  let summary = "checks every kernel's float results for NaN and Inf";
  let description = [{
    Theano's NanGuardMode. After each linalg op with a float result (after
    fusion, one loop nest), a reduction computes whether the result holds
    a NaN (code 2) or an infinity (code 1), and a branch taken when it does
    calls `__tcc_nan_error(check, code)` (defined by the runtime, which ends
    the call with an error naming the op). The calls keep program order, so
    the first op that makes a bad value is the one reported. `check` is a
    position in the module attribute `tcc.nan_checks` ("log at
    model.th:3:9"), which the manifest carries.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::func::FuncDialect",
                           "mlir::linalg::LinalgDialect",
                           "mlir::math::MathDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::tensor::TensorDialect"];
}

def Profile : Pass<"tcc-profile", "mlir::ModuleOp"> {
  let summary = "Time every kernel and attribute allocations to it";
  let description = [{
    `tcc --profile` (Theano's ProfileMode). Every kernel of a function (a
    linalg op after fusion, a loop, a call into the runtime; at the top of
    the function or in a branch) runs between `__tcc_profile_begin(k)` and
    `__tcc_profile_end(k)`, which the runtime defines: they count calls and
    time, and the buffers allocated between them are the kernel's. So that
    a kernel's output buffer is allocated inside its window, the
    `tensor.empty` and seeding `linalg.fill` of its inits are cloned right
    before it. Kernel k is described at position k of the module attribute
    `tcc.profile_kernels` (function, kind, th ops, source positions), which
    the manifest carries.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::func::FuncDialect"];
}

def DropInPlaceResults : Pass<"tcc-drop-inplace-results", "mlir::ModuleOp"> {
  let summary = "Stop returning updates bufferization wrote in place";
  let description = [{
    After one-shot bufferization, a function result for an update of a
    shared variable that is the variable's own argument buffer (written in
    place) is removed from the function, and the variable is listed in the
    function attribute `tcc.inplace`: the runtime keeps the buffer as the
    new value. (Returning the argument would make the deallocation pipeline
    copy it.)
  }];
}

def LowerThFunctions : Pass<"th-lower-functions", "mlir::ModuleOp"> {
  let summary = "Turn th.func into func.func with explicit shared state";
  let description = [{
    Each `th.func` becomes a `func.func` whose arguments are its inputs
    followed by the shared variables it reads (in `th.shared` order), and
    whose results are its outputs followed by the new values of the shared
    variables it updates (in the same order). `th.read` becomes the matching
    argument, `th.update` an extra result; `th.shared` declarations are
    removed (the runtime owns the storage). The mapping is recorded in the
    function attributes `tcc.reads` and `tcc.updates` (symbol names).
  }];
  let dependentDialects = ["mlir::func::FuncDialect"];
}

def ConvertThToLinalg : Pass<"convert-th-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower th ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Elementwise ops become `linalg.generic` with Theano's broadcasting in
    their indexing maps (a broadcastable operand dimension reads index 0),
    reductions `linalg.generic` with reduction iterators, dot the
    `linalg.dot/matvec/vecmat/matmul` named ops, dimshuffle a copying
    `linalg.generic`. Sizes are taken from operands at run time; the runtime
    has checked that they agree before the call. With `conv-gemm`, conv2d
    and its gradients become im2col and one matrix product per sample
    (for BLAS) instead of linalg's convolution and gathers.
  }];
  let options = [
    Option<"convGemm", "conv-gemm", "bool", /*default=*/"false",
           "conv2d and its gradients as im2col + matmul per sample">
  ];
  let dependentDialects = [
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
    "mlir::arith::ArithDialect", "mlir::math::MathDialect",
    "mlir::scf::SCFDialect", "mlir::bufferization::BufferizationDialect",
    "mlir::memref::MemRefDialect", "mlir::func::FuncDialect",
    "mlir::complex::ComplexDialect"
  ];
}

#endif // TCC_PASSES

//===----------------------------------------------------------------------===//
// Test passes: how the tests reach the driver's internal-error handling
// (tcc --test-pass=NAME), which a correct pipeline never reaches.
//===----------------------------------------------------------------------===//

def TestCrash : Pass<"tcc-test-crash", "mlir::ModuleOp"> {
  let summary = "Crash (SIGSEGV), as a pass with a bug would";
  let options = [
    Option<"onWorkerThread", "on-worker-thread", "bool", /*default=*/"false",
           "crash on another thread, as a pass that MLIR runs on its "
           "worker threads would">
  ];
}

def TestInvalidIR : Pass<"tcc-test-invalid-ir", "mlir::ModuleOp"> {
  let summary = "Leave IR that does not verify, as a pass with a bug would";
  let description = [{
    Erases the terminator of the first function's entry block.
  }];
}
