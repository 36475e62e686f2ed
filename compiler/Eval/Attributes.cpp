//===- Attributes.cpp - Attribute access and methods of values ------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"
#include "Th/IR/ThOps.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

ObjectPtr eval::makeBuiltin(std::string name, BuiltinFn fn) {
  return std::make_shared<BuiltinObject>(std::move(name), std::move(fn));
}

bool eval::isAbsent(const ObjectPtr &value) {
  return !value || isa<NoneObject>(value.get());
}

int64_t eval::intArgument(Interpreter &interp, const ObjectPtr &value,
                          int64_t dflt, llvm::StringRef function,
                          llvm::StringRef param, Location loc) {
  if (isAbsent(value))
    return dflt;
  std::optional<int64_t> i = asInt(value);
  if (!i)
    interp.error(loc, function + ": " + param + " must be an int, got " +
                          typeName(value));
  return *i;
}

std::vector<ObjectPtr> eval::bindArgs(Interpreter &interp, CallArgs &args,
                                      llvm::StringRef function,
                                      llvm::ArrayRef<const char *> params) {
  std::vector<std::string> names;
  std::vector<bool> optional;
  bool star = false;
  for (const char *p : params) {
    llvm::StringRef s(p);
    if (s == "*") {
      star = true;
      continue;
    }
    optional.push_back(s.ends_with("?"));
    names.push_back(s.rtrim('?').str());
  }
  std::vector<ObjectPtr> bound(names.size() + (star ? 1 : 0));
  size_t nPositional = args.positional.size();
  if (nPositional > names.size() && !star)
    interp.error(args.loc,
                 llvm::formatv("{0}() takes at most {1} positional argument{2} "
                               "but {3} {4} given",
                               function, names.size(),
                               names.size() == 1 ? "" : "s", nPositional,
                               nPositional == 1 ? "was" : "were"));
  for (size_t i = 0; i < std::min(nPositional, names.size()); ++i)
    bound[i] = args.positional[i];
  if (star) {
    auto rest = std::make_shared<TupleObject>();
    for (size_t i = names.size(); i < nPositional; ++i)
      rest->items.push_back(args.positional[i]);
    bound.back() = rest;
  }
  for (auto &[name, value] : args.keywords) {
    auto it = llvm::find(names, name);
    if (it == names.end())
      interp.error(args.loc, function + "() got an unexpected keyword "
                                        "argument '" + name + "'");
    size_t i = it - names.begin();
    if (bound[i])
      interp.error(args.loc, function + "() got multiple values for "
                                        "argument '" + name + "'");
    bound[i] = value;
  }
  for (size_t i = 0; i < names.size(); ++i)
    if (!bound[i] && !optional[i])
      interp.error(args.loc, function + "() missing required argument '" +
                                 names[i] + "'");
  return bound;
}

std::vector<ObjectPtr> eval::bindTensorArgs(Interpreter &interp,
                                            CallArgs &args,
                                            llvm::StringRef function,
                                            const ObjectPtr &self,
                                            llvm::ArrayRef<const char *> params) {
  if (!self)
    return bindArgs(interp, args, function, params);
  std::vector<ObjectPtr> bound =
      bindArgs(interp, args, function, params.drop_front());
  bound.insert(bound.begin(), self);
  return bound;
}

ObjectPtr eval::classAttribute(const std::shared_ptr<ClassObject> &cls,
                               llvm::StringRef name) {
  auto it = cls->attrs.find(name);
  if (it != cls->attrs.end())
    return it->second;
  for (const auto &base : cls->bases)
    if (ObjectPtr v = classAttribute(base, name))
      return v;
  return nullptr;
}

static ObjectPtr method(std::string name,
                        std::function<ObjectPtr(Interpreter &, CallArgs &)> fn) {
  return makeBuiltin(std::move(name), std::move(fn));
}

