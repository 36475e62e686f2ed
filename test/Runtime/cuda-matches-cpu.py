# On a machine with a GPU: the same model compiled for the CPU and for CUDA
# gives the same outputs and the same new shared values, call after call
# (float64, and float32 as Theano's GPU default), with inputs from host
# memory; a failed call on the GPU leaves the state as it was.
# REQUIRES: cuda-device
# RUN: rm -rf %t.dir && mkdir -p %t.dir
# RUN: %tcc %S/../CodeGen/Inputs/cuda_model.th -o %t.dir/cpu.so
# RUN: %tcc %S/../CodeGen/Inputs/cuda_model.th --device=cuda -o %t.dir/cuda.so
# RUN: %tcc %S/../CodeGen/Inputs/cuda_model.th --floatX=float32 -o %t.dir/cpu32.so
# RUN: %tcc %S/../CodeGen/Inputs/cuda_model.th --floatX=float32 --device=cuda -o %t.dir/cuda32.so
# RUN: %python %s %t.dir | FileCheck %s
# CHECK: float64: f matches, step matches x5, w matches
# CHECK-NEXT: float64: bad call: status 1, w unchanged
# CHECK-NEXT: float32: f matches, step matches x5, w matches
# CHECK-NEXT: float32: bad call: status 1, w unchanged
import os
import sys

import numpy

import tcc

directory = sys.argv[1]
rng = numpy.random.RandomState(0)
for dtype, suffix, rtol in (("float64", "", 1e-12), ("float32", "32", 1e-5)):
    cpu = tcc.load(os.path.join(directory, f"cpu{suffix}.so"))
    gpu = tcc.load(os.path.join(directory, f"cuda{suffix}.so"))
    x = rng.randn(1000, 3).astype(dtype)
    y = rng.randn(5000).astype(dtype)
    for a, b in zip(cpu.f(x, y), gpu.f(x, y)):
        numpy.testing.assert_allclose(b, a, rtol=rtol, atol=rtol)
    for _ in range(5):
        numpy.testing.assert_allclose(gpu.step(x), cpu.step(x), rtol=rtol)
    numpy.testing.assert_allclose(gpu.w.get_value(), cpu.w.get_value(),
                                  rtol=rtol)
    print(f"{dtype}: f matches, step matches x5, w matches")
    before = gpu.w.get_value()
    try:
        gpu.step(numpy.ones((4, 2), dtype))  # x.shape[1] != w.shape[0]
    except tcc.Error as e:
        same = numpy.array_equal(gpu.w.get_value(), before)
        print(f"{dtype}: bad call: status {e.status}, w "
              f"{'unchanged' if same else 'CHANGED'}")
