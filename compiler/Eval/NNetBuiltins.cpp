//===- NNetBuiltins.cpp - theano.tensor.nnet and signal.pool --------------===//
//
// The activation functions of theano.tensor.nnet written as Theano writes
// them (relu as 0.5 * (x + |x|), elu with a switch, hard_sigmoid with a
// clip), so that values and gradients are Theano's; conv2d (the abstract
// one and the old nnet.conv one) and pool_2d (signal.pool, and
// signal.downsample's max_pool_2d) with Theano's argument rules.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "NumPy/TheanoDTypeRules.h"
#include "Th/IR/ThOps.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

/// An (int, int) argument given as one int for both or a sequence of two.
static std::array<int64_t, 2>
pairArgument(Interpreter &in, const ObjectPtr &value,
             std::array<int64_t, 2> dflt, llvm::StringRef function,
             llvm::StringRef param, Location loc) {
  if (isAbsent(value))
    return dflt;
  std::optional<int64_t> a = asInt(value), b = a;
  const ObjectList *items = sequenceItems(value);
  if (!a && items && items->size() == 2) {
    a = asInt((*items)[0]);
    b = asInt((*items)[1]);
  }
  if (!a || !b)
    in.error(loc, llvm::formatv("{0}: {1} must be two ints known at compile "
                                "time, got {2}",
                                function, param, toStr(value)));
  if (*a > th::kMaxWindowParameter || *b > th::kMaxWindowParameter)
    in.error(loc, llvm::formatv("{0}: {1} must be at most {2} (Theano's C "
                                "code takes it as an int), got {3}",
                                function, param, th::kMaxWindowParameter,
                                toStr(value)));
  return {*a, *b};
}

static ObjectPtr tensorResult(TensorPtr t) {
  return std::static_pointer_cast<Object>(std::move(t));
}

/// conv2d's border_mode: 'valid', 'full', 'half', an int or an (int, int)
/// pair of paddings (in `padding`).
static ConvBorder borderMode(Interpreter &in, const ObjectPtr &mode,
                             bool oldInterface, std::array<int64_t, 2> &padding,
                             Location loc) {
  if (isAbsent(mode))
    return ConvBorder::Padding;
  auto *text = llvm::dyn_cast<StrObject>(mode.get());
  if (!text) {
    if (oldInterface)
      in.error(loc, "conv2d: border_mode must be 'valid' or 'full' in "
                    "theano.tensor.nnet.conv.conv2d");
    padding = pairArgument(in, mode, {0, 0}, "conv2d", "border_mode", loc);
    if (padding[0] < 0 || padding[1] < 0)
      in.error(loc, llvm::formatv("conv2d: border_mode padding must be "
                                  "non-negative, got ({0}, {1})",
                                  padding[0], padding[1]));
    return ConvBorder::Padding;
  }
  llvm::StringRef name = text->value;
  if (name == "valid")
    return ConvBorder::Padding;
  if (name != "full" && (name != "half" || oldInterface))
    in.error(loc, llvm::formatv("conv2d: border_mode must be {0}, got '{1}'",
                                oldInterface
                                    ? "'valid' or 'full'"
                                    : "'valid', 'full', 'half', an int or a "
                                      "pair of ints",
                                name));
  return name == "full" ? ConvBorder::Full : ConvBorder::Half;
}