static ObjectPtr listAttribute(Interpreter &interp,
                               const std::shared_ptr<ListObject> &list,
                               llvm::StringRef name, Location loc) {
  if (name == "append")
    return method("list.append", [list](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "append", {"x"});
      list->items.push_back(v[0]);
      return Interpreter::none();
    });
  if (name == "extend")
    return method("list.extend", [list](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "extend", {"iterable"});
      ObjectList more = iterate(in, v[0], a.loc);
      list->items.insert(list->items.end(), more.begin(), more.end());
      return Interpreter::none();
    });
  if (name == "pop")
    return method("list.pop", [list](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "pop", {"index?"});
      if (list->items.empty())
        in.error(a.loc, "pop from empty list");
      int64_t n = list->items.size();
      int64_t i = v[0] ? asInt(v[0]).value_or(n - 1) : n - 1;
      if (i < 0)
        i += n;
      if (i < 0 || i >= n)
        in.error(a.loc, "pop index out of range");
      ObjectPtr r = list->items[i];
      list->items.erase(list->items.begin() + i);
      return r;
    });
  if (name == "index")
    return method("list.index", [list](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "index", {"x"});
      for (size_t i = 0; i < list->items.size(); ++i)
        if (pyEquals(list->items[i], v[0]))
          return Interpreter::integer(i);
      in.error(a.loc, repr(v[0]) + " is not in list");
    });
  interp.error(loc, "'list' object has no attribute '" + name.str() + "'");
}

static ObjectPtr dictAttribute(Interpreter &interp,
                               const std::shared_ptr<DictObject> &dict,
                               llvm::StringRef name, Location loc) {
  auto pairs = [dict](bool keys, bool values) {
    auto list = std::make_shared<ListObject>();
    for (auto &[k, v] : dict->items) {
      if (keys && values)
        list->items.push_back(std::make_shared<TupleObject>(ObjectList{k, v}));
      else
        list->items.push_back(keys ? k : v);
    }
    return list;
  };
  if (name == "items")
    return method("dict.items", [pairs](Interpreter &, CallArgs &) {
      return pairs(true, true);
    });
  if (name == "keys")
    return method("dict.keys", [pairs](Interpreter &, CallArgs &) {
      return pairs(true, false);
    });
  if (name == "values")
    return method("dict.values", [pairs](Interpreter &, CallArgs &) {
      return pairs(false, true);
    });
  if (name == "get")
    return method("dict.get", [dict](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "get", {"key", "default?"});
      ObjectPtr r = dictGet(*dict, v[0]);
      return r ? r : (v[1] ? v[1] : Interpreter::none());
    });
  interp.error(loc, "'dict' object has no attribute '" + name.str() + "'");
}

static ObjectPtr strAttribute(Interpreter &interp,
                              const std::shared_ptr<StrObject> &str,
                              llvm::StringRef name, Location loc) {
  if (name == "join")
    return method("str.join", [str](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "join", {"iterable"});
      std::string out;
      bool first = true;
      for (const ObjectPtr &item : iterate(in, v[0], a.loc)) {
        out += (first ? "" : str->value) + toStr(item);
        first = false;
      }
      return Interpreter::string(out);
    });
  if (name == "upper" || name == "lower")
    return method("str." + name.str(),
                  [str, upper = name == "upper"](Interpreter &, CallArgs &) {
                    std::string s = str->value;
                    for (char &c : s)
                      c = upper ? toupper(c) : tolower(c);
                    return Interpreter::string(s);
                  });
  if (name == "startswith" || name == "endswith")
    return method(
        "str." + name.str(),
        [str, n = name.str()](Interpreter &in, CallArgs &a) {
          auto v = bindArgs(in, a, n, {"prefix"});
          // A tuple of candidates, as in Python.
          ObjectList candidates = isa<TupleObject>(v[0].get())
                                      ? iterate(in, v[0], a.loc)
                                      : ObjectList{v[0]};
          llvm::StringRef s = str->value;
          for (const ObjectPtr &c : candidates) {
            auto *affix = dyn_cast<StrObject>(c.get());
            if (!affix)
              in.error(a.loc, n + " first arg must be str or a tuple of str, "
                                  "not " + typeName(c));
            if (n == "startswith" ? s.starts_with(affix->value)
                                  : s.ends_with(affix->value))
              return Interpreter::boolean(true);
          }
          return Interpreter::boolean(false);
        });
  interp.error(loc, "'str' object has no attribute '" + name.str() +
                        "' in tcc");
}

