// A model whose manifest the runtime cannot use fails every call with the
// reason, instead of crashing or misreading it.
// RUN: %cc -I%tcc_include -I%S/Inputs %s %tcc_libdir/tcc_bad_model.so -o %t
// RUN: %t | FileCheck %s --match-full-lines

#include "test_util.h"

int main(void) {
  printf("manifest starts: %.13s\n", tcc_manifest());
  // CHECK:manifest starts: {"tcc_abi": 2
  print_status(tcc_call("f", NULL, 0, NULL, 0));
  // CHECK-NEXT:status=5: manifest: tcc_abi: this runtime implements ABI 1, got 2
  print_status(tcc_call_index(0, NULL, 0, NULL, 0));
  // CHECK-NEXT:status=5: manifest: tcc_abi: this runtime implements ABI 1, got 2
  tcc_array a;
  print_status(tcc_shared_get("w", &a));
  // CHECK-NEXT:status=5: manifest: tcc_abi: this runtime implements ABI 1, got 2
  print_status(tcc_shared_save("/nonexistent/x.npz"));
  // CHECK-NEXT:status=5: manifest: tcc_abi: this runtime implements ABI 1, got 2
  return 0;
}
