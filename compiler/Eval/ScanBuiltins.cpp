//===- ScanBuiltins.cpp - theano.scan, map, reduce, foldl, foldr
//-----------===//
//
// Theano's loop functions with Theano's signatures. map, reduce and the
// folds are scan with fixed arguments, as in theano/scan/views.py; until
// wraps the condition a step returns to stop the loop.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "llvm/Support/FormatVariadic.h"

using namespace tcc;
using namespace tcc::eval;

static bool isTrue(const ObjectPtr &v) {
  if (isAbsent(v))
    return false;
  if (auto *b = llvm::dyn_cast<BoolObject>(v.get()))
    return b->value;
  if (auto *i = llvm::dyn_cast<IntObject>(v.get()))
    return i->value != 0;
  return true;
}

/// truncate_gradient: -1 (the default) for full back-propagation through
/// time, else how many steps back the gradient goes.
static std::optional<int64_t> truncation(Interpreter &interp,
                                         const ObjectPtr &v,
                                         llvm::StringRef name,
                                         mlir::Location loc) {
  if (isAbsent(v))
    return std::nullopt;
  int64_t steps = intArgument(interp, v, -1, name, "truncate_gradient", loc);
  if (steps < -1)
    interp.error(loc, name +
                          ": truncate_gradient must be -1 (no truncation) "
                          "or a number of steps >= 0, got " +
                          std::to_string(steps));
  if (steps == -1)
    return std::nullopt;
  return steps;
}

/// The last value of each output: reduce's and the folds' result.
static ObjectPtr lastValues(Interpreter &interp, const ObjectPtr &scanned,
                            mlir::Location loc) {
  auto &pair = llvm::cast<TupleObject>(*scanned).items;
  TensorBuilder &tb = interp.tensors();
  auto last = [&](const ObjectPtr &history) -> ObjectPtr {
    return tb.subtensor(tb.asTensor(history, loc),
                        std::make_shared<IntObject>(-1), loc);
  };
  ObjectPtr outputs = pair[0];
  if (auto *list = llvm::dyn_cast<ListObject>(outputs.get())) {
    auto out = std::make_shared<ListObject>();
    for (const ObjectPtr &h : list->items)
      out->items.push_back(last(h));
    outputs = out;
  } else if (!llvm::isa<NoneObject>(outputs.get())) {
    outputs = last(outputs);
  }
  auto out = std::make_shared<TupleObject>();
  out->items = {outputs, pair[1]};
  return out;
}

std::shared_ptr<ClassObject> eval::untilClass() {
  static const std::shared_ptr<ClassObject> cls = [] {
    auto c = std::make_shared<ClassObject>();
    c->name = "until";
    return c;
  }();
  return cls;
}

ObjectPtr eval::scanFunction(llvm::StringRef qualified, llvm::StringRef name) {
  if (name == "until")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "until", {"condition"});
      TensorBuilder &tb = in.tensors();
      TensorPtr cond = tb.asTensor(v[0], a.loc);
      if (tb.rankOf(cond) != 0)
        in.error(a.loc, "until: the condition must be a scalar, got " +
                            tb.typeString(cond->value.getType()));
      auto out = std::make_shared<InstanceObject>();
      out->cls = untilClass();
      out->attrs["condition"] = cond;
      return ObjectPtr(out);
    });
  if (name == "scan")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "scan",
                        {"fn", "sequences?", "outputs_info?", "non_sequences?",
                         "n_steps?", "truncate_gradient?", "go_backwards?",
                         "mode?", "name?", "profile?", "allow_gc?", "strict?",
                         "return_list?"});
      TensorBuilder::ScanArgs args{v[0], v[1], v[2], v[3], v[4]};
      args.truncateGradient = truncation(in, v[5], "scan", a.loc);
      args.goBackwards = isTrue(v[6]);
      args.returnList = isTrue(v[12]);
      return in.tensors().scan(args, a.loc);
    });
  if (name == "map")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v =
          bindArgs(in, a, "map",
                   {"fn", "sequences", "non_sequences?", "truncate_gradient?",
                    "go_backwards?", "mode?", "name?"});
      TensorBuilder::ScanArgs args{v[0], v[1], nullptr, v[2], nullptr};
      args.truncateGradient = truncation(in, v[3], "map", a.loc);
      args.goBackwards = isTrue(v[4]);
      return in.tensors().scan(args, a.loc);
    });
  if (name == "reduce" || name == "foldl" || name == "foldr")
    return makeBuiltin(
        qualified.str(),
        [n = name.str()](Interpreter &in, CallArgs &a) -> ObjectPtr {
          bool reduce = n == "reduce";
          std::vector<const char *> params = {"fn", "sequences", "outputs_info",
                                              "non_sequences?"};
          if (reduce)
            params.push_back("go_backwards?");
          params.push_back("mode?");
          params.push_back("name?");
          auto v = bindArgs(in, a, n, params);
          TensorBuilder::ScanArgs args{v[0], v[1], v[2], v[3], nullptr};
          args.goBackwards = reduce ? isTrue(v[4]) : n == "foldr";
          return lastValues(in, in.tensors().scan(args, a.loc), a.loc);
        });
  return nullptr;
}
