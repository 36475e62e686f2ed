//===- SymbolicSizes.cpp - Sizes named by kernel arguments ----------------===//

#include "CodeGen/SymbolicSizes.h"

#include "Th/IR/RewriteReport.h"
#include "Th/IR/ThIndexing.h"

#include "PythonIntegers.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

using namespace mlir;
using namespace tcc;

/// Lower ranks are simpler: a witness is the simplest member of its class
/// (ties go to the oldest, so a witness never depends on its own class).
static int complexity(bool isArgDim, bool isConstant, bool isLinear) {
  return isArgDim ? 0 : isConstant ? 1 : isLinear ? 2 : 3;
}

int SymbolicSizes::add(Sym s) {
  std::string key;
  llvm::raw_string_ostream os(key);
  os << int(s.kind) << ':' << s.constant << ':' << s.step << ':'
     << s.hasStart << s.hasStop;
  for (auto [arg, dim] : s.dims)
    os << ",d" << arg << '.' << dim;
  for (int op : s.operands)
    os << ",s" << leader(op);
  auto [it, inserted] = interned.try_emplace(key, int(syms.size()));
  if (inserted)
    syms.push_back(std::move(s));
  return it->second;
}

SymbolicSizes::Sym SymbolicSizes::witness(int a) {
  auto it = witnesses.find(leader(a));
  return syms[it != witnesses.end() ? it->second : leader(a)];
}

int SymbolicSizes::newArgDim(int64_t arg, int64_t dim) {
  Sym s;
  s.dims.push_back({arg, dim});
  return add(std::move(s));
}

int SymbolicSizes::newArgValue(int64_t arg) {
  Sym s;
  s.kind = Sym::Kind::ArgValue;
  s.constant = arg;
  return add(std::move(s));
}

int SymbolicSizes::newConstant(int64_t size) {
  Sym s;
  s.constant = size;
  return add(std::move(s));
}

std::optional<int64_t> SymbolicSizes::constantValue(int a) {
  Sym w = witness(a);
  if (w.isConstant())
    return w.constant;
  return std::nullopt;
}

int SymbolicSizes::newSum(ArrayRef<int> parts) {
  // a + len(x[a:]) is len(x) when a counts the steps of a scan over x.
  for (auto [i, p] : llvm::enumerate(parts)) {
    Sym w = witness(p);
    if (w.kind != Sym::Kind::SliceLength || w.step != 1 || !w.hasStart ||
        w.hasStop || !stepsRunWithin(w.operands[1], w.operands[0]))
      continue;
    auto *run = llvm::find_if(
        parts, [&](int q) { return leader(q) == leader(w.operands[1]); });
    if (run == parts.end())
      continue;
    SmallVector<int> rest;
    for (auto [j, q] : llvm::enumerate(parts))
      if (j != i && j != size_t(run - parts.begin()))
        rest.push_back(q);
    rest.push_back(w.operands[0]);
    return newSum(rest);
  }
  Sym s;
  for (int p : parts) {
    Sym w = witness(p);
    std::optional<int64_t> constant = python::add(s.constant, w.constant);
    if (w.kind != Sym::Kind::Linear || !constant) {
      // A sum of a product, or of a constant that would overflow the sum's:
      // keep it as a term of its own.
      s.operands.push_back(p);
      continue;
    }
    // A sum's own product terms are terms of this sum too.
    s.dims.append(w.dims.begin(), w.dims.end());
    s.operands.append(w.operands.begin(), w.operands.end());
    s.constant = *constant;
  }
  if (!s.operands.empty()) {
    // Products in a sum: a Linear node whose operands are added too.
    if (s.dims.empty() && s.constant == 0 && s.operands.size() == 1)
      return s.operands.front();
  }
  llvm::sort(s.dims);
  return add(std::move(s));
}

