//===- ThScanOps.td - Symbolic loops (Theano's scan) -------*- tablegen -*-===//
//
// theano.scan as one op with the step function as its body. The front end
// normalizes Theano's many forms (sequence taps, outputs_info dicts, shared
// variables updated inside the step, implicit non-sequences) into this one:
// every sequence is read one row per step, every recurrent output reads its
// own earlier values through negative taps, and everything else the body
// uses is an explicit loop-invariant operand.
//
//===----------------------------------------------------------------------===//

#ifndef TH_SCAN_OPS
#define TH_SCAN_OPS

def Th_ScanOp : Th_Op<"scan", [
    IsolatedFromAbove, RecursiveMemoryEffects, AttrSizedOperandSegments,
    SingleBlockImplicitTerminator<"ScanYieldOp">]> {
  let summary = "runs its body once per step (Theano's scan)";
  let description = [{
    Runs the body for steps t = 0 .. n - 1, where n is `steps`. A negative
    n, or one longer than a sequence, fails the call (the lowering checks
    it with th.check_steps). The body's
    arguments are, in order:
      - row t of each sequence (row n - 1 - t with `reverse`);
      - for each recurrent output j (one whose `taps` entry is not empty),
        its value at t + k for each tap k, in the order of `taps[j]`. Taps
        are negative and distinct; L_j = -min(taps[j]) earlier values come
        from `initials`: the initial of output j has L_j rows, row i being
        the value at step i - L_j;
      - the `invariants`.
    The body yields one value per output; a recurrent output yields the
    type of its tap arguments. Result j is the history of output j (n rows,
    in step order, or reversed with `reverse`) where `history[j]` is set,
    else only its last value (a recurrent output whose history nothing
    reads; with n = 0 that is the last row of its initial).

    `truncate_gradient` (Theano's truncated back-propagation through time)
    limits the gradient to the last k steps: the gradient flows from each
    of them back to none earlier than step n - k, as in Theano and
    PyTensor. The sequences' rows before it get zero gradients, and so does
    an initial value that no step of the last k reads.

    With `until` (Theano's theano.scan_module.until) the body yields one
    more value after the outputs, a 0-d i1: true stops the loop after that
    step. `steps` is then the most steps the loop may run, and the results'
    histories have one row per step run (m <= n). The gradient flows back
    through the m steps run; the condition has none.
  }];
  let arguments = (ins 0DTensorOf<[I64]>:$steps,
                       Variadic<Th_Tensor>:$sequences,
                       Variadic<Th_Tensor>:$initials,
                       Variadic<Th_Tensor>:$invariants,
                       TypedArrayAttrBase<DenseI64ArrayAttr,
                                          "taps per output">:$taps,
                       DenseBoolArrayAttr:$history, UnitAttr:$reverse,
                       OptionalAttr<I64Attr>:$truncate_gradient,
                       UnitAttr:$until);
  let results = (outs Variadic<Th_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `steps` $steps `:` type($steps)
    (`sequences` `(` $sequences^ `:` type($sequences) `)`)?
    (`initials` `(` $initials^ `:` type($initials) `)`)?
    (`invariants` `(` $invariants^ `:` type($invariants) `)`)?
    (`->` type($results)^)? $body attr-dict
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// Whether output `j` reads its earlier values.
    bool isRecurrent(unsigned j) {
      return !::llvm::cast<DenseI64ArrayAttr>(getTaps()[j]).empty();
    }
    ::llvm::ArrayRef<int64_t> getTapsOf(unsigned j) {
      return ::llvm::cast<DenseI64ArrayAttr>(getTaps()[j]).asArrayRef();
    }
    /// How many earlier values output j reads back (its initial's rows).
    int64_t getLagOf(unsigned j) {
      return isRecurrent(j) ? -*::llvm::min_element(getTapsOf(j)) : 0;
    }
    unsigned getNumOutputs() { return getTaps().size(); }
    /// The index into `initials` of recurrent output j.
    unsigned getInitialIndexOf(unsigned j);
    /// The body arguments: the sequence rows, the tap values of output j,
    /// the invariants.
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
    ::mlir::ValueRange getSequenceArgs();
    ::mlir::ValueRange getTapArgsOf(unsigned j);
    ::mlir::ValueRange getInvariantArgs();
    /// The values yielded for the outputs (not the `until` condition).
    ::mlir::ValueRange getYieldedValues();
    /// The `until` condition the body yields, or null.
    ::mlir::Value getUntilCondition();
  }];
}

def Th_ScanYieldOp : Th_Op<"scan_yield", [
    Pure, Terminator, HasParent<"ScanOp">]> {
  let summary = "the outputs of one step of th.scan";
  let arguments = (ins Variadic<Th_Tensor>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
  let builders = [OpBuilder<(ins), [{ }]>];
}

#endif // TH_SCAN_OPS
