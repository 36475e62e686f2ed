// RUN: %tcc-opt %s --split-input-file | %tcc-opt --split-input-file | FileCheck %s --check-prefix=ROUND
// RUN: %tcc-opt %s --split-input-file --canonicalize | FileCheck %s --check-prefix=FOLD

// th.join and th.join_piece parse and print; a one-input join folds to its
// input, and a piece of a join of the same pieces folds to that piece.

// ROUND-LABEL: th.func @join_types
// ROUND: join %{{.*}}, %{{.*}} axis = 1 : (tensor<?x1xf64>, tensor<?x?xf64>) -> tensor<?x?xf64>
// ROUND: join %{{.*}}, %{{.*}} axis = 0 : (tensor<?x1xf64>, tensor<?x?xf64>) -> tensor<?x1xf64>
// ROUND: join %{{.*}}, %{{.*}} axis = 1 : (tensor<?x1xf64>, tensor<?x1xf64>) -> tensor<?x2xf64>
// ROUND: join_piece %{{.*}}[1] of(%{{.*}}, %{{.*}}) axis = 1 : tensor<?x?xf64>, (tensor<?x1xf64>, tensor<?x?xf64>) -> tensor<?x?xf64>
th.func @join_types(%c: tensor<?x1xf64>, %m: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x1xf64>, tensor<?x2xf64>, tensor<?x?xf64>) {
  %0 = th.join %c, %m axis = 1 : (tensor<?x1xf64>, tensor<?x?xf64>) -> tensor<?x?xf64>
  // Broadcastable where any input is (Theano's rule).
  %1 = th.join %c, %m axis = 0 : (tensor<?x1xf64>, tensor<?x?xf64>) -> tensor<?x1xf64>
  %2 = th.join %c, %c axis = 1 : (tensor<?x1xf64>, tensor<?x1xf64>) -> tensor<?x2xf64>
  %3 = th.join_piece %0[1] of(%c, %m) axis = 1 : tensor<?x?xf64>, (tensor<?x1xf64>, tensor<?x?xf64>) -> tensor<?x?xf64>
  th.return %0, %1, %2, %3 : tensor<?x?xf64>, tensor<?x1xf64>, tensor<?x2xf64>, tensor<?x?xf64>
}

// FOLD-LABEL: th.func @fold_piece
// FOLD-SAME: (%[[C:.*]]: tensor<?x1xf64>, %[[M:.*]]: tensor<?x?xf64>)
// FOLD-NOT: join_piece
// FOLD: return %[[M]], %[[C]]

// -----

th.func @fold_piece(%c: tensor<?x1xf64>, %m: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x1xf64>) {
  %0 = th.join %c, %m axis = 1 : (tensor<?x1xf64>, tensor<?x?xf64>) -> tensor<?x?xf64>
  %1 = th.join_piece %0[1] of(%c, %m) axis = 1 : tensor<?x?xf64>, (tensor<?x1xf64>, tensor<?x?xf64>) -> tensor<?x?xf64>
  %2 = th.join %c axis = 0 : (tensor<?x1xf64>) -> tensor<?x1xf64>
  th.return %1, %2 : tensor<?x?xf64>, tensor<?x1xf64>
}