ObjectPtr eval::attribute(Interpreter &interp, const ObjectPtr &object,
                          llvm::StringRef name, Location loc) {
  if (auto *m = dyn_cast<ModuleObject>(object.get()))
    return moduleAttribute(interp, m->path, name, loc);
  if (auto t = std::dynamic_pointer_cast<TensorObject>(object))
    return tensorAttribute(interp, t, name, loc);
  if (auto a = std::dynamic_pointer_cast<ArrayObject>(object))
    return arrayAttribute(interp, a, name, loc);
  if (auto r = std::dynamic_pointer_cast<RandomStateObject>(object))
    return randomStateAttribute(interp, r, name, loc);
  if (auto r = std::dynamic_pointer_cast<RandomStreamsObject>(object))
    return randomStreamsAttribute(interp, r, name, loc);
  if (auto l = std::dynamic_pointer_cast<ListObject>(object))
    return listAttribute(interp, l, name, loc);
  if (auto d = std::dynamic_pointer_cast<DictObject>(object))
    return dictAttribute(interp, d, name, loc);
  if (auto s = std::dynamic_pointer_cast<StrObject>(object))
    return strAttribute(interp, s, name, loc);
  if (auto inst = std::dynamic_pointer_cast<InstanceObject>(object)) {
    auto it = inst->attrs.find(name);
    if (it != inst->attrs.end())
      return it->second;
    if (ObjectPtr v = classAttribute(inst->cls, name)) {
      if (isa<FunctionObject>(v.get())) {
        auto bound = std::make_shared<BoundMethodObject>();
        bound->self = object;
        bound->function = v;
        return bound;
      }
      return v;
    }
    interp.error(loc, "'" + inst->cls->name + "' object has no attribute '" +
                          name.str() + "'");
  }
  if (auto cls = std::dynamic_pointer_cast<ClassObject>(object)) {
    if (ObjectPtr v = classAttribute(cls, name))
      return v;
    interp.error(loc, "type object '" + cls->name + "' has no attribute '" +
                          name.str() + "'");
  }
  if (auto *fn = dyn_cast<TheanoFunctionObject>(object.get())) {
    if (name == "name")
      return Interpreter::string(fn->name);
  }
  if (auto *d = dyn_cast<DTypeObject>(object.get())) {
    if (name == "name")
      return Interpreter::string(std::string(numpy::dtypeName(d->dtype)));
  }
  interp.error(loc, "'" + typeName(object) + "' object has no attribute '" +
                        name.str() + "'");
}

void eval::setAttribute(Interpreter &interp, const ObjectPtr &object,
                        llvm::StringRef name, const ObjectPtr &value,
                        Location loc) {
  if (auto *inst = dyn_cast<InstanceObject>(object.get())) {
    inst->attrs[name] = value;
    if (name == "test_value")
      interp.tensors().setTestValue(inst, value, loc);
    return;
  }
  if (auto *cls = dyn_cast<ClassObject>(object.get())) {
    cls->attrs[name] = value;
    return;
  }
  if (auto *m = dyn_cast<ModuleObject>(object.get())) {
    if (m->path == "theano.config" && name == "floatX") {
      interp.setFloatX(dtypeArgument(interp, value, loc));
      if (interp.getFloatX() != numpy::DType::Float32 &&
          interp.getFloatX() != numpy::DType::Float64)
        interp.error(loc, "floatX must be 'float32' or 'float64'");
      return;
    }
    if (m->path == "theano.config")
      return; // Other flags (device, mode...) do not change the graph.
  }
  if (auto *t = dyn_cast<TensorObject>(object.get())) {
    if (name == "name") {
      auto *s = dyn_cast<StrObject>(value.get());
      if (!s)
        interp.error(loc, "a variable's name must be a string");
      t->name = s->value;
      if (auto var = t->value.getDefiningOp<th::VariableOp>())
        var.setName(s->value);
      return;
    }
  }
  interp.error(loc, "cannot set attribute '" + name.str() + "' of a '" +
                        typeName(object) + "' object");
}