static ObjectPtr conv2dCall(Interpreter &in, CallArgs &a, bool oldInterface) {
  std::vector<const char *> params =
      oldInterface ? std::vector<const char *>{"input",        "filters",
                                               "image_shape?", "filter_shape?",
                                               "border_mode?", "subsample?"}
                   : std::vector<const char *>{
                         "input",         "filters",      "input_shape?",
                         "filter_shape?", "border_mode?", "subsample?",
                         "filter_flip?",  "image_shape?", "filter_dilation?",
                         "num_groups?",   "unshared?"};
  auto v = bindArgs(in, a, "conv2d", params);
  TensorBuilder &tb = in.tensors();
  // input_shape, filter_shape and image_shape are hints in Theano (for its
  // choice of algorithm); the sizes are checked when the model is called.
  Conv2dOptions options;
  if (!oldInterface) {
    options.dilations =
        pairArgument(in, v[8], {1, 1}, "conv2d", "filter_dilation", a.loc);
    options.flip = isAbsent(v[6]) || truthy(in, v[6], a.loc);
    if (!isAbsent(v[9]))
      options.groups = intArgument(in, v[9], 1, "conv2d", "num_groups", a.loc);
    if (options.groups < 1)
      in.error(a.loc, llvm::formatv("conv2d: num_groups must be positive, "
                                    "got {0}",
                                    options.groups));
    if (!isAbsent(v[10]) && truthy(in, v[10], a.loc))
      in.error(a.loc, "conv2d: unshared convolution is not supported by tcc");
  }
  options.strides =
      pairArgument(in, v[5], {1, 1}, "conv2d", "subsample", a.loc);
  for (auto [what, pair] : {std::pair{"subsample", options.strides},
                            std::pair{"filter_dilation", options.dilations}})
    if (pair[0] < 1 || pair[1] < 1)
      in.error(a.loc, llvm::formatv("conv2d: {0} must be positive, got ({1}, "
                                    "{2})",
                                    what, pair[0], pair[1]));
  options.border = borderMode(in, v[4], oldInterface, options.padding, a.loc);
  return tensorResult(tb.conv2d(v[0], v[1], options, a.loc));
}

/// pool_2d(input, ws, ignore_border, stride, pad, mode) and its older
/// spellings: ds for ws, st for stride, padding for pad.
static ObjectPtr pool2dCall(Interpreter &in, CallArgs &a, bool maxPool2d) {
  std::vector<const char *> params =
      maxPool2d
          ? std::vector<const char *>{"input", "ds",       "ignore_border?",
                                      "st?",   "padding?", "mode?"}
          : std::vector<const char *>{"input",   "ws?",  "ignore_border?",
                                      "stride?", "pad?", "mode?",
                                      "ds?",     "st?",  "padding?"};
  llvm::StringRef name = maxPool2d ? "max_pool_2d" : "pool_2d";
  auto v = bindArgs(in, a, name, params);
  auto either = [&](size_t now, size_t old) -> ObjectPtr {
    if (maxPool2d || isAbsent(v[old]))
      return v[now];
    if (!isAbsent(v[now]))
      in.error(a.loc,
               llvm::formatv("{0}: give {1} or its old name {2}, not "
                             "both",
                             name, llvm::StringRef(params[now]).drop_back(),
                             llvm::StringRef(params[old]).drop_back()));
    return v[old];
  };
  ObjectPtr ws = either(1, 6), stride = either(3, 7), pad = either(4, 8);
  if (isAbsent(ws))
    in.error(a.loc, "pool_2d: the window size ws is required");
  std::array<int64_t, 2> window =
      pairArgument(in, ws, {0, 0}, name, "ws", a.loc);
  std::array<int64_t, 2> strides =
      pairArgument(in, stride, window, name, "stride", a.loc);
  std::array<int64_t, 2> padding =
      pairArgument(in, pad, {0, 0}, name, "pad", a.loc);
  // Theano's default is False (with a warning that it would change).
  bool ignoreBorder = !isAbsent(v[2]) && truthy(in, v[2], a.loc);
  std::string mode = "max";
  if (!isAbsent(v[5])) {
    auto *text = llvm::dyn_cast<StrObject>(v[5].get());
    if (!text)
      in.error(a.loc, llvm::formatv("{0}: mode must be a string", name));
    mode = text->value;
  }
  return tensorResult(in.tensors().pool2d(v[0], window, strides, padding,
                                          ignoreBorder, mode, a.loc));
}