int SymbolicSizes::newProduct(ArrayRef<int> parts) {
  int64_t constant = 1;
  SmallVector<int, 2> factors;
  for (int p : parts) {
    // A product that does not fit in 64 bits stays symbolic: no buffer can
    // have that size, and the runtime's checks of it fail as overflows.
    std::optional<int64_t> c = constantValue(p);
    std::optional<int64_t> folded =
        c ? python::multiply(constant, *c) : std::nullopt;
    if (folded)
      constant = *folded;
    else
      factors.push_back(leader(p));
  }
  if (constant == 0 || factors.empty())
    return newConstant(constant);
  if (constant != 1)
    factors.push_back(newConstant(constant));
  if (factors.size() == 1)
    return factors.front();
  llvm::sort(factors);
  Sym s;
  s.kind = Sym::Kind::Product;
  s.operands = std::move(factors);
  return add(std::move(s));
}

int SymbolicSizes::newQuotient(int a, int b) {
  std::optional<int64_t> ca = constantValue(a), cb = constantValue(b);
  if (ca && cb)
    if (std::optional<int64_t> q = python::floorDivide(*ca, *cb))
      return newConstant(*q); // Values may be negative: Python's //.
  if (cb && *cb == 1)
    return a;
  Sym s;
  s.kind = Sym::Kind::Quotient;
  s.operands = {a, b};
  return add(std::move(s));
}

int SymbolicSizes::newExtreme(int a, int b, bool max) {
  std::optional<int64_t> ca = constantValue(a), cb = constantValue(b);
  if (ca && cb)
    return newConstant(max ? std::max(*ca, *cb) : std::min(*ca, *cb));
  if (leader(a) == leader(b))
    return a;
  // max(n, 0) is n for a size n (a scan's steps), and min(n, 0) is 0.
  if (cb == 0 && nonNegative(a))
    return max ? a : b;
  if (ca == 0 && nonNegative(b))
    return max ? b : a;
  Sym s;
  s.kind = max ? Sym::Kind::Max : Sym::Kind::Min;
  s.operands = {std::min(leader(a), leader(b)), std::max(leader(a), leader(b))};
  return add(std::move(s));
}

int SymbolicSizes::newSliceLength(int of, std::optional<int> start,
                                  std::optional<int> stop, int64_t step) {
  auto constantBound = [&](std::optional<int> b, bool &known) {
    std::optional<int64_t> c = b ? constantValue(*b) : std::nullopt;
    known &= !b || c;
    return c;
  };
  bool known = true;
  std::optional<int64_t> n = constantValue(of);
  std::optional<int64_t> from = constantBound(start, known);
  std::optional<int64_t> to = constantBound(stop, known);
  if (n && known)
    return newConstant(th::sliceLength(*n, from, to, step));
  if (known && step == 1 && (!start || *from == 0) && !stop)
    return of;
  // x[:a] has a rows when a counts the steps of a scan over x.
  if (step == 1 && (!start || from == 0) && stop && stepsRunWithin(*stop, of))
    return *stop;
  // x[::-1] reverses: the same length.
  if (step == -1 && !start && !stop)
    return of;
  Sym s;
  s.kind = Sym::Kind::SliceLength;
  s.operands = {of};
  for (std::optional<int> b : {start, stop})
    if (b)
      s.operands.push_back(*b);
  s.hasStart = start.has_value();
  s.hasStop = stop.has_value();
  s.step = step;
  return add(std::move(s));
}

int SymbolicSizes::newOpaque(Location loc, llvm::StringRef what,
                             llvm::StringRef why) {
  // Never interned: two opaque sizes are never known equal.
  Sym s;
  s.kind = Sym::Kind::Opaque;
  s.origin = loc;
  s.what = what.str();
  s.why = why.str();
  syms.push_back(std::move(s));
  return syms.size() - 1;
}

