//===- TensorScan.cpp - theano.scan as th.scan
//------------------------------===//
//
// Theano's scan runs the step function once, on symbolic stand-ins, to get
// the graph of one step; so does tcc, building that graph into the body of
// a th.scan. The many forms Theano accepts are normalized on the way
// (ThScanOps.td):
//
// - a sequence with taps becomes one sliced sequence per tap, cut as
//   Theano cuts them (so seq[t + k] lines up for every k);
// - an outputs_info initial with taps [-1] gets a leading row; with other
//   taps its first -min(taps) rows are the earlier values;
// - a shared variable the step updates becomes a recurrent output whose
//   initial is the variable, and its last value is scan's update;
// - every other value the step uses from outside (non_sequences, shared
//   variables, anything the closure reaches) becomes a loop invariant;
// - a draw in the step makes its stream's state one of those shared
//   variables (Theano's scan takes the step's default updates as its own);
// - an until(condition) the step returns last is yielded after the
//   outputs, as a bool, and the scan gets `until`.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "Th/IR/ThOps.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;

static ObjectList listOf(const ObjectPtr &value) {
  if (!value || isa<NoneObject>(value.get()))
    return {};
  if (auto *list = dyn_cast<ListObject>(value.get()))
    return list->items;
  if (auto *tuple = dyn_cast<TupleObject>(value.get()))
    return tuple->items;
  return {value};
}

/// `dict[key]` for a string key, null where it is absent or None.
static ObjectPtr entry(const DictObject &dict, llvm::StringRef key) {
  for (auto &[k, v] : dict.items)
    if (auto *s = dyn_cast<StrObject>(k.get()); s && s->value == key)
      return isa<NoneObject>(v.get()) ? nullptr : v;
  return nullptr;
}

static ObjectPtr integerObject(std::optional<int64_t> v) {
  if (!v)
    return std::make_shared<NoneObject>();
  return std::make_shared<IntObject>(*v);
}

static ObjectPtr sliceObject(std::optional<int64_t> lower,
                             std::optional<int64_t> upper,
                             std::optional<int64_t> step) {
  auto s = std::make_shared<SliceObject>();
  s->lower = integerObject(lower);
  s->upper = integerObject(upper);
  s->step = integerObject(step);
  return s;
}

/// `type` with every static size but the broadcastable 1s forgotten: a
/// step's state may change size between calls, never between steps.
static RankedTensorType stateType(RankedTensorType type) {
  SmallVector<int64_t> shape;
  for (int64_t s : type.getShape())
    shape.push_back(s == 1 ? 1 : ShapedType::kDynamic);
  return RankedTensorType::get(shape, type.getElementType());
}

static RankedTensorType rowType(Value v) {
  auto type = llvm::cast<RankedTensorType>(v.getType());
  return RankedTensorType::get(type.getShape().drop_front(),
                               type.getElementType());
}

std::vector<int64_t> TensorBuilder::scanTaps(const ObjectPtr &taps,
                                             llvm::StringRef what,
                                             Location loc) {
  std::vector<int64_t> out;
  for (const ObjectPtr &t : listOf(taps)) {
    auto *i = dyn_cast<IntObject>(t.get());
    if (!i)
      interp.error(loc, "scan: the taps of " + what + " must be ints");
    if (llvm::is_contained(out, i->value))
      interp.error(loc, "scan: the taps of " + what + " must be different");
    // Far enough for any tensor that fits in memory, and near enough that
    // the offsets computed from taps cannot overflow.
    constexpr int64_t kFarthest = int64_t(1) << 40;
    if (i->value < -kFarthest || i->value > kFarthest)
      interp.error(loc, llvm::formatv("scan: tap {0} of {1} is farther than "
                                      "2**40 steps from the current one",
                                      i->value, what));
    out.push_back(i->value);
  }
  if (out.empty())
    interp.error(loc, "scan: " + what + " has no taps");
  return out;
}