ObjectPtr eval::nnetFunction(llvm::StringRef qualified, llvm::StringRef name) {
  std::string q = qualified.str();
  if (name == "relu")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      // 0.5 * (x + |x|), or with a slope alpha for x < 0,
      // 0.5 * (1 + alpha) * x + 0.5 * (1 - alpha) * |x|.
      auto v = bindArgs(in, a, "relu", {"x", "alpha?"});
      TensorBuilder &tb = in.tensors();
      TensorPtr x = tb.asTensor(v[0], a.loc);
      TensorPtr abs = tb.unary(UnaryKind::Abs, x, a.loc);
      std::optional<double> alpha =
          isAbsent(v[1]) ? std::optional<double>(0.0) : asFloat(v[1]);
      if (alpha == 0.0)
        return tensorResult(
            tb.elemwise(ElemwiseKind::Mul, Interpreter::floating(0.5),
                        tb.elemwise(ElemwiseKind::Add, x, abs, a.loc), a.loc));
      ObjectPtr al = v[1];
      auto half = [&](ElemwiseKind k) {
        return tb.elemwise(
            ElemwiseKind::Mul, Interpreter::floating(0.5),
            tb.elemwise(k, Interpreter::floating(1.0), al, a.loc), a.loc);
      };
      return tensorResult(tb.elemwise(
          ElemwiseKind::Add,
          tb.elemwise(ElemwiseKind::Mul, half(ElemwiseKind::Add), x, a.loc),
          tb.elemwise(ElemwiseKind::Mul, half(ElemwiseKind::Sub), abs, a.loc),
          a.loc));
    });
  if (name == "elu")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      // switch(x > 0, x, alpha * expm1(x))
      auto v = bindArgs(in, a, "elu", {"x", "alpha?"});
      TensorBuilder &tb = in.tensors();
      TensorPtr x = tb.asTensor(v[0], a.loc);
      ObjectPtr alpha = isAbsent(v[1]) ? Interpreter::floating(1.0) : v[1];
      TensorPtr negative =
          tb.elemwise(ElemwiseKind::Mul, alpha,
                      tb.unary(UnaryKind::Expm1, x, a.loc), a.loc);
      return tensorResult(tb.switchOp(
          tb.elemwise(ElemwiseKind::Gt, x, Interpreter::integer(0), a.loc), x,
          negative, a.loc));
    });
  if (name == "hard_sigmoid")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      // clip(0.2 * x + 0.5, 0, 1), the constants in x's float dtype.
      auto v = bindArgs(in, a, "hard_sigmoid", {"x"});
      TensorBuilder &tb = in.tensors();
      TensorPtr x = tb.asTensor(v[0], a.loc);
      numpy::DType dtype = numpy::theano::upgradeToFloat(tb.dtypeOf(x));
      auto constant = [&](double c) {
        return tb.cast(Interpreter::floating(c), dtype, a.loc);
      };
      TensorPtr y =
          tb.elemwise(ElemwiseKind::Add,
                      tb.elemwise(ElemwiseKind::Mul, x, constant(0.2), a.loc),
                      constant(0.5), a.loc);
      return tensorResult(tb.elemwise(
          ElemwiseKind::Minimum,
          tb.elemwise(ElemwiseKind::Maximum, y, Interpreter::integer(0), a.loc),
          Interpreter::integer(1), a.loc));
    });
  if (name == "softsign")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      // x / (1 + |x|)
      auto v = bindArgs(in, a, "softsign", {"x"});
      TensorBuilder &tb = in.tensors();
      // Theano's ScalarSoftsign upgrades to float (int8 -> float32).
      TensorPtr x = tb.asTensor(v[0], a.loc);
      x = tb.cast(x, numpy::theano::upgradeToFloat(tb.dtypeOf(x)), a.loc);
      return tensorResult(
          tb.elemwise(ElemwiseKind::TrueDiv, x,
                      tb.elemwise(ElemwiseKind::Add, Interpreter::integer(1),
                                  tb.unary(UnaryKind::Abs, x, a.loc), a.loc),
                      a.loc));
    });
  if (name == "conv2d")
    return makeBuiltin(
        q,
        [old = qualified.starts_with("theano.tensor.nnet.conv.")](
            Interpreter &in, CallArgs &a) { return conv2dCall(in, a, old); });
  if (name == "pool_2d" || name == "max_pool_2d")
    return makeBuiltin(
        q, [old = name == "max_pool_2d"](Interpreter &in, CallArgs &a) {
          return pool2dCall(in, a, old);
        });
  return nullptr;
}
