// Shared variables: get/set/reset and their errors, .npz save/load (also
// against files NumPy wrote and read), and that a refused load or set
// changes nothing.
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %python %S/Inputs/make_npz.py %t.dir
// RUN: %cc -I%tcc_include -I%S/Inputs %s %tcc_libdir/tcc_fake_model.so -o %t
// RUN: %t %t.dir | FileCheck %s --match-full-lines
// RUN: %python %S/Inputs/print_npz.py %t.dir/state.npz | FileCheck %s --check-prefix=NUMPY --match-full-lines
// RUN: ls %t.dir | FileCheck %s --check-prefix=FILES --implicit-check-not=tmp

// NUMPY:p: int64 () 10
// NUMPY-NEXT:q: int64 () 20
// NUMPY-NEXT:sh: int64 () 5
// NUMPY-NEXT:v: float32 (1, 4) {{\[\[}}0.5, 1.5, 2.5, 3.5]]
// NUMPY-NEXT:w: float64 (2, 3) {{\[\[}}1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]

// FILES: state.npz

#include "test_util.h"

static char dir[4096];

static const char *path(const char *name) {
  static char buf[4200];
  snprintf(buf, sizeof buf, "%s/%s", dir, name);
  return buf;
}

static void print_all(void) {
  print_shared("sh");
  print_shared("w");
  print_shared("p");
  print_shared("q");
  print_shared("v");
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  snprintf(dir, sizeof dir, "%s", argv[1]);
  tcc_array a;

  // get errors.
  print_status(tcc_shared_get(NULL, &a));
  // CHECK:status=1: tcc_shared_get: name is null
  print_status(tcc_shared_get("nope", &a));
  // CHECK-NEXT:status=2: tcc_shared_get: no shared variable named 'nope'
  print_status(tcc_shared_get("w", NULL));
  // CHECK-NEXT:status=1: tcc_shared_get: out is null

  // set errors: exact dtype, rank, broadcastable, null data.
  double d6[6] = {1, 2, 3, 4, 5, 6};
  float f8[8] = {0};
  tcc_array w = view(d6, TCC_FLOAT64, 2, (int64_t)2, (int64_t)3);
  print_status(tcc_shared_set(NULL, &w));
  // CHECK-NEXT:status=1: tcc_shared_set: name is null
  print_status(tcc_shared_set("nope", &w));
  // CHECK-NEXT:status=2: tcc_shared_set: no shared variable named 'nope'
  print_status(tcc_shared_set("w", NULL));
  // CHECK-NEXT:status=1: tcc_shared_set: value is null
  tcc_array wf = view(f8, TCC_FLOAT32, 2, (int64_t)2, (int64_t)3);
  print_status(tcc_shared_set("w", &wf));
  // CHECK-NEXT:status=1: tcc_shared_set: shared variable 'w' must be float64, got float32
  tcc_array w1 = view(d6, TCC_FLOAT64, 1, (int64_t)6);
  print_status(tcc_shared_set("w", &w1));
  // CHECK-NEXT:status=1: tcc_shared_set: shared variable 'w' must have rank 2, got rank 1 (shape (6,))
  tcc_array v24 = view(f8, TCC_FLOAT32, 2, (int64_t)2, (int64_t)4);
  print_status(tcc_shared_set("v", &v24));
  // CHECK-NEXT:status=1: tcc_shared_set: shared variable 'v' has shape (2, 4) but its dimension 0 is broadcastable and must be 1
  tcc_array wn = view(NULL, TCC_FLOAT64, 2, (int64_t)2, (int64_t)3);
  print_status(tcc_shared_set("w", &wn));
  // CHECK-NEXT:status=1: tcc_shared_set: shared variable 'w' has a null data pointer
  print_all();
  // CHECK-NEXT:sh shape=() 3
  // CHECK-NEXT:w shape=(2, 3) {{\[\[}}1 2 3] [4 5 6]]
  // CHECK-NEXT:p shape=() 10
  // CHECK-NEXT:q shape=() 20
  // CHECK-NEXT:v shape=(1, 4) {{\[\[}}0.5 1.5 2.5 3.5]]

  // set may change a non-broadcastable shape (as Theano allows); the value
  // is copied (from a strided view), so changing the source later is fine.
  tcc_array wt = view(d6, TCC_FLOAT64, 2, (int64_t)3, (int64_t)2);
  wt.strides[0] = 8;
  wt.strides[1] = 24;
  print_status(tcc_shared_set("w", &wt));
  // CHECK-NEXT:status=0: ok
  d6[0] = 100;
  print_shared("w");
  // CHECK-NEXT:w shape=(3, 2) {{\[\[}}1 4] [2 5] [3 6]]
  // Shape checks see the current shape.
  double m[6] = {0};
  tcc_array m23 = view(m, TCC_FLOAT64, 2, (int64_t)2, (int64_t)3);
  tcc_array outs[2];
  print_status(tcc_call("addw", &m23, 1, outs, 2));
  // CHECK-NEXT:status=1: addw: argument 0 ('m') has shape (2, 3) but shared variable 'w' has shape (3, 2): elementwise + at fake.th:4:9 needs m.shape[0] == w.shape[0]

  // Save after an update, reset, load back.
  d6[0] = 1;
  double wt2[6] = {1, 3, 5, 2, 4, 6};
  tcc_array w2 = view(wt2, TCC_FLOAT64, 2, (int64_t)2, (int64_t)3);
  print_status(tcc_shared_set("w", &w2));
  // CHECK-NEXT:status=0: ok
  int64_t two = 2;
  tcc_array x = view(&two, TCC_INT64, 0);
  print_status(tcc_call("acc", &x, 1, outs, 2));
  // CHECK-NEXT:status=0: ok
  tcc_array_release(&outs[0]);
  tcc_array_release(&outs[1]);
  print_status(tcc_shared_save(path("state.npz")));
  // CHECK-NEXT:status=0: ok
  print_status(tcc_shared_reset());
  // CHECK-NEXT:status=0: ok
  print_shared("sh");
  // CHECK-NEXT:sh shape=() 3
  print_status(tcc_shared_load(path("state.npz")));
  // CHECK-NEXT:status=0: ok
  print_all();
  // CHECK-NEXT:sh shape=() 5
  // CHECK-NEXT:w shape=(2, 3) {{\[\[}}1 3 5] [2 4 6]]
  // CHECK-NEXT:p shape=() 10
  // CHECK-NEXT:q shape=() 20
  // CHECK-NEXT:v shape=(1, 4) {{\[\[}}0.5 1.5 2.5 3.5]]

  // Files NumPy wrote (numpy.savez: zip64 local headers, Fortran order).
  print_status(tcc_shared_load(path("numpy_ok.npz")));
  // CHECK-NEXT:status=0: ok
  print_all();
  // CHECK-NEXT:sh shape=() 42
  // CHECK-NEXT:w shape=(2, 3) {{\[\[}}0.5 1.5 2.5] [3.5 4.5 5.5]]
  // CHECK-NEXT:p shape=() -1
  // CHECK-NEXT:q shape=() -2
  // CHECK-NEXT:v shape=(1, 4) {{\[\[}}9 8 7 6]]
  print_status(tcc_shared_load(path("fortran.npz")));
  // CHECK-NEXT:status=0: ok
  print_shared("w");
  // CHECK-NEXT:w shape=(2, 3) {{\[\[}}0 1 2] [3 4 5]]
  print_status(tcc_shared_load(path("state.npz")));
  // CHECK-NEXT:status=0: ok

  // Refused loads: each leaves every variable as it was.
  const char *bad[] = {"missing-file.npz", "notzip.npz",  "compressed.npz",
                       "wrong_dtype.npz",  "big_endian.npz", "wrong_rank.npz",
                       "bcast.npz",        "extra.npz",   "missing.npz",
                       "corrupt.npz",      "adir.npz"};
  for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; ++i)
    print_status(tcc_shared_load(path(bad[i])));
  // CHECK-NEXT:status=4: tcc_shared_load: cannot open '{{.*}}/missing-file.npz': No such file or directory
  // CHECK-NEXT:status=4: tcc_shared_load: '{{.*}}/notzip.npz' is not a valid zip archive (no end of central directory)
  // CHECK-NEXT:status=4: tcc_shared_load: '{{.*}}/compressed.npz' has a compressed entry '{{.*}}.npy' (method 8); only uncompressed archives (numpy.savez, not numpy.savez_compressed) can be loaded
  // CHECK-NEXT:status=1: tcc_shared_load: '{{.*}}/wrong_dtype.npz': array 'w' must be float64, got float32
  // CHECK-NEXT:status=1: tcc_shared_load: '{{.*}}/big_endian.npz': array 'w' must be float64, got '>f8'
  // CHECK-NEXT:status=1: tcc_shared_load: '{{.*}}/wrong_rank.npz': array 'w' must have rank 2, got rank 1 (shape (6,))
  // CHECK-NEXT:status=1: tcc_shared_load: '{{.*}}/bcast.npz': array 'v' has shape (2, 4) but its dimension 0 is broadcastable and must be 1
  // CHECK-NEXT:status=1: tcc_shared_load: '{{.*}}/extra.npz' has an array 'zz' but the model has no shared variable of that name
  // CHECK-NEXT:status=1: tcc_shared_load: '{{.*}}/missing.npz' has no array for shared variable 'q'
  // CHECK-NEXT:status=4: tcc_shared_load: '{{.*}}/corrupt.npz': array 'w' is corrupt (CRC mismatch)
  // CHECK-NEXT:status=4: tcc_shared_load: '{{.*}}/adir.npz' is not a valid zip archive (cannot read its end)
  print_all();
  // CHECK-NEXT:sh shape=() 5
  // CHECK-NEXT:w shape=(2, 3) {{\[\[}}1 3 5] [2 4 6]]
  // CHECK-NEXT:p shape=() 10
  // CHECK-NEXT:q shape=() 20
  // CHECK-NEXT:v shape=(1, 4) {{\[\[}}0.5 1.5 2.5 3.5]]

  // Save errors; the failed saves leave no temporary file behind.
  print_status(tcc_shared_save(NULL));
  // CHECK-NEXT:status=1: tcc_shared_save: path is null
  print_status(tcc_shared_save("/nonexistent-dir/x.npz"));
  // CHECK-NEXT:status=4: tcc_shared_save: cannot create a temporary file beside '/nonexistent-dir/x.npz': No such file or directory
  print_status(tcc_shared_save(path("adir.npz")));
  // CHECK-NEXT:status=4: tcc_shared_save: cannot write '{{.*}}/adir.npz': Is a directory
  print_status(tcc_shared_load(NULL));
  // CHECK-NEXT:status=1: tcc_shared_load: path is null

  // Saving over an existing file replaces it.
  print_status(tcc_shared_save(path("state.npz")));
  // CHECK-NEXT:status=0: ok
  return 0;
}
