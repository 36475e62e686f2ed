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

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "NumPy/TheanoDTypeRules.h"
#include "Th/IR/ThOps.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;

/// The dilated filter spans dilation * (k - 1) + 1 rows: 'full' pads one
/// less than that, 'half' half of it (rounded down).
static int64_t borderPadding(ConvBorder border, int64_t filterSize,
                             int64_t dilation) {
  int64_t span = th::dilatedSize(filterSize, dilation);
  return border == ConvBorder::Full ? span - 1 : span / 2;
}

Value TensorBuilder::padByFilterSize(Value x, Value w, ConvBorder border,
                                     int64_t dilation, int64_t d,
                                     Location loc) {
  ObjectPtr k = dimSize(wrap(w), 2 + d, loc);
  ObjectPtr reach = elemwise(
      ElemwiseKind::Mul, Interpreter::integer(dilation),
      elemwise(ElemwiseKind::Sub, k, Interpreter::integer(1), loc), loc);
  ObjectPtr pad = border == ConvBorder::Full
                      ? reach
                      : elemwise(ElemwiseKind::IntDiv,
                                 elemwise(ElemwiseKind::Add, reach,
                                          Interpreter::integer(1), loc),
                                 Interpreter::integer(2), loc);
  TensorPtr image = wrap(x);
  ObjectList sizes;
  for (int64_t a = 0; a < 4; ++a)
    sizes.push_back(a == 2 + d ? pad : dimSize(image, a, loc));
  TensorPtr zeros =
      alloc(Interpreter::floating(0.0), sizes, dtypeOf(image), "conv2d", loc);
  return join({zeros, image, zeros}, 2 + d, "conv2d", loc)->value;
}

TensorPtr TensorBuilder::conv2d(const ObjectPtr &inputObj,
                                const ObjectPtr &filtersObj,
                                Conv2dOptions options, Location loc) {
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
  std::array<int64_t, 2> padding = options.padding;
  if (options.border != ConvBorder::Padding) {
    // th.conv2d pads by static sizes; where the filters' size is known only
    // at run time, the image gets its zero rows (columns) from joins.
    auto type = llvm::cast<RankedTensorType>(w.getType());
    for (int d = 0; d < 2; ++d) {
      padding[d] = 0;
      if (type.isDynamicDim(2 + d))
        x = padByFilterSize(x, w, options.border, options.dilations[d], d, loc);
      else
        padding[d] = borderPadding(options.border, type.getDimSize(2 + d),
                                   options.dilations[d]);
    }
  }
  if (options.flip) {
    th::IndexList reversed;
    reversed.starts.assign(4, th::kNoBound);
    reversed.stops.assign(4, th::kNoBound);
    reversed.steps = {1, 1, -1, -1};
    w = th::SubtensorOp::create(builder, loc, w, reversed);
  }
  auto convolve = [&](Value image, Value kernel) {
    std::string why;
    if (failed(th::inferConv2dResultType(
            llvm::cast<RankedTensorType>(image.getType()),
            llvm::cast<RankedTensorType>(kernel.getType()), padding,
            options.strides, options.dilations, &why)))
      interp.error(loc, "conv2d: " + why);
    return wrap(th::Conv2dOp::create(builder, loc, image, kernel, padding,
                                     options.strides, options.dilations)
                    .getResult());
  };
  int64_t groups = options.groups;
  if (groups == 1)
    return convolve(x, w);
  // Theano's num_groups: the channels and the filters split into `groups`
  // equal parts, part g of the image convolved with part g of the filters,
  // the results joined along the channels. The reshapes to (groups, part)
  // check that both counts are multiples of `groups` before the call.
  auto split = [&](Value v, int64_t axis) {
    TensorPtr t = wrap(v);
    ObjectPtr count = dimSize(t, axis, loc);
    if (std::optional<int64_t> n = asInt(count); n && *n % groups)
      interp.error(loc,
                   llvm::formatv("conv2d: num_groups={0} must divide "
                                 "the number of {1}, {2}",
                                 groups,
                                 axis == 0 ? "filters" : "input channels", *n));
    auto sizes = std::make_shared<TupleObject>();
    for (int64_t a = 0; a < 4; ++a) {
      if (a != axis) {
        sizes->items.push_back(dimSize(t, a, loc));
        continue;
      }
      sizes->items.push_back(Interpreter::integer(groups));
      sizes->items.push_back(elemwise(ElemwiseKind::IntDiv, count,
                                      Interpreter::integer(groups), loc));
    }
    return reshape(t, sizes, 5, loc);
  };
  TensorPtr images = split(x, 1), kernels = split(w, 0);
  ObjectList parts;
  for (int64_t g = 0; g < groups; ++g) {
    auto imageIndex = std::make_shared<TupleObject>(
        ObjectList{std::make_shared<SliceObject>(), Interpreter::integer(g)});
    auto *all = llvm::cast<SliceObject>(imageIndex->items[0].get());
    all->lower = all->upper = all->step = Interpreter::none();
    parts.push_back(
        convolve(subtensor(images, imageIndex, loc)->value,
                 subtensor(kernels, Interpreter::integer(g), loc)->value));
  }
  return join(parts, 1, "conv2d", loc);
}

TensorPtr TensorBuilder::pool2d(const ObjectPtr &inputObj,
                                std::array<int64_t, 2> window,
                                std::array<int64_t, 2> strides,
                                std::array<int64_t, 2> padding,
                                bool ignoreBorder, llvm::StringRef mode,
                                Location loc) {
  TensorPtr input = asTensor(inputObj, loc);
  int64_t rank = rankOf(input);
  if (rank < 2)
    interp.error(loc, llvm::formatv("pool_2d: the input must have at least 2 "
                                    "dimensions (it pools the last two), got "
                                    "rank {0}",
                                    rank));
  if (rank > 4) {
    // Theano's Pool loops over all the leading dimensions: they are one
    // batch dimension while pooling.
    auto sizes =
        std::make_shared<TupleObject>(ObjectList{Interpreter::integer(-1)});
    for (int64_t d = rank - 3; d < rank; ++d)
      sizes->items.push_back(dimSize(input, d, loc));
    TensorPtr pooled = pool2d(reshape(input, sizes, 4, loc), window, strides,
                              padding, ignoreBorder, mode, loc);
    sizes->items.clear();
    for (int64_t d = 0; d < rank - 2; ++d)
      sizes->items.push_back(dimSize(input, d, loc));
    for (int64_t d = 2; d < 4; ++d)
      sizes->items.push_back(dimSize(pooled, d, loc));
    return reshape(pooled, sizes, rank, loc);
  }
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
