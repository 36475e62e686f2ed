//===- TensorRandom.cpp - Theano's RandomStreams --------------------------===//
//
// theano.tensor.shared_randomstreams.RandomStreams as Theano 1.0 builds it:
// a generator `seeds` = RandomState(seed) hands each draw the seed
// randint(2**30) of its own RandomState, kept in a shared variable whose
// default update is the state after the draw, so every call of a function
// that uses the draw advances it (theano.function's no_default_updates
// turns that off). The draws are NumPy's: a th.random_draw fills the sample
// from the packed state with the runtime's copy of the legacy MT19937
// stream, and uniform / normal are `low + (high - low) * u` and
// `avg + std * z` in float64 as RandomState computes them, then cast to the
// variable's dtype. MRG_RandomStreams takes the same path (the same API,
// NumPy's numbers rather than MRG31k3p's).
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "NumPy/TheanoDTypeRules.h"
#include "Th/IR/ThOps.h"

#include "LegacyRandom.h"

#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;

static_assert(legacy::kPackedStateLength == th::kRandomStateLength,
              "th.random_draw's state is the runtime's packed MT19937");

TensorPtr TensorBuilder::randomDraw(const TensorPtr &state,
                                    llvm::StringRef distribution,
                                    const ObjectList &sizeObjs,
                                    llvm::ArrayRef<TensorPtr> params,
                                    llvm::StringRef name, Location loc) {
  SmallVector<Value> sizes;
  SmallVector<int64_t> shape;
  allocSizes(sizeObjs, name, loc, sizes, shape);
  bool integer =
      distribution != "random_sample" && distribution != "standard_normal";
  auto type = RankedTensorType::get(shape, integer ? Type(builder.getI64Type())
                                                   : builder.getF64Type());
  SmallVector<Value> paramValues;
  for (const TensorPtr &p : params)
    paramValues.push_back(p->value);
  auto draw = th::RandomDrawOp::create(
      builder, loc, state->value.getType(), type, state->value,
      builder.getStringAttr(distribution), sizes, paramValues);
  defaultUpdates[state->value] =
      std::make_pair(state, wrap(draw.getNextState()));
  return wrap(draw.getSample());
}

namespace {

/// One draw's arguments, bound and checked.
struct DrawRequest {
  ObjectList sizes;
  std::vector<TensorPtr> params;
};

class StreamsBuilder {
public:
  StreamsBuilder(Interpreter &in, RandomStreamsObject &streams,
                 llvm::StringRef method, Location loc)
      : in(in), tb(in.tensors()), streams(streams), method(method.str()),
        loc(loc) {}

  /// A new stream: RandomState(seeds.randint(2**30)) in a shared variable.
  TensorPtr newState() {
    numpy::RandomState rng(static_cast<uint32_t>(nextSeed()));
    TensorPtr state = tb.shared(pack(rng), "random_state", std::nullopt, loc);
    streams.states.push_back(state);
    return state;
  }

  int64_t nextSeed() {
    numpy::Result<numpy::NDArray> seed =
        streams.seeds.randint(int64_t(1) << 30, std::nullopt, {});
    return seed->getInt64(0);
  }

  static numpy::NDArray pack(const numpy::RandomState &rng) {
    std::vector<int64_t> words(legacy::kPackedStateLength);
    legacy::packState(rng.getState(), words.data());
    return *numpy::NDArray::fromInt64s({legacy::kPackedStateLength}, words);
  }

  /// The sample's sizes: `size` (ints and x.shape[i]) or, when None, the
  /// broadcast shape of the parameters; each parameter is then broadcast
  /// to them (raw_random's _infer_ndim_bcast).
  DrawRequest request(const ObjectPtr &size, const ObjectPtr &ndim,
                      std::vector<TensorPtr> params) {
    DrawRequest r;
    if (size && !isa<NoneObject>(size.get())) {
      if (const ObjectList *items = sequenceItems(size))
        r.sizes = *items;
      else
        r.sizes = {size};
    } else {
      int64_t rank = 0;
      for (const TensorPtr &p : params)
        rank = std::max(rank, tb.rankOf(p));
      for (int64_t d = 0; d < rank; ++d) {
        ObjectPtr dim = Interpreter::integer(1);
        for (const TensorPtr &p : params) {
          int64_t pd = d - (rank - tb.rankOf(p));
          if (pd >= 0 && !tb.broadcastableOf(p)[pd]) {
            dim = tb.dimSize(p, pd, loc);
            break;
          }
        }
        r.sizes.push_back(dim);
      }
    }
    if (ndim && !isa<NoneObject>(ndim.get()) &&
        asInt(ndim) != static_cast<int64_t>(r.sizes.size()))
      in.error(loc, llvm::formatv("{0}: ndim={1} but the size has {2} "
                                  "dimensions",
                                  method, toStr(ndim), r.sizes.size()));
    for (TensorPtr &p : params) {
      if (tb.rankOf(p) > static_cast<int64_t>(r.sizes.size()))
        in.error(loc, llvm::formatv("{0}: a parameter has rank {1}, more "
                                    "than the {2} dimensions of the size",
                                    method, tb.rankOf(p), r.sizes.size()));
      p = tb.broadcastTo(p, r.sizes, method, loc);
    }
    r.params = std::move(params);
    return r;
  }

