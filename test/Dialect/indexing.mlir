// RUN: %tcc-opt %s --split-input-file | %tcc-opt --split-input-file | FileCheck %s --check-prefix=ROUND
// RUN: %tcc-opt %s --split-input-file --canonicalize | FileCheck %s --check-prefix=FOLD

// th.subtensor, th.inc_subtensor, th.set_subtensor and th.reshape parse and
// print (index lists as written in Python: constant and run-time bounds,
// omitted bounds, negative steps, integer indices); a subtensor of whole
// slices and a reshape to the input's own sizes fold to the input.

// ROUND-LABEL: th.func @index_lists
// ROUND: subtensor %{{.*}}[1:-1:2, 0] : tensor<?x?xf64> -> tensor<?xf64>
// ROUND: subtensor %{{.*}}[%{{.*}}:, ::-1] : tensor<5x4xf64> -> tensor<?x4xf64>
// ROUND: subtensor %{{.*}}[2:4, -1] : tensor<5x4xf64> -> tensor<2xf64>
// ROUND: inc_subtensor %{{.*}}[:, 1:%{{.*}}], %{{.*}} : tensor<?x?xf64>, tensor<1xf64> -> tensor<?x?xf64>
// ROUND: set_subtensor %{{.*}}[3], %{{.*}} : tensor<5x4xf64>, tensor<4xf64> -> tensor<5x4xf64>
// ROUND: reshape %{{.*}}, [%{{.*}}, %{{.*}}] : tensor<?x?xf64>, (tensor<i64>, tensor<i64>) -> tensor<?x3xf64>
th.func @index_lists(%x: tensor<?x?xf64>, %s: tensor<5x4xf64>, %i: tensor<i64>, %v: tensor<1xf64>, %r: tensor<4xf64>) -> (tensor<?xf64>, tensor<?x4xf64>, tensor<2xf64>, tensor<?x?xf64>, tensor<5x4xf64>, tensor<?x3xf64>) {
  %0 = th.subtensor %x[1:-1:2, 0] : tensor<?x?xf64> -> tensor<?xf64>
  %1 = th.subtensor %s[%i:, ::-1] : tensor<5x4xf64> -> tensor<?x4xf64>
  %2 = th.subtensor %s[2:4, -1] : tensor<5x4xf64> -> tensor<2xf64>
  %3 = th.inc_subtensor %x[:, 1:%i], %v : tensor<?x?xf64>, tensor<1xf64> -> tensor<?x?xf64>
  %4 = th.set_subtensor %s[3], %r : tensor<5x4xf64>, tensor<4xf64> -> tensor<5x4xf64>
  %m1 = th.constant dense<-1> : tensor<i64>
  %three = th.constant dense<3> : tensor<i64>
  %5 = th.reshape %x, [%m1, %three] : tensor<?x?xf64>, (tensor<i64>, tensor<i64>) -> tensor<?x3xf64>
  th.return %0, %1, %2, %3, %4, %5 : tensor<?xf64>, tensor<?x4xf64>, tensor<2xf64>, tensor<?x?xf64>, tensor<5x4xf64>, tensor<?x3xf64>
}

// -----

// FOLD-LABEL: th.func @fold_whole
// FOLD-SAME: (%[[X:.*]]: tensor<?x?xf64>)
// FOLD-NOT: subtensor
// FOLD-NOT: reshape
// FOLD: return %[[X]], %[[X]], %[[X]]
th.func @fold_whole(%x: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>) {
  %0 = th.subtensor %x[:, ::1] : tensor<?x?xf64> -> tensor<?x?xf64>
  %1 = th.subtensor %x[] : tensor<?x?xf64> -> tensor<?x?xf64>
  %d0 = th.shape_i %x[0] : tensor<?x?xf64> -> tensor<i64>
  %d1 = th.shape_i %x[1] : tensor<?x?xf64> -> tensor<i64>
  %2 = th.reshape %x, [%d0, %d1] : tensor<?x?xf64>, (tensor<i64>, tensor<i64>) -> tensor<?x?xf64>
  th.return %0, %1, %2 : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
}

// -----

// A reshape that swaps the sizes is not the identity.
// FOLD-LABEL: th.func @no_fold_swap
// FOLD: reshape %{{.*}}, [%[[D1:.*]], %[[D0:.*]]]
th.func @no_fold_swap(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %d0 = th.shape_i %x[0] : tensor<?x?xf64> -> tensor<i64>
  %d1 = th.shape_i %x[1] : tensor<?x?xf64> -> tensor<i64>
  %0 = th.reshape %x, [%d1, %d0] : tensor<?x?xf64>, (tensor<i64>, tensor<i64>) -> tensor<?x?xf64>
  th.return %0 : tensor<?x?xf64>
}