ObjectPtr TensorBuilder::scan(const ScanArgs &args, Location loc) {
  auto upTo = [&](Value stop) {
    auto sl = std::make_shared<SliceObject>();
    sl->lower = std::make_shared<NoneObject>();
    sl->upper = wrap(stop);
    sl->step = std::make_shared<NoneObject>();
    return sl;
  };
  // Sequences, one sliced sequence per tap (Theano's scan.basic cuts).
  struct Slice {
    TensorPtr sequence;
    std::string name;
  };
  std::vector<Slice> slices;
  for (const ObjectPtr &s : listOf(args.sequences)) {
    ObjectPtr input = s;
    std::vector<int64_t> taps = {0};
    if (auto *dict = dyn_cast<DictObject>(s.get())) {
      input = entry(*dict, "input");
      if (!input)
        interp.error(loc, "scan: a sequence given as a dict needs 'input'");
      if (ObjectPtr t = entry(*dict, "taps"))
        taps = scanTaps(t, "a sequence", loc);
    }
    TensorPtr x = asTensor(input, loc);
    if (rankOf(x) == 0)
      interp.error(loc, "scan: a sequence must have at least one dimension "
                        "to iterate over, got " +
                            typeString(x->value.getType()));
    int64_t maxTap = std::max<int64_t>(*llvm::max_element(taps), 0);
    int64_t minTap = std::min<int64_t>(*llvm::min_element(taps), 0);
    for (int64_t k : taps) {
      std::optional<int64_t> end;
      if (k != maxTap)
        end = -(maxTap - k);
      TensorPtr cut =
          subtensor(x, sliceObject(k - minTap, end, std::nullopt), loc);
      if (args.goBackwards)
        cut = subtensor(cut, sliceObject(std::nullopt, std::nullopt, -1), loc);
      std::string name;
      if (!x->name.empty())
        name = k == 0
                   ? x->name + "[t]"
                   : llvm::formatv("{0}[t{1}{2}]", x->name, k > 0 ? "+" : "", k)
                         .str();
      slices.push_back({cut, name});
    }
  }

  // The number of steps: n_steps, else the shortest sequence.
  Value steps;
  bool stepsGiven = args.nSteps && !isa<NoneObject>(args.nSteps.get());
  if (stepsGiven) {
    TensorPtr n = asTensor(args.nSteps, loc);
    DType dtype = dtypeOf(n);
    if (rankOf(n) != 0 || !numpy::isInteger(dtype))
      interp.error(loc, "scan: n_steps must be an int or an integer scalar, "
                        "got " +
                            typeString(n->value.getType()));
    steps = castValue(n->value, DType::Int64, loc);
    // Cut to n_steps rows, so that a sequence's gradient (one row per step)
    // has its shape. A sequence shorter than that, or a negative n_steps,
    // fails the call (th.scan's lowering checks both, as Theano does).
    for (Slice &s : slices)
      s.sequence = subtensor(s.sequence, upTo(steps), loc);
  } else if (slices.empty()) {
    interp.error(loc, "scan: no information about the number of steps: give "
                      "n_steps or a sequence");
  } else {
    // The shortest sequence.
    for (const Slice &s : slices) {
      Value length = th::ShapeIOp::create(builder, loc, s.sequence->value, 0);
      steps = steps ? Value(th::MinimumOp::create(builder, loc, steps, length))
                    : length;
    }
  }
  // And exactly `steps` rows, for the same reason.
  if (slices.size() > 1 && !stepsGiven)
    for (Slice &s : slices)
      s.sequence = subtensor(s.sequence, upTo(steps), loc);

  // The step's graph goes into a region of its own until th.scan exists.
  auto region = std::make_unique<Region>();
  Block *body = new Block();
  region->push_back(body);
  // Region::isAncestor walks through parent ops, which a region of its own
  // (this one, or an enclosing scan's still being built) does not have.
  auto inBody = [&](Region *r) {
    while (r) {
      if (r == region.get())
        return true;
      Operation *parent = r->getParentOp();
      r = parent ? parent->getParentRegion() : nullptr;
    }
    return false;
  };
  OpBuilder::InsertPoint outer = builder.saveInsertionPoint();
  struct Restore {
    OpBuilder &b;
    OpBuilder::InsertPoint point;
    ~Restore() { b.restoreInsertionPoint(point); }
  } restore{builder, outer};

  ObjectList stepArgs;
  SmallVector<Value> sequences;
  for (const Slice &s : slices) {
    sequences.push_back(s.sequence->value);
    TensorPtr row = wrap(body->addArgument(rowType(s.sequence->value), loc));
    row->name = s.name;
    stepArgs.push_back(row);
  }

  // outputs_info: None (no earlier values), an initial value, or a dict.
  struct Output {
    std::vector<int64_t> taps; // empty: not recurrent
    RankedTensorType type;     // of a step's value, for recurrent ones
    TensorPtr shared;          // a shared variable the step updates
  };
  std::vector<Output> outputs;
  SmallVector<Value> initials;
  auto addRecurrent = [&](const TensorPtr &initial, std::vector<int64_t> taps,
                          const std::string &name) {
    int64_t lag = -*llvm::min_element(taps);
    Value rows;
    if (taps.size() == 1 && taps[0] == -1) {
      std::vector<int64_t> pattern = {-1};
      for (int64_t d = 0; d < rankOf(initial); ++d)
        pattern.push_back(d);
      rows = th::DimShuffleOp::create(builder, loc, initial->value, pattern);
    } else {
      if (rankOf(initial) == 0)
        interp.error(loc, "scan: an initial with taps other than [-1] needs "
                          "a leading dimension of earlier values");
      rows =
          subtensor(initial, sliceObject(std::nullopt, lag, std::nullopt), loc)
              ->value;
    }
    RankedTensorType type = stateType(rowType(rows));
    auto rowsType = llvm::cast<RankedTensorType>(rows.getType());
    SmallVector<int64_t> shape = {rowsType.getDimSize(0)};
    llvm::append_range(shape, type.getShape());
    auto initialType = RankedTensorType::get(shape, type.getElementType());
    if (initialType != rowsType)
      rows = th::CastOp::create(builder, loc, initialType, rows);
    initials.push_back(rows);
    for (int64_t k : taps) {
      TensorPtr arg = wrap(body->addArgument(type, loc));
      if (!name.empty())
        arg->name = llvm::formatv("{0}[t{1}]", name, k).str();
      stepArgs.push_back(arg);
    }
    outputs.push_back({std::move(taps), type, nullptr});
  };
  ObjectList infos = listOf(args.outputsInfo);
  for (const ObjectPtr &info : infos) {
    if (!info || isa<NoneObject>(info.get())) {
      outputs.push_back({});
      continue;
    }
    ObjectPtr initial = info;
    std::vector<int64_t> taps = {-1};
    if (auto *dict = dyn_cast<DictObject>(info.get())) {
      initial = entry(*dict, "initial");
      ObjectPtr t = entry(*dict, "taps");
      if (!initial && t)
        interp.error(loc, "scan: an output with taps needs an 'initial' "
                          "state");
      if (!initial) {
        outputs.push_back({});
        continue;
      }
      if (t)
        taps = scanTaps(t, "an output", loc);
      for (int64_t k : taps)
        if (k >= 0)
          interp.error(loc, llvm::formatv("scan: output taps must be "
                                          "negative (earlier steps), got {0}",
                                          k));
    }
    TensorPtr x = asTensor(initial, loc);
    addRecurrent(x, std::move(taps), x->name);
  }
  llvm::append_range(stepArgs, listOf(args.nonSequences));

  // One step, on the stand-ins.
  builder.setInsertionPointToEnd(body);
  CallArgs call{stepArgs, {}, loc};
  ObjectPtr returned = interp.call(args.fn, call);

  // The step returns outputs, an updates dict, or both (in either order),
  // and last, to stop the loop early, theano.scan_module.until(condition).
  ObjectList values;
  std::shared_ptr<DictObject> updates;
  TensorPtr until;
  if (isa<TupleObject>(returned.get()) || isa<ListObject>(returned.get())) {
    ObjectList items = listOf(returned);
    auto *last =
        items.empty() ? nullptr : dyn_cast<InstanceObject>(items.back().get());
    if (last && last->cls == untilClass()) {
      until = std::static_pointer_cast<TensorObject>(
          last->attrs.lookup("condition"));
      items.pop_back();
      if (items.size() == 1) {
        returned = items.front();
      } else {
        auto rest = std::make_shared<TupleObject>();
        rest->items = std::move(items);
        returned = rest;
      }
    }
  }
  auto takeUpdates = [&](const ObjectPtr &v) {
    if (auto dict = std::dynamic_pointer_cast<DictObject>(v)) {
      updates = dict;
      return true;
    }
    return false;
  };
  if (!takeUpdates(returned)) {
    ObjectList items = listOf(returned);
    if (isa<TupleObject>(returned.get()) && items.size() == 2 &&
        (isa<DictObject>(items[0].get()) || isa<DictObject>(items[1].get()))) {
      bool first = takeUpdates(items[0]);
      if (!first)
        takeUpdates(items[1]);
      values = listOf(first ? items[1] : items[0]);
    } else {
      values = items;
    }
  }
  for (const ObjectPtr &v : values)
    if (isa<InstanceObject>(v.get()) || isa<BuiltinObject>(v.get()))
      interp.error(loc, "scan: the step function must return tensors, an "
                        "updates dict, or both, and then optionally "
                        "theano.scan_module.until(condition), last");
  if (infos.empty())
    outputs.resize(values.size());
  if (values.size() != outputs.size())
    interp.error(loc, llvm::formatv("scan: the step function returns {0} "
                                    "outputs but outputs_info describes {1}",
                                    values.size(), outputs.size()));

  SmallVector<Value> yields;
  for (auto [j, v] : llvm::enumerate(values)) {
    TensorPtr y = asTensor(v, loc);
    Output &out = outputs[j];
    if (out.taps.empty()) {
      yields.push_back(y->value);
      continue;
    }
    TensorPtr fitted = forgetStaticSizes(y, out.type, loc);
    if (!fitted)
      interp.error(
          loc, llvm::formatv(
                   "scan: output {0} of the step function is {1}, but its "
                   "initial state (outputs_info) is {2}; they must have one "
                   "dtype and broadcastable pattern (use T.cast, "
                   "T.unbroadcast or T.patternbroadcast)",
                   j, typeString(y->value.getType()), typeString(out.type))
                   .str());
    yields.push_back(fitted->value);
  }

  // A shared variable the step updates is read, in the step, as its value
  // after the previous step. A draw in the step updates its stream's state
  // (its default update) the same way, as Theano's scan makes the default
  // updates of the step's shared variables its own updates.
  std::vector<std::pair<ObjectPtr, ObjectPtr>> stepUpdates;
  if (updates)
    stepUpdates = updates->items;
  llvm::SmallPtrSet<Object *, 4> updated;
  for (auto &[key, value] : stepUpdates)
    updated.insert(key.get());
  std::vector<std::pair<TensorPtr, TensorPtr>> drawn;
  for (auto &[read, update] : defaultUpdates)
    if (update.second && inBody(update.second->value.getParentRegion()) &&
        !updated.contains(update.first.get()))
      drawn.push_back(update);
  // In the order the streams' states were made, not the map's.
  llvm::sort(drawn, [](const auto &a, const auto &b) {
    return a.first->sharedSymbol < b.first->sharedSymbol;
  });
  llvm::SmallPtrSet<Object *, 4> streamStates;
  for (auto &[state, next] : drawn) {
    stepUpdates.push_back({state, next});
    streamStates.insert(state.get());
    // A stream made by the step reads its state there; the scan reads it
    // before the loop.
    if (Operation *read = state->value.getDefiningOp();
        read && inBody(read->getParentRegion()))
      read->moveBefore(outer.getBlock(), outer.getPoint());
  }
  std::vector<std::pair<TensorPtr, size_t>> sharedOutputs;
  for (auto &[key, value] : stepUpdates) {
    auto shared = std::dynamic_pointer_cast<TensorObject>(key);
    if (!shared || shared->sharedSymbol.empty())
      interp.error(loc, "scan: the step's updates must be keyed by shared "
                        "variables");
    TensorPtr v = asTensor(value, loc);
    auto type =
        stateType(llvm::cast<RankedTensorType>(shared->value.getType()));
    TensorPtr fitted = forgetStaticSizes(v, type, loc);
    if (!fitted)
      interp.error(loc, "scan: the update of shared variable '" + shared->name +
                            "' is " + typeString(v->value.getType()) +
                            ", but the variable is " +
                            typeString(shared->value.getType()));
    unsigned position = sequences.size();
    for (const Output &o : outputs)
      position += o.taps.size();
    Value state = body->insertArgument(position, type, loc);
    shared->value.replaceUsesWithIf(state, [&](OpOperand &use) {
      return inBody(use.getOwner()->getParentRegion());
    });
    yields.push_back(fitted->value);
    sharedOutputs.push_back({shared, outputs.size()});
    outputs.push_back({std::vector<int64_t>{-1}, type, shared});
  }
  // The loop stops after a step whose condition is true (nonzero).
  if (until)
    yields.push_back(castValue(until->value, DType::Bool, loc));
  th::ScanYieldOp::create(builder, loc, yields);

  // Everything else the step reads from outside becomes an invariant;
  // constants are copied in, so rewrites inside the body still see them.
  llvm::SetVector<Value> captured;
  region->walk([&](Operation *op) {
    for (Value v : op->getOperands())
      if (!inBody(v.getParentRegion()))
        captured.insert(v);
  });
  SmallVector<Value> invariants;
  for (Value v : captured) {
    auto inRegion = [&](OpOperand &use) {
      return inBody(use.getOwner()->getParentRegion());
    };
    if (Operation *def = v.getDefiningOp(); def && isa<th::ConstantOp>(def)) {
      OpBuilder::InsertionGuard atStart(builder);
      builder.setInsertionPointToStart(body);
      v.replaceUsesWithIf(builder.clone(*def)->getResult(0), inRegion);
      continue;
    }
    invariants.push_back(v);
    v.replaceUsesWithIf(body->addArgument(v.getType(), loc), inRegion);
  }

  builder.restoreInsertionPoint(outer);
  SmallVector<Value> sharedInitials;
  for (auto &[shared, j] : sharedOutputs) {
    std::vector<int64_t> pattern = {-1};
    for (int64_t d = 0; d < rankOf(shared); ++d)
      pattern.push_back(d);
    Value rows = th::DimShuffleOp::create(builder, loc, shared->value, pattern);
    auto type = outputs[j].type;
    SmallVector<int64_t> shape = {1};
    llvm::append_range(shape, type.getShape());
    auto initialType = RankedTensorType::get(shape, type.getElementType());
    if (rows.getType() != initialType)
      rows = th::CastOp::create(builder, loc, initialType, rows);
    initials.push_back(rows);
  }

  SmallVector<Type> resultTypes;
  SmallVector<Attribute> taps;
  for (auto [out, y] : llvm::zip(outputs, yields)) {
    auto type = llvm::cast<RankedTensorType>(y.getType());
    SmallVector<int64_t> shape = {ShapedType::kDynamic};
    llvm::append_range(shape, type.getShape());
    resultTypes.push_back(RankedTensorType::get(shape, type.getElementType()));
    taps.push_back(builder.getDenseI64ArrayAttr(out.taps));
  }
  auto scan = th::ScanOp::create(
      builder, loc, resultTypes, steps, sequences, initials, invariants,
      builder.getArrayAttr(taps),
      builder.getDenseBoolArrayAttr(SmallVector<bool>(outputs.size(), true)),
      /*reverse=*/false,
      args.truncateGradient ? builder.getI64IntegerAttr(*args.truncateGradient)
                            : IntegerAttr(),
      /*until=*/static_cast<bool>(until));
  scan.getBody().takeBody(*region);

  auto results = std::make_shared<ListObject>();
  for (unsigned j = 0; j < values.size(); ++j)
    results->items.push_back(wrap(scan.getResult(j)));
  auto updatesOut = std::make_shared<DictObject>();
  for (auto &[shared, j] : sharedOutputs) {
    TensorPtr last = subtensor(wrap(scan.getResult(j)),
                               std::make_shared<IntObject>(-1), loc);
    updatesOut->items.push_back({shared, last});
    // A stream's state is left as the last step left it, also by a
    // function that does not take the scan's updates.
    if (streamStates.contains(shared.get()))
      defaultUpdates[shared->value] = {shared, last};
  }

  auto out = std::make_shared<TupleObject>();
  if (results->items.empty())
    out->items.push_back(std::make_shared<NoneObject>());
  else if (results->items.size() == 1 && !args.returnList)
    out->items.push_back(results->items[0]);
  else
    out->items.push_back(results);
  out->items.push_back(updatesOut);
  return out;
}