llvm::json::Value SymbolicSizes::json(int a) {
  Sym s = witness(a);
  llvm::json::Array operands;
  for (int op : s.operands)
    operands.push_back(json(op));
  switch (s.kind) {
  case Sym::Kind::Linear: {
    if (s.isArgDim())
      return llvm::json::Array{s.dims[0].first, s.dims[0].second};
    if (s.isConstant() && operands.empty())
      return s.constant;
    llvm::json::Array dims;
    for (auto [arg, dim] : s.dims)
      dims.push_back(llvm::json::Array{arg, dim});
    bool hasLinear = !s.dims.empty() || s.constant != 0;
    llvm::json::Value linear =
        llvm::json::Object{{"dims", std::move(dims)}, {"plus", s.constant}};
    if (operands.empty())
      return linear;
    if (hasLinear)
      operands.push_back(std::move(linear));
    return llvm::json::Object{{"add", std::move(operands)}};
  }
  case Sym::Kind::Product:
    return llvm::json::Object{{"mul", std::move(operands)}};
  case Sym::Kind::ArgValue:
    return llvm::json::Object{{"value", s.constant}};
  case Sym::Kind::Quotient:
    return llvm::json::Object{{"floordiv", std::move(operands)}};
  case Sym::Kind::Min:
    return llvm::json::Object{{"min", std::move(operands)}};
  case Sym::Kind::Max:
    return llvm::json::Object{{"max", std::move(operands)}};
  case Sym::Kind::Opaque:
    break;
  case Sym::Kind::SliceLength: {
    size_t next = 1;
    auto bound = [&](bool has) -> llvm::json::Value {
      return has ? std::move(operands[next++]) : llvm::json::Value(nullptr);
    };
    llvm::json::Value start = bound(s.hasStart), stop = bound(s.hasStop);
    return llvm::json::Object{{"slice", std::move(operands[0])},
                              {"start", std::move(start)},
                              {"stop", std::move(stop)},
                              {"step", s.step}};
  }
  }
  llvm_unreachable("unknown size kind");
}

std::string SymbolicSizes::name(int a, bool nested) {
  Sym s = witness(a);
  std::string out;
  auto append = [&](llvm::StringRef sep, llvm::StringRef term) {
    out += (out.empty() ? "" : sep.str()) + term.str();
  };
  // A negated term is written "a - b" rather than "a + -b".
  auto appendTerm = [&](std::string term) {
    if (!out.empty() && term[0] == '-')
      out += " - " + term.substr(1);
    else
      append(" + ", term);
  };
  switch (s.kind) {
  case Sym::Kind::Linear:
    for (auto [arg, dim] : s.dims)
      appendTerm(llvm::formatv("{0}.shape[{1}]", argNames[arg], dim).str());
    for (int op : s.operands) // Products and quotients bind tighter.
      appendTerm(name(op));
    if (s.constant != 0 || out.empty())
      appendTerm(std::to_string(s.constant));
    nested &= s.dims.size() + s.operands.size() + (s.constant != 0) > 1;
    break;
  case Sym::Kind::Product: {
    bool negate = false;
    for (int op : s.operands) {
      if (constantValue(op) == -1)
        negate = !negate;
      else
        append(" * ", name(op, true));
    }
    if (negate)
      out = "-" + out;
    break;
  }
  case Sym::Kind::ArgValue:
    return argNames[s.constant];
  case Sym::Kind::Quotient:
    out = name(s.operands[0], true) + " // " + name(s.operands[1], true);
    break;
  case Sym::Kind::Min:
  case Sym::Kind::Max:
    return (s.kind == Sym::Kind::Min ? "min(" : "max(") + name(s.operands[0]) +
           ", " + name(s.operands[1]) + ")";
  case Sym::Kind::Opaque:
    return s.what + " at " + formatSourceLocation(*s.origin);
  case Sym::Kind::SliceLength: {
    size_t next = 1;
    auto bound = [&](bool has) {
      return has ? name(s.operands[next++]) : std::string();
    };
    std::string start = bound(s.hasStart), stop = bound(s.hasStop);
    return llvm::formatv("len(range({0})[{1}:{2}{3}])", name(s.operands[0]),
                         start, stop,
                         s.step == 1 ? "" : ":" + std::to_string(s.step))
        .str();
  }
  }
  return nested ? "(" + out + ")" : out;
}

