//===- PythonBuiltins.cpp - Python's builtin functions --------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

static ObjectPtr listOf(ObjectList items) {
  return std::make_shared<ListObject>(std::move(items));
}

void eval::registerPythonBuiltins(Interpreter &interp,
                                  llvm::StringMap<ObjectPtr> &g) {
  auto def = [&](const char *name, BuiltinFn fn) {
    g[name] = makeBuiltin(name, std::move(fn));
  };
  def("object", [](Interpreter &in, CallArgs &a) -> ObjectPtr {
    in.error(a.loc, "object() instances are not supported");
  });
  def("range", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "range", {"a", "b?", "step?"});
    auto get = [&](const ObjectPtr &o) {
      auto i = asInt(o);
      if (!i)
        in.error(a.loc, "range() arguments must be integers, got " +
                            typeName(o));
      return *i;
    };
    int64_t start = 0, stop = get(v[0]), step = 1;
    if (v[1]) {
      start = stop;
      stop = get(v[1]);
    }
    if (v[2])
      step = get(v[2]);
    if (step == 0)
      in.error(a.loc, "range() step must not be zero");
    ObjectList items;
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
      if (items.size() >= 50000000)
        in.error(a.loc, "range() is too long for compile-time evaluation");
      items.push_back(Interpreter::integer(i));
    }
    return listOf(std::move(items));
  });
  def("len", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "len", {"obj"});
    if (auto *arr = dyn_cast<ArrayObject>(v[0].get())) {
      if (arr->array.ndim() == 0)
        in.error(a.loc, "len() of unsized object");
      return Interpreter::integer(arr->array.shape()[0]);
    }
    return Interpreter::integer(iterate(in, v[0], a.loc).size());
  });
  def("zip", [](Interpreter &in, CallArgs &a) {
    std::vector<ObjectList> seqs;
    for (const ObjectPtr &p : a.positional)
      seqs.push_back(iterate(in, p, a.loc));
    size_t n = seqs.empty() ? 0 : SIZE_MAX;
    for (auto &s : seqs)
      n = std::min(n, s.size());
    ObjectList out;
    for (size_t i = 0; i < n; ++i) {
      ObjectList row;
      for (auto &s : seqs)
        row.push_back(s[i]);
      out.push_back(std::make_shared<TupleObject>(row));
    }
    return listOf(out);
  });
  def("enumerate", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "enumerate", {"iterable", "start?"});
    int64_t start = v[1] ? asInt(v[1]).value_or(0) : 0;
    ObjectList out;
    for (const ObjectPtr &item : iterate(in, v[0], a.loc))
      out.push_back(std::make_shared<TupleObject>(
          ObjectList{Interpreter::integer(start++), item}));
    return listOf(out);
  });
  def("reversed", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "reversed", {"seq"});
    ObjectList items = iterate(in, v[0], a.loc);
    std::reverse(items.begin(), items.end());
    return listOf(items);
  });
  def("list", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "list", {"iterable?"});
    return listOf(v[0] ? iterate(in, v[0], a.loc) : ObjectList{});
  });
  def("tuple", [](Interpreter &in, CallArgs &a) -> ObjectPtr {
    auto v = bindArgs(in, a, "tuple", {"iterable?"});
    return std::make_shared<TupleObject>(v[0] ? iterate(in, v[0], a.loc)
                                              : ObjectList{});
  });
  def("dict", [](Interpreter &in, CallArgs &a) -> ObjectPtr {
    auto d = std::make_shared<DictObject>();
    if (!a.positional.empty())
      for (const ObjectPtr &pair : iterate(in, a.positional[0], a.loc)) {
        ObjectList kv = iterate(in, pair, a.loc);
        if (kv.size() != 2)
          in.error(a.loc, "dict() needs (key, value) pairs");
        dictSet(in, *d, kv[0], kv[1], a.loc);
      }
    for (auto &[k, v] : a.keywords)
      dictSet(in, *d, Interpreter::string(k), v, a.loc);
    return d;
  });
  def("int", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "int", {"x?"});
    if (!v[0])
      return Interpreter::integer(0);
    if (auto f = asFloat(v[0]))
      return Interpreter::integer(static_cast<int64_t>(std::trunc(*f)));
    in.error(a.loc, "int() argument must be a number, not " +
                        typeName(v[0]));
  });
  def("float", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "float", {"x?"});
    if (!v[0])
      return Interpreter::floating(0);
    if (auto f = asFloat(v[0]))
      return Interpreter::floating(*f);
    if (auto *s = dyn_cast<StrObject>(v[0].get())) {
      if (s->value == "inf")
        return Interpreter::floating(INFINITY);
      if (s->value == "-inf")
        return Interpreter::floating(-INFINITY);
      if (s->value == "nan")
        return Interpreter::floating(NAN);
    }
    in.error(a.loc, "float() argument must be a number, not " +
                        typeName(v[0]));
  });
  def("bool", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "bool", {"x?"});
    return Interpreter::boolean(v[0] && truthy(in, v[0], a.loc));
  });
  def("str", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "str", {"x?"});
    return Interpreter::string(v[0] ? toStr(v[0]) : "");
  });
  def("repr", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "repr", {"x"});
    return Interpreter::string(repr(v[0]));
  });
  def("abs", [](Interpreter &in, CallArgs &a) -> ObjectPtr {
    auto v = bindArgs(in, a, "abs", {"x"});
    if (in.tensors().isTensorLike(v[0]) && !asFloat(v[0]))
      if (isa<TensorObject>(v[0].get()))
        return in.tensors().unary(UnaryKind::Abs, v[0], a.loc);
    if (auto *f = dyn_cast<FloatObject>(v[0].get()))
      return Interpreter::floating(std::fabs(f->value));
    if (auto i = asInt(v[0])) {
      if (*i == std::numeric_limits<int64_t>::min())
        in.error(a.loc, llvm::formatv("integer overflow: abs({0}) does not "
                                      "fit in 64 bits (tcc's compile-time "
                                      "integers are int64)",
                                      *i));
      return Interpreter::integer(*i < 0 ? -*i : *i);
    }
    in.error(a.loc, "bad operand type for abs(): '" + typeName(v[0]) + "'");
  });
  auto minMax = [](bool isMax) {
    return [isMax](Interpreter &in, CallArgs &a) -> ObjectPtr {
      ObjectList items = a.positional.size() == 1
                             ? iterate(in, a.positional[0], a.loc)
                             : a.positional;
      if (items.empty())
        in.error(a.loc, std::string(isMax ? "max" : "min") +
                            "() arg is an empty sequence");
      ObjectPtr best = items[0];
      for (const ObjectPtr &item : items) {
        auto x = asFloat(item), b = asFloat(best);
        if (!x || !b)
          in.error(a.loc, "min()/max() of non-numbers; use T.maximum / "
                          "T.max for symbolic tensors");
        if (isMax ? *x > *b : *x < *b)
          best = item;
      }
      return best;
    };
  };
  def("max", minMax(true));
  def("min", minMax(false));
  def("sum", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "sum", {"iterable", "start?"});
    ObjectPtr total = v[1] ? v[1] : Interpreter::integer(0);
    for (const ObjectPtr &item : iterate(in, v[0], a.loc))
      total = binaryOperator(in, ast::BinOpKind::Add, total, item, a.loc);
    return total;
  });
  def("any", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "any", {"iterable"});
    for (const ObjectPtr &item : iterate(in, v[0], a.loc))
      if (truthy(in, item, a.loc))
        return Interpreter::boolean(true);
    return Interpreter::boolean(false);
  });
  def("all", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "all", {"iterable"});
    for (const ObjectPtr &item : iterate(in, v[0], a.loc))
      if (!truthy(in, item, a.loc))
        return Interpreter::boolean(false);
    return Interpreter::boolean(true);
  });
  def("isinstance", [](Interpreter &in, CallArgs &a) {
    auto v = bindArgs(in, a, "isinstance", {"obj", "cls"});
    ObjectList classes = isa<TupleObject>(v[1].get())
                             ? cast<TupleObject>(v[1].get())->items
                             : ObjectList{v[1]};
    for (const ObjectPtr &c : classes) {
      if (auto *b = dyn_cast<BuiltinObject>(c.get())) {
        if (b->name == typeName(v[0]) ||
            (b->name == "object"))
          return Interpreter::boolean(true);
        continue;
      }
      auto cls = std::dynamic_pointer_cast<ClassObject>(c);
      auto *inst = dyn_cast<InstanceObject>(v[0].get());
      if (!cls)
        in.error(a.loc, "isinstance() arg 2 must be a class");
      if (inst) {
        std::function<bool(const std::shared_ptr<ClassObject> &)> derives =
            [&](const std::shared_ptr<ClassObject> &k) {
              if (k == cls)
                return true;
              for (auto &b : k->bases)
                if (derives(b))
                  return true;
              return false;
            };
        if (derives(inst->cls))
          return Interpreter::boolean(true);
      }
    }
    return Interpreter::boolean(false);
  });
  def("print", [](Interpreter &in, CallArgs &a) {
    // Compile-time output (the graph is being built): to stderr, so it never
    // mixes with --emit output or `tcc run --json`.
    std::string line;
    for (size_t i = 0; i < a.positional.size(); ++i)
      line += (i ? " " : "") + toStr(a.positional[i]);
    llvm::errs() << line << "\n";
    return Interpreter::none();
  });
  (void)interp;
}
