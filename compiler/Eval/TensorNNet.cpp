//===- TensorNNet.cpp - conv2d and pool_2d --------------------------------===//
//
// Theano's conv2d (nnet.abstract_conv) and pool_2d (signal.pool) on top of
// th.conv2d and th.pool2d. conv2d flips the filters (a true convolution,
// filter_flip=True) with a reversed subtensor. The average pooling modes
// are sums divided by the number of elements each window counts, which a
// sum pooling of ones gives (only windows that overlap the border differ);
// the gradients then follow from those of the parts.
//
//===----------------------------------------------------------------------===//

#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "NumPy/TheanoDTypeRules.h"
#include "Th/IR/ThOps.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;

TensorPtr TensorBuilder::conv2d(const ObjectPtr &inputObj,
                                const ObjectPtr &filtersObj,
                                std::array<int64_t, 2> padding,
                                std::array<int64_t, 2> strides,
                                std::array<int64_t, 2> dilations, bool flip,
                                Location loc) {
  TensorPtr input = asTensor(inputObj, loc),
            filters = asTensor(filtersObj, loc);
  for (auto [what, t] : {std::pair{"input", input}, {"filters", filters}})
    if (rankOf(t) != 4)
      interp.error(loc,
                   llvm::formatv("conv2d: the {0} must be a 4-d tensor "
                                 "({1}, rows, columns), got rank {2}",
                                 what,
                                 t == input ? "batch, channels"
                                            : "output channels, input channels",
                                 rankOf(t)));
  DType dtype = numpy::theano::upgradeToFloat(
      numpy::theano::upcast(dtypeOf(input), dtypeOf(filters)));
  if (numpy::isComplex(dtype))
    interp.error(loc, "conv2d: complex tensors are not supported");
  Value x = castValue(input->value, dtype, loc);
  Value w = castValue(filters->value, dtype, loc);
  if (flip) {
    th::IndexList reversed;
    reversed.starts.assign(4, th::kNoBound);
    reversed.stops.assign(4, th::kNoBound);
    reversed.steps = {1, 1, -1, -1};
    w = th::SubtensorOp::create(builder, loc, w, reversed);
  }
  std::string why;
  if (failed(
          th::inferConv2dResultType(llvm::cast<RankedTensorType>(x.getType()),
                                    llvm::cast<RankedTensorType>(w.getType()),
                                    padding, strides, dilations, &why)))
    interp.error(loc, "conv2d: " + why);
  return wrap(
      th::Conv2dOp::create(builder, loc, x, w, padding, strides, dilations)
          .getResult());
}

TensorPtr TensorBuilder::pool2d(const ObjectPtr &inputObj,
                                std::array<int64_t, 2> window,
                                std::array<int64_t, 2> strides,
                                std::array<int64_t, 2> padding,
                                bool ignoreBorder, llvm::StringRef mode,
                                Location loc) {
  TensorPtr input = asTensor(inputObj, loc);
  int64_t rank = rankOf(input);
  if (rank < 2 || rank > 4)
    interp.error(loc, llvm::formatv("pool_2d: the input must have 2 to 4 "
                                    "dimensions (it pools the last two), got "
                                    "rank {0}",
                                    rank));
  if (!numpy::isFloat(dtypeOf(input)))
    interp.error(loc, llvm::formatv("pool_2d: tcc pools float tensors; the "
                                    "input is {0}",
                                    numpy::dtypeName(dtypeOf(input))));
  bool average = mode == "average_inc_pad" || mode == "average_exc_pad";
  if (mode != "max" && mode != "sum" && !average)
    interp.error(loc, "pool_2d: mode must be 'max', 'sum', 'average_inc_pad' "
                      "or 'average_exc_pad', got '" +
                          mode.str() + "'");
  // Leading broadcastable dimensions make it (batch, channels, rows, cols).
  std::vector<int64_t> to4d(4 - rank, -1), back;
  for (int64_t d = 0; d < rank; ++d) {
    to4d.push_back(d);
    back.push_back(4 - rank + d);
  }
  Value x = rank == 4 ? input->value : dimshuffle(input, to4d, loc)->value;
  th::PoolMode kind = mode == "max" ? th::PoolMode::Max : th::PoolMode::Sum;
  auto pool = [&](Value v, std::array<int64_t, 2> pad) {
    std::string why;
    if (failed(th::inferPool2dResultType(
            llvm::cast<RankedTensorType>(v.getType()), window, strides, pad,
            ignoreBorder, &why)))
      interp.error(loc, "pool_2d: " + why);
    return th::Pool2dOp::create(builder, loc, v, window, strides, pad,
                                ignoreBorder, kind)
        .getResult();
  };
  TensorPtr result = wrap(pool(x, padding));
  if (average) {
    // Each window's count: a sum pooling of ones over the image (and, for
    // average_inc_pad, over its padding too). Inside the image, windows
    // count window rows x columns, which is all of them when they never
    // cross the border.
    bool inc = mode == "average_inc_pad";
    ObjectPtr counts;
    if (ignoreBorder && (inc || (padding[0] == 0 && padding[1] == 0))) {
      counts = cast(Interpreter::floating(double(window[0] * window[1])),
                    dtypeOf(input), loc);
    } else {
      TensorPtr x4 = wrap(x);
      ObjectList sizes = {Interpreter::integer(1), Interpreter::integer(1)};
      for (int d = 0; d < 2; ++d) {
        ObjectPtr size = dimSize(x4, 2 + d, loc);
        if (inc && padding[d])
          size = elemwise(ElemwiseKind::Add, size,
                          Interpreter::integer(2 * padding[d]), loc);
        sizes.push_back(size);
      }
      TensorPtr ones = alloc(Interpreter::floating(1.0), sizes, dtypeOf(input),
                             "pool_2d", loc);
      counts =
          wrap(pool(ones->value, inc ? std::array<int64_t, 2>{0, 0} : padding));
    }
    result = elemwise(ElemwiseKind::TrueDiv, result, counts, loc);
  }
  return rank == 4 ? result : dimshuffle(result, back, loc);
}