LogicalResult SymbolicSizes::unify(int a, int b, Operation *op,
                                   llvm::StringRef what, Location loc,
                                   std::optional<std::string> need) {
  int ra = leader(a), rb = leader(b);
  if (ra == rb)
    return success();
  Sym wa = witness(ra), wb = witness(rb);
  for (int r : {ra, rb})
    if (failed(checkable(r, op, llvm::formatv("{0} needs {1} == {2}", what,
                                              name(ra), name(rb)))))
      return failure();
  if (wa.isConstant() && wb.isConstant()) {
    if (wa.constant != wb.constant)
      return op->emitError("sizes ")
             << wa.constant << " and " << wb.constant << " do not match";
  } else {
    // "a" is the side with argument dimensions; a constant goes to "size".
    int sa = ra, sb = rb;
    if (wa.isConstant() || (!wa.isArgDim() && wb.isArgDim())) {
      std::swap(wa, wb);
      std::swap(sa, sb);
    }
    llvm::json::Object check;
    check["a"] = json(sa);
    if (wb.isConstant())
      check["size"] = wb.constant;
    else
      check["b"] = json(sb);
    check["reason"] =
        llvm::formatv("{0} at {1} needs {2}", what, formatSourceLocation(loc),
                      need ? *need : name(sa) + " == " + name(sb))
            .str();
    checks.push_back(std::move(check));
  }
  auto rank = [&](int id) {
    const Sym &s = syms[id];
    return std::make_pair(complexity(s.isArgDim(), s.isConstant(),
                                     s.kind == Sym::Kind::Linear &&
                                         s.operands.empty()),
                          id);
  };
  auto witnessId = [&](int r) {
    auto it = witnesses.find(r);
    return it != witnesses.end() ? it->second : r;
  };
  int keep = std::min(rank(witnessId(ra)), rank(witnessId(rb))).second;
  classes.unionSets(ra, rb);
  witnesses[leader(ra)] = keep;
  return success();
}

void SymbolicSizes::setStepsRun(int a, int most, ArrayRef<int> sequenceRows) {
  StepsRun run{most, {most}};
  llvm::append_range(run.bounds, sequenceRows);
  stepsRun[leader(a)] = std::move(run);
}

bool SymbolicSizes::stepsRunWithin(int a, int rows) {
  auto it = stepsRun.find(leader(a));
  return it != stepsRun.end() &&
         llvm::any_of(it->second.bounds,
                      [&](int bound) { return leader(bound) == leader(rows); });
}

bool SymbolicSizes::nonNegative(int a) {
  Sym w = witness(a);
  switch (w.kind) {
  case Sym::Kind::ArgValue:
    return false;
  case Sym::Kind::SliceLength:
  case Sym::Kind::Opaque:
    return true;
  case Sym::Kind::Linear:
    if (w.constant < 0)
      return false;
    break; // Its dimensions are sizes; its other terms are operands.
  case Sym::Kind::Product:
  case Sym::Kind::Quotient:
  case Sym::Kind::Min:
  case Sym::Kind::Max:
    break;
  }
  return llvm::all_of(w.operands, [&](int op) { return nonNegative(op); });
}

std::optional<SymbolicSizes::Sym> SymbolicSizes::opaquePart(int a) {
  Sym w = witness(a);
  if (w.kind == Sym::Kind::Opaque)
    return w;
  for (int operand : w.operands)
    if (std::optional<Sym> part = opaquePart(operand))
      return part;
  return std::nullopt;
}

LogicalResult SymbolicSizes::checkable(int a, Operation *op,
                                       const llvm::Twine &what) {
  // An opaque size anywhere in the expression (a sum of a slice whose
  // bounds come from data) makes the whole of it unknown before the call.
  std::optional<Sym> opaque = opaquePart(a);
  if (!opaque)
    return success();
  return op->emitError() << what << ", but " << opaque->why;
}

LogicalResult SymbolicSizes::requireAtLeast(int a, int64_t min, Operation *op,
                                            llvm::StringRef what, Location loc,
                                            llvm::StringRef why) {
  if (std::optional<int64_t> c = constantValue(a); c && *c >= min)
    return success(); // A static size; the verifier saw it.
  if (auto it = stepsRun.find(leader(a)); it != stepsRun.end() && min <= 1)
    return requireAtLeast(it->second.most, min, op, what, loc, why);
  if (failed(checkable(a, op,
                       llvm::formatv("{0} needs {1} >= {2}", what, name(a),
                                     min))))
    return failure();
  llvm::json::Object check;
  check["a"] = json(a);
  check["min_size"] = min;
  check["reason"] = llvm::formatv("{0} at {1} needs {2} >= {3} ({4})", what,
                                  formatSourceLocation(loc), name(a), min, why)
                        .str();
  checks.push_back(std::move(check));
  return success();
}