  TensorPtr cast(const ObjectPtr &value, DType dtype) {
    return tb.cast(tb.asTensor(value, loc), dtype, loc);
  }

  std::optional<DType> dtypeOrNone(const ObjectPtr &v) {
    if (!v || isa<NoneObject>(v.get()))
      return std::nullopt;
    return dtypeArgument(in, v, loc);
  }

  /// uniform / normal: `a + b * draw` in float64, as RandomState computes
  /// it, in upcast(floatX, a, b) unless `dtype` says otherwise.
  TensorPtr affine(llvm::StringRef distribution, const ObjectPtr &size,
                   const ObjectPtr &aObj, const ObjectPtr &bObj,
                   const ObjectPtr &ndim, const ObjectPtr &dtypeObj,
                   bool uniform) {
    TensorPtr a = tb.asTensor(aObj, loc), b = tb.asTensor(bObj, loc);
    for (const TensorPtr &p : {a, b})
      if (numpy::isComplex(tb.dtypeOf(p)))
        in.error(loc, method + ": complex parameters are not supported");
    DType dtype = dtypeOrNone(dtypeObj).value_or(
        numpy::theano::upcast({in.getFloatX(), tb.dtypeOf(a), tb.dtypeOf(b)}));
    if (!numpy::isFloat(dtype))
      in.error(loc, method + ": dtype must be a float type, got " +
                        std::string(numpy::dtypeName(dtype)));
    DrawRequest r =
        request(size, ndim, {cast(a, DType::Float64), cast(b, DType::Float64)});
    TensorPtr lo = r.params[0], hi = r.params[1];
    TensorPtr draw =
        tb.randomDraw(newState(), distribution, r.sizes, {}, method, loc);
    // uniform: low + (high - low) * u; normal: avg + std * z.
    TensorPtr scale =
        uniform ? tb.elemwise(ElemwiseKind::Sub, hi, lo, loc) : hi;
    TensorPtr value =
        tb.elemwise(ElemwiseKind::Add, lo,
                    tb.elemwise(ElemwiseKind::Mul, scale, draw, loc), loc);
    return tb.cast(value, dtype, loc);
  }

  /// binomial / random_integers: int64 parameters drawn per element, the
  /// int64 result cast to `dtype`.
  TensorPtr perElement(llvm::StringRef distribution, const ObjectPtr &size,
                       TensorPtr first, TensorPtr second, const ObjectPtr &ndim,
                       DType dtype) {
    DrawRequest r = request(size, ndim, {first, second});
    TensorPtr draw =
        tb.randomDraw(newState(), distribution, r.sizes, r.params, method, loc);
    return tb.cast(draw, dtype, loc);
  }

  Interpreter &in;
  TensorBuilder &tb;
  RandomStreamsObject &streams;
  std::string method;
  Location loc;
};

} // namespace

ObjectPtr eval::randomStreamsConstructor(llvm::StringRef qualified, bool mrg) {
  return makeBuiltin(qualified.str(), [mrg](Interpreter &in, CallArgs &a) {
    auto v =
        bindArgs(in, a, mrg ? "MRG_RandomStreams" : "RandomStreams", {"seed?"});
    auto streams = std::make_shared<RandomStreamsObject>();
    streams->mrg = mrg;
    // Theano seeds an unseeded RandomStreams from the OS; a compiler
    // should give the same model for the same source, so None means 0.
    int64_t seed = 0;
    if (v[0] && !isa<NoneObject>(v[0].get())) {
      std::optional<int64_t> s = asInt(v[0]);
      if (!s)
        in.error(a.loc, "RandomStreams: the seed must be an int, got " +
                            typeName(v[0]));
      seed = *s;
    }
    numpy::Result<numpy::RandomState> rng = numpy::RandomState::create(seed);
    if (!rng)
      in.error(a.loc, "RandomStreams: " + rng.error());
    streams->seeds = *rng;
    return std::static_pointer_cast<Object>(streams);
  });
}

