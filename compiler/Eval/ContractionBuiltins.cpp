//===- ContractionBuiltins.cpp - outer, tensordot, batched_dot ------------===//
//
// Products beyond T.dot. tensordot over some axes is one matrix product
// (TensorBuilder::tensordot). outer, tensordot over no axes and batched_dot
// are the operands dimshuffled so that the contracted axes line up,
// multiplied elementwise and summed over those axes (the result dtype is
// the operands' upcast, as Theano's dot-based versions give); their
// gradients are those of dimshuffle, mul and sum. batched_dot's
// elementwise product materializes the full product tensor: fine for the
// sizes it sees in models, and a candidate for a batched matmul lowering.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

namespace {
/// a . b contracting axes `ca` of a with `cb` of b; with `batch`, axis 0 of
/// both is a batch axis kept in front of the result.
TensorPtr contract(Interpreter &in, const TensorPtr &a, const TensorPtr &b,
                   const std::vector<int64_t> &ca,
                   const std::vector<int64_t> &cb, bool batch,
                   llvm::StringRef name, Location loc) {
  TensorBuilder &tb = in.tensors();
  int64_t ra = tb.rankOf(a), rb = tb.rankOf(b);
  auto freeAxes = [&](int64_t rank, const std::vector<int64_t> &contracted) {
    std::vector<int64_t> out;
    for (int64_t d = batch ? 1 : 0; d < rank; ++d)
      if (!llvm::is_contained(contracted, d))
        out.push_back(d);
    return out;
  };
  std::vector<int64_t> fa = freeAxes(ra, ca), fb = freeAxes(rb, cb);
  std::vector<int64_t> pa, pb;
  if (batch) {
    pa.push_back(0);
    pb.push_back(0);
  }
  pa.insert(pa.end(), fa.begin(), fa.end());
  pb.insert(pb.end(), fa.size(), -1);
  pa.insert(pa.end(), ca.begin(), ca.end());
  pb.insert(pb.end(), cb.begin(), cb.end());
  pa.insert(pa.end(), fb.size(), -1);
  pb.insert(pb.end(), fb.begin(), fb.end());
  TensorPtr product =
      tb.elemwise(ElemwiseKind::Mul, tb.dimshuffle(a, pa, loc),
                  tb.dimshuffle(b, pb, loc), loc);
  if (ca.empty())
    return product;
  auto summed = std::make_shared<ListObject>();
  int64_t first = (batch ? 1 : 0) + fa.size();
  for (size_t i = 0; i < ca.size(); ++i)
    summed->items.push_back(Interpreter::integer(first + i));
  TensorPtr r = tb.reduce(ReduceKind::Sum, product, summed, false, loc);
  return tb.cast(r, tb.dtypeOf(product), loc);
}

/// One side of tensordot's `axes`: an int or a list of ints, each checked
/// against the operand's rank (negative counts from the end).
std::vector<int64_t> axisList(Interpreter &in, const ObjectPtr &v,
                              int64_t rank, Location loc) {
  ObjectList items;
  if (isa<ListObject, TupleObject>(v.get()))
    items = iterate(in, v, loc);
  else
    items = {v};
  return in.tensors().distinctAxes(items, rank, "tensordot", loc);
}
} // namespace

ObjectPtr eval::contractionFunction(llvm::StringRef qualified,
                                    llvm::StringRef name) {
  if (name == "outer")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "outer", {"x", "y"});
      TensorBuilder &tb = in.tensors();
      TensorPtr x = tb.asTensor(v[0], a.loc), y = tb.asTensor(v[1], a.loc);
      // Theano's outer flattens operands that are not vectors.
      if (tb.rankOf(x) != 1)
        x = tb.flatten(x, 1, a.loc);
      if (tb.rankOf(y) != 1)
        y = tb.flatten(y, 1, a.loc);
      return std::static_pointer_cast<Object>(
          contract(in, x, y, {}, {}, false, "outer", a.loc));
    });
  if (name == "tensordot")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "tensordot", {"a", "b", "axes?"});
      TensorBuilder &tb = in.tensors();
      TensorPtr x = tb.asTensor(v[0], a.loc), y = tb.asTensor(v[1], a.loc);
      int64_t rx = tb.rankOf(x), ry = tb.rankOf(y);
      std::vector<int64_t> ca, cb;
      ObjectPtr axes = v[2] ? v[2] : Interpreter::integer(2);
      if (std::optional<int64_t> n = asInt(axes)) {
        // The last n axes of a with the first n of b.
        if (*n < 0 || *n > rx || *n > ry)
          in.error(a.loc, llvm::formatv("tensordot: cannot contract {0} "
                                        "axes of tensors of ranks {1} and "
                                        "{2}",
                                        *n, rx, ry));
        for (int64_t i = 0; i < *n; ++i) {
          ca.push_back(rx - *n + i);
          cb.push_back(i);
        }
      } else {
        ObjectList pair = iterate(in, axes, a.loc);
        if (pair.size() != 2)
          in.error(a.loc, "tensordot: axes must be an int or a pair of axis "
                          "lists");
        ca = axisList(in, pair[0], rx, a.loc);
        cb = axisList(in, pair[1], ry, a.loc);
        if (ca.size() != cb.size())
          in.error(a.loc, llvm::formatv("tensordot: {0} axes of a but {1} "
                                        "of b",
                                        ca.size(), cb.size()));
      }
      if (ca.empty())
        return std::static_pointer_cast<Object>(
            contract(in, x, y, ca, cb, false, "tensordot", a.loc));
      return std::static_pointer_cast<Object>(
          tb.tensordot(x, y, ca, cb, "tensordot", a.loc));
    });
  if (name == "batched_dot")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      // Theano 1.0's batched_dot: axis 0 is the batch; a's last axis meets
      // b's axis max(1, b.ndim - 2); a vector is a batch of scalars.
      auto v = bindArgs(in, a, "batched_dot", {"a", "b"});
      TensorBuilder &tb = in.tensors();
      TensorPtr x = tb.asTensor(v[0], a.loc), y = tb.asTensor(v[1], a.loc);
      int64_t rx = tb.rankOf(x), ry = tb.rankOf(y);
      if (rx == 0 || ry == 0)
        in.error(a.loc, "batched_dot: a and b must have at least one "
                        "dimension");
      if (rx == 1 || ry == 1)
        return std::static_pointer_cast<Object>(
            contract(in, x, y, {}, {}, true, "batched_dot", a.loc));
      return std::static_pointer_cast<Object>(
          contract(in, x, y, {rx - 1}, {std::max<int64_t>(1, ry - 2)}, true,
                   "batched_dot", a.loc));
    });
  return nullptr;
}
