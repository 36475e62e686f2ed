//===- TensorContract.cpp - tensordot as one matrix product ---------------===//
//
// Theano's _tensordot_as_dot: the operands are transposed so that the
// contracted axes meet, flattened to matrices and multiplied by one th.dot
// (so one BLAS call on the CPU), and the free axes are restored by a
// reshape. T.dot of operands of rank above 2 is this tensordot, as in
// Theano. Gradients come from dimshuffle, reshape and dot.
//
//===----------------------------------------------------------------------===//

#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

ObjectPtr TensorBuilder::sizeProduct(const TensorPtr &x,
                                     llvm::ArrayRef<int64_t> dims,
                                     Location loc) {
  ObjectPtr product = Interpreter::integer(1);
  for (int64_t d : dims)
    product = sizeTimes(product, dimSize(x, d, loc), loc);
  return product;
}

static std::vector<int64_t> freeAxes(int64_t rank,
                                     llvm::ArrayRef<int64_t> contracted) {
  std::vector<int64_t> free;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(contracted, d))
      free.push_back(d);
  return free;
}

static ObjectPtr tupleOf(ObjectList items) {
  auto tuple = std::make_shared<TupleObject>();
  tuple->items = std::move(items);
  return tuple;
}

TensorPtr TensorBuilder::tensordot(const TensorPtr &a, const TensorPtr &b,
                                   llvm::ArrayRef<int64_t> ca,
                                   llvm::ArrayRef<int64_t> cb,
                                   llvm::StringRef name, Location loc) {
  assert(!ca.empty() && ca.size() == cb.size() && "contracts some axes");
  auto typeA = llvm::cast<RankedTensorType>(a->value.getType());
  auto typeB = llvm::cast<RankedTensorType>(b->value.getType());
  // The flattened product only checks that the contracted sizes multiply
  // to the same count; sizes the types know are checked axis by axis here.
  for (auto [da, db] : llvm::zip(ca, cb)) {
    int64_t na = typeA.getDimSize(da), nb = typeB.getDimSize(db);
    if (!ShapedType::isDynamic(na) && !ShapedType::isDynamic(nb) && na != nb)
      interp.error(loc, llvm::formatv("{0}: axis {1} of a has size {2} but "
                                      "axis {3} of b has size {4}",
                                      name, da, na, db, nb));
  }
  std::vector<int64_t> fa = freeAxes(typeA.getRank(), ca);
  std::vector<int64_t> fb = freeAxes(typeB.getRank(), cb);
  std::vector<int64_t> pa = fa, pb(cb.begin(), cb.end());
  pa.insert(pa.end(), ca.begin(), ca.end());
  pb.insert(pb.end(), fb.begin(), fb.end());
  // Each operand as a matrix (a vector where it has no free axes).
  ObjectList shapeA, shapeB{sizeProduct(b, cb, loc)};
  if (!fa.empty())
    shapeA.push_back(sizeProduct(a, fa, loc));
  shapeA.push_back(sizeProduct(a, ca, loc));
  if (!fb.empty())
    shapeB.push_back(sizeProduct(b, fb, loc));
  TensorPtr matA =
      reshape(dimshuffle(a, pa, loc), tupleOf(shapeA), std::nullopt, loc);
  TensorPtr matB =
      reshape(dimshuffle(b, pb, loc), tupleOf(shapeB), std::nullopt, loc);
  TensorPtr product = dot(matA, matB, loc);
  if (fa.size() <= 1 && fb.size() <= 1)
    return product;
  ObjectList shape;
  for (int64_t d : fa)
    shape.push_back(dimSize(a, d, loc));
  for (int64_t d : fb)
    shape.push_back(dimSize(b, d, loc));
  return reshape(product, tupleOf(shape), std::nullopt, loc);
}