ObjectPtr eval::randomStreamsAttribute(
    Interpreter &interp, const std::shared_ptr<RandomStreamsObject> &streams,
    llvm::StringRef name, Location loc) {
  std::string qualified = "RandomStreams." + name.str();
  if (name == "uniform" || name == "normal")
    return makeBuiltin(qualified, [streams, n = name.str()](Interpreter &in,
                                                            CallArgs &a) {
      bool uniform = n == "uniform";
      auto v = bindArgs(in, a, n,
                        {"size?", uniform ? "low?" : "avg?",
                         uniform ? "high?" : "std?", "ndim?", "dtype?",
                         "nstreams?", "truncate?"});
      StreamsBuilder sb(in, *streams, n, a.loc);
      if (v[6] && asInt(v[6]) != 0)
        in.error(a.loc, "normal: truncate=True is not supported by tcc yet");
      ObjectPtr first = v[1] ? v[1] : Interpreter::floating(0.0);
      ObjectPtr second = v[2] ? v[2] : Interpreter::floating(1.0);
      return std::static_pointer_cast<Object>(
          sb.affine(uniform ? "random_sample" : "standard_normal", v[0], first,
                    second, v[3], v[4], uniform));
    });
  if (name == "binomial")
    return makeBuiltin(qualified, [streams](Interpreter &in, CallArgs &a) {
      // MRG_RandomStreams.binomial(size, p, n, ...); RandomStreams'
      // binomial(size, n, p, ..., prob=p).
      auto v = streams->mrg ? bindArgs(in, a, "binomial",
                                       {"size?", "p?", "n?", "ndim?", "dtype?",
                                        "nstreams?", "prob?"})
                            : bindArgs(in, a, "binomial",
                                       {"size?", "n?", "p?", "ndim?", "dtype?",
                                        "prob?", "nstreams?"});
      ObjectPtr n = streams->mrg ? v[2] : v[1];
      ObjectPtr p = streams->mrg ? v[1] : v[2];
      ObjectPtr prob = streams->mrg ? v[6] : v[5];
      if (prob && !isa<NoneObject>(prob.get()))
        p = prob;
      StreamsBuilder sb(in, *streams, "binomial", a.loc);
      DType dtype = sb.dtypeOrNone(v[4]).value_or(DType::Int64);
      TensorPtr nt = sb.cast(n ? n : Interpreter::integer(1), DType::Int64);
      TensorPtr pt =
          sb.cast(p ? p : Interpreter::floating(0.5), DType::Float64);
      return std::static_pointer_cast<Object>(
          sb.perElement("binomial", v[0], nt, pt, v[3], dtype));
    });
  if (name == "random_integers")
    return makeBuiltin(qualified, [streams](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "random_integers",
                        {"size?", "low?", "high?", "ndim?", "dtype?"});
      StreamsBuilder sb(in, *streams, "random_integers", a.loc);
      DType dtype = sb.dtypeOrNone(v[4]).value_or(DType::Int64);
      auto integerParam = [&](const ObjectPtr &p, int64_t dflt) {
        TensorPtr t =
            in.tensors().asTensor(p ? p : Interpreter::integer(dflt), a.loc);
        if (!numpy::isInteger(in.tensors().dtypeOf(t)))
          in.error(a.loc, "random_integers: low and high must be integers");
        return sb.cast(t, DType::Int64);
      };
      TensorPtr low = integerParam(v[1], 0), high = integerParam(v[2], 1);
      return std::static_pointer_cast<Object>(
          sb.perElement("random_integers", v[0], low, high, v[3], dtype));
    });
  if (name == "choice")
    return makeBuiltin(qualified, [streams](Interpreter &in, CallArgs &a) {
      // raw_random.choice: RandomState.choice(a, size, replace, p), the
      // result (a's elements, or indices when a is an int) cast to dtype.
      auto v = bindArgs(in, a, "choice",
                        {"size?", "a?", "replace?", "p?", "ndim?", "dtype?",
                         "nstreams?"});
      StreamsBuilder sb(in, *streams, "choice", a.loc);
      TensorBuilder &tb = in.tensors();
      DType dtype = sb.dtypeOrNone(v[5]).value_or(DType::Int64);
      TensorPtr population =
          tb.asTensor(v[1] ? v[1] : Interpreter::integer(2), a.loc);
      TensorPtr elements;
      if (tb.rankOf(population) == 1) {
        elements = population;
        population = tb.asTensor(tb.dimSize(elements, 0, a.loc), a.loc);
      } else if (tb.rankOf(population) != 0 ||
                 !numpy::isInteger(tb.dtypeOf(population))) {
        in.error(a.loc, "choice: a must be an integer or a vector, got " +
                            tb.typeString(population->value.getType()));
      }
      bool replace = true;
      if (v[2] && !isa<NoneObject>(v[2].get())) {
        std::optional<int64_t> r = asInt(v[2]);
        if (!r)
          in.error(a.loc, "choice: replace must be True or False (a "
                          "symbolic replace is not supported by tcc)");
        replace = *r != 0;
      }
      // p=None is an empty p, as Theano encodes it; NumPy's tolerance for
      // the sum is the square root of the eps of p's dtype (at least
      // float64's).
      TensorPtr p;
      double atol = std::sqrt(std::numeric_limits<double>::epsilon());
      if (v[3] && !isa<NoneObject>(v[3].get())) {
        p = tb.asTensor(v[3], a.loc);
        if (tb.rankOf(p) != 1)
          in.error(a.loc, "choice: p must be a vector, got " +
                              tb.typeString(p->value.getType()));
        if (tb.dtypeOf(p) == DType::Float32)
          atol = std::sqrt(double(std::numeric_limits<float>::epsilon()));
        p = sb.cast(p, DType::Float64);
      } else {
        p = tb.constant(*numpy::NDArray::zeros({0}), a.loc);
      }
      DrawRequest r = sb.request(v[0], v[4], {});
      TensorPtr index = tb.randomDraw(
          sb.newState(), replace ? "choice" : "choice_unique", r.sizes,
          {sb.cast(population, DType::Int64), p,
           tb.constant(*numpy::NDArray::scalar(atol, DType::Float64), a.loc)},
          "choice", a.loc);
      TensorPtr result =
          elements ? tb.advancedSubtensor(elements, {index}, a.loc) : index;
      return std::static_pointer_cast<Object>(tb.cast(result, dtype, a.loc));
    });
  if (name == "permutation")
    return makeBuiltin(qualified, [streams](Interpreter &in, CallArgs &a) {
      // raw_random.permutation: one permutation of range(n) per element of
      // size, in a trailing dimension of n.
      auto v = bindArgs(in, a, "permutation",
                        {"size?", "n?", "ndim?", "dtype?"});
      StreamsBuilder sb(in, *streams, "permutation", a.loc);
      DType dtype = sb.dtypeOrNone(v[3]).value_or(DType::Int64);
      ObjectPtr n = v[1] ? v[1] : Interpreter::integer(1);
      DrawRequest r = sb.request(v[0], v[2], {});
      r.sizes.push_back(n);
      TensorPtr draw = in.tensors().randomDraw(
          sb.newState(), "permutation", r.sizes, {sb.cast(n, DType::Int64)},
          "permutation", a.loc);
      return std::static_pointer_cast<Object>(
          in.tensors().cast(draw, dtype, a.loc));
    });
  if (name == "seed")
    return makeBuiltin(qualified, [streams](Interpreter &in, CallArgs &a) {
      // Theano's RandomStreams.seed: a new seed generator, and each
      // stream so far reseeded from it in order.
      auto v = bindArgs(in, a, "seed", {"seed?"});
      int64_t seed =
          v[0] && !isa<NoneObject>(v[0].get()) ? asInt(v[0]).value_or(-1) : 0;
      numpy::Result<numpy::RandomState> rng = numpy::RandomState::create(seed);
      if (!rng)
        in.error(a.loc, "seed: " + rng.error());
      streams->seeds = *rng;
      StreamsBuilder sb(in, *streams, "seed", a.loc);
      for (const TensorPtr &state : streams->states) {
        numpy::RandomState fresh(static_cast<uint32_t>(sb.nextSeed()));
        in.tensors().setSharedValue(state, StreamsBuilder::pack(fresh), a.loc);
      }
      return Interpreter::none();
    });
  interp.error(loc, "'RandomStreams' object has no attribute '" + name.str() +
                        "' in tcc (uniform, normal, binomial, "
                        "random_integers, choice, permutation and seed are "
                        "supported)");
}
